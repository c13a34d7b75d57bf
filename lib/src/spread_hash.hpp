// A hash for the in-memory tables that compare their keys whole (the marker
// phrases, a page's block keys): it only has to spread keys over buckets,
// so it reads eight bytes at a time with one multiply each, where the
// standard library's string hash costs a call and a few operations a byte.
// Not stable across versions; nothing stores it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace winnow::detail {

inline std::uint64_t spread_hash(std::string_view key) {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
  auto load8 = [](const char* at) {
    std::uint64_t v;
    std::memcpy(&v, at, 8);
    return v;
  };
  auto step = [](std::uint64_t h, std::uint64_t v) {
    h = (h ^ v) * kMultiplier;
    return h ^ (h >> 29);
  };
  const char* p = key.data();
  const std::size_t n = key.size();
  std::uint64_t h = n * kMultiplier;
  if (n >= 8) {
    // Whole words, then the last eight bytes (overlapping the last word).
    for (std::size_t i = 0; i + 8 < n; i += 8) h = step(h, load8(p + i));
    h = step(h, load8(p + n - 8));
  } else if (n >= 4) {
    std::uint32_t first, last;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    h = step(h, first | std::uint64_t{last} << 32);
  } else if (n > 0) {
    const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
    h = step(h, byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16);
  }
  return h ^ (h >> 32);
}

}  // namespace winnow::detail
