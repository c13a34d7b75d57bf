// The character clean-up's and the mojibake repair's fast paths (64-byte
// masks, the padded last block, the per-line pre-checks) only pass over
// text their character-by-character loops would leave as it is: on the
// valid UTF-8 the steps receive, each must give what its reference gives.
// Without ASCII folding, the clean-up of its own output changes nothing;
// the mojibake repair tries every code page that can repair a line. The
// clean-up is checked as built for each instruction set this CPU runs.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "mojibake.hpp"
#include "support.hpp"
#include "whitespace.hpp"

namespace winnow::fuzz {

inline void check_step_fast_paths(const std::string& input) {
  NormalizeOptions pass_through;
  pass_through.enabled = false;
  std::string text = normalize(input, pass_through);
  for (detail::SimdLevel level : detail::runnable_simd_levels()) {
    for (int k = 0; k < 4; ++k) {
      detail::CleanupOptions options;
      options.ascii_punctuation = (k & 1) != 0;
      options.keep_layout = (k & 2) != 0;
      options.simd = level;
      std::string fast = detail::clean_characters(text, options);
      std::string reference = detail::clean_characters_reference(text, options);
      WINNOW_FUZZ_CHECK(fast == reference, "clean-up differs from its reference " + difference(reference, fast));
      // The chunked passes skip cleaning what the clean-up just wrote
      // (normalize.cpp): without ASCII folding it must be a fixed point.
      if (!options.ascii_punctuation) {
        std::string again = detail::clean_characters(fast, options);
        WINNOW_FUZZ_CHECK(again == fast, "clean-up is not idempotent " + difference(fast, again));
      }
    }
  }
  std::string fast = "untouched", reference = "untouched";
  detail::MojibakeRepair f = detail::repair_mojibake(text, fast);
  detail::MojibakeRepair r = detail::repair_mojibake_reference(text, reference);
  WINNOW_FUZZ_CHECK(f.spans == r.spans && fast == reference && f.examples == r.examples,
                    "mojibake repair differs from its reference " + difference(reference, fast));
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    WINNOW_FUZZ_CHECK(detail::mojibake_readings_cover(std::string_view(text).substr(start, end - start)),
                      "the mojibake repair skips a code page that repairs the line");
    start = end + 1;
  }
}

}  // namespace winnow::fuzz
