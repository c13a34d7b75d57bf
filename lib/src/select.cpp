#include "select.hpp"

#include <unordered_set>

#include "html_score.hpp"
#include "markers.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

bool ends_sentence(std::string_view s) {
  while (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')')) s.remove_suffix(1);
  if (s.ends_with("\xE2\x80\x9D") || s.ends_with("\xE2\x80\x99")) s.remove_suffix(3);  // ” ’
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?' || s.back() == ':' ||
                        s.ends_with("\xE3\x80\x82") /* 。 */);
}

bool headline_like(const PageBlock& b) {
  std::size_t words = 1;
  for (char c : b.block.text) words += c == ' ';
  return b.block.kept && words >= 2 && words <= 30 && !ends_sentence(b.block.text);
}

// The headline is the first headline-like block before the body starts.
void find_title(Document& doc) {
  constexpr std::size_t kLookahead = 12;
  for (std::size_t i = 0; i < doc.blocks.size() && i < kLookahead; ++i) {
    PageBlock& b = doc.blocks[i];
    if (!b.block.kept) continue;
    if (!headline_like(b)) return;  // the body has started
    doc.metadata.title = b.block.text;
    drop(b, Reason::Title, "headline, reported as the title");
    return;
  }
}

void drop_repeats(Document& doc) {
  std::unordered_set<std::string> seen;
  const std::string title_key = marker_key(doc.metadata.title);
  for (auto& b : doc.blocks) {
    if (b.block.reason == Reason::Title) continue;
    std::string key = marker_key(b.block.text);
    if (!title_key.empty() && key == title_key) {
      drop(b, Reason::DuplicateHeadline, "repeats the headline");
      continue;
    }
    if (!b.block.kept) continue;
    if (!seen.insert(key).second) drop(b, Reason::Duplicate, "same text earlier in the page");
  }
}

// A comment or related-posts opener in the second half of the page ends the
// article: everything after it belongs to that section.
void cut_trailing_sections(Document& doc) {
  std::size_t total = 0;
  for (const auto& b : doc.blocks) total += b.block.text.size();
  std::size_t seen = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const PageBlock& b = doc.blocks[i];
    seen += b.block.text.size();
    Reason r = b.block.reason;
    if (r != Reason::CommentSection && r != Reason::RelatedList) continue;
    if (seen * 2 < total) continue;
    for (std::size_t j = i + 1; j < doc.blocks.size(); ++j) {
      if (doc.blocks[j].block.kept) drop(doc.blocks[j], r, "after '" + b.block.text + "'");
    }
    return;
  }
}

}  // namespace

void select(Document& doc, const Options& options) {
  if (doc.mode == Mode::Html) return select_html(doc, options);
  find_title(doc);
  drop_repeats(doc);
  cut_trailing_sections(doc);
}

}  // namespace winnow::detail
