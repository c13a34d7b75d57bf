#include <gtest/gtest.h>

#include "html_hints.hpp"
#include "html_test_util.hpp"

namespace winnow {
namespace {

using test::kept;
using test::paragraphs;
using test::prose;

const Block* find_block(const Result& r, const std::string& needle) {
  for (const auto& b : r.blocks) {
    if (b.text.find(needle) != std::string::npos) return &b;
  }
  return nullptr;
}

// The block holding `needle` is there, dropped as hidden.
void expect_hidden(const Result& r, const char* needle) {
  EXPECT_FALSE(kept(r, needle)) << needle;
  const Block* b = find_block(r, needle);
  ASSERT_NE(b, nullptr) << needle;
  EXPECT_EQ(b->reason, Reason::Hidden) << needle;
}

TEST(HtmlChrome, HiddenElementsAreDroppedWithTheirReason) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 3) +
      "<p hidden>Hidden by attribute, a full sentence.</p>"
      "<div aria-hidden=\"true\">Hidden from readers, a full sentence.</div>"
      "<p style=\"color: red; DISPLAY : none\">Hidden by style, a full sentence.</p>"
      "<p>Visible <span style=\"visibility:hidden\">secret</span> words end the story.</p>"
      "</article>"));
  ASSERT_TRUE(r.ok());
  for (const char* hidden : {"attribute", "from readers", "by style", "secret"}) expect_hidden(r, hidden);
  EXPECT_TRUE(kept(r, "Visible"));
  EXPECT_TRUE(kept(r, "words end the story."));
}

// Hidden inline elements (icons, screen-reader-only marks) are left out of
// the sentence around them without cutting it: the visible words stay one
// block, as a reader sees them, and inline markup across the hidden element
// stays whole.
TEST(HtmlChrome, HiddenInlineElementsDoNotCutTheirSentence) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 3) +
      "<p>Click the <i class=\"fa\" aria-hidden=\"true\"></i>download button to get the report.</p>"
      "<p>An exam<span style=\"display:none\">-</span>ple of a word with a hidden part in it.</p>"
      "<p>An <em>important <i aria-hidden=\"true\">(icon)</i>point</em> in <a href=\"https://example.com/a\">the "
      "<span hidden>(skipped)</span>report</a> was made.</p>"
      "</article>"));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(kept(r, "Click the download button to get the report."));
  EXPECT_TRUE(kept(r, "An example of a word with a hidden part in it."));
  EXPECT_TRUE(kept(r, "An important point in the report was made."));
  const Block* marked = find_block(r, "important point");
  ASSERT_NE(marked, nullptr);
  EXPECT_EQ(marked->markdown, "An *important point* in [the report](https://example.com/a) was made.");
  expect_hidden(r, "(icon)");
  expect_hidden(r, "(skipped)");
}

// Text for screen readers only (class "sr-only", "visually-hidden", ...:
// whole class names from the hints file) is hidden from sighted readers,
// and leaves the sentence around it whole.
TEST(HtmlChrome, ScreenReaderOnlyTextIsHidden) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 3) +
      "<p>Shares rose <span class=\"sr-only\">(opens in new tab)</span>sharply in late trading on Friday.</p>"
      "<p>Read the <a href=\"/r\">report<span class=\"Visually-Hidden x\"> (PDF file)</span></a> for the "
      "details of the deal.</p><p class=\"sr-only-focusable\">Shown on focus, a full sentence.</p></article>"));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(kept(r, "Shares rose sharply in late trading on Friday."));
  EXPECT_TRUE(kept(r, "Read the report for the details of the deal."));
  expect_hidden(r, "(opens in new tab)");
  expect_hidden(r, "(PDF file)");
  EXPECT_TRUE(kept(r, "Shown on focus")) << "a class is hidden only when it is a whole name of the list";
}

// Of an attribute written twice the first counts, as browsers read it; a
// repeat without a value must not take the next attribute with it.
TEST(HtmlChrome, RepeatedAttributesCountOnce) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 3) +
      "<div role role hidden>Hidden after a repeated role, a full sentence.</div>"
      "<div aria-hidden aria-hidden hidden>Hidden after a repeated aria-hidden, a full sentence.</div>"
      "<p rel=\"\" rel=\"\" hidden>Hidden after a repeated rel, a full sentence.</p>"
      "<p style=\"color: red\" style=\"display: none\">Shown, since the first style counts.</p>"
      "<p>Visible words end the story.</p>"
      "</article>"));
  ASSERT_TRUE(r.ok());
  for (const char* hidden : {"repeated role", "repeated aria-hidden", "repeated rel"}) expect_hidden(r, hidden);
  EXPECT_TRUE(kept(r, "Shown, since the first style counts."));
  EXPECT_TRUE(kept(r, "Visible words end the story."));
}

TEST(HtmlChrome, NeverContentElementsLeaveNoText) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 2) +
      "<noscript>Enable JavaScript</noscript><template><p>tpl</p></template>"
      "<iframe>frame text</iframe><select><option>Option text</option></select>"
      "<button>Click me</button></article>"));
  for (const char* gone : {"Enable JavaScript", "tpl", "frame text", "Option text", "Click me"}) {
    EXPECT_EQ(find_block(r, gone), nullptr) << gone;
  }
}

TEST(HtmlChrome, NavigationAsideAndPageFooterAreDropped) {
  Result r = test::extract_html(test::page(
      "<header><a href=/>Site</a> <nav><a href=/a>World news today</a> <a href=/b>Sports "
      "and more</a></nav></header>"
      "<div class=\"layout\"><article>" + paragraphs(1, 4) + "</article>"
      "<aside><p>" + prose(90) + "</p></aside></div>"
      "<footer><p>Copyright 2024 the publisher, all rights reserved worldwide.</p></footer>"));
  EXPECT_TRUE(kept(r, "Paragraph 1 "));
  EXPECT_TRUE(kept(r, "Paragraph 4 "));
  EXPECT_FALSE(kept(r, "World news"));
  EXPECT_FALSE(kept(r, "Paragraph 90 "));
  EXPECT_FALSE(kept(r, "Copyright"));
}

TEST(HtmlChrome, ClassHintsMatchWholeTokensOnly) {
  const auto& hints = detail::builtin_hints();
  EXPECT_TRUE(hints.chrome_token("post-sidebar"));
  EXPECT_TRUE(hints.chrome_token("widget_area"));
  EXPECT_TRUE(hints.chrome_token("main SHARE-bar"));
  EXPECT_FALSE(hints.chrome_token("contentWithSidebar"));
  EXPECT_FALSE(hints.chrome_token("shared-content"));
  EXPECT_FALSE(hints.chrome_token("header-image"));
  EXPECT_TRUE(hints.content_token("entry-content"));
}

TEST(HtmlChrome, ShareBarsCommentsAndAdsInsideTheArticleAreDropped) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 2) +
      "<div class=\"share-buttons\">Share this story with your friends and family today.</div>" +
      paragraphs(3, 4) +
      "<div class=\"ad-slot\">Buy the new phone now, limited offer for everyone.</div>"
      "<section id=\"comments\"><p>I disagree with this article, said a reader at length.</p>"
      "</section></article>"));
  EXPECT_TRUE(kept(r, "Paragraph 4 "));
  const Block* share = find_block(r, "Share this story");
  ASSERT_NE(share, nullptr);
  EXPECT_EQ(share->reason, Reason::ShareBar);
  EXPECT_EQ(find_block(r, "Buy the new phone")->reason, Reason::AdMarker);
  EXPECT_EQ(find_block(r, "I disagree")->reason, Reason::CommentSection);
}

// A comment section whose class names nothing in English: the line that
// opens it says what it is ("Kommentare (12)", "Comments"), and in the
// second half of the article everything after that line is comments, as
// text mode reads them.
TEST(HtmlChrome, ACommentSectionIsKnownByTheLineThatOpensIt) {
  for (const char* opener : {"Kommentare (12)", "Comments", "Comments (1,204)"}) {
    Result r = test::extract_html(test::page(
        "<main><article>" + paragraphs(1, 4) + "</article>"
        "<section class=\"mehr\"><h2>Mehr zum Thema</h2><ul><li><a href=\"/a\">Trains are late "
        "again</a></li><li><a href=\"/b\">New line to Brussels</a></li></ul></section>"
        "<section class=\"kommentare\"><h2>" + opener + "</h2>"
        "<div class=\"kommentar\"><p><b>Reader1970</b> schrieb:</p>"
        "<p>Typical. I will believe it when I am sitting on the train, and not a day before.</p>"
        "</div></section></main>"));
    EXPECT_TRUE(kept(r, "Paragraph 4 ")) << opener;
    EXPECT_FALSE(kept(r, "Reader1970")) << opener << "\n" << r.text;
    const Block* comment = find_block(r, "Typical.");
    ASSERT_NE(comment, nullptr);
    EXPECT_EQ(comment->reason, Reason::CommentSection) << opener;
    EXPECT_EQ(find_block(r, "Mehr zum Thema")->reason, Reason::RelatedList);
  }
}

// The same line in the first half of the text is not taken for one: a
// story may say "Comments" early on.
TEST(HtmlChrome, ACommentOpenerEarlyInTheArticleCutsNothing) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 1) + "<h2>Comments</h2>" + paragraphs(2, 5) + "</article>"));
  EXPECT_TRUE(kept(r, "Paragraph 2 "));
  EXPECT_TRUE(kept(r, "Paragraph 5 "));
}

TEST(HtmlChrome, AnEmbeddedPostIsNotAShareBar) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 2) +
      "<div class=\"social-media-embed\"><blockquote class=\"tweet\"><p>Yes this is real and "
      "the state spent half a million dollars on it, a reader wrote.</p></blockquote></div>" +
      paragraphs(3, 4) + "<div class=\"social-share\"><a href=/f>Facebook</a> <a "
      "href=/t>Twitter</a></div></article>"));
  EXPECT_TRUE(kept(r, "Yes this is real"));
  EXPECT_FALSE(kept(r, "Facebook"));
}

TEST(HtmlChrome, AHintedWrapperHoldingTheArticleIsNotChrome) {
  // ASP.NET pages wrap everything in a <form>; layouts say "has-sidebar".
  Result r = test::extract_html(test::page(
      "<form id=\"aspnetForm\"><div class=\"page has-sidebar\">" + paragraphs(1, 5) +
      "</div></form>"));
  EXPECT_TRUE(kept(r, "Paragraph 1 "));
  EXPECT_TRUE(kept(r, "Paragraph 5 "));
}

TEST(HtmlChrome, LinkDenseListsAreDropped) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 3) +
      "<ul><li><a href=/1>Another story about the council</a></li>"
      "<li><a href=/2>More on the budget vote</a></li></ul></article>"));
  const Block* b = find_block(r, "Another story");
  ASSERT_NE(b, nullptr);
  EXPECT_FALSE(b->kept);
  EXPECT_EQ(b->reason, Reason::LinkDense);
}

// A heading that links to its own section (a permalink, "#setup") is the
// section's heading; a heading that links to another page is still a link.
TEST(HtmlChrome, HeadingsLinkingToTheirOwnSectionAreHeadings) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 2) + "<h2 id=\"setup\"><a href=\"#setup\">Setting it up</a></h2>" +
      paragraphs(3, 4) + "<h2><a href=\"#usage\">Using it day to day</a></h2>" + paragraphs(5, 6) +
      "<h3><a href=\"/other-story\">Another story about the council</a></h3>"
      "<h3><a href=\"/more\">More on the budget vote</a></h3></article>"));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(kept(r, "Setting it up"));
  EXPECT_TRUE(kept(r, "Using it day to day"));
  const Block* away = find_block(r, "Another story");
  ASSERT_NE(away, nullptr);
  EXPECT_FALSE(away->kept);
}

// Documentation sites end (or open) a heading with its link to itself,
// written as a sign: "Log levels¶" (Sphinx, MkDocs), "# Install". The sign
// is no part of the heading's text; a word in such a link is.
TEST(HtmlChrome, APermalinkSignIsNoPartOfItsHeading) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 2) +
      "<h2 id=\"levels\">Log levels<a class=\"headerlink\" href=\"#levels\" title=\"Link to this "
      "heading\">\xC2\xB6</a></h2>" + paragraphs(3, 4) +
      "<h2 id=\"install\"><a class=\"anchor\" href=\"#install\">#</a> Install</h2>" + paragraphs(5, 6) +
      "<h2 id=\"use\">Use <a href=\"#use\">it daily</a></h2>" + paragraphs(7, 8) + "</article>"));
  ASSERT_TRUE(r.ok());
  RenderOptions links;
  links.links = true;
  const std::string md = render(r, Format::Markdown, links);
  EXPECT_NE(md.find("\n## Log levels\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\n## Install\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\n## Use it daily\n"), std::string::npos) << md;
  EXPECT_EQ(r.text.find("\xC2\xB6"), std::string::npos) << r.text;
  // A page with no <title> is named by its <h1>, without the sign.
  Result untitled = test::extract_html("<html><body><article><h1 id=\"cfg\">Configuring logging<a "
                                       "href=\"#cfg\">\xC2\xB6</a></h1>" + paragraphs(1, 2) +
                                       "</article></body></html>");
  EXPECT_EQ(untitled.metadata.title, "Configuring logging");
}

// A block repeating the kept block before it is a duplicate (a caption
// given twice), but a line of a paragraph repeating the line before it is
// the text's own: a song's refrain.
TEST(HtmlChrome, ARefrainIsNoDuplicate) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 2) + "<p>We sang all night<br>Oh la la<br>Oh la la<br>and then went home</p>"
      "<p>Caption of the photo</p><p>Caption of the photo</p>" + paragraphs(3, 3) + "</article>"));
  EXPECT_NE(r.text.find("We sang all night\nOh la la\nOh la la\nand then went home\n\n"
                        "Caption of the photo\n\n" + prose(3)),
            std::string::npos)
      << r.text;
}

// A reference's or footnote's link back to where it is called is no word
// of it: Wikipedia's "^" before each reference, the "↩︎" Markdown tools
// write after a footnote. A link to a place on the page whose text is a
// word, or another sign (a footnote's "*"), stays.
TEST(HtmlChrome, BackLinksOfNotesAreNoText) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 3) + "<h2>References</h2><ol class=\"references\">"
      "<li id=\"cite_note-1\"><span><b><a href=\"#cite_ref-1\">^</a></b></span> Lindqvist, A. (2004). "
      "<i>Lakes of V\u00e4sterg\u00f6tland</i>. p. 112.</li>"
      "<li id=\"fn:2\"><p>Interview with the author, November 2023. <a href=\"#fnref:2\">\u21A9\uFE0E</a></p></li>"
      "<li><p>Seen from the shore <a href=\"#fn3\">*</a> and <a href=\"#top\">back to top \u2191</a></p></li>"
      "</ol></article>"));
  EXPECT_NE(r.text.find("\n\nLindqvist, A. (2004). Lakes of V\u00e4sterg\u00f6tland. p. 112.\n\n"
                        "Interview with the author, November 2023.\n\nSeen from the shore * and back to top \u2191"),
            std::string::npos)
      << r.text;
  const std::string md = render(r, Format::Markdown);
  EXPECT_NE(md.find("\n1. Lindqvist, A. (2004). *Lakes of V\u00e4sterg\u00f6tland*. p. 112.\n\n"
                    "2. Interview with the author, November 2023.\n"),
            std::string::npos)
      << md;
}

// A reference the article calls from several places opens with a caret
// and a lettered link back to each ("^ a b"), none of them words of it. A
// letter linking within the page with no caret before it stays (an index),
// and so does a letter in the reference's own text.
TEST(HtmlChrome, LetteredBackLinksOfReferencesAreNoText) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 3) + "<h2>References</h2><ol class=\"references\">"
      "<li id=\"cite_note-census-1\"><span class=\"mw-cite-backlink\">^ "
      "<a href=\"#cite_ref-census_1-0\"><sup><i><b>a</b></i></sup></a> "
      "<a href=\"#cite_ref-census_1-1\"><sup><i><b>b</b></i></sup></a></span> "
      "<span class=\"reference-text\">\"Census 2011\". Statistics Office. See note <a href=\"#n\">c</a>.</span></li>"
      "<li><a href=\"#a\">a</a> <a href=\"#b\">b</a> Index of the lakes by name</li>"
      "</ol></article>"));
  EXPECT_NE(r.text.find("\n\n\"Census 2011\". Statistics Office. See note c.\n\na b Index of the lakes by name"),
            std::string::npos)
      << r.text;
  const std::string md = render(r, Format::Markdown);
  EXPECT_NE(md.find("\n1. \"Census 2011\". Statistics Office. See note c.\n"), std::string::npos) << md;
}

TEST(HtmlChrome, TablesFollowTheOption) {
  std::string html = test::page("<article>" + paragraphs(1, 3) +
                                "<table><tr><th>Year</th><th>Votes</th></tr>"
                                "<tr><td>2023</td><td>1,204</td></tr></table></article>");
  Result with = test::extract_html(html);
  EXPECT_TRUE(kept(with, "2023 | 1,204")) << with.text;
  Options off;
  off.tables = false;
  Result without = test::extract_html(html, off);
  EXPECT_FALSE(kept(without, "2023"));
  EXPECT_TRUE(kept(without, "Paragraph 3 "));
}

}  // namespace
}  // namespace winnow
