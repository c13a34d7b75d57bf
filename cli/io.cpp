#include "io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace winnow::cli {

std::string display_name(const std::string& name) { return name == "-" ? "<stdin>" : name; }

GatheredStdout::GatheredStdout() : terminal_(::isatty(STDOUT_FILENO) == 1) {}

void stop_if_stdout_failed() {
  if (std::cout.good()) return;
  const int error = errno;
  const std::string line = std::string("winnow: cannot write to standard output: ") +
                           std::strerror(error != 0 ? error : EIO) + "\n";
  (void)!::write(STDERR_FILENO, line.data(), line.size());
  // Other threads may be working: end without running destructors.
  std::_Exit(1);
}

void GatheredStdout::write(std::string_view piece) {
  if (terminal_) {
    std::cout << piece;
    stop_if_stdout_failed();
    return;
  }
  held_ += piece;
  if (held_.size() >= kGather) flush();
}

void GatheredStdout::flush() {
  std::cout << held_;
  held_.clear();
  std::cout.flush();
  stop_if_stdout_failed();
}

namespace {

std::string over_limit(std::size_t max_bytes) {
  return "input is over the limit of " + std::to_string(max_bytes) + " bytes (--max-bytes)";
}

// Read to the end, or until more than max_bytes arrived: then `too_large` is
// set and what was read is released.
bool read_fd(int fd, std::size_t max_bytes, std::string& out, bool& too_large,
             std::string& error) {
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return false;
    }
    out.append(buf, static_cast<std::size_t>(n));
    if (max_bytes != 0 && out.size() > max_bytes) {
      too_large = true;
      std::string().swap(out);
      error = over_limit(max_bytes);
      return true;
    }
  }
}

// A regular file of `size` bytes (as fstat saw it): read straight into
// `out`, then on to the end as read_fd() does, should the file have grown.
// One byte more than `size` is asked for: a regular file gives less than
// asked only at its end, so a read that stops at exactly `size` bytes is
// the whole file without a second read to see the end.
bool read_regular(int fd, std::size_t size, std::size_t max_bytes, std::string& out, bool& too_large,
                  std::string& error) {
  out.resize(size + 1);
  std::size_t have = 0;
  while (have <= size) {
    ssize_t n = ::read(fd, out.data() + have, size + 1 - have);
    if (n == 0) break;  // shorter than it was: what is there is the file
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return false;
    }
    have += static_cast<std::size_t>(n);
    if (have == size) break;
  }
  out.resize(have);
  if (have <= size) return true;
  return read_fd(fd, max_bytes, out, too_large, error);
}

}  // namespace

std::optional<Input> read_input(const std::string& name, std::size_t max_bytes, std::string& error) {
  Input in;
  in.name = name;
  if (name == "-") {
    if (!read_fd(STDIN_FILENO, max_bytes, in.bytes, in.too_large, error)) return std::nullopt;
    return in;
  }
  int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = errno == ENOENT ? "no such file" : std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = "is a directory";
    return std::nullopt;
  }
  auto size = static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 0);
  if (S_ISREG(st.st_mode) && max_bytes != 0 && size > max_bytes) {
    ::close(fd);
    in.too_large = true;
    error = "input is " + std::to_string(size) + " bytes, over the limit of " +
            std::to_string(max_bytes) + " (--max-bytes)";
    return in;
  }
  bool ok = S_ISREG(st.st_mode) ? read_regular(fd, size, max_bytes, in.bytes, in.too_large, error)
                                 : read_fd(fd, max_bytes, in.bytes, in.too_large, error);
  ::close(fd);
  if (!ok) return std::nullopt;
  return in;
}

bool write_file_atomic(const std::string& path, const std::string& data, std::string& error) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string name = ".";
  name += target.filename().string();
  name += ".XXXXXX";
  std::string tmpl = (dir / name).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    error = std::string("cannot create a file in ") + dir.string() + ": " + std::strerror(errno);
    return false;
  }
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::string("write failed: ") + std::strerror(errno);
      ::close(fd);
      ::unlink(tmpl.c_str());
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::close(fd) != 0 || ::rename(tmpl.c_str(), path.c_str()) != 0) {
    error = std::string("cannot write ") + path + ": " + std::strerror(errno);
    ::unlink(tmpl.c_str());
    return false;
  }
  return true;
}

}  // namespace winnow::cli
