// Fuzz target: winnow::clean_text(), scraped text end to end, with Options
// drawn from the input; the text path's own fast paths (line splitting,
// site-learning block keys) against their definitions.
#include <cstdint>
#include <string>

#include "block_key.hpp"
#include "decode.hpp"
#include "parse_text.hpp"
#include "support.hpp"

namespace {

void check_fast_paths(std::string_view text) {
  winnow::detail::Document fast = winnow::detail::parse_text(text);
  winnow::detail::Document reference = winnow::detail::parse_text_reference(text);
  WINNOW_FUZZ_CHECK(fast.blocks.size() == reference.blocks.size(), "parse_text differs from its reference");
  for (std::size_t i = 0; i < fast.blocks.size(); ++i) {
    WINNOW_FUZZ_CHECK(fast.blocks[i].block.text == reference.blocks[i].block.text &&
                          fast.blocks[i].gap_before == reference.blocks[i].gap_before,
                      "parse_text differs from its reference");
  }
  WINNOW_FUZZ_CHECK(winnow::detail::block_key(text) == winnow::detail::words_key(winnow::detail::block_words(text)),
                    "block_key differs from its definition");
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
  winnow::fuzz::check_text_invents_nothing(r, decoded.utf8, options.normalize);
  return 0;
}
