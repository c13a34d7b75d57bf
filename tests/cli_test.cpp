// The command-line tool, run as a user runs it (WINNOW_BINARY).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "winnow/winnow.hpp"

namespace {

namespace fs = std::filesystem;
using winnow::test::lines_of;
using winnow::test::read_file;
using winnow::test::Outcome;
using winnow::test::write_file;

class Cli : public winnow::test::CliTest {
 protected:
  std::string sample(const std::string& name) const {
    return (fs::path(WINNOW_SOURCE_DIR) / "samples" / (name + ".txt")).string();
  }
};

const std::string kPage =
    "Menu\n\nThe council met on Tuesday and voted to close the old bridge to traffic for a year.\n\n"
    "Advertisement\n\nRepairs will start in March, the mayor said, and should cost four million euros.\n";
const std::string kArticle =
    "The council met on Tuesday and voted to close the old bridge to traffic for a year.\n\n"
    "Repairs will start in March, the mayor said, and should cost four million euros.\n";

TEST_F(Cli, ReadsStandardInputWithoutArguments) {
  Outcome r = run({}, kPage);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, kArticle);
  EXPECT_EQ(r.err, "");
}

TEST_F(Cli, DashMeansStandardInput) {
  Outcome r = run({"-"}, kPage);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, kArticle);
}

// A file is read to its end, whatever size it had when opened: files of
// /proc say 0 bytes and have text, and a file read straight into memory
// must come out whole.
TEST_F(Cli, FilesAreReadToTheirEnd) {
  fs::path page = dir_ / "page.txt";
  write_file(page, kPage);
  Outcome r = run({"--mode", "text", page.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, kArticle);
  if (!fs::exists("/proc/version")) GTEST_SKIP() << "no /proc/version on this system";
  Outcome proc = run({"--mode", "text", "--format", "json", "--explain", "/proc/version"});
  ASSERT_EQ(proc.status, 0) << proc.err;
  EXPECT_NE(proc.out.find("version"), std::string::npos) << proc.out;
}

// A fragment of markup too small for the content to say it is HTML is read
// as HTML when its name says it is a page; a name says nothing of text
// without markup, nor does it change an explicit --mode.
TEST_F(Cli, PageNamedAsHtmlIsReadAsHtml) {
  const std::string fragment = "<p>Storm <b>closes</b> schools";
  for (const char* name : {"frag.html", "frag.HTM", "frag.txt"}) write_file(dir_ / name, fragment);
  Outcome html = run({(dir_ / "frag.html").string()});
  ASSERT_EQ(html.status, 0) << html.err;
  EXPECT_EQ(html.out, "Storm closes schools\n");
  EXPECT_EQ(run({(dir_ / "frag.HTM").string()}).out, "Storm closes schools\n");
  EXPECT_EQ(run({(dir_ / "frag.txt").string()}).out, fragment + "\n");
  EXPECT_EQ(run({"--mode", "text", (dir_ / "frag.html").string()}).out, fragment + "\n");
  // Scraped text saved under a page's name keeps its lines.
  write_file(dir_ / "scraped.html", kPage);
  EXPECT_EQ(run({(dir_ / "scraped.html").string()}).out, kArticle);
}

// A '<' of scraped text before a letter ("x<y", "Lakers<Celtics") opens no
// tag: read as HTML, the rest of the file went into a tag and was lost.
TEST_F(Cli, ComparisonInScrapedTextNamedAsHtmlIsNoTag) {
  const std::string text =
      "For the model to hold, we need x<y and also a<b over the whole period of the study.\n\n"
      "The rest of the story goes on here, with more words, so that it reads as an article.\n";
  write_file(dir_ / "less.html", text);
  Outcome less = run({(dir_ / "less.html").string()});
  ASSERT_EQ(less.status, 0) << less.err;
  EXPECT_EQ(less.out, text);
  const std::string addresses = "Write to <jane@example.com> or see <https://example.com/a> for the story.\n";
  write_file(dir_ / "addresses.html", addresses);
  EXPECT_EQ(run({(dir_ / "addresses.html").string()}).out, addresses);
  // A tag with attributes, an end tag, a comment and a doctype still make
  // the file a page.
  for (const char* page : {"<a href=\"/x\">Storm</a> closes schools", "Storm closes schools</p >",
                           "<!-- saved -->Storm closes schools", "<!doctype html>Storm closes schools",
                           "<br/>Storm closes schools"}) {
    write_file(dir_ / "tag.html", page);
    EXPECT_EQ(run({(dir_ / "tag.html").string()}).out, "Storm closes schools\n") << page;
  }
}

TEST_F(Cli, SeveralFilesInOrder) {
  Outcome one = run({sample("003_134e59c19d38a5f5")});
  Outcome two = run({sample("004_309cf9502e9c9cc7")});
  Outcome both = run({sample("003_134e59c19d38a5f5"), sample("004_309cf9502e9c9cc7")});
  ASSERT_EQ(both.status, 0) << both.err;
  EXPECT_EQ(both.out, one.out + "\n" + two.out);
}

TEST_F(Cli, OutputDirectoryHoldsOneWholeFilePerInput) {
  fs::path out = dir_ / "out";
  Outcome r = run({"-o", out.string(), sample("001_d163a95aeccb179b"), sample("003_134e59c19d38a5f5")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");  // nothing on stdout
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"001_d163a95aeccb179b.txt", "003_134e59c19d38a5f5.txt"}));
  EXPECT_EQ(read_file(out / "003_134e59c19d38a5f5.txt"), run({sample("003_134e59c19d38a5f5")}).out);
}

TEST_F(Cli, OutputDirectorySkipsFailedInputsOnly) {
  fs::path out = dir_ / "out";
  Outcome r = run({"-o", out.string(), (dir_ / "missing.txt").string(), sample("003_134e59c19d38a5f5")});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(fs::exists(out / "003_134e59c19d38a5f5.txt"));
  EXPECT_FALSE(fs::exists(out / "missing.txt"));
  for (const auto& e : fs::directory_iterator(out)) {
    EXPECT_NE(e.path().filename().string().front(), '.') << "temporary file left behind";
  }
}

TEST_F(Cli, FormatJsonCarriesTitleTextAndDroppedBlocks) {
  Outcome r = run({"--format", "json", "--explain", sample("000_9c5627c84a574da6")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.front(), '{');
  EXPECT_GT(lines_of(r.out).size(), 5u);  // indented
  EXPECT_NE(r.out.find("\"title\": \"Syrian Rebels Advance on Homs as Russia Urges Citizens to Leave\""),
            std::string::npos);
  EXPECT_NE(r.out.find("\"text\": \"Syrian rebels intensify"), std::string::npos);
  EXPECT_NE(r.out.find("\"reason\": \"ad-marker\""), std::string::npos);
  EXPECT_NE(r.out.find("\"evidence\": \"marker 'advertisement'\""), std::string::npos);
}

TEST_F(Cli, FormatJsonlIsOneLinePerInputErrorsIncluded) {
  Outcome r = run({"--format", "jsonl", sample("003_134e59c19d38a5f5"), (dir_ / "missing.txt").string(),
               sample("004_309cf9502e9c9cc7")});
  EXPECT_EQ(r.status, 1);
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  for (const auto& l : lines) EXPECT_EQ(l.rfind("{\"input\":", 0), 0u) << l;
  EXPECT_NE(lines[1].find("\"error\":\"no such file\""), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("\"text\":\"Russian Foreign Minister"), std::string::npos);
}

TEST_F(Cli, FormatTextAndMarkdown) {
  Outcome text = run({"--format", "text", "--title", sample("001_d163a95aeccb179b")});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.out.rfind("United States Is Saving The Rebel Groups In Syria: Russia\n\nMoscow:", 0), 0u);
  Outcome md = run({"--format", "markdown", "--title", sample("001_d163a95aeccb179b")});
  ASSERT_EQ(md.status, 0) << md.err;
  EXPECT_EQ(md.out.rfind("# United States Is Saving The Rebel Groups In Syria: Russia\n\nMoscow:", 0), 0u);
  Outcome body = run({sample("001_d163a95aeccb179b")});
  EXPECT_EQ(body.out.rfind("Moscow:", 0), 0u);  // without --title, the body only
}

TEST_F(Cli, ExplainShowsEveryBlockWithItsVerdict) {
  Outcome r = run({"--explain", sample("000_9c5627c84a574da6")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("drop  ad-marker (marker 'advertisement')\n      | Advertisement\n"), std::string::npos);
  EXPECT_NE(r.out.find("drop  teaser (teaser prefix 'read also')\n      | READ ALSO:"), std::string::npos);
  EXPECT_NE(r.out.find("drop  title (headline, reported as the title)\n      | Syrian Rebels Advance"),
            std::string::npos);
  EXPECT_NE(r.out.find("keep  paragraph\n      | According to Foreign Minister"), std::string::npos);
  std::size_t blocks = 0;
  for (const auto& l : lines_of(r.out)) blocks += l.rfind("      | ", 0) == 0;
  EXPECT_EQ(blocks, 32u);  // every non-blank line of the page
}

TEST_F(Cli, HtmlModeReadsScrapedTextAsMarkup) {
  // Text forced through the HTML parser is one body of text: nothing is lost.
  Outcome r = run({"--mode", "html", sample("003_134e59c19d38a5f5")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Hayat Tahrir al-Sham"), std::string::npos) << r.out;
}

TEST_F(Cli, HtmlPagesAreExtracted) {
  const std::string prose =
      "The council met on Tuesday and voted on the budget, which had been debated for weeks.";
  fs::path page = dir_ / "page.html";
  write_file(page, "<!doctype html><html><head><title>Budget | Example</title></head><body>"
                   "<nav><a href=/a>Home</a> <a href=/b>World</a></nav><article><h1>Budget</h1>"
                   "<p>" + prose + "</p><p>It passed <em>narrowly</em>, see <a href=\"/r\">the "
                   "record</a>.</p></article></body></html>");
  Outcome text = run({page.string()});  // auto-detected
  EXPECT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.out, prose + "\n\nIt passed narrowly, see the record.\n");
  Outcome md = run({"--mode", "html", "-f", "markdown", "--links", "--title", page.string()});
  EXPECT_EQ(md.status, 0) << md.err;
  EXPECT_NE(md.out.find("# Budget\n"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("It passed *narrowly*, see [the record](/r)."), std::string::npos) << md.out;
}

TEST_F(Cli, VersionAndHelp) {
  Outcome v = run({"--version"});
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out, "winnow " + std::string(winnow::version()) + "\n");
  Outcome h = run({"--help"});
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("Examples:"), std::string::npos);
  EXPECT_NE(h.out.find("--format"), std::string::npos);
  EXPECT_NE(h.out.find("--explain"), std::string::npos);
}

TEST_F(Cli, BadInputsGetOneLineEachAndTheRestIsProcessed) {
  fs::path missing = dir_ / "missing.txt", directory = dir_ / "adir", empty = dir_ / "empty.txt",
           binary = dir_ / "image.png";
  fs::create_directories(directory);
  write_file(empty, "");
  write_file(binary, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  Outcome r = run({missing.string(), directory.string(), sample("003_134e59c19d38a5f5"), empty.string(),
               binary.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, run({sample("003_134e59c19d38a5f5")}).out);  // the good input is still done
  // A directory is walked for pages (docs/batch.md); this one has none.
  auto errors = lines_of(r.err);
  ASSERT_EQ(errors.size(), 4u) << r.err;
  EXPECT_EQ(errors[0], "winnow: " + missing.string() + ": no such file");
  EXPECT_EQ(errors[1], "winnow: " + empty.string() + ": input is empty");
  EXPECT_EQ(errors[2], "winnow: " + binary.string() + ": input is binary, not text or HTML");
  EXPECT_EQ(errors[3], "1 ok, 3 failed, 0 skipped");
}

// A newline or an escape sequence in a file name is shown escaped: each
// message stays one line, and nothing reaches the terminal as a command.
TEST_F(Cli, ControlCharactersInNamesAreEscapedInMessages) {
  const fs::path odd = dir_ / "two\nlines\x1b[31m\t.txt";
  write_file(odd, "");
  Outcome r = run({odd.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "winnow: " + (dir_ / "two\\nlines\\x1b[31m\\t.txt").string() + ": input is empty\n");
}

// JSON output names an input by its name, which JSON can carry whole: it
// held the name as messages show it, "a\nb.txt" written with a backslash
// and an n. Bytes that are not UTF-8 become U+FFFD.
TEST_F(Cli, JsonRecordsCarryTheInputsRealName) {
  const fs::path odd = dir_ / "a\nb\x1b.txt", latin1 = dir_ / "caf\xe9.txt";
  write_file(odd, kPage);
  write_file(latin1, kPage);
  Outcome r = run({"-f", "jsonl", odd.string(), latin1.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0].rfind("{\"input\":\"" + dir_.path().string() + "/a\\nb\\u001b.txt\",", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("{\"input\":\"" + dir_.path().string() + "/caf\xEF\xBF\xBD.txt\",", 0), 0u) << lines[1];
  r = run({"-f", "json"}, kPage);
  EXPECT_NE(r.out.find("\"input\": \"<stdin>\""), std::string::npos) << r.out;
}

TEST_F(Cli, EmptyStandardInputIsAnError) {
  std::string nothing;
  Outcome r = run({}, nothing);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "winnow: <stdin>: input is empty\n");
}

TEST_F(Cli, UnknownOptionIsAUsageError) {
  Outcome r = run({"--no-such-option"});
  EXPECT_EQ(r.status, 2);
  EXPECT_FALSE(r.err.empty());
}

// A full disk under standard output is an error, not a success with the
// text lost: one line on stderr, exit status 1, for every command.
TEST_F(Cli, StandardOutputThatCannotBeWrittenIsAnError) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full to write to";
  winnow::test::TempDir t;
  write_file(t / "page.txt", kPage);
  write_file(t / "dir/a.txt", kPage);
  write_file(t / "dir/b.txt", kPage);
  write_file(t / "names/a.txt", "Foreign Minister Sergei Lavrov spoke in Moscow on Monday about the talks.\n");
  write_file(t / "names/b.txt", "Russia's Sergey Lavrov said the meeting went well, and Sergei Lavrov left.\n");
  write_file(t / "pages.jsonl", "{\"text\":\"The council met on Tuesday and voted to close the old bridge.\"}\n");
  const std::string in = "cd " + winnow::test::quote(t.path().string()) + " && \"$W\" ";
  const std::vector<std::string> commands = {in + "page.txt",
                                             in + "dir",
                                             in + "-j 2 dir",
                                             in + "--input jsonl --field text pages.jsonl",
                                             in + "normalize page.txt",
                                             in + "variants --mode text names",
                                             in + "--help",
                                             in + "-V",
                                             in + "normalize --help",
                                             in + "variants --help"};
  for (const std::string& command : commands) {
    Outcome r = winnow::test::sh(command + " > /dev/full", t);
    EXPECT_EQ(r.status, 1) << command << "\n" << r.err;
    EXPECT_NE(r.err.find("winnow: cannot write to standard output: No space left on device\n"),
              std::string::npos)
        << command << "\n" << r.err;
  }
}

// Options that would be silently ignored are usage errors instead.
TEST_F(Cli, OptionsThatWouldDoNothingAreUsageErrors) {
  Outcome r = run({"--skip-existing", sample("000_9c5627c84a574da6")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--skip-existing"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string kRecord = "{\"html\":\"<p>The council met on Tuesday and voted to close the old bridge.</p>\"}\n";
  for (const char* format : {"markdown", "text"}) {
    r = run({"--input", "jsonl", "--format", format}, kRecord);
    EXPECT_EQ(r.status, 2) << format;
    EXPECT_NE(r.err.find(std::string("--format ") + format + " is not supported"), std::string::npos) << r.err;
  }
  // --input jsonl writes no files to skip, and --field names a field of a
  // JSON record: both were taken and did nothing.
  r = run({"--input", "jsonl", "--skip-existing"}, kRecord);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "winnow: --skip-existing leaves out inputs whose output file exists: --input jsonl writes no "
                   "files, only standard output\n");
  r = run({"--field", "text", "--mode", "text"}, kPage);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "winnow: --field names the field of a JSON record that holds the page: it needs --input jsonl\n");
  EXPECT_EQ(run({"--field", "html", "-o", (dir_ / "out").string(), sample("000_9c5627c84a574da6")}).status, 2);
  // JSON Lines out is what --input jsonl writes: asking for it is fine.
  r = run({"--input", "jsonl", "--format", "jsonl"}, kRecord);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"text\":\"The council met"), std::string::npos) << r.out;
}

// Past 4096 threads a typo (-j 60000) would only exhaust the system.
// Sizes as people write them: 1K is 1024 bytes, 64M and 64MiB the default.
TEST_F(Cli, MaxBytesTakesUnits) {
  const std::string page(1500, 'a');
  Outcome r = run({"--max-bytes", "1K"}, page);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("over the limit of 1024 bytes (--max-bytes)"), std::string::npos) << r.err;
  EXPECT_EQ(run({"--max-bytes", "2k"}, kPage).out, kArticle);
  EXPECT_EQ(run({"--max-bytes", "64MiB"}, kPage).out, kArticle);
  EXPECT_EQ(run({"--max-bytes", "1500"}, page).status, 0);
  EXPECT_EQ(run({"--max-bytes", "1499"}, page).status, 1);
  for (const char* bad : {"-1", "10X", "1.5M", "20E"}) {
    r = run({"--max-bytes", bad}, kPage);
    EXPECT_EQ(r.status, 2) << bad;
    EXPECT_NE(r.err.find("--max-bytes"), std::string::npos) << bad << ": " << r.err;
  }
}

TEST_F(Cli, JobsAreBounded) {
  Outcome r = run({"-j", "60000"}, kPage);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--jobs"), std::string::npos) << r.err;
  EXPECT_EQ(run({"-j", "4096"}, kPage).out, kArticle);
  EXPECT_EQ(run({"-j", "0"}, kPage).out, kArticle);  // 0: every core, the default
}

}  // namespace
