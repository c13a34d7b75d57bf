// Quality floors: text-mode cleaning over the 181 scraped-text pages of the
// benchmark, scored by the benchmark's own scorer, and the headline text
// mode finds on them against the title of the same page's HTML. Each fails
// when its figure falls below the level reached (docs/rules.md has the
// current figures).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "block_stats.hpp"
#include "dates.hpp"
#include "test_files.hpp"
#include "utf8.hpp"
#include "winnow/winnow.hpp"

namespace {

namespace fs = std::filesystem;

constexpr double kMinF1 = 0.925;
constexpr double kMinRecall = 0.95;
// Pages of 181 whose text-mode headline agrees with the HTML title.
constexpr std::size_t kMinHeadlinesAgreeing = 110;
// Pages whose text-mode author agrees with the HTML author, and pages where
// both name one and they differ.
constexpr std::size_t kMinAuthorsAgreeing = 84;
constexpr std::size_t kMostAuthorsDiffering = 6;
// Pages whose text-mode date is the HTML date's day (or the day before or
// after it: time zones), and pages where the two are further apart.
constexpr std::size_t kMinDatesAgreeing = 85;
constexpr std::size_t kMostDatesDiffering = 6;

using winnow::test::read_file;

// The number after `"key": ` in the scorer's JSON summary (the summary comes
// first, before the per-page records).
double summary_value(const std::string& json, const std::string& key) {
  std::size_t at = json.find("\"" + key + "\": ");
  if (at == std::string::npos) return -1;
  return std::stod(json.substr(at + key.size() + 4));
}

TEST(BenchmarkFloor, TextModeOnScrapedPages) {
  const fs::path bench = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "bench";
  const fs::path pages = bench / "scrapinghub-text";
  const fs::path truth = bench / "scrapinghub" / "ground-truth.json";
  const fs::path scorer = bench / "score.py";
  if (!fs::is_directory(pages) || !fs::exists(truth) || !fs::exists(scorer)) {
    GTEST_SKIP() << "benchmark data not found at " << bench.string()
                 << " (../shared/bench next to the source tree); floor not checked";
  }
  if (std::system("python3 --version >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 is needed to run the benchmark scorer";
  }

  const fs::path out = fs::temp_directory_path() / ("winnow-bench-" + std::to_string(::getpid()));
  fs::remove_all(out);
  fs::create_directories(out);
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(pages)) {
    if (entry.path().extension() != ".txt") continue;
    winnow::Result r = winnow::clean_text(read_file(entry.path()));
    EXPECT_TRUE(r.ok()) << entry.path().filename() << ": " << r.error;
    std::ofstream(out / entry.path().filename(), std::ios::binary) << r.text;
    ++count;
  }
  EXPECT_EQ(count, 181u);

  std::string cmd = "python3 '" + scorer.string() + "' --truth '" + truth.string() + "' --pred '" +
                    out.string() + "' --json - 2>/dev/null";
  std::string json;
  if (FILE* pipe = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) json.append(buf, n);
    ::pclose(pipe);
  }
  fs::remove_all(out);
  ASSERT_NE(json.find("\"summary\""), std::string::npos) << "scorer gave no summary: " << json.substr(0, 200);

  double f1 = summary_value(json, "f1"), precision = summary_value(json, "precision"),
         recall = summary_value(json, "recall");
  std::printf("benchmark (text mode): F1 %.4f  precision %.4f  recall %.4f\n", f1, precision, recall);
  EXPECT_GE(f1, kMinF1);
  EXPECT_GE(recall, kMinRecall);
}

// A title as compared: letters and digits in lower case, every other run
// of characters one space, none at either end.
std::string comparable(std::string_view title) {
  std::string out;
  bool gap = false;
  for (std::size_t i = 0; i < title.size();) {
    const winnow::detail::CodePointProps props =
        winnow::detail::code_point_props(winnow::detail::next_code_point(title, i));
    if (!(props.flags & winnow::detail::CodePointProps::kAlnum)) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    winnow::detail::append_utf8(out, props.lower);
  }
  return out;
}

// The same headline: equal as compared, or one holds the other and the
// shorter is more than 15 bytes ("Opinion | Republicans Are Following
// Trump to Nowhere" in HTML, the line "Republicans Are Following Trump to
// Nowhere" in the text).
bool same_headline(std::string_view text_title, std::string_view html_title) {
  const std::string a = comparable(text_title), b = comparable(html_title);
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  return shorter.size() > 15 && longer.find(shorter) != std::string::npos;
}

// The same names: equal as compared, or one holds the other ("Jane Doe" in
// "Jane Doe, Staff Writer").
bool same_names(std::string_view text_author, std::string_view html_author) {
  const std::string a = comparable(text_author), b = comparable(html_author);
  if (a.empty() || b.empty()) return false;
  return a.find(b) != std::string::npos || b.find(a) != std::string::npos;
}

// The metadata of each page of the benchmark as text mode finds it in the
// scraped text, and as HTML mode finds it in the page.
struct MetadataPair {
  winnow::Metadata text, html;
};

std::vector<MetadataPair> metadata_pairs(const fs::path& pages, const fs::path& html) {
  std::vector<MetadataPair> pairs;
  for (const auto& entry : fs::directory_iterator(pages)) {
    if (entry.path().extension() != ".txt") continue;
    const fs::path page = html / entry.path().filename().replace_extension(".html");
    pairs.push_back({winnow::clean_text(read_file(entry.path())).metadata, winnow::extract(read_file(page)).metadata});
  }
  return pairs;
}

class MetadataFloor : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path bench = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "bench";
    const fs::path pages = bench / "scrapinghub-text";
    const fs::path html = bench / "scrapinghub" / "html";
    if (!fs::is_directory(pages) || !fs::is_directory(html)) {
      GTEST_SKIP() << "benchmark data not found at " << bench.string()
                   << " (../shared/bench next to the source tree); floor not checked";
    }
    pairs_ = metadata_pairs(pages, html);
    ASSERT_EQ(pairs_.size(), 181u);
  }
  std::vector<MetadataPair> pairs_;
};

TEST_F(MetadataFloor, TextModeHeadlinesAgreeWithTheHtmlTitle) {
  std::size_t agreeing = 0;
  for (const auto& pair : pairs_) agreeing += same_headline(pair.text.title, pair.html.title);
  std::printf("benchmark (text mode): headline agrees with the HTML title on %zu of %zu pages\n", agreeing,
              pairs_.size());
  EXPECT_GE(agreeing, kMinHeadlinesAgreeing);
}

TEST_F(MetadataFloor, TextModeAuthorsAgreeWithTheHtmlAuthor) {
  std::size_t with_html_author = 0, agreeing = 0, differing = 0;
  for (const auto& pair : pairs_) {
    if (pair.html.author.empty()) continue;
    ++with_html_author;
    if (pair.text.author.empty()) continue;
    const bool same = same_names(pair.text.author, pair.html.author);
    agreeing += same;
    differing += !same;
  }
  std::printf("benchmark (text mode): author agrees with the HTML author on %zu of %zu pages that have one, "
              "differs on %zu\n",
              agreeing, with_html_author, differing);
  EXPECT_GE(agreeing, kMinAuthorsAgreeing);
  EXPECT_LE(differing, kMostAuthorsDiffering);
}

// Days since 1970-01-01 of a date (the proleptic Gregorian calendar).
long days_from_civil(const winnow::detail::CalendarDate& d) {
  const int y = d.year - (d.month <= 2);
  const int era = y / 400;
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<long>(era) * 146097 + day_of_era - 719468;
}

TEST_F(MetadataFloor, TextModeDatesAgreeWithTheHtmlDate) {
  std::size_t with_html_date = 0, agreeing = 0, differing = 0;
  for (const auto& pair : pairs_) {
    const auto html_date = winnow::detail::read_date(pair.html.date);  // HTML dates are written many ways
    if (!html_date) continue;
    ++with_html_date;
    const auto text_date = winnow::detail::read_date(pair.text.date);
    if (!text_date) continue;
    const long apart = std::labs(days_from_civil(*text_date) - days_from_civil(*html_date));
    agreeing += apart <= 1;
    differing += apart > 1;
  }
  std::printf("benchmark (text mode): date within a day of the HTML date on %zu of %zu pages that have one, "
              "further on %zu\n",
              agreeing, with_html_date, differing);
  EXPECT_GE(agreeing, kMinDatesAgreeing);
  EXPECT_LE(differing, kMostDatesDiffering);
}

}  // namespace
