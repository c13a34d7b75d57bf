// The normalize stage's fast paths against the general loops they skip:
// the character clean-up's verbatim runs (64 bytes at a time, the last ones padded) against
// the character-by-character loop, the name scan's 64-byte candidate filter
// against considering every byte, and the SSE2 and AVX2 byte masks against
// the portable ones. The loops are checked as built for each instruction set
// this CPU runs (simd_level.hpp). Inputs: every benchmark page (scraped text and raw HTML),
// hand-made edge cases, and random mixes of the characters each rule
// treats differently, at lengths that cross the block boundaries.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "test_files.hpp"
#include "byte_masks.hpp"
#include "byte_masks_wide.hpp"
#include "name_matcher.hpp"
#include "simd_level.hpp"
#include "whitespace.hpp"
#include "winnow/names.hpp"
#include "winnow/winnow.hpp"

namespace {

namespace fs = std::filesystem;
using winnow::detail::CleanupOptions;
using winnow::detail::SimdLevel;

std::string level_name(SimdLevel level) { return level == SimdLevel::kAvx2 ? "AVX2" : "baseline"; }

using winnow::test::read_file;

// Valid UTF-8, as the steps receive it.
std::string valid(const std::string& text) { return winnow::normalize(text, [] {
  winnow::NormalizeOptions o;
  o.enabled = false;
  return o;
}()); }

std::vector<std::string> benchmark_pages() {
  std::vector<std::string> pages;
  const fs::path bench = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "bench";
  for (const auto& dir : {bench / "scrapinghub-text", bench / "scrapinghub" / "html"}) {
    if (!fs::is_directory(dir)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) pages.push_back(valid(read_file(f)));
  }
  return pages;
}

// Pieces the clean-up and the name scan treat differently.
const std::vector<std::string>& pieces() {
  static const std::vector<std::string> p = {
      "a", "Z", "word", " ", "  ", "\n", "\n\n", "\n\n\n", "\r\n", "\r", "\t", "\x01", "\x7F", "\x0B",
      "\xC2\xA0",          // NBSP
      "\xE2\x80\x8B",      // zero-width space
      "\xE2\x80\x8D",      // ZWJ
      "\xE2\x80\x8C",      // ZWNJ
      "\xD8\xA8",          // Arabic beh
      "\xC3\xA9",          // é
      "\xE2\x80\x99",      // ’
      "\xE2\x80\x9C",      // “
      "\xE2\x80\x94",      // —
      "\xE2\x80\xA6",      // …
      "\xE2\x80\xA8",      // line separator
      "\xE2\x80\x90",      // hyphen (U+2010, first of the kept general punctuation)
      "\xE2\x80\xA7",      // hyphenation point (U+2027, the last)
      "\xE2\x80\x8F",      // right-to-left mark (kept, but decoded)
      "\xE2\x80\xAF",      // narrow NBSP (a space)
      "\xC2\x85",          // NEL
      "\xE3\x80\x80",      // ideographic space
      "\xE1\xBD\xB1",      // ά (U+1F71)
      "\xC2\xAD",          // soft hyphen
      "\xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2",  // Киев
      "\xE6\x97\xA5\xE6\x9C\xAC",  // 日本
      "\xE3\x81\x82",      // あ
      "\xE3\x83\xBC",      // ー
      "\xE3\x80\x82",      // 。
      "\xE3\x85\xA4",      // Hangul filler (removed)
      "\xEF\xBC\xA1",      // fullwidth A
      "\xEF\xBE\xA0",      // halfwidth Hangul filler (removed)
      "\xEF\xBB\xBF",      // BOM
      "Sergei Lavrov", "Lavrov", "Kiev", "al-Nusra", "al Qaeda", "Erdogan", "\xC3\x89rdogan", "Turkey",
      "Hay'at Tahrir al-Sham", "Zelenskiy", "Kyiv", "'s", "-", "al", "A", "Al", "x",
      // Tokens that folding changes: an apostrophe inside ("I’m" reads "Im",
      // "Dar’a" the form "Dara"), an accent at the start or further on.
      "I\xE2\x80\x99m", "I'd", "Dar\xE2\x80\x99" "a", "Mu\xE2\x80\x99" "awiyah", "\xC3\x9C" "ber", "\xC3\xA9",
      "Zapor\xC3\xB3zhye", "Lw\xC3\xB3w", "\xC3\x89rdogan", "As",
  };
  return p;
}

std::vector<std::string> random_texts(std::size_t count, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> texts;
  const auto& p = pieces();
  for (std::size_t n = 0; n < count; ++n) {
    std::string t;
    std::size_t target = rng() % 300;
    // Mostly plain words and single spaces, as in real text, so that long
    // verbatim runs cross the 8- and 64-byte blocks; the rest at random.
    while (t.size() < target) {
      unsigned r = rng() % 10;
      if (r < 4) t += "word";
      else if (r < 7) t += ' ';
      else t += p[rng() % p.size()];
    }
    texts.push_back(t);
  }
  return texts;
}

std::vector<std::string> edge_cases() {
  std::vector<std::string> e = {"", " ", "\n", "a", " a", "a ", "a\n", "a\n\n", "\na", "a \n b", "a\n\n\nb",
                                "a\t b", "a \tb", std::string(64, 'a'), std::string(63, 'a') + " b",
                                std::string(63, 'a') + "\n\nb", std::string(64, 'a') + "  b",
                                std::string(62, 'a') + "\xE2\x80\x99" + "b", std::string(63, 'a') + " ",
                                "\xD8\xA8 \xE2\x80\x8D\xD8\xA8", "\xD8\xA8\xE2\x80\x8D\xD8\xA8",
                                "\xE1\xBD\xB1\xE2\x80\x8D\xD8\xA8"};
  for (std::size_t k = 0; k < 70; ++k) {
    e.push_back(std::string(k, 'x') + " \n" + std::string(70 - k, 'y'));
    e.push_back(std::string(k, 'x') + "\n\n\n" + std::string(70 - k, 'y'));
    e.push_back(std::string(k, 'x') + "\xC2\xA0" + std::string(70 - k, 'y'));
    // General punctuation kept as it is, or folded, at every place in the
    // block; with a space before and after, and cut by the block's end.
    e.push_back(std::string(k, 'x') + "\xE2\x80\x99" + std::string(70 - k, 'y'));
    e.push_back(std::string(k, 'x') + " \xE2\x80\x94 " + std::string(70 - k, 'y'));
    e.push_back(std::string(k, 'x') + "\xE2\x80\xA6\n\n\xE2\x80\x9C" + std::string(70 - k, 'y'));
    e.push_back(std::string(k, 'x') + "\xE2\x80\xA7\xE2\x80\xA8" + std::string(70 - k, 'y'));
    e.push_back(std::string(k, 'x') + "\xE2\x80\x8F\xE2\x80\x90");
    e.push_back(std::string(k, 'x') + "\xE2\x80\x8B\xE2\x80\x9D" + std::string(70 - k, 'y'));
  }
  return e;
}

void expect_clean_agrees(const std::string& text, const std::string& what_text) {
  for (SimdLevel level : winnow::detail::runnable_simd_levels()) {
    for (int k = 0; k < 4; ++k) {
      CleanupOptions o;
      o.ascii_punctuation = k & 1;
      o.keep_layout = k & 2;
      o.simd = level;
      const std::string what = what_text + " (" + level_name(level) + ")";
      std::string fast = winnow::detail::clean_characters(text, o);
      std::string reference = winnow::detail::clean_characters_reference(text, o);
      ASSERT_EQ(fast, reference) << what << " (options " << k << ")";
      std::string result = "untouched";
      // "Changed" may be said of text that comes out the same (a kept joiner
      // goes through the general loop); "unchanged" must be exact.
      if (winnow::detail::clean_characters_changes(text, o, result)) {
        EXPECT_EQ(result, reference) << what;
      } else {
        EXPECT_EQ(reference, text) << what;
        EXPECT_EQ(result, "untouched") << what;
      }
    }
  }
}

void expect_names_agree(const winnow::detail::NameMatcher& matcher, const std::string& text,
                        const std::string& what_text) {
  std::string reference;
  std::size_t reference_count = 0;
  std::vector<std::pair<std::string, std::string>> reference_examples;
  bool reference_changed = matcher.apply_reference(text, reference, &reference_count, &reference_examples);
  for (SimdLevel level : winnow::detail::runnable_simd_levels()) {
    const std::string what = what_text + " (" + level_name(level) + ")";
    std::string fast;
    std::size_t fast_count = 0;
    std::vector<std::pair<std::string, std::string>> fast_examples;
    bool fast_changed = matcher.apply(text, fast, &fast_count, &fast_examples, level);
    ASSERT_EQ(fast_changed, reference_changed) << what;
    EXPECT_EQ(fast, reference) << what;
    EXPECT_EQ(fast_count, reference_count) << what;
    EXPECT_EQ(fast_examples, reference_examples) << what;
  }
}

void expect_names_agree(const std::string& text, const std::string& what) {
  expect_names_agree(winnow::name_matcher(winnow::NameDictionary::builtin()), text, what);
}

// A dictionary with what the built-in one lacks: [ignore-case] forms, a
// first token with an apostrophe after its first letter, one that folds to
// non-ASCII, one with an accent after four letters, first tokens of 1, 7, 8,
// 9 and 17 letters and digits, [ignore-case] first tokens with an
// apostrophe inside and with an accent.
const winnow::NameDictionary& odd_dictionary() {
  static const winnow::NameDictionary d = [] {
    winnow::NameDictionary n;
    auto errors = n.merge(
        "Chad Capital = N'Djamena\n"
        "Kyiv = \xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2\n"
        "X Seven = Abcdefg Hij\n"
        "X Eight = Abcdefgh Hij\n"
        "X Nine = Abcdefghi Hij\n"
        "X Long = Abcdefghijklmnopq Hij | 2024abc\n"
        "Single = Q\n"
        "X Accent = Abcd\xC3\xA9 Hij\n"
        "[ignore-case]\n"
        "Dara Nord = dar'a nord | d\xC3\xA1ra sud\n"
        "Hamas = hamas movement | HMS\n"
        "Islamic State = isis | daesh\n",
        "odd");
    EXPECT_TRUE(errors.empty()) << errors.front().to_string();
    return n;
  }();
  return d;
}

// A form at every offset across two 64-byte blocks, with what may follow
// a token: a space, an apostrophe, a possessive, an accent, the text's end.
std::vector<std::string> names_at_every_alignment(const std::vector<std::string>& forms) {
  std::vector<std::string> texts;
  const std::vector<std::string> after = {" said", "", "'s view", "\xE2\x80\x99s", "'x", "\xC3\xA9", "-", "9"};
  for (const auto& form : forms) {
    for (std::size_t k = 0; k < 140; ++k) {
      for (const auto& a : after) {
        texts.push_back(std::string(k, 'x') + " " + form + a);
        texts.push_back(std::string(k, ' ') + form + a);
      }
    }
  }
  return texts;
}

TEST(NormalizeFastPath, CleanupAgreesOnBenchmarkPages) {
  auto pages = benchmark_pages();
  if (pages.empty()) GTEST_SKIP() << "benchmark pages not found (../shared/bench next to the source tree)";
  for (std::size_t k = 0; k < pages.size(); ++k) expect_clean_agrees(pages[k], "page " + std::to_string(k));
}

TEST(NormalizeFastPath, CleanupAgreesOnEdgeCasesAndRandomText) {
  for (const auto& t : edge_cases()) expect_clean_agrees(t, "edge case '" + t + "'");
  for (const auto& t : random_texts(3000, 1)) expect_clean_agrees(t, "random '" + t + "'");
}

TEST(NormalizeFastPath, CleanupFindsWhatItChanges) {
  CleanupOptions o;
  std::string result;
  EXPECT_FALSE(winnow::detail::clean_characters_changes("Plain text.\nTwo lines.\n", o, result));
  EXPECT_TRUE(winnow::detail::clean_characters_changes(std::string(100, 'a') + "  b", o, result));
  EXPECT_EQ(result, std::string(100, 'a') + " b");
  EXPECT_TRUE(winnow::detail::clean_characters_changes(std::string(100, 'a') + "\n\n\nb", o, result));
  EXPECT_EQ(result, std::string(100, 'a') + "\n\nb");
}

TEST(NormalizeFastPath, NameScanAgreesOnBenchmarkPages) {
  auto pages = benchmark_pages();
  if (pages.empty()) GTEST_SKIP() << "benchmark pages not found (../shared/bench next to the source tree)";
  for (std::size_t k = 0; k < pages.size(); ++k) expect_names_agree(pages[k], "page " + std::to_string(k));
}

TEST(NormalizeFastPath, NameScanAgreesOnEdgeCasesAndRandomText) {
  for (const auto& t : edge_cases()) expect_names_agree(t, "edge case '" + t + "'");
  for (const auto& t : random_texts(3000, 2)) expect_names_agree(t, "random '" + t + "'");
  // Names at block boundaries: the filter must not lose a word start.
  for (std::size_t k = 55; k < 70; ++k) {
    expect_names_agree(std::string(k, 'x') + " Sergei Lavrov said", "name at " + std::to_string(k));
    expect_names_agree(std::string(k, 'x') + "Kiev", "glued at " + std::to_string(k));
    // Superscript and subscript digits end a word and begin one.
    expect_names_agree(std::string(k, 'x') + " Sergei Lavrov\xC2\xB9 said", "marker at " + std::to_string(k));
    expect_names_agree(std::string(k, 'x') + "\xE2\x82\x82Kiev\xE2\x81\xB4", "between forms at " + std::to_string(k));
  }
}

TEST(NormalizeFastPath, NameScanAgreesAtEveryAlignment) {
  for (const auto& t : names_at_every_alignment({"Sergei Lavrov", "Kiev", "al-Nusra", "Turkey Trot", "Erdogan", "Erdo\xC4\x9F" "an",
                                                 "\xC3\x89rdogan", "The", "Th", "Dar'a", "Dar\xE2\x80\x99" "a", "I\xE2\x80\x99m",
                                                 "Zapor\xC3\xB3zhye", "Lw\xC3\xB3w", "\xC3\x89" "dlib", "\xC3\x9C" "ber"})) {
    expect_names_agree(t, "builtin '" + t + "'");
  }
  const auto& odd = winnow::name_matcher(odd_dictionary());
  for (const auto& t : names_at_every_alignment({"N'Djamena", "N\xE2\x80\x99" "Djamena", "\xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2",
                                                 "Abcdefg Hij", "Abcdefgh Hij", "Abcdefghi Hij", "Abcdefghijklmnopq Hij",
                                                 "2024abc", "Q", "Abcde Hij", "Abcd\xC3\xA9 Hij", "Abcd\xC3\xA9" "f Hij", "HAMAS Movement", "hamas movement", "Isis", "DAESH",
                                                 "hAmAs movement", "iSIS", "DaeSH", "hMs", "Hms",
                                                 "Abcdefgh", "DAR'A NORD", "Dar\xE2\x80\x99" "a Nord", "D\xC3\x81RA SUD",
                                                 "d\xC3\xA1ra sud"})) {
    expect_names_agree(odd, t, "odd '" + t + "'");
  }
  for (const auto& t : random_texts(2000, 5)) expect_names_agree(odd, t, "odd random '" + t + "'");
}

// The first-token filter drops an apostrophe after the first letter, as
// folding does.
TEST(NormalizeFastPath, NameScanSeesApostropheAfterFirstLetter) {
  const auto& matcher = winnow::name_matcher(odd_dictionary());
  std::string out;
  std::size_t count = 0;
  ASSERT_TRUE(matcher.apply("in N'Djamena today", out, &count, nullptr));
  EXPECT_EQ(out, "in Chad Capital today");
  ASSERT_TRUE(matcher.apply(std::string(62, 'x') + " HMS", out, &count, nullptr));
  EXPECT_EQ(out, std::string(62, 'x') + " Hamas");
}

// A candidate whose token folding changes (an accent, an apostrophe inside
// it) is looked up as folded: a form is found, and a word that only begins
// like one ("I’m", "Über") is not.
TEST(NormalizeFastPath, NameScanReadsFoldedFirstTokens) {
  const auto& builtin = winnow::name_matcher(winnow::NameDictionary::builtin());
  std::string out;
  std::size_t count = 0;
  ASSERT_TRUE(builtin.apply("I\xE2\x80\x99m in Dar\xE2\x80\x99" "a and Zapor\xC3\xB3zhye", out, &count, nullptr));
  EXPECT_EQ(out, "I\xE2\x80\x99m in Daraa and Zaporizhzhia");
  EXPECT_FALSE(builtin.apply("I\xE2\x80\x99m \xC3\x9C" "ber \xC3\xA9 I'd", out, &count, nullptr));
  const auto& odd = winnow::name_matcher(odd_dictionary());
  ASSERT_TRUE(odd.apply("x DAR\xE2\x80\x99" "A NORD and D\xC3\x81RA SUD", out, &count, nullptr));
  EXPECT_EQ(out, "x Dara Nord and Dara Nord");
}

TEST(NormalizeFastPath, NameScanStillReplaces) {
  const auto& matcher = winnow::name_matcher(winnow::NameDictionary::builtin());
  std::string text = std::string(63, 'x') + " Kiev and " + std::string(60, 'y') + " Sergei Lavrov";
  std::string out;
  std::size_t count = 0;
  ASSERT_TRUE(matcher.apply(text, out, &count, nullptr));
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(out, std::string(63, 'x') + " Kyiv and " + std::string(60, 'y') + " Sergey Lavrov");
}

// The clean-up's and the name scan's masks as built for AVX2 (run only where
// simd_level_runs() says so).
std::pair<winnow::detail::CleanMasks, winnow::detail::NameScanMasks> avx2_masks(
    const char* block, const winnow::detail::NameScanBytes& scan) {
#if WINNOW_WIDE_SIMD
  using winnow::detail::Avx2Masks;
  auto clean = Avx2Masks::clean(block);
  switch (scan.other_count) {
    case 0: return {clean, Avx2Masks::name_scan<0>(block, scan)};
    case 1: return {clean, Avx2Masks::name_scan<1>(block, scan)};
    case 2: return {clean, Avx2Masks::name_scan<2>(block, scan)};
    case 3: return {clean, Avx2Masks::name_scan<3>(block, scan)};
    default: return {clean, Avx2Masks::name_scan<4>(block, scan)};
  }
#else
  (void)block, (void)scan;
  return {};
#endif
}

TEST(NormalizeFastPath, WideLoopsAreChosenWhereTheyRun) {
  using winnow::detail::resolve_simd_level;
  EXPECT_EQ(resolve_simd_level(SimdLevel::kBaseline), SimdLevel::kBaseline);
  if (!winnow::detail::simd_level_runs(SimdLevel::kAvx2)) {
    EXPECT_EQ(resolve_simd_level(SimdLevel::kAvx2), SimdLevel::kBaseline);
    GTEST_SKIP() << "this CPU does not run AVX2: only the baseline loops are tested";
  }
  EXPECT_EQ(resolve_simd_level(SimdLevel::kBest), SimdLevel::kAvx2);
  EXPECT_EQ(resolve_simd_level(SimdLevel::kAvx2), SimdLevel::kAvx2);
}

TEST(NormalizeFastPath, ByteMasksAgreeWithPortableLoop) {
  const bool avx2 = winnow::detail::simd_level_runs(SimdLevel::kAvx2);
  std::mt19937 rng(3);
  const std::string interesting =
      std::string("\t\n\r \x01\x1F\x7F\x80\x81\x82\x83\x84\x8F\x90\xA7\xA8\xBB\xBC\xBD\xBE\xBF\xC3\xCB\xCC\xCF\xD0\xD1\xD2\xE2\xE3\xE4\xE9\xEF\xFF"
                  "09AZaz@[`{") + '\0';
  for (int n = 0; n < 20000; ++n) {
    char block[winnow::detail::kMaskBlock + 2];  // nfc_maybe_slow_mask() reads two bytes past
    for (auto& c : block) {
      c = rng() % 2 ? interesting[rng() % interesting.size()] : static_cast<char>(rng() % 256);
    }
    auto fast = winnow::detail::clean_masks(block);
    auto slow = winnow::detail::portable::clean_masks(block);
    ASSERT_EQ(fast.high, slow.high);
    ASSERT_EQ(fast.space, slow.space);
    ASSERT_EQ(fast.newline, slow.newline);
    ASSERT_EQ(fast.control, slow.control);
    ASSERT_EQ(fast.lead2, slow.lead2);
    ASSERT_EQ(fast.kept3, slow.kept3);
    ASSERT_EQ(fast.punct3, slow.punct3);
    winnow::detail::NameScanBytes scan;
    scan.other_count = static_cast<int>(rng() % 5);
    for (int j = 0; j < scan.other_count; ++j) {
      scan.others[j] = static_cast<unsigned char>(interesting[rng() % interesting.size()]);
    }
    scan.range_count = static_cast<int>(rng() % 4);
    for (int j = 0; j < scan.range_count; ++j) {
      scan.range_low[j] = static_cast<unsigned char>(0x80 + rng() % 0x80);
      scan.range_high[j] = static_cast<unsigned char>(scan.range_low[j] + rng() % (0x100 - scan.range_low[j]));
    }
    scan.every_high = rng() % 8 == 0;
    scan.every_byte = rng() % 16 == 0;
    auto fn = winnow::detail::name_scan_masks(block, scan);
    auto sn = winnow::detail::portable::name_scan_masks(block, scan);
    ASSERT_EQ(fn.alnum, sn.alnum);
    ASSERT_EQ(fn.candidates, sn.candidates);
    if (avx2) {
      auto wide = avx2_masks(block, scan);
      ASSERT_EQ(wide.first.high, slow.high);
      ASSERT_EQ(wide.first.space, slow.space);
      ASSERT_EQ(wide.first.newline, slow.newline);
      ASSERT_EQ(wide.first.control, slow.control);
      ASSERT_EQ(wide.first.lead2, slow.lead2);
      ASSERT_EQ(wide.first.kept3, slow.kept3);
      ASSERT_EQ(wide.first.punct3, slow.punct3);
      ASSERT_EQ(wide.second.alnum, sn.alnum);
      ASSERT_EQ(wide.second.candidates, sn.candidates);
    }
    ASSERT_EQ(winnow::detail::nfc_maybe_slow_mask(block), winnow::detail::portable::nfc_maybe_slow_mask(block));
    auto c = static_cast<unsigned char>(interesting[rng() % interesting.size()]);
    ASSERT_EQ(winnow::detail::equal_mask(block, c), winnow::detail::portable::equal_mask(block, c));
    auto lo = static_cast<unsigned char>(rng() % 256), hi = static_cast<unsigned char>(rng() % 256);
    ASSERT_EQ(winnow::detail::range_mask(block, lo, hi), winnow::detail::portable::range_mask(block, lo, hi));
  }
}

}  // namespace
