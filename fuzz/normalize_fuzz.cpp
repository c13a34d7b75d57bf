// Fuzz target: winnow::normalize() (valid UTF-8, Unicode form, spaces,
// mojibake, names) with NormalizeOptions drawn from the input; its passes
// over chunks of a long text must give what passes over the whole text give,
// the name scan what trying every start gives, and the clean-up and the
// mojibake repair what their character-by-character loops give.
#include <cstdint>
#include <string>
#include <vector>

#include "name_scan_check.hpp"
#include "decode.hpp"
#include "normalize.hpp"
#include "step_fast_path_check.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  winnow::NormalizeOptions options = winnow::fuzz::draw_normalize_options(fdp);
  std::string input = fdp.ConsumeRemainingBytesAsString();

  std::vector<std::string> notes;
  std::string once = winnow::normalize(input, options, &notes);
  WINNOW_FUZZ_CHECK(winnow::fuzz::is_valid_utf8(once), "output is not valid UTF-8");
  for (const auto& note : notes) WINNOW_FUZZ_CHECK(winnow::fuzz::is_valid_utf8(note), note);
  // Bytes that are not UTF-8 are read first, as extraction reads scraped
  // text (UTF-16 by its byte-order mark, widened without a note); the note
  // saying how comes first.
  std::string widened;
  input = std::string(winnow::detail::widen_utf16(input, widened));
  std::vector<std::string> reference_notes;
  if (!winnow::fuzz::is_valid_utf8(input)) {
    winnow::detail::UnlabelledText read = winnow::detail::read_unlabelled_text(input);
    WINNOW_FUZZ_CHECK(!read.note.empty(), "bytes that are not UTF-8 were read without a note");
    reference_notes.push_back(read.note);
    input = std::move(read.utf8);
  }
  // Long texts are passed over again chunk by chunk: exactly as whole.
  winnow::detail::NormalizeReport report, reference_report;
  std::string reference = winnow::detail::normalize_text_reference(input, options, &reference_report);
  WINNOW_FUZZ_CHECK(reference == once, "chunked passes differ from whole-text passes " +
                                           winnow::fuzz::difference(reference, once));
  reference_report.append_notes(reference_notes);
  WINNOW_FUZZ_CHECK(reference_notes == notes, "chunked passes report other notes");
  // Inputs here are short: cut them into many small chunks too.
  std::string small_chunks = winnow::detail::normalize_text(input, options, &report, winnow::detail::kPlainText, 16);
  WINNOW_FUZZ_CHECK(reference == small_chunks, "small chunks differ from whole-text passes " +
                                                   winnow::fuzz::difference(reference, small_chunks));
  winnow::fuzz::check_name_scan(input, options.dictionary ? *options.dictionary : winnow::NameDictionary::builtin());
  winnow::fuzz::check_step_fast_paths(input);
  std::string twice = winnow::normalize(once, options);
  WINNOW_FUZZ_CHECK(twice == once, "normalize is not idempotent " +
                                       winnow::fuzz::difference(once, twice));
  return 0;
}
