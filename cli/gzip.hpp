// Reading gzip-compressed inputs (page.html.gz) through zlib.
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

}  // namespace winnow::cli
