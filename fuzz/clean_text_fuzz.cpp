// Fuzz target: winnow::clean_text(), scraped text end to end, with Options
// drawn from the input; the text path's own fast paths (line splitting,
// site-learning block keys, alone and along the stats walk) against their
// definitions.
#include <cstdint>
#include <string>

#include "block_key.hpp"
#include "block_stats.hpp"
#include "decode.hpp"
#include "parse_text.hpp"
#include "support.hpp"
#include "winnow/site_boilerplate.hpp"

namespace {

void check_fast_paths(std::string_view text) {
  winnow::detail::Document fast = winnow::detail::parse_text(text);
  winnow::detail::Document reference = winnow::detail::parse_text_reference(text);
  WINNOW_FUZZ_CHECK(fast.blocks.size() == reference.blocks.size(), "parse_text differs from its reference");
  for (std::size_t i = 0; i < fast.blocks.size(); ++i) {
    WINNOW_FUZZ_CHECK(fast.blocks[i].text() == reference.blocks[i].text() &&
                          fast.blocks[i].gap_before == reference.blocks[i].gap_before,
                      "parse_text differs from its reference");
  }
  WINNOW_FUZZ_CHECK(winnow::detail::block_key(text) == winnow::detail::words_key(winnow::detail::block_words(text)),
                    "block_key differs from its definition");
  winnow::detail::KeyArena arena;
  std::string_view key;
  std::uint64_t words_key = 0;
  const auto stats = winnow::detail::block_stats_key_and_words(text, arena, key, words_key);
  WINNOW_FUZZ_CHECK(words_key == winnow::detail::block_key(text), "the key spelled along the stats walk differs");
  // Read in place with other bytes after it (the text itself, again), as
  // a line of a page is: the same figures and keys.
  const std::string padded = std::string(text) + std::string(text) + std::string(64, ' ');
  winnow::detail::KeyArena padded_arena;
  std::string_view padded_key;
  std::uint64_t padded_words_key = 0;
  WINNOW_FUZZ_CHECK(winnow::detail::block_stats_key_and_words(std::string_view(padded).substr(0, text.size()),
                                                              padded_arena, padded_key, padded_words_key, true) == stats &&
                        padded_key == key && padded_words_key == words_key,
                    "the stats walk reading in place differs");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  winnow::Options options = winnow::fuzz::draw_options(fdp);
  std::string input = fdp.ConsumeRemainingBytesAsString();
  check_fast_paths(input);

  winnow::Result r = winnow::clean_text(input, options);
  winnow::fuzz::check_result(r, input, options);
  WINNOW_FUZZ_CHECK(!r.ok() || r.mode == winnow::Mode::Text, "clean_text left text mode");
  if (!r.ok()) return 0;

  // Nothing invented: the kept text comes from the decoded, normalized input.
  winnow::Options text_options = options;
  text_options.mode = winnow::Mode::Text;
  winnow::detail::Decoded decoded = winnow::detail::decode(input, text_options);
  winnow::fuzz::check_text_invents_nothing(r, decoded.utf8(), options.normalize);

  // The block keys extract() makes along the way are the learner's own.
  winnow::Options keyed = options;
  keyed.block_keys = true;
  winnow::Result with_keys = winnow::clean_text(input, keyed);
  WINNOW_FUZZ_CHECK(with_keys.text == r.text && with_keys.block_keys == winnow::SiteBoilerplate::block_keys(r),
                    "Result::block_keys differ from the learner's keys");
  return 0;
}
