// The library on many threads at once, from the process's first call: every
// result agrees with one thread's, and a SiteBoilerplate shared by threads
// counts every page. The fresh-clone run also builds these tests with
// ThreadSanitizer (scripts/test.sh), which checks the lazily filled tables
// and the learner's lock, not only the results.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "test_files.hpp"
#include "text_rules.hpp"
#include "winnow/names.hpp"
#include "winnow/site_boilerplate.hpp"
#include "winnow/winnow.hpp"

namespace winnow {
namespace {

constexpr std::size_t kThreads = 4;

std::vector<std::string> pages() {
  std::vector<std::string> v;
  std::vector<std::filesystem::path> samples;
  for (const auto& e : std::filesystem::directory_iterator(WINNOW_SOURCE_DIR "/samples")) samples.push_back(e.path());
  std::sort(samples.begin(), samples.end());
  for (const auto& p : samples) v.push_back(test::read_file(p));
  // HTML: a page in Windows-1251 (the charset tables), one with headings,
  // a list, a table and links (markdown), and one with mojibake, name
  // variants and compatibility characters (the normalize stage's tables).
  v.push_back("<html><head><meta charset=\"windows-1251\"><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title></head><body>"
              "<nav><a href=/>\xc3\xeb\xe0\xe2\xed\xe0\xff</a></nav><article><p>" +
              std::string(6, ' ') +
              "\xc3\xee\xf0\xee\xe4\xf1\xea\xee\xe9 \xf1\xee\xe2\xe5\xf2 \xf1\xee\xe1\xf0\xe0\xeb\xf1\xff \xe2\xee "
              "\xe2\xf2\xee\xf0\xed\xe8\xea \xe8 \xee\xf2\xea\xf0\xfb\xeb \xe1\xe8\xe1\xeb\xe8\xee\xf2\xe5\xea\xf3 "
              "\xef\xee\xf1\xeb\xe5 \xe4\xee\xeb\xe3\xee\xe3\xee \xf0\xe5\xec\xee\xed\xf2\xe0.</p></article></body></html>");
  v.push_back("<html><head><title>Budget vote</title></head><body><header><a href=/>Home</a> <a href=/news>News</a>"
              "</header><main><h1>Budget vote</h1><p>" + testing::paragraph(1) + " <a href=/a>More</a></p><h2>Why"
              "</h2><ul><li>" + testing::paragraph(2) + "</li><li>" + testing::paragraph(3) + "</li></ul><table><tr>"
              "<th>Year</th><th>Spend</th></tr><tr><td>2024</td><td>$1.2bn</td></tr></table><p>" +
              testing::paragraph(4) + "</p></main><footer>Share Facebook Twitter</footer></body></html>");
  v.push_back("<p>Zelenskiy met Sergei Lavrov\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s deputy in Kiev on \xef\xbc\x91\xef\xbc\x90 "
              "March, and the talks ran for three hours before both sides left without a statement.</p><p>" +
              testing::paragraph(5) + "</p>");
  return v;
}

std::vector<Options> option_sets() {
  std::vector<Options> v(4);
  v[1].favor = Favor::Precision;
  v[1].normalize.form = UnicodeForm::NFKC;
  v[1].normalize.ascii_punctuation = true;
  auto names = std::make_shared<NameDictionary>(NameDictionary::builtin());
  EXPECT_TRUE(names->merge("Kiev = Kyiv\n").empty());  // flips the built-in canonical form
  v[2].normalize.dictionary = std::move(names);
  v[2].favor = Favor::Recall;
  v[3].normalize.enabled = false;
  v[3].evidence = false;
  v[3].dropped_text = false;
  v[3].block_keys = true;
  return v;
}

// Everything a caller can see of a result.
std::string seen(const Result& r) {
  RenderOptions json;
  json.explain = true;
  RenderOptions markdown;
  markdown.links = true;
  markdown.title = true;
  std::string s = render(r, Format::Json, json) + "\n" + render(r, Format::Markdown, markdown);
  for (std::uint64_t k : r.block_keys) s += " " + std::to_string(k);
  return s;
}

TEST(Threads, CallsFromManyThreadsAtOnceAgreeWithOneThread) {
  const std::vector<std::string> inputs = pages();
  const std::vector<Options> options = option_sets();
  const std::size_t cases = inputs.size() * options.size();
  // The threads start before any call on this one, so the first calls (and
  // the tables they fill) race; each takes the cases from its own offset.
  std::vector<std::vector<std::string>> got(kThreads, std::vector<std::string>(cases));
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t round = 0; round < 2; ++round) {
        for (std::size_t k = 0; k < cases; ++k) {
          const std::size_t c = (k + t * 7) % cases;
          got[t][c] = seen(extract(inputs[c / options.size()], options[c % options.size()]));
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t c = 0; c < cases; ++c) {
    const Result r = extract(inputs[c / options.size()], options[c % options.size()]);
    ASSERT_TRUE(r.ok()) << "case " << c << ": " << r.error;
    ASSERT_FALSE(r.text.empty()) << "case " << c;
    const std::string expected = seen(r);
    for (std::size_t t = 0; t < kThreads; ++t) EXPECT_EQ(got[t][c], expected) << "case " << c << ", thread " << t;
  }
}

// A paragraph of its own words: block keys read every number as one '0',
// so testing::paragraph(n) would be the same block on every page.
std::string own_paragraph(std::size_t n) {
  std::string word;
  for (std::size_t k = n + 1; k > 0; k /= 26) word += static_cast<char>('a' + k % 26);
  return "The " + word + " report, filed on Tuesday, tells the reader what the council decided and why.";
}

TEST(Threads, OneLearnerSharedByThreadsCountsEveryPage) {
  const std::string kFooter =
      "Our newsroom is funded by readers like you, and every story on this site is free to read and share.";
  constexpr std::size_t kPagesEach = 10;
  SiteBoilerplate learner;
  std::vector<std::vector<Result>> results(kThreads);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = 0; i < kPagesEach; ++i) {
        const std::size_t n = t * kPagesEach + i;
        Result r = clean_text(own_paragraph(n) + "\n\n" + own_paragraph(n + 100) + "\n\n" + kFooter);
        learner.observe("example.com", r);
        results[t].push_back(std::move(r));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(learner.pages_with("example.com", kFooter), kThreads * kPagesEach);
  threads.clear();
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (Result& r : results[t]) EXPECT_EQ(learner.apply("example.com", r), 1u);
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t t = 0; t < kThreads; ++t) {
    for (std::size_t i = 0; i < kPagesEach; ++i) {
      const std::size_t n = t * kPagesEach + i;
      EXPECT_EQ(results[t][i].text, own_paragraph(n) + "\n\n" + own_paragraph(n + 100));
    }
  }
}

}  // namespace
}  // namespace winnow
