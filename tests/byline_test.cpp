// Authors from byline blocks (byline.hpp): what a byline's names are, and
// which byline of a page names the article's author.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "byline.hpp"
#include "html_test_util.hpp"
#include "winnow/winnow.hpp"

namespace winnow {
namespace {

using detail::byline_names;

TEST(BylineNames, NamesEndWhereTheDateOrSiteBegins) {
  EXPECT_EQ(byline_names("By Jane Doe"), "Jane Doe");
  EXPECT_EQ(byline_names("  BY JANE DOE and JOHN ROE "), "JANE DOE and JOHN ROE");
  EXPECT_EQ(byline_names("By Jane Doe | March 3, 2019"), "Jane Doe");
  EXPECT_EQ(byline_names("by Jane Doe, March 3, 2019 10:05 GMT"), "Jane Doe");
  EXPECT_EQ(byline_names("By: Jane Doe \xE2\x80\x94 The Daily Example"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe on Monday"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe , John Roe"), "Jane Doe, John Roe");
  EXPECT_EQ(byline_names("By Staff Reports -"), "Staff Reports");
  EXPECT_EQ(byline_names("by \xE3\x83\xA9\xE3\x82\xA4\xE3\x83\x88 \xEF\xBC\x8F 2016.12.01"),
            "\xE3\x83\xA9\xE3\x82\xA4\xE3\x83\x88");
}

// A byline opens with any of the by-words of the markers file's [byline]
// section: the Arabic "بقلم" ("by the pen of") as well as "By". A word
// that only opens like one ("Bystanders") is none.
TEST(BylineNames, OtherLanguagesByWords) {
  EXPECT_EQ(byline_names("\u0628\u0642\u0644\u0645: \u0633\u0627\u0631\u0629 \u0627\u0644\u062d\u0633\u0646"),
            "\u0633\u0627\u0631\u0629 \u0627\u0644\u062d\u0633\u0646");
  EXPECT_EQ(byline_names("\u0628\u0642\u0644\u0645 \u0633\u0627\u0631\u0629 \u0627\u0644\u062d\u0633\u0646 | "
                         "\u0627\u0644\u062c\u0632\u064a\u0631\u0629"),
            "\u0633\u0627\u0631\u0629 \u0627\u0644\u062d\u0633\u0646");
  EXPECT_EQ(byline_names("Written by Jane Doe on May 3"), "Jane Doe");
  EXPECT_EQ(byline_names("Bystanders Jane Doe"), "");
  EXPECT_EQ(byline_names("\u0628\u0642\u0644\u0645\u0647 Jane"), "");
}

// The names end at the earliest separator, whichever it is.
TEST(BylineNames, TheEarliestSeparatorEndsTheNames) {
  EXPECT_EQ(byline_names("By Jane Doe - Daily | Staff"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe | Daily - Staff"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe / Staff"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe\xEF\xBC\x8FStaff"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe \xE2\x80\x93 Staff"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe \xC2\xB7 Staff"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe \xE2\x80\xA2 Staff \xE2\x80\x94 Daily"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe\tStaff"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe-Roe on Staff"), "Jane Doe-Roe");
  EXPECT_EQ(byline_names("By Jane Doe \xE2\x80\x94"), "Jane Doe \xE2\x80\x94");  // no space after it: no separator
}

// Bylines glue the date, a handle or the writer's title to the names:
// the names end where a date begins (its month, when it comes first, with
// it), at a handle or an address, at a title glued to the last name, and
// without the byline's own words ("Updated", "On") between.
TEST(BylineNames, NamesEndWhereADateHandleOrTitleIsGluedOn) {
  EXPECT_EQ(byline_names("By Joseph Doe November 19, 2019, 07:47 PM EST"), "Joseph Doe");
  EXPECT_EQ(byline_names("By Jane Roe Updated Nov 13, 2019, 10:28am EST"), "Jane Roe");
  EXPECT_EQ(byline_names("by Regan September 15, 2014"), "Regan");
  EXPECT_EQ(byline_names("By Jane Doe 19 Nov 2019"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Doe 2019-11-18T20:51:19Z Science"), "Jane Doe");
  EXPECT_EQ(byline_names("By Jane Gander On 11/13/19 at 4:00 PM EST"), "Jane Gander");
  EXPECT_EQ(byline_names("By Chris Doe@DawgsByNature Nov 18, 2019, 11:47am EST"), "Chris Doe");
  EXPECT_EQ(byline_names("By Chris Doe @chrisdoe"), "Chris Doe");
  EXPECT_EQ(byline_names("By Megan Roe meganr@example.com(509) 459-5382"), "Megan Roe");
  EXPECT_EQ(byline_names("By Meg JamesStaff Writer"), "Meg James");
  // Capitals inside a name after one or two lower-case letters stay.
  EXPECT_EQ(byline_names("By Jane McDonald and Anne MacKenzie"), "Jane McDonald and Anne MacKenzie");
}

// A line that opens with a date or with a byline's own words names its
// authors after "by"; a photo's credit, or a title with "by" in it, does not.
TEST(BylineNames, NamesAfterByInADateline) {
  EXPECT_EQ(byline_names("November 18, 2019 7:45 am PST by Jane Doe"), "Jane Doe");
  EXPECT_EQ(byline_names("11/19/2019 by Lars Roe"), "Lars Roe");
  EXPECT_EQ(byline_names("Posted by Jane Doe on November 19, 2019"), "Jane Doe");
  EXPECT_EQ(byline_names("written by Regan"), "Regan");
  EXPECT_EQ(byline_names("February 1, 2019 | BY: Ilana Roe, MS, RDN"), "Ilana Roe, MS, RDN");
  EXPECT_EQ(byline_names("Photo by Jane Doe"), "");
  EXPECT_EQ(byline_names("Illustration by Jane Doe/Getty Images"), "");
  EXPECT_EQ(byline_names("Stand by Me"), "");
  EXPECT_EQ(byline_names("May 3, 2019 by the river"), "");  // what follows is no names
}

TEST(BylineNames, LinesThatAreNoBylineGiveNothing) {
  EXPECT_EQ(byline_names("Byron Kay"), "");                // a name, not "By"
  EXPECT_EQ(byline_names("By subject"), "");               // a menu entry
  EXPECT_EQ(byline_names("By 2020, the plan says"), "");   // digits, no names before them
  EXPECT_EQ(byline_names("By the time the council met, the budget had been cut twice over by members of "
                         "every party in the chamber"),
            "");  // too long to be names
  EXPECT_EQ(byline_names("By"), "");
  EXPECT_EQ(byline_names("By The Numbers:"), "");  // a subheading: a colon opens what follows
}

// A scraped page: menu lines, a teaser with its byline, the article's
// byline, the article, and a teaser byline after it.
std::string scraped(const std::string& article_byline) {
  return "Home\nWorld\nBy Any Means Necessary\nBy Ann Other\n" + article_byline + "\n" + test::prose(1) + "\n" +
         test::prose(2) + "\n" + test::prose(3) + "\nMore stories\nBy John Roe\n";
}

TEST(AuthorFromBylines, TheBylineNearestBeforeTheArticle) {
  Result r = clean_text(scraped("By Jane Doe | March 3, 2019"));
  EXPECT_EQ(r.metadata.author, "Jane Doe");
  // Without it, the byline before: still before the article.
  Result before = clean_text(scraped(""));
  EXPECT_EQ(before.metadata.author, "Ann Other");
}

// "By" and the names in two elements of the page, scraped as two lines.
TEST(AuthorFromBylines, ByAloneNamesTheAuthorsOnTheNextLine) {
  Result r = clean_text(scraped("By\nSarah E. Roe"));
  EXPECT_EQ(r.metadata.author, "Sarah E. Roe");
  Result with_colon = clean_text(scraped("By:\nSarah E. Roe\nNov. 19, 2019 8:03 am ET"));
  EXPECT_EQ(with_colon.metadata.author, "Sarah E. Roe");
}

// Headline, names, date line: the byline of wire stories and of many
// sites, without "By".
TEST(AuthorFromBylines, NamesBetweenTheHeadlineAndTheDateLine) {
  const std::string article = test::prose(1) + "\n" + test::prose(2) + "\n" + test::prose(3) + "\n";
  const std::string headline = "Council Passes the Budget After a Long Night of Debate\n";
  Result r = clean_text("Home\nWorld\n" + headline + "Jane Doe and John Roe, Associated Press\n"
                        "Updated 1:39 am EST, Wednesday, November 20, 2019\n" + article);
  EXPECT_EQ(r.metadata.title, "Council Passes the Budget After a Long Night of Debate");
  EXPECT_EQ(r.metadata.author, "Jane Doe and John Roe, Associated Press");
  // A summary may stand between the headline and the names.
  Result summary = clean_text("Home\n" + headline + "The vote came after midnight\nJane Doe\n19 Nov 2019, 19:09\n" +
                              article);
  EXPECT_EQ(summary.metadata.author, "Jane Doe");
  // No headline above: a section's name over the date is no byline.
  Result section = clean_text("Home\nBusiness News\nNovember 19, 2019 / 12:21 AM\n" + article);
  EXPECT_EQ(section.metadata.author, "");
  // Menu entries (markers) and lines that read as no names are none either.
  Result menu = clean_text("Home\n" + headline + "Previous Post\nNext Post\nOctober 9, 2018\n" + article);
  EXPECT_EQ(menu.metadata.author, "");
  Result digits = clean_text("Home\n" + headline + "Page 2 of 3\nNovember 19, 2019 / 12:21 AM\n" + article);
  EXPECT_EQ(digits.metadata.author, "");
}

TEST(AuthorFromBylines, NoneAfterTheArticle) {
  Result r = clean_text(test::prose(1) + "\n" + test::prose(2) + "\nMore stories\nBy John Roe\n");
  EXPECT_EQ(r.metadata.author, "");
}

TEST(AuthorFromBylines, MetadataAuthorComesFirst) {
  Result r = test::extract_html(test::page(
      "<article><p>By J. Doe</p><h1>Council passes the budget</h1><p>" + test::prose(1) + "</p><p>" +
          test::prose(2) + "</p></article>",
      "<meta name=\"author\" content=\"Jane Doe\">"));
  EXPECT_EQ(r.metadata.author, "Jane Doe");
  Result bare = test::extract_html(test::page(
      "<article><h1>Council passes the budget</h1><p>By J. Doe</p><p>" + test::prose(1) + "</p><p>" +
      test::prose(2) + "</p></article>"));
  EXPECT_EQ(bare.metadata.author, "J. Doe");
}

// BylineAuthor, fed the blocks in order, names whom author_from_bylines()
// names, on pages of random verdicts: bylines before, inside and after the
// kept blocks, some naming no one, pages with no kept block at all.
TEST(BylineAuthor, AgreesWithAuthorFromBylines) {
  static constexpr std::string_view kLines[] = {"By Jane Doe",     "By Ann Lee | May 3, 2019", "March 3, 2019",
                                                "By the numbers",  "By Bob Roe",               "A paragraph.",
                                                "By",              "Sara Poe",                 "May 3, 2019 by Jim Ray",
                                                "Photo by Al Fox"};
  std::mt19937 random(11);
  for (int page = 0; page < 5000; ++page) {
    detail::Document doc;
    const std::size_t n = random() % 12;
    for (std::size_t i = 0; i < n; ++i) {
      detail::PageBlock& pb = doc.blocks.emplace_back();
      pb.line = kLines[random() % std::size(kLines)];
      const unsigned verdict = random() % 4;
      pb.block.kept = verdict == 0;
      pb.block.reason = verdict == 0 ? Reason::Kept : verdict == 3 ? Reason::Navigation : Reason::Byline;
    }
    detail::BylineAuthor along;
    for (std::size_t i = 0; i < n; ++i) along.see(doc.blocks[i], i);
    ASSERT_EQ(std::move(along).author(), detail::author_from_bylines(doc)) << "page " << page;
  }
}

}  // namespace
}  // namespace winnow
