// The mojibake repair's pre-checks (the scan for a suspect pair, the
// per-line test of whether any code page could explain the line, and the
// code pages the repair then tries) only pass over what the repair would
// leave alone: the repair must give exactly
// what repairing every line gives, with the same counts and examples. Inputs:
// every benchmark page, every string of ftfy's test cases (alone and glued
// to Cyrillic and Japanese text), and random mixes of the characters the
// code pages read as lead and continuation bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mojibake.hpp"
#include "test_files.hpp"
#include "winnow/winnow.hpp"

namespace {

namespace fs = std::filesystem;
using winnow::test::read_file;

std::string valid(const std::string& text) {
  winnow::NormalizeOptions o;
  o.enabled = false;
  return winnow::normalize(text, o);
}

void expect_repair_agrees(const std::string& text, const std::string& what) {
  std::string fast = "untouched", reference = "untouched";
  auto f = winnow::detail::repair_mojibake(text, fast);
  auto r = winnow::detail::repair_mojibake_reference(text, reference);
  ASSERT_EQ(f.spans, r.spans) << what;
  EXPECT_EQ(fast, reference) << what;
  EXPECT_EQ(f.examples, r.examples) << what;
}

// The repair's first round tries only the readings (code pages) that can
// find a span in the line; each that finds something must be among them.
void expect_readings_cover(const std::string& text, const std::string& what) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    ASSERT_TRUE(winnow::detail::mojibake_readings_cover(std::string_view(text).substr(start, end - start)))
        << what;
    start = end + 1;
  }
}

std::vector<std::string> ftfy_strings() {
  std::vector<std::string> out;
  const fs::path dir = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "testdata" / "ftfy";
  for (const char* name : {"in-the-wild.json", "synthetic.json", "negative.json", "language-names.json",
                           "known-failures.json"}) {
    std::string text = read_file(dir / name);
    if (text.empty()) continue;
    for (const auto& c : nlohmann::json::parse(text)) {
      for (const char* key : {"original", "fixed", "fixed-encoding"}) {
        if (c.contains(key)) out.push_back(valid(c.at(key).get<std::string>()));
      }
    }
  }
  return out;
}

TEST(MojibakePrecheck, AgreesOnBenchmarkPages) {
  const fs::path bench = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "bench";
  std::size_t pages = 0;
  for (const auto& dir : {bench / "scrapinghub-text", bench / "scrapinghub" / "html"}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      expect_repair_agrees(valid(read_file(e.path())), e.path().filename().string());
      ++pages;
    }
  }
  if (pages == 0) GTEST_SKIP() << "benchmark pages not found (../shared/bench next to the source tree)";
}

TEST(MojibakePrecheck, AgreesOnFtfyCases) {
  auto strings = ftfy_strings();
  if (strings.empty()) GTEST_SKIP() << "ftfy test data not found (../shared/testdata/ftfy)";
  const std::string russian = "\xD0\xA1\xD0\xBB\xD0\xBE\xD0\xB2\xD0\xBE\xC2\xBB ";  // Слово»
  const std::string japanese = "\xE6\x97\xA5\xE6\x9C\xAC ";                          // 日本
  for (const auto& s : strings) {
    expect_repair_agrees(s, s);
    expect_readings_cover(s, s);
    expect_repair_agrees(russian + s, "after Cyrillic: " + s);
    expect_repair_agrees(japanese + s + "\n" + russian, "after Japanese: " + s);
  }
}

// Characters that read as lead or continuation bytes in some code page, and
// what stands for lost bytes.
TEST(MojibakePrecheck, AgreesOnRandomMixes) {
  const std::vector<std::string> pieces = {
      "a", "word", " ", "\n", "?", ".",
      "\xC3\x83",          // Ã
      "\xC3\xA2",          // â
      "\xC3\x82",          // Â
      "\xC2\xA9",          // ©
      "\xC2\xA0",          // NBSP
      "\xC2\xBB",          // »
      "\xE2\x82\xAC",      // €
      "\xE2\x84\xA2",      // ™
      "\xE2\x80\x99",      // ’
      "\xE2\x80\x94",      // —
      "\xE2\x88\x9A",      // √ (MacRoman 0xC3)
      "\xE2\x94\x9C",      // ├ (CP437 0xC3)
      "\xC4\x82",          // Ă (Windows-1250 0xC3)
      "\xD0\x93",          // Г (Windows-1251 0xC3)
      "\xD0\xA0",          // Р
      "\xD0\xA1",          // С
      "\xD1\x9F",          // џ
      "\xD1\x91",          // ё
      "\xD0\xBF\xD1\x80\xD0\xB8",  // при
      "\xC2\x81",          // a C1 control
      "\xEF\xBF\xBD",      // U+FFFD
      "\xEF\xAC\x81",      // ﬁ (MacRoman)
      "\xE6\x97\xA5",      // 日
      "\xE3\x81\x82",      // あ
      "\xC5\x99",          // ř
      "\xC3\xA9",          // é
      "\xC3\xAA",          // ê (Windows-1252 0xEA, a three-byte lead)
      "\xC3\xA0",          // à (0xE0)
      "\xC3\xB0",          // ð (0xF0, a four-byte lead)
      "\xC3\x9A",          // Ú (0xDA, a two-byte lead)
      "  ", "x", "s",
  };
  std::mt19937 rng(7);
  for (int n = 0; n < 20000; ++n) {
    std::string t;
    std::size_t length = 1 + rng() % 60;  // long enough to cross 64-byte blocks
    for (std::size_t k = 0; k < length; ++k) t += pieces[rng() % pieces.size()];
    expect_repair_agrees(t, t);
    expect_readings_cover(t, t);
  }
}

// A letter that reads as a lead byte, then a space (a lost 0xA0), then
// what decides whether the sequence can be complete: an ASCII letter (only
// a two-byte lead), '?', another space, U+FFFD, a continuation, the end of
// the line; at every place in the 64-byte blocks the line check scans.
TEST(MojibakePrecheck, AgreesOnLetterSpacePairs) {
  const std::vector<std::string> letters = {"\xC3\xA9", "\xC3\xAA", "\xC3\xA0", "\xC3\xB0", "\xC3\x9A",
                                            "\xC3\x83", "\xC3\x82", "\xC5\x99", "\xD0\x93"};
  const std::vector<std::string> afters = {"x", "?", " ", "\xEF\xBF\xBD", "\xC2\xA9", "\xE2\x80\x99", "\n", "", ".",
                                           "s"};
  for (const auto& letter : letters) {
    for (const auto& after : afters) {
      for (std::size_t k = 0; k < 70; ++k) {
        std::string pair = letter + " " + after;
        expect_repair_agrees(std::string(k, 'a') + pair, "at " + std::to_string(k) + ": " + pair);
        expect_repair_agrees("\xC3\xA9t\xC3\xA9 " + std::string(k, 'a') + pair + " b",
                             "after another at " + std::to_string(k) + ": " + pair);
      }
    }
  }
}

}  // namespace
