// A fast pass over the page before Gumbo sees it. Most of a page's bytes are
// scripts, styles, SVG and comments, which never become text; this scanner
// finds where each ends by HTML's tokenizer rules and leaves them out, keeps
// only the attributes extraction reads, and caps element nesting so that a
// hostile page cannot make the tree builder quadratic or its teardown deep.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::detail {

struct Prescanned {
  std::string html;                   // what the tree builder parses
  // Lean: the <a href> values, in the input (valid while it is); the
  // element carries kLinkAttribute="index" instead.
  std::vector<std::string_view> links;
  // Text set aside (see TextAside): run i is text_runs[text_run_ends[i - 1],
  // text_run_ends[i]), with text_run_ends[-1] taken as 0.
  std::string text_runs;
  std::vector<std::uint32_t> text_run_ends;
  std::vector<std::string> json_ld;   // bodies of <script type="application/ld+json">
  std::size_t skipped_bytes = 0;      // script/style/svg/comment bytes left out
  std::size_t flattened_tags = 0;     // tags dropped for nesting too deep
};

// Open elements kept nested; tags beyond this depth are dropped (their text
// stays). Real pages stay far below it.
inline constexpr int kMaxNesting = 400;

// The attribute standing for an <a href> moved to Prescanned::links; no
// attribute of the page passes the prescan under this name.
inline constexpr std::string_view kLinkAttribute = "w";

// `lean` (the default) also leaves out what extraction provably never reads:
// <meta> and <link> elements the metadata does not use, attributes on
// elements that don't read them, class/id values beyond the tokens the walk
// matches, and <a href> values (moved to `links`). Extraction gives the same
// result either way; `lean = false` is the reference the tests compare with.
Prescanned prescan_html(std::string_view utf8, bool lean = true);

// Whether a lean prescan also sets text aside. Gumbo's tokenizer and tree
// builder spend most of their time on text, one character at a time, yet
// they treat a run of text by the kind of its characters alone. So the lean
// prescan (in parse_html) can move the middle of each run of text that holds
// no character reference and nothing the tokenizer rewrites out of the
// markup and leave one character in its place, a private-use code point
// that names the run: Gumbo then places that character where it would have
// placed the run, and the tree walk puts the run back (text_run_at).
// Whitespace at either end stays in the markup, since the tree builder
// treats it apart. Pages that hold such code points themselves are left
// whole.
enum class TextAside { Keep, SetAside };

Prescanned prescan_html(std::string_view utf8, bool lean, TextAside text);

// The run a set-aside character stands for, when `at` starts one: its
// UTF-8 is four bytes.
std::optional<std::string_view> text_run_at(const Prescanned& page, std::string_view at);

}  // namespace winnow::detail
