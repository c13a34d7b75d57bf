#include "utf8.hpp"

#include <utf8proc.h>

namespace winnow::detail {

char32_t next_code_point_multibyte(std::string_view s, std::size_t& i) {
  // Two- and three-byte sequences (Latin, Greek, Cyrillic, Arabic, CJK...)
  // are decoded here when well formed; the rest goes to utf8proc, which
  // decodes the same sequences to the same code points.
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = byte(0);
  const std::size_t left = s.size() - i;
  if (lead >= 0xC2 && lead <= 0xDF && left >= 2 && (byte(1) & 0xC0) == 0x80) {
    char32_t cp = (char32_t{lead} & 0x1F) << 6 | (byte(1) & 0x3F);
    i += 2;
    return cp;
  }
  if (lead >= 0xE0 && lead <= 0xEF && left >= 3 && (byte(1) & 0xC0) == 0x80 && (byte(2) & 0xC0) == 0x80) {
    char32_t cp = (char32_t{lead} & 0x0F) << 12 | char32_t{byte(1) & 0x3Fu} << 6 | (byte(2) & 0x3F);
    // Not overlong, not a surrogate.
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      i += 3;
      return cp;
    }
  }
  return next_code_point_utf8proc(s, i);
}

char32_t next_code_point_utf8proc(std::string_view s, std::size_t& i) {
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {
    ++i;
    return 0xFFFD;
  }
  i += static_cast<std::size_t>(n);
  return static_cast<char32_t>(cp);
}

void append_utf8_multibyte(std::string& out, char32_t cp) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

bool is_letter_or_digit_multibyte(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool is_space_multibyte(char32_t cp) {
  switch (cp) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

char32_t to_lower_multibyte(char32_t cp) {
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

std::size_t count_alnum(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) n += is_letter_or_digit(next_code_point(s, i));
  return n;
}

}  // namespace winnow::detail
