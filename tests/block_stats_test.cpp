// Block measurements behind every text rule: length, sentence ends, case.
#include <gtest/gtest.h>

#include "block_stats.hpp"

namespace winnow::detail {
namespace {

TEST(BlockStats, CountsWordsUnitsAndSentences) {
  BlockStats s = block_stats("He left. Then he came back! Why?");
  EXPECT_EQ(s.words, 7u);
  EXPECT_EQ(s.units, 23u);  // letters only
  EXPECT_EQ(s.sentence_ends, 3u);
  EXPECT_TRUE(s.ends_sentence);
}

TEST(BlockStats, ClosingQuotesMayFollowTheStop) {
  EXPECT_TRUE(block_stats("“It is a complex game,” he said. “We know.”").ends_sentence);
  EXPECT_TRUE(block_stats("He called it \"a festering abscess.\"").ends_sentence);
  EXPECT_TRUE(block_stats("Reuters reports, citing sources:").ends_sentence);
  EXPECT_FALSE(block_stats("Syrian Rebels Advance on Homs").ends_sentence);
  EXPECT_FALSE(block_stats("Version 2.0 released").ends_sentence);
}

TEST(BlockStats, DecimalPointIsNotASentenceEnd) {
  EXPECT_EQ(block_stats("It rose 3.5 percent to $27.2 billion").sentence_ends, 0u);
}

TEST(BlockStats, WideScriptsCountThreeUnitsPerCharacter) {
  BlockStats s = block_stats("東京で会議が開かれた。");
  EXPECT_EQ(s.units, 30u);  // ten ideographs and kana
  EXPECT_TRUE(s.ends_sentence);
  EXPECT_EQ(s.sentence_ends, 1u);
  EXPECT_EQ(block_stats("서울에서 회의").units, 18u);  // six Hangul syllables
}

TEST(BlockStats, ProseLabelAndLinkLike) {
  EXPECT_TRUE(is_prose(block_stats(
      "The foreign ministers met in Doha on Saturday to discuss the advance.")));
  EXPECT_FALSE(is_prose(block_stats("He left.")));
  EXPECT_TRUE(is_label(block_stats("Most Viewed Posts")));
  EXPECT_TRUE(is_link_like(block_stats("Real Time Economics")));
  EXPECT_TRUE(is_link_like(block_stats("Contact Us")));
  // Sentence-case fragments and table cells are labels but not links.
  EXPECT_FALSE(is_link_like(block_stats("Easy setup for all your devices")));
  EXPECT_FALSE(is_link_like(block_stats("1 tackle (1 combined)")));
  EXPECT_FALSE(is_link_like(block_stats("$139.00")));
}

TEST(BlockStats, CaseAndUrls) {
  BlockStats s = block_stats("see www.example.com for more");
  EXPECT_TRUE(s.has_url);
  EXPECT_EQ(s.cased_words, 4u);  // the address is one word
  EXPECT_EQ(s.capitalized_words, 0u);
  EXPECT_EQ(block_stats("Apple AirPods Pro").capitalized_words, 3u);
}

}  // namespace
}  // namespace winnow::detail
