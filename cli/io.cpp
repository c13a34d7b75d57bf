#include "io.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

namespace winnow::cli {

namespace {

// The temporary files being written, where a signal handler can read them:
// fixed storage and lock-free flags, as only async-signal-safe work is
// allowed there. Outputs are written one at a time (the batch writes in
// input order, on one thread), so a few slots are plenty; a write that
// finds none free goes on unregistered.
struct TemporaryFile {
  std::atomic<bool> claimed{false};
  std::atomic<bool> exists{false};
  // Atomic characters: a handler on another thread may read the name while
  // the slot is named again for the next output (it then reads a mixed
  // name of this process's, which names nothing or a file it may remove).
  std::array<std::atomic<char>, PATH_MAX> path{};
};
std::array<TemporaryFile, 4> temporary_files;
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<char>::is_always_lock_free);

TemporaryFile* claim_temporary_file() {
  for (TemporaryFile& file : temporary_files) {
    if (!file.claimed.exchange(true, std::memory_order_acquire)) return &file;
  }
  return nullptr;
}

// The file is named in its slot before it is made, so that no signal finds
// a file it does not know of. The name is this process's own (its PID and a
// count): a signal before the file exists removes nothing, never a file of
// that name that someone else made.
void name_temporary_file(TemporaryFile* file, const std::string& path) {
  if (file == nullptr) return;
  file->exists.store(false, std::memory_order_release);
  if (path.size() >= PATH_MAX) return;
  for (std::size_t i = 0; i <= path.size(); ++i) file->path[i].store(path.c_str()[i], std::memory_order_relaxed);
  file->exists.store(true, std::memory_order_release);
}

std::string temporary_name(const std::filesystem::path& dir, const std::string& filename) {
  static std::atomic<std::uint64_t> count{0};
  return (dir / ("." + filename + "." + std::to_string(::getpid()) + "." + std::to_string(count++))).string();
}

// Frees the slot when the write is over, whichever way: after the rename or
// the unlink, so that a signal before it still finds the file.
struct TemporaryFileRegistration {
  TemporaryFile* file;
  ~TemporaryFileRegistration() {
    if (file == nullptr) return;
    file->exists.store(false, std::memory_order_release);
    file->claimed.store(false, std::memory_order_release);
  }
};

// Runs on whichever thread the signal reaches; the thread writing an output
// may go on for the moment the process takes to end, but its next temporary
// file would first need the current output finished.
extern "C" void remove_temporary_files_and_end(int signal_number) {
  const int saved_errno = errno;  // unlink() of a file renamed meanwhile fails
  for (TemporaryFile& file : temporary_files) {
    if (!file.exists.load(std::memory_order_acquire)) continue;
    char path[PATH_MAX];
    std::size_t i = 0;
    for (; i + 1 < PATH_MAX && (path[i] = file.path[i].load(std::memory_order_relaxed)) != '\0'; ++i) {
    }
    path[i] = '\0';
    ::unlink(path);
  }
  errno = saved_errno;
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

}  // namespace

void remove_temporary_files_on_signals() {
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction current {};
    if (::sigaction(signal_number, nullptr, &current) != 0 || current.sa_handler == SIG_IGN) continue;
    struct sigaction cleanup {};
    cleanup.sa_handler = remove_temporary_files_and_end;
    sigemptyset(&cleanup.sa_mask);
    ::sigaction(signal_number, &cleanup, nullptr);
  }
}

std::string display_name(const std::string& name) {
  if (name == "-") return "<stdin>";
  // A control character in a file name (a newline, an escape sequence)
  // would break a message's one line, or act on the terminal.
  const auto is_control = [](unsigned char c) { return c < 0x20 || c == 0x7F; };
  if (std::none_of(name.begin(), name.end(), is_control)) return name;
  std::string shown;
  for (unsigned char c : name) {
    if (c == '\n') {
      shown += "\\n";
    } else if (c == '\t') {
      shown += "\\t";
    } else if (is_control(c)) {
      static constexpr char kHex[] = "0123456789abcdef";
      shown += "\\x";
      shown += kHex[c >> 4];
      shown += kHex[c & 15];
    } else {
      shown += static_cast<char>(c);
    }
  }
  return shown;
}

namespace {

// The identity of the file at `path`, and whether it is a directory.
std::optional<FileId> file_id(const std::string& path, bool& directory) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  directory = S_ISDIR(st.st_mode);
  return FileId{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

}  // namespace

std::optional<FileId> file_id(const std::string& path) {
  bool directory = false;
  return file_id(path, directory);
}

std::string replaces_input_error(const std::string& out_path) {
  return "its output " + out_path + " would replace a file this run reads: not written (give -o a directory "
         "outside the inputs)";
}

NamedInputs::NamedInputs(const std::vector<std::string>& paths) {
  for (const auto& path : paths) {
    bool directory = false;
    const auto id = path == "-" ? std::nullopt : file_id(path, directory);
    if (id && !directory) ids_.push_back(*id);
  }
  std::sort(ids_.begin(), ids_.end());
}

bool NamedInputs::contains(const FileId& id) const { return std::binary_search(ids_.begin(), ids_.end(), id); }

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

std::string over_limit(std::size_t max_bytes) {
  return "input is over the limit of " + std::to_string(max_bytes) + " bytes (--max-bytes)";
}

namespace {

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
  const TemporaryFileRegistration registration{claim_temporary_file()};
  std::string tmpl;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmpl = temporary_name(dir, target.filename().string());
    name_temporary_file(registration.file, tmpl);
    fd = ::open(tmpl.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    // EEXIST: left by an earlier process with this PID; the next name.
    if (fd < 0 && errno != EEXIST) break;
  }
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
