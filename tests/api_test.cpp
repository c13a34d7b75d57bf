#include <gtest/gtest.h>

#include <filesystem>

#include "test_files.hpp"
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

namespace {

// Extracts `page` with the default options and with `change` made to them:
// the article, the title, the site-learning keys and every block's verdict
// and kind must be the same, and check(block, changed block) must hold.
// Returns how many blocks were dropped.
template <class Change, class Check>
std::size_t expect_only_differs(std::string_view page, winnow::Mode mode, Change&& change, Check&& check) {
  winnow::Options with, without;
  with.mode = without.mode = mode;
  with.block_keys = without.block_keys = true;
  change(without);
  const winnow::Result a = winnow::extract(page, with);
  const winnow::Result b = winnow::extract(page, without);
  EXPECT_TRUE(a.ok());
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.metadata.title, b.metadata.title);
  EXPECT_EQ(a.block_keys, b.block_keys);
  if (a.blocks.size() != b.blocks.size()) {
    ADD_FAILURE() << a.blocks.size() << " blocks before the change, " << b.blocks.size() << " after";
    return 0;
  }
  std::size_t dropped = 0;
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    SCOPED_TRACE("block " + std::to_string(i) + ": " + a.blocks[i].text);
    EXPECT_EQ(a.blocks[i].kept, b.blocks[i].kept);
    EXPECT_EQ(a.blocks[i].reason, b.blocks[i].reason);
    EXPECT_EQ(a.blocks[i].kind, b.blocks[i].kind);
    check(a.blocks[i], b.blocks[i]);
    if (!a.blocks[i].kept) ++dropped;
  }
  return dropped;
}

// Options::evidence only decides whether the why is written out.
std::size_t expect_evidence_only_differs(std::string_view page, winnow::Mode mode) {
  return expect_only_differs(
      page, mode, [](winnow::Options& o) { o.evidence = false; },
      [](const winnow::Block& with, const winnow::Block& without) {
        EXPECT_EQ(with.text, without.text);
        EXPECT_TRUE(without.evidence.empty()) << without.evidence;
        if (!with.kept) EXPECT_FALSE(with.evidence.empty());
      });
}

// Options::dropped_text only decides whether the dropped blocks keep
// their text.
std::size_t expect_only_dropped_text_differs(std::string_view page, winnow::Mode mode) {
  return expect_only_differs(
      page, mode, [](winnow::Options& o) { o.dropped_text = false; },
      [](const winnow::Block& with, const winnow::Block& without) {
        EXPECT_EQ(with.evidence, without.evidence);
        if (with.kept) {
          EXPECT_EQ(with.text, without.text);
        } else {
          EXPECT_FALSE(with.text.empty());
          EXPECT_TRUE(without.text.empty()) << without.text;
        }
      });
}

// `expect(page, mode)`, which returns how many blocks it saw dropped, over
// every sample page as text and a small HTML page: both must drop some.
template <class Expect>
void expect_on_samples_and_html(Expect&& expect) {
  std::size_t dropped = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(WINNOW_SOURCE_DIR) / "samples")) {
    SCOPED_TRACE(entry.path().string());
    dropped += expect(winnow::test::read_file(entry.path()), winnow::Mode::Text);
  }
  EXPECT_GT(dropped, 20u);
  EXPECT_GT(expect(
      "<html><head><title>Rain due</title></head><body><nav><a href=/>Home</a> <a href=/n>News</a></nav>"
      "<article><h1>Rain due</h1><p>Rain is expected across the region on Tuesday, forecasters said.</p>"
      "<p>Advertisement</p><p>The wet spell should last until the weekend, they added in a statement.</p>"
      "</article><footer>Copyright 2024 Weather Co.</footer></body></html>",
      winnow::Mode::Html), 0u);
}

TEST(Api, EvidenceOffLeavesOnlyTheEvidenceEmpty) { expect_on_samples_and_html(expect_evidence_only_differs); }

TEST(Api, DroppedTextOffLeavesOnlyTheDroppedBlocksTextEmpty) {
  expect_on_samples_and_html(expect_only_dropped_text_differs);
  // Lines whose spaces are folded, and a page ending without a line break.
  EXPECT_GT(expect_only_dropped_text_differs("Menu\t\tHome  |  News\n\n" + std::string(300, 'a') +
                                                 " is a long line.\n\nAdvertisement\n\nShare  on\tFacebook",
                                             winnow::Mode::Text),
            0u);
}

}  // namespace
