// classify: each block judged on its own words and shape.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text_rules.hpp"

namespace winnow {
namespace {

using testing::block;
using testing::classify_only;

TEST(Classify, EmptyBlocksAreFirmDrops) {
  auto doc = classify_only("***\n\n---\n");
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].block.reason, Reason::Empty);
  EXPECT_TRUE(doc.blocks[0].firm);
}

TEST(Classify, AdMarkersInAnyCaseAndLanguage) {
  auto doc = classify_only("Advertisement\nADVERTISEMENT\n— Advertisements —\nSponsored\nAnzeige\nРеклама\n");
  for (const auto& b : doc.blocks) {
    EXPECT_FALSE(b.block.kept) << b.text();
    EXPECT_EQ(b.block.reason, Reason::AdMarker) << b.text();
    EXPECT_TRUE(b.firm);
    EXPECT_NE(b.block.evidence.find("marker '"), std::string::npos);
  }
}

TEST(Classify, ArticleSentenceMentioningAdvertisementIsKept) {
  auto doc = classify_only(
      "The advertisement ran for two weeks before regulators asked the company to withdraw it.\n");
  EXPECT_TRUE(doc.blocks[0].block.kept);
}

TEST(Classify, SiteChromeMarkers) {
  auto doc = classify_only(
      "Connect with us\nHeadlines\nPublished\non\nContinue Reading\nClick to comment\n"
      "Most Viewed Posts\nPrivacy Policy\nShare\nFacebook\n");
  EXPECT_EQ(block(doc, "Connect with us").reason, Reason::Navigation);
  EXPECT_EQ(block(doc, "Headlines").reason, Reason::Navigation);
  EXPECT_EQ(block(doc, "Published").reason, Reason::Byline);
  EXPECT_EQ(block(doc, "on").reason, Reason::Byline);
  EXPECT_EQ(block(doc, "Continue Reading").reason, Reason::Navigation);
  EXPECT_EQ(block(doc, "Click to comment").reason, Reason::Navigation);
  EXPECT_EQ(block(doc, "Most Viewed Posts").reason, Reason::Navigation);
  EXPECT_EQ(block(doc, "Privacy Policy").reason, Reason::Legal);
  EXPECT_EQ(block(doc, "Share").reason, Reason::ShareBar);
  EXPECT_EQ(block(doc, "Facebook").reason, Reason::ShareBar);
}

// The buttons' label, whatever the page calls itself.
TEST(Classify, ShareThisPageOrPostIsAShareButton) {
  auto doc = classify_only("Share this page\nShare This Post\nShare this story\nShare this poem\nShare This Recipe\n");
  for (const auto& b : doc.blocks) EXPECT_EQ(b.block.reason, Reason::ShareBar) << b.text();
  // A sentence that opens with the same words goes on in lower case.
  auto sentence = classify_only("Share this recipe with the friends who cook for you.\n");
  EXPECT_TRUE(sentence.blocks[0].block.kept);
}

TEST(Classify, CommentFormLines) {
  auto doc = classify_only(
      "Leave a Reply\nYour email address will not be published. Required fields are marked *\n"
      "No comments:\nPost a Comment\nComments\n34 responses to “We needed to win this game”\n");
  for (const auto& b : doc.blocks) {
    EXPECT_EQ(b.block.reason, Reason::CommentSection) << b.text();
  }
}

TEST(Classify, ProseOpeningWithAMarkerWordIsKept) {
  auto doc = classify_only(
      "Comments from the minister came late on Friday, after the committee had already voted.\n"
      "By the end of the week, more than 300 families had left the area for the coast.\n"
      "Related: the council says the two cases are not connected, but the police are looking again.\n");
  for (const auto& b : doc.blocks) EXPECT_TRUE(b.block.kept) << b.text();
}

TEST(Classify, TeaserPrefixes) {
  auto doc = classify_only(
      "READ ALSO: Syrian Military Details Response to Escalating Terrorist Offensive\n"
      "Read more: Why the plan failed\nRelated - Ten things to know\nLesen Sie auch: Die Lage\n");
  for (const auto& b : doc.blocks) {
    EXPECT_EQ(b.block.reason, Reason::Teaser) << b.text();
    EXPECT_NE(b.block.evidence.find("teaser prefix"), std::string::npos);
  }
}

TEST(Classify, TeaserPrefixNeedsPunctuationAfterIt) {
  auto doc = classify_only("Read also the fine print\nWatch the skies\n");
  EXPECT_TRUE(doc.blocks[0].block.kept);
  EXPECT_TRUE(doc.blocks[1].block.kept);
}

// A teaser prefix alone with its colon ("More:", "Lesen Sie auch:") heads
// the links on the lines under it: a related-list opener. Without the colon
// it is a menu entry or a word; a [credit] word alone ("Photo:") is no
// opener; and one that names more than the prefix is a heading of its own.
TEST(Classify, TeaserPrefixAloneOpensARelatedList) {
  auto doc = classify_only("More:\nLesen Sie auch:\nMore\nPhoto:\nMore to come:\n");
  EXPECT_EQ(doc.blocks[0].block.reason, Reason::RelatedList);
  EXPECT_EQ(doc.blocks[1].block.reason, Reason::RelatedList);
  EXPECT_NE(doc.blocks[2].block.reason, Reason::RelatedList);
  EXPECT_NE(doc.blocks[3].block.reason, Reason::RelatedList);
  EXPECT_TRUE(doc.blocks[4].block.kept);
}

TEST(Classify, RowOfShareButtons) {
  auto doc = classify_only("Facebook Twitter LinkedIn\nEmail • Twitter\nFacebook Friends Forever\n");
  EXPECT_EQ(doc.blocks[0].block.reason, Reason::ShareBar);
  EXPECT_EQ(doc.blocks[1].block.reason, Reason::ShareBar);
  EXPECT_TRUE(doc.blocks[2].block.kept);  // "Friends" is no button
}

TEST(Classify, CopyrightLine) {
  auto doc = classify_only("© 2019 NBC Universal\nCopyright 2010 Autoracing. Todos os direitos reservados\n");
  EXPECT_EQ(doc.blocks[0].block.reason, Reason::Legal);
  EXPECT_EQ(doc.blocks[1].block.reason, Reason::Legal);
}

TEST(Classify, BylinePatternsOnlyOnShortLines) {
  auto doc = classify_only(
      "Posted by Michael David Smith on November 19, 2019, 6:21 AM EST\n"
      "By Sarah E. Needleman\n");
  EXPECT_EQ(doc.blocks[0].block.reason, Reason::Byline);
  EXPECT_EQ(doc.blocks[1].block.reason, Reason::Byline);
}

// A short sentence of the article may open with the words of a chrome
// line: when it ends a sentence and the word after those words is lower
// case, it is a sentence. Bylines, copyright lines and "More from" lists go
// on with a name, a year or a sign, and stay chrome.
TEST(Classify, ShortSentencesOpeningWithChromeWordsAreKept) {
  auto doc = classify_only(
      "By then, the damage was done.\n"
      "Copyright law was not the issue.\n"
      "\"More from me later,\" the mayor told reporters.\n"
      "By Jane Smith and John Doe.\n"
      "Copyright 2024 Daily News. All rights reserved.\n"
      "Copyright (c) Daily News Inc.\n"
      "More from Daily News\n"
      "Posted by admin on May 3\n"
      "Posted on May 2, 2024 by admin\n"
      "By 2030, emissions will fall.\n"
      "By 5 p.m. the square was empty again.\n"
      "By 24/7 Wall St.\n");
  EXPECT_TRUE(block(doc, "By then, the damage was done.").kept);
  EXPECT_TRUE(block(doc, "By 2030, emissions will fall.").kept);
  EXPECT_TRUE(block(doc, "By 5 p.m. the square was empty again.").kept);
  EXPECT_EQ(block(doc, "By 24/7 Wall St.").reason, Reason::Byline);
  EXPECT_TRUE(block(doc, "Copyright law was not the issue.").kept);
  EXPECT_TRUE(block(doc, "\"More from me later,\" the mayor told reporters.").kept);
  EXPECT_EQ(block(doc, "By Jane Smith and John Doe.").reason, Reason::Byline);
  EXPECT_EQ(block(doc, "Copyright 2024 Daily News. All rights reserved.").reason, Reason::Legal);
  EXPECT_EQ(block(doc, "Copyright (c) Daily News Inc.").reason, Reason::Legal);
  EXPECT_EQ(block(doc, "More from Daily News").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "Posted by admin on May 3").reason, Reason::Byline);
  EXPECT_EQ(block(doc, "Posted on May 2, 2024 by admin").reason, Reason::Byline);
}

// Lines every page of a kind shows above the story: a wiki's line naming
// the encyclopedia (in several languages), a "Last updated ... by" stamp,
// an Arabic byline ("بقلم", "by the pen of"), a reading time. A sentence
// opening with the same words stays.
TEST(Classify, WikiLinesStampsAndReadingTimes) {
  auto doc = classify_only(
      "From Wikipedia, the free encyclopedia\n"
      "Aus Wikipedia, der freien Enzyklop\u00e4die\n"
      "Last updated 2 November 2023 by Claire Hughes\n"
      "Last updated rules were stricter than the old ones.\n"
      "\u0628\u0642\u0644\u0645: \u0633\u0627\u0631\u0629 \u0627\u0644\u062d\u0633\u0646 10 \u064a\u0648\u0646\u064a\u0648 2024\n"
      "7 min read\n");
  EXPECT_EQ(block(doc, "From Wikipedia, the free encyclopedia").reason, Reason::Navigation);
  EXPECT_EQ(block(doc, "Aus Wikipedia, der freien Enzyklop\u00e4die").reason, Reason::Navigation);
  EXPECT_EQ(block(doc, "Last updated 2 November 2023 by Claire Hughes").reason, Reason::Byline);
  EXPECT_TRUE(block(doc, "Last updated rules were stricter than the old ones.").kept);
  EXPECT_EQ(block(doc, "\u0628\u0642\u0644\u0645: \u0633\u0627\u0631\u0629 \u0627\u0644\u062d\u0633\u0646 10 \u064a\u0648\u0646\u064a\u0648 2024").reason,
            Reason::Byline);
  EXPECT_EQ(block(doc, "7 min read").reason, Reason::Byline);
}

// A blogging platform's stamp over the story: "Published in" above the
// publication's name, the reading time before the date. A sentence that
// opens with the same words stays.
TEST(Classify, PublicationAndReadingTimeStamps) {
  auto doc = classify_only(
      "Published in\n"
      "\u00b7 7 min read \u00b7 Mar 3, 2023\n"
      "12 minute read, updated May 2\n"
      "Published in 1998, the atlas sold out within a week of its release in three countries.\n"
      "7 min read is what the editors aim for in every long story they publish on the site.\n");
  EXPECT_EQ(block(doc, "Published in").reason, Reason::Byline);
  EXPECT_EQ(block(doc, "\u00b7 7 min read \u00b7 Mar 3, 2023").reason, Reason::Byline);
  EXPECT_EQ(block(doc, "12 minute read, updated May 2").reason, Reason::Byline);
  EXPECT_TRUE(block(doc, "Published in 1998, the atlas sold out within a week of its release in three countries.").kept);
  EXPECT_TRUE(block(doc, "7 min read is what the editors aim for in every long story they publish on the site.").kept);
}

// "Related articles" and "you may also be interested" open lists of other
// stories in Russian, Japanese, Chinese and Korean too; a sentence that
// holds the same words is prose.
TEST(Classify, RelatedListOpenersInOtherScripts) {
  auto doc = classify_only(
      "Вам также может быть интересно\n"
      "Похожие статьи\n"
      "関連記事\n"
      "相关新闻\n"
      "관련기사\n"
      "スポンサードリンク\n"
      "Похожие статьи о выборах редакция опубликует на следующей неделе, сообщил главный редактор.\n");
  EXPECT_EQ(block(doc, "Вам также может быть интересно").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "Похожие статьи").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "関連記事").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "相关新闻").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "관련기사").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "スポンサードリンク").reason, Reason::AdMarker);
  EXPECT_TRUE(block(doc, "Похожие статьи о выборах").kept);
}

// A short line that gives a date with its time of day, and little else, is
// the page stamping the article, in any language and any order of parts.
TEST(Classify, DateAndTimeLinesAreBylines) {
  const std::vector<std::string> lines = {
      "Published Tuesday, March 4, 2031 6:15AM PST",
      "4 Mar 2031 14:05 GMT",
      "Updated on: March 4, 2031 / 9:50 AM / Example News",
      "By Ana Lima and Tom Berg on Tuesday, March 4th, 2031 at 10:22 a.m.",
      "Veröffentlicht am 04.03.2031 um 10:22 Uhr",
      "2031-03-04 18:47:02 Ana Lima",
  };
  std::string page;
  for (const auto& line : lines) page += "Harbour Bridge Reopens After Repairs\n" + line + "\n";
  auto doc = classify_only(page);
  for (const auto& line : lines) {
    const Block& b = block(doc, line);
    EXPECT_EQ(b.reason, Reason::Byline) << line;
    EXPECT_EQ(b.evidence, "date and time line") << line;
  }
}

// Two stamps in a row ("Published ...", "Updated ...") are still stamps.
TEST(Classify, PublishedAndUpdatedStampsInARow) {
  auto doc = classify_only(
      "Published 6:15 AM PST Mar 4, 2031\n"
      "Updated 9:50 AM PST Mar 4, 2031\n");
  for (const auto& b : doc.blocks) {
    EXPECT_EQ(b.block.reason, Reason::Byline) << b.text();
  }
}

// What must stay: an article sentence that names a time and a year, a line
// with a time but no year, a ratio or a score, and a schedule (three date
// lines or more in a row).
TEST(Classify, SentencesAndSchedulesWithTimesAreKept) {
  auto doc = classify_only(
      "The polls closed at 10:30 on 5 May 2031.\n"
      "Doors open at 19:30, the band plays at 21:00.\n"
      "Model train, scale 1:24, built in 2031\n"
      "Final score 2:1 after extra time in the 2031 cup\n"
      "\n"
      "Friday 7 March 2031, 19:30 - Opening night, Main Hall\n"
      "Saturday 8 March 2031, 15:00 - Matinee, Main Hall\n"
      "Sunday 9 March 2031, 18:00 - Closing gala, Garden Stage\n");
  for (const auto& b : doc.blocks) {
    EXPECT_NE(b.block.evidence, "date and time line") << b.text();
  }
  EXPECT_TRUE(block(doc, "The polls closed").kept);
  EXPECT_TRUE(block(doc, "Friday 7 March").kept);
  EXPECT_TRUE(block(doc, "Sunday 9 March").kept);
}

// Photo credits: a line opening with a [credit] word and a mark after it, a
// photographer's byline, or a caption that closes with its credit in
// brackets.
TEST(Classify, PhotoCreditsAreBylines) {
  auto doc = classify_only(
      "Photo: Ana Lima/Example Agency\n"
      "(Image credit: Example Space Agency)\n"
      "FILE PHOTO: Traders on the floor of the exchange\n"
      "Foto: Ana Lima\n"
      "Photo by Tom Berg/Example Images\n"
      "Image copyright Example Images\n"
      "Protesters filled the square on Sunday (Image: Example Images)\n"
      "The old harbour crane at dusk (Photo: Tom Berg)\n");
  for (const auto& b : doc.blocks) {
    EXPECT_EQ(b.block.reason, Reason::Byline) << b.text();
  }
  EXPECT_EQ(block(doc, "Photo: Ana").evidence, "photo credit 'photo'");
  EXPECT_EQ(block(doc, "Protesters").evidence, "caption closing with a photo credit 'image'");
}

// What must stay: a credit word with no mark after it, a paragraph that
// closes with a credit (prose is never judged by it), and brackets that hold
// no credit.
TEST(Classify, LinesThatOnlyLookLikeCreditsAreKept) {
  auto doc = classify_only(
      "Photo finish for the title race\n"
      "Credit cards: what changes next year\n"
      "Pictures at an Exhibition (Mussorgsky)\n"
      "The council published the figures on Tuesday, and residents were asked to comment on the plan "
      "before the end of the month, when the final vote on the harbour project will be held in the "
      "old town hall. (Photo: Tom Berg)\n");
  for (const auto& b : doc.blocks) {
    EXPECT_TRUE(b.block.kept) << b.text();
  }
}

}  // namespace
}  // namespace winnow
