// Small UTF-8 helpers shared by the stages: decoding one code point at a time
// and classifying code points without building intermediate strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::detail {

// Every stage walks text a code point at a time, and most text is ASCII, so
// each helper handles ASCII inline and calls out only for the rest.

// The out-of-line halves, for code points and bytes >= 0x80.
char32_t next_code_point_multibyte(std::string_view s, std::size_t& i);
// The same, every sequence decoded by utf8proc (compared in tests).
char32_t next_code_point_utf8proc(std::string_view s, std::size_t& i);
void append_utf8_multibyte(std::string& out, char32_t cp);
bool is_letter_or_digit_multibyte(char32_t cp);
bool is_space_multibyte(char32_t cp);
char32_t to_lower_multibyte(char32_t cp);
// The same two, every code point asked of utf8proc (the multibyte ones look
// up U+0080..U+07FF in a table built from these; compared in tests).
bool is_letter_or_digit_utf8proc(char32_t cp);
char32_t to_lower_utf8proc(char32_t cp);

// Decode the code point at s[i]; advances i. Invalid bytes decode as U+FFFD
// and advance by one byte.
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  return next_code_point_multibyte(s, i);
}

// Decode the code point at s[i] of text already known to be valid UTF-8,
// without checks (for hot loops over validated text); advances i.
inline char32_t decode_valid_utf8(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  char32_t cp = b & (0x3F >> (len - 1));
  for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  i += len;
  return cp;
}

// Write cp >= 0x80 as UTF-8 at `to` (room for four bytes); returns the length.
inline std::size_t encode_utf8(char32_t cp, char* to) {
  auto byte = [](char32_t v) { return static_cast<char>(v); };
  if (cp < 0x800) {
    to[0] = byte(0xC0 | (cp >> 6));
    to[1] = byte(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    to[0] = byte(0xE0 | (cp >> 12));
    to[1] = byte(0x80 | ((cp >> 6) & 0x3F));
    to[2] = byte(0x80 | (cp & 0x3F));
    return 3;
  }
  to[0] = byte(0xF0 | (cp >> 18));
  to[1] = byte(0x80 | ((cp >> 12) & 0x3F));
  to[2] = byte(0x80 | ((cp >> 6) & 0x3F));
  to[3] = byte(0x80 | (cp & 0x3F));
  return 4;
}

// Where the code point that ends at s[end - 1] (end > 0) begins: back over
// continuation bytes, not past the text's start.
inline std::size_t code_point_start_before(std::string_view s, std::size_t end) {
  std::size_t start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  return start;
}

inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  append_utf8_multibyte(out, cp);
}

inline bool is_letter_or_digit(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  }
  return is_letter_or_digit_multibyte(cp);
}

// Unicode White_Space, including NBSP.
inline bool is_space(char32_t cp) {
  if (cp < 0x80) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D);
  return is_space_multibyte(cp);
}

inline char32_t to_lower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return to_lower_multibyte(cp);
}

// The punctuation most text outside ASCII is made of: the en and em
// dashes, the curly quotes ‘ ’ “ ” and the ellipsis, each E2 80 xx. Bit
// (xx - 0x80) of the mask is set for each. Fast paths that read ASCII in
// blocks read these inside the block too.
inline constexpr std::uint64_t kCommonPunctuation =
    std::uint64_t{1} << (0x93 - 0x80) | std::uint64_t{1} << (0x94 - 0x80) | std::uint64_t{1} << (0x98 - 0x80) |
    std::uint64_t{1} << (0x99 - 0x80) | std::uint64_t{1} << (0x9C - 0x80) | std::uint64_t{1} << (0x9D - 0x80) |
    std::uint64_t{1} << (0xA6 - 0x80);

// Whether the three bytes at p are one of them.
inline bool is_common_punctuation(const unsigned char* p) {
  return p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x80 && p[2] < 0xC0 && ((kCommonPunctuation >> (p[2] - 0x80)) & 1);
}

// Number of letters or digits in s.
std::size_t count_alnum(std::string_view s);

}  // namespace winnow::detail
