// The name scan's filters (64-byte masks, first-two-byte table, first-token
// hash) only skip positions where no name can begin: NameMatcher::apply()
// must give what apply_reference(), which tries a match at every character
// a name may begin with, gives, as built for each instruction set this CPU
// runs. Shared by the targets that normalize with names.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "name_matcher.hpp"
#include "support.hpp"
#include "winnow/names.hpp"

namespace winnow::fuzz {

inline void check_name_scan(const std::string& input, const NameDictionary& dictionary) {
  NormalizeOptions pass_through;
  pass_through.enabled = false;
  std::string text = normalize(input, pass_through);  // valid UTF-8, as the step receives it
  const detail::NameMatcher& matcher = name_matcher(dictionary);
  std::string reference;
  std::size_t reference_count = 0;
  std::vector<std::pair<std::string, std::string>> reference_examples;
  bool reference_changed = matcher.apply_reference(text, reference, &reference_count, &reference_examples);
  for (detail::SimdLevel level : detail::runnable_simd_levels()) {
    std::string fast;
    std::size_t fast_count = 0;
    std::vector<std::pair<std::string, std::string>> fast_examples;
    bool fast_changed = matcher.apply(text, fast, &fast_count, &fast_examples, level);
    WINNOW_FUZZ_CHECK(fast_changed == reference_changed && fast == reference,
                      "name scan differs from trying every start " + difference(reference, fast));
    WINNOW_FUZZ_CHECK(fast_count == reference_count && fast_examples == reference_examples,
                      "name scan reports other replacements");
  }
}

}  // namespace winnow::fuzz
