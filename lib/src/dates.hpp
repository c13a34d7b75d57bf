// Dates as bylines and datelines write them ("Nov 19, 2019", "19 Nov 2019",
// "21/06/2014", "2019-11-19"), found by their numbers alone so that a
// month's name in any language does: a year 1900-2099 standing alone as a
// number, with a day or month of one or two digits before it.
#pragma once

#include <cstddef>
#include <string_view>

namespace winnow::detail {

// Whether `text` gives a date: a year 1900-2099 that is a number of its
// own, with a day or month of one or two digits before it (separators
// between, and at most one word: "19 Nov 2019", "November 19, 2019",
// "21/06/2014"), or a month and a day after it ("2019-11-19").
bool has_date(std::string_view text);

// Whether the digits at text[at] are a day right before its year, with only
// separators between ("19, 2019" of "November 19, 2019"): the word before
// the day is then its month.
bool day_right_before_year(std::string_view text, std::size_t at);

}  // namespace winnow::detail
