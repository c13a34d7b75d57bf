// Eight bytes at a time: masks over a 64-bit word of text for the fast
// paths of the text stages (most text is ASCII, and most of that is letters
// and single spaces). Each mask has 0x80 set in the bytes it selects.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace winnow::detail::ascii_words {

// The masks read memory order as low to high bits; on other machines the
// callers take their byte-at-a-time path.
inline constexpr bool kAvailable = std::endian::native == std::endian::little;

inline constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

inline std::uint64_t load(const char* at) {
  std::uint64_t word;
  std::memcpy(&word, at, 8);
  return word;
}

// Bytes of `ascii` (a word with no byte >= 0x80) below `bound` (<= 0x80).
constexpr std::uint64_t below(std::uint64_t ascii, unsigned bound) {
  return ~(ascii + kOnes * (0x80 - bound)) & kHighs;
}

// Bytes equal to `c`, whatever the word holds.
constexpr std::uint64_t equal(std::uint64_t word, unsigned char c) {
  std::uint64_t x = word ^ (kOnes * c);
  return ~(((x & ~kHighs) + ~kHighs) | x | ~kHighs);
}

// Bytes below 0x21 (controls and the space), whatever the word holds.
constexpr std::uint64_t controls_or_space(std::uint64_t word) {
  return below(word & ~kHighs, 0x21) & ~(word & kHighs);
}

// True when every byte below 0x21 is a plain space and no two spaces touch,
// counting a space just before the word when `space_before`.
constexpr bool single_spaced(std::uint64_t word, bool space_before) {
  std::uint64_t spaces = equal(word, ' ');
  return controls_or_space(word) == spaces && !(spaces & ((spaces << 8) | (space_before ? 0x80U : 0U)));
}

// Whether the word's last byte is a space.
constexpr bool ends_with_space(std::uint64_t word) { return (word >> 56) == ' '; }

// ASCII upper-case letters to lower case.
constexpr std::uint64_t to_lower(std::uint64_t ascii) {
  std::uint64_t upper = ~below(ascii, 'A') & below(ascii, 'Z' + 1);
  return ascii | (upper >> 2);  // 0x80 >> 2 is the case bit
}

}  // namespace winnow::detail::ascii_words
