// Page files as a directory walk finds them: which names it takes, and
// gzip-compressed ones (page.html.gz) read through zlib.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "io.hpp"
#include "winnow/winnow.hpp"

struct z_stream_s;  // <zlib.h>

namespace winnow::cli {

// True for names ending in ".gz" (any case).
bool is_gzip_name(std::string_view name);

// Read and decompress a whole .gz file (a plain file is read as is). Stops
// before more than `max_bytes` decompressed bytes are held and returns the
// input with too_large set and `error` saying so, like read_input(), so a
// gzip bomb is refused without being held in memory. On failure returns
// nullopt with `error` set ("not a valid gzip file: ...").
std::optional<Input> read_gzip(const std::string& path, std::size_t max_bytes, std::string& error);

// Whether a directory walk reads the file `name`: *.html, *.htm and *.txt
// in any case, and the same ending in .gz; never a hidden name (winnow's
// own temporary files among them).
bool wanted_file(std::string_view name);

// Whether a file's name says it is a page: .html or .htm (.gz after it or
// not), in any case.
bool named_as_page(std::string_view name);

// A tag, an end tag, a comment or a doctype: '<' and then a letter, '/' or
// '!', in the first 16 KiB (as far as the library's own look goes).
bool holds_markup(std::string_view bytes);

// extract(), and with --mode auto an input `named_html` (a file named as a
// page, a JSON Lines record's "html" field) that holds any markup read as
// HTML, so that a fragment ("<p>Storm closes schools") too small for the
// content to say so is read as the page it is.
Result extract_named(std::string_view bytes, const Options& options, bool named_html);

// A stream read through zlib, as gzread() reads it: gzip members, one or
// several joined, or plain bytes when it does not open as gzip. Unlike
// gzread(), which drops all that the call that met an error had
// decompressed (up to a whole buffer of intact lines before a bad check
// at the end), every byte decompressed before an error is handed out
// before the error is.
class GzipStream {
 public:
  explicit GzipStream(int fd);  // reads `fd`; closes it when done
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  // Up to `size` bytes into `out`; 0 at the end of the stream, or after an
  // error, which error() then says ("gzip stream cut short", zlib's
  // "incorrect data check", a system error's reason).
  std::size_t read(char* out, std::size_t size);
  const std::string& error() const { return error_; }

 private:
  enum class Kind { Unknown, Plain, Gzip, Done };
  bool fill();
  std::size_t inflate_some(char* out, std::size_t size);
  void fail(std::string error);

  int fd_;
  Kind kind_ = Kind::Unknown;
  std::string in_;          // compressed bytes read from fd_
  std::size_t in_pos_ = 0;  // ... and where inflate is in them
  bool input_ended_ = false;
  std::unique_ptr<z_stream_s> z_;  // zlib's z_stream, while reading gzip
  std::string error_;
};

// read_gzip() for a name ending in .gz, read_input() for any other.
std::optional<Input> read_page_file(const std::string& path, std::size_t max_bytes, std::string& error);

}  // namespace winnow::cli
