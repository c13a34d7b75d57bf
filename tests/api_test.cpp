#include <gtest/gtest.h>

#include "winnow/winnow.hpp"

namespace {

TEST(Api, EmptyInputIsAnError) {
  winnow::Result r = winnow::extract("");
  EXPECT_EQ(r.status, winnow::Status::EmptyInput);
  EXPECT_FALSE(r.error.empty());
  EXPECT_EQ(winnow::extract("  \n\n \t").status, winnow::Status::EmptyInput);
}

TEST(Api, BinaryInputIsAnError) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  EXPECT_EQ(winnow::extract(png).status, winnow::Status::BinaryInput);
}

TEST(Api, TooLargeInputIsRefused) {
  winnow::Options o;
  o.max_bytes = 10;
  EXPECT_EQ(winnow::extract("a line of text that is long", o).status, winnow::Status::TooLarge);
}

TEST(Api, AdMarkerIsDroppedWithReason) {
  winnow::Result r = winnow::clean_text(
      "A first paragraph that is long enough to read as prose.\n\nAdvertisement\n\n"
      "A second paragraph that is long enough to read as prose too.\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.text.find("Advertisement"), std::string::npos);
  bool found = false;
  for (const auto& b : r.blocks) {
    if (b.text == "Advertisement") {
      found = true;
      EXPECT_FALSE(b.kept);
      EXPECT_EQ(b.reason, winnow::Reason::AdMarker);
    }
  }
  EXPECT_TRUE(found);
}

TEST(Api, AnAdBetweenParagraphsDoesNotSplitTheArticle) {
  winnow::Result r = winnow::clean_text(
      "A first paragraph that is long enough to read as prose.\n\nAdvertisement\n\n"
      "A second paragraph that is long enough to read as prose too.\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.text,
            "A first paragraph that is long enough to read as prose.\n\n"
            "A second paragraph that is long enough to read as prose too.");
}

TEST(Api, OutputIsValidUtf8) {
  winnow::Result r = winnow::clean_text("Caf\xC3 au lait is a drink made with coffee and milk.\n");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.text.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Api, JsonRenderEscapesAndNamesInput) {
  winnow::Result r = winnow::clean_text("He said \"hi\" and left the room quietly.\n");
  winnow::RenderOptions ro;
  ro.input_name = "a.txt";
  std::string json = winnow::render(r, winnow::Format::Json, ro);
  EXPECT_EQ(json.rfind("{\"input\":\"a.txt\",", 0), 0u) << json;
  EXPECT_NE(json.find("\\\"hi\\\""), std::string::npos) << json;
  EXPECT_EQ(json.back(), '\n');
}

}  // namespace
