// The CLI on batches: directory walk and mirrored output, gzip inputs, -j
// order, --skip-existing, failures and the summary line.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <optional>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using winnow::test::read_file;
using winnow::test::sh;
using winnow::test::TempDir;
using winnow::test::write_file;

namespace {

const fs::path kSamples = WINNOW_SOURCE_DIR "/samples";

std::vector<fs::path> samples() {
  std::vector<fs::path> v;
  for (auto& e : fs::directory_iterator(kSamples)) v.push_back(e.path());
  std::sort(v.begin(), v.end());
  return v;
}

// in/a.txt, in/sub/b.txt, in/sub/deeper/c.txt.gz, plus files to be ignored.
void make_tree(const TempDir& t) {
  auto s = samples();
  fs::create_directories(t / "in/sub/deeper");
  fs::copy_file(s[0], t / "in/a.txt");
  fs::copy_file(s[1], t / "in/sub/b.txt");
  fs::copy_file(s[2], t / "c-plain.txt");
  ASSERT_EQ(sh("gzip -c '" + s[2].string() + "' > '" + (t / "in/sub/deeper/c.txt.gz").string() + "'", t).status, 0);
  write_file(t / "in/notes.md", "not a page\n");
  write_file(t / "in/.hidden.txt", "hidden file\n");
}

TEST(Batch, DirectoryIsWalkedAndMirroredUnderOutput) {
  TempDir t;
  make_tree(t);
  auto r = sh("cd '" + t.path().string() + "' && \"$W\" --no-site-boilerplate -o out in", t);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(t / "out/a.txt"));
  EXPECT_TRUE(fs::exists(t / "out/sub/b.txt"));
  EXPECT_TRUE(fs::exists(t / "out/sub/deeper/c.txt"));
  EXPECT_FALSE(fs::exists(t / "out/notes.txt"));
  EXPECT_FALSE(fs::exists(t / "out/.hidden.txt"));
  EXPECT_NE(r.err.find("3 ok, 0 failed, 0 skipped"), std::string::npos) << r.err;
  // Each output is what the single-file command prints for that page.
  auto single = sh("\"$W\" '" + (t / "in/sub/b.txt").string() + "'", t);
  EXPECT_EQ(read_file(t / "out/sub/b.txt"), single.out);
  EXPECT_FALSE(single.out.empty());
}

TEST(Batch, GzipInputGivesTheSameOutputAsThePlainFile) {
  TempDir t;
  make_tree(t);
  auto gz = sh("\"$W\" '" + (t / "in/sub/deeper/c.txt.gz").string() + "'", t);
  auto plain = sh("\"$W\" '" + (t / "c-plain.txt").string() + "'", t);
  EXPECT_EQ(gz.status, 0) << gz.err;
  EXPECT_FALSE(plain.out.empty());
  EXPECT_EQ(gz.out, plain.out);
}

TEST(Batch, GzipThatDecompressesPastTheLimitIsRefusedAtTheLimit) {
  TempDir t;
  make_tree(t);
  // 3 MB of text in some 10 KB of gzip.
  ASSERT_EQ(sh("cd '" + t.path().string() + "' && yes 'The council met on Tuesday and kept the library open.' "
               "| head -c 3000000 | gzip -9 > in/bomb.txt.gz", t).status, 0);
  auto r = sh("cd '" + t.path().string() + "' && \"$W\" --max-bytes 1000000 -o out in", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("winnow: in/bomb.txt.gz: input is over the limit of 1000000 bytes (--max-bytes) "
                       "once decompressed\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3 ok, 1 failed, 0 skipped"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(t / "out/bomb.txt"));
  EXPECT_TRUE(fs::exists(t / "out/sub/deeper/c.txt"));
}

TEST(Batch, FailedInputIsReportedAndTheBatchGoesOn) {
  TempDir t;
  make_tree(t);
  write_file(t / "in/broken.txt.gz", "this is not gzip data at all\x1f\x8b");
  // A truncated gzip stream.
  ASSERT_EQ(sh("cd '" + t.path().string() + "' && head -c 100 in/sub/deeper/c.txt.gz > in/cut.txt.gz", t).status, 0);
  write_file(t / "in/empty.txt", "");
  auto r = sh("cd '" + t.path().string() + "' && \"$W\" -o out in missing.txt", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("winnow: in/cut.txt.gz: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("winnow: in/empty.txt: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("winnow: missing.txt: no such file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("4 ok, 3 failed, 0 skipped"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(t / "out/sub/deeper/c.txt"));
  EXPECT_FALSE(fs::exists(t / "out/cut.txt"));
  // "broken.txt.gz" is not gzip: zlib reads it as plain text, like gzip -dcf.
  EXPECT_TRUE(fs::exists(t / "out/broken.txt"));
}

// The prefix that runs a command where file permissions bind: none for a
// user, and as user nobody for root (whom permissions do not stop); nullopt
// when root cannot become nobody, or nobody cannot reach `readable`.
std::optional<std::string> where_permissions_bind(const TempDir& t, const fs::path& readable) {
  if (::geteuid() != 0) return "";
  const std::string kAsNobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  auto probe = sh("command -v setpriv >/dev/null && " + kAsNobody + "test -x \"$W\" -a -r '" +
                      readable.string() + "'", t);
  if (probe.status != 0) return std::nullopt;
  return kAsNobody;
}

// What the walk cannot read is a failure, reported as one, and the batch
// goes on: a page that is a dangling symbolic link ("no such file", as when
// it is named as an argument) and a directory that cannot be listed were
// left out without a word, exit 0. The corpus walk of winnow variants too.
TEST(Batch, WhatTheWalkCannotReadIsReported) {
  TempDir t;
  write_file(t / "in/good.txt", "A paragraph of text that is long enough to be kept as prose.\n");
  fs::create_symlink("nowhere.txt", t / "in/dangling.txt");
  const std::string in_dir = "cd '" + t.path().string() + "' && ";
  auto r = sh(in_dir + "\"$W\" in", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("winnow: in/dangling.txt: no such file\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 ok, 1 failed, 0 skipped"), std::string::npos) << r.err;
  r = sh(in_dir + "\"$W\" variants in", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "winnow: in/dangling.txt: no such file\n");

  fs::remove(t / "in/dangling.txt");
  write_file(t / "in/locked/page.txt", "A page in a directory that cannot be listed, kept as prose.\n");
  fs::permissions(t / "in/locked", fs::perms::none);
  const auto prefix = where_permissions_bind(t, t / "in/good.txt");
  if (!prefix) GTEST_SKIP() << "as root, needs setpriv and a winnow binary that user nobody can run";
  r = sh(in_dir + *prefix + "\"$W\" in", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("winnow: in/locked: Permission denied\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 ok, 1 failed, 0 skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("A paragraph of text"), std::string::npos) << r.out;
  r = sh(in_dir + *prefix + "\"$W\" in/locked", t);  // the argument itself
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "winnow: in/locked: Permission denied\n0 ok, 1 failed, 0 skipped\n");
  r = sh(in_dir + *prefix + "\"$W\" variants in", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "winnow: in/locked: Permission denied\n");
  fs::permissions(t / "in/locked", fs::perms::owner_all);
}

// An -o directory that cannot be made is a failure of the run (exit 1), as
// a page that cannot be read is: it was reported as a usage error (exit 2).
// -o naming a file that is not a directory is still one.
TEST(Batch, OutputDirectoryThatCannotBeMadeIsAFailureNotAUsageError) {
  TempDir t;
  write_file(t / "page.txt", "A paragraph of text that is long enough to be kept as prose.\n");
  const std::string in_dir = "cd '" + t.path().string() + "' && ";
  for (const char* command : {"", "normalize "}) {
    auto r = sh(in_dir + "\"$W\" " + command + "-o page.txt page.txt", t);
    EXPECT_EQ(r.status, 2) << command;
    EXPECT_EQ(r.err, "winnow: page.txt: not a directory (-o names the directory outputs go to)\n") << command;
    // /sys lets no one make a directory at its top, root included.
    if (fs::is_directory("/sys/kernel") && !fs::exists("/sys/winnow-out")) {
      r = sh(in_dir + "\"$W\" " + command + "-o /sys/winnow-out page.txt", t);
      EXPECT_EQ(r.status, 1) << command;
      EXPECT_EQ(r.err.rfind("winnow: /sys/winnow-out: cannot create directory: ", 0), 0u) << command << r.err;
    }
  }
  fs::create_directories(t / "readonly");
  fs::permissions(t / "readonly", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                                      fs::perms::others_exec);
  const auto prefix = where_permissions_bind(t, t / "page.txt");
  if (!prefix) GTEST_SKIP() << "as root, needs setpriv and a winnow binary that user nobody can run";
  for (const char* command : {"", "normalize "}) {
    auto r = sh(in_dir + *prefix + "\"$W\" " + command + "-o readonly/out page.txt", t);
    EXPECT_EQ(r.status, 1) << command;
    EXPECT_EQ(r.err, "winnow: readonly/out: cannot create directory: Permission denied\n") << command;
  }
}

TEST(Batch, OutputsThatWouldCollideAreReported) {
  TempDir t;
  write_file(t / "in/page.txt", "A paragraph of text that is long enough to be kept as prose.\n");
  ASSERT_EQ(sh("gzip -c '" + (t / "in/page.txt").string() + "' > '" + (t / "in/page.txt.gz").string() + "'", t).status, 0);
  auto r = sh("cd '" + t.path().string() + "' && \"$W\" -o out in", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("in/page.txt.gz: another input already writes"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(t / "out/page.txt"));
}

// An output never replaces a page the run reads: with -o naming the input
// directory, page.txt would be written over with its own article, and
// page.html's output would land on page.txt.
TEST(Batch, OutputsNeverReplaceTheirInputs) {
  TempDir t;
  const std::string kText = "A scraped page: a paragraph long enough to be kept as prose by the rules.\n";
  const std::string kHtml = "<p>An HTML page with a paragraph long enough to be kept as prose by the rules.</p>";
  write_file(t / "in/page.txt", kText);
  write_file(t / "in/page.html", kHtml);
  write_file(t / "in/other.html", kHtml);
  auto r = sh("cd '" + t.path().string() + "' && \"$W\" -o in in", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("winnow: in/page.html: its output in/page.txt would replace a file this run reads: not "
                       "written (give -o a directory outside the inputs)\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("winnow: in/page.txt: its output in/page.txt would replace"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 ok, 2 failed, 0 skipped"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(t / "in/page.txt"), kText);
  EXPECT_TRUE(fs::exists(t / "in/other.txt"));  // an output beside its page, replacing nothing

  // The same directory spelled another way, and files named in it.
  r = sh("cd '" + t.path().string() + "/in' && \"$W\" -o ./ page.html page.txt", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("winnow: page.html: its output ./page.txt would replace"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("winnow: page.txt: its output ./page.txt would replace"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(t / "in/page.txt"), kText);

  // -o above the directory argument: in/in/page.txt mirrors onto in/page.txt.
  write_file(t / "in/in/page.txt", kText);
  r = sh("cd '" + t.path().string() + "' && \"$W\" -o . in", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("winnow: in/in/page.txt: its output ./in/page.txt would replace"), std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(t / "in/page.txt"), kText);
  EXPECT_TRUE(fs::exists(t / "page.txt"));  // in/page.txt's own output, outside the inputs

  // A file named as an argument, where a walked directory's output lands.
  write_file(t / "site/page.txt", kText);
  write_file(t / "out/page.txt", kText);
  r = sh("cd '" + t.path().string() + "' && \"$W\" -o out site out/page.txt", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("winnow: site/page.txt: its output out/page.txt would replace"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(t / "out/page.txt"), kText);
}

TEST(Batch, OutputsThatWouldCollideAcrossArgumentsAreReported) {
  // Two directories mirrored into one -o directory, and a file given by
  // name, all naming out/index.txt or out/news/a.txt: the first input
  // writes each, the others are reported, nothing is overwritten.
  TempDir t;
  const std::string kFirst = "The first site's page, a paragraph long enough to be kept as prose.\n";
  const std::string kSecond = "The second site's page, another paragraph long enough to be kept.\n";
  write_file(t / "site1/index.html", "<p>" + kFirst + "</p>");
  write_file(t / "site1/news/a.txt", kFirst);
  write_file(t / "site2/index.txt", kSecond);
  write_file(t / "site2/news/a.txt", kSecond);
  write_file(t / "site2/news/b.txt", kSecond);
  write_file(t / "loose/index.txt", kSecond);
  auto r = sh("cd '" + t.path().string() + "' && \"$W\" -o out site1 site2 loose/index.txt", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("site2/index.txt: another input already writes out/index.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("site2/news/a.txt: another input already writes out/news/a.txt"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("loose/index.txt: another input already writes out/index.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3 ok, 3 failed, 0 skipped"), std::string::npos) << r.err;
  EXPECT_NE(read_file(t / "out/index.txt").find("The first site's page"), std::string::npos);
  EXPECT_NE(read_file(t / "out/news/a.txt").find("The first site's page"), std::string::npos);
  EXPECT_NE(read_file(t / "out/news/b.txt").find("The second site's page"), std::string::npos);
}

TEST(Batch, ManyOutputsCollideAcrossArgumentsOneByOne) {
  // 150 names in each of two directories, 100 of them shared: enough
  // claims for the table of output paths to grow several times.
  TempDir t;
  for (int i = 0; i < 150; ++i) {
    write_file(t / ("one/p" + std::to_string(i) + ".txt"), "Page " + std::to_string(i) + " of the first directory, kept as prose.\n");
    write_file(t / ("two/p" + std::to_string(i + 50) + ".txt"), "Page " + std::to_string(i + 50) + " of the second directory, kept as prose.\n");
  }
  auto r = sh("cd '" + t.path().string() + "' && \"$W\" -o out --no-site-boilerplate one two", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("200 ok, 100 failed, 0 skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("two/p50.txt: another input already writes out/p50.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("two/p149.txt: another input already writes out/p149.txt"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("two/p150.txt:"), std::string::npos) << r.err;
  EXPECT_NE(read_file(t / "out/p149.txt").find("of the first directory"), std::string::npos);
  EXPECT_NE(read_file(t / "out/p150.txt").find("of the second directory"), std::string::npos);
}

// 60 pages in nested directories, from the samples.
void make_many(const TempDir& t) {
  auto s = samples();
  for (int i = 0; i < 60; ++i) {
    fs::path p = t / ("many/d" + std::to_string(i % 4) + "/p" + std::to_string(i) + ".txt");
    std::string text = read_file(s[static_cast<std::size_t>(i) % s.size()]);
    std::size_t middle = text.find('\n', text.size() / 2) + 1;
    text.insert(middle, "\nPage number " + std::to_string(i) +
                            " has this paragraph of its own, long enough to read as prose and "
                            "kept as part of the article.\n\n");
    write_file(p, text);
  }
}

// A container may cap its processes below what -j asks for. The batch
// goes on with the threads that started, with the same output.
TEST(Batch, GoesOnWithTheThreadsTheSystemStarts) {
  TempDir t;
  make_many(t);
  // A cap on processes binds only an unprivileged user: winnow runs as
  // nobody under a cap of 4 (prlimit --nproc).
  const std::string kAsNobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  auto probe = sh("[ \"$(id -u)\" = 0 ] && command -v setpriv prlimit >/dev/null && " + kAsNobody +
                      "test -x \"$W\" -a -r '" + (t / "many/d0/p0.txt").string() + "'",
                  t);
  if (probe.status != 0) {
    GTEST_SKIP() << "needs root, setpriv, prlimit, and a winnow binary that user nobody can run";
  }
  std::string dir = "cd '" + t.path().string() + "' && ";
  auto one = sh(dir + "\"$W\" -j 1 many", t);
  auto capped = sh(dir + kAsNobody + "prlimit --nproc=4 \"$W\" -j 64 many", t);
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(capped.status, 0) << capped.err;
  EXPECT_NE(capped.err.find("-j 64: the system started only "), std::string::npos) << capped.err;
  EXPECT_NE(capped.err.find("60 ok, 0 failed, 0 skipped"), std::string::npos) << capped.err;
  EXPECT_EQ(capped.out, one.out);
}

TEST(Batch, ParallelOutputIsIdenticalToOneJob) {
  TempDir t;
  make_many(t);
  std::string dir = "cd '" + t.path().string() + "' && ";
  auto one = sh(dir + "\"$W\" -j 1 many", t);
  auto four = sh(dir + "\"$W\" -j 4 many", t);
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(one.out, four.out);
  EXPECT_NE(one.out.find("Page number 59 has"), std::string::npos);
  EXPECT_LT(one.out.find("Page number 0 has"), one.out.find("Page number 4 has"));
  auto tree1 = sh(dir + "\"$W\" -j 1 -f json -o out1 many && \"$W\" -j 3 -f json -o out3 many && diff -r out1 out3", t);
  EXPECT_EQ(tree1.status, 0) << tree1.out << tree1.err;
  EXPECT_TRUE(fs::exists(t / "out3/d3/p59.json"));
}

// A batch's standard output is written in pieces of 64 KiB rather than a
// write per page: every page's output still comes out whole and in order,
// none lost at a piece's edge or at the end, as running winnow on each
// page in turn gives it.
TEST(Batch, StandardOutputHoldsEveryPageInOrder) {
  TempDir t;
  make_many(t);
  std::string dir = "cd '" + t.path().string() + "' && ";
  auto batch = sh(dir + "\"$W\" --no-site-boilerplate many", t);
  auto each = sh(dir + "first=1; for f in $(find many -type f | LC_ALL=C sort); do "
                       "[ $first = 1 ] || echo; first=0; \"$W\" \"$f\" || exit 1; done", t);
  ASSERT_EQ(batch.status, 0) << batch.err;
  ASSERT_EQ(each.status, 0) << each.err;
  EXPECT_GT(batch.out.size(), 3 * 65536u);  // several pieces, and a last part-filled one
  EXPECT_EQ(batch.out, each.out);
}

TEST(Batch, SkipExistingResumesWithoutRedoingFinishedFiles) {
  TempDir t;
  make_many(t);
  std::string dir = "cd '" + t.path().string() + "' && ";
  ASSERT_EQ(sh(dir + "\"$W\" -o out many", t).status, 0);
  std::string fresh = read_file(t / "out/d1/p5.txt");
  write_file(t / "out/d0/p0.txt", "sentinel");  // a finished file must stay as it is
  fs::remove(t / "out/d1/p5.txt");             // an unfinished one is redone
  auto r = sh(dir + "\"$W\" --skip-existing -o out many", t);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("1 ok, 0 failed, 59 skipped"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(t / "out/d0/p0.txt"), "sentinel");
  EXPECT_EQ(read_file(t / "out/d1/p5.txt"), fresh);
}

// Hidden files under `dir`: the temporary files of outputs being written.
std::vector<fs::path> temporary_files_under(const fs::path& dir) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(".")) found.push_back(it->path());
  }
  return found;
}

// The batch's standard error goes to `err`, for the message of a failed
// expectation (a sanitizer's report, say).
pid_t start_batch(const std::vector<std::string>& args, bool ignore_interrupts, const fs::path& err) {
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  if (ignore_interrupts) std::signal(SIGINT, SIG_IGN);  // as nohup and background jobs have it
  ::freopen(err.c_str(), "w", stderr);
  std::vector<char*> argv{const_cast<char*>(WINNOW_BINARY)};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(WINNOW_BINARY, argv.data());
  std::_Exit(127);
}

TEST(Batch, InterruptedBatchLeavesNoTemporaryFiles) {
  TempDir t;
  // Pages of 8 MB of distinct sentences: each output takes a while to write.
  std::string page;
  for (int i = 0; page.size() < (8u << 20); ++i) {
    page += "Sentence " + std::to_string(i) + " says the council met on Tuesday and kept the library open.\n";
  }
  fs::create_directories(t / "in");
  for (int i = 0; i < 6; ++i) write_file(t / ("in/p" + std::to_string(i) + ".txt"), page);
  const std::vector<std::string> args{"--mode", "text", "--no-site-boilerplate", "-j", "1",
                                      "-o", (t / "out").string(), (t / "in").string()};
  // Ctrl-C while an output is being written: stop winnow when a temporary
  // file shows, and interrupt it if the file is still there.
  const fs::path err = t / "stderr.txt";
  pid_t pid = start_batch(args, false, err);
  ASSERT_GT(pid, 0);
  bool interrupted = false;
  for (int status = 0; !interrupted && ::waitpid(pid, &status, WNOHANG) == 0;) {
    if (temporary_files_under(t / "out").empty()) continue;
    ::kill(pid, SIGSTOP);
    interrupted = !temporary_files_under(t / "out").empty();
    if (interrupted) ::kill(pid, SIGINT);
    ::kill(pid, SIGCONT);
  }
  ASSERT_TRUE(interrupted) << "the batch ended before a temporary file was seen";
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << "status " << status << "\n"
                                                                 << read_file(err);
  EXPECT_EQ(temporary_files_under(t / "out"), std::vector<fs::path>{});
  // Only whole outputs are left, and --skip-existing finishes the batch.
  std::string args_line;
  for (const std::string& a : args) args_line += " " + winnow::test::quote(a);
  auto resumed = sh("\"$W\" --skip-existing" + args_line, t);
  EXPECT_EQ(resumed.status, 0) << resumed.err;
  const std::string whole = read_file(t / "out/p0.txt");
  EXPECT_GT(whole.size(), 7u << 20);
  for (int i = 1; i < 6; ++i) EXPECT_EQ(read_file(t / ("out/p" + std::to_string(i) + ".txt")), whole) << i;

  // An interrupt the caller ignores stays ignored: the batch runs on.
  fs::remove_all(t / "out");
  pid = start_batch(args, true, err);
  ASSERT_GT(pid, 0);
  while (temporary_files_under(t / "out").empty() && ::waitpid(pid, &status, WNOHANG) == 0) {
  }
  ::kill(pid, SIGINT);
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status << "\n" << read_file(err);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(read_file(t / ("out/p" + std::to_string(i) + ".txt")), whole) << i;
}

TEST(Batch, SingleFileStaysQuiet) {
  TempDir t;
  auto r = sh("\"$W\" '" + samples()[0].string() + "'", t);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
}

}  // namespace

namespace {

TEST(Batch, ProgressBarOnlyWhenAskedOrOnATerminal) {
  TempDir t;
  make_many(t);
  std::string dir = "cd '" + t.path().string() + "' && ";
  auto quiet = sh(dir + "\"$W\" -o out many", t);  // stderr is a file here
  EXPECT_EQ(quiet.err, "60 ok, 0 failed, 0 skipped\n");
  auto bar = sh(dir + "\"$W\" --progress -o out2 many", t);
  EXPECT_NE(bar.err.find("/60 files"), std::string::npos) << bar.err;
  EXPECT_NE(bar.err.find("MB/s"), std::string::npos) << bar.err;
  // The bar is cleared before the summary, which ends the output on its own line.
  EXPECT_NE(bar.err.find("\r\033[K60 ok, 0 failed, 0 skipped\n"), std::string::npos) << bar.err;
}

}  // namespace
