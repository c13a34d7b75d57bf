// Unicode normalization forms (NFC, NFKC) with a fast path: text is scanned
// for code points that a normalization form could change, and only the short
// stretches around them go through utf8proc. Mostly-ASCII and most
// non-Latin text (Cyrillic, kana, CJK) is copied unchanged.
#pragma once

#include <string>
#include <string_view>

#include "winnow/winnow.hpp"

namespace winnow::detail {

// `utf8` must be valid UTF-8. The result is exactly utf8proc's NFC/NFKC of the
// whole text (UTF8PROC_STABLE); UnicodeForm::None returns the text as is.
std::string unicode_form(std::string_view utf8, UnicodeForm form);

// The same without a copy when nothing changes: returns false and leaves
// `result` alone, or sets `result` (which may be the text's own string).
bool unicode_form_changes(std::string_view utf8, UnicodeForm form, std::string& result);

// Whether the form may change the code point or the text next to it (the
// quick-check table the fast path cuts text by); false for ASCII.
bool unicode_form_may_change(char32_t cp, UnicodeForm form);

// The plain utf8proc call on the whole text, for comparison in tests and
// benchmarks.
std::string unicode_form_reference(std::string_view utf8, UnicodeForm form);

}  // namespace winnow::detail
