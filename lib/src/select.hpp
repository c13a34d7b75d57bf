// Stage 4, select: decide the article from the page as a whole. Every block
// gets a score (prose adds its length, labels and markers cost), the article
// is the run of blocks with the highest total, and the blocks around it are
// settled by their neighbours: comment sections and related lists end it,
// teaser lists and tag clouds do not join it, the headline is found just
// before it and kept once as the title. The rules and their figures are in
// docs/rules.md; they read only block text and position, so they serve any
// input mode.
#pragma once

#include "document.hpp"

namespace winnow::detail {

void select(Document& doc, const Options& options);

}  // namespace winnow::detail
