// Fuzz target: the marker-phrase file parser (lib/data/markers.txt format)
// and the block key every phrase is compared by; the fast block key and
// block statistics, the site-learning key spelled along the same walk, the
// chrome-word search, the pattern index and the button-row test against
// their references; and what is read of a dateline, a byline and a headline
// from any line.
#include <cstdint>
#include <string>

#include "block_key.hpp"
#include "block_stats.hpp"
#include "byline.hpp"
#include "dates.hpp"
#include "headline.hpp"
#include "key_arena.hpp"
#include "markers.hpp"
#include "simd_level.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string error;
  winnow::detail::MarkerSet set = winnow::detail::parse_markers(input, &error);
  WINNOW_FUZZ_CHECK(winnow::fuzz::is_valid_utf8(error), "error is not valid UTF-8");
  for (const auto& [key, reason] : set.whole) {
    WINNOW_FUZZ_CHECK(!key.empty(), "empty marker key");
    WINNOW_FUZZ_CHECK(set.match_whole(key) == reason, "a parsed phrase does not match itself");
  }
  for (const auto& prefix : set.teaser_prefixes) WINNOW_FUZZ_CHECK(!prefix.empty(), "empty prefix");

  // The fast paths agree with the code-point-at-a-time definitions.
  std::string key = winnow::detail::marker_key(input);
  WINNOW_FUZZ_CHECK(key == winnow::detail::marker_key_reference(input), "marker_key differs from its reference");
  WINNOW_FUZZ_CHECK(winnow::detail::block_stats(input) == winnow::detail::block_stats_reference(input),
                    "block_stats differs from its reference");
  std::string one_walk_key;
  WINNOW_FUZZ_CHECK(winnow::detail::block_stats_and_key(input, one_walk_key) ==
                            winnow::detail::block_stats_reference(input) &&
                        one_walk_key == key,
                    "block_stats_and_key differs from the references");
  // With the site-learning key spelled along the walk, the text read in
  // place with 64 bytes after it that would count if read.
  const std::string page = std::string(input) + std::string(64, 'A') + "\xD0\x90";
  for (bool padded : {false, true}) {
    winnow::detail::KeyArena arena;
    std::string_view walk_key;
    std::uint64_t words_key = 0;
    const std::string_view text = padded ? std::string_view(page).substr(0, input.size()) : input;
    WINNOW_FUZZ_CHECK(winnow::detail::block_stats_key_and_words(text, arena, walk_key, words_key, padded) ==
                              winnow::detail::block_stats_reference(input) &&
                          walk_key == key && words_key == winnow::detail::block_key(input),
                      "block_stats_key_and_words differs from the references");
  }
  // The chrome-word search by every build this CPU runs, on the parsed
  // list (any phrases) and on the built-in one.
  const auto& builtin = winnow::detail::builtin_markers();
  const std::string padded = key + std::string(64, 'c') + " uses cookies";  // bytes past the key do not count
  const std::string_view in_place = std::string_view(padded).substr(0, key.size());
  for (winnow::detail::SimdLevel level : winnow::detail::runnable_simd_levels()) {
    WINNOW_FUZZ_CHECK(set.find_chrome_words(key, level) == set.find_chrome_words_reference(key),
                      "find_chrome_words differs from its reference");
    WINNOW_FUZZ_CHECK(set.find_all_chrome_words_padded(in_place, level) == set.find_all_chrome_words_reference(key),
                      "find_all_chrome_words_padded differs from its reference");
    WINNOW_FUZZ_CHECK(builtin.find_chrome_words(key, level) == builtin.find_chrome_words_reference(key),
                      "find_chrome_words differs from its reference on the built-in phrases");
    WINNOW_FUZZ_CHECK(builtin.find_chrome_words_padded(in_place, level) == builtin.find_chrome_words_reference(key),
                      "find_chrome_words_padded differs from its reference");
    WINNOW_FUZZ_CHECK(builtin.find_all_chrome_words_padded(in_place, level) ==
                          builtin.find_all_chrome_words_reference(key),
                      "find_all_chrome_words_padded differs from its reference");
  }

  // The pattern index and the button-row early outs against trying every
  // pattern in order and looking up every word, on the key and on the raw
  // text (any string may be asked).
  const winnow::detail::MarkerSet* const sets[] = {&set, &builtin};
  for (const winnow::detail::MarkerSet* markers : sets) {
    for (std::string_view asked : {std::string_view(key), input}) {
      std::string indexed, every;
      WINNOW_FUZZ_CHECK(markers->match_patterns(asked, &indexed) == markers->match_patterns_reference(asked, &every) &&
                            indexed == every,
                        "match_patterns differs from its reference");
      WINNOW_FUZZ_CHECK(markers->is_button_row(asked) == markers->is_button_row_reference(asked),
                        "is_button_row differs from its reference");
    }
  }

  // A date read is a real day, and reads back from its ISO form.
  if (const auto date = winnow::detail::read_date(input)) {
    WINNOW_FUZZ_CHECK(date->year >= 1900 && date->year <= 2099 && date->month >= 1 && date->month <= 12 &&
                          date->day >= 1 && date->day <= 31,
                      "read_date gave no real date");
    WINNOW_FUZZ_CHECK(winnow::detail::read_date(winnow::detail::iso_date(*date)) == date,
                      "a date does not read back from its ISO form");
  }
  // A byline's names are a piece of it.
  const std::string names = winnow::detail::byline_names(input);
  WINNOW_FUZZ_CHECK(names.size() <= input.size(), "byline names longer than the line");
  const winnow::detail::BlockStats stats = winnow::detail::block_stats(input);
  (void)winnow::detail::reads_as_headline(input, stats);

  // The key of any text is valid UTF-8 when the text is, and is a fixed point.
  if (winnow::fuzz::is_valid_utf8(input)) {
    WINNOW_FUZZ_CHECK(winnow::fuzz::is_valid_utf8(key), "key is not valid UTF-8");
    WINNOW_FUZZ_CHECK(winnow::detail::marker_key(key) == key, "marker_key is not idempotent");
    WINNOW_FUZZ_CHECK(winnow::fuzz::is_valid_utf8(names), "byline names are not valid UTF-8");
  }
  return 0;
}
