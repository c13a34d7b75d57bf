#include "dates.hpp"

namespace winnow::detail {

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

}  // namespace

bool has_date(std::string_view text) {
  for (std::size_t at = 0; at + 4 <= text.size(); ++at) {
    if (year_at(text, at) && (day_before(text, at) || month_day_after(text, at + 4))) return true;
  }
  return false;
}

bool day_right_before_year(std::string_view text, std::size_t at) {
  if (at > 0 && is_digit(text[at - 1])) return false;
  const std::size_t digits = short_number_at(text, at);
  if (digits == 0) return false;
  std::size_t year = at + digits;
  while (year < text.size() && is_date_separator(text[year])) ++year;
  return year > at + digits && year_at(text, year);
}

}  // namespace winnow::detail
