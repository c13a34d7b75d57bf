// The quality floor on the HTML benchmark (181 real pages with gold article
// bodies): extraction runs in-process and the shared scorer grades it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_files.hpp"
#include "winnow/winnow.hpp"

namespace winnow {
namespace {

namespace fs = std::filesystem;

// Raise this when extraction gets better; never lower it to make a change pass.
constexpr double kF1Floor = 0.968;

using winnow::test::read_file;

TEST(HtmlQuality, ScrapinghubF1StaysAboveTheFloor) {
  const fs::path bench = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "bench";
  const fs::path pages = bench / "scrapinghub" / "html";
  if (!fs::is_directory(pages)) {
    GTEST_SKIP() << "benchmark data not found at " << pages << " (the shared data directory)";
  }
  if (std::system("python3 -c 1 >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";
  const fs::path out = fs::temp_directory_path() / ("winnow-html-quality-" + std::to_string(::getpid()));
  fs::create_directories(out);
  int count = 0;
  for (const auto& entry : fs::directory_iterator(pages)) {
    if (entry.path().extension() != ".html") continue;
    Options options;
    options.mode = Mode::Html;
    Result r = extract(read_file(entry.path()), options);
    ASSERT_TRUE(r.ok()) << entry.path() << ": " << r.error;
    std::ofstream(out / (entry.path().stem().string() + ".txt"), std::ios::binary) << r.text;
    ++count;
  }
  EXPECT_EQ(count, 181);
  std::string command = "python3 \"" + (bench / "score.py").string() + "\" --truth \"" +
                        (bench / "scrapinghub" / "ground-truth.json").string() + "\" --pred \"" +
                        out.string() + "\" --json - 2>/dev/null";
  std::string report;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buf[65536];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) report.append(buf, n);
    pclose(pipe);
  }
  fs::remove_all(out);
  auto json = nlohmann::json::parse(report, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << "score.py gave no JSON: " << report.substr(0, 200);
  const auto& summary = json.contains("summary") ? json["summary"] : json;
  ASSERT_TRUE(summary.contains("f1")) << report.substr(0, 300);
  double f1 = summary["f1"].get<double>();
  std::printf("scrapinghub html: f1 %.4f precision %.4f recall %.4f\n", f1,
              summary.value("precision", 0.0), summary.value("recall", 0.0));
  EXPECT_GE(f1, kF1Floor);
}

}  // namespace
}  // namespace winnow
