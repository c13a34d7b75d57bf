// `winnow normalize`, `--names` and `winnow variants`, run as a user runs them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "winnow/names.hpp"

namespace {

namespace fs = std::filesystem;

using winnow::test::Outcome;
using winnow::test::write_file;

using NormalizeCli = winnow::test::CliTest;

const std::string kDamaged = "Sergei Lavrov didn\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t visit Kiev.\n";

TEST_F(NormalizeCli, RepairsAndUnifiesByDefault) {
  Outcome r = run({"normalize"}, kDamaged);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "Sergey Lavrov didn\xE2\x80\x99t visit Kyiv.\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(NormalizeCli, ExplainReportsTheChangesOnStderr) {
  Outcome r = run({"normalize", "--explain"}, kDamaged);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.err.find("winnow: <stdin>: mojibake repaired: 1 span"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("name variants unified: 2 names ('Sergei Lavrov' -> 'Sergey Lavrov', 'Kiev' -> 'Kyiv')"),
            std::string::npos)
      << r.err;
}

TEST_F(NormalizeCli, StepsCanBeTurnedOff) {
  EXPECT_EQ(run({"normalize", "--no-fix-mojibake", "--no-names"}, kDamaged).out, kDamaged);
  EXPECT_EQ(run({"normalize", "--ascii-punct"}, kDamaged).out, "Sergey Lavrov didn't visit Kyiv.\n");
  EXPECT_EQ(run({"normalize", "--unicode", "nfkc"}, "10\xC2\xB3\n").out, "103\n");
  EXPECT_EQ(run({"normalize"}, "10\xC2\xB3\n").out, "10\xC2\xB3\n");
}

TEST_F(NormalizeCli, NamesFileFlipsACanonicalForm) {
  write_file(dir_ / "mine.txt", "# my corpus writes Kiev\nKiev = Kyiv\n");
  Outcome r = run({"normalize", "--names", (dir_ / "mine.txt").string()}, "Kyiv and Kiev, Sergei Lavrov\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "Kiev and Kiev, Sergey Lavrov\n");
}

// --names takes one FILE: the words after it are pages, not more name files.
TEST_F(NormalizeCli, NamesTakesOneFileAndThePagesAfterItArePages) {
  write_file(dir_ / "mine.txt", "Kiev = Kyiv\n");
  write_file(dir_ / "page.txt", "Kyiv and Kiev, Sergei Lavrov\n");
  write_file(dir_ / "other.txt", "Sergei Lavrov flew to Kyiv\n");
  Outcome r = run({"normalize", "--names", (dir_ / "mine.txt").string(), (dir_ / "page.txt").string(),
                   (dir_ / "other.txt").string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "Kiev and Kiev, Sergey Lavrov\nSergey Lavrov flew to Kiev\n");
  // Repeated, it takes one file each time.
  write_file(dir_ / "more.txt", "Sergei Lavrov = Sergey Lavrov\n");
  r = run({"normalize", "--names", (dir_ / "mine.txt").string(), "--names", (dir_ / "more.txt").string(),
           (dir_ / "page.txt").string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "Kiev and Kiev, Sergei Lavrov\n");
}

TEST_F(NormalizeCli, BadNamesFileIsAUsageError) {
  write_file(dir_ / "bad.txt", "Kyiv = Kiev\n = nothing\n");
  Outcome r = run({"normalize", "--names", (dir_ / "bad.txt").string()}, "Kiev\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bad.txt:2: "), std::string::npos) << r.err;
  EXPECT_EQ(run({"--names", (dir_ / "missing.txt").string()}, "text\n").status, 2);
  r = run({"--names", dir_.path().string()}, "text\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(": is a directory, not a names file"), std::string::npos) << r.err;
}

TEST_F(NormalizeCli, ExtractionExplainShowsNotes) {
  Outcome r = run({"--explain", "--mode", "text"},
              "Sergei Lavrov said on Tuesday that the talks in Geneva would go on for a week.\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("note  name variants unified: 1 name"), std::string::npos) << r.out;
}

TEST_F(NormalizeCli, OutputDirectoryIsMadeAndClashesAreReported) {
  write_file(dir_ / "a" / "p.txt", "Sergei Lavrov in Kiev.\n");
  write_file(dir_ / "b" / "p.txt", "Another page with the same name.\n");
  const fs::path out = dir_ / "out" / "deeper";
  Outcome r = run({"normalize", "-o", out.string(), (dir_ / "a" / "p.txt").string(), (dir_ / "b" / "p.txt").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("b/p.txt: another input already writes"), std::string::npos) << r.err;
  EXPECT_EQ(winnow::test::read_file(out / "p.txt"), "Sergey Lavrov in Kyiv.\n");
}

// -o naming the inputs' own directory: notes.md's output, notes.txt, is
// another input, and notes.txt's is itself. Neither is written over.
TEST_F(NormalizeCli, OutputsNeverReplaceTheirInputs) {
  write_file(dir_ / "notes.md", "Sergei Lavrov in Kiev.\n");
  write_file(dir_ / "notes.txt", "Zelenskiy in Kiev.\n");
  Outcome r = run({"normalize", "-o", dir_.path().string(), (dir_ / "notes.md").string(), (dir_ / "notes.txt").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("notes.md: its output " + (dir_ / "notes.txt").string() +
                       " would replace a file this run reads: not written"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("notes.txt: its output " + (dir_ / "notes.txt").string() + " would replace"),
            std::string::npos) << r.err;
  EXPECT_EQ(winnow::test::read_file(dir_ / "notes.txt"), "Zelenskiy in Kiev.\n");
}

// ftfy's command-line case: a file of mojibake, mixed up twice.
TEST_F(NormalizeCli, FtfyFaceFile) {
  fs::path face = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "testdata" / "ftfy" / "face.txt";
  if (!fs::exists(face)) GTEST_SKIP() << "ftfy test data not found at " << face;
  Outcome r = run({"normalize", face.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "\xE2\x94\x92(\xE2\x8C\xA3\xCB\x9B\xE2\x8C\xA3)\xE2\x94\x8E\n");
}

TEST_F(NormalizeCli, VariantsFindsClustersInTheDictionaryFormat) {
  fs::create_directories(dir_ / "corpus" / "sub");
  write_file(dir_ / "corpus" / "a.txt",
      "Foreign Minister Sergei Lavrov spoke in Moscow on Monday about the talks.\n\n"
      "Later, Sergei Lavrov met the envoy of Hayat Tahrir al-Sham in a hotel.\n");
  write_file(dir_ / "corpus" / "sub" / "b.txt",
      "Russia's Sergey Lavrov said the meeting with Hay'at Tahrir al-Sham went well.\n");
  Outcome r = run({"variants", "--mode", "text", (dir_ / "corpus").string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("# 3 occurrences: Sergei Lavrov 2, Sergey Lavrov 1\nSergei Lavrov = Sergey Lavrov\n"),
            std::string::npos)
      << r.out;
  // A tie in counts: alphabetical order decides which spelling is suggested.
  EXPECT_NE(r.out.find("# 2 occurrences: Hay'at Tahrir al-Sham 1, Hayat Tahrir al-Sham 1\n"
                       "Hay'at Tahrir al-Sham = Hayat Tahrir al-Sham\n"),
            std::string::npos)
      << r.out;
  // What it prints is a dictionary a user can pass back with --names.
  winnow::NameDictionary d;
  EXPECT_TRUE(d.merge(r.out).empty());
  EXPECT_EQ(run({"variants"}).status, 2);  // inputs are required
}

// A count that is not a whole number is a usage error: -1 and a number past
// 2^64 - 1 were taken (as 2^64 - 1), so nothing was ever printed.
TEST_F(NormalizeCli, VariantsMinCountIsAWholeNumber) {
  write_file(dir_ / "page.txt", "Sergei Lavrov met Sergey Lavrov's deputy, and Sergei Lavrov spoke.\n");
  for (const char* bad : {"-1", "99999999999999999999", "2.5", "two", "3x", ""}) {
    Outcome r = run({"variants", "--min-count", bad, (dir_ / "page.txt").string()});
    EXPECT_EQ(r.status, 2) << bad << ": " << r.out;
    EXPECT_NE(r.err.find("--min-count"), std::string::npos) << bad << ": " << r.err;
    EXPECT_EQ(r.out, "") << bad;
  }
  Outcome r = run({"variants", "--mode", "text", "--min-count", "3", (dir_ / "page.txt").string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Sergei Lavrov = Sergey Lavrov"), std::string::npos) << r.out;
  r = run({"variants", "--mode", "text", "--min-count", "4", (dir_ / "page.txt").string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("Sergei Lavrov = Sergey Lavrov"), std::string::npos) << r.out;
}

// variants walks a corpus as a batch does: pages only, .gz ones read through
// zlib (they were read as binary and left out without a word), and a page
// over --max-bytes is reported (it was left out without a word too).
TEST_F(NormalizeCli, VariantsReadsTheFilesABatchReads) {
  const std::string kPage = "Sergei Lavrov met Sergey Lavrov's deputy, and Sergei Lavrov spoke after them.\n";
  write_file(dir_ / "corpus" / "a.txt", kPage);
  write_file(dir_ / "corpus" / "b.txt", kPage);
  write_file(dir_ / "corpus" / "notes.md", "Sergey Lavrov Sergey Lavrov Sergey Lavrov\n");  // not a page
  ASSERT_EQ(std::system(("gzip '" + (dir_ / "corpus" / "b.txt").string() + "'").c_str()), 0);
  Outcome r = run({"variants", "--mode", "text", (dir_ / "corpus").string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("# 6 occurrences: Sergei Lavrov 4, Sergey Lavrov 2\n"), std::string::npos) << r.out;
  write_file(dir_ / "corpus" / "big.txt", std::string(2000, 'a'));
  r = run({"variants", "--max-bytes", "1K", (dir_ / "corpus").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("big.txt: input is 2000 bytes, over the limit of 1024 (--max-bytes)"), std::string::npos)
      << r.err;
}

// normalize reads its files as a batch does: .gz through zlib (the
// compressed bytes came out as a page of mojibake, exit 0), and a binary
// file is refused, as extraction refuses it.
TEST_F(NormalizeCli, CompressedFilesAreReadAndBinaryOnesRefused) {
  write_file(dir_ / "notes.txt", "Zelenskiy in Kiev.\n");
  ASSERT_EQ(std::system(("gzip '" + (dir_ / "notes.txt").string() + "'").c_str()), 0);
  write_file(dir_ / "image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  Outcome r = run({"normalize", (dir_ / "notes.txt.gz").string(), (dir_ / "image.png").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "Zelensky in Kyiv.\n");
  EXPECT_EQ(r.err, "winnow: " + (dir_ / "image.png").string() + ": input is binary, not text\n");
  r = run({"normalize", "-o", (dir_ / "out").string(), (dir_ / "notes.txt.gz").string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(winnow::test::read_file(dir_ / "out" / "notes.txt"), "Zelensky in Kyiv.\n");
}

TEST_F(NormalizeCli, MaxBytesIsTheCommandsOwn) {
  write_file(dir_ / "big.txt", std::string(2000, 'a') + "\n");
  Outcome r = run({"normalize", "--max-bytes", "1K", (dir_ / "big.txt").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("over the limit of 1024 (--max-bytes)"), std::string::npos) << r.err;
  EXPECT_EQ(run({"normalize", "--max-bytes", "2K", (dir_ / "big.txt").string()}).status, 0);
}

// Options before a command's name are extraction's: taken silently, they
// would have done nothing (--no-names) while names were still unified.
TEST_F(NormalizeCli, ExtractionOptionsBeforeACommandAreUsageErrors) {
  Outcome r = run({"--no-names", "normalize"}, "Zelenskiy in Kiev.\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "winnow: --no-names comes before the command 'normalize': put it after "
                   "(winnow normalize [OPTIONS] FILE...)\n");
  EXPECT_EQ(run({"normalize", "--no-names"}, "Zelenskiy in Kiev.\n").out, "Zelenskiy in Kiev.\n");
  write_file(dir_ / "page.txt", "Zelenskiy in Kiev.\n");
  r = run({"--max-bytes", "1M", "variants", (dir_ / "page.txt").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("winnow: --max-bytes comes before the command 'variants'"), std::string::npos) << r.err;
  r = run({(dir_ / "page.txt").string(), "variants", (dir_ / "page.txt").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("page.txt comes before the command 'variants': put it after"), std::string::npos) << r.err;
}

// "Put it after" only for what the command takes: normalize has no -j, and
// the advice led to a second usage error.
TEST_F(NormalizeCli, OptionsACommandDoesNotTakeAreSaidSo) {
  write_file(dir_ / "x.txt", "Zelenskiy in Kiev.\n");
  Outcome r = run({"-j2", "normalize", (dir_ / "x.txt").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "winnow: --jobs comes before the command 'normalize', which does not take it "
                   "(winnow normalize --help lists what it takes)\n");
  r = run({"--title", "variants", (dir_ / "x.txt").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: --title comes before the command 'variants', which does not take it "
                   "(winnow variants --help lists what it takes)\n");
  r = run({"-m", "text", "variants", (dir_ / "x.txt").string()});  // variants has its own --mode
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: --mode comes before the command 'variants': put it after "
                   "(winnow variants [OPTIONS] FILE...)\n");
}

}  // namespace
