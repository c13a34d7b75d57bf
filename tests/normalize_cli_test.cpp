// `winnow normalize`, `--names` and `winnow variants`, run as a user runs them.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "winnow/names.hpp"

namespace {

namespace fs = std::filesystem;

struct Invocation {
  int status = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void put(const fs::path& p, std::string_view data) {
  std::ofstream out(p, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

class NormalizeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("winnow-normalize-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Invocation run(const std::vector<std::string>& args, const std::string& input = "") {
    std::string cmd = quote(WINNOW_BINARY);
    for (const auto& a : args) cmd += " " + quote(a);
    put(dir_ / "in", input);
    cmd += " <" + quote((dir_ / "in").string()) + " >" + quote((dir_ / "out").string()) + " 2>" +
           quote((dir_ / "err").string());
    int raw = std::system(cmd.c_str());
    Invocation r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(dir_ / "out");
    r.err = slurp(dir_ / "err");
    return r;
  }

  fs::path dir_;
};

const std::string kDamaged = "Sergei Lavrov didn\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t visit Kiev.\n";

TEST_F(NormalizeCli, RepairsAndUnifiesByDefault) {
  Invocation r = run({"normalize"}, kDamaged);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "Sergey Lavrov didn\xE2\x80\x99t visit Kyiv.\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(NormalizeCli, ExplainReportsTheChangesOnStderr) {
  Invocation r = run({"normalize", "--explain"}, kDamaged);
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
  put(dir_ / "mine.txt", "# my corpus writes Kiev\nKiev = Kyiv\n");
  Invocation r = run({"normalize", "--names", (dir_ / "mine.txt").string()}, "Kyiv and Kiev, Sergei Lavrov\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "Kiev and Kiev, Sergey Lavrov\n");
}

TEST_F(NormalizeCli, BadNamesFileIsAUsageError) {
  put(dir_ / "bad.txt", "Kyiv = Kiev\n = nothing\n");
  Invocation r = run({"normalize", "--names", (dir_ / "bad.txt").string()}, "Kiev\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bad.txt:2: "), std::string::npos) << r.err;
  EXPECT_EQ(run({"--names", (dir_ / "missing.txt").string()}, "text\n").status, 2);
}

TEST_F(NormalizeCli, ExtractionExplainShowsNotes) {
  Invocation r = run({"--explain", "--mode", "text"},
              "Sergei Lavrov said on Tuesday that the talks in Geneva would go on for a week.\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("note  name variants unified: 1 name"), std::string::npos) << r.out;
}

// ftfy's command-line case: a file of mojibake, mixed up twice.
TEST_F(NormalizeCli, FtfyFaceFile) {
  fs::path face = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "testdata" / "ftfy" / "face.txt";
  if (!fs::exists(face)) GTEST_SKIP() << "ftfy test data not found at " << face;
  Invocation r = run({"normalize", face.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "\xE2\x94\x92(\xE2\x8C\xA3\xCB\x9B\xE2\x8C\xA3)\xE2\x94\x8E\n");
}

TEST_F(NormalizeCli, VariantsFindsClustersInTheDictionaryFormat) {
  fs::create_directories(dir_ / "corpus" / "sub");
  put(dir_ / "corpus" / "a.txt",
      "Foreign Minister Sergei Lavrov spoke in Moscow on Monday about the talks.\n\n"
      "Later, Sergei Lavrov met the envoy of Hayat Tahrir al-Sham in a hotel.\n");
  put(dir_ / "corpus" / "sub" / "b.txt",
      "Russia's Sergey Lavrov said the meeting with Hay'at Tahrir al-Sham went well.\n");
  Invocation r = run({"variants", "--mode", "text", (dir_ / "corpus").string()});
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

}  // namespace
