// Main-content selection for HTML pages. Every block-level element is a
// candidate region; its score is the prose it holds minus the chrome it
// holds (link text, text under chrome hints), so the winner is the element
// that takes in the whole article (first and last paragraph included) while
// leaving out menus, sidebars and comment sections. Blocks outside the winner,
// and chrome inside it, get the structure's verdict.
#pragma once

#include "document.hpp"
#include "html_tree.hpp"

namespace winnow::detail {

// Sets PageBlock::html_reason/html_evidence for every block of the page
// (and may add hints to the tree's nodes: teaser <article>s).
void select_main_region(HtmlTree& tree, const Options& options, Document& doc);

// The select stage for HTML (after classify): merge the structure's verdict
// with the text rules', drop the headline and repeats, trailing headings.
void select_html(Document& doc, const Options& options);

}  // namespace winnow::detail
