// The tree walk of an HTML page: one iterative pass over Gumbo's tree (no
// recursion, so nesting depth cannot overflow the stack) that turns text into
// blocks and records, for every block-level element, the structural evidence
// region selection weighs: tag, ARIA role, class/id hints, hidden state.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document.hpp"
#include "html_metadata.hpp"
#include "html_prescan.hpp"

namespace winnow::detail {

// A block-level element. Nodes are in document order, so the blocks of a
// node's subtree are the contiguous range [first_block, end_block).
struct HtmlNode {
  std::uint32_t parent = 0;  // index of the enclosing node (0 = root, its own parent)
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  int depth = 0;
  Reason hint = Reason::Kept;  // chrome named by tag, role or class/id
  std::string hint_evidence;   // e.g. "class token 'sidebar'"
  bool hint_firm = false;      // from page structure: holds however much prose
  // Says it is the article: 1 = <article> or a class/id token, 2 = <main>,
  // role=main or itemprop=articleBody.
  int content_hint = 0;
  std::size_t first_block = 0;
  std::size_t end_block = 0;
};

struct HtmlTree {
  std::vector<HtmlNode> nodes;  // nodes[0] is the document root
  MetadataSource metadata;
};

// Walk the parsed page, appending its blocks to doc.blocks (PageBlock::region
// is the index of the innermost enclosing node). `page` is what Gumbo parsed,
// when the prescan moved link targets or text out of its markup.
HtmlTree walk_html(const GumboNode* root, const Options& options, Document& doc,
                   const Prescanned* page = nullptr);

}  // namespace winnow::detail
