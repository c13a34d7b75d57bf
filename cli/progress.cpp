#include "progress.hpp"

#include <cstdio>
#include <iostream>

#include <unistd.h>

namespace winnow::cli {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(bool enabled, std::size_t total_items, std::uint64_t total_bytes)
    : enabled_(enabled),
      total_items_(total_items),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_ - std::chrono::seconds(1)) {}  // the first input draws the bar

Progress::~Progress() { clear(); }

void Progress::advance(std::uint64_t bytes) {
  ++items_;
  bytes_ += bytes;
  draw(false);
}

void Progress::report(std::string_view name, std::string_view reason) {
  clear();
  std::cerr << "winnow: " << name << ": " << reason << '\n';
  draw(true);
}

void Progress::line(std::string_view text) {
  clear();
  std::cerr << text << '\n';
}

void Progress::clear() {
  if (!drawn_) return;
  std::cerr << "\r\033[K" << std::flush;
  drawn_ = false;
}

void Progress::draw(bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  // Ten redraws a second at most: a terminal is slower than winnow.
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double mb_per_s = seconds > 0 ? static_cast<double>(bytes_) / 1e6 / seconds : 0.0;
  char buf[160];
  int n = 0;
  if (total_items_ > 0) {
    constexpr int kWidth = 24;
    int filled = static_cast<int>(kWidth * items_ / total_items_);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    n = std::snprintf(buf, sizeof buf, "[%s] %zu/%zu files  %.1f MB/s", bar.c_str(), items_,
                      total_items_, mb_per_s);
    if (total_bytes_ > 0 && bytes_ > 0 && bytes_ <= total_bytes_) {
      double eta = seconds * static_cast<double>(total_bytes_ - bytes_) / static_cast<double>(bytes_);
      n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "  ETA %.0fs", eta);
    }
  } else {
    std::snprintf(buf, sizeof buf, "%zu done  %.1f MB/s", items_, mb_per_s);
  }
  std::cerr << "\r\033[K" << buf << std::flush;
  drawn_ = true;
}

}  // namespace winnow::cli
