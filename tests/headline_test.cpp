// The headline of a scraped page, among the menu entries, site names,
// bylines, dates and captions that stand before the article.
#include <gtest/gtest.h>

#include "block_stats.hpp"
#include "dates.hpp"
#include "headline.hpp"
#include "text_rules.hpp"

namespace winnow {
namespace {

using detail::has_date;
using detail::has_inner_sentence_end;
using testing::block;
using testing::join;
using testing::paragraph;
using testing::run_text;

bool reads_as_headline(std::string_view text) {
  return detail::reads_as_headline(text, detail::block_stats(text));
}

TEST(Headline, SentenceEndsInsideALine) {
  EXPECT_TRUE(has_inner_sentence_end("Protesters fill the square in Berlin. Photo: Reuters"));
  EXPECT_TRUE(has_inner_sentence_end("The logo outside a co-working space in New York.Reuters"));
  EXPECT_TRUE(has_inner_sentence_end("“We will not stop,” she said. Police arrived at noon"));
  EXPECT_TRUE(has_inner_sentence_end("Is this the end? Nobody knows"));
  EXPECT_TRUE(has_inner_sentence_end("Путин прибыл в Пекин. Фото: ТАСС"));
  // One letter before the stop is an initial or an abbreviation.
  EXPECT_FALSE(has_inner_sentence_end("U.S. Army ends its mission in L.A. County"));
  EXPECT_FALSE(has_inner_sentence_end("New SUVs and electric vehicles highlight L.A. Auto Show"));
  // A stop at the end, or a lower-case word after it, opens no sentence.
  EXPECT_FALSE(has_inner_sentence_end("What happened to the plan?"));
  EXPECT_FALSE(has_inner_sentence_end("Black Friday is next week... or is it"));
  EXPECT_FALSE(has_inner_sentence_end("Alibaba to raise up to $12.9bn in Hong Kong"));
}

TEST(Headline, DatesInALine) {
  EXPECT_TRUE(has_date("Nov 19, 2019"));
  EXPECT_TRUE(has_date("Mon 18 Nov 2019 18.54 GMT"));
  EXPECT_TRUE(has_date("21/06/2014 Tony Carter All, Books, Kit Reviews"));
  EXPECT_TRUE(has_date("Posted on 2019-11-19 by the editors"));
  EXPECT_TRUE(has_date("November 18th, 2019 at 8 pm"));
  EXPECT_TRUE(has_date("October 9, 2018 | by Olivia Larsen"));
  // A year alone, or beside a number that is not its day, is no date.
  EXPECT_FALSE(has_date("Best tech gadgets of 2019"));
  EXPECT_FALSE(has_date("13-Inch MacBook Pro Expected in First Half of 2020"));
  EXPECT_FALSE(has_date("UEFA Euro 2020 qualifying: every team so far"));
  EXPECT_FALSE(has_date("Emirates orders 30 Boeing 787 jets"));
  EXPECT_FALSE(has_date("Reading 120 2019s in a row"));
}

TEST(Headline, WhatReadsAsAHeadline) {
  EXPECT_TRUE(reads_as_headline("Nadal keeps Spain alive against Russia in Davis Cup Finals"));
  EXPECT_TRUE(reads_as_headline("Doctors offer to give free flu shots to detained migrants, warn of epidemic"));
  EXPECT_TRUE(reads_as_headline("엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유"));
  // Names, site names and menu entries are too short.
  EXPECT_FALSE(reads_as_headline("Apple Deals"));
  EXPECT_FALSE(reads_as_headline("Sarah E. Needleman"));
  // A caption and its credit.
  EXPECT_FALSE(reads_as_headline("Protesters filled the square on Tuesday (Image: Getty)"));
  EXPECT_FALSE(reads_as_headline("The house where the poet was born, in the old town.Jane Roe / Reuters file"));
  // The byline's line.
  EXPECT_FALSE(reads_as_headline("Published October 9, 2018 by Olivia Larsen"));
  // A lead that lost its full stop: sentence case, sixteen words or more.
  EXPECT_FALSE(reads_as_headline("One member of the team did not hold back on Monday when asked about the fight "
                                 "that ended the game"));
}

// A menu entry shown twice (the menu of the page's top and of its drawer)
// is not the headline for being repeated.
TEST(Headline, AMenuEntryShownTwiceIsNotTheHeadline) {
  auto doc = run_text(join({"Home", "Apple Deals", "Mac Pro", "Apple Deals",
                            "Thirteen-Inch Laptop With a New Keyboard Expected in the First Half of Next Year",
                            "Monday November 18, 2019 7:45 am PST by Joe Rossignol", paragraph(1), paragraph(2)}));
  EXPECT_EQ(doc.metadata.title, "Thirteen-Inch Laptop With a New Keyboard Expected in the First Half of Next Year");
  EXPECT_EQ(block(doc, "Thirteen-Inch Laptop").reason, Reason::Title);
}

// A photo's caption, glued to its credit, right before the article is
// longer than the headline above it.
TEST(Headline, ACaptionBeforeTheArticleIsNotTheHeadline) {
  auto doc = run_text(join({"World", "Son of former president stabbed to death in Berlin", "By Jane Roe",
                            "Flowers outside the hospital in West Berlin on Tuesday.Jane Roe/Reuters",
                            paragraph(1), paragraph(2)}));
  EXPECT_EQ(doc.metadata.title, "Son of former president stabbed to death in Berlin");
}

// Headlines in sentence case run long (wire services write them so); the
// site's name, shown twice, is shorter.
TEST(Headline, ALongSentenceCaseHeadlineBeatsTheSiteName) {
  auto doc = run_text(join({"The Daily Courier", "Sections", "The Daily Courier",
                            "Doctors offer to give free flu shots to detained migrants, warn of epidemic",
                            "By Jane Roe", paragraph(1), paragraph(2)}));
  EXPECT_EQ(doc.metadata.title, "Doctors offer to give free flu shots to detained migrants, warn of epidemic");
}

// The byline's line, with its date, is longer than a short headline.
TEST(Headline, TheDateLineIsNotTheHeadline) {
  auto doc = run_text(join({"Blog", "A grant to test promising programs",
                            "Posted October 9, 2018 by Olivia Larsen, Research Staff",
                            paragraph(1), paragraph(2)}));
  EXPECT_EQ(doc.metadata.title, "A grant to test promising programs");
}

// With no line that reads as a headline, the longest headline-like line
// near the article still is one: a two-word headline is kept as the title.
TEST(Headline, AShortHeadlineWhenNothingElseReadsAsOne) {
  auto doc = run_text(join({"Home", "Notes on bugs", paragraph(1), paragraph(2)}));
  EXPECT_EQ(doc.metadata.title, "Notes on bugs");
}

}  // namespace
}  // namespace winnow
