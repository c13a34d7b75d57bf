// The progress bar on stderr (files done, MB/s, ETA), and the one place that
// writes per-input messages, so a message never lands in the middle of the bar.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::cli {

class Progress {
 public:
  // `total_items` / `total_bytes` 0 = unknown (no bar fill, no ETA).
  Progress(bool enabled, std::size_t total_items, std::uint64_t total_bytes);
  ~Progress();

  // One input finished, `bytes` of it read.
  void advance(std::uint64_t bytes);
  // "winnow: NAME: reason" on stderr, above the bar.
  void report(std::string_view name, std::string_view reason);
  // Clear the bar and print a line (e.g. the summary).
  void line(std::string_view text);

 private:
  void draw(bool force);
  void clear();

  bool enabled_;
  std::size_t total_items_;
  std::uint64_t total_bytes_;
  std::size_t items_ = 0;
  std::uint64_t bytes_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace winnow::cli
