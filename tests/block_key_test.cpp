// Site-learning block keys: block_key() (ASCII spelled 64 or 16 bytes at a
// time, the words hashed eight bytes at a time) against its definition,
// words_key(block_words()), on edge cases at every alignment and on every
// line of the benchmark pages.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "block_key.hpp"
#include "block_stats.hpp"
#include "key_arena.hpp"
#include "test_files.hpp"

namespace winnow::detail {

namespace {

namespace fs = std::filesystem;

void expect_same(std::string_view text) {
  ASSERT_EQ(block_key(text), words_key(block_words(text))) << "text: '" << text.substr(0, 160) << "'";
}

// Letters, digits, separators, letter runs across the eight-byte reads,
// non-ASCII letters (two lower-case to ASCII; Cyrillic, which the stats
// walk reads in its 64-byte steps), non-ASCII separators and invalid bytes.
const std::vector<std::string> kPieces = {
    "a", "Word", "UPPERCASE", "abcdefghij", " ", "  ", "\t", ".", ",", "'", "@", "[", "`", "{", "42", "3.5",
    "007", "\xC2\xA0" /* NBSP */, "\xE2\x80\x99" /* ’ */, "\xC3\x89" /* É */, "\xE2\x84\xAA" /* Kelvin sign */,
    "\xC4\xB0" /* I with dot above: lower case i */, "\xD0\x9F\xD1\x80\xD0\xB8" /* При */,
    "\xE6\x9D\xB1\xE4\xBA\xAC" /* 東京 */, "\xD9\xA3" /* Arabic-Indic three */, "\xE2\x80\x94" /* — */,
    "\xFF" /* invalid */, "\xC3" /* truncated */, "\x01", "\x7F",
};

// Each pair of pieces with 0..24 bytes of padding before, between or after,
// so every join lands on every offset of the sixteen-byte reads and the
// words end at every offset of the hash's eight-byte lanes.
std::vector<std::string> joins(const std::vector<std::string>& pieces) {
  std::vector<std::string> out;
  for (std::size_t pad = 0; pad <= 24; ++pad) {
    const std::string x(pad, 'x');
    for (const auto& a : pieces) {
      for (const auto& b : pieces) out.insert(out.end(), {x + a + b, a + x + b + " " + a, a + b + x});
    }
  }
  return out;
}

TEST(BlockKey, FastPathMatchesDefinitionAtEveryAlignment) {
  for (const auto& text : joins(kPieces)) expect_same(text);
  for (std::string_view text : {"", " ", "...", "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789",
                                 "Zz@[`{AaZz", "(c) 2023 Site Inc."}) {
    expect_same(text);
  }
}

// classify's walk spells the same words along its way, and must agree on
// the same pieces: among them the Kelvin sign, a letter whose lower case is
// ASCII and yet spelled in four bytes (so the words are not the marker
// key's), and invalid bytes that the walk decodes itself.
TEST(BlockKey, StatsWalkSpellsTheDefinitionAtEveryAlignment) {
  for (const auto& text : joins(kPieces)) {
    KeyArena arena;
    std::string_view key;
    std::uint64_t walked = 0;
    block_stats_key_and_words(text, arena, key, walked);
    ASSERT_EQ(walked, words_key(block_words(text))) << "text: '" << text.substr(0, 160) << "'";
  }
}

TEST(BlockKey, WordsFoldCaseDigitsAndPunctuation) {
  EXPECT_EQ(block_words("  (c) 2023 Site Inc.  "), "c 0 site inc");
  EXPECT_EQ(block_words("12 Comments"), block_words("3 comments"));
  EXPECT_EQ(block_words("x1y22z"), "x0y0z");
  EXPECT_EQ(block_words("Caf\xC3\x89!"), std::string("caf\xE9\0\0\0", 7));  // é as its code point
  EXPECT_EQ(block_words("--- !!! ---"), "");
  EXPECT_EQ(block_key("--- !!! ---"), 0u);
  EXPECT_EQ(block_key("\xC2\xA9 2023 Site Inc."), block_key("(\xC2\xA9) 2024 SITE, Inc"));
  EXPECT_NE(block_key("(c) 2023 Site Inc."), block_key("\xC2\xA9 2023 Site Inc."));  // 'c' is a word
  EXPECT_NE(block_key("site inc"), block_key("site incorporated"));
}

// The sketch places counters by these keys, so they must not drift
// unnoticed: the values are the words in little-endian eight-byte lanes
// (the last zero-padded), h = rotl((h ^ lane) * 0x9FB21C651E98DF25, 29)
// from 0x2D358DCCAA6C78A5, then the splitmix64 finalizer of h ^ length,
// low bit set (computed independently of this code, in Python).
TEST(BlockKey, KeysAreStable) {
  EXPECT_EQ(words_key("hello world 0"), 0x7dd37e0195f35bdbu);
  EXPECT_EQ(block_key("Hello, World! 2024"), 0x7dd37e0195f35bdbu);
  EXPECT_EQ(block_key("CAF\xC3\x89"), 0xbe91c2ccc08b39dbu);
  // Each count of lanes, full and partial (the same Python).
  const std::string_view bytes = "abcdefghijklmnopqrstuvwxyz0123456789";
  const std::pair<std::size_t, std::uint64_t> by_size[] = {
      {1, 0xe5d099c27cf14a8fu},  {7, 0x942ad8adec88bd55u},  {8, 0xf0957e148b854665u},  {9, 0x530313c79ba02acfu},
      {16, 0xc1ab36bf5d8e48b1u}, {17, 0x5c6b293775a7fe3bu}, {24, 0x9981233b1f425e95u}, {25, 0x25117d04bff62567u},
      {32, 0x62308e8910c3acabu}, {33, 0xde14954355fdb7e1u}};
  for (const auto& [size, key] : by_size) EXPECT_EQ(words_key(bytes.substr(0, size)), key) << size;
}

TEST(BlockKey, BenchmarkPages) {
  const fs::path bench = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "bench";
  if (!fs::exists(bench / "scrapinghub-text")) {
    GTEST_SKIP() << "benchmark pages not found at " << bench << " (the shared folder is absent)";
  }
  std::size_t lines = 0;
  for (const fs::path dir : {bench / "scrapinghub-text", bench / "scrapinghub" / "html"}) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string text = winnow::test::read_file(entry.path());
      SCOPED_TRACE(entry.path().string());
      std::string_view rest = text;
      while (!rest.empty()) {
        std::size_t eol = rest.find('\n');
        expect_same(rest.substr(0, eol));
        ++lines;
        rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
      }
    }
  }
  EXPECT_GT(lines, 10000u);
}

}  // namespace

}  // namespace winnow::detail
