// Stage 3, classify: judge each block on its own evidence (marker phrases,
// length, punctuation, links) and give it a tentative verdict with a reason.
#pragma once

#include "document.hpp"

namespace winnow::detail {

void classify(Document& doc, const Options& options);

}  // namespace winnow::detail
