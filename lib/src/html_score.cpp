#include "html_score.hpp"

#include <algorithm>
#include <unordered_set>

#include "markers.hpp"

namespace winnow::detail {

namespace {

// How strongly each preset weighs chrome against prose.
struct Tuning {
  double chrome_weight;     // chrome bytes cost this much prose
  double link_dense;        // link share above which a block is link-dense
  double override_share;    // a hinted element with this share of all prose is content
  double content_bonus;     // extra weight on prose inside <article>/<main>-like elements
};

Tuning tuning_for(Favor favor) {
  switch (favor) {
    case Favor::Precision: return {2.0, 0.35, 0.6, 0.1};
    case Favor::Recall: return {0.5, 0.7, 0.3, 0.1};
    case Favor::Balanced: break;
  }
  return {1.0, 0.5, 0.4, 0.1};
}

bool has_sentence_end(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if ((c == '.' || c == '!' || c == '?' || c == ';') && (i + 1 == s.size() || s[i + 1] == ' ')) {
      return true;
    }
    // 。！？ (CJK full stops)
    if (c == '\xE3' && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x82') return true;
    if (c == '\xEF' && i + 2 < s.size() && s[i + 1] == '\xBC' && (s[i + 2] == '\x81' || s[i + 2] == '\x9F')) {
      return true;
    }
  }
  return false;
}

// Prose bytes a block contributes: its unlinked text, discounted when it
// reads like a label rather than a sentence.
double prose_weight(const PageBlock& b, const Tuning& t) {
  if (b.link_density > t.link_dense) return 0.0;
  double own = static_cast<double>(b.block.text.size()) * (1.0 - b.link_density);
  if (b.block.kind == BlockKind::Heading) return own * 0.5;
  if (b.block.text.size() < 100 && !has_sentence_end(b.block.text)) return own * 0.3;
  return own;
}

double chrome_weight(const PageBlock& b, const Tuning& t) {
  double size = static_cast<double>(b.block.text.size());
  if (b.link_density > t.link_dense) return size;
  return size * b.link_density;
}

class RegionSelector {
 public:
  RegionSelector(const HtmlTree& tree, const Options& options, Document& doc)
      : tree_(tree), t_(tuning_for(options.favor)), doc_(doc) {}

  void run() {
    const std::size_t n_blocks = doc_.blocks.size();
    if (n_blocks == 0) return;
    prose_.assign(n_blocks, 0.0);
    for (std::size_t i = 0; i < n_blocks; ++i) {
      const PageBlock& b = doc_.blocks[i];
      if (b.html_reason == Reason::Kept) prose_[i] = prose_weight(b, t_);
    }
    raw_prose_ = prefix(prose_);
    find_active_hints();
    chrome_.assign(n_blocks, 0.0);
    hinted_by_.assign(n_blocks, 0);
    for (std::size_t i = 0; i < n_blocks; ++i) {
      const PageBlock& b = doc_.blocks[i];
      if (b.html_reason != Reason::Kept) {
        prose_[i] = 0.0;
        continue;
      }
      std::uint32_t hint = nearest_hint(b.region);
      hinted_by_[i] = hint;
      if (hint != 0) {
        prose_[i] = 0.0;
        chrome_[i] = static_cast<double>(b.block.text.size());
      } else {
        chrome_[i] = chrome_weight(b, t_);
      }
    }
    std::vector<double> prose_sum = prefix(prose_);
    std::vector<double> chrome_sum = prefix(chrome_);
    std::uint32_t best = 0;
    double best_score = -1e300;
    for (std::uint32_t id = 0; id < tree_.nodes.size(); ++id) {
      const HtmlNode& n = tree_.nodes[id];
      if (n.first_block >= n.end_block || active_[id]) continue;
      double p = prose_sum[n.end_block] - prose_sum[n.first_block];
      double c = chrome_sum[n.end_block] - chrome_sum[n.first_block];
      double score = p - t_.chrome_weight * c;
      if (n.content_hint) score += t_.content_bonus * p;
      if (score > best_score) {
        best_score = score;
        best = id;
      }
    }
    apply(best);
  }

 private:
  static std::vector<double> prefix(const std::vector<double>& v) {
    std::vector<double> sum(v.size() + 1, 0.0);
    for (std::size_t i = 0; i < v.size(); ++i) sum[i + 1] = sum[i] + v[i];
    return sum;
  }

  // A hint counts unless its element holds much of the page's prose: then
  // the class names a layout ("has-sidebar"), not chrome.
  void find_active_hints() {
    active_.assign(tree_.nodes.size(), false);
    double total = raw_prose_.back();
    for (std::size_t id = 1; id < tree_.nodes.size(); ++id) {
      const HtmlNode& n = tree_.nodes[id];
      if (n.hint == Reason::Kept) continue;
      double p = raw_prose_[n.end_block] - raw_prose_[n.first_block];
      active_[id] = !(total > 0 && p >= t_.override_share * total);
    }
  }

  std::uint32_t nearest_hint(std::uint32_t id) const {
    while (id != 0) {
      if (active_[id]) return id;
      id = tree_.nodes[id].parent;
    }
    return 0;
  }

  void apply(std::uint32_t best) {
    const HtmlNode& region = tree_.nodes[best];
    std::string where = "outside the main region (" + describe(best) + ")";
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
      PageBlock& b = doc_.blocks[i];
      if (b.html_reason != Reason::Kept) continue;
      if (i < region.first_block || i >= region.end_block) {
        b.html_reason = Reason::OutsideMain;
        b.html_evidence = where;
      } else if (hinted_by_[i] != 0) {
        const HtmlNode& h = tree_.nodes[hinted_by_[i]];
        b.html_reason = h.hint;
        b.html_evidence = h.hint_evidence;
      } else if (b.link_density > t_.link_dense) {
        b.html_reason = Reason::LinkDense;
        b.html_evidence = std::to_string(static_cast<int>(b.link_density * 100)) + "% link text";
      }
    }
  }

  std::string describe(std::uint32_t id) const {
    const HtmlNode& n = tree_.nodes[id];
    std::string name = gumbo_normalized_tagname(n.tag);
    if (name.empty()) name = "element";
    return "<" + name + "> holding blocks " + std::to_string(n.first_block) + "-" +
           std::to_string(n.end_block == 0 ? 0 : n.end_block - 1);
  }

  const HtmlTree& tree_;
  Tuning t_;
  Document& doc_;
  std::vector<double> prose_, chrome_, raw_prose_;
  std::vector<bool> active_;
  std::vector<std::uint32_t> hinted_by_;
};

bool same_headline(const std::string& key, const std::string& title_key) {
  if (key.empty() || title_key.empty()) return false;
  if (key == title_key) return true;
  // "Headline" vs "Headline | Site", either way round.
  const std::string& shorter = key.size() < title_key.size() ? key : title_key;
  const std::string& longer = key.size() < title_key.size() ? title_key : key;
  return shorter.size() * 10 >= longer.size() * 6 && longer.find(shorter) == 0;
}

// The headline is reported in the metadata, not the body.
void drop_headline(Document& doc) {
  const std::string title_key = marker_key(doc.metadata.title);
  bool found = false;
  for (auto& b : doc.blocks) {
    if (b.block.kind != BlockKind::Heading && b.block.text.size() > doc.metadata.title.size() * 2) {
      continue;
    }
    if (!same_headline(marker_key(b.block.text), title_key)) continue;
    if (!found && b.block.kept) {
      drop(b, Reason::Title, "headline, reported as the title");
      found = true;
    } else if (b.block.kept) {
      drop(b, Reason::DuplicateHeadline, "repeats the headline");
    }
  }
}

void drop_repeats(Document& doc) {
  std::unordered_set<std::string> seen;
  for (auto& b : doc.blocks) {
    if (!b.block.kept) continue;
    if (!seen.insert(marker_key(b.block.text)).second) {
      drop(b, Reason::Duplicate, "same text earlier in the page");
    }
  }
}

// A heading with no kept text after it (before the next heading of the same
// or higher rank) introduces something that was dropped.
void drop_orphan_headings(Document& doc) {
  int open_level = 0;  // level of the heading awaiting content; 0 = none
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    PageBlock& b = doc.blocks[i];
    if (!b.block.kept) continue;
    if (b.block.kind == BlockKind::Heading) {
      int level = b.block.heading_level;
      if (open_level != 0 && level <= open_level) {
        // the pending heading(s) got nothing: keep them only if content follows later
      }
      pending.push_back(i);
      open_level = level;
      continue;
    }
    pending.clear();
    open_level = 0;
  }
  for (std::size_t i : pending) drop(doc.blocks[i], Reason::Chrome, "heading with no text after it");
}

}  // namespace

void select_main_region(const HtmlTree& tree, const Options& options, Document& doc) {
  RegionSelector(tree, options, doc).run();
}

void select_html(Document& doc, const Options&) {
  for (auto& b : doc.blocks) {
    if (b.html_reason != Reason::Kept) {
      bool firm = b.html_reason == Reason::Hidden;
      drop(b, b.html_reason, b.html_evidence, firm);
    }
  }
  drop_headline(doc);
  drop_repeats(doc);
  drop_orphan_headings(doc);
}

}  // namespace winnow::detail
