// Fuzz target: winnow::normalize() (valid UTF-8, Unicode form, spaces,
// mojibake, names) with NormalizeOptions drawn from the input.
#include <cstdint>
#include <string>
#include <vector>

#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  winnow::NormalizeOptions options = winnow::fuzz::draw_normalize_options(fdp);
  std::string input = fdp.ConsumeRemainingBytesAsString();

  std::vector<std::string> notes;
  std::string once = winnow::normalize(input, options, &notes);
  WINNOW_FUZZ_CHECK(winnow::fuzz::is_valid_utf8(once), "output is not valid UTF-8");
  for (const auto& note : notes) WINNOW_FUZZ_CHECK(winnow::fuzz::is_valid_utf8(note), note);
  std::string twice = winnow::normalize(once, options);
  WINNOW_FUZZ_CHECK(twice == once, "normalize is not idempotent " +
                                       winnow::fuzz::difference(once, twice));
  return 0;
}
