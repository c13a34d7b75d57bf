#include "classify.hpp"

#include <algorithm>

#include "block_stats.hpp"
#include "markers.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

// Teasers are one line; a long block that opens with "Read more:" is prose.
constexpr std::size_t kMaxTeaserBytes = 300;

bool starts_with_copyright(std::string_view text) {
  return text.starts_with("\xC2\xA9") /* © */ || text.starts_with("(c) ") ||
         text.starts_with("(C) ");
}

// "Facebook Twitter LinkedIn": a row of share buttons scraped as one line.
// Every word is a share or menu marker, and at least one is a share button.
bool is_button_row(std::string_view key, const MarkerSet& markers) {
  std::size_t words = 0;
  bool share = false;
  while (!key.empty()) {
    std::size_t end = key.find(' ');
    std::string_view word = key_word_key(key.substr(0, end));
    key.remove_prefix(end == std::string_view::npos ? key.size() : end + 1);
    if (word.empty()) continue;  // a separator such as "|" or "•"
    auto reason = markers.find_whole(word);
    if (!reason || (*reason != Reason::ShareBar && *reason != Reason::Navigation)) return false;
    share = share || *reason == Reason::ShareBar;
    ++words;
  }
  return words >= 2 && share;
}

// Whether a short block that opens with a chrome phrase goes on as a
// sentence: it ends one, and the word after the phrase opens in lower case
// ("By then, the damage was done.", "Copyright law was not the issue.").
// A byline or a copyright line goes on with a name, a year or a sign
// ("(c)"), so the word must open with two lower-case letters, nothing
// before them. `phrase` is the matched pattern ("by ..."); the key's words
// are the text's words that hold a letter or digit, from the first such
// word on.
bool goes_on_as_a_sentence(std::string_view text, std::string_view phrase, const BlockStats& stats) {
  if (!stats.ends_sentence || !phrase.ends_with(" ...")) return false;
  std::size_t words_to_skip = static_cast<std::size_t>(std::count(phrase.begin(), phrase.end(), ' '));
  bool started = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t word_start = i;
    bool has_alnum = false;
    std::size_t lower_opening = 0;  // lower-case letters the word opens with
    for (bool opening = true; i < text.size() && text[i] != ' ';) {
      const std::uint8_t flags = code_point_props(next_code_point(text, i)).flags;
      has_alnum = has_alnum || (flags & CodePointProps::kAlnum);
      opening = opening && (flags & CodePointProps::kLower);
      lower_opening += opening;
    }
    if (i < text.size()) ++i;  // the space
    if (i == word_start) continue;
    started = started || has_alnum;
    if (!started) continue;
    if (words_to_skip == 0) return lower_opening >= 2;
    --words_to_skip;
  }
  return false;
}

// Verdicts from the block's own words. Whole-block phrases are safe on any
// block: an article sentence is never exactly "Advertisement". Phrases that
// only open a block ("Posted by ...", "34 comments ...") and teaser prefixes
// are only trusted on blocks that do not read as prose, so "Comments from the
// minister came late." stays.
void classify_block(PageBlock& b, const MarkerSet& markers, KeyArena& keys, bool site_key) {
  b.stats = site_key ? block_stats_key_and_words(b.text(), keys, b.key, b.site_key, b.text_padded())
                     : block_stats_and_key(b.text(), keys, b.key, b.text_padded());
  const std::string_view key = b.key;
  const BlockStats& stats = b.stats;
  if (key.empty()) {
    drop(b, Reason::Empty, "no letters or digits", true);
    return;
  }
  std::string phrase;
  if (auto reason = markers.find_whole(key)) {
    drop(b, *reason, [&] { return "marker '" + std::string(key) + "'"; }, *reason == Reason::AdMarker);
    return;
  }
  if (is_prose(stats)) {
    keep(b);
    return;
  }
  // find_whole() has looked the key up already: only the patterns are left.
  if (auto reason = markers.match_patterns(key, &phrase); reason && !goes_on_as_a_sentence(b.text(), phrase, stats)) {
    drop(b, *reason, [&] { return "marker '" + phrase + "'"; }, *reason == Reason::AdMarker);
    return;
  }
  if (is_button_row(key, markers)) {
    drop(b, Reason::ShareBar, "every word is a share or menu button");
    return;
  }
  if (b.text().size() <= kMaxTeaserBytes) {
    if (auto prefix = markers.match_teaser(key)) {
      drop(b, Reason::Teaser, [&] { return "teaser prefix '" + std::string(*prefix) + "'"; });
      return;
    }
  }
  if (starts_with_copyright(b.text())) {
    drop(b, Reason::Legal, "copyright line");
    return;
  }
  keep(b);
}

}  // namespace

void classify(Document& doc, const Options& options) {
  const MarkerSet& markers = builtin_markers();
  // A key is never longer than its text but for rare lower-casings.
  std::size_t text_bytes = 0;
  for (const auto& b : doc.blocks) text_bytes += b.text().size();
  doc.keys.reserve(text_bytes);
  for (auto& b : doc.blocks) {
    b.wants_evidence = options.evidence;  // classify makes the first drops
    classify_block(b, markers, doc.keys, options.block_keys);
  }
}

}  // namespace winnow::detail
