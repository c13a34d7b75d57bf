// A strict UTF-8 validator, written apart from the library's own UTF-8 code
// so that the fuzz targets and hostile-input tests do not check the library
// against itself.
#pragma once

#include <string_view>

namespace winnow::fuzz {

// True when `s` is well-formed UTF-8 (Unicode table 3-7): no overlong forms,
// surrogates, code points past U+10FFFF or truncated sequences.
inline bool is_valid_utf8(std::string_view s) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](std::size_t k) { return k < s.size() && (at(k) & 0xC0) == 0x80; };
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = at(i);
    std::size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                  : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if (!cont(i + k)) return false;
    }
    if (len >= 3) {
      unsigned char c1 = at(i + 1);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xF0 && c1 < 0x90)) return false;  // overlong
      if (c == 0xED && c1 >= 0xA0) return false;                               // surrogate
      if (c == 0xF4 && c1 >= 0x90) return false;                               // > U+10FFFF
    }
    i += len;
  }
  return true;
}

}  // namespace winnow::fuzz
