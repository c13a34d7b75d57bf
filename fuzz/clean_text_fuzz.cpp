// Fuzz target: winnow::clean_text(), scraped text end to end, with Options
// drawn from the input.
#include <cstdint>
#include <string>

#include "decode.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  winnow::Options options = winnow::fuzz::draw_options(fdp);
  std::string input = fdp.ConsumeRemainingBytesAsString();

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
