// Fuzz target: winnow::extract(), the whole pipeline (HTML or text, as the
// drawn Options and the content decide).
#include <cstdint>
#include <string>

#include "classify.hpp"
#include "decode.hpp"
#include "parse_html.hpp"
#include "select.hpp"
#include "support.hpp"

namespace {

winnow::detail::Document html_stages(std::string_view utf8, const winnow::Options& options, bool lean) {
  winnow::detail::Document doc;
  std::string error;
  if (!winnow::detail::parse_html(utf8, options, doc, error, lean)) return doc;
  winnow::detail::classify(doc, options);
  winnow::detail::select(doc, options);
  return doc;
}

// The lean prescan leaves out of Gumbo's input only what extraction never
// reads: every block and its verdict match the full prescan's.
void check_lean_prescan(const std::string& input, const winnow::Options& options) {
  winnow::detail::Decoded decoded = winnow::detail::decode(input, options);
  if (decoded.status != winnow::Status::Ok || decoded.mode != winnow::Mode::Html) return;
  winnow::detail::Document lean = html_stages(decoded.utf8(), options, true);
  winnow::detail::Document full = html_stages(decoded.utf8(), options, false);
  WINNOW_FUZZ_CHECK(lean.metadata.title == full.metadata.title && lean.metadata.url == full.metadata.url &&
                        lean.metadata.author == full.metadata.author && lean.metadata.date == full.metadata.date &&
                        lean.metadata.description == full.metadata.description &&
                        lean.metadata.language == full.metadata.language &&
                        lean.metadata.site_name == full.metadata.site_name,
                    "the lean prescan changed the metadata");
  WINNOW_FUZZ_CHECK(lean.blocks.size() == full.blocks.size(), "the lean prescan changed the blocks");
  for (std::size_t i = 0; i < lean.blocks.size(); ++i) {
    const winnow::Block& a = lean.blocks[i].block;
    const winnow::Block& b = full.blocks[i].block;
    WINNOW_FUZZ_CHECK(a.text == b.text && a.markdown == b.markdown && a.kind == b.kind &&
                          a.kept == b.kept && a.reason == b.reason && a.evidence == b.evidence,
                      winnow::fuzz::difference(a.markdown, b.markdown));
  }
}

}  // namespace

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
    winnow::fuzz::check_text_invents_nothing(r, decoded.utf8(), options.normalize);
  } else {
    check_lean_prescan(input, options);
  }
  return 0;
}
