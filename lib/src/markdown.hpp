// Inline Markdown as the HTML walk writes it (Block::markdown): which
// characters of text it escapes, how it writes a link's target, and the
// two ways its links are read back (made absolute, or dropped).
#pragma once

#include <string>
#include <string_view>

namespace winnow::detail {

// The characters Markdown reads as markup when they are literal text.
constexpr bool is_markdown_special(char c) {
  return c == '\\' || c == '*' || c == '_' || c == '[' || c == ']' || c == '`';
}

// `url` as the target of "[text](url)": a space as %20 and ')' as %29, so
// that the target ends at the first ')'.
void append_link_target(std::string& out, std::string_view url);

// The links of `markdown` with their targets resolved against `base`
// (url.hpp), written as append_link_target() writes them.
std::string resolve_links(std::string_view markdown, std::string_view base);

// `markdown` without its links: "[text](url)" -> "text".
std::string without_links(std::string_view markdown);

}  // namespace winnow::detail
