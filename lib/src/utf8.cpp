#include "utf8.hpp"

#include <array>

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

bool is_letter_or_digit_utf8proc(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

char32_t to_lower_utf8proc(char32_t cp) {
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

namespace {

// The code points of two-byte sequences, U+0080..U+07FF (accented Latin,
// Greek, Cyrillic, Hebrew, Arabic: most of the non-ASCII letters of Western
// and Eastern European pages): whether each is a letter or digit and its
// lower case, asked of utf8proc once. A lookup is a few instructions where
// utf8proc's property search is about thirty.
class TwoByteTable {
 public:
  static constexpr char32_t kFirst = 0x80, kEnd = 0x800;

  // Out of line, so that the lookups stay a guard check and a load.
  [[gnu::noinline]] TwoByteTable() {
    for (char32_t cp = kFirst; cp < kEnd; ++cp) {
      lower_[cp - kFirst] = to_lower_utf8proc(cp);
      alnum_[cp - kFirst] = is_letter_or_digit_utf8proc(cp);
    }
  }

  static bool covers(char32_t cp) { return cp >= kFirst && cp < kEnd; }
  bool alnum(char32_t cp) const { return alnum_[cp - kFirst]; }
  char32_t lower(char32_t cp) const { return lower_[cp - kFirst]; }

 private:
  std::array<char32_t, kEnd - kFirst> lower_{};
  std::array<bool, kEnd - kFirst> alnum_{};
};

const TwoByteTable& two_byte_table() {
  static const TwoByteTable table;
  return table;
}

}  // namespace

bool is_letter_or_digit_multibyte(char32_t cp) {
  if (TwoByteTable::covers(cp)) return two_byte_table().alnum(cp);
  return is_letter_or_digit_utf8proc(cp);
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
  if (TwoByteTable::covers(cp)) return two_byte_table().lower(cp);
  return to_lower_utf8proc(cp);
}

std::size_t count_alnum(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) n += is_letter_or_digit(next_code_point(s, i));
  return n;
}

}  // namespace winnow::detail
