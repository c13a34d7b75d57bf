#include "dates.hpp"

#include <array>
#include <unordered_map>
#include <vector>

#include "block_stats.hpp"
#include "rule_text.hpp"
#include "utf8.hpp"

namespace winnow::detail {

extern const std::string_view kMonthsData;  // generated from data/months.txt

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_date_separator(char c) { return c == ' ' || c == ',' || c == '.' || c == '/' || c == '-'; }

// How many separators end text[..at); `at` moves back over them.
std::size_t skip_separators_back(std::string_view text, std::size_t& at) {
  const std::size_t end = at;
  while (at > 0 && is_date_separator(text[at - 1])) --at;
  return end - at;
}

// A year 1900-2099 at text[at], as a number of its own.
bool year_at(std::string_view text, std::size_t at) {
  if (at + 4 > text.size() || (at > 0 && is_digit(text[at - 1]))) return false;
  if (!((text[at] == '1' && text[at + 1] == '9') || (text[at] == '2' && text[at + 1] == '0'))) return false;
  return is_digit(text[at + 2]) && is_digit(text[at + 3]) && (at + 4 == text.size() || !is_digit(text[at + 4]));
}

// A day or month of one or two digits before the year at text[year]:
// separators between, and at most one word ("19 Nov 2019", "Nov. 19th,
// 2019", "21/06/2014").
bool day_before(std::string_view text, std::size_t year) {
  std::size_t at = year;
  if (skip_separators_back(text, at) == 0) return false;
  if (at > 0 && !is_digit(text[at - 1])) {
    while (at > 0 && !is_date_separator(text[at - 1]) && !is_digit(text[at - 1])) --at;
    // A word glued to digits is their ordinal suffix ("19th"); any other
    // stands between separators.
    if (at == 0 || !is_digit(text[at - 1])) {
      if (skip_separators_back(text, at) == 0) return false;
    }
  }
  std::size_t digits = 0;
  while (at > 0 && is_digit(text[at - 1])) --at, ++digits;
  return digits == 1 || digits == 2;
}

// One or two digits from text[at] on, then no digit: their count; else 0.
std::size_t short_number_at(std::string_view text, std::size_t at) {
  std::size_t digits = 0;
  while (at + digits < text.size() && is_digit(text[at + digits])) ++digits;
  return digits <= 2 ? digits : 0;
}

// A month and day after the year ending at text[at] ("2019-11-19").
bool month_day_after(std::string_view text, std::size_t at) {
  for (int part = 0; part < 2; ++part) {
    if (at >= text.size() || (text[at] != '-' && text[at] != '/' && text[at] != '.')) return false;
    const std::size_t digits = short_number_at(text, at + 1);
    if (digits == 0) return false;
    at += 1 + digits;
  }
  return true;
}

// Calls `f(at)` for each year 1900-2099 at text[at] that is a number of
// its own, in order, until it returns true; whether one did. The text is
// read once, by runs of digits.
template <typename F>
bool any_year(std::string_view text, F f) {
  for (std::size_t at = 0; at < text.size();) {
    if (!is_digit(text[at])) {
      ++at;
      continue;
    }
    std::size_t end = at;
    while (end < text.size() && is_digit(text[end])) ++end;
    if (end - at == 4 && year_at(text, at) && f(at)) return true;
    at = end;
  }
  return false;
}

}  // namespace

bool has_year(std::string_view text) {
  return any_year(text, [](std::size_t) { return true; });
}

bool has_date(std::string_view text) {
  return any_year(text, [&](std::size_t at) { return day_before(text, at) || month_day_after(text, at + 4); });
}

bool day_right_before_year(std::string_view text, std::size_t at) {
  if (at > 0 && is_digit(text[at - 1])) return false;
  const std::size_t digits = short_number_at(text, at);
  if (digits == 0) return false;
  std::size_t year = at + digits;
  while (year < text.size() && is_date_separator(text[year])) ++year;
  return year > at + digits && year_at(text, year);
}

namespace {

// Month names (lower case) to their numbers, from months.txt; the names
// are views into the embedded file.
const std::unordered_map<std::string_view, int>& month_names() {
  static const std::unordered_map<std::string_view, int> names = [] {
    std::unordered_map<std::string_view, int> parsed;
    for (std::string_view line : split(kMonthsData, '\n')) {
      if (line.empty() || line.front() == '#') continue;
      const std::vector<std::string_view> fields = split(line, ' ');
      const int month = std::stoi(std::string(fields.front()));
      for (std::size_t i = 1; i < fields.size(); ++i) {
        if (!fields[i].empty()) parsed.emplace(fields[i], month);
      }
    }
    return parsed;
  }();
  return names;
}

// A piece of a line as dates are read: a number, a word, or a mark (any
// other character; spaces only part pieces). Of a word, only what a date
// asks of it is kept.
struct DatePiece {
  enum class Kind : std::uint8_t { Number, Word, Mark };
  // Words that stand between a date's parts, or after its numbers.
  enum class Role : std::uint8_t { None, Filler, YearUnit, MonthUnit };
  Kind kind = Kind::Mark;
  Role role = Role::None;  // Word
  int value = 0;           // Number: its value (up to 4 digits); Word: its month, or 0
  std::size_t digits = 0;  // Number
  char32_t mark = 0;       // Mark
};

bool is_ordinal_suffix(std::string_view word) {
  static constexpr std::array<std::string_view, 6> kSuffixes = {"st", "nd", "rd", "th", "er", "e"};
  for (std::string_view suffix : kSuffixes) {
    if (word == suffix) return true;
  }
  return false;
}

// "de", "of", "the", "del" between a date's parts; 年 and 년 after a
// year, 月 and 월 after a month.
DatePiece::Role role_of(std::string_view word) {
  if (word == "de" || word == "of" || word == "the" || word == "del") return DatePiece::Role::Filler;
  if (word == "\u5E74" || word == "\uB144") return DatePiece::Role::YearUnit;
  if (word == "\u6708" || word == "\uC6D4") return DatePiece::Role::MonthUnit;
  return DatePiece::Role::None;
}

std::vector<DatePiece> date_pieces(std::string_view text) {
  std::vector<DatePiece> pieces;
  std::string word;  // the word being read, in lower case
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (is_digit(c)) {
      DatePiece& n = pieces.emplace_back();
      n.kind = DatePiece::Kind::Number;
      for (; i < text.size() && is_digit(text[i]); ++i) {
        ++n.digits;
        if (n.digits <= 4) n.value = n.value * 10 + (text[i] - '0');
      }
    } else {
      std::size_t next = i;
      const char32_t cp = next_code_point(text, next);
      if (!(code_point_props(cp).flags & CodePointProps::kAlnum)) {
        DatePiece& m = pieces.emplace_back();
        m.mark = cp;
        i = next;
        continue;
      }
      const std::size_t start = i;
      word.clear();
      while (i < text.size() && !is_digit(text[i])) {
        std::size_t after = i;
        const CodePointProps letter = code_point_props(next_code_point(text, after));
        if (!(letter.flags & CodePointProps::kAlnum)) break;
        append_utf8(word, letter.lower);
        i = after;
      }
      // "19th": the suffix is the number's.
      if (start > 0 && is_digit(text[start - 1]) && is_ordinal_suffix(word)) continue;
      DatePiece& w = pieces.emplace_back();
      w.kind = DatePiece::Kind::Word;
      w.role = role_of(word);
      const auto month = month_names().find(word);
      w.value = month == month_names().end() ? 0 : month->second;
    }
  }
  return pieces;
}

int days_in_month(int month) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[static_cast<std::size_t>(month - 1)];
}

std::optional<CalendarDate> valid(int year, int month, int day) {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > days_in_month(month)) {
    return std::nullopt;
  }
  return CalendarDate{year, month, day};
}

// Reads pieces from `at` on, as a pattern's steps ask.
class PieceReader {
 public:
  PieceReader(const std::vector<DatePiece>& pieces, std::size_t at) : pieces_(pieces), at_(at) {}

  // A number of `fewest` to `most` digits; its value, or -1.
  int number(std::size_t fewest, std::size_t most) {
    if (at_ >= pieces_.size() || pieces_[at_].kind != DatePiece::Kind::Number) return -1;
    const DatePiece& n = pieces_[at_];
    if (n.digits < fewest || n.digits > most) return -1;
    ++at_;
    return n.value;
  }
  // A word that names a month: its number, or -1.
  int month() {
    if (at_ >= pieces_.size() || pieces_[at_].kind != DatePiece::Kind::Word || pieces_[at_].value == 0) return -1;
    return pieces_[at_++].value;
  }
  // One of `marks`, if it is next: which, or 0.
  char32_t mark(std::u32string_view marks) {
    if (at_ >= pieces_.size() || pieces_[at_].kind != DatePiece::Kind::Mark) return 0;
    const char32_t m = pieces_[at_].mark;
    if (marks.find(m) == std::u32string_view::npos) return 0;
    ++at_;
    return m;
  }
  // A word of the role, if it is next.
  bool word(DatePiece::Role role) {
    if (at_ >= pieces_.size() || pieces_[at_].kind != DatePiece::Kind::Word || pieces_[at_].role != role) {
      return false;
    }
    ++at_;
    return true;
  }
  // "de", "of", "the" between a date's parts, if it is next.
  void filler() { word(DatePiece::Role::Filler); }

 private:
  const std::vector<DatePiece>& pieces_;
  std::size_t at_;
};

// "2019-11-19", "2019/11/19", "2019.11.19", "2019年11月19日".
std::optional<CalendarDate> year_first(const std::vector<DatePiece>& pieces, std::size_t at) {
  PieceReader r(pieces, at);
  const int year = r.number(4, 4);
  if (year < 0) return std::nullopt;
  if (const char32_t mark = r.mark(U"-/.")) {
    const int month = r.number(1, 2);
    if (month < 0 || r.mark(std::u32string_view(&mark, 1)) == 0) return std::nullopt;
    return valid(year, month, r.number(1, 2));
  }
  if (!r.word(DatePiece::Role::YearUnit)) return std::nullopt;
  const int month = r.number(1, 2);
  if (month < 0 || !r.word(DatePiece::Role::MonthUnit)) return std::nullopt;
  return valid(year, month, r.number(1, 2));
}

// "19.11.2019", "11/19/2019", "19/11/2019", "19-11-2019".
std::optional<CalendarDate> numbers_first(const std::vector<DatePiece>& pieces, std::size_t at) {
  PieceReader r(pieces, at);
  const int first = r.number(1, 2);
  const char32_t mark = first < 0 ? 0 : r.mark(U"./-");
  const int second = mark == 0 ? -1 : r.number(1, 2);
  if (second < 0 || r.mark(std::u32string_view(&mark, 1)) == 0) return std::nullopt;
  const int year = r.number(4, 4);
  if (mark == '.' || first > 12) return valid(year, second, first);
  if (second > 12) return valid(year, first, second);
  return std::nullopt;  // either order
}

// "19 Nov 2019", "19. November 2019", "19 de noviembre de 2019", "19-Nov-2019".
std::optional<CalendarDate> day_then_month(const std::vector<DatePiece>& pieces, std::size_t at) {
  PieceReader r(pieces, at);
  const int day = r.number(1, 2);
  if (day < 0) return std::nullopt;
  r.mark(U".-/");
  r.filler();
  const int month = r.month();
  if (month < 0) return std::nullopt;
  r.mark(U".,-/");
  r.filler();
  return valid(r.number(4, 4), month, day);
}

// "November 19, 2019", "Nov. 19th 2019".
std::optional<CalendarDate> month_then_day(const std::vector<DatePiece>& pieces, std::size_t at) {
  PieceReader r(pieces, at);
  const int month = r.month();
  if (month < 0) return std::nullopt;
  r.mark(U".");
  const int day = r.number(1, 2);
  if (day < 0) return std::nullopt;
  r.mark(U".,");
  return valid(r.number(4, 4), month, day);
}

}  // namespace

std::optional<CalendarDate> read_date(std::string_view text) {
  // Most lines hold no year: they are not split into pieces.
  if (!has_year(text)) return std::nullopt;
  const std::vector<DatePiece> pieces = date_pieces(text);
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    for (auto pattern : {year_first, numbers_first, day_then_month, month_then_day}) {
      if (auto date = pattern(pieces, at)) return date;
    }
  }
  return std::nullopt;
}

std::string iso_date(const CalendarDate& date) {
  std::string out = std::to_string(date.year) + "-";
  if (date.month < 10) out += '0';
  out += std::to_string(date.month) + "-";
  if (date.day < 10) out += '0';
  out += std::to_string(date.day);
  return out;
}

}  // namespace winnow::detail
