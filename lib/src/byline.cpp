// Authors from byline blocks. See byline.hpp.
#include "byline.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "dates.hpp"
#include "markers.hpp"
#include "rule_text.hpp"

namespace winnow::detail {

namespace {

constexpr std::size_t kLongestNames = 80;
constexpr std::size_t kMostWords = 12;

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// The line up to the first separator that ends the names: the date, place
// or site that bylines put after them.
// Each separator opens with a space, a tab or the lead byte of U+FF0F, so
// the line is read once, and only those bytes are tried: the first
// position where one matches is where the earliest of them starts.
std::string_view before_separator(std::string_view s) {
  static constexpr std::array<std::string_view, 10> kSeparators = {
      " | ", " / ", "\xEF\xBC\x8F", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " \xC2\xB7 ", " - ", " \xE2\x80\xA2 ", "\t",
      " on "};
  for (std::size_t at = 0; at < s.size(); ++at) {
    if (s[at] != ' ' && s[at] != '\t' && s[at] != '\xEF') continue;
    const std::string_view rest = s.substr(at);
    for (std::string_view sep : kSeparators) {
      if (rest.starts_with(sep)) return s.substr(0, at);
    }
  }
  return s;
}

std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool has_letter(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
  }
  return false;
}

// The words that open a byline before its names: the [byline] marker
// phrases of one word that open a block ("by ...", the Arabic "بقلم ...").
const std::vector<std::string>& by_words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> found;
    for (const MarkerPattern& p : builtin_markers().patterns) {
      if (p.prefix && p.reason == Reason::Byline && p.text.find(' ') == std::string::npos &&
          p.text.find('<') == std::string::npos) {
        found.push_back(p.text);
      }
    }
    return found;
  }();
  return words;
}

// The size of the by-word that opens `line`, followed by a space or ':' and
// more (ASCII letters in either case); 0 when none does.
std::size_t by_word_size(std::string_view line) {
  for (const std::string& word : by_words()) {
    if (line.size() <= word.size() + 1 || (line[word.size()] != ' ' && line[word.size()] != ':')) continue;
    if (std::equal(word.begin(), word.end(), line.begin(), [](char w, char c) {
          return w == ((c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c);
        })) {
      return word.size();
    }
  }
  return 0;
}

bool opens_with_by(std::string_view line) { return by_word_size(line) > 0; }

// What follows the by-word of `by` bytes that opens `line`, and a ':'
// after it.
std::string_view after_by_word(std::string_view line, std::size_t by) {
  std::string_view rest = trim(line.substr(by));
  return !rest.empty() && rest[0] == ':' ? trim(rest.substr(1)) : rest;
}

// What follows a line's "By" or "By:".
std::string_view after_by(std::string_view line) { return after_by_word(line, by_word_size(line)); }

// is_by_subheading() of a trimmed line that opens with "By", `rest` what
// follows it. Names are written with capitals: "By subject" is a menu's.
bool reads_as_by_subheading(std::string_view line, std::string_view rest) {
  return line.ends_with(':') || (!rest.empty() && rest[0] >= 'a' && rest[0] <= 'z');
}

// A "By" alone on its line: the names are on the next ("By" / "Sarah E.
// Needleman", two elements of the page scraped as two lines).
bool is_bare_by(std::string_view line) {
  line = trim(line);
  if (line.ends_with(':')) line.remove_suffix(1);
  return line.size() == 2 && (line[0] | 0x20) == 'b' && (line[1] | 0x20) == 'y';
}

}  // namespace

bool opens_with_by_word(std::string_view line) { return opens_with_by(trim(line)); }

bool is_by_subheading(std::string_view line) {
  line = trim(line);
  return opens_with_by(line) && reads_as_by_subheading(line, after_by(line));
}

namespace {

bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

// The names up to a handle or an address ("Jane Doe@janedoe", "Jane Doe
// jdoe@example.com"), a title glued to the last name ("Jane DoeStaff
// Writer": three lower-case letters and a capital; "McDonald" and
// "MacKenzie" have fewer), or the start of a date with no comma before it
// ("Jane Doe November 19, 2019", "Jane Doe 2019-11-19").
std::string_view before_trailer(std::string_view names) {
  for (std::size_t at = 0; at < names.size(); ++at) {
    const char c = names[at];
    if (c == '@') {
      // An address's user ("jdoe@") is a word of its own in lower case; a
      // handle is glued to the last name ("Doe@janedoe") or stands alone.
      const std::size_t space = names.rfind(' ', at);
      const std::size_t word = space == std::string_view::npos ? 0 : space + 1;
      const std::string_view user = names.substr(word, at - word);
      const bool address = !user.empty() && std::all_of(user.begin(), user.end(), [](char u) {
        return is_ascii_lower(u) || is_ascii_digit(u) || u == '.' || u == '_';
      });
      return names.substr(0, address ? word : at);
    }
    if (is_ascii_upper(c) && at >= 3 && is_ascii_lower(names[at - 1]) && is_ascii_lower(names[at - 2]) &&
        is_ascii_lower(names[at - 3])) {
      return names.substr(0, at);
    }
    if (is_ascii_digit(c)) {
      // "November 19, 2019": the word before the day is its month.
      std::string_view before = names.substr(0, at);
      if (day_right_before_year(names, at)) before = before.substr(0, trim(before).rfind(' ') + 1);
      return before;
    }
  }
  return names;
}

// Whether `phrase` is one of a byline's own ("Updated", "On", "written by"): a
// byline marker's whole phrase.
bool is_byline_phrase(std::string_view phrase) {
  return builtin_markers().find_whole(marker_key(phrase)) == Reason::Byline;
}

// The names without the byline's own words a byline puts between them and
// its date ("Jane Doe Updated").
std::string_view without_byline_words(std::string_view names) {
  for (;;) {
    names = trim(names);
    const std::size_t space = names.rfind(' ');
    if (space == std::string_view::npos || !is_byline_phrase(names.substr(space + 1))) return names;
    names = names.substr(0, space);
  }
}


// The names in `rest`, what follows the "By" of `line`.
std::string names_after_by(std::string_view line, std::string_view rest) {
  if (reads_as_by_subheading(line, rest)) return {};
  std::string_view names = trim(before_separator(rest));
  // "Jane Doe, March 3, 2019": the names end at the last comma before the
  // first digit; with no comma, where the date or a handle begins.
  if (const auto digit = std::find_if(names.begin(), names.end(), is_ascii_digit); digit != names.end()) {
    const auto comma = names.substr(0, static_cast<std::size_t>(digit - names.begin())).rfind(',');
    if (comma != std::string_view::npos) names = trim(names.substr(0, comma));
  }
  names = without_byline_words(before_trailer(names));
  while (!names.empty() && std::string_view(",.;:-| ").find(names.back()) != std::string_view::npos) {
    names.remove_suffix(1);
  }
  if (names.empty() || names.size() > kLongestNames || word_count(names) > kMostWords || !has_letter(names)) return {};
  std::string written;
  for (char c : names) {
    if (c == ',' && !written.empty() && written.back() == ' ') written.pop_back();  // "Jane Doe , John Roe"
    written += c;
  }
  return written;
}

// Whether `s` has words and every one is a byline's own ("Posted on").
bool only_byline_words(std::string_view s) {
  bool any = false;
  for (std::string_view word : split(trim(s), ' ')) {
    if (word.empty()) continue;
    if (!is_byline_phrase(word)) return false;
    any = true;
  }
  return any;
}

// "Posted by Jane Doe on May 3", "November 18, 2019 7:45 am PST by Jane
// Doe": the names after a "by" in a line that opens with a date or with
// byline words; a photo's credit ("Photo by Jane Doe") opens with neither.
std::string names_after_inner_by(std::string_view line) {
  for (std::size_t at = line.find(' '); at != std::string_view::npos; at = line.find(' ', at + 1)) {
    const std::string_view from = line.substr(at + 1);
    const std::size_t by = by_word_size(from);
    if (by == 0) continue;
    const std::string_view before = line.substr(0, at);
    const bool byline_phrase = is_byline_phrase(line.substr(0, at + 1 + by));  // "written by"
    if (!has_date(before) && !byline_phrase && !only_byline_words(before)) return {};
    return names_after_by(from, after_by_word(from, by));
  }
  return {};
}

std::string names_after_bare_by(std::string_view next) {
  next = trim(next);
  return names_after_by(next, next);
}

// byline_names() of block i if classify dropped it as a byline, or of the
// line after it when it is a "By" alone; empty for any other block.
std::string names_of(const std::vector<PageBlock>& blocks, std::size_t i) {
  const PageBlock& pb = blocks[i];
  if (pb.block.kept || pb.block.reason != Reason::Byline) return {};
  if (!is_bare_by(pb.text())) return byline_names(pb.text());
  return i + 1 < blocks.size() ? names_after_bare_by(blocks[i + 1].text()) : std::string();
}

}  // namespace

std::string byline_names(std::string_view line) {
  line = trim(line);
  return opens_with_by(line) ? names_after_by(line, after_by(line)) : names_after_inner_by(line);
}

namespace {

// Whether a line reads as names with an affiliation: two to eight words,
// the first capitalized and no more in lower case than capitalized ("Jane
// Doe", "Jane Doe and John Roe, Associated Press"), with no digit and no
// mark but commas, dots, hyphens and apostrophes (a section's name has ':'
// or '&', a headline or deck its sentence).
bool reads_as_names(std::string_view line) {
  constexpr std::size_t kMostWords = 8;
  std::size_t capitalized = 0, lower = 0;
  for (std::string_view word : split(trim(line), ' ')) {
    if (word.empty()) continue;
    for (char c : word) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != ',' && c != '.' && c != '-' && c != '\'') {
        return false;
      }
    }
    const char first = word.front();
    if (first >= 'A' && first <= 'Z') {
      ++capitalized;
    } else if (first >= 'a' && first <= 'z' && capitalized > 0) {
      ++lower;
    } else {
      return false;
    }
  }
  return capitalized >= 1 && capitalized + lower >= 2 && capitalized + lower <= kMostWords && lower <= capitalized;
}

bool is_headline(const PageBlock& pb) {
  return pb.block.reason == Reason::Title || pb.block.reason == Reason::DuplicateHeadline;
}

// Whether the headline (a block reported as the title, or a repeat of it)
// is one of the `most_between` + 1 blocks right above block i.
bool near_headline(const std::vector<PageBlock>& blocks, std::size_t i, std::size_t most_between) {
  for (std::size_t j = i; j > 0 && j + most_between >= i;) {
    if (is_headline(blocks[--j])) return true;
  }
  return false;
}

// Whether block i, dropped, stands right below the headline: the headline
// is one of the three above it (a summary may stand between).
bool below_headline(const std::vector<PageBlock>& blocks, std::size_t i) {
  constexpr std::size_t kMostBetween = 2;
  return !blocks[i].block.kept && !is_headline(blocks[i]) && near_headline(blocks, i, kMostBetween);
}

}  // namespace

std::size_t first_kept_block(const Document& doc) {
  std::size_t first = 0;
  while (first < doc.blocks.size() && !doc.blocks[first].block.kept) ++first;
  return first;
}

std::string author_above_dateline(const Document& doc, std::size_t first_kept) {
  constexpr std::size_t kLook = 12;  // blocks looked at before the article
  const auto& blocks = doc.blocks;
  if (first_kept >= blocks.size()) return {};
  for (std::size_t j = first_kept; j > 1 && j + kLook > first_kept;) {
    const PageBlock& date = blocks[--j];
    if (date.block.kept) continue;
    if (date.block.reason != Reason::Byline && !(date.stats.digits >= kFewestDateDigits && has_date(date.text()))) {
      continue;
    }
    const std::size_t names = j - 1;
    if (below_headline(blocks, names) && reads_as_names(blocks[names].text()) &&
        !builtin_markers().find_whole(blocks[names].key)) {
      return std::string(trim(blocks[names].text()));
    }
  }
  return {};
}

std::string date_from_dateline(const Document& doc, std::size_t first_kept) {
  constexpr std::size_t kLook = 12;  // blocks looked at before the article
  constexpr std::size_t kDatelineWords = 8;
  constexpr std::size_t kDatelineBelowHeadline = 3;
  const auto& blocks = doc.blocks;
  if (first_kept >= blocks.size()) return {};
  for (std::size_t j = first_kept; j > 0 && j + kLook > first_kept;) {
    const PageBlock& line = blocks[--j];
    const bool dateline = line.block.reason == Reason::Byline ||
                          (line.block.reason == Reason::Navigation && line.stats.words <= kDatelineWords &&
                           near_headline(blocks, j, kDatelineBelowHeadline));
    if (!dateline || line.stats.digits < kFewestDateDigits) continue;
    if (auto date = read_date(line.text())) return iso_date(*date);
  }
  return {};
}

std::string author_from_bylines(const Document& doc) {
  const auto& blocks = doc.blocks;
  const auto is_kept = [](const PageBlock& pb) { return pb.block.kept; };
  const auto first = std::find_if(blocks.begin(), blocks.end(), is_kept);
  if (first == blocks.end()) return {};
  const auto last = std::find_if(blocks.rbegin(), blocks.rend(), is_kept).base() - 1;
  // Within the article, the first byline; else the one nearest before it.
  for (auto it = first + 1; it < last; ++it) {
    if (std::string names = names_of(blocks, it - blocks.begin()); !names.empty()) return names;
  }
  for (auto it = first; it != blocks.begin();) {
    --it;
    if (std::string names = names_of(blocks, it - blocks.begin()); !names.empty()) return names;
  }
  return {};
}

void BylineAuthor::see_byline(std::string_view text, std::size_t index) {
  if (is_bare_by(text)) {
    after_bare_by_ = true;
    bare_by_at_ = index;
    return;
  }
  // Only the first names after the first kept block can be within the
  // article (whether they are is known at the end, from the last kept
  // block): later bylines are not read.
  if (seen_kept_ && !within_.empty()) return;
  record(byline_names(text), index);
}

void BylineAuthor::see_after_bare_by(std::string_view next) {
  after_bare_by_ = false;
  if (seen_kept_ && !within_.empty()) return;
  record(names_after_bare_by(next), bare_by_at_);
}

void BylineAuthor::record(std::string names, std::size_t index) {
  if (seen_kept_) {
    within_ = std::move(names);
    within_at_ = index;
  } else if (!names.empty()) {
    before_ = std::move(names);
  }
}

std::string BylineAuthor::author() && {
  if (!seen_kept_) return {};
  if (!within_.empty() && within_at_ < last_kept_) return std::move(within_);
  return std::move(before_);
}

std::string article_author(const Document& doc, std::size_t begin, std::size_t end) {
  constexpr std::size_t kLook = 12;  // blocks looked at from the article's start, each way
  for (std::size_t j = begin; j < end && j < begin + kLook; ++j) {
    if (std::string names = names_of(doc.blocks, j); !names.empty()) return names;
  }
  for (std::size_t j = begin; j > 0 && j + kLook > begin;) {
    if (std::string names = names_of(doc.blocks, --j); !names.empty()) return names;
  }
  return {};
}

}  // namespace winnow::detail
