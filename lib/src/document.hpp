// The page as the pipeline sees it between stages: a list of blocks, each with
// the evidence the parsers gathered, plus page metadata. Parsers fill it,
// classify and select decide each block's fate, render reads it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "block_stats.hpp"
#include "key_arena.hpp"
#include "normalize.hpp"
#include "winnow/winnow.hpp"

namespace winnow::detail {

// The fields are ordered to pack: a page has a few hundred of these, each
// made and read by every stage.
struct PageBlock {
  // Provided, so that a value-initialized block (emplace_back()) is made by
  // the member initializers alone, without zeroing all of it first.
  PageBlock() {}

  Block block;  // text, kind, and the verdict (kept, reason, evidence)
  // Text mode: the block's line in the document's copy of the page, while
  // block.text is still empty; the Result's text is made from it at the
  // end (only for the blocks that need one, see Options::dropped_text).
  std::string_view line;

  // The block's text, wherever it is.
  std::string_view text() const { return block.text.empty() ? line : std::string_view(block.text); }
  // Whether text() is followed by kLinePadding readable bytes: a line in
  // the document's page is.
  bool text_padded() const { return block.text.empty(); }

  // Set by classify from text(), which no stage before assemble() changes:
  // the marker_key() and block_stats() that classify and select both read,
  // computed once per block rather than once per rule. The key lives in
  // the document's KeyArena.
  std::string_view key;
  BlockStats stats;
  // With Options::block_keys: block_key(text()) (block_key.hpp), from the
  // same walk.
  std::uint64_t site_key = 0;

  // Position and layout evidence, from either parser.
  std::size_t index = 0;      // position in page order
  int depth = 0;              // HTML: element depth of the block's container
  bool gap_before = false;    // text: a blank line precedes it

  // Set by classify: true when the verdict is firm whatever select decides
  // (hidden elements, ad markers). Tentative drops may be overruled.
  bool firm = false;
  // Options::evidence: whether a drop writes its evidence into the block.
  bool wants_evidence = true;

  // HTML evidence (zero/false in text mode).
  bool in_article = false;    // inside <article>/<main> or role=main
  // HTML: the verdict the page's structure gives (hidden, chrome by tag, role
  // or class, outside the main region); Reason::Kept when it gives none.
  // Select weighs it with the text rules' verdict.
  Reason html_reason = Reason::Kept;
  std::uint32_t region = 0;   // id of the enclosing content container
  double link_density = 0.0;  // share of the text inside <a>
  std::string html_evidence;
};

struct Document {
  Mode mode = Mode::Text;
  Metadata metadata;
  std::vector<PageBlock> blocks;
  KeyArena keys;  // PageBlock::key of every block
  // Text mode: the page, which the blocks' lines view (a line that needed
  // its spaces folded is folded in place), and kLinePadding bytes after it,
  // so that 64 bytes may be read at once from anywhere in a line. An
  // allocation of its own, so that the views stay put however the document
  // is moved.
  std::unique_ptr<char[]> page;
  // HTML: the inline code of the blocks (a <code> outside <pre>), in block
  // order: code_spans[k] is of the text of blocks[code_blocks[k]]. Its
  // names stay as written, as in the block's Markdown.
  std::vector<std::size_t> code_blocks;
  std::vector<CodeSpan> code_spans;
  // HTML: the absolute URL the page's relative links resolve against;
  // empty when none is known.
  std::string link_base;
};

inline constexpr std::size_t kLinePadding = 64;

// Mark a block as dropped, with why: `why` is the evidence text, or a
// function that makes it, called only when the block wants evidence.
template <typename Why>
void drop(PageBlock& b, Reason reason, Why&& why, bool firm = false) {
  b.block.kept = false;
  b.block.reason = reason;
  b.firm = firm;
  if (!b.wants_evidence) return;
  if constexpr (std::is_invocable_v<Why>) {
    b.block.evidence = why();
  } else {
    b.block.evidence = std::forward<Why>(why);
  }
}

inline void keep(PageBlock& b) {
  b.block.kept = true;
  b.block.reason = Reason::Kept;
  b.block.evidence.clear();
  b.firm = false;
}

}  // namespace winnow::detail
