#include "classify.hpp"

#include <algorithm>

#include "block_stats.hpp"
#include "dates.hpp"
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

// Whether a short block that opens with a chrome phrase goes on as a
// sentence: it ends one, and the word after the phrase opens in lower case
// ("By then, the damage was done.", "Copyright law was not the issue.").
// A byline or a copyright line goes on with a name, a year or a sign
// ("(c)"), so the word must open with two lower-case letters, nothing
// before them. "By" and a number in a sentence-case line of four words or
// more is a time ("By 2030, emissions will fall.", "By 5 p.m. the square
// was empty."); a byline that opens with a number goes on in capitals
// ("By 24/7 Wall St."). `phrase` is the matched pattern ("by ..."); the
// key's words are the text's words that hold a letter or digit, from the
// first such word on.
bool goes_on_as_a_sentence(std::string_view text, std::string_view phrase, const BlockStats& stats) {
  if (!stats.ends_sentence || !phrase.ends_with(" ...")) return false;
  constexpr std::size_t kFewestWordsOfATime = 4;
  const bool a_time_may_follow = phrase == "by ..." && stats.words >= kFewestWordsOfATime &&
                                 stats.capitalized_words * 2 <= stats.cased_words;
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
    if (words_to_skip == 0) {
      const bool number = text[word_start] >= '0' && text[word_start] <= '9';
      return lower_opening >= 2 || (a_time_may_follow && number);
    }
    --words_to_skip;
  }
  return false;
}

// Whether text[i] is an ASCII digit (false past the end).
bool digit_at(std::string_view text, std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; }

// A time of day ("8:41", "17:32"): one or two digits, ':', two digits, with
// no digit, ':' or '.' right before it and no digit after it. A score like
// "3:2" has one digit after the colon; a ratio like "1:24" passes, and the
// rest of is_date_line() tells such a line from a date.
bool has_clock_time(std::string_view text) {
  for (std::size_t at = text.find(':'); at != std::string_view::npos; at = text.find(':', at + 1)) {
    if (at == 0 || !digit_at(text, at - 1) || !digit_at(text, at + 1) || !digit_at(text, at + 2) ||
        digit_at(text, at + 3)) {
      continue;
    }
    std::size_t start = at - 1;
    if (start > 0 && digit_at(text, start - 1)) --start;
    if (start > 0 && (digit_at(text, start - 1) || text[start - 1] == ':' || text[start - 1] == '.')) continue;
    int hours = 0;
    for (std::size_t i = start; i < at; ++i) hours = hours * 10 + (text[i] - '0');
    if (hours <= 24 && text[at + 1] <= '5') return true;
  }
  return false;
}

// "Published Monday, November 18, 2019 8:22AM EST", "19 Nov 2019 05:44 GMT",
// "By Jane Roe on Monday, November 18th, 2019 at 11:08 a.m.": a short line
// that gives a date with its time of day, and little else, is the page
// stamping the article. Such a line does not end a sentence (a closing
// "a.m." or "p.m.", a word of at most two letters and dots, is no sentence
// end) and has at most two words that open in lower case with three letters
// or more (month names in languages that write them so, "jour", "las"): an
// article sentence that names a time ("The vote closed at 10:30 on 5 May
// 2019.") ends with a full stop after a word or number and reads on in lower
// case.
bool is_date_line(std::string_view text, const BlockStats& stats) {
  constexpr std::size_t kMostWords = 15;
  if (stats.words > kMostWords || stats.digits < 7 || !has_clock_time(text) || !has_year(text)) return false;
  std::size_t lower_words = 0;
  std::size_t last_word_letters = 0;
  bool last_word_abbreviation = true;  // letters and dots only
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t letters = 0;
    bool opens_lower = false, first = true, abbreviation = true;
    while (i < text.size() && text[i] != ' ') {
      const std::uint8_t flags = code_point_props(next_code_point(text, i)).flags;
      if (flags & CodePointProps::kAlnum) {
        const bool letter = (flags & (CodePointProps::kLower | CodePointProps::kCapital)) != 0;
        if (first) opens_lower = (flags & CodePointProps::kLower) != 0;
        first = false;
        letters += letter;
        abbreviation = abbreviation && letter;
      }
    }
    if (first) continue;  // no letter or digit: a separator
    if (opens_lower && letters >= 3) ++lower_words;
    last_word_letters = letters;
    last_word_abbreviation = abbreviation;
  }
  if (lower_words > 2) return false;
  return !stats.ends_sentence || (last_word_abbreviation && last_word_letters <= 2);
}

// "Protesters filled the square (Image: Getty)": a caption that closes with
// its photo credit in brackets, a [credit] prefix and a mark after it. The
// prefix, if so.
std::optional<std::string_view> closing_credit(std::string_view text, const MarkerSet& markers) {
  if (!text.ends_with(')')) return std::nullopt;
  const std::size_t open = text.rfind('(');
  if (open == std::string_view::npos || open == 0) return std::nullopt;
  Reason reason = Reason::Teaser;
  auto prefix = markers.match_teaser(marker_key(text.substr(open + 1)), &reason);
  if (!prefix || reason != Reason::Byline) return std::nullopt;
  return prefix;
}

// Verdicts from the block's own words. Whole-block phrases are safe on any
// block: an article sentence is never exactly "Advertisement". Phrases that
// only open a block ("Posted by ...", "34 comments ...") and teaser prefixes
// are only trusted on blocks that do not read as prose, so "Comments from the
// minister came late." stays. `date_lines`: whether a date-and-time line is
// dropped (not in a run of them, see classify()). Returns whether the block
// was dropped as one.
bool judge_block(PageBlock& b, const MarkerSet& markers, bool date_lines) {
  const std::string_view key = b.key;
  const std::string_view text = b.text();
  const BlockStats& stats = b.stats;
  if (key.empty()) {
    drop(b, Reason::Empty, "no letters or digits", true);
    return false;
  }
  if (auto reason = markers.find_whole(key)) {
    drop(b, *reason, [&] { return "marker '" + std::string(key) + "'"; }, *reason == Reason::AdMarker);
    return false;
  }
  if (date_lines && is_date_line(text, stats)) {
    drop(b, Reason::Byline, "date and time line");
    return true;
  }
  if (is_prose(stats)) {
    keep(b);
    return false;
  }
  // find_whole() has looked the key up already: only the patterns are left.
  std::string phrase;
  if (auto reason = markers.match_patterns(key, &phrase); reason && !goes_on_as_a_sentence(text, phrase, stats)) {
    drop(b, *reason, [&] { return "marker '" + phrase + "'"; }, *reason == Reason::AdMarker);
    return false;
  }
  if (markers.is_button_row(key)) {
    drop(b, Reason::ShareBar, "every word is a share or menu button");
    return false;
  }
  if (text.size() <= kMaxTeaserBytes) {
    Reason reason = Reason::Teaser;
    if (auto prefix = markers.match_teaser(key, &reason)) {
      drop(b, reason, [&] {
        return (reason == Reason::Teaser ? "teaser prefix '" : "photo credit '") + std::string(*prefix) + "'";
      });
      return false;
    }
    // "More:" alone on its line: the teaser's links follow on the lines
    // under it, as under "Related articles".
    if (text.ends_with(':')) {
      if (auto prefix = markers.find_teaser_prefix(key)) {
        drop(b, Reason::RelatedList, [&] { return "teaser prefix '" + std::string(*prefix) + "' over the lines after it"; });
        return false;
      }
    }
    if (auto prefix = closing_credit(text, markers)) {
      drop(b, Reason::Byline, [&] { return "caption closing with a photo credit '" + std::string(*prefix) + "'"; });
      return false;
    }
  }
  if (starts_with_copyright(text)) {
    drop(b, Reason::Legal, "copyright line");
    return false;
  }
  keep(b);
  return false;
}

bool classify_block(PageBlock& b, const MarkerSet& markers, KeyArena& keys, bool site_key) {
  b.stats = site_key ? block_stats_key_and_words(b.text(), keys, b.key, b.site_key, b.text_padded())
                     : block_stats_and_key(b.text(), keys, b.key, b.text_padded());
  return judge_block(b, markers, true);
}

}  // namespace

void classify(Document& doc, const Options& options) {
  const MarkerSet& markers = builtin_markers();
  // A key is never longer than its text but for rare lower-casings.
  std::size_t text_bytes = 0;
  for (const auto& b : doc.blocks) text_bytes += b.text().size();
  doc.keys.reserve(text_bytes);
  // Three date lines or more in a row (blank blocks between them aside)
  // are a schedule or a timeline, not the page's stamp: judged again
  // without the date-line rule.
  constexpr std::size_t kScheduleLines = 3;
  std::size_t run_start = 0, run = 0;
  auto end_run = [&](std::size_t end) {
    if (run >= kScheduleLines) {
      for (std::size_t i = run_start; i < end; ++i) judge_block(doc.blocks[i], markers, false);
    }
    run = 0;
  };
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    PageBlock& b = doc.blocks[i];
    b.wants_evidence = options.evidence;  // classify makes the first drops
    if (classify_block(b, markers, doc.keys, options.block_keys)) {
      if (run++ == 0) run_start = i;
    } else if (b.block.reason != Reason::Empty) {
      end_run(i);
    }
  }
  end_run(doc.blocks.size());
}

}  // namespace winnow::detail
