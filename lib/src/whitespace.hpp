// The character-level clean-up of the normalize stage: line endings, spaces,
// control and invisible characters, and optional ASCII punctuation.
#pragma once

#include <string>
#include <string_view>

#include "simd_level.hpp"

namespace winnow::detail {

struct CleanupOptions {
  bool ascii_punctuation = false;  // curly quotes, dashes, ellipsis -> ASCII
  // Preformatted text: spaces and line breaks stay as they are (still mapped
  // to ' ' and '\n'), so code and poetry keep their layout.
  bool keep_layout = false;
  // The instruction set of the 64-byte loops; any gives the same text
  // (tests run each this CPU has).
  SimdLevel simd = SimdLevel::kBest;
};

// On valid UTF-8:
// - line endings (CRLF, CR, NEL, U+2028, U+2029, VT, FF) become "\n"; more
//   than one blank line in a row becomes one;
// - NBSP and the other Unicode spaces become " "; runs of spaces become one;
//   spaces at the start and end of a line go;
// - control characters other than tab and newline are removed, and so are
//   zero-width spaces, word joiners, soft hyphens, BOMs, invisible operators
//   and Hangul fillers; ZWJ/ZWNJ stay between two characters of scripts that
//   use them (Arabic, Indic, emoji sequences...), and go elsewhere. Bidi
//   marks, variation selectors and tag characters stay: they carry meaning.
std::string clean_characters(std::string_view utf8, const CleanupOptions& options);

// The same without a copy when nothing changes: returns false and leaves
// `result` alone, or sets `result` (which may be the text's own string; it
// may then equal the text, e.g. when a joiner is kept). Clean text is
// recognised 64 bytes at a time (the last bytes as a padded block).
bool clean_characters_changes(std::string_view utf8, const CleanupOptions& options, std::string& result);

// Whether the clean-up writes the code point as text (as it is, or folded
// to ASCII punctuation): not a space, line break, control or invisible
// character, and not a joiner.
bool cleanup_writes_as_text(char32_t cp);

// The character-by-character loop the fast path must agree with, for tests.
std::string clean_characters_reference(std::string_view utf8, const CleanupOptions& options);

}  // namespace winnow::detail
