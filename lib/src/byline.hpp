// The author a byline names: a page that gives no author in its metadata
// often has a line "By Jane Doe | March 3, 2019" that classify dropped as a
// byline, and the names in it are the article's author.
#pragma once

#include <string>
#include <string_view>

#include "document.hpp"

namespace winnow::detail {

// Whether a line opens with the word "By" ("By Jane Doe", "by: Jane Doe",
// "By car"), leading spaces aside.
bool opens_with_by_word(std::string_view line);

// Whether a line opening with "By" is a subheading or a menu's, not a
// byline: the word after "By" in lower case ("By the numbers", "By
// subject"), or a colon at its end ("By The Numbers:" opens what follows).
bool is_by_subheading(std::string_view line);

// The names of a byline: "By Jane Doe | March 3", "by Jane Doe, March 3,
// 2019" and "By Jane Doe November 19, 2019" give "Jane Doe"; so do a line
// that opens with a date or with a byline's own words and goes on with "by"
// ("November 18, 2019 7:45 am PST by Jane Doe", "Posted by Jane Doe on
// May 3"). The names end at a separator, a date, a handle or address, or a
// title glued to the last name ("By Jane DoeStaff Writer"). Empty when the
// line has no such "by", is a subheading (is_by_subheading()), or what
// follows is no names (too long, or no letter).
std::string byline_names(std::string_view line);

// The names of a block dropped as a byline (byline_names(); a "By" alone
// names the authors on the next line, "By" / "Jane Doe" scraped from two
// elements): the first such among the article's kept blocks, else the
// nearest before the first of them. Bylines after the article, and further
// up the page than the article's own, belong to other stories' teasers.
// Empty when there is none.
std::string author_from_bylines(const Document& doc);

// "Jane Doe" between the headline and the article's date line: the line
// right above a date line ("Updated 1:39 am EST, November 20, 2019", a
// block dropped as a byline or one that gives a date) in the 12 blocks
// before the article's first (`first_kept`), with the headline (the title, or a repeat of
// it) at most two blocks above it, that reads as names (two to eight words,
// no more in lower case than capitalized, no digit, no mark but commas,
// dots, hyphens and apostrophes) and is no marker ("Next Post"). Empty when
// there is none.
std::string author_above_dateline(const Document& doc, std::size_t first_kept);

// The date of the article's dateline, as YYYY-MM-DD: the first date
// read_date() (dates.hpp) reads in the nearest of the 12 blocks before the
// article's first (`first_kept`) that were dropped as a byline or as navigation ("Updated
// 1:39 am EST, Wednesday, November 20, 2019"). Empty when there is none.
std::string date_from_dateline(const Document& doc, std::size_t first_kept);

// The index of the first kept block (where the article starts), or the
// number of blocks when none is kept: what the two above take.
std::size_t first_kept_block(const Document& doc);

// The author a byline of the article in blocks [begin, end) names ("By
// Jane Roe | Fox News" gives "Jane Roe"): the first such line dropped in
// the article's first blocks, else the nearest before it; select's rules
// ask before the article's metadata is made. Empty when there is none.
std::string article_author(const Document& doc, std::size_t begin, std::size_t end);

// author_from_bylines(), read along a walk that visits every block in page
// order anyway (assemble()'s): the blocks are not walked a second time, from
// both ends. Each block is passed to see() with its verdict as select left
// it, before anything changes the block's text.
class BylineAuthor {
 public:
  void see(const PageBlock& pb, std::size_t index) {
    if (after_bare_by_) see_after_bare_by(pb.text());
    if (pb.block.kept) {
      last_kept_ = index;
      seen_kept_ = true;
    } else if (pb.block.reason == Reason::Byline) {
      see_byline(pb.text(), index);
    }
  }
  std::string author() &&;

 private:
  void see_byline(std::string_view text, std::size_t index);
  void see_after_bare_by(std::string_view next);
  void record(std::string names, std::size_t index);

  bool seen_kept_ = false;
  std::size_t last_kept_ = 0;
  std::string before_;          // the last names before the first kept block
  std::string within_;          // the first names after it
  std::size_t within_at_ = 0;
  bool after_bare_by_ = false;  // the block before was a "By" alone
  std::size_t bare_by_at_ = 0;
};

}  // namespace winnow::detail
