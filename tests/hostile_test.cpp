// Hostile inputs: whatever the web serves, winnow gives a defined outcome (clean
// output or a clear error status), does not crash, and stays within a memory
// bound. Each case runs in a child process so that a crash, a hang or a
// memory blow-up fails the one test, and so that the child's peak RSS can be
// read (wait4) without the test binary's own history in it.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>

#include "../fuzz/utf8_check.hpp"
#include "decode.hpp"
#include "winnow/winnow.hpp"

namespace {

using winnow::Mode;
using winnow::Options;
using winnow::Result;
using winnow::Status;
using winnow::fuzz::is_valid_utf8;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

constexpr long kMiB = 1024 * 1024;

// Resident set size of this process now, in bytes.
long current_rss() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * sysconf(_SC_PAGESIZE);
}

struct ChildOutcome {
  bool exited = false;  // false: killed by a signal (crash, hang alarm)
  int code = 0;
  int signal = 0;
  long rss_growth = 0;  // peak RSS minus RSS at the start, in bytes
  std::string failures;  // what the child found wrong, one per line
};

// Run `work` in a child process that dies after `seconds` (a hang is a
// failure, not a slow test). `work` builds its own input, so its size counts
// in the growth, and returns what it found wrong ("" when all is well).
ChildOutcome run_in_child(const std::function<std::string()>& work, unsigned seconds = 120) {
  if (kSanitized) seconds *= 5;
  int fds[2];
  if (pipe(fds) != 0) return {};
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    alarm(seconds);
    long start = current_rss();
    std::string failures = work();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    long growth = usage.ru_maxrss * 1024 - start;
    std::string message = std::to_string(growth) + "\n" + failures;
    for (std::size_t done = 0; done < message.size();) {
      ssize_t n = write(fds[1], message.data() + done, message.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    _exit(0);
  }
  close(fds[1]);
  std::string message;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    message.append(buf, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ChildOutcome out;
  out.exited = WIFEXITED(status);
  out.code = out.exited ? WEXITSTATUS(status) : 0;
  out.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  std::size_t eol = message.find('\n');
  if (eol != std::string::npos) {
    out.rss_growth = std::atol(message.substr(0, eol).c_str());
    out.failures = message.substr(eol + 1);
  }
  return out;
}

// The child finished, found nothing wrong, and grew by at most `budget` bytes
// (not checked under a sanitizer, whose shadow memory, and AddressSanitizer's
// quarantine, inflate RSS).
void expect_clean(const ChildOutcome& c, long budget) {
  EXPECT_TRUE(c.exited) << "child killed by signal " << c.signal << " ("
                        << strsignal(c.signal) << "): crash, or over the time limit";
  EXPECT_EQ(c.code, 0);
  EXPECT_EQ(c.failures, "");
  ::testing::Test::RecordProperty("rss_growth_mib", static_cast<int>(c.rss_growth / kMiB));
  if (!kSanitized) {
    EXPECT_LE(c.rss_growth, budget) << "peak RSS grew by " << c.rss_growth / kMiB << " MiB";
  }
}

// Whether this build extracts HTML (it may not yet; then HTML cases check
// the error it gives instead).
bool html_supported() {
  Options o;
  o.mode = Mode::Html;
  return winnow::extract("<p>Some text in a paragraph.</p>", o).status != Status::Unsupported;
}

// The checks every outcome must pass: a known status with a one-line error,
// or valid UTF-8 in the text and every block. Returns the failures.
std::string check_outcome(const Result& r) {
  std::string f;
  if (r.ok() != r.error.empty()) f += "status and error disagree: " + r.error + "\n";
  if (r.error.find('\n') != std::string::npos) f += "error spans lines\n";
  if (!is_valid_utf8(r.error)) f += "error is not valid UTF-8\n";
  if (!is_valid_utf8(r.text)) f += "text is not valid UTF-8\n";
  for (const auto& b : r.blocks) {
    if (!is_valid_utf8(b.text)) f += "a block is not valid UTF-8\n";
  }
  return f;
}

std::string expect_status(const Result& r, Status want) {
  std::string f = check_outcome(r);
  if (r.status != want) {
    f += "status " + std::string(winnow::to_string(r.status)) + " (" + r.error + "), want " +
         std::string(winnow::to_string(want)) + "\n";
  }
  return f;
}

// HTML input: with HTML support, Ok and the text contains `want` (when
// given) and not `unwanted`; without it, the Unsupported error.
std::string expect_html(const Result& r, std::string_view want, std::string_view unwanted = {}) {
  if (!html_supported()) return expect_status(r, Status::Unsupported);
  std::string f = expect_status(r, Status::Ok);
  if (!want.empty() && r.text.find(want) == std::string::npos) {
    f += "text lacks '" + std::string(want) + "': " + r.text.substr(0, 200) + "\n";
  }
  if (!unwanted.empty() && r.text.find(unwanted) != std::string::npos) {
    f += "text has '" + std::string(unwanted) + "'\n";
  }
  return f;
}

Result extract_html(std::string_view page) {
  Options o;
  o.mode = Mode::Html;
  return winnow::extract(page, o);
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

constexpr std::string_view kSentence = "The council met on Tuesday to discuss the new budget. ";

TEST(Hostile, HundredThousandNestedDivs) {
  expect_clean(run_in_child([] {
                 std::string page = repeat("<div>", 100000) + "<p>" + std::string(kSentence) +
                                    "</p>" + repeat("</div>", 100000);
                 return expect_html(extract_html(page), "The council met");
               }),
               256 * kMiB);
}

TEST(Hostile, HundredThousandUnclosedFormattingAndTables) {
  for (std::string_view tag : {"<a href=\"/x\">", "<b>", "<table>", "<a><b><table><td>"}) {
    SCOPED_TRACE(tag);
    expect_clean(run_in_child([tag] {
                   std::string page = "<p>" + std::string(kSentence) + "</p>" +
                                      repeat(std::string(tag) + "x ", 100000);
                   return expect_html(extract_html(page), "The council met");
                 }),
                 256 * kMiB);
  }
}

TEST(Hostile, SingleFiftyMegabyteLine) {
  expect_clean(run_in_child([] {
                 std::string text = repeat(kSentence, 50 * kMiB / kSentence.size());
                 text += "\n";
                 Result r = winnow::extract(text);
                 std::string f = expect_status(r, Status::Ok);
                 // Nothing silently lost: the one line is prose and is kept.
                 if (r.text.size() + 2 < text.size() - 2) {
                   f += "text shrank from " + std::to_string(text.size()) + " to " +
                        std::to_string(r.text.size()) + " bytes\n";
                 }
                 return f;
               }, 300),
               // Input, decoded copy, block, normalized block, output:
               // linear in the input, a few copies at once.
               600 * kMiB);
}

TEST(Hostile, TenMegabyteAttribute) {
  expect_clean(run_in_child([] {
                 std::string page = "<html><body><p title=\"" + std::string(10 * kMiB, 'a') +
                                    "\">" + std::string(kSentence) + "</p></body></html>";
                 return expect_html(extract_html(page), "The council met", "aaaaaaaa");
               }),
               256 * kMiB);
}

TEST(Hostile, NulBytes) {
  // A few NULs in prose: the text is kept, without the NULs.
  Result sparse = winnow::extract(std::string(kSentence) + std::string("one\0two", 7) +
                                  std::string(kSentence) + std::string(kSentence) + "\n");
  EXPECT_EQ(check_outcome(sparse), "");
  ASSERT_EQ(sparse.status, Status::Ok) << sparse.error;
  EXPECT_NE(sparse.text.find("The council met"), std::string::npos);
  EXPECT_EQ(sparse.text.find('\0'), std::string::npos) << "a NUL byte reached the output";
  // Mostly NULs: not text.
  Result heavy = winnow::extract(std::string(4096, '\0') + "text");
  EXPECT_EQ(heavy.status, Status::BinaryInput);
  EXPECT_FALSE(heavy.error.empty());
}

TEST(Hostile, EveryInvalidUtf8Form) {
  struct Case {
    const char* name;
    std::string bytes;
    int replacements;  // U+FFFD expected: one per maximal invalid subpart
  };
  const Case cases[] = {
      {"lone continuation", "\x80", 1},
      {"two continuations", "\x80\xBF", 2},
      {"overlong 2-byte", "\xC0\xAF", 2},
      {"overlong 2-byte C1", "\xC1\xBF", 2},
      {"overlong 3-byte", "\xE0\x80\xAF", 3},
      {"overlong 4-byte", "\xF0\x80\x80\xAF", 4},
      {"high surrogate", "\xED\xA0\x80", 3},
      {"low surrogate", "\xED\xBF\xBF", 3},
      {"past U+10FFFF", "\xF4\x90\x80\x80", 4},
      {"F5 lead", "\xF5\x80\x80\x80", 4},
      {"FE and FF", "\xFE\xFF", 2},
      {"truncated 2-byte", "\xC3", 1},
      {"truncated 3-byte", "\xE2\x82", 1},
      {"truncated 4-byte", "\xF0\x9F\x98", 1},
      {"5-byte form", "\xF8\x88\x80\x80\x80", 5},
  };
  auto count = [](std::string_view s) {
    int n = 0;
    for (std::size_t at = 0; (at = s.find("\xEF\xBF\xBD", at)) != std::string_view::npos; at += 3) ++n;
    return n;
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string line = "Before " + c.bytes + " after, in a sentence long enough to keep.\n";
    std::string repaired = winnow::detail::to_valid_utf8(line);
    EXPECT_TRUE(is_valid_utf8(repaired));
    EXPECT_EQ(count(repaired), c.replacements);
    Result r = winnow::clean_text(line);
    EXPECT_EQ(check_outcome(r), "");
    ASSERT_EQ(r.status, Status::Ok) << r.error;
    EXPECT_NE(r.text.find("after, in a sentence"), std::string::npos) << r.text;
    EXPECT_GE(count(r.text), 1) << "the damage is hidden rather than marked";
  }
}

TEST(Hostile, Utf16WithoutBom) {
  std::string utf8 = "<p>" + std::string(kSentence) + "</p>\n" + std::string(kSentence) + "\n";
  std::string utf16;
  for (char c : utf8) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  Result r = winnow::extract(utf16);
  EXPECT_EQ(check_outcome(r), "");
  // Read as UTF-16, or refused as binary; never text full of NULs.
  if (r.ok()) {
    EXPECT_NE(r.text.find("The council met"), std::string::npos) << r.text;
  } else {
    EXPECT_EQ(r.status, Status::BinaryInput) << r.error;
  }
  EXPECT_EQ(r.text.find('\0'), std::string::npos);
}

TEST(Hostile, BinaryFiles) {
  std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0", 29);
  png += std::string(2000, '\x7F');
  std::string gzip("\x1F\x8B\x08\0\0\0\0\0\0\x03", 10);
  gzip += "\xCB\x48\xCD\xC9\xC9\x07\0 some compressed-looking bytes";
  for (const std::string& bytes : {png, gzip}) {
    for (Mode mode : {Mode::Auto, Mode::Text, Mode::Html}) {
      Options o;
      o.mode = mode;
      Result r = winnow::extract(bytes, o);
      EXPECT_EQ(r.status, Status::BinaryInput) << r.error;
      EXPECT_FALSE(r.error.empty());
      EXPECT_TRUE(r.text.empty());
    }
  }
}

TEST(Hostile, EmptyFile) {
  for (Mode mode : {Mode::Auto, Mode::Text, Mode::Html}) {
    Options o;
    o.mode = mode;
    Result r = winnow::extract("", o);
    EXPECT_EQ(r.status, Status::EmptyInput);
    EXPECT_FALSE(r.error.empty());
  }
  EXPECT_EQ(winnow::extract("\xEF\xBB\xBF").status, Status::EmptyInput) << "a BOM alone is empty";
}

TEST(Hostile, PageThatIsOnlyScript) {
  std::string page =
      "<html><head><script>var s = 'The council met on Tuesday';</script></head>"
      "<body><script>document.write('<p>The council met</p>');</script></body></html>";
  Result r = extract_html(page);
  EXPECT_EQ(check_outcome(r), "");
  if (!html_supported()) {
    EXPECT_EQ(r.status, Status::Unsupported);
    return;
  }
  // No article: an empty text (or a clear "empty" status), never the script.
  EXPECT_TRUE(r.status == Status::Ok || r.status == Status::EmptyInput) << r.error;
  EXPECT_EQ(r.text.find("council"), std::string::npos) << r.text;
}

TEST(Hostile, SvgTemplate) {
  expect_clean(run_in_child([] {
                 std::string page = "<p>" + std::string(kSentence) + "</p>" +
                                    repeat("<svg><template><p>x</p>", 1000) +
                                    "<svg><template></svg></template><math><template><mi>";
                 return expect_html(extract_html(page), "The council met");
               }),
               128 * kMiB);
}

TEST(Hostile, HugeColspan) {
  expect_clean(run_in_child([] {
                 std::string page =
                     "<table><tr><td colspan=\"9007199254740991\" rowspan=\"9007199254740991\">"
                     "Cell one of the table</td><td colspan=-1>Cell two</td></tr>"
                     "<tr><td colspan=1e308>Cell three</td></tr></table><p>" +
                     std::string(kSentence) + "</p>";
                 Options o;
                 o.mode = Mode::Html;
                 o.tables = true;
                 return expect_html(winnow::extract(page, o), "The council met");
               }),
               64 * kMiB);
}

// A name beside half a million code spans in one paragraph: the name step
// marks the code off and takes the marks out again in linear time (one by
// one they took minutes here).
TEST(Hostile, NameBesideManyCodeSpans) {
  expect_clean(run_in_child([] {
                 std::string page = "<p>Sergei Lavrov said " + repeat("<code>x</code> ", 500000) + "</p>";
                 return expect_html(extract_html(page), "Sergey Lavrov said x x");
               }, 20),
               512 * kMiB);
}

// The CLI refuses an input over --max-bytes with a clear message, without
// reading it: a huge (sparse) file is turned away at once, and a stream is
// dropped as soon as it passes the limit.
TEST(Hostile, OversizedInputRefusedWithoutReading) {
  char dir[] = "/tmp/winnow-hostile-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string big = std::string(dir) + "/big.txt";
  {
    std::ofstream f(big);
  }
  ASSERT_EQ(truncate(big.c_str(), 64LL << 30), 0);  // 64 GiB, sparse
  std::string err = std::string(dir) + "/err";
  auto run = [&](const std::string& command) {
    int status = std::system(command.c_str());
    std::ifstream in(err);
    std::string message((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, message);
  };
  auto [code, message] = run(std::string(WINNOW_BINARY) + " " + big + " >/dev/null 2>" + err);
  EXPECT_EQ(code, 1);
  EXPECT_NE(message.find("over the limit"), std::string::npos) << message;
  EXPECT_NE(message.find("--max-bytes"), std::string::npos) << message;

  std::tie(code, message) = run("head -c 200000000 /dev/zero | tr '\\0' a | " +
                                std::string(WINNOW_BINARY) + " --max-bytes 1000000 - >/dev/null 2>" + err);
  EXPECT_EQ(code, 1);
  EXPECT_NE(message.find("over the limit of 1000000 bytes"), std::string::npos) << message;

  std::tie(code, message) = run(std::string(WINNOW_BINARY) + " normalize " + big +
                                " >/dev/null 2>" + err);
  EXPECT_EQ(code, 1) << "normalize must refuse too, not truncate";
  EXPECT_NE(message.find("over the limit"), std::string::npos) << message;
  std::remove(big.c_str());
  std::remove(err.c_str());
  rmdir(dir);
}

}  // namespace
