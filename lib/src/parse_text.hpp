// Stage 2a, parse scraped text into blocks: one block per non-empty line,
// whitespace folded, with whether a blank line came before it.
#pragma once

#include <string_view>

#include "document.hpp"

namespace winnow::detail {

// The blocks' text is their `line`, a view of the document's own copy of
// the page (Document::page), so the input need not outlive the document.
Document parse_text(std::string_view utf8);
// The same with every line folded a byte at a time: the definition
// parse_text()'s fast path must agree with (compared in tests); its blocks
// hold their text as strings.
Document parse_text_reference(std::string_view utf8);

}  // namespace winnow::detail
