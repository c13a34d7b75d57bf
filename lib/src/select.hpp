// Stage 4, select: decide the article from the page as a whole: find the
// headline, cut trailing comment and related sections, drop repeats, and
// settle uncertain blocks by their neighbours.
#pragma once

#include "document.hpp"

namespace winnow::detail {

void select(Document& doc, const Options& options);

}  // namespace winnow::detail
