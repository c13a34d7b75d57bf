// Inline Markdown of a block: what it escapes, how long its code spans' runs
// are, and its link targets written, resolved and dropped.
#include "markdown.hpp"

#include <algorithm>

#include "url.hpp"

namespace winnow::detail {

namespace {

// Where the run of backticks at markdown[at] ends.
std::size_t backtick_run_end(std::string_view markdown, std::size_t at) {
  while (at < markdown.size() && markdown[at] == '`') ++at;
  return at;
}

// The end of the code span whose opening run of backticks is
// markdown[open, open_end): just past a closing run of the same length, or
// npos when there is none.
std::size_t code_span_end(std::string_view markdown, std::size_t open, std::size_t open_end) {
  for (std::size_t i = open_end; i < markdown.size();) {
    if (markdown[i] != '`') {
      ++i;
      continue;
    }
    const std::size_t end = backtick_run_end(markdown, i);
    if (end - i == open_end - open) return end;
    i = end;
  }
  return std::string_view::npos;
}

// `markdown` copied with each link's opening '[' replaced by what
// `on_open(out)` writes and its "](target)" by what `on_target(out, target)`
// writes. Brackets of the text are escaped where the walk writes it, so
// every bare '[' opens a link and every bare "](" starts its target, which
// ends at the next ')' (or the end, where normalization made one of text).
// A code span (the walk writes no bare backtick otherwise) is copied as it
// is: "a[0]" in code is code.
template <class OnOpen, class OnTarget>
std::string rewrite_links(std::string_view markdown, OnOpen&& on_open, OnTarget&& on_target) {
  std::string out;
  out.reserve(markdown.size());
  for (std::size_t i = 0; i < markdown.size(); ++i) {
    const char c = markdown[i];
    if (c == '\\' && i + 1 < markdown.size()) {
      out += c;
      out += markdown[++i];
    } else if (c == '`') {
      const std::size_t open_end = backtick_run_end(markdown, i);
      const std::size_t end = code_span_end(markdown, i, open_end);
      const std::size_t copied_to = end == std::string_view::npos ? open_end : end;
      out.append(markdown.substr(i, copied_to - i));
      i = copied_to - 1;
    } else if (c == '[') {
      on_open(out);
    } else if (c == ']' && i + 1 < markdown.size() && markdown[i + 1] == '(') {
      const std::size_t close = markdown.find(')', i + 2);
      const std::size_t end = close == std::string_view::npos ? markdown.size() : close;
      on_target(out, markdown.substr(i + 2, end - i - 2));
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

namespace {

constexpr bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_hex_digit(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Whether a character reference as CommonMark reads one starts at text[at],
// the '&': a name, "#" and decimal digits, or "#x" and hex digits, then ';'.
bool opens_character_reference(std::string_view text, std::size_t at) {
  std::size_t i = at + 1;
  auto run = [&](auto is_part) {
    const std::size_t from = i;
    while (i < text.size() && is_part(text[i])) ++i;
    return i > from;
  };
  if (i < text.size() && text[i] == '#') {
    ++i;
    const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    if (!(hex ? run(is_hex_digit) : run(is_ascii_digit))) return false;
  } else {
    if (i >= text.size() || !is_ascii_letter(text[i])) return false;
    run([](char c) { return is_ascii_letter(c) || is_ascii_digit(c); });
  }
  return i < text.size() && text[i] == ';';
}

}  // namespace

std::size_t longest_backtick_run(std::string_view code) {
  std::size_t longest = 0, run = 0;
  for (char c : code) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

bool needs_markdown_escape(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (c == '<') {
    if (at + 1 >= text.size()) return true;
    const char next = text[at + 1];
    return is_ascii_letter(next) || next == '/' || next == '!' || next == '?';
  }
  if (c == '&') return opens_character_reference(text, at);
  return true;
}

void append_link_target(std::string& out, std::string_view url) {
  for (char c : url) {
    if (c == ')') out += "%29";
    else if (c == ' ') out += "%20";
    else if (c == '|') out += "%7C";
    else out += c;
  }
}

std::string resolve_links(std::string_view markdown, std::string_view base) {
  return rewrite_links(
      markdown, [](std::string& out) { out += '['; },
      [&](std::string& out, std::string_view target) {
        out += "](";
        const auto resolved = resolve_url(base, target);
        append_link_target(out, resolved ? std::string_view(*resolved) : target);
        out += ')';
      });
}

std::string without_links(std::string_view markdown) {
  return rewrite_links(markdown, [](std::string&) {}, [](std::string&, std::string_view) {});
}

namespace {

// The bytes where markdown_prose() stops copying: markup, or what keeps a
// byte after it from being markup (an escape, a code span).
struct ProseStops {
  bool stop[256] = {};
  constexpr ProseStops() {
    for (unsigned char c : {'\\', '`', '*', '[', ']'}) stop[c] = true;
  }
};
constexpr ProseStops kProseStops;

}  // namespace

bool markdown_prose(std::string_view markdown, std::string& prose, std::vector<MarkupCut>& cuts,
                    std::vector<std::pair<std::size_t, std::size_t>>& code) {
  // Most blocks have Markdown for a link: memchr() tells.
  if (markdown.find('*') == std::string_view::npos && markdown.find('[') == std::string_view::npos &&
      markdown.find('`') == std::string_view::npos) {
    return false;
  }
  prose.clear();
  cuts.clear();
  code.clear();
  const auto cut = [&](std::size_t begin, std::size_t end) { cuts.push_back(MarkupCut{prose.size(), begin, end}); };
  for (std::size_t i = 0; i < markdown.size();) {
    const char c = markdown[i];
    std::size_t next = i + 1;
    if (c == '\\' && next < markdown.size()) {
      prose.append(markdown.substr(i, 2));
      next = i + 2;
    } else if (c == '`') {
      const std::size_t open_end = backtick_run_end(markdown, i);
      const std::size_t end = code_span_end(markdown, i, open_end);
      next = end == std::string_view::npos ? open_end : end;
      if (end != std::string_view::npos) code.emplace_back(prose.size(), prose.size() + (next - i));
      prose.append(markdown.substr(i, next - i));
    } else if (c == '*') {
      while (next < markdown.size() && markdown[next] == '*') ++next;
      cut(i, next);
    } else if (c == '[') {
      cut(i, next);
    } else if (c == ']' && next < markdown.size() && markdown[next] == '(') {
      const std::size_t close = markdown.find(')', i + 2);
      next = close == std::string_view::npos ? markdown.size() : close + 1;
      cut(i, next);
    } else {
      // Up to the next byte that may begin markup, copied as it is.
      while (next < markdown.size() && !kProseStops.stop[static_cast<unsigned char>(markdown[next])]) ++next;
      prose.append(markdown.substr(i, next - i));
    }
    i = next;
  }
  return !cuts.empty() || !code.empty();
}

}  // namespace winnow::detail
