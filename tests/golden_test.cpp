// Golden tests: the five sample pages cleaned end to end. The expected files
// in tests/golden/ were written from reading each page (headline first, then
// the article body; chrome, ads, teasers, comment forms and related lists
// removed), not from the tool's output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_files.hpp"
#include "winnow/winnow.hpp"

namespace {

namespace fs = std::filesystem;

using winnow::test::read_file;

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, CleanTextMatchesTheExpectedArticle) {
  const fs::path root(WINNOW_SOURCE_DIR);
  const std::string name = GetParam();
  std::string page = read_file(root / "samples" / (name + ".txt"));
  std::string expected = read_file(root / "tests" / "golden" / (name + ".txt"));
  ASSERT_FALSE(page.empty());
  ASSERT_FALSE(expected.empty());

  winnow::Options options;
  // These files pin down which blocks are kept; normalization (names,
  // mojibake) has its own tests and must not make them churn.
  options.normalize.enabled = false;
  winnow::Result r = winnow::clean_text(page, options);
  ASSERT_TRUE(r.ok()) << r.error;
  winnow::RenderOptions ro;
  ro.title = true;
  std::string actual = winnow::render(r, winnow::Format::Text, ro);

  // Compare paragraph by paragraph so a failure names the first difference.
  std::istringstream a(actual), e(expected);
  std::string al, el;
  int line = 0;
  while (true) {
    bool more_a = static_cast<bool>(std::getline(a, al));
    bool more_e = static_cast<bool>(std::getline(e, el));
    ++line;
    if (!more_a && !more_e) break;
    ASSERT_EQ(more_a, more_e) << name << ": output and expected differ in length at line " << line
                              << (more_a ? "; extra output: " + al : "; missing: " + el);
    ASSERT_EQ(al, el) << name << ": line " << line;
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, Golden,
                         ::testing::Values("000_9c5627c84a574da6", "001_d163a95aeccb179b",
                                           "002_5d235549dcba7daa", "003_134e59c19d38a5f5",
                                           "004_309cf9502e9c9cc7"));

TEST(GoldenTitles, HeadlineIsMetadataNotBody) {
  const fs::path root(WINNOW_SOURCE_DIR);
  winnow::Result r = winnow::clean_text(read_file(root / "samples" / "001_d163a95aeccb179b.txt"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.metadata.title, "United States Is Saving The Rebel Groups In Syria: Russia");
  EXPECT_EQ(r.text.find("United States Is Saving The Rebel Groups"), std::string::npos);
}

}  // namespace
