// Dates as bylines and datelines write them ("Nov 19, 2019", "19 Nov 2019",
// "21/06/2014", "2019-11-19"), found by their numbers alone so that a
// month's name in any language does: a year 1900-2099 standing alone as a
// number, with a day or month of one or two digits before it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace winnow::detail {

// A date's fewest digits ("1 May 2019"): a line with fewer gives none.
inline constexpr std::size_t kFewestDateDigits = 5;

// Whether `text` holds a year 1900-2099 that is a number of its own
// ("2019", "2019-11-20", "Nov 19, 2019"), not part of a longer one.
bool has_year(std::string_view text);

// Whether `text` gives a date: a year 1900-2099 that is a number of its
// own, with a day or month of one or two digits before it (separators
// between, and at most one word: "19 Nov 2019", "November 19, 2019",
// "21/06/2014"), or a month and a day after it ("2019-11-19").
bool has_date(std::string_view text);

// Whether the digits at text[at] are a day right before its year, with only
// separators between ("19, 2019" of "November 19, 2019"): the word before
// the day is then its month.
bool day_right_before_year(std::string_view text, std::size_t at);

struct CalendarDate {
  int year = 0, month = 0, day = 0;
  bool operator==(const CalendarDate&) const = default;
};

// The first date in `text` whose year, month and day can be told apart:
// - in ISO order ("2019-11-19", "2019/11/19", "2019年11月19日");
// - with the month by name (lib/data/months.txt), the day before or after
//   it: "November 19, 2019", "Nov. 19th 2019", "19 Nov 2019", "19.
//   November 2019", "19 de noviembre de 2019", "19 ноября 2019";
// - in numbers that only one order allows: "19.11.2019" (dots: the day
//   first), "11/19/2019" and "19/11/2019" (a number over 12 is the day).
// "11/05/2019" is either and gives nothing. Years 1900-2099.
std::optional<CalendarDate> read_date(std::string_view text);

// "2019-11-19".
std::string iso_date(const CalendarDate& date);

}  // namespace winnow::detail
