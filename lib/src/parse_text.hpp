// Stage 2a, parse scraped text into blocks: one block per non-empty line,
// whitespace folded, with whether a blank line came before it.
#pragma once

#include <string_view>

#include "document.hpp"

namespace winnow::detail {

Document parse_text(std::string_view utf8);

}  // namespace winnow::detail
