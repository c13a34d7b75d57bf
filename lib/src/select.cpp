#include "select.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <string_view>
#include <utility>

#include "block_stats.hpp"
#include "byline.hpp"
#include "headline.hpp"
#include "html_score.hpp"
#include "markers.hpp"
#include "spread_hash.hpp"

namespace winnow::detail {

namespace {

// How hard select leans, per Options::favor. Scores are in units (about five
// per Latin word): a prose block adds its length, everything else subtracts.
struct Tuning {
  double label_cost;      // a short link-like line: menu entry, link title
  double fragment_cost;   // another short line: list item, table cell, short sentence
  double marker_cost;     // a block classify dropped (ad marker, share button...)
  double opener_cost;     // "Leave a Reply", "You may also like": a section boundary
  double run_cost;        // extra cost of each chrome line beyond two in a row
  double sentence_gain;   // share of its length a short sentence adds
  double teaser_share;    // share of its score a lone paragraph keeps
  double list_gain;       // share of its length a line in a list adds
  std::size_t list_min;   // this many non-link short lines in a row are a list
  std::size_t menu_run;   // this many labels in a row inside the article are a menu (0: never)
};

Tuning tuning_for(Favor favor) {
  switch (favor) {
    case Favor::Precision: return {45, 20, 45, 1000, 80, 0.25, 0.3, 0, 0, 2};
    case Favor::Recall: return {15, 3, 20, 300, 0, 1.0, 1.0, 0.5, 3, 0};
    case Favor::Balanced: break;
  }
  return {30, 12, 30, 300, 40, 0.5, 0.3, 0.2, 3, 3};
}

bool is_section_opener(Reason r) { return r == Reason::CommentSection || r == Reason::RelatedList; }

// A short line of dialogue or narration ("\"Why?\" she asked.", "He left.")
// ends a sentence and is written in sentence case, as menu entries, Title
// Case headlines and teaser bylines are not: it neither pulls the article
// in nor splits it.
bool reads_as_short_sentence(const BlockStats& s) {
  return s.sentence_ends > 0 && s.ends_sentence && s.words >= 2 && s.capitalized_words * 2 <= s.cased_words;
}

// `small_print`: the block holds [chrome-words] that are not what the page
// is about (small_print_of()).
double block_score(const PageBlock& b, const BlockStats& s, const Tuning& t, bool small_print) {
  if (!b.block.kept) {
    // Ad slots sit between article paragraphs as often as around them: an
    // ad marker neither pulls the article in nor splits it.
    if (b.block.reason == Reason::Empty || b.block.reason == Reason::AdMarker) return 0;
    return is_section_opener(b.block.reason) ? -t.opener_cost : -t.marker_cost;
  }
  // Cookie notices and legal small print are written as prose. A link-like
  // line costs as a label whatever its words, so it is not searched.
  if (is_link_like(s)) return -t.label_cost;
  if (small_print) return -t.label_cost;
  // A long block with no sentence mark at all is a tag cloud or a keyword
  // list, not a paragraph; it neither pulls the article in nor splits it.
  if (s.units >= kLongUnits && s.sentence_ends == 0) return 0;
  if (is_prose(s)) return static_cast<double>(s.units);
  if (s.ends_sentence && s.units >= kShortUnits) return t.sentence_gain * static_cast<double>(s.units);
  // Eighteen words or more in sentence case read as a sentence that lost
  // its full stop (a lead, a caption), not as a menu entry.
  if (s.words >= 18 && s.capitalized_words * 3 < s.cased_words) {
    return t.sentence_gain * static_cast<double>(s.units);
  }
  if (reads_as_short_sentence(s)) return 0;
  return -t.fragment_cost;
}

// Each block's statistics (classify's, which nothing after it changes),
// read in place rather than copied out per page.
class Stats {
 public:
  explicit Stats(const Document& doc) : blocks_(doc.blocks.data()) {}
  const BlockStats& operator[](std::size_t i) const { return blocks_[i].stats; }

 private:
  const PageBlock* blocks_;
};

struct Span {
  std::size_t begin = 0, end = 0;  // [begin, end)
  bool empty() const { return begin == end; }
};

// The article is the run of blocks with the highest total score: long prose
// pulls it in, runs of labels and markers push it apart (maximum-sum
// subarray).
Span best_run(const std::vector<double>& scores) {
  Span best, current;
  double best_sum = 0, sum = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (sum <= 0) {
      sum = 0;
      current.begin = i;
    }
    sum += scores[i];
    current.end = i + 1;
    if (sum > best_sum) {
      best_sum = sum;
      best = current;
    }
  }
  return best;
}

// "Comments" between "Facebook" and "Print" is a button of a share bar, not
// the heading of a comment section.
bool in_button_row(const Document& doc, std::size_t i) {
  auto is_button = [&](std::size_t j) {
    const Block& b = doc.blocks[j].block;
    return !b.kept && b.reason == Reason::ShareBar;
  };
  return (i > 0 && is_button(i - 1)) || (i + 1 < doc.blocks.size() && is_button(i + 1));
}

// "Related articles" and two links between two paragraphs is a box inside
// the article, not the list that ends it: the article's paragraphs go on
// within a few lines. Such an opener costs no more than a label. `openers`
// are the related-list openers among the scored blocks (score_blocks()).
// Returns the openers of such boxes.
std::vector<std::size_t> soften_inline_boxes(const Document& doc, Stats stats, const std::vector<std::size_t>& openers,
                                             std::vector<double>& scores, const Tuning& t) {
  std::vector<std::size_t> boxes;
  constexpr std::size_t kBoxLines = 5;
  for (const std::size_t i : openers) {
    bool prose_before = i > 0 && scores[i - 1] > 0;
    bool prose_after = false;
    for (std::size_t j = i + 1; j < scores.size() && j <= i + kBoxLines + 1; ++j) {
      // The article goes on: two paragraphs in a row, not a teaser summary.
      auto paragraph = [&](std::size_t k) {
        return k < scores.size() && doc.blocks[k].block.kept && is_prose(stats[k]) && scores[k] > 0;
      };
      if (paragraph(j)) {
        prose_after = paragraph(j + 1);
        break;
      }
    }
    if (prose_before && prose_after) {
      scores[i] = -t.label_cost;
      boxes.push_back(i);
    }
  }
  return boxes;
}

// Whether the text closes with an ellipsis: a teaser cut short.
bool cut_short(std::string_view text) {
  return text.ends_with("...") || text.ends_with("\xE2\x80\xA6");  // …
}

// A paragraph of the article: kept prose that is not a teaser cut short.
bool article_paragraph(const PageBlock& b, const BlockStats& s) {
  return b.block.kept && is_prose(s) && !cut_short(b.text());
}

// Whether the text's last sentence mark, closing quotes and brackets aside,
// is '?' or '!'.
bool asks_or_exclaims(std::string_view text) {
  constexpr std::string_view kClosers[] = {"\"", "'", ")", "]", "\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */,
                                           "\xC2\xBB" /* » */};
  for (bool trimmed = true; trimmed && !text.empty();) {
    trimmed = false;
    for (std::string_view closer : kClosers) {
      if (text.ends_with(closer)) {
        text.remove_suffix(closer.size());
        trimmed = true;
      }
    }
  }
  return text.ends_with('?') || text.ends_with('!');
}

// Whether a kept line reads as an entry of a box of links to other stories:
// short of a long paragraph, and it does not end with a full stop (a
// headline, a kicker, a date), or it is a headline of one sentence that
// asks or exclaims ("Video shows the rescue: \"We got her!\""), or a teaser
// cut short.
bool reads_as_box_entry(const PageBlock& b, const BlockStats& s) {
  if (s.units >= kLongUnits) return false;
  if (!s.ends_sentence) return true;
  return cut_short(b.text()) || (s.sentence_ends <= 1 && asks_or_exclaims(b.text()));
}

// Where the box that a related-list opener inside the article heads ends:
// after the entries that follow it (at most kMostEntries kept lines), at
// the paragraph with which the article goes on. When something else comes
// first, or the entries run on, the box is not told from the article:
// `opener` + 1, and nothing is dropped. A `softened` box, after which the
// article goes on within a few lines (soften_inline_boxes()), ends at the
// first line that is not an entry, whatever it is ("The mayor declined to
// comment." stays).
std::size_t box_end(const Document& doc, Stats stats, std::size_t opener, std::size_t end, bool softened) {
  constexpr std::size_t kMostEntries = 16;
  std::size_t entries = 0;
  for (std::size_t j = opener + 1; j < end; ++j) {
    const PageBlock& b = doc.blocks[j];
    if (!b.block.kept) continue;
    if (!reads_as_box_entry(b, stats[j])) return softened || article_paragraph(b, stats[j]) ? j : opener + 1;
    if (++entries > kMostEntries) break;
  }
  return opener + 1;
}

// The lines of a related box inside the article are its links: those after
// a softened opener (`boxes`) up to the next paragraph, and those after any
// other opener the article runs through ("Most read in world news", then
// headlines and their kickers) up to the paragraph with which the article
// goes on (box_end()).
void drop_inline_boxes(Document& doc, Stats stats,
                       const std::vector<std::size_t>& boxes, Span article) {
  for (std::size_t opener = article.begin; opener < article.end; ++opener) {
    const Block& b = doc.blocks[opener].block;
    if (b.kept || b.reason != Reason::RelatedList) continue;
    const bool softened = std::binary_search(boxes.begin(), boxes.end(), opener);
    const std::size_t end = box_end(doc, stats, opener, article.end, softened);
    const auto why = [&] { return "in the box opened by '" + std::string(doc.blocks[opener].text()) + "'"; };
    for (std::size_t j = opener + 1; j < end; ++j) {
      if (doc.blocks[j].block.kept) drop(doc.blocks[j], Reason::RelatedList, why);
    }
  }
}

// A teaser list repeats title, byline or date, then a one-paragraph summary:
// prose alone between stretches of two or more short lines. Article
// paragraphs come in runs, or between single subheadings. A list of such
// lone paragraphs counts for less, so it does not join the article. A
// paragraph after nothing but share buttons is no teaser: a one-paragraph
// story and the site's blurb under the story's share bar must not discount
// each other, or the blurb, the longer, wins.
void discount_teasers(const Document& doc, std::vector<double>& scores, const Tuning& t) {
  // The blocks [from, to) are share buttons and blank lines only.
  auto buttons_only = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      const Block& b = doc.blocks[k].block;
      if (b.kept || (b.reason != Reason::ShareBar && b.reason != Reason::Empty)) return false;
    }
    return true;
  };
  // The scores are read first: only a count of two or more matters
  // (is_lone()), and only then are the blocks read.
  auto shorts_before = [&](std::size_t i) {
    const std::size_t to = i;
    std::size_t n = 0;
    while (i > 0 && scores[i - 1] <= 0) n += scores[--i] < 0;
    if (n >= 2 && buttons_only(i, to)) n = 0;
    return std::pair{n, i > 0};
  };
  auto shorts_after = [&](std::size_t i) {
    std::size_t n = 0;
    while (i + 1 < scores.size() && scores[i + 1] <= 0) n += scores[++i] < 0;
    return n;
  };
  auto is_lone = [&](std::size_t i) {
    if (scores[i] <= 0) return false;
    auto [before, bounded] = shorts_before(i);
    std::size_t after = shorts_after(i);
    return before >= 2 && after >= 1 && (after >= 2 || bounded);
  };
  // Only a chain of two or more such paragraphs, with nothing but short
  // lines between them, is a list; a single one is an article paragraph
  // between a menu and a subheading.
  constexpr std::size_t kMinTeasers = 2;
  std::vector<std::size_t> chain;
  auto flush = [&] {
    if (chain.size() >= kMinTeasers) {
      for (std::size_t i : chain) scores[i] *= t.teaser_share;
    }
    chain.clear();
  };
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (scores[i] <= 0) continue;
    if (is_lone(i)) {
      chain.push_back(i);
    } else {
      flush();
    }
  }
  flush();
}

bool is_fragment(const PageBlock& b, const BlockStats& s) {
  return b.block.kept && !is_prose(s) && !is_link_like(s) && s.units >= 8;
}

// The block before `i`, blank ones aside; the block count when there is
// none.
std::size_t nonblank_before(const Document& doc, std::size_t i) {
  while (i > 0 && doc.blocks[i - 1].block.reason == Reason::Empty) --i;
  return i > 0 ? i - 1 : doc.blocks.size();
}

// The block after `i` and before `end`, blank ones aside; the block count
// when there is none.
std::size_t nonblank_after(const Document& doc, std::size_t i, std::size_t end) {
  for (std::size_t k = i + 1; k < end; ++k) {
    if (doc.blocks[k].block.reason != Reason::Empty) return k;
  }
  return doc.blocks.size();
}

// Whether the block before `i` (blank ones aside) is one classify dropped
// as chrome, such as a section label ("Most Read", "Tags"): the lines it
// introduces are the site's list, not the article's. An ad slot is not
// such a label.
bool after_chrome_label(const Document& doc, std::size_t i) {
  const std::size_t before = nonblank_before(doc, i);
  if (before == doc.blocks.size()) return false;
  const Block& label = doc.blocks[before].block;
  return !label.kept && label.reason != Reason::AdMarker;
}

// Whether the list in blocks [begin, end) is a list of other stories: a
// heading in Title Case opens it ("On Our Radar", "関連記事"), nothing in it
// ends with ':' ("Tour dates:"), fewer than half its lines hold figures
// (dates, prices, numbered steps), and no paragraph of the article comes
// right after it. The article's own lists are introduced by a sentence or
// a colon, or hold figures, or sit between its paragraphs.
bool lists_other_stories(const Document& doc, Stats stats, std::size_t begin, std::size_t end) {
  const std::size_t heading = nonblank_before(doc, begin);
  if (heading == doc.blocks.size()) return false;
  auto introduces = [&](std::size_t i) { return doc.blocks[i].text().ends_with(':'); };
  if (!doc.blocks[heading].block.kept || !is_link_like(stats[heading]) || introduces(heading)) return false;
  std::size_t with_figures = 0;
  for (std::size_t k = begin; k < end; ++k) {
    if (introduces(k)) return false;
    with_figures += stats[k].digits > 0;
  }
  if (with_figures * 2 >= end - begin) return false;
  constexpr std::size_t kLook = 3;  // blocks looked at after the list
  for (std::size_t k = end; k < doc.blocks.size() && k < end + kLook; ++k) {
    if (article_paragraph(doc.blocks[k], stats[k])) return false;
  }
  return true;
}

// Whether a kept line is two words in sentence case ("Very comfortable",
// "Réservation obligatoire"): link-like for its length alone, as a menu
// entry is, but an item of a list when the lines around it are items too.
bool two_words_in_sentence_case(const PageBlock& b, const BlockStats& s) {
  return s.words == 2 && s.cased_words == 2 && s.capitalized_words <= 1 && s.units >= 8 && is_label(s) &&
         b.block.kept;
}

// A list or table scraped line by line (steps, dates, prices, table cells)
// is a run of short lines that are not link-like. Several in a row are
// content, not chrome: they add a little instead of costing; unless a chrome
// label opens them. An item of two words in sentence case ("Very
// comfortable") stands among them, as long as most of the run's lines are
// longer items: a run of two-word lines alone is a menu ("About us",
// "Contact us").
void credit_lists(const Document& doc, Stats stats,
                  std::vector<double>& scores, const Tuning& t) {
  if (t.list_gain <= 0) return;
  auto item = [&](std::size_t k) {
    return is_fragment(doc.blocks[k], stats[k]) || two_words_in_sentence_case(doc.blocks[k], stats[k]);
  };
  std::size_t i = 0;
  while (i < scores.size()) {
    if (!item(i)) {
      ++i;
      continue;
    }
    std::size_t j = i, longer = 0;
    for (; j < scores.size(); ++j) {
      const bool fragment = is_fragment(doc.blocks[j], stats[j]);
      if (!fragment && !two_words_in_sentence_case(doc.blocks[j], stats[j])) break;
      longer += fragment;
    }
    if (j - i >= t.list_min && longer * 2 > j - i && !after_chrome_label(doc, i) &&
        !lists_other_stories(doc, stats, i, j)) {
      for (std::size_t k = i; k < j; ++k) scores[k] = t.list_gain * static_cast<double>(stats[k].units);
    }
    i = j;
  }
}

// A comment section runs to the end of the page: once an article has been
// read (some prose before it), "Leave a Reply" or "Comments" ends it.
// Returns the index of the opener, or the block count when there is none.
std::size_t find_comment_cut(const Document& doc, Stats stats) {
  constexpr std::size_t kMinArticleUnits = 200;
  std::size_t prose_before = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const PageBlock& b = doc.blocks[i];
    if (b.block.kept && is_prose(stats[i])) prose_before += stats[i].units;
    if (!b.block.kept && b.block.reason == Reason::CommentSection && prose_before >= kMinArticleUnits &&
        !in_button_row(doc, i)) {
      return i;
    }
  }
  return doc.blocks.size();
}

// A short sentence-case line right after the last paragraph ("With
// reporting by AFP and Reuters") closes the article: a credit or sign-off.
// A longer one, or one that holds a sentence end, is the site describing
// itself (the tagline rule in drop_outside).
// A line holding [chrome-words] ("Sign up for our newsletters") is the
// site's, not a credit.
bool is_closing_line(const PageBlock& b, const BlockStats& s) {
  return b.block.kept && !is_prose(s) && !is_link_like(s) && s.words >= 2 && s.words < 10 &&
         s.sentence_ends == 0 && s.digits == 0 && !s.starts_lower &&
         !builtin_markers().find_chrome_words_padded(b.key);  // b.key is in the KeyArena
}

void drop_outside(Document& doc, Stats stats, Span article) {
  for (std::size_t i = 0; i < article.begin; ++i) {
    PageBlock& b = doc.blocks[i];
    if (b.block.kept) drop(b, Reason::Navigation, "before the article");
  }
  const PageBlock* opener = nullptr;
  const auto after_opener = [&] { return "after '" + std::string(opener->text()) + "'"; };
  bool tagline_checked = false;
  for (std::size_t i = article.end; i < doc.blocks.size(); ++i) {
    PageBlock& b = doc.blocks[i];
    if (!b.block.kept) {
      if (is_section_opener(b.block.reason) && !opener) opener = &b;
      if (b.block.reason != Reason::Empty) tagline_checked = true;
      continue;
    }
    if (opener) {
      drop(b, opener->block.reason, after_opener);
    } else if (!tagline_checked && stats[i].words >= 6 && !is_prose(stats[i])) {
      drop(b, Reason::Tagline, "unfinished sentence closing the article");
    } else {
      drop(b, Reason::Chrome, "after the article");
    }
    tagline_checked = true;
  }
}

// Inside the article, a run of link-like lines is a menu or a link
// list; one or two such lines between paragraphs are subheadings and stay.
void drop_menus(Document& doc, Stats stats, Span article, std::size_t min_run) {
  if (min_run == 0) return;
  std::size_t i = article.begin;
  while (i < article.end) {
    if (!doc.blocks[i].block.kept || !is_link_like(stats[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < article.end && (!doc.blocks[j].block.kept || is_link_like(stats[j]))) ++j;
    std::size_t labels = 0;
    for (std::size_t k = i; k < j; ++k) labels += doc.blocks[k].block.kept;
    if (labels >= min_run) {
      const auto why = [labels] { return "one of " + std::to_string(labels) + " link-like lines in a row"; };
      for (std::size_t k = i; k < j; ++k) {
        if (doc.blocks[k].block.kept) drop(doc.blocks[k], Reason::Navigation, why);
      }
    }
    i = j;
  }
}

// A set of keys held as views into the blocks (which outlive it): open
// addressing in one table sized for every block, so adding a key allocates
// nothing.
class KeySet {
 public:
  explicit KeySet(std::size_t most) : slots_(std::bit_ceil(2 * most + 2)) {}

  // Adds the key; false when it was there already.
  bool insert(std::string_view key) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = spread(key) & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (!slot.used) {
        slot = {key, true};
        return true;
      }
      if (slot.key == key) return false;
    }
  }

 private:
  // Where a key's probe starts. Keys are compared whole in the table, so
  // the hash only has to spread them: a long key (a paragraph) is hashed by
  // its size and its first and last 16 bytes, not all of it.
  static std::size_t spread(std::string_view key) {
    constexpr std::size_t kEnd = 16;
    if (key.size() <= 2 * kEnd) return spread_hash(key);
    return spread_hash(key.substr(0, kEnd)) ^ (spread_hash(key.substr(key.size() - kEnd)) * 0x9E3779B97F4A7C15ull) ^
           key.size();
  }

  struct Slot {
    std::string_view key;
    bool used = false;
  };
  std::vector<Slot> slots_;
};

// Whether the repeat at block `i` is the text's own: a line shorter than a
// paragraph that is not link-like (a chorus line, a refrain, the question
// put to each person interviewed), away from its first showing. Menus
// shown twice are link-like, captions and teasers shown twice are longer,
// and a line shown twice in a row is a scraping repeat (a headline over
// itself). Asked of repeats only.
bool repeats_as_refrain(const Document& doc, Stats stats, std::size_t i) {
  if (stats[i].units >= kProseUnits || is_link_like(stats[i])) return false;
  const std::size_t before = nonblank_before(doc, i);
  return before == doc.blocks.size() || doc.blocks[before].key != doc.blocks[i].key;
}

void drop_repeats(Document& doc, Stats stats) {
  KeySet seen(doc.blocks.size());
  const std::string title_key = marker_key(doc.metadata.title);
  for (auto& b : doc.blocks) {
    if (b.block.reason == Reason::Title) continue;
    const std::string_view key = b.key;
    if (!title_key.empty() && key == title_key) {
      drop(b, Reason::DuplicateHeadline, "repeats the headline");
      continue;
    }
    if (!b.block.kept) continue;
    if (!seen.insert(key) && !repeats_as_refrain(doc, stats, static_cast<std::size_t>(&b - doc.blocks.data()))) {
      drop(b, Reason::Duplicate, "same text earlier in the page");
    }
  }
}

// Which chrome-words phrases are what the page is about, not its small
// print: each found in kSubjectBlocks prose blocks or more, with a prose
// block holding none of the phrases between two of them. An article on a
// change to a privacy policy names the policy paragraph after paragraph,
// among paragraphs that do not; a cookie notice is a block or a few in a
// row, and a footer names "privacy policy" once. Told the phrases of each
// prose block in page order.
class PageSubjects {
 public:
  void add_prose(std::uint64_t phrases) {
    if (phrases == 0) {
      before_clean_ = seen_;
      return;
    }
    interleaved_ |= phrases & before_clean_;
    seen_ |= phrases;
    for (std::uint64_t bits = phrases; bits; bits &= bits - 1) ++blocks_with_[std::countr_zero(bits)];
  }

  std::uint64_t subjects() const {
    constexpr unsigned kSubjectBlocks = 3;
    std::uint64_t subjects = 0;
    for (std::uint64_t bits = interleaved_; bits; bits &= bits - 1) {
      const int k = std::countr_zero(bits);
      if (blocks_with_[k] >= kSubjectBlocks) subjects |= std::uint64_t{1} << k;
    }
    return subjects;
  }

 private:
  std::array<unsigned, 64> blocks_with_{};
  std::uint64_t seen_ = 0;          // phrases found in a prose block so far
  std::uint64_t before_clean_ = 0;  // ... before the last prose block without any
  std::uint64_t interleaved_ = 0;   // ... found again after such a block
};

// The small print of each of the first `cut` blocks: the [chrome-words]
// phrases it holds that are not the page's subjects (bit k:
// chrome_words[k]), looked for in the kept blocks that are not link-like
// (a link-like line costs as a label whatever its words).
std::vector<std::uint64_t> small_print_of(const Document& doc, Stats stats, std::size_t cut) {
  const MarkerSet& markers = builtin_markers();
  std::vector<std::uint64_t> found(cut, 0);
  PageSubjects subjects;
  std::uint64_t any = 0;
  for (std::size_t i = 0; i < cut; ++i) {
    const PageBlock& b = doc.blocks[i];
    if (!b.block.kept || is_link_like(stats[i])) continue;
    found[i] = markers.find_all_chrome_words_padded(b.key);  // b.key is in the KeyArena
    any |= found[i];
    if (is_prose(stats[i])) subjects.add_prose(found[i]);
  }
  if (const std::uint64_t page_subjects = any ? subjects.subjects() : 0) {
    for (auto& phrases : found) phrases &= ~page_subjects;
  }
  return found;
}

// A line of a list of other stories: kept, three words or more, short of a
// paragraph ("The plan to boost drone batteries with a teensy jet engine"),
// or a question of one sentence ("Could an astronaut lost in space use
// gravity to get around?"), or a teaser cut short ("Mead School District
// will build 10th elementary school …").
bool reads_as_listed_headline(const PageBlock& b, const BlockStats& s) {
  if (!b.block.kept || s.words < 3) return false;
  if (!is_prose(s)) return true;
  const bool question = s.sentence_ends == 1 && b.text().ends_with('?');
  return s.units < kLongUnits && (question || cut_short(b.text()));
}

// Whether a heading (a label, or a short line closing with ':') could open
// a list: at most six words. The counts are read first: they turn the
// paragraphs away.
bool heading_shaped(const PageBlock& b, const BlockStats& s) {
  constexpr std::size_t kMostWords = 6;
  return s.words <= kMostWords && s.units < kProseUnits && b.block.kept &&
         (!s.ends_sentence || b.text().ends_with(':'));
}

// Whether the kept block before `i` (dropped ones aside) reads as a
// headline: the line is then one of a list, not its heading.
bool follows_headline(const Document& doc, Stats stats, std::size_t i) {
  while (i > 0 && !doc.blocks[i - 1].block.kept) --i;
  return i > 0 && reads_as_listed_headline(doc.blocks[i - 1], stats[i - 1]);
}

// Whether the kept lines after block `i` (dropped ones aside) are a list
// of headlines: two of the next three read as such, one of them the first
// or the second (a date or a section name may stand between), with no
// paragraph before the second.
bool opens_headline_list(const Document& doc, Stats stats, std::size_t i) {
  constexpr std::size_t kLook = 5;   // blocks looked at after the heading
  constexpr std::size_t kLines = 3;  // kept lines weighed
  std::size_t lines = 0, headlines = 0;
  for (std::size_t j = i + 1; j < doc.blocks.size() && j <= i + kLook && lines < kLines; ++j) {
    const PageBlock& b = doc.blocks[j];
    if (!b.block.kept) continue;
    ++lines;
    if (reads_as_listed_headline(b, stats[j])) {
      if (++headlines == 2) return true;
    } else if (is_prose(stats[j]) || (lines == 2 && headlines == 0)) {
      return false;
    }
  }
  return false;
}

// Whether the article's paragraphs go on after the list that block `i`
// heads: the first paragraph after it has another right after it (blank
// blocks aside). A list of steps under "How to write better posts" sits
// between paragraphs; the site's list of other stories comes after the
// article, or before teasers, a biography or the footer.
bool paragraphs_follow(const Document& doc, Stats stats, std::size_t i) {
  constexpr std::size_t kLook = 30;  // a list longer than this ends the article anyway
  const std::size_t end = std::min(doc.blocks.size(), i + kLook);
  for (std::size_t j = i + 1; j < end; ++j) {
    if (!article_paragraph(doc.blocks[j], stats[j])) continue;
    const std::size_t next = nonblank_after(doc, j, doc.blocks.size());
    return next < doc.blocks.size() && article_paragraph(doc.blocks[next], stats[next]);
  }
  return false;
}

// Whether block b could be a line of verse: kept, three to fourteen words
// in sentence case, no figure, short of a paragraph.
bool verse_shaped(const PageBlock& b, const BlockStats& s) {
  constexpr std::size_t kFewestWords = 3, kMostWords = 14;
  return b.block.kept && s.words >= kFewestWords && s.words <= kMostWords && s.digits == 0 && !is_link_like(s) &&
         !is_prose(s);
}

// Whether a line ends as a line of verse goes on to the next: a comma or
// a semicolon, which a headline or a menu entry never ends with.
bool ends_mid_sentence(std::string_view text) { return text.ends_with(',') || text.ends_with(';'); }

// The lines of a poem or a song among the first `cut` blocks: stanzas,
// runs of three verse-shaped lines or more that a blank line or another
// kind of line ends, on a page of two stanzas or more, a quarter of whose
// lines end mid-sentence. A poem has no paragraph to pull the article in,
// and its lines, short and unfinished, cost as fragments; a list of
// headlines grouped the same way ends no line with a comma. Empty when
// there is no poem.
std::vector<bool> verse_lines(const Document& doc, Stats stats, std::size_t cut) {
  constexpr std::size_t kFewestLines = 3, kFewestStanzas = 2;
  std::vector<bool> verse;
  std::size_t stanzas = 0, lines = 0, mid_sentence = 0;
  for (std::size_t begin = 0; begin < cut;) {
    if (!verse_shaped(doc.blocks[begin], stats[begin])) {
      ++begin;
      continue;
    }
    std::size_t end = begin + 1;
    while (end < cut && !doc.blocks[end].gap_before && verse_shaped(doc.blocks[end], stats[end])) ++end;
    if (end - begin >= kFewestLines) {
      if (verse.empty()) verse.assign(cut, false);
      for (std::size_t i = begin; i < end; ++i) {
        verse[i] = true;
        mid_sentence += ends_mid_sentence(doc.blocks[i].text());
      }
      lines += end - begin;
      ++stanzas;
    }
    begin = end;
  }
  if (stanzas < kFewestStanzas || mid_sentence * 4 < lines) verse.clear();
  return verse;
}

// A poem's lines: each line of a stanza after its first goes on the line
// after it (Block::after_line_break), so that the text keeps the stanzas,
// lines one newline apart and a blank line between stanzas.
void join_stanza_lines(Document& doc, const std::vector<bool>& verse) {
  for (std::size_t i = 1; i < verse.size(); ++i) {
    if (verse[i] && verse[i - 1] && !doc.blocks[i].gap_before) doc.blocks[i].block.after_line_break = true;
  }
}

// The score of every block before `cut` (see docs/rules.md, "Scores"),
// a line of a poem (`verse`, verse_lines() of the page) as a short
// sentence. `openers`: the blocks classify dropped as related-list openers,
// found on the way, so that soften_inline_boxes() need not read every
// block again.
std::vector<double> score_blocks(const Document& doc, Stats stats, const Tuning& t, std::size_t cut,
                                 const std::vector<bool>& verse, std::vector<std::size_t>& openers) {
  const std::vector<std::uint64_t> small_print = small_print_of(doc, stats, cut);
  std::vector<double> scores;
  scores.reserve(cut);
  std::size_t gap = 0;  // chrome-like blocks since the last positive one
  for (std::size_t i = 0; i < cut; ++i) {
    const Block& b = doc.blocks[i].block;
    if (!b.kept && b.reason == Reason::RelatedList) openers.push_back(i);
    double score = block_score(doc.blocks[i], stats[i], t, small_print[i] != 0);
    // A line of a poem counts as a short sentence.
    if (!verse.empty() && verse[i]) score = t.sentence_gain * static_cast<double>(stats[i].units);
    // Beyond the second chrome line in a row, each costs more: one or two
    // short lines between paragraphs are subheadings, a longer stretch is a
    // menu or the header of a teaser list.
    if (score > 0) {
      gap = 0;
    } else if (score < 0 && (is_link_like(stats[i]) || !doc.blocks[i].block.kept)) {
      if (++gap > 2) score -= t.run_cost;
    }
    scores.push_back(score);
  }
  return scores;
}

// Whether the blocks [begin, end) hold a figure in half their lines or more:
// a table of results, prices or dates, not a list of headlines.
bool mostly_figures(Stats stats, std::size_t begin, std::size_t end) {
  std::size_t with_figures = 0;
  for (std::size_t k = begin; k < end; ++k) with_figures += stats[k].digits > 0;
  return with_figures * 2 >= end - begin;
}

// Where the article starts when its first paragraph stands before tables
// ("Arsenal 0-1 Newcastle", "1. Manchester City 28 pts"): the article's
// start `begin` is moved back over lists that earned the list credit
// (`credited` above `scores`), each holding figures in half its lines or
// more and under at most one heading line ("Results"), to the paragraph
// before them. Lists before the article earn no credit (find_article()),
// so such a lead is otherwise cut off from the rest; a headline list, an
// archive or a menu holds few figures, or has no paragraph right before.
std::size_t lead_before_tables(const Document& doc, Stats stats, const std::vector<double>& scores,
                               const std::vector<double>& credited, std::size_t begin) {
  auto credited_line = [&](std::size_t k) { return credited[k] > scores[k]; };
  const std::size_t none = doc.blocks.size();
  for (std::size_t at = begin;;) {
    // The list that ends right before `at`, read back to its first line.
    const std::size_t last = nonblank_before(doc, at);
    if (last == none || !credited_line(last)) return begin;
    std::size_t start = last;
    while (start > 0 && credited_line(start - 1)) --start;
    if (!mostly_figures(stats, start, last + 1)) return begin;
    const std::size_t before = nonblank_before(doc, start);
    if (before == none) return begin;
    if (article_paragraph(doc.blocks[before], stats[before])) return before;
    // One heading line over the list, then a paragraph or another table.
    const PageBlock& heading = doc.blocks[before];
    if (!heading.block.kept || is_prose(stats[before])) return begin;
    const std::size_t above = nonblank_before(doc, before);
    if (above == none) return begin;
    if (article_paragraph(doc.blocks[above], stats[above])) return above;
    at = before;
  }
}

// Where the article ends when a list stands between its last paragraph and
// one more: "Pros", "Excellent sound", "Very comfortable", "Cons", "Short
// battery life", ..., "Verdict", then the verdict's paragraph. Each line
// costs, and a closing paragraph between short lines reads as a teaser
// (discount_teasers()), so the article stopped before the list. The lines
// from `end` to that paragraph are taken with it when, at most
// kMostLines of them, none is prose or a block classify dropped (blank
// lines and ad slots aside), one at least is an item of a list that
// earned the credit (`credited` above `scores`: not under a chrome label,
// not a list of other stories), and no two link-like lines outside the
// list stand in a row (single headings, not a menu); the paragraph is one
// of the article's with a positive score (not small print). The article
// takes it and the paragraphs right after it. Returns the article's end.
std::size_t end_after_inner_list(const Document& doc, Stats stats, const std::vector<double>& scores,
                                 const std::vector<double>& credited, std::size_t end) {
  constexpr std::size_t kMostLines = 12;
  std::size_t lines = 0, listed = 0, j = end;
  bool heading_before = false;
  for (; j < scores.size(); ++j) {
    const PageBlock& b = doc.blocks[j];
    if (!b.block.kept) {
      if (b.block.reason == Reason::Empty || b.block.reason == Reason::AdMarker) continue;
      return end;
    }
    if (is_prose(stats[j])) break;
    if (++lines > kMostLines) return end;
    const bool item = credited[j] > scores[j];
    const bool heading = !item && is_link_like(stats[j]);
    if (heading && heading_before) return end;
    heading_before = heading;
    listed += item;
  }
  auto paragraph = [&](std::size_t k) { return article_paragraph(doc.blocks[k], stats[k]) && scores[k] > 0; };
  if (j == scores.size() || listed == 0 || !paragraph(j)) return end;
  for (++j; j < scores.size(); ++j) {
    if (doc.blocks[j].block.reason == Reason::Empty) continue;
    if (!paragraph(j)) break;
  }
  return j;
}

// The densest run of prose, widened over the lists that follow its start.
Span find_article(const Document& doc, Stats stats,
                  const std::vector<double>& scores, const Tuning& t) {
  Span article = best_run(scores);
  if (!article.empty() && t.list_gain > 0) {
    // Lists count as content only from where the prose starts: before it,
    // a run of short lines is the site's headline list, not the article.
    std::vector<double> credited = scores;
    credit_lists(doc, stats, credited, t);
    const std::size_t lead = lead_before_tables(doc, stats, scores, credited, article.begin);
    for (std::size_t i = 0; i < article.begin; ++i) credited[i] = std::min(credited[i], scores[i]);
    Span wider = best_run(credited);
    if (wider.begin <= article.begin && wider.end >= article.end) article = wider;
    article.begin = std::min(article.begin, lead);
    article.end = end_after_inner_list(doc, stats, scores, credited, article.end);
  }
  if (article.empty()) return {0, doc.blocks.size()};  // no prose at all: keep what classify kept
  if (article.end < doc.blocks.size() && is_closing_line(doc.blocks[article.end], stats[article.end])) {
    ++article.end;
  }
  return article;
}

// "More Great WIRED Stories", "Материалы по теме", "Top stories in Nation":
// a short heading that names stories, articles or posts ([list-nouns]) over
// a list of headlines, with no paragraphs of the article going on after
// the list, is the site's list of other stories, not a subheading of the
// article. It is dropped as a related-list opener, and the article ends
// there: what follows (the list, then a biography or teasers that pulled
// the article on) goes with it (drop_outside()). Only the article's lines
// are looked at, the shape first (a list's own lines, which follow a
// headline, are not its heading): the words are looked up for a few lines
// a page. Returns the article, cut short when such a heading is in it.
Span cut_at_list_heading(Document& doc, Stats stats, Span article) {
  const MarkerSet& markers = builtin_markers();
  const std::size_t n = doc.blocks.size();
  for (std::size_t i = article.begin; i < article.end && i + 2 < n; ++i) {
    // Most lines are turned away by their own length or by the next ones'
    // (a paragraph, a menu entry of a word or two).
    if (!heading_shaped(doc.blocks[i], stats[i]) || (stats[i + 1].words < 3 && stats[i + 2].words < 3)) continue;
    if (follows_headline(doc, stats, i) || !opens_headline_list(doc, stats, i)) continue;
    PageBlock& b = doc.blocks[i];
    auto noun = markers.find_list_noun(b.key);
    if (!noun || paragraphs_follow(doc, stats, i)) continue;
    drop(b, Reason::RelatedList, [&] { return "heading '" + std::string(*noun) + "' over a list of headlines"; });
    article.end = i;
    break;
  }
  return article;
}

// Whether a kept line reads as an item of a list: short of a paragraph,
// not link-like, no sentence mark at its end ("If you already have an
// account, visit your account page to upgrade").
bool list_item_shaped(const PageBlock& b, const BlockStats& s) {
  return is_fragment(b, s) && !s.ends_sentence;
}

// Whether the kept line next to block `i` in `step` (-1 or +1) direction,
// dropped and blank ones aside, inside `article`, reads as a list item.
bool beside_list_item(const Document& doc, Stats stats, Span article, std::size_t i, int step) {
  for (std::size_t j = i + step; j >= article.begin && j < article.end; j += step) {
    if (doc.blocks[j].block.kept) return list_item_shaped(doc.blocks[j], stats[j]);
    if (j == 0) break;
  }
  return false;
}

// Where the article's tail starts: at the first of its last run of two
// paragraphs in a row (dropped and blank blocks aside), after which no such
// run follows any line; or at its start when it has none. A call to sign up
// before that is a plug the article goes on after: sites set them a few
// paragraphs before the end as often as anywhere. Read from the end: most
// articles end with such a run, a few blocks back.
std::size_t tail_start(const Document& doc, Stats stats, Span article) {
  constexpr std::size_t kRun = 2;
  std::size_t run = 0;
  for (std::size_t j = article.end; j > article.begin; --j) {
    const PageBlock& b = doc.blocks[j - 1];
    if (!b.block.kept) continue;
    if (!article_paragraph(b, stats[j - 1])) {
      run = 0;
    } else if (++run == kRun) {
      return j - 1;
    }
  }
  return article.begin;
}

// The [sign-up] phrase that opens the key or, when the line holds a
// sentence after its first (`s` counts them), that sentence ("Need more
// space? Subscribe to our sister title", "Stay up to date with Ascom.
// Subscribe to our newsletter."), if any.
std::optional<std::string_view> call_to_sign_up(const MarkerSet& markers, std::string_view key, const BlockStats& s) {
  if (auto opener = markers.opens_sign_up(key)) return opener;
  const bool second_sentence = s.sentence_ends > (s.ends_sentence ? 1u : 0u);
  if (!second_sentence) return std::nullopt;
  for (std::size_t at = 0; at + 2 < key.size(); ++at) {
    const char c = key[at];
    if ((c == '.' || c == '?' || c == '!') && key[at + 1] == ' ') {
      if (auto opener = markers.opens_sign_up(key.substr(at + 2))) return opener;
    }
  }
  return std::nullopt;
}

// "Sign up for our newsletter", "Follow us on Twitter" ([sign-up]): a short
// call to the reader after the article's paragraphs ends the article; the
// sign-up form, an author's biography or teasers that follow it are the
// site's. Not before two paragraphs of the article (a call at the top is a
// menu entry, and the article has not started), nor when two paragraphs
// in a row follow it (a plug set inside the article, which goes on), nor
// beside a list item ("Sign up for the bundle" as a step of the article's
// last list). Only the short lines of the article's tail are looked up.
// Returns the article, cut short before such a line, which is dropped.
Span cut_at_sign_up(Document& doc, Stats stats, Span article) {
  constexpr std::size_t kMostWords = 25;
  constexpr std::size_t kLeastParagraphs = 2;
  const MarkerSet& markers = builtin_markers();
  const std::size_t tail = tail_start(doc, stats, article);
  // The article's paragraphs before the tail, up to the two needed.
  std::size_t paragraphs = 0;
  for (std::size_t j = article.begin; j < tail && paragraphs < kLeastParagraphs; ++j) {
    paragraphs += doc.blocks[j].block.kept && article_paragraph(doc.blocks[j], stats[j]);
  }
  for (std::size_t i = tail; i < article.end; ++i) {
    PageBlock& b = doc.blocks[i];
    if (!b.block.kept) continue;
    const BlockStats& s = stats[i];
    if (paragraphs < kLeastParagraphs) {
      paragraphs += article_paragraph(b, s);
      continue;
    }
    if (s.units >= kLongUnits || s.words > kMostWords || s.sentence_ends > 2) continue;
    auto opener = call_to_sign_up(markers, b.key, s);
    if (!opener || beside_list_item(doc, stats, article, i, -1) || beside_list_item(doc, stats, article, i, +1)) {
      continue;
    }
    drop(b, Reason::Chrome, [&] { return "call to '" + std::string(*opener) + "' after the article"; });
    article.end = i;
    break;
  }
  return article;
}

// Whether the text opens with the author's full name followed by "is",
// "was" or "(" (an address): "Jeff Foust (jeff@...) is the editor". The
// first name alone ("Julius is an LA reporter") is no evidence: the
// story's subject may share it ("Jane is now 12.").
bool opens_with_author_bio(std::string_view text, std::string_view author) {
  if (author.find(' ') == std::string_view::npos || !text.starts_with(author)) return false;
  std::string_view rest = text.substr(author.size());
  // A space or a no-break space, as scraped text often has after a name.
  if (rest.starts_with(' ')) {
    rest.remove_prefix(1);
  } else if (rest.starts_with("\xC2\xA0")) {
    rest.remove_prefix(2);
  } else {
    return false;
  }
  return rest.starts_with("is ") || rest.starts_with("was ") || rest.starts_with('(');
}

// Whether the text opens with two words that are not lower case, as a
// full name does ("Jeff Foust (jeff@...)"): the first opens with an ASCII
// capital, the second with anything but an ASCII lower-case letter.
bool opens_with_two_capitals(std::string_view text) {
  if (text.empty() || !(text.front() >= 'A' && text.front() <= 'Z')) return false;
  const std::size_t space = text.find(' ');
  if (space == std::string_view::npos || space + 1 >= text.size()) return false;
  const char second = text[space + 1];
  return !(second >= 'a' && second <= 'z') && second != ' ';
}

// The author's biography at the article's end ("Jeff Foust (jeff@...) is
// the editor and publisher of The Space Review"): one of the article's last
// three kept lines that opens with the name its byline gives, as a short
// paragraph of at most three sentences. It and what follows it go. The
// subject of a profile is not the byline's author, and a writer speaks of
// themself as "I". Only pages whose article ends with such a line look the
// byline up. Returns the article, cut short before the biography.
Span cut_at_author_bio(Document& doc, Stats stats, Span article) {
  constexpr std::size_t kLastLines = 3;
  constexpr std::size_t kMostWords = 60;
  std::size_t candidates[kLastLines];
  std::size_t n = 0;
  for (std::size_t j = article.end; j > article.begin && n < kLastLines; --j) {
    const PageBlock& b = doc.blocks[j - 1];
    if (!b.block.kept) continue;
    const BlockStats& s = stats[j - 1];
    // Shape first: two capitalized words to open it (a full name), a few
    // sentences.
    candidates[n++] = opens_with_two_capitals(b.text()) && s.words <= kMostWords && s.sentence_ends <= 3
                          ? j - 1 : doc.blocks.size();
  }
  if (std::all_of(candidates, candidates + n, [&](std::size_t c) { return c == doc.blocks.size(); })) return article;
  const std::string author = article_author(doc, article.begin, article.end);
  if (author.empty()) return article;
  for (std::size_t k = n; k-- > 0;) {  // the earliest first: what follows a biography goes with it
    const std::size_t i = candidates[k];
    if (i == doc.blocks.size() || !opens_with_author_bio(doc.blocks[i].text(), author)) continue;
    drop(doc.blocks[i], Reason::Chrome, [&] { return "the biography of the author '" + author + "'"; });
    article.end = i;
    break;
  }
  return article;
}

// Whether a line that opens with a [contributors] phrase is a credit, not
// narration ("Reporting by the Guardian showed that ..."): a name follows
// the phrase (an upper-case letter, or a letter of a caseless script), and
// the line is in brackets, holds a ';' or ends no sentence.
bool reads_as_credit(std::string_view text, const BlockStats& s, std::string_view opener) {
  const bool credit_shaped = text.starts_with('(') || text.find(';') != std::string_view::npos || !s.ends_sentence;
  if (!credit_shaped) return false;
  std::size_t at = text.find_first_not_of("([ ");
  if (at == std::string_view::npos || text.size() < at + opener.size() + 2) return false;
  const unsigned char first = static_cast<unsigned char>(text[at + opener.size() + 1]);
  return !(first >= 'a' && first <= 'z');
}

// "(Reporting by Will Dunham; Editing by Tom Brown)", "Keith Bradsher
// contributed reporting from Hong Kong." ([contributors]): the credits of
// the reporters and editors, the article's last lines, are no part of its
// text. Only the last two kept lines of the article are looked at, read
// from its end; a line that opens with a credit phrase counts only when it
// reads as a credit (reads_as_credit()).
void drop_contributor_credits(Document& doc, Stats stats, Span article) {
  constexpr std::size_t kLastLines = 2;
  constexpr std::size_t kMostWords = 40;
  const MarkerSet& markers = builtin_markers();
  std::size_t looked = 0;
  for (std::size_t j = article.end; j > article.begin && looked < kLastLines; --j) {
    PageBlock& b = doc.blocks[j - 1];
    if (!b.block.kept) continue;
    ++looked;
    const BlockStats& s = stats[j - 1];
    if (s.words > kMostWords || s.sentence_ends > 2) return;
    auto phrase = markers.credits_contributors(b.key);
    if (!phrase) return;
    const bool opener = b.key.starts_with(*phrase);
    if (opener && !reads_as_credit(b.text(), s, *phrase)) return;
    drop(b, Reason::Byline, [&] { return "credits the reporters ('" + std::string(*phrase) + "')"; });
  }
}

// Whether a byline block is a caption that closes with its credit
// ("WeWork chairman Marcelo Claure (Credit: Getty Images)"), not a byline,
// a date or a credit on its own line.
bool caption_with_credit(std::string_view text) { return text.ends_with(')') && !text.starts_with('('); }

// Whether block `i` is a line classify dropped as a byline that opens
// with "By" and has one to three words after it and no digits: "By car",
// "By the numbers", "By Jane Roe".
bool short_by_line(const Document& doc, Stats stats, std::size_t i) {
  constexpr std::size_t kMostWords = 4;
  const PageBlock& b = doc.blocks[i];
  return !b.block.kept && b.block.reason == Reason::Byline && stats[i].words >= 2 && stats[i].words <= kMostWords &&
         stats[i].digits == 0 && opens_with_by_word(b.text());
}

// Subheadings inside the article that open with "By", which classify
// dropped as bylines: "By the numbers", "By The Numbers:" (a lower-case
// word after "By", or a colon at the end: is_by_subheading()), with a
// kept line of the article right after it; and "By Car", "By Train",
// "By Ferry": short "By" lines (short_by_line()) that stand between two
// paragraphs of the article, two or more of them with different words. A
// byline is given once, and a teaser's stands under its headline, not
// after a paragraph. They are kept, so they are neither the byline that
// drop_before_byline() drops the summary before nor the page's author.
void keep_by_subheadings(Document& doc, Stats stats, Span article) {
  const std::size_t none = doc.blocks.size();
  auto paragraph = [&](std::size_t k) { return k != none && article_paragraph(doc.blocks[k], stats[k]); };
  std::vector<std::size_t> between_paragraphs;
  for (std::size_t i = article.begin + 1; i < article.end; ++i) {
    if (!short_by_line(doc, stats, i)) continue;
    const std::size_t next = nonblank_after(doc, i, article.end);
    if (is_by_subheading(doc.blocks[i].text())) {
      if (next != none && doc.blocks[next].block.kept) keep(doc.blocks[i]);
    } else if (paragraph(nonblank_before(doc, i)) && paragraph(next)) {
      between_paragraphs.push_back(i);
    }
  }
  if (between_paragraphs.size() < 2) return;
  const std::string_view first = doc.blocks[between_paragraphs.front()].key;
  const bool differ = std::any_of(between_paragraphs.begin() + 1, between_paragraphs.end(),
                                  [&](std::size_t k) { return doc.blocks[k].key != first; });
  if (!differ) return;
  for (std::size_t k : between_paragraphs) keep(doc.blocks[k]);
}

// A gallery shows a caption again under each picture: the repeats, in
// `later`, of what was dropped in `dropped` go too. The first kept line of
// `later` stays: a summary repeated there is the article's first
// paragraph.
void drop_caption_repeats(Document& doc, Span dropped, Span later) {
  bool first = true;
  for (std::size_t k = later.begin; k < later.end; ++k) {
    PageBlock& b = doc.blocks[k];
    if (!b.block.kept) continue;
    if (std::exchange(first, false)) continue;
    for (std::size_t d = dropped.begin; d < dropped.end; ++d) {
      const std::string_view key = doc.blocks[d].key;
      if (key.size() != b.key.size() || key != b.key) continue;
      drop(b, Reason::Duplicate, "repeats a caption before the byline");
      break;
    }
  }
}

// Whether a block classify dropped as a byline stands among the `look`
// blocks before block `begin`: the page gave its byline above the article,
// and a stamp inside it ("Updated 3:45 p.m. Nov. 19, 2019" after the second
// paragraph) is no byline with a summary above it (a photo's credit still
// closes the lead photo's caption).
bool byline_just_before(const Document& doc, std::size_t begin, std::size_t look) {
  for (std::size_t j = begin; j > 0 && j + look > begin;) {
    if (doc.blocks[--j].block.reason == Reason::Byline) return true;
  }
  return false;
}

// The summary under the headline and the lead photo's caption come before
// the byline, the date or the photo's credit; the article starts after them.
// One or two paragraphs at the start of the article, then a short byline
// line that classify dropped ("By Jamelle Bouie", "20 Nov 2019 08:00 GMT"),
// then two paragraphs or more: what stands before the byline is dropped.
// A photo's credit on its own line ("Photo: Getty Images") counts after one
// paragraph only, the lead photo's caption (a caption shown twice counts
// once): after two, it is as likely the credit of a photo inside the
// article, under the article's first paragraph and the photo's caption. A
// caption that closes with its credit is the caption, not a byline, and a
// long credit line ("FILE PHOTO: Traders work on the floor ...") is one
// too: after them the article goes on.
void drop_before_byline(Document& doc, Stats stats, Span article) {
  constexpr std::size_t kLook = 6;             // blocks from the article's start
  constexpr std::size_t kMostProse = 2;        // paragraphs before the byline
  constexpr std::size_t kMostBylineWords = 12;
  constexpr std::size_t kLeastProseAfter = 2;  // paragraphs after it
  const bool byline_given = byline_just_before(doc, article.begin, kLook);
  const std::size_t last = std::min(article.end, article.begin + kLook);
  std::size_t prose = 0;
  std::string_view last_prose;
  for (std::size_t j = article.begin; j < last; ++j) {
    const PageBlock& b = doc.blocks[j];
    if (b.block.kept) {
      if (is_prose(stats[j]) && b.key != std::exchange(last_prose, b.key) && ++prose > kMostProse) return;
      continue;
    }
    if (b.block.reason != Reason::Byline) continue;
    // "By the numbers" is a subheading inside the article: no summary
    // stands before it.
    if (is_by_subheading(b.text())) continue;
    const bool credit = builtin_markers().opens_with_credit(b.key);
    if (prose == 0 || stats[j].words > kMostBylineWords || caption_with_credit(b.text()) || (prose > 1 && credit) ||
        (byline_given && !credit)) {
      return;
    }
    std::size_t after = 0;
    for (std::size_t k = j + 1; k < article.end && after < kLeastProseAfter; ++k) {
      after += doc.blocks[k].block.kept && is_prose(stats[k]);
    }
    if (after < kLeastProseAfter) return;
    const auto why = [&] { return "before the byline '" + std::string(b.text()) + "'"; };
    for (std::size_t k = article.begin; k < j; ++k) {
      if (doc.blocks[k].block.kept) drop(doc.blocks[k], Reason::Navigation, why);
    }
    drop_caption_repeats(doc, Span{article.begin, j}, Span{j + 1, article.end});
    return;
  }
}

}  // namespace

void select(Document& doc, const Options& options) {
  if (doc.mode == Mode::Html) return select_html(doc, options);
  if (doc.blocks.empty()) return;
  const Tuning t = tuning_for(options.favor);
  const Stats stats(doc);

  std::vector<std::size_t> openers;
  const std::size_t comment_cut = find_comment_cut(doc, stats);
  const std::vector<bool> verse = verse_lines(doc, stats, comment_cut);
  std::vector<double> scores = score_blocks(doc, stats, t, comment_cut, verse, openers);
  discount_teasers(doc, scores, t);
  std::vector<std::size_t> boxes = soften_inline_boxes(doc, stats, openers, scores, t);
  Span article = cut_at_list_heading(doc, stats, find_article(doc, stats, scores, t));
  article = cut_at_sign_up(doc, stats, article);
  article = cut_at_author_bio(doc, stats, article);

  std::size_t title = find_headline(doc, article.begin);
  if (title < doc.blocks.size()) {
    doc.metadata.title = doc.blocks[title].text();
    drop(doc.blocks[title], Reason::Title, "headline, reported as the title");
  }
  drop_outside(doc, stats, article);
  keep_by_subheadings(doc, stats, article);
  drop_before_byline(doc, stats, article);
  drop_menus(doc, stats, article, t.menu_run);
  drop_inline_boxes(doc, stats, boxes, article);
  drop_contributor_credits(doc, stats, article);
  drop_repeats(doc, stats);
  join_stanza_lines(doc, verse);
}

}  // namespace winnow::detail
