// Charset detection and conversion to UTF-8 for web pages: the byte order
// mark, then the page's own label (<meta charset>, http-equiv, the XML
// declaration), checked against the bytes: valid UTF-8 wins over a stale
// label. Bytes that are not UTF-8, unlabelled or labelled UTF-8 (a stale
// label again), are read as guess_text_charset() says when it names a code
// page; otherwise by the label, or as Windows-1252 without one.
// Conversion uses the C library's iconv.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "simd_level.hpp"

namespace winnow::detail {

// "utf-16le" / "utf-16be" / "utf-8" when `bytes` opens with that BOM.
std::optional<std::string> charset_from_bom(std::string_view bytes);

// The charset the page declares in its first bytes, lower-cased and mapped to
// the encoding a browser would use for it (WHATWG: "iso-8859-1" is read as
// "windows-1252", "gb2312" as "gb18030", ...). Empty when there is none.
std::string declared_charset(std::string_view bytes);

// True when the whole of `bytes` is well-formed UTF-8 (Unicode table 3-7:
// no overlong forms, surrogates, code points past U+10FFFF or truncated
// sequences). With AVX2, 32 bytes at a time whatever they hold; else a
// sequence at a time, ASCII 64 bytes at a time. `simd` picks the build
// (tests run each one this CPU has; any gives the same answer).
bool is_valid_utf8(std::string_view bytes, SimdLevel simd = SimdLevel::kBest);

// The charset to read `bytes` with (BOM not included in the decision when
// absent): see the header comment for the order of evidence.
std::string detect_charset(std::string_view bytes);

// detect_charset() of bytes without a BOM that are not valid UTF-8, whose
// declared_charset() is `declared`.
std::string label_or_guess(std::string_view bytes, const std::string& declared);

// How to read scraped text that is not valid UTF-8, which carries no label:
// from its own bytes.
// - UTF-8 with damage here and there (good multi-byte sequences more than a
//   quarter of the bad bytes, or too few clues) stays UTF-8, the bad bytes
//   to be replaced with U+FFFD.
// - Latin-script text whose bad bytes are mostly letters inside words
//   ("caf\xE9") is Windows-1252.
// - Text whose bad bytes are mostly letters that make words of their own
//   (not beside ASCII letters) is read with the alphabet's code page
//   (Cyrillic, Greek, Hebrew, Arabic) whose commonest letters make most of
//   them; if none does, it stays damaged UTF-8.
struct TextCharset {
  std::string charset;            // "utf-8", "windows-1252", or an alphabet's code page
  std::size_t invalid_bytes = 0;  // bytes that are not part of a UTF-8 sequence
  bool mostly_utf8 = true;        // "utf-8" for its good sequences, not for want of clues
};
TextCharset guess_text_charset(std::string_view bytes);

// Convert `bytes` from `charset` to UTF-8. Bytes the charset cannot map
// become U+FFFD; an unknown charset name returns nullopt.
std::optional<std::string> convert_to_utf8(std::string_view bytes, std::string_view charset);

}  // namespace winnow::detail
