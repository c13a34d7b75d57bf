#include "gzip.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include <zlib.h>

namespace winnow::cli {

bool is_gzip_name(std::string_view name) {
  if (name.size() < 3) return false;
  std::string_view tail = name.substr(name.size() - 3);
  return tail[0] == '.' && (tail[1] == 'g' || tail[1] == 'G') && (tail[2] == 'z' || tail[2] == 'Z');
}

std::optional<Input> read_gzip(const std::string& path, std::size_t max_bytes, std::string& error) {
  errno = 0;
  gzFile gz = ::gzopen(path.c_str(), "rb");
  if (gz == nullptr) {
    error = errno == ENOENT ? "no such file" : errno ? std::strerror(errno) : "cannot open";
    return std::nullopt;
  }
  ::gzbuffer(gz, 1 << 16);
  Input in;
  in.name = path;
  char buf[1 << 16];
  for (;;) {
    int n = ::gzread(gz, buf, sizeof buf);
    if (n < 0) {
      int code = 0;
      const char* message = ::gzerror(gz, &code);
      error = std::string("not a valid gzip file: ") + (message ? message : "read error");
      ::gzclose(gz);
      return std::nullopt;
    }
    if (n == 0) break;
    // Refused before the string grows past the limit: a bomb costs at most
    // max_bytes of memory, and its error says which limit it passed.
    if (max_bytes != 0 && in.bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
      ::gzclose(gz);
      std::string().swap(in.bytes);
      in.too_large = true;
      error = over_limit(max_bytes) + " once decompressed";
      return in;
    }
    in.bytes.append(buf, static_cast<std::size_t>(n));
  }
  // A truncated stream reads as a short file without an error from gzread;
  // gzclose_r reports it.
  int code = ::gzclose_r(gz);
  if (code != Z_OK && code != Z_BUF_ERROR) {
    error = "not a valid gzip file: corrupt data";
    return std::nullopt;
  }
  if (code == Z_BUF_ERROR) {
    error = "not a valid gzip file: truncated";
    return std::nullopt;
  }
  return in;
}

bool wanted_file(std::string_view name) {
  if (name.empty() || name[0] == '.') return false;  // hidden, and our own temporary files
  if (is_gzip_name(name)) name.remove_suffix(3);
  // Only the extension counts, in any case: the last five bytes at most.
  std::string ext(name.substr(name.size() - std::min<std::size_t>(name.size(), 5)));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext.ends_with(".html") || ext.ends_with(".htm") || ext.ends_with(".txt");
}

std::optional<Input> read_page_file(const std::string& path, std::size_t max_bytes, std::string& error) {
  return is_gzip_name(path) ? read_gzip(path, max_bytes, error) : read_input(path, max_bytes, error);
}

}  // namespace winnow::cli
