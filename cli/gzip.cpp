#include "gzip.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include <unistd.h>

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

namespace {

constexpr std::size_t kCompressedBuffer = std::size_t{1} << 17;

}  // namespace

GzipStream::GzipStream(int fd) : fd_(fd) {}

GzipStream::~GzipStream() {
  if (z_) ::inflateEnd(z_.get());
  if (fd_ >= 0) ::close(fd_);
}

void GzipStream::fail(std::string error) {
  error_ = std::move(error);
  kind_ = Kind::Done;
}

// More compressed bytes after those inflate has not taken yet; false at
// the end of the input, or on an error (then kind_ is Done).
bool GzipStream::fill() {
  if (input_ended_) return false;
  in_.erase(0, in_pos_);
  in_pos_ = 0;
  const std::size_t had = in_.size();
  in_.resize(had + kCompressedBuffer);
  for (;;) {
    const ssize_t n = ::read(fd_, in_.data() + had, kCompressedBuffer);
    if (n < 0 && errno == EINTR) continue;
    in_.resize(had + static_cast<std::size_t>(n > 0 ? n : 0));
    if (n < 0) fail(std::strerror(errno));
    if (n <= 0) input_ended_ = true;
    return n > 0;
  }
}

std::size_t GzipStream::read(char* out, std::size_t size) {
  if (kind_ == Kind::Unknown) {
    while (in_.size() < 2 && fill()) {
    }
    if (kind_ == Kind::Done) return 0;
    kind_ = in_.starts_with("\x1F\x8B") ? Kind::Gzip : Kind::Plain;
    if (kind_ == Kind::Gzip) {
      z_ = std::make_unique<z_stream>();
      if (::inflateInit2(z_.get(), 15 + 16) != Z_OK) fail("cannot start zlib");
    }
  }
  if (kind_ == Kind::Plain) {
    if (in_pos_ == in_.size() && !fill()) return 0;
    const std::size_t n = std::min(size, in_.size() - in_pos_);
    std::memcpy(out, in_.data() + in_pos_, n);
    in_pos_ += n;
    return n;
  }
  std::size_t produced = 0;
  while (kind_ == Kind::Gzip && produced == 0) produced = inflate_some(out, size);
  return produced;
}

// One call of inflate: the bytes it made. At the end of a member the next
// begins, when the input goes on with one (what follows that is not gzip
// is left, as gzread() leaves it).
std::size_t GzipStream::inflate_some(char* out, std::size_t size) {
  z_stream& z = *z_;
  if (in_pos_ == in_.size() && !fill() && kind_ == Kind::Done) return 0;
  z.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
  z.avail_in = static_cast<uInt>(in_.size() - in_pos_);
  z.next_out = reinterpret_cast<Bytef*>(out);
  z.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
  const int code = ::inflate(&z, Z_NO_FLUSH);
  in_pos_ = in_.size() - z.avail_in;
  const std::size_t produced = static_cast<std::size_t>(reinterpret_cast<char*>(z.next_out) - out);
  if (code == Z_STREAM_END) {
    while (in_.size() - in_pos_ < 2 && fill()) {
    }
    if (kind_ == Kind::Done) return produced;
    if (std::string_view(in_).substr(in_pos_).starts_with("\x1F\x8B")) {
      ::inflateReset(&z);
    } else {
      kind_ = Kind::Done;
    }
  } else if (code == Z_BUF_ERROR && z.avail_in == 0 && input_ended_) {
    fail("gzip stream cut short");
  } else if (code != Z_OK && code != Z_BUF_ERROR) {
    fail(z.msg != nullptr ? z.msg : "corrupt gzip data");
  }
  return produced;
}

namespace {

// The extension of a page file's name, lower-cased, .gz left out: the last
// five bytes at most (".html").
std::string page_extension(std::string_view name) {
  if (is_gzip_name(name)) name.remove_suffix(3);
  std::string ext(name.substr(name.size() - std::min<std::size_t>(name.size(), 5)));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool is_html_extension(std::string_view ext) { return ext.ends_with(".html") || ext.ends_with(".htm"); }

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-'; }

// Whether a tag opens at bytes[at], a '<': a comment, a doctype, or a
// tag's name ("p", "my-card") closed by a '>' before any other '<'.
// Scraped text writes '<' before a letter too ("x<y", "Lakers<Celtics"),
// and no '>' follows it there; nor is an address in angle brackets
// ("<https://example.com>", "<jane@example.com>") a tag.
bool tag_at(std::string_view bytes, std::size_t at) {
  std::size_t i = at + 1;
  if (bytes.substr(i).starts_with("!--")) return true;
  if (i < bytes.size() && (bytes[i] == '!' || bytes[i] == '/')) ++i;
  if (i >= bytes.size() || !is_letter(bytes[i])) return false;
  while (i < bytes.size() && is_name_char(bytes[i])) ++i;
  if (i < bytes.size() && bytes[i] != '>' && bytes[i] != '/' && !std::isspace(static_cast<unsigned char>(bytes[i]))) {
    return false;
  }
  const std::size_t close = bytes.find_first_of("<>", i);
  return close != std::string_view::npos && bytes[close] == '>';
}

}  // namespace

bool holds_markup(std::string_view bytes) {
  constexpr std::size_t kHead = 16384;
  bytes = bytes.substr(0, kHead);
  for (std::size_t at = bytes.find('<'); at != std::string_view::npos; at = bytes.find('<', at + 1)) {
    if (tag_at(bytes, at)) return true;
  }
  return false;
}

bool named_as_page(std::string_view name) { return is_html_extension(page_extension(name)); }

bool wanted_file(std::string_view name) {
  if (name.empty() || name[0] == '.') return false;  // hidden, and our own temporary files
  const std::string ext = page_extension(name);
  return is_html_extension(ext) || ext.ends_with(".txt");
}

Result extract_named(std::string_view bytes, const Options& options, bool named_html) {
  if (options.mode != Mode::Auto || !named_html || !holds_markup(bytes)) return extract(bytes, options);
  Options as_page = options;
  as_page.mode = Mode::Html;
  return extract(bytes, as_page);
}

std::optional<Input> read_page_file(const std::string& path, std::size_t max_bytes, std::string& error) {
  return is_gzip_name(path) ? read_gzip(path, max_bytes, error) : read_input(path, max_bytes, error);
}

}  // namespace winnow::cli
