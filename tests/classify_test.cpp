// classify: each block judged on its own words and shape.
#include <gtest/gtest.h>

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
      "Posted by admin on May 3\n");
  EXPECT_TRUE(block(doc, "By then, the damage was done.").kept);
  EXPECT_TRUE(block(doc, "Copyright law was not the issue.").kept);
  EXPECT_TRUE(block(doc, "\"More from me later,\" the mayor told reporters.").kept);
  EXPECT_EQ(block(doc, "By Jane Smith and John Doe.").reason, Reason::Byline);
  EXPECT_EQ(block(doc, "Copyright 2024 Daily News. All rights reserved.").reason, Reason::Legal);
  EXPECT_EQ(block(doc, "Copyright (c) Daily News Inc.").reason, Reason::Legal);
  EXPECT_EQ(block(doc, "More from Daily News").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "Posted by admin on May 3").reason, Reason::Byline);
}

}  // namespace
}  // namespace winnow
