// Page files as a directory walk finds them: which names it takes, and
// gzip-compressed ones (page.html.gz) read through zlib.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "io.hpp"

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

// read_gzip() for a name ending in .gz, read_input() for any other.
std::optional<Input> read_page_file(const std::string& path, std::size_t max_bytes, std::string& error);

}  // namespace winnow::cli
