// Leftover HTML character references in text ("&amp;", "&nbsp;", "&#8217;"),
// as scrapers leave them when they escape twice or skip unescaping.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace winnow::detail {

// Decode named (HTML 4 set, plus &apos;) and numeric references that end with
// ';', repeatedly, so "&amp;amp;" becomes "&". Numeric references to
// 0x80..0x9F mean Windows-1252, as in browsers; invalid ones become U+FFFD.
// Returns how many references were decoded.
std::size_t decode_entities(std::string& text);

// The same without a copy when there is nothing to decode: sets `result`
// (which may be the text's own string) only when the count is not zero.
std::size_t decode_entities(std::string_view text, std::string& result);

// One round of the above: decodes each reference once, sets `result` like
// it, and sets `made_ampersand` when a reference decoded to '&' (then "&amp;"
// may have become a new reference, and decode_entities() runs another round
// over the whole text). For text cut into pieces whose rounds must be shared.
std::size_t decode_entities_round(std::string_view text, std::string& result, bool& made_ampersand);

}  // namespace winnow::detail
