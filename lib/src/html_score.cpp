#include "html_score.hpp"

#include <algorithm>

#include "markers.hpp"
#include "script_forms.hpp"

namespace winnow::detail {

namespace {

// How strongly each preset weighs chrome against prose.
struct Tuning {
  double chrome_weight;     // chrome bytes cost this much prose
  double link_dense;        // link share above which a block is link-dense
  double override_share;    // a hinted element with this share of all prose is content
  double content_bonus;     // extra weight on prose inside <article>/<main>-like elements
};

// A hinted element holding much of the page's prose is still chrome when
// the elements that say they are the article, outside it, hold at least
// this share of its prose.
constexpr double kStoryElsewhereShare = 0.25;

Tuning tuning_for(Favor favor) {
  switch (favor) {
    case Favor::Precision: return {2.0, 0.4, 0.6, 0.25};
    case Favor::Recall: return {0.5, 0.75, 0.3, 0.25};
    case Favor::Balanced: break;
  }
  return {1.0, 0.6, 0.4, 0.25};
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
  double own = static_cast<double>(b.block.text.size()) * (1.0 - b.link_density);
  if (b.link_density > t.link_dense) own *= 0.3;
  if (b.block.kind == BlockKind::Heading) return own * 0.5;
  if (b.block.text.size() < 100 && !has_sentence_end(b.block.text)) return own * 0.3;
  return own;
}

double chrome_weight(const PageBlock& b) {
  return static_cast<double>(b.block.text.size()) * b.link_density;
}

// Mostly links: a menu or a list of teasers, unless it is long prose with
// many links in it.
bool is_link_dense(const PageBlock& b, const Tuning& t) {
  return b.link_density > t.link_dense && (b.block.text.size() < 300 || b.link_density > 0.8);
}

bool same_headline(std::string_view key, std::string_view title_key) {
  if (key.empty() || title_key.empty()) return false;
  if (key == title_key) return true;
  // "Headline" vs "Headline | Site", either way round.
  const std::string_view shorter = key.size() < title_key.size() ? key : title_key;
  const std::string_view longer = key.size() < title_key.size() ? title_key : key;
  return shorter.size() * 10 >= longer.size() * 6 && longer.starts_with(shorter);
}

// The key a headline and the title are compared by: marker_key() with
// superscript and subscript digits and signs read as plain ones. A headline
// written "CO<sub>2</sub> levels" (the walk writes "CO₂ levels") is the
// page's <title> "CO2 levels", which can hold no markup.
std::string headline_key(std::string_view text) {
  return has_script_forms(text) ? marker_key(plain_script_forms(text)) : marker_key(text);
}

// The block holding the page's headline: the heading that matches the
// title, else the first <h1>; npos when there is none.
std::size_t headline_block(const Document& doc) {
  const std::string title_key = headline_key(doc.metadata.title);
  std::size_t first_h1 = std::string::npos;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const PageBlock& b = doc.blocks[i];
    if (b.block.kind != BlockKind::Heading) continue;
    if (same_headline(headline_key(b.block.text), title_key)) return i;
    if (b.block.heading_level == 1 && first_h1 == std::string::npos) first_h1 = i;
  }
  return first_h1;
}

class RegionSelector {
 public:
  RegionSelector(HtmlTree& tree, const Options& options, Document& doc)
      : tree_(tree), t_(tuning_for(options.favor)), doc_(doc) {}

  void run() {
    if (doc_.blocks.empty()) return;
    weigh_prose();
    mark_other_articles();
    find_active_hints();
    weigh_chrome();
    apply(best_region());
  }

 private:
  void weigh_prose() {
    prose_.assign(doc_.blocks.size(), 0.0);
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
      const PageBlock& b = doc_.blocks[i];
      if (b.html_reason == Reason::Kept) prose_[i] = prose_weight(b, t_);
    }
    raw_prose_ = prefix(prose_);
  }

  // Text under an active hint is all chrome and no prose.
  void weigh_chrome() {
    chrome_.assign(doc_.blocks.size(), 0.0);
    hinted_by_.assign(doc_.blocks.size(), 0);
    const std::vector<std::uint32_t> nearest = nearest_hints();
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
      const PageBlock& b = doc_.blocks[i];
      if (b.html_reason != Reason::Kept) {
        prose_[i] = 0.0;
        continue;
      }
      hinted_by_[i] = nearest[b.region];
      if (hinted_by_[i] != 0) {
        prose_[i] = 0.0;
        chrome_[i] = static_cast<double>(b.block.text.size());
      } else {
        chrome_[i] = chrome_weight(b);
      }
    }
  }

  // The element with the most prose net of chrome; one pass with prefix sums.
  std::uint32_t best_region() const {
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
      // Article evidence: 1 for <article>/class tokens, 4x that for <main>,
      // role=main, itemprop=articleBody.
      if (n.content_hint > 0) score += t_.content_bonus * n.content_hint * n.content_hint * p;
      if (score > best_score) {
        best_score = score;
        best = id;
      }
    }
    return best;
  }

  static std::vector<double> prefix(const std::vector<double>& v) {
    std::vector<double> sum(v.size() + 1, 0.0);
    for (std::size_t i = 0; i < v.size(); ++i) sum[i + 1] = sum[i] + v[i];
    return sum;
  }

  // A post of a feed (a live blog's entries, each an <article>): it tells
  // its part in prose of its own, where a teaser is its linked title with
  // a line or two under it. So: a paragraph with a sentence end and no
  // links to speak of, at most a quarter of its text in links, and no
  // headline of its own (an <h1>: the next story of an endless page).
  bool is_feed_post(const HtmlNode& n) const {
    constexpr double kMaxLinkShare = 0.25;
    constexpr std::size_t kMinParagraphBytes = 60;
    double text = 0, links = 0;
    bool has_paragraph = false;
    for (std::size_t i = n.first_block; i < n.end_block; ++i) {
      const PageBlock& b = doc_.blocks[i];
      if (b.block.kind == BlockKind::Heading && b.block.heading_level == 1) return false;
      text += static_cast<double>(b.block.text.size());
      links += chrome_weight(b);
      has_paragraph = has_paragraph || (b.block.kind == BlockKind::Paragraph && b.link_density < 0.1 &&
                                        b.block.text.size() >= kMinParagraphBytes &&
                                        has_sentence_end(b.block.text));
    }
    return has_paragraph && links <= kMaxLinkShare * text;
  }

  // Several top-level <article>s: the one holding (or else following) the
  // headline is the story; the others are teasers of other stories. When
  // the headline stands above them all, the story may be a feed of posts:
  // the <article>s beside the first (same parent, none between) that are
  // posts (is_feed_post) are the story too.
  void mark_other_articles() {
    std::size_t headline = headline_block(doc_);
    if (headline == std::string::npos) return;
    std::vector<std::uint32_t> articles;
    std::vector<bool> in_article(tree_.nodes.size(), false);
    for (std::uint32_t id = 1; id < tree_.nodes.size(); ++id) {
      const HtmlNode& n = tree_.nodes[id];
      in_article[id] = in_article[n.parent] || n.tag == GUMBO_TAG_ARTICLE;
      if (n.tag == GUMBO_TAG_ARTICLE && !in_article[n.parent] && n.first_block < n.end_block) {
        articles.push_back(id);
      }
    }
    if (articles.size() < 2) return;
    std::uint32_t story = 0;
    for (std::uint32_t id : articles) {
      const HtmlNode& n = tree_.nodes[id];
      if (n.first_block <= headline && headline < n.end_block) story = id;
    }
    std::vector<bool> in_story(tree_.nodes.size(), false);
    if (story == 0) {
      for (std::size_t k = 0; k < articles.size() && story == 0; ++k) {
        if (tree_.nodes[articles[k]].first_block <= headline) continue;
        story = articles[k];
        // The posts after it in the same feed.
        for (std::size_t next = k + 1; next < articles.size(); ++next) {
          const HtmlNode& n = tree_.nodes[articles[next]];
          const HtmlNode& before = tree_.nodes[articles[next - 1]];
          if (n.parent != tree_.nodes[story].parent || n.first_block != before.end_block || !is_feed_post(n)) break;
          in_story[articles[next]] = true;
        }
      }
    }
    if (story == 0) return;
    for (std::uint32_t id : articles) {
      HtmlNode& n = tree_.nodes[id];
      if (id == story || in_story[id] || n.hint != Reason::Kept) continue;
      n.hint = Reason::RelatedList;
      n.hint_evidence = "another <article> than the headline's";
      n.hint_firm = true;
    }
  }

  // A hint counts unless its element holds much of the page's prose: then
  // the class names a layout ("has-sidebar"), not chrome. That reading
  // fails when an element that says it is the article (<article>, <main>,
  // a content class) lies outside the hinted one with prose of its own: a
  // short story with a long page footer is still the story.
  // Nor does it count when the element is a page-wide wrapper (an ASP.NET
  // <form>; again, unless the article is elsewhere), or wraps the element
  // that says it is the article body.
  void find_active_hints() {
    const std::size_t n_nodes = tree_.nodes.size();
    std::vector<bool> wraps_body(n_nodes, false), wraps_content(n_nodes, false);
    for (std::size_t id = n_nodes; id-- > 1;) {
      const HtmlNode& n = tree_.nodes[id];
      if (n.content_hint >= 2 || wraps_body[id]) wraps_body[n.parent] = true;
      if (n.content_hint > 0 || wraps_content[id]) wraps_content[n.parent] = true;
    }
    std::vector<double> content_prose;  // made when a hint first needs it
    std::vector<double> bytes(doc_.blocks.size(), 0.0), quoted(doc_.blocks.size(), 0.0);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const Block& b = doc_.blocks[i].block;
      bytes[i] = static_cast<double>(b.text.size());
      if (b.kind == BlockKind::Quote) quoted[i] = bytes[i];
    }
    std::vector<double> bytes_sum = prefix(bytes), quoted_sum = prefix(quoted);
    active_.assign(n_nodes, false);
    double total = raw_prose_.back();
    for (std::size_t id = 1; id < n_nodes; ++id) {
      const HtmlNode& n = tree_.nodes[id];
      if (n.hint == Reason::Kept || wraps_body[id]) continue;
      double p = raw_prose_[n.end_block] - raw_prose_[n.first_block];
      double b = bytes_sum[n.end_block] - bytes_sum[n.first_block];
      bool holds_prose = total > 0 && p >= t_.override_share * total;
      bool page_wide = b >= 0.5 * bytes_sum.back();
      if ((holds_prose || page_wide) && !wraps_content[id]) {
        if (content_prose.empty()) content_prose = prefix(prose_in_content_elements());
        const double outside = content_prose.back() - (content_prose[n.end_block] - content_prose[n.first_block]);
        if (outside >= kStoryElsewhereShare * p) holds_prose = page_wide = false;  // the story is elsewhere
      }
      // A share bar holds buttons, not quoted prose: that is an embedded post.
      bool embeds_post = n.hint == Reason::ShareBar &&
                         quoted_sum[n.end_block] - quoted_sum[n.first_block] >= 60;
      active_[id] = n.hint_firm || (!holds_prose && !page_wide && !embeds_post);
    }
  }

  // Each block's prose when an element that says it is the article holds
  // it, else 0.
  std::vector<double> prose_in_content_elements() const {
    std::vector<bool> in_content(tree_.nodes.size(), false);
    std::vector<double> prose(doc_.blocks.size(), 0.0);
    for (std::uint32_t id = 1; id < tree_.nodes.size(); ++id) {
      const HtmlNode& n = tree_.nodes[id];
      in_content[id] = in_content[n.parent] || n.content_hint > 0;
      if (n.content_hint == 0 || in_content[n.parent]) continue;
      for (std::size_t i = n.first_block; i < n.end_block; ++i) prose[i] = raw_prose_[i + 1] - raw_prose_[i];
    }
    return prose;
  }

  // For each element, the nearest active hint among it and its ancestors
  // (0: none), in one pass: a parent comes before its children. Walking up
  // from each block instead costs the page's depth per block, quadratic on
  // a page of 100,000 unclosed tags.
  std::vector<std::uint32_t> nearest_hints() const {
    std::vector<std::uint32_t> nearest(tree_.nodes.size(), 0);
    for (std::uint32_t id = 1; id < tree_.nodes.size(); ++id) {
      nearest[id] = active_[id] ? id : nearest[tree_.nodes[id].parent];
    }
    return nearest;
  }

  void apply(std::uint32_t best) {
    const HtmlNode& region = tree_.nodes[best];
    std::string where = "outside the main region (" + describe(best) + ")";
    // The story starts at its headline: what the region holds before it is
    // a kicker, breadcrumbs or a news ticker.
    std::size_t start = region.first_block;
    std::size_t headline = headline_block(doc_);
    if (headline != std::string::npos && headline > start && headline < region.end_block) {
      start = headline;
    }
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
      PageBlock& b = doc_.blocks[i];
      if (b.html_reason != Reason::Kept) continue;
      if (i < region.first_block || i >= region.end_block) {
        b.html_reason = Reason::OutsideMain;
        b.html_evidence = where;
      } else if (i < start) {
        b.html_reason = Reason::OutsideMain;
        b.html_evidence = "before the headline";
      } else if (hinted_by_[i] != 0) {
        const HtmlNode& h = tree_.nodes[hinted_by_[i]];
        b.html_reason = h.hint;
        b.html_evidence = h.hint_evidence;
      } else if (b.block.kind == BlockKind::Caption && tree_.nodes[b.region].tag != GUMBO_TAG_CAPTION) {
        // A figure's caption; a table's <caption> is the table's title.
        b.html_reason = Reason::Chrome;
        b.html_evidence = "image caption";
      } else if (is_link_dense(b, t_)) {
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

  HtmlTree& tree_;
  Tuning t_;
  Document& doc_;
  std::vector<double> prose_, chrome_, raw_prose_;
  std::vector<bool> active_;
  std::vector<std::uint32_t> hinted_by_;
};

// The headline is reported in the metadata, not the body.
void drop_headline(Document& doc) {
  const std::string title_key = headline_key(doc.metadata.title);
  bool found = false;
  for (auto& b : doc.blocks) {
    if (b.block.kind != BlockKind::Heading && b.block.text.size() > doc.metadata.title.size() * 2) {
      continue;
    }
    // The block's key is its marker_key(); only a text with script forms
    // needs another.
    std::string plain_key;
    std::string_view key = b.key;
    if (has_script_forms(b.block.text)) key = plain_key = marker_key(plain_script_forms(b.block.text));
    if (!same_headline(key, title_key)) continue;
    if (!found && b.block.kept) {
      drop(b, Reason::Title, "headline, reported as the title");
      found = true;
    } else if (b.block.kept) {
      drop(b, Reason::DuplicateHeadline, "repeats the headline");
    }
  }
}

// Pages repeat text on purpose (a recipe in several plans), so only a block
// that repeats the kept block just before it is a duplicate (a caption given
// twice, a teaser line and its link). A line of a paragraph (after a <br>)
// that repeats the line before is the text's own: a song's or a poem's
// refrain.
void drop_repeats(Document& doc) {
  std::string_view previous;
  for (auto& b : doc.blocks) {
    if (!b.block.kept) continue;
    if (b.key == previous && !b.block.after_line_break) drop(b, Reason::Duplicate, "same text as the block before");
    previous = b.key;
  }
}

// Headings after the last kept text introduce something that was dropped
// (comments, a related list).
void drop_trailing_headings(Document& doc) {
  for (std::size_t i = doc.blocks.size(); i-- > 0;) {
    PageBlock& b = doc.blocks[i];
    if (!b.block.kept) continue;
    if (b.block.kind != BlockKind::Heading) return;
    drop(b, Reason::Chrome, "heading with no text after it");
  }
}

// "More from the Times", "Related coverage": a short line opening with a
// related-list phrase.
bool opens_related_list(const PageBlock& b, const MarkerSet& markers) {
  constexpr std::size_t kMaxOpenerBytes = 60;
  if (b.block.text.size() > kMaxOpenerBytes || has_sentence_end(b.block.text)) return false;
  const std::string_view key = b.key;
  for (std::size_t space = key.find(' '); space != std::string_view::npos; space = key.find(' ', space + 1)) {
    if (markers.find_whole(key.substr(0, space)) == Reason::RelatedList) return true;
  }
  return false;
}

// A line that opens a comment section by its words ("Comments",
// "Kommentare (12)"; a marker of classify's, not the page's structure,
// which drops the section whole where a class names it).
bool opens_comments(const PageBlock& b) {
  return b.block.reason == Reason::CommentSection && b.html_reason == Reason::Kept;
}

// A related-list opener in the second half of the kept text ends the
// article: what follows belongs to that list. (Whole-line markers are left
// to classify: as openers they cut real articles short on this evidence.)
void cut_trailing_sections(Document& doc) {
  const MarkerSet& markers = builtin_markers();
  std::size_t total = 0;
  for (const auto& b : doc.blocks) total += b.block.kept ? b.block.text.size() : 0;
  std::size_t seen = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    PageBlock& b = doc.blocks[i];
    if (!b.block.kept) {
      if (seen * 2 < total || !opens_comments(b)) continue;
      const auto evidence = [&] { return "after '" + b.block.text + "'"; };
      for (std::size_t j = i + 1; j < doc.blocks.size(); ++j) {
        if (doc.blocks[j].block.kept) drop(doc.blocks[j], Reason::CommentSection, evidence);
      }
      return;
    }
    seen += b.block.text.size();
    if (seen * 2 < total || !opens_related_list(b, markers)) continue;
    const auto evidence = [&] { return "after '" + b.block.text + "'"; };
    drop(b, Reason::RelatedList, "opens a related list");
    for (std::size_t j = i + 1; j < doc.blocks.size(); ++j) {
      if (doc.blocks[j].block.kept) drop(doc.blocks[j], Reason::RelatedList, evidence);
    }
    return;
  }
}

}  // namespace

void select_main_region(HtmlTree& tree, const Options& options, Document& doc) {
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
  cut_trailing_sections(doc);
  drop_repeats(doc);
  drop_trailing_headings(doc);
}

}  // namespace winnow::detail
