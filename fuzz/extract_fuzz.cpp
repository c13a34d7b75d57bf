// Fuzz target: winnow::extract(), the whole pipeline (HTML or text, as the
// drawn Options and the content decide).
#include <cstdint>
#include <string>

#include "decode.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  winnow::Options options = winnow::fuzz::draw_options(fdp);
  std::string input = fdp.ConsumeRemainingBytesAsString();

  winnow::Result r = winnow::extract(input, options);
  winnow::fuzz::check_result(r, input, options);
  if (!r.ok()) return 0;
  if (options.mode != winnow::Mode::Auto) {
    WINNOW_FUZZ_CHECK(r.mode == options.mode, "extract ignored the requested mode");
  }
  // The same input gives the same result: no hidden state between calls.
  winnow::Result again = winnow::extract(input, options);
  WINNOW_FUZZ_CHECK(again.text == r.text && again.blocks.size() == r.blocks.size(),
                    "extract is not deterministic");
  // Nothing invented: kept text comes from the decoded, normalized input.
  // Text mode only: in HTML a dropped inline element (hidden, a comment, a
  // skipped script) joins the words on either side, which a comparison with
  // the page's text nodes cannot tell from invented text.
  if (r.mode == winnow::Mode::Text) {
    winnow::detail::Decoded decoded = winnow::detail::decode(input, options);
    winnow::fuzz::check_text_invents_nothing(r, decoded.utf8, options.normalize);
  }
  return 0;
}
