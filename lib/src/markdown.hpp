// Inline Markdown as the HTML walk writes it (Block::markdown): which
// characters of text it escapes, how it writes a link's target, and the
// two ways its links are read back (made absolute, or dropped).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::detail {

// The characters Markdown may read as markup when they are literal text:
// the first six always, '<' and '&' only where they open HTML or a
// character reference (needs_markdown_escape()).
constexpr bool is_markdown_special(char c) {
  return c == '\\' || c == '*' || c == '_' || c == '[' || c == ']' || c == '`' || c == '<' || c == '&';
}

// Whether text[at], a character is_markdown_special() names, needs its
// backslash to stay text. '<' does before a letter, '/', '!' or '?' (raw
// HTML, an autolink, a comment) and at the end of `text`, where what follows
// is not known; '&' does where a character reference follows ("&copy;",
// "&#169;"), so that "AT&T" and "a < b" are written as they are.
bool needs_markdown_escape(std::string_view text, std::size_t at);

// The longest run of backticks in `code`: a code span or fence around it
// must be longer, or the code's own run would close it early.
std::size_t longest_backtick_run(std::string_view code);

// `url` as the target of "[text](url)": a space as %20 and ')' as %29, so
// that the target ends at the first ')', and '|' as %7C, which would end a
// table's cell (RFC 3986 has no '|' in a URL: browsers write it so too).
void append_link_target(std::string& out, std::string_view url);

// The links of `markdown` with their targets resolved against `base`
// (url.hpp), written as append_link_target() writes them.
std::string resolve_links(std::string_view markdown, std::string_view base);

// `markdown` without its links: "[text](url)" -> "text".
std::string without_links(std::string_view markdown);

// A piece of inline markup that markdown_prose() leaves out: the bytes
// [begin, end) of the Markdown, which stood before prose[at].
struct MarkupCut {
  std::size_t at = 0;
  std::size_t begin = 0, end = 0;
};

// The prose of the walk's inline Markdown: the text as a reader reads it
// across emphasis and links, so that a name split by them ("*Sergei*
// Lavrov", "[Sergei](/x) Lavrov") is one phrase again. Left out: runs of
// '*' (the walk escapes a '*' of the text) and a link's '[' and
// "](target)"; escapes, code spans (copied whole, '*' and all) and the rest
// stay. `cuts` are in order, and so are `code`, the code spans as ranges
// of the prose, backticks included. False, with nothing set, when there
// is neither markup nor code.
bool markdown_prose(std::string_view markdown, std::string& prose, std::vector<MarkupCut>& cuts,
                    std::vector<std::pair<std::size_t, std::size_t>>& code);

}  // namespace winnow::detail
