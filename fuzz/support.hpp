// What every fuzz target shares: drawing Options from the input, and the
// properties a result must have whatever the input was. A property that does
// not hold aborts with a message, which libFuzzer reports as a crash (input
// saved) and the corpus replay reports as a failed test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#ifdef WINNOW_FUZZED_DATA_PROVIDER
#include WINNOW_FUZZED_DATA_PROVIDER
#else
#include <fuzzer/FuzzedDataProvider.h>
#endif

#include "utf8_check.hpp"
#include "winnow/winnow.hpp"

#define WINNOW_FUZZ_CHECK(condition, what)                                 \
  do {                                                                     \
    if (!(condition)) ::winnow::fuzz::fail(__FILE__, __LINE__, #condition, (what)); \
  } while (0)

namespace winnow::fuzz {

[[noreturn]] void fail(const char* file, int line, const char* condition, std::string_view what);

// The text with every Unicode White_Space character removed, so that texts
// can be compared whatever a stage did to spaces and line breaks.
std::string without_space(std::string_view utf8);

// Where two texts first differ, with a little context, for failure messages.
std::string difference(std::string_view a, std::string_view b);

// Options drawn from the tail of the input (FuzzedDataProvider takes integers
// from the end), so a seed file is still mostly the document it was.
NormalizeOptions draw_normalize_options(FuzzedDataProvider& fdp);
Options draw_options(FuzzedDataProvider& fdp);

// The properties of any Result from extract()/clean_text() on `input`:
// a defined status with a one-line error, or valid UTF-8 everywhere, a
// verdict with evidence on every block, text equal to the kept blocks, kept
// blocks stable under normalize(), and every render format valid UTF-8.
void check_result(const Result& r, std::string_view input, const Options& options);

// Nothing invented, for scraped text: every kept block's text (spaces aside)
// occurs in the decoded input normalized as a whole, or line by line (the
// pipeline normalizes each block alone, and mojibake repair weighs its
// context).
void check_text_invents_nothing(const Result& r, std::string_view decoded_utf8,
                                const NormalizeOptions& options);

}  // namespace winnow::fuzz
