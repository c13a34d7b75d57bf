// normalize_text() cuts a long text into chunks at line breaks and passes
// again only over the chunks the last pass changed; it must give exactly
// what passing over the whole text gives (normalize_text_reference()), with
// the same notes. Inputs: every benchmark page, all of them joined as the
// benchmark does, and random texts built from the characters that decide
// where a cut may go (line breaks, entities, mojibake, names, spaces,
// invisible characters) long enough to be cut many times.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "../fuzz/utf8_check.hpp"
#include "normalize.hpp"
#include "whitespace.hpp"
#include "test_files.hpp"
#include "winnow/names.hpp"
#include "winnow/winnow.hpp"

namespace {

namespace fs = std::filesystem;
using winnow::NormalizeOptions;
using winnow::test::read_file;

std::vector<NormalizeOptions> option_sets() {
  std::vector<NormalizeOptions> sets;
  for (int k = 0; k < 6; ++k) {
    NormalizeOptions o;
    o.names = k != 1;
    o.fix_mojibake = k != 2;
    o.ascii_punctuation = k == 3;
    if (k == 4) o.form = winnow::UnicodeForm::None;
    if (k == 5) o.form = winnow::UnicodeForm::NFKC;
    sets.push_back(o);
  }
  return sets;
}

std::vector<std::string> notes_of(const winnow::detail::NormalizeReport& r) {
  std::vector<std::string> notes;
  r.append_notes(notes);
  return notes;
}

// At the default chunk size and at smaller ones, which cut the same text
// into more chunks (a cut falls on every line break it can).
void expect_chunks_agree(const std::string& text, const std::string& what) {
  const auto sets = option_sets();
  for (std::size_t k = 0; k < sets.size(); ++k) {
    for (winnow::detail::TextShape shape : {winnow::detail::kPlainText, winnow::detail::kPreformatted,
                                               winnow::detail::kReferencesDecoded,
                                               winnow::detail::kPreformatted | winnow::detail::kReferencesDecoded}) {
      winnow::detail::NormalizeReport reference_report;
      std::string reference = winnow::detail::normalize_text_reference(text, sets[k], &reference_report, shape);
      for (std::size_t min_chunk : {winnow::detail::kMinChunk, std::size_t{512}, std::size_t{16}}) {
        winnow::detail::NormalizeReport fast_report;
        std::string fast = winnow::detail::normalize_text(text, sets[k], &fast_report, shape, min_chunk);
        std::string where = what + " (options " + std::to_string(k) + " shape " + std::to_string(static_cast<unsigned>(shape)) +
                            ", chunks of " + std::to_string(min_chunk) + ")";
        ASSERT_EQ(fast, reference) << where;
        EXPECT_EQ(notes_of(fast_report), notes_of(reference_report)) << where;
        EXPECT_EQ(fast_report.names, reference_report.names) << where;
        EXPECT_EQ(fast_report.entities, reference_report.entities) << where;
        EXPECT_EQ(fast_report.mojibake_spans, reference_report.mojibake_spans) << where;
      }
      // Text already checked skips the check, and nothing else.
      if (winnow::fuzz::is_valid_utf8(text)) {
        winnow::detail::NormalizeReport checked_report;
        std::string checked = "(untouched)";
        const bool changed = winnow::detail::normalize_valid_text_changes(text, sets[k], &checked_report, shape, checked);
        ASSERT_EQ(changed ? checked : text, reference) << what;
        if (!changed) EXPECT_EQ(checked, "(untouched)") << what;
        EXPECT_EQ(notes_of(checked_report), notes_of(reference_report)) << what;
      }
      // Only a change is written out; no change is the text as it was.
      winnow::detail::NormalizeReport changes_report;
      std::string changes = "(untouched)";
      if (winnow::detail::normalize_text_changes(text, sets[k], &changes_report, shape, changes)) {
        ASSERT_EQ(changes, reference) << what;
      } else {
        ASSERT_EQ(text, reference) << what;
        EXPECT_EQ(changes, "(untouched)") << what;
      }
      EXPECT_EQ(notes_of(changes_report), notes_of(reference_report)) << what;
    }
  }
}

TEST(NormalizeChunks, AgreeOnBenchmarkPages) {
  const fs::path bench = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "bench";
  std::string joined;
  std::size_t pages = 0;
  for (const auto& dir : {bench / "scrapinghub-text", bench / "scrapinghub" / "html"}) {
    if (!fs::is_directory(dir)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::string text = read_file(f);
      expect_chunks_agree(text, f.filename().string());
      if (dir.filename() == "scrapinghub-text") joined += text + "\n\n";
      ++pages;
    }
  }
  if (pages == 0) GTEST_SKIP() << "benchmark pages not found (../shared/bench next to the source tree)";
  expect_chunks_agree(joined, "all scraped-text pages joined");
}

std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "word", "Word.", " ", " ", "\n", "\n", "\n\n", "\n\n\n", "\r\n", "\t", " \n", "\n ",
      ";", "?", "&", "&amp;", "&amp;amp;", "&lt", "&#59;", "&#10;", "&#x200B;", "&nbsp;", "&#173;",
      "\xC3\x83\xC2\xA9",              // Ã© (mojibake of é)
      "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2",  // â€™
      "\xC3\x83 ",                      // Ã and a space
      "\xC2\x85",                       // NEL
      "\xC2\xA0",                       // NBSP
      "\xE2\x80\x8B",                   // zero-width space
      "\xE2\x80\x8D",                   // ZWJ
      "\xD8\xA8",                       // Arabic beh
      "\xCC\x81",                       // combining acute
      "\xE3\x80\x82",                   // 。
      "\xE6\x97\xA5\xE6\x9C\xAC",       // 日本
      "\xD0\xA1\xD0\xBB\xD0\xBE\xD0\xB2\xD0\xBE\xC2\xBB",  // Слово»
      "\xEF\xBC\xA1",                   // fullwidth A
      "\xE2\x80\x94",                   // em dash (a hyphen when folded to ASCII)
      "\xE2\x80\xA6",                   // ellipsis
      "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x93",  // ’ “ ” –
      "\xE0\xA4\x95",                   // Devanagari ka (keeps a joiner next to it)
      "Sergei Lavrov", "Lavrov", "Kiev", "Turkey", "al-Nusra", "Zelenskiy", "'s",
  };
  std::string t;
  std::size_t target = 600 + rng() % 3000;
  while (t.size() < target) {
    unsigned r = rng() % 10;
    if (r < 4) t += "word";
    else if (r < 6) t += ' ';
    else if (r < 7) t += '\n';
    else t += pieces[rng() % pieces.size()];
  }
  return t;
}

// A line of plain ASCII skips the steps before the name variants, which
// cannot change it, and so does one whose other characters are curly
// quotes, dashes and ellipses (unless they are folded to ASCII or the form
// is NFKC). Lines one character away from such (a doubled space, one at
// either end, an entity, a control, another character >= 0x80, among them
// the neighbours of that punctuation, invisible ones and what mojibake is
// made of), that character at every offset around the 16-byte steps of the
// check, must still get every step.
TEST(NormalizeChunks, PlainLinesSkipOnlyTheStepsThatCannotChangeThem) {
  std::vector<std::string> lines = {"Plain words only.", "Sergei Lavrov met Zelenskiy in Kiev.", "Turkey", "x",
                                    "a  b", " lead", "trail ", "tab\there", "amp &amp; x", "del\x7F", "bell\x07",
                                    "caf\xC3\xA9 Zelenskiy", "\xE2\x80\x99", "\xE2\x80\x9C \xE2\x80\x9D",
                                    "Zelenskiy\xE2\x80\x99s \xE2\x80\x9CKiev\xE2\x80\x9D \xE2\x80\x93 \xE2\x80\xA6"};
  const std::vector<std::string> punctuation = {"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x98", "\xE2\x80\x99",
                                                "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\xA6"};
  const std::vector<std::string> near_misses = {
      "\xE2\x80\x92", "\xE2\x80\x95", "\xE2\x80\x9A", "\xE2\x80\x9E", "\xE2\x80\xA2",  // ‒ ― ‚ „ •
      "\xE2\x80\x8B", "\xE2\x80\xA8", "\xE2\x80\xAF", "\xE2\x80\x83",                    // ZWSP, LS, NNBSP, em space
      "\xE2\x81\x93", "\xE2\x82\xAC", "\xE2\x84\xA2", "\xC3\xA2", "\xC3\x83", "\xC3\x95",  // ⁓ € ™ â Ã Õ
      "\xCC\x81", "\xEF\xBF\xBD", "\xC2\x92",                                                 // combining acute, U+FFFD, C1
      "\xE2\x84\xA6", "\xEF\xAC\x9D"};  // ohm sign and hiriq yod (NFC rewrites both), last bytes as in the set
  // Mojibake of the punctuation itself ("â€™"), and each kind of character
  // around it, where pairs form.
  for (const auto& p : punctuation) {
    for (const auto& q : punctuation) lines.push_back("a" + p + q + " b" + p + " " + q + "c");
    for (const auto& miss : near_misses) {
      lines.push_back("word" + p + miss + " x");
      lines.push_back("word" + miss + p + " x");
      lines.push_back(miss + " " + p);
    }
  }
  lines.push_back("it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s \xE2\x80\x99");
  const std::string filler = "Zelenskiy said the plan for Kiev was set out by";
  std::vector<std::string> odd = {"  ", "&amp;", "\t", std::string(1, '\0'), "\x01", "\x1F", "\xC2\xA0",
                                  "\xC3\x83\xC2\xA9"};
  odd.insert(odd.end(), punctuation.begin(), punctuation.end());
  odd.insert(odd.end(), near_misses.begin(), near_misses.end());
  for (const std::string& one : odd) {
    for (std::size_t at = 1; at < filler.size(); ++at) {
      lines.push_back(filler.substr(0, at) + one + filler.substr(at));
      lines.push_back(filler.substr(0, at) + one + "\xE2\x80\x9D" + filler.substr(at));
      // After the punctuation: the check resumes past it.
      lines.push_back(filler.substr(0, at) + "\xE2\x80\x99" + filler.substr(at) + one + " x");
    }
  }
  for (const auto& line : lines) expect_chunks_agree(line, "line '" + line + "'");
}

// The check reads a line's last bytes (fewer than 16) as the line's last 16
// bytes, or a short line as a block filled out past its end: a character
// that must get every step, in each place of such a last part of each
// length, and a line that needs nothing there.
TEST(NormalizeChunks, PlainLinesAreCheckedToTheirLastByte) {
  const std::string words = "Plain words of a line said by Zelenskiy in Kiev today";
  const std::vector<std::string> odd = {"  ", "&amp;", "\t", "\x01", "\x7F", "\xC2\xA0", "\xC3\x83\xC2\xA9",
                                        "\xE2\x80\x92", " \xE2\x80\x83"};
  for (std::size_t length = 1; length <= 40; ++length) {
    const std::string line = words.substr(0, length);
    if (line.back() == ' ') continue;
    expect_chunks_agree(line, "line '" + line + "'");
    expect_chunks_agree("\xE2\x80\x9C" + line, "line '\xE2\x80\x9C" + line + "'");
    for (const std::string& one : odd) {
      for (std::size_t at = 1; at <= length; ++at) {
        const std::string with = line.substr(0, at) + one + line.substr(at);
        expect_chunks_agree(with, "line '" + with + "'");
        // After punctuation the check resumes, in a line of any length.
        expect_chunks_agree("\xE2\x80\x9C" + with, "line '\xE2\x80\x9C" + with + "'");
      }
    }
  }
}

TEST(NormalizeChunks, AgreeOnRandomText) {
  std::mt19937 rng(11);
  for (int n = 0; n < 300; ++n) {
    std::string t = random_text(rng);
    expect_chunks_agree(t, "random text " + std::to_string(n));
  }
}

// A pass skips the clean-up of a chunk whose last change was the clean-up
// of the pass before, when no step since changed it: that relies on
// cleaning clean text changing nothing (not so when folding to ASCII: a
// dash that becomes a hyphen no longer keeps a joiner beside it, which the
// option set with folding in the tests above covers).
TEST(NormalizeChunks, CleanupOfCleanTextChangesNothing) {
  static const std::vector<std::string> pieces = {
      "a", "Z", ".", " ", "  ", "\n", "\n\n", "\n\n\n", "\r", "\r\n", "\t", "\x0B", "\x0C", "\x01", "\x7F",
      "\xC2\x85", "\xC2\xA0", "\xC2\xAD", "\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x80\xA8",
      "\xE2\x80\xA9", "\xE2\x81\xA0", "\xEF\xBB\xBF", "\xE3\x80\x80", "\xE1\x85\x9F", "\xE2\x80\x94",
      "\xE2\x80\x9C", "\xE2\x80\xA6", "\xD8\xB9", "\xE0\xA4\x95", "\xF0\x9F\x98\x80", "\xEF\xB8\x8F",
  };
  std::mt19937 rng(5);
  for (int n = 0; n < 200000; ++n) {
    std::string t;
    for (unsigned len = rng() % 14; len > 0; --len) t += pieces[rng() % pieces.size()];
    for (bool keep_layout : {false, true}) {
      winnow::detail::CleanupOptions options;
      options.keep_layout = keep_layout;
      std::string once = winnow::detail::clean_characters(t, options);
      ASSERT_EQ(winnow::detail::clean_characters(once, options), once) << "input " << n << (keep_layout ? " (layout kept)" : "");
    }
  }
}

// Each chunk changed only by its last line's name, so that the second pass
// sees a few chunks among many; and texts whose cuts the first pass breaks.
TEST(NormalizeChunks, AgreeWhereCutsChange) {
  std::string names, broken;
  for (int k = 0; k < 200; ++k) {
    names += std::string(300, 'x') + "\nSergei Lavrov met officials in Kiev\n\n";
    broken += std::string(300, 'y') + " &#59;\n&amp;#8203;z\n\xC3\x83\xC2\xA9\n&#x2028;q\n";
  }
  expect_chunks_agree(names, "names at chunk ends");
  expect_chunks_agree(broken, "entities and mojibake around cuts");
}

}  // namespace
