#include <gtest/gtest.h>

#include "html_prescan.hpp"
#include "winnow/winnow.hpp"
#include "html_test_util.hpp"

namespace winnow::detail {
namespace {

TEST(HtmlPrescan, DropsScriptStyleCommentAndSvgBodies) {
  Prescanned p = prescan_html(
      "<p>a</p><script>var s = '</div><p>not text</p>';</script><style>p{}</style>"
      "<!-- <p>comment</p> --><svg><svg><text>x</text></svg><text>y</text></svg><p>b</p>");
  EXPECT_EQ(p.html, "<p>a</p><p>b</p>");
  EXPECT_GT(p.skipped_bytes, 0u);
}

TEST(HtmlPrescan, ScriptEndsPerTheTokenizerEscapeRules) {
  // Inside "<!--", a nested "<script>" makes the next "</script>" not the end.
  Prescanned p = prescan_html(
      "<script><!--<script>x</script>still script--></script><p>after</p>");
  EXPECT_EQ(p.html, "<p>after</p>");
  // "</script" must be followed by a terminator to end the script.
  p = prescan_html("<script>a = '</scripts>'; </script ><p>after</p>");
  EXPECT_EQ(p.html, "<p>after</p>");
}

TEST(HtmlPrescan, CommentEdgeCases) {
  EXPECT_EQ(prescan_html("<!--><p>a</p>").html, "<p>a</p>");     // abruptly closed
  EXPECT_EQ(prescan_html("<!-- x --!><p>a</p>").html, "<p>a</p>");
  EXPECT_EQ(prescan_html("<p>a</p><!-- unterminated <p>b</p>").html, "<p>a</p>");
}

TEST(HtmlPrescan, KeepsJsonLdAndOnlyUsefulAttributes) {
  const char* page =
      "<script type=\"application/ld+json\">{\"@type\":\"Article\"}</script>"
      "<div class=\"x post-sidebar  y\" onclick=\"evil()\" data-a='1' style=\"color:red\" title='a>b'>t</div>"
      "<span style=\"display: none\">h</span>";
  Prescanned p = prescan_html(page, false);
  ASSERT_EQ(p.json_ld.size(), 1u);
  EXPECT_EQ(p.json_ld[0], "{\"@type\":\"Article\"}");
  // Of class names, only those carrying a hint are kept.
  EXPECT_EQ(p.html, "<div class=\"post-sidebar\">t</div><span style=\"display: none\">h</span>");
  EXPECT_EQ(prescan_html("<p id=\"x1\">t</p>", false).html, "<p>t</p>");
  // Lean (the default): of those, only the tokens the walk matches.
  EXPECT_EQ(prescan_html(page).html, "<div class=\"sidebar post\">t</div><span style=\"display: none\">h</span>");
  // An attribute written twice, in any case, is passed on once: the first.
  for (bool lean : {false, true}) {
    EXPECT_EQ(prescan_html("<div role ROLE=\"nav\" hidden hidden>t</div>", lean).html, "<div role hidden>t</div>");
    EXPECT_EQ(prescan_html("<p style=\"color:red\" style=\"display:none\">t</p>", lean).html, "<p>t</p>");
  }
}

TEST(HtmlPrescan, FoldsWhitespaceOutsidePre) {
  EXPECT_EQ(prescan_html("<p>a  \t b\n\n  c</p><pre>x\n  y</pre>").html, "<p>a b\nc</p><pre>x\n  y</pre>");
  // Runs of whitespace at, across and inside eight-byte words.
  EXPECT_EQ(prescan_html("<p>a \n b</p>").html, "<p>a\nb</p>");
  EXPECT_EQ(prescan_html("<p>abcdefgh \n ijklmnop</p>").html, "<p>abcdefgh\nijklmnop</p>");
  EXPECT_EQ(prescan_html("<p>1234567 \tx</p>").html, "<p>1234567 x</p>");
  EXPECT_EQ(prescan_html("<p>1234567  x</p>").html, "<p>1234567 x</p>");
  EXPECT_EQ(prescan_html("<p>12345678 \r\n</p>").html, "<p>12345678\n</p>");
  EXPECT_EQ(prescan_html("<p> one two three four five six seven </p>").html,
            "<p> one two three four five six seven </p>");
  EXPECT_EQ(prescan_html("<p>a\tb\fc\rd</p>").html, "<p>a b c d</p>");
  EXPECT_EQ(prescan_html("<p>a\x01  b\x0b c</p>").html, "<p>a\x01 b\x0b c</p>");
}

TEST(HtmlPrescan, ReferencesPastUnicodeBecomeTheReplacementCharacter) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(prescan_html("<p>a&#x80000000;b &#1114112 c &#X110000;; &#x10FFFF; &#4294967361;</p>").html,
            "<p>a" + fffd + "b " + fffd + " c " + fffd + "; &#x10FFFF; " + fffd + "</p>");
  EXPECT_EQ(prescan_html("<p>&#; &#x; &# &#xG1; &#0000000000000065;</p>").html,
            "<p>&#; &#x; &# &#xG1; &#0000000000000065;</p>");
  EXPECT_EQ(prescan_html("<title>&#xFFFFFFFF;</title><a href=\"/&#9999999;\">x</a>", false).html,
            "<title>" + fffd + "</title><a href=\"/" + fffd + "\">x</a>");
}

TEST(HtmlPrescan, ReferencesPastUnicodeKeepTheTextAfterThem) {
  Options options;
  options.mode = Mode::Html;
  Result r = extract(test::page(test::paragraphs(1, 2) +
                                "<p>Before&#x80000000;after and &#xD80EEEEEEEEEEEEEEEEEEEEEEEEE5;end, a sentence "
                                "long enough to read as prose among the others on this page.</p>" +
                                test::paragraphs(3, 4)),
                     options);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_NE(r.text.find("Before\xEF\xBF\xBD" "after and \xEF\xBF\xBD" "end,"), std::string::npos) << r.text;
}

TEST(HtmlPrescan, TitleAndTextareaAreText) {
  Prescanned p = prescan_html("<title>a <b> &amp; <!-- c --></title>");
  EXPECT_EQ(p.html, "<title>a <b> &amp; <!-- c --></title>");
}

TEST(HtmlPrescan, CapsNesting) {
  std::string deep;
  for (int i = 0; i < kMaxNesting + 50; ++i) deep += "<div>";
  deep += "x";
  Prescanned p = prescan_html(deep);
  EXPECT_EQ(p.flattened_tags, 50u);
  EXPECT_NE(p.html.find('x'), std::string::npos);
}

TEST(HtmlWalk, HundredThousandDeepNestingDoesNotOverflow) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += test::prose(1);
  for (int i = 0; i < 100000; ++i) html += "</div>";
  html += "</body></html>";
  Result r = test::extract_html(html);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(test::kept(r, "Paragraph 1 tells the story"));
}

TEST(HtmlWalk, DeepInlineNestingDoesNotOverflow) {
  std::string html = "<p>";
  for (int i = 0; i < 100000; ++i) html += "<b><span>";
  html += test::prose(2);
  Result r = test::extract_html(html);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(test::kept(r, "Paragraph 2 tells the story"));
}

TEST(HtmlWalk, BlocksFollowBlockElementsAndBreaks) {
  Result r = test::extract_html(test::page(
      "<article><div>" + test::prose(1) + "<br>" + test::prose(2) + "<br><br>" + test::prose(3) +
      "</div><ul><li>first item of the list</li><li>second item of the list</li></ul></article>"));
  ASSERT_TRUE(r.ok());
  std::vector<std::string> kept;
  for (const auto& b : r.blocks) {
    if (b.kept) kept.push_back(b.text);
  }
  ASSERT_EQ(kept.size(), 5u) << r.text;
  EXPECT_EQ(kept[0], test::prose(1));
  EXPECT_EQ(kept[3], "first item of the list");
}

// Block::after_line_break marks the block that is the next line of the
// block before it (a <br> between, in one paragraph): not after a blank
// line (<br><br>), an <hr> or a block's end, nor on a heading. Hidden
// text gathered aside inside a line is a line of the paragraph too, so
// the visible line after it still goes on from the one before.
TEST(HtmlWalk, BlocksAfterALineBreakSaySo) {
  Result r = test::extract_html(test::page(
      "<article><div>" + test::prose(1) + "<br>" + test::prose(2) + "<br><br>" + test::prose(3) + "<hr>" +
      test::prose(4) + "</div><p>" + test::prose(5) + "</p><p>Line one<br>Line <i aria-hidden=\"true\">icon</i>two"
      "<br></p><p>" + test::prose(6) + "</p><h2>Heading<br>goes on</h2></article>"));
  ASSERT_TRUE(r.ok());
  std::vector<std::pair<std::string, bool>> lines;
  for (const auto& b : r.blocks) lines.emplace_back(b.text, b.after_line_break);
  const std::vector<std::pair<std::string, bool>> expected{
      {test::prose(1), false}, {test::prose(2), true}, {test::prose(3), false}, {test::prose(4), false},
      {test::prose(5), false}, {"Line one", false},    {"icon", true},          {"Line two", true},
      {test::prose(6), false}, {"Heading", false},     {"goes on", false}};
  EXPECT_EQ(lines, expected);
}

TEST(HtmlWalk, WhitespaceFoldsButPreformattedTextKeepsLines) {
  Result r = test::extract_html(test::page("<article><p>" + test::prose(1) +
                                           "</p><p>spread   \n over\tlines, as sentences go.</p>"
                                           "<pre>line one\n  line two</pre></article>"));
  EXPECT_TRUE(test::kept(r, "spread over lines, as sentences go.")) << r.text;
  // The block keeps its line break (normalization trims indentation).
  EXPECT_TRUE(test::kept(r, "line one\n")) << r.text;
}

TEST(HtmlWalk, NeverEmitsTextTwice) {
  Result r = test::extract_html(test::page(
      "<main><div><p>" + test::prose(1) + "</p><div>" + test::prose(2) + "<p>" + test::prose(3) +
      "</p>" + test::prose(4) + "</div></div></main>"));
  for (int n = 1; n <= 4; ++n) {
    std::string p = test::prose(n);
    auto first = r.text.find(p);
    ASSERT_NE(first, std::string::npos) << n;
    EXPECT_EQ(r.text.find(p, first + 1), std::string::npos) << n;
  }
}

// The HTML parser decodes a page's character references once, as a browser
// does: what is left is text the page shows ("&amp;lt;" shows "&lt;"), and
// normalization must not decode it again. Scraped text, which no parser
// has decoded, still has its leftover references decoded.
TEST(HtmlWalk, CharacterReferencesAreDecodedOnce) {
  Result r = winnow::test::extract_html(winnow::test::page(
      "<article>" + winnow::test::paragraphs(1, 2) +
      "<p>Write <code>&amp;amp;</code> for an ampersand and &amp;lt; for a less-than sign in the source "
      "of your page, and &amp;nbsp; for a space.</p></article>"));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(winnow::test::kept(r, "Write &amp; for an ampersand and &lt; for a less-than sign"));
  EXPECT_TRUE(winnow::test::kept(r, "and &nbsp; for a space."));
  for (const auto& note : r.notes) EXPECT_EQ(note.find("entities"), std::string::npos) << note;

  Options text;
  text.mode = Mode::Text;
  Result scraped = extract("Caf&eacute; owners said &quot;no&quot; to the plan, the council&#8217;s clerk wrote.\n", text);
  ASSERT_TRUE(scraped.ok());
  EXPECT_EQ(scraped.text, "Caf\u00e9 owners said \"no\" to the plan, the council\u2019s clerk wrote.");
}

}  // namespace
}  // namespace winnow::detail
