// Fuzz target: the decode stage (what the input is, its charset, and the
// conversion to UTF-8), and the JSON string writer on the same bytes.
#include <cstdint>
#include <string>

#include "charset.hpp"
#include "decode.hpp"
#include "render.hpp"
#include "simd_level.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  winnow::Options options = winnow::fuzz::draw_options(fdp);
  std::string input = fdp.ConsumeRemainingBytesAsString();
  using winnow::fuzz::is_valid_utf8;

  winnow::detail::Decoded d = winnow::detail::decode(input, options);
  WINNOW_FUZZ_CHECK((d.status == winnow::Status::Ok) == d.error.empty(), d.error);
  WINNOW_FUZZ_CHECK(is_valid_utf8(d.error), "error is not valid UTF-8");
  if (options.max_bytes != 0 && input.size() > options.max_bytes) {
    WINNOW_FUZZ_CHECK(d.status == winnow::Status::TooLarge, d.error);
  }
  if (d.status == winnow::Status::Ok) {
    WINNOW_FUZZ_CHECK(is_valid_utf8(d.utf8()), "decoded text is not valid UTF-8");
    WINNOW_FUZZ_CHECK(!d.charset.empty(), "no charset named");
    WINNOW_FUZZ_CHECK(d.mode == winnow::Mode::Text || d.mode == winnow::Mode::Html,
                      "mode left unresolved");
    if (options.mode != winnow::Mode::Auto) {
      WINNOW_FUZZ_CHECK(d.mode == options.mode, "decode ignored the requested mode");
    }
  }

  // The guess for unlabelled text names a code page the converter knows, or
  // UTF-8 (then exactly when the bytes hold some that are not UTF-8), and
  // counts no more bad bytes than there are.
  winnow::detail::TextCharset guess = winnow::detail::guess_text_charset(input);
  WINNOW_FUZZ_CHECK(guess.invalid_bytes <= input.size(), "more bad bytes than bytes");
  WINNOW_FUZZ_CHECK((guess.invalid_bytes == 0) == is_valid_utf8(input), "bad bytes miscounted");
  if (guess.charset != "utf-8") {
    WINNOW_FUZZ_CHECK(winnow::detail::convert_to_utf8(input, guess.charset).has_value(),
                      "the guessed charset is unknown to the converter");
  }
  std::size_t replaced = 0;
  winnow::detail::to_valid_utf8(input, &replaced);
  WINNOW_FUZZ_CHECK((replaced == 0) == (is_valid_utf8(input) && input.find('\0') == std::string::npos),
                    "to_valid_utf8 miscounted what it replaced");

  // Repairing UTF-8 yields valid UTF-8 without NULs, leaves valid UTF-8
  // without NULs alone, and is idempotent.
  std::string repaired = winnow::detail::to_valid_utf8(input);
  WINNOW_FUZZ_CHECK(is_valid_utf8(repaired), "to_valid_utf8 output is invalid");
  WINNOW_FUZZ_CHECK(repaired.find('\0') == std::string::npos, "a NUL survived");
  if (is_valid_utf8(input) && input.find('\0') == std::string::npos) {
    WINNOW_FUZZ_CHECK(repaired == input, "valid UTF-8 was changed");
  }
  WINNOW_FUZZ_CHECK(winnow::detail::to_valid_utf8(repaired) == repaired,
                    "to_valid_utf8 is not idempotent");

  // The library's validity check, in each build this CPU runs, against the
  // independent one.
  for (winnow::detail::SimdLevel level : winnow::detail::runnable_simd_levels()) {
    WINNOW_FUZZ_CHECK(winnow::detail::is_valid_utf8(input, level) == is_valid_utf8(input),
                      "is_valid_utf8 disagrees with the independent check");
  }

  // The JSON string writer's run-copying path against its reference, on
  // the raw bytes (valid or not) and on their repair; the result is
  // always valid UTF-8.
  for (const std::string* s : {&input, &repaired}) {
    std::string fast, reference;
    winnow::detail::append_json_string(fast, *s);
    winnow::detail::append_json_string_reference(reference, *s);
    WINNOW_FUZZ_CHECK(fast == reference, "append_json_string disagrees with its reference");
    WINNOW_FUZZ_CHECK(is_valid_utf8(fast), "a JSON string is not valid UTF-8");
  }
  return 0;
}
