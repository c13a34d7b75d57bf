// File and stream I/O for the CLI: whole-input reads with one-line errors,
// and all-or-nothing output files.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace winnow::cli {

struct Input {
  std::string name;   // as the user gave it; "-" (shown as "<stdin>") for stdin
  std::string bytes;
};

// Read a whole file ("-" = stdin). On failure returns nullopt and sets
// `error` to a short reason ("no such file", "is a directory", ...). Reads
// stop after `max_bytes` + 1 bytes so an oversized input is refused without
// being held in memory (0 = no limit).
std::optional<Input> read_input(const std::string& name, std::size_t max_bytes, std::string& error);

// Write `data` to `path` whole or not at all: a temporary file in the same
// directory, then rename. Returns false with `error` set on failure.
bool write_file_atomic(const std::string& path, const std::string& data, std::string& error);

// The name to show for an input in messages.
std::string display_name(const std::string& name);

}  // namespace winnow::cli
