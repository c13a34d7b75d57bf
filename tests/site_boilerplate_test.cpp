// Site-level boilerplate: the library class, and the CLI on a synthetic
// multi-page site made from samples/.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "cli_support.hpp"
#include "winnow/site_boilerplate.hpp"

namespace fs = std::filesystem;
using winnow::test::read_file;
using winnow::test::sh;
using winnow::test::TempDir;
using winnow::test::write_file;

namespace {

const std::string kTagline =
    "Lagos Daily Wire is an independent digital newsroom covering politics, business and "
    "culture across West Africa since 2009.";
const std::string kFooter = "All opinions expressed by contributors are their own (c) 2011-2024 LDW Media.";

winnow::Result page(const std::string& body, const std::string& extra = "") {
  return winnow::clean_text(body + "\n\n" + kTagline + "\n\n" + extra + "\n");
}

// Distinct in words, not only in numbers (numbers are folded when blocks
// are compared).
std::string body(int i) {
  static const char* kWords[] = {"harbour", "election", "festival", "drought", "museum",
                                 "railway", "vaccine", "orchestra", "tariff", "glacier"};
  return std::string("This story about the ") + kWords[i % 10] + " and the " + kWords[(i / 10) % 10] +
         " is a paragraph long enough to read as prose, unlike any other.";
}

bool has_block(const winnow::Result& r, std::string_view text, bool kept) {
  for (const auto& b : r.blocks) {
    if (b.text == text) return b.kept == kept;
  }
  return false;
}

TEST(SiteBoilerplate, BlockOnEnoughPagesOfASiteIsDropped) {
  winnow::SiteBoilerplate learner;  // min_pages = 3
  std::vector<winnow::Result> pages;
  for (int i = 0; i < 3; ++i) {
    pages.push_back(page(body(i)));
    learner.observe("news.example", pages.back());
  }
  EXPECT_EQ(learner.pages_with("news.example", kTagline), 3u);
  winnow::Result& r = pages[0];  // learned from later pages, applied to the first
  ASSERT_NE(r.text.find(kTagline), std::string::npos);
  EXPECT_EQ(learner.apply("news.example", r), 1u);
  EXPECT_EQ(r.text.find(kTagline), std::string::npos);
  EXPECT_NE(r.text.find(body(0)), std::string::npos);
  for (const auto& b : r.blocks) {
    if (b.text != kTagline) continue;
    EXPECT_FALSE(b.kept);
    EXPECT_EQ(b.reason, winnow::Reason::Boilerplate);
    EXPECT_EQ(b.evidence, "repeated on 3 pages of news.example");
  }
}

// Without evidence the same blocks are dropped for the same reason, and
// their evidence is left empty (the CLI learns so unless --explain).
TEST(SiteBoilerplate, EvidenceOffDropsTheSameBlocksWithoutTheWhy) {
  winnow::SiteBoilerplateOptions quiet;
  quiet.evidence = false;
  winnow::SiteBoilerplate with, without(quiet);
  std::vector<winnow::Result> pages;
  for (int i = 0; i < 3; ++i) {
    pages.push_back(page(body(i)));
    with.observe("news.example", pages.back());
    without.observe("news.example", pages.back());
  }
  winnow::Result a = pages[0], b = pages[0];
  EXPECT_EQ(with.apply("news.example", a), 1u);
  EXPECT_EQ(without.apply("news.example", b), 1u);
  EXPECT_EQ(a.text, b.text);
  ASSERT_EQ(a.blocks.size(), b.blocks.size());
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    EXPECT_EQ(a.blocks[i].kept, b.blocks[i].kept);
    EXPECT_EQ(a.blocks[i].reason, b.blocks[i].reason);
    if (b.blocks[i].reason == winnow::Reason::Boilerplate) {
      EXPECT_EQ(a.blocks[i].evidence, "repeated on 3 pages of news.example");
      EXPECT_EQ(b.blocks[i].evidence, "");
    }
  }
}

TEST(SiteBoilerplate, TwoPagesAreNotEnoughAndSitesAreSeparate) {
  winnow::SiteBoilerplate learner;
  winnow::Result a = page(body(1)), b = page(body(2)), c = page(body(3));
  learner.observe("one.example", a);
  learner.observe("one.example", b);
  learner.observe("two.example", c);
  EXPECT_EQ(learner.apply("one.example", a), 0u);
  EXPECT_EQ(learner.apply("two.example", c), 0u);
  EXPECT_TRUE(has_block(a, kTagline, true));
}

TEST(SiteBoilerplate, SameBlockCountsOncePerPage) {
  winnow::SiteBoilerplate learner;
  // A block repeated inside one page is that page's business, not the site's.
  winnow::Result r = winnow::clean_text(body(1) + "\n\n" + kFooter + "\n\n" + body(2) + "\n\n" + kFooter + "\n");
  learner.observe("s", r);
  learner.observe("s", r);
  EXPECT_EQ(learner.pages_with("s", kFooter), 2u);
}

TEST(SiteBoilerplate, NumbersAndCaseDoNotMakeABlockNew) {
  winnow::SiteBoilerplate learner;
  for (int year : {2019, 2020, 2021}) {
    learner.observe("s", page(body(year), "COPYRIGHT " + std::to_string(year) + " Example Media Group. All rights reserved."));
  }
  EXPECT_EQ(learner.pages_with("s", "Copyright 1999 example media group. All rights reserved"), 3u);
}

TEST(SiteBoilerplate, PageMadeOnlyOfRecurringBlocksKeepsThem) {
  winnow::SiteBoilerplate learner;
  winnow::Result r = winnow::clean_text(kTagline + "\n");
  for (int i = 0; i < 4; ++i) learner.observe("s", r);
  EXPECT_EQ(learner.apply("s", r), 0u);
  EXPECT_NE(r.text.find(kTagline), std::string::npos);
}

TEST(SiteBoilerplate, SameOrderGivesSameResults) {
  auto run = [] {
    winnow::SiteBoilerplateOptions o;
    o.width = 256;  // tiny: collisions happen, and must happen the same way
    winnow::SiteBoilerplate learner(o);
    std::string all;
    for (int i = 0; i < 40; ++i) {
      winnow::Result r = page(body(i), "Line " + std::to_string(i % 7) + " of a rotating promo box");
      learner.observe("site" + std::to_string(i % 3), r);
      learner.apply("site" + std::to_string(i % 3), r);
      all += r.text + "\x1f";
    }
    return all;
  };
  EXPECT_EQ(run(), run());
}

TEST(SiteBoilerplate, EndlessStreamDoesNotSaturateTheSketch) {
  winnow::SiteBoilerplateOptions o;
  o.width = 4096;
  winnow::SiteBoilerplate learner(o);
  // 20,000 pages of unique blocks: five times the sketch's counters each page.
  for (int i = 0; i < 20000; ++i) {
    winnow::Result r;
    for (int j = 0; j < 5; ++j) {
      winnow::Block b;
      b.text = "unique block " + std::to_string(i) + " part " + std::string(1, static_cast<char>('a' + j));
      b.kept = true;
      r.blocks.push_back(b);
    }
    learner.observe("stream", r);
  }
  int false_positives = 0;
  for (int k = 0; k < 1000; ++k) {
    if (learner.pages_with("stream", "never seen block number " + std::to_string(k) + " x") >= 3) ++false_positives;
  }
  EXPECT_LE(false_positives, 5);
}

// Options::block_keys: extract() hands over the keys the learner would
// compute from the Result's blocks, for dropped blocks (their text as
// found) and kept ones (normalized; here NFC and a name variant change a
// paragraph after the keys were first taken).
void expect_block_keys_as_computed(std::string_view input, winnow::Mode mode) {
  winnow::Options options;
  options.mode = mode;
  EXPECT_TRUE(winnow::extract(input, options).block_keys.empty());
  options.block_keys = true;
  const winnow::Result with_keys = winnow::extract(input, options);
  ASSERT_TRUE(with_keys.ok());
  ASSERT_EQ(with_keys.block_keys.size(), with_keys.blocks.size());
  winnow::Result plain = with_keys;
  plain.block_keys.clear();
  EXPECT_EQ(with_keys.block_keys, winnow::SiteBoilerplate::block_keys(plain));
  EXPECT_EQ(winnow::SiteBoilerplate::block_keys(with_keys), with_keys.block_keys);
}

TEST(SiteBoilerplate, ExtractGivesTheBlockKeysTheLearnerWouldCompute) {
  for (const auto& entry : fs::directory_iterator(WINNOW_SOURCE_DIR "/samples")) {
    SCOPED_TRACE(entry.path().string());
    expect_block_keys_as_computed(read_file(entry.path()), winnow::Mode::Text);
  }
  const std::string changed = "The cafe\xCC\x81 owner said Zelenskiy would visit the town on Tuesday afternoon.";
  const std::string text = "Menu\n\n" + body(1) + "\n\n" + changed + "\n\n" + body(2) + "\n\nShare\n";
  expect_block_keys_as_computed(text, winnow::Mode::Text);
  const winnow::Result r = winnow::clean_text(text);
  ASSERT_TRUE(std::any_of(r.blocks.begin(), r.blocks.end(), [&](const winnow::Block& b) {
    return b.kept && b.text.find("Zelensky would visit") != std::string::npos && b.text != changed;
  })) << "normalization left the paragraph as it was: the test no longer covers a changed block";
  expect_block_keys_as_computed(
      "<html><body><nav><a href=/>Home</a> <a href=/n>News</a></nav><article><h1>Rain due</h1>"
      "<p>" + changed + "</p><p>" + body(3) + "</p></article><footer>Copyright 2024</footer></body></html>",
      winnow::Mode::Html);
}

TEST(SiteBoilerplate, SiteKeyIsTheHostName) {
  using winnow::SiteBoilerplate;
  EXPECT_EQ(SiteBoilerplate::site_key("https://www.Example.com:8080/a/b?c#d"), "example.com");
  EXPECT_EQ(SiteBoilerplate::site_key("http://user@news.example.org"), "news.example.org");
  EXPECT_EQ(SiteBoilerplate::site_key("//cdn.example.net/x"), "cdn.example.net");
  EXPECT_EQ(SiteBoilerplate::site_key("not a url"), "");
  EXPECT_EQ(SiteBoilerplate::site_key(""), "");
}

// Five pages of one site, from the samples, each with the site's tagline and
// a contributor disclaimer in the middle of the article, as a scraper that
// flattened a sidebar into the text would see them.
void make_site(const TempDir& t) {
  std::vector<fs::path> s;
  for (auto& e : fs::directory_iterator(WINNOW_SOURCE_DIR "/samples")) s.push_back(e.path());
  std::sort(s.begin(), s.end());
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string text = read_file(s[i]);
    std::size_t middle = text.find('\n', text.size() / 2);
    ASSERT_NE(middle, std::string::npos);
    text.insert(middle + 1, "\n" + kTagline + "\n\n" + kFooter + "\n\n");
    write_file(t / ("site/page" + std::to_string(i) + ".txt"), text);
  }
}

// `text` without the block `gone` and the blank line that separated it.
std::string without_block(std::string text, const std::string& gone) {
  std::size_t at = text.find(gone);
  if (at == std::string::npos) return text;
  if (text.compare(at + gone.size(), 2, "\n\n") == 0) return text.erase(at, gone.size() + 2);
  if (at >= 2 && text.compare(at - 2, 2, "\n\n") == 0) return text.erase(at - 2, gone.size() + 2);
  return text.erase(at, gone.size());
}

TEST(SiteBoilerplate, CliDropsASyntheticSitesRepeatedBlocks) {
  TempDir t;
  make_site(t);
  std::string cd = "cd '" + t.path().string() + "' && ";
  auto on = sh(cd + "\"$W\" -o on site", t);
  auto off = sh(cd + "\"$W\" --no-site-boilerplate -o off site", t);
  ASSERT_EQ(on.status, 0) << on.err;
  ASSERT_EQ(off.status, 0) << off.err;
  for (int i = 0; i < 5; ++i) {
    std::string name = "/page" + std::to_string(i) + ".txt";
    std::string with = read_file(t / ("on" + name)), without = read_file(t / ("off" + name));
    EXPECT_NE(without.find(kTagline), std::string::npos) << name;
    EXPECT_EQ(with.find(kTagline), std::string::npos) << name;
    EXPECT_EQ(with.find("All opinions expressed"), std::string::npos) << name;
    // Nothing else changes: the article is what it was without learning.
    EXPECT_NE(without.find(kFooter), std::string::npos) << name;
    EXPECT_EQ(with, without_block(without_block(without, kTagline), kFooter)) << name;
  }
  auto explain = sh(cd + "\"$W\" --explain site", t);
  EXPECT_NE(explain.out.find("drop  boilerplate (repeated on 5 pages of site)"), std::string::npos)
      << explain.out;
}


// Workers render each page before site learning has seen the pages after
// it; the in-order end renders again every page learning changes. On the
// synthetic site learning changes every page, in every output format, and
// the output is the same at any -j.
TEST(SiteBoilerplate, CliRendersAgainWhatLearningChanges) {
  TempDir t;
  make_site(t);
  std::string cd = "cd '" + t.path().string() + "' && ";
  const std::pair<std::string, std::string> kFormats[] = {
      {"text", ".txt"}, {"markdown", ".md"}, {"json", ".json"}, {"jsonl", ".jsonl"}};
  for (const auto& [format, ext] : kFormats) {
    for (const std::string explain : {"", " --explain"}) {
      SCOPED_TRACE(format + explain);
      const std::string flags = " -f " + format + explain;
      auto one = sh(cd + "\"$W\" -j1" + flags + " site", t);
      auto three = sh(cd + "\"$W\" -j3" + flags + " site", t);
      ASSERT_EQ(one.status, 0) << one.err;
      EXPECT_EQ(one.out, three.out);
      auto to_dir = sh(cd + "\"$W\" -j3" + flags + " -o out-" + format + std::to_string(explain.size()) + " site", t);
      ASSERT_EQ(to_dir.status, 0) << to_dir.err;
      if (explain.empty()) {
        EXPECT_EQ(one.out.find(kTagline), std::string::npos);
        EXPECT_EQ(one.out.find("All opinions expressed"), std::string::npos);
      } else {
        // Once per page, on the line that says why it was dropped.
        std::size_t drops = 0;
        for (std::size_t at = 0; (at = one.out.find("repeated on 5 pages of site", at)) != std::string::npos; ++at) ++drops;
        EXPECT_EQ(drops, 10u);  // tagline and disclaimer on each of 5 pages
      }
      std::string files;
      for (int i = 0; i < 5; ++i) {
        files += read_file(t / ("out-" + format + std::to_string(explain.size()) + "/page" + std::to_string(i) + ext));
      }
      if (explain.empty()) EXPECT_EQ(files.find(kTagline), std::string::npos);
      else EXPECT_NE(files.find("repeated on 5 pages of site"), std::string::npos);
    }
  }
  // The same pages as a JSON Lines stream, keyed by their URL's host.
  std::string stream;
  for (int i = 0; i < 5; ++i) {
    std::string page_text = read_file(t / ("site/page" + std::to_string(i) + ".txt"));
    std::string escaped;
    for (char c : page_text) {
      if (c == '\n') escaped += "\\n";
      else if (c == '"' || c == '\\') escaped += std::string("\\") + c;
      else if (static_cast<unsigned char>(c) < 0x20) escaped += ' ';
      else escaped += c;
    }
    stream += "{\"url\":\"https://ldw.example/" + std::to_string(i) + "\",\"text\":\"" + escaped + "\"}\n";
  }
  write_file(t / "site.jsonl", stream);
  auto one = sh(cd + "\"$W\" -j1 --input jsonl --field text site.jsonl", t);
  auto three = sh(cd + "\"$W\" -j3 --input jsonl --field text site.jsonl", t);
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(one.out, three.out);
  EXPECT_EQ(winnow::test::count_lines(one.out), 5u);
  EXPECT_EQ(one.out.find("Lagos Daily Wire is an independent"), std::string::npos);
  EXPECT_NE(one.out.find("\"url\":\"https://ldw.example/4\""), std::string::npos);
}

}  // namespace
