// The single-byte code pages UTF-8 is most often misread as, for the
// mojibake repair: the upper half (bytes 0x80..0xFF) of each, as code points.
#pragma once

#include <cstddef>
#include <string_view>

namespace winnow::detail {

struct CodePage {
  std::string_view name;
  char16_t high[128];  // code point of byte 0x80 + i
};

// Windows-1252 first (it covers Latin-1 too), then the others in the order the
// repair tries them.
constexpr std::size_t kCodePageCount = 7;
extern const CodePage kCodePages[kCodePageCount];

}  // namespace winnow::detail
