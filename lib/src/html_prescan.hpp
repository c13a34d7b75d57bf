// A fast pass over the page before Gumbo sees it. Most of a page's bytes are
// scripts, styles, SVG and comments, which never become text; this scanner
// finds where each ends by HTML's tokenizer rules and leaves them out, keeps
// only the attributes extraction reads, and caps element nesting so that a
// hostile page cannot make the tree builder quadratic or its teardown deep.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::detail {

struct Prescanned {
  std::string html;                   // what the tree builder parses
  // Lean: the <a href> values, in the input (valid while it is); the
  // element carries kLinkAttribute="index" instead.
  std::vector<std::string_view> links;
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

}  // namespace winnow::detail
