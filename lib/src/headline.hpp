// The headline of a scraped page: the line just before the article that
// reads as a headline, rather than the menu entries, site names, bylines,
// dates, photo captions and other stories' headlines around it. select
// reports it as the title and drops it from the body (docs/rules.md, "The
// headline, once").
#pragma once

#include <cstddef>
#include <string_view>

#include "block_stats.hpp"
#include "document.hpp"

namespace winnow::detail {

// Whether a kept block could be a headline at all: 2 to 40 words, not an
// address, and no full stop at its end (a '?' or '!' may end it).
bool headline_like(const PageBlock& b, const BlockStats& s);

// Whether a headline-like line reads as a headline rather than the lines
// that stand near one:
// - 4 to 25 words, or a caseless line (CJK) of 30 units or more: names,
//   site names and menu entries are shorter, joined menus longer;
// - sentence case only below 16 words: a longer one is the lead or a
//   caption that lost its full stop;
// - no sentence ends inside it ("... in Berlin. Photo: Reuters", "...
//   New York.Reuters"): a caption and its credit, or a blurb;
// - no date in it (has_date(), dates.hpp): the byline's line;
// - no ')' at its end: a caption closing with its photo credit.
bool reads_as_headline(std::string_view text, const BlockStats& s);

// Whether `text` holds a sentence end followed by more text: two or more
// lower-case letters, '.', '!', '?' or '…' (closing quotes may follow), then
// a space and a capital, or a capital and a lower-case letter at once (a
// caption glued to its credit). "U.S. Army" and "L.A. Auto" are no sentence
// end: one letter stands before the stop.
bool has_inner_sentence_end(std::string_view text);

// The headline among the 12 blocks before the article (which begins at
// `article_begin`): of the headline-like lines there, those that read as
// headlines if there are any, and of them the one whose length, discounted
// by its distance from the article, is the greatest (a line 12 blocks up
// weighs its length divided by 1 + 12/12). doc.blocks.size() when there
// is none.
std::size_t find_headline(const Document& doc, std::size_t article_begin);

}  // namespace winnow::detail
