// The lean prescan sets text aside (html_prescan.hpp, TextAside): what
// stays in the markup, what the walk gets back, and what is never moved.
// That extraction comes out the same either way is html_prescan_lean_test's.
#include <gtest/gtest.h>

#include <string>

#include "html_prescan.hpp"

namespace winnow::detail {
namespace {

const std::string kFirstMark = "\xF3\xB0\x80\x80";   // U+F0000, run 0
const std::string kSecondMark = "\xF3\xB0\x80\x81";  // U+F0001, run 1

Prescanned set_aside(std::string_view html) { return prescan_html(html, true, TextAside::SetAside); }

std::string run_at(const Prescanned& page, std::size_t at) {
  auto run = text_run_at(page, std::string_view(page.html).substr(at));
  return run ? std::string(*run) : "(none)";
}

TEST(TextAside, MovesTheMiddleOfEachRunAndKeepsItsEdges) {
  Prescanned p = set_aside("<p>  Hello,   world \n</p><p>x</p>");
  EXPECT_EQ(p.html, "<p> " + kFirstMark + "\n</p><p>" + kSecondMark + "</p>");
  EXPECT_EQ(run_at(p, 4), "Hello, world");
  EXPECT_EQ(run_at(p, p.html.find(kSecondMark)), "x");
  ASSERT_EQ(p.text_run_ends.size(), 2u);
}

TEST(TextAside, OffByDefaultAndWithoutLean) {
  EXPECT_EQ(prescan_html("<p>a b</p>").html, "<p>a b</p>");
  EXPECT_EQ(prescan_html("<p>a b</p>", false, TextAside::SetAside).html, "<p>a b</p>");
  EXPECT_TRUE(prescan_html("<p>a b</p>", false, TextAside::SetAside).text_run_ends.empty());
}

TEST(TextAside, KeepsRunsTheTokenizerRewrites) {
  for (std::string text : {"a &amp; b", "a < b", "x\x01y", "x\x7Fy", "c\xC2\x85" "1", "n\xEF\xB7\x90",
                           "n\xEF\xBF\xBE", "n\xF0\x9F\xBF\xBF", "bad \xC3( utf", "cut \xE2\x82"}) {
    Prescanned p = set_aside("<p>" + text + "</p>");
    EXPECT_TRUE(p.text_run_ends.empty()) << text;
    EXPECT_EQ(p.html.find('\xF3'), std::string::npos) << text;
  }
  // A carriage return in <pre> (outside it, whitespace is folded first).
  EXPECT_TRUE(set_aside("<pre>a\r\nb</pre>").text_run_ends.empty());
  EXPECT_EQ(set_aside("<p>a\r\nb</p>").text_runs, "a\nb");
}

TEST(TextAside, MovesCharactersTheTokenizerKeeps) {
  std::string text = "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80 \xEE\x80\x80 \xC2\xA0 tab\there";
  Prescanned p = set_aside("<pre>" + text + "</pre>");
  EXPECT_EQ(p.text_runs, text);
}

TEST(TextAside, LeavesTextThatGumboReadsAsMarkupOrRawText) {
  Prescanned p = set_aside("<!DOCTYPE html><title>a <b> t</title><textarea> x </textarea><p>y</p>");
  EXPECT_EQ(p.html, "<!DOCTYPE html><title>a <b> t</title><textarea> x </textarea><p>" + kFirstMark + "</p>");
  EXPECT_EQ(set_aside("<p>a</p><plaintext>b <i> c").html, "<p>" + kFirstMark + "</p><plaintext>b <i> c");
}

TEST(TextAside, PagesHoldingTheMarkCharactersKeepTheirText) {
  // Planes 15 and 16 name the runs; a page with a character of planes 12
  // to 16 keeps all its text, so that no character is taken for a run.
  for (std::string c : {"\xF3\xB0\x80\x80", "\xF3\xA0\x80\x81", "\xF4\x8F\xBF\xBD"}) {
    Prescanned p = set_aside("<p>one</p><p>two " + c + "</p>");
    EXPECT_TRUE(p.text_run_ends.empty());
    EXPECT_EQ(p.html, "<p>one</p><p>two " + c + "</p>");
  }
  EXPECT_EQ(set_aside("<p>one</p><p>\xEE\x80\x80</p>").text_run_ends.size(), 2u);
}

TEST(TextAside, StopsAtAFrameset) {
  Prescanned p = set_aside("<p>a</p><frameset> b c <frame></frameset> d");
  EXPECT_EQ(p.text_run_ends.size(), 1u);
  EXPECT_NE(p.html.find(" b c "), std::string::npos);
}

TEST(TextAside, RunsGoOnIntoPlaneSixteenThenStayInTheMarkup) {
  constexpr std::size_t kPerPlane = 0xFFFE;  // each plane's last two are noncharacters
  std::string html;
  for (std::size_t i = 0; i < 2 * kPerPlane + 10; ++i) html += std::to_string(i) + "<br>";
  Prescanned p = set_aside(html);
  ASSERT_EQ(p.text_run_ends.size(), 2 * kPerPlane);
  std::size_t last_in_15 = p.html.find("\xF3\xBF\xBF\xBD");  // U+FFFFD
  std::size_t first_in_16 = p.html.find("\xF4\x80\x80\x80");  // U+100000
  std::size_t last_in_16 = p.html.find("\xF4\x8F\xBF\xBD");  // U+10FFFD
  ASSERT_NE(last_in_15, std::string::npos);
  EXPECT_EQ(run_at(p, last_in_15), std::to_string(kPerPlane - 1));
  EXPECT_EQ(run_at(p, first_in_16), std::to_string(kPerPlane));
  EXPECT_EQ(run_at(p, last_in_16), std::to_string(2 * kPerPlane - 1));
  EXPECT_NE(p.html.find("<br>" + std::to_string(2 * kPerPlane) + "<br>"), std::string::npos);
}

TEST(TextAside, OnlyMarksOfThisPageNameARun) {
  Prescanned p = set_aside("<p>a</p>");
  EXPECT_EQ(run_at(p, 3), "a");
  EXPECT_FALSE(text_run_at(p, kSecondMark));          // no run 1
  EXPECT_FALSE(text_run_at(p, "\xF3\xBF\xBF\xBE"));   // a noncharacter
  EXPECT_FALSE(text_run_at(p, "\xF3\xB0\x80"));       // cut short
  EXPECT_FALSE(text_run_at(p, "\xF3\xB0\x80" "a"));   // malformed
  EXPECT_FALSE(text_run_at(p, "\xF3\xAF\xBF\xBF"));   // U+EFFFF, plane 14
}

}  // namespace
}  // namespace winnow::detail
