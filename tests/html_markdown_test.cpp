#include <gtest/gtest.h>

#include "html_test_util.hpp"

namespace winnow {
namespace {

std::string markdown_of(const std::string& article, bool links) {
  Result r = test::extract_html(test::page("<article><p>" + test::prose(1) + "</p>" + article +
                                           "</article>"));
  RenderOptions ro;
  ro.links = links;
  return render(r, Format::Markdown, ro);
}

TEST(HtmlMarkdown, EmphasisHeadingsListsQuotes) {
  std::string md = markdown_of(
      "<h2>Results</h2><p>The vote was <em>close</em> and <strong>binding </strong>for all, as "
      "the <code>x_y</code> rule says.</p><ul><li>Roads get more money.</li></ul>"
      "<blockquote>We did what we could.</blockquote>",
      false);
  EXPECT_NE(md.find("## Results\n"), std::string::npos) << md;
  EXPECT_NE(md.find("The vote was *close* and **binding** for all, as the `x_y` rule says."),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- Roads get more money."), std::string::npos) << md;
  EXPECT_NE(md.find("> We did what we could."), std::string::npos) << md;
}

TEST(HtmlMarkdown, LinksOnlyWhenAsked) {
  std::string article =
      "<p>See the <a href=\"https://example.com/a(1)\">full [report]</a> for details, said the "
      "clerk in a statement.</p>";
  std::string with = markdown_of(article, true);
  EXPECT_NE(with.find("See the [full \\[report\\]](https://example.com/a(1%29) for details"),
            std::string::npos)
      << with;
  std::string without = markdown_of(article, false);
  EXPECT_NE(without.find("See the full \\[report\\] for details"), std::string::npos) << without;
}

TEST(HtmlMarkdown, PlainTextHasNoMarkup) {
  Result r = test::extract_html(test::page(
      "<article><p>" + test::prose(1) + " It was <em>close</em>.</p></article>"));
  EXPECT_NE(r.text.find("It was close."), std::string::npos) << r.text;
}

// Text that reads as a Markdown block marker at the start of a line stays
// text: "# 1 seller" was a heading, "+ tax" a list item, "2024. The year"
// a numbered list. Emphasis opening a paragraph is left alone.
TEST(HtmlMarkdown, TextThatLooksLikeABlockMarkerStaysText) {
  std::string md = markdown_of(
      "<p># 1 seller of the year, the shop said, again for the third time in a row.</p>"
      "<p>+ tax, the bill came to more than the council had set aside for it.</p>"
      "<p>2024. The year the council voted to close the old bridge after a debate.</p>"
      "<p>&gt; quoted in the paper, the mayor said nothing more about the matter.</p>"
      "<p><b>Bold</b> opening of a paragraph that is long enough to be kept here.</p>"
      "<p>#hashtag and 3.5 per cent are text wherever they are in a paragraph.</p>",
      false);
  EXPECT_NE(md.find("\n\\# 1 seller of the year"), std::string::npos) << md;
  EXPECT_NE(md.find("\n\\+ tax, the bill"), std::string::npos) << md;
  EXPECT_NE(md.find("\n2024\\. The year"), std::string::npos) << md;
  EXPECT_NE(md.find("\n\\> quoted in the paper"), std::string::npos) << md;
  EXPECT_NE(md.find("\n**Bold** opening"), std::string::npos) << md;
  EXPECT_NE(md.find("\n#hashtag and 3.5 per cent"), std::string::npos) << md;
}

// Relative links work away from the page: resolved against its <base
// href>, else its own URL (<link rel=canonical>, og:url), as Readability
// does; left as they are when no absolute URL is known.
TEST(HtmlMarkdown, RelativeLinksAreResolvedAgainstThePagesUrl) {
  const std::string body = "<article><p>" + test::prose(1) + "</p><p>See <a href=\"../photos/a b.html\">the "
                           "photos</a>, <a href=\"/about\">us</a>, <a href=\"//cdn.example.net/v\">video</a> and "
                           "<a href=\"https://other.org/x\">elsewhere</a> for more of the story, said the clerk."
                           "</p></article>";
  auto markdown = [&](const std::string& head) {
    Result r = test::extract_html("<html><head>" + head + "<title>T</title></head><body>" + body + "</body></html>");
    RenderOptions ro;
    ro.links = true;
    return render(r, Format::Markdown, ro);
  };
  std::string md = markdown("<link rel=\"canonical\" href=\"https://news.example.com/world/2024/story.html\">");
  EXPECT_NE(md.find("[the photos](https://news.example.com/world/photos/a%20b.html), [us](https://news.example.com"
                    "/about), [video](https://cdn.example.net/v) and [elsewhere](https://other.org/x)"),
            std::string::npos) << md;
  md = markdown("<base href=\"https://mirror.example.org/a/b/\"><link rel=\"canonical\" href=\"https://x.com/\">");
  EXPECT_NE(md.find("[the photos](https://mirror.example.org/a/photos/a%20b.html)"), std::string::npos) << md;
  md = markdown("<base href=\"/en/news/\"><meta property=\"og:url\" content=\"https://x.com/y/z.html\">");
  EXPECT_NE(md.find("[the photos](https://x.com/en/photos/a%20b.html)"), std::string::npos) << md;
  md = markdown("<link rel=\"canonical\" href=\"/world/story.html\">");
  EXPECT_NE(md.find("[the photos](../photos/a%20b.html), [us](/about)"), std::string::npos) << md;
}

// A code block holding a fence of its own gets a longer fence.
TEST(HtmlMarkdown, CodeFenceOutlastsTheCodesOwnBackticks) {
  std::string md = markdown_of("<pre>echo ```\nls</pre><p>" + test::prose(2) + "</p>", false);
  EXPECT_NE(md.find("````\necho ```\nls\n````\n"), std::string::npos) << md;
}

// Scraped text has no Markdown of its own: rendered as Markdown, its
// characters are text, as the HTML walk's are.
// A <pre> is one code block whatever writes its lines: a newline, or a
// <br> (as some editors write code). The first line keeps its indentation,
// which the lines after it are read against, and the newline before
// </pre> shows nothing.
TEST(HtmlMarkdown, PreformattedCodeIsOneBlockWithItsIndentation) {
  std::string md = markdown_of("<pre><code>    def f(x):\n        return x\n</code></pre>"
                               "<pre>targets:<br>  test:<br>    cmd: ./run</pre><p>" + test::prose(2) + "</p>",
                               false);
  EXPECT_NE(md.find("```\n    def f(x):\n        return x\n```\n"), std::string::npos) << md;
  EXPECT_NE(md.find("```\ntargets:\n  test:\n    cmd: ./run\n```\n"), std::string::npos) << md;
  Result r = test::extract_html(test::page("<article><p>" + test::prose(1) + "</p>"
                                           "<pre>targets:<br>  test:</pre></article>"));
  EXPECT_NE(r.text.find("\n\ntargets:\n  test:"), std::string::npos) << r.text;
}

TEST(HtmlMarkdown, ScrapedTextIsEscapedInMarkdown) {
  Options o;
  o.mode = Mode::Text;
  Result r = extract(
      "A *starred* word and a snake_case name and [brackets] in a sentence of the article.\n\n"
      "- a dash opening a line of the article, which is a long sentence and stays text.\n",
      o);
  ASSERT_TRUE(r.ok());
  r.metadata.title = "Why *this* matters";
  RenderOptions ro;
  ro.title = true;
  const std::string md = render(r, Format::Markdown, ro);
  EXPECT_EQ(md,
            "# Why \\*this\\* matters\n\n"
            "A \\*starred\\* word and a snake\\_case name and \\[brackets\\] in a sentence of the article.\n\n"
            "\\- a dash opening a line of the article, which is a long sentence and stays text.\n");
}

// Markup shown as text stays text: a '<' that would open raw HTML and an
// '&' that would open a character reference are escaped, in the HTML walk's
// Markdown and in scraped text alike; "a < b" and "AT&T" are written as
// they are.
TEST(HtmlMarkdown, MarkupShownAsTextStaysText) {
  const std::string html_md = markdown_of(
      "<p>Then &lt;script&gt;alert(1)&lt;/script&gt; is shown, and <em>AT&amp;T</em> says a &lt; b "
      "and &amp;copy; is how the sign is written.</p><p>&lt;div&gt; opens this line of the article, "
      "which is a long sentence and stays text.</p>",
      false);
  EXPECT_NE(html_md.find("Then \\<script>alert(1)\\</script> is shown, and *AT&T* says a < b and \\&copy; is how"),
            std::string::npos)
      << html_md;
  EXPECT_NE(html_md.find("\\<div> opens this line"), std::string::npos) << html_md;

  Options o;
  o.mode = Mode::Text;
  Result r = extract("Then <script>alert(1)</script> is shown, and AT&T says a < b in the article text.\n", o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(render(r, Format::Markdown, RenderOptions{}),
            "Then \\<script>alert(1)\\</script> is shown, and AT&T says a < b in the article text.\n");
}

// Lists keep their structure: an ordered list its numbers (<ol start>,
// <li value>), a nested list its place under its item, and an item's
// first paragraph its marker, with what goes on inside the item (a second
// paragraph, text after a nested list, the line after a <br>) indented
// under it.
TEST(HtmlMarkdown, ListsKeepTheirNumbersNestingAndParagraphs) {
  const std::string md = markdown_of(
      "<ol start=\"3\"><li>Alpha step of the procedure.</li>"
      "<li>Beta step<ul><li>Nested bullet one.</li><li>Nested bullet two.</li></ul>and back in beta.</li>"
      "<li value=\"9\"><p>Gamma with a paragraph.</p><p>Second paragraph of the same item.</p></li>"
      "<li>Delta<br>goes on.</li></ol><ul><li>A plain bullet.</li></ul>",
      false);
  EXPECT_NE(md.find("3. Alpha step of the procedure.\n\n"
                    "4. Beta step\n\n"
                    "   - Nested bullet one.\n\n"
                    "   - Nested bullet two.\n\n"
                    "   and back in beta.\n\n"
                    "9. Gamma with a paragraph.\n\n"
                    "   Second paragraph of the same item.\n\n"
                    "10. Delta\\\n"
                    "    goes on.\n\n"
                    "- A plain bullet."),
            std::string::npos)
      << md;
}

// A list item whose first block is left out (a share button) keeps its
// marker and number: the paragraph that goes on in it opens the item. A
// paragraph after a kept item is still indented under it.
TEST(HtmlMarkdown, AnItemWhoseFirstBlockIsLeftOutKeepsItsMarker) {
  const std::string md = markdown_of(
      "<ol><li><p>Share</p><p>Raise the property tax by two percent to pay for the library.</p></li>"
      "<li><p>Cut the parks budget by a tenth this year.</p><p>Delay the bridge repairs.</p></li></ol>",
      false);
  EXPECT_NE(md.find("\n\n1. Raise the property tax by two percent to pay for the library.\n\n"
                    "2. Cut the parks budget by a tenth this year.\n\n"
                    "   Delay the bridge repairs."),
            std::string::npos)
      << md;
}

// A code span's own backticks do not end it, and brackets in code are code,
// not links, with or without --links.
TEST(HtmlMarkdown, CodeSpansHoldBackticksAndBrackets) {
  const std::string article =
      "<p>Run <code>echo `date`</code> or <code>`</code>, index with <code>a[0]</code> and call "
      "<code>f(x)</code> in the loop body of the program.</p>";
  for (bool links : {false, true}) {
    const std::string md = markdown_of(article, links);
    EXPECT_NE(md.find("Run `` echo `date` `` or `` ` ``, index with `a[0]` and call `f(x)` in the loop"),
              std::string::npos)
        << md;
  }
}

// What a quote holds stays in it in Markdown: "> " before each line of a
// heading, a list (nested, its items' paragraphs indented), code and
// paragraphs, which are one quote (">" between them); the text after the
// quote is not in it. Two quotes in a row (embedded posts) stay two, a
// hidden block at the second's start notwithstanding.
TEST(HtmlMarkdown, QuotesHoldHeadingsListsAndCode) {
  const std::string md = markdown_of(
      "<blockquote><h3>From the report</h3><p>It said:</p><ol><li>Fix the roads.<ul><li>Main Street first."
      "</li></ul></li><li><p>Build the bridge.</p><p>Before 2030.</p></li></ol><pre>total = 12\n\nend</pre>"
      "</blockquote><blockquote><p><i aria-hidden=\"true\">icon</i>A second quote.</p><p>Its end.</p>"
      "</blockquote><p>" + test::prose(2) + "</p>",
      false);
  EXPECT_NE(md.find("\n\n> ### From the report\n"
                    ">\n"
                    "> It said:\n"
                    ">\n"
                    "> 1. Fix the roads.\n"
                    ">\n"
                    ">    - Main Street first.\n"
                    ">\n"
                    "> 2. Build the bridge.\n"
                    ">\n"
                    ">    Before 2030.\n"
                    ">\n"
                    "> ```\n"
                    "> total = 12\n"
                    ">\n"
                    "> end\n"
                    "> ```\n"
                    "\n"
                    "> A second quote.\n"
                    ">\n"
                    "> Its end.\n"
                    "\n" + test::prose(2)),
            std::string::npos)
      << md;
}

// A <cite> opening a quote's paragraph with the quoted text glued to it
// (forums style it as a line of its own) is the paragraph's first line,
// not glued to its first word; a comment between them changes nothing.
// A <cite> followed by a space (a title: "<cite>Hamlet</cite> is a play")
// is a word of the text, as is one later in the paragraph.
TEST(HtmlMarkdown, AQuotesCiteIsALineOfItsOwn) {
  Result r = test::extract_html(test::page(
      "<article><p>" + test::prose(1) + "</p><blockquote><div><cite>gareth_w wrote:</cite>Could it be the "
      "expansion vessel?</div></blockquote><p>" + test::prose(2) + "</p><blockquote><p><cite>Anna</cite><!-- x -->"
      "<b>Check</b> the valve.</p><p><cite>Hamlet</cite> is a play, as <cite>Ulysses</cite> is a novel.</p>"
      "</blockquote><p>" + test::prose(3) + "</p></article>"));
  EXPECT_NE(r.text.find("\n\ngareth_w wrote:\nCould it be the expansion vessel?\n\n"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("\n\nAnna\nCheck the valve.\n\nHamlet is a play, as Ulysses is a novel.\n\n"),
            std::string::npos)
      << r.text;
  const std::string md = render(r, Format::Markdown);
  EXPECT_NE(md.find("\n\n> gareth\\_w wrote:\\\n> Could it be the expansion vessel?\n\n"), std::string::npos) << md;
}

// A heading or code in a list item stays in the item: one that opens the
// item is written after its marker ("1. ### Step"), one after the item's
// text where the text starts, each line of a code block too; the list goes
// on after them. A heading in a quote inside the item is the quote's.
TEST(HtmlMarkdown, HeadingsAndCodeStayInTheirListItem) {
  const std::string md = markdown_of(
      "<ol><li><h3>Check the wear</h3><p>Use a chain checker on the links.</p></li>"
      "<li><p>Install the package first:</p><pre>pip install winnow\n\n  winnow --help</pre>"
      "<ul><li><pre>make test</pre><h4>Then read the log</h4></li></ul></li>"
      "<li><p>Read what the reviewer said of it.</p><blockquote><h3>From the review</h3></blockquote></li></ol>"
      "<p>" + test::prose(2) + "</p>",
      false);
  EXPECT_NE(md.find("\n\n1. ### Check the wear\n\n"
                    "   Use a chain checker on the links.\n\n"
                    "2. Install the package first:\n\n"
                    "   ```\n"
                    "   pip install winnow\n"
                    "\n"
                    "     winnow --help\n"
                    "   ```\n\n"
                    "   - ```\n"
                    "     make test\n"
                    "     ```\n\n"
                    "     #### Then read the log\n\n"
                    "3. Read what the reviewer said of it.\n\n"
                    "> ### From the review\n\n" + test::prose(2)),
            std::string::npos)
      << md;
  Result r = test::extract_html(test::page("<article><p>" + test::prose(1) + "</p><ol><li><h3>Check the wear</h3>"
                                           "<p>Use a chain checker on the links.</p></li></ol></article>"));
  for (const Block& b : r.blocks) {
    if (b.text == "Check the wear") EXPECT_TRUE(b.opens_item && b.list_number == 1 && b.list_depth == 1);
    if (b.text == "Use a chain checker on the links.") EXPECT_TRUE(b.kind == BlockKind::Paragraph && b.list_depth == 1);
  }
}

// The lines of a paragraph (<br>) stay one paragraph: one newline apart in
// the text, a hard line break (a backslash at the line's end) in Markdown,
// with a blank line only between paragraphs, and between lines two <br>s
// apart (a blank line shown) or around an <hr>. So do the lines of a
// quote's paragraph and of a list item; a heading's lines stay headings.
TEST(HtmlMarkdown, LinesOfAParagraphStayOneParagraph) {
  const std::string article =
      "<p>The sea has gone out past the edge of hearing,<br>left the sand ribbed like a roof,<br>"
      "and the gulls stand about.</p><p>I walk out to where the water should be.<br>My boots fill.</p>"
      "<p>Media Contact<br><br>Jordan Lee<br>press@example.com<hr>Boston</p>"
      "<blockquote><p>We did what<br>we could.</p></blockquote>"
      "<ul><li>Step one<br>and its second line.</li></ul><h2>Part two<br>of the poem</h2><p>" + test::prose(2) +
      "</p>";
  Result r = test::extract_html(test::page("<article><p>" + test::prose(1) + "</p>" + article + "</article>"));
  EXPECT_NE(r.text.find("\n\nThe sea has gone out past the edge of hearing,\nleft the sand ribbed like a roof,\n"
                        "and the gulls stand about.\n\nI walk out to where the water should be.\nMy boots fill.\n\n"
                        "Media Contact\n\nJordan Lee\npress@example.com\n\nBoston\n\nWe did what\nwe could.\n\n"
                        "Step one\nand its second line.\n\nPart two\n\nof the poem\n\n"),
            std::string::npos)
      << r.text;
  const std::string md = render(r, Format::Markdown);
  EXPECT_NE(md.find("\n\nThe sea has gone out past the edge of hearing,\\\nleft the sand ribbed like a roof,\\\n"
                    "and the gulls stand about.\n\nI walk out to where the water should be.\\\nMy boots fill.\n\n"
                    "Media Contact\n\nJordan Lee\\\npress@example.com\n\nBoston\n\n> We did what\\\n> we could.\n\n"
                    "- Step one\\\n  and its second line.\n\n## Part two\n\n## of the poem\n\n"),
            std::string::npos)
      << md;
}

// A paragraph's lines are judged one by one: a byline line is still
// dropped, and the kept line after a dropped first line starts the
// paragraph (it is not joined to the paragraph before). A line dropped
// between two kept ones leaves them one paragraph.
TEST(HtmlMarkdown, ALineOfAParagraphIsDroppedOnItsOwn) {
  Result r = test::extract_html(test::page(
      "<article><p>" + test::prose(1) + "</p><p>By Jane Doe<br>The storm closed every school on the coast."
      "</p><p>The roads were shut too.<br>Advertisement<br>The bridges stayed open.</p></article>"));
  EXPECT_FALSE(test::kept(r, "Jane Doe")) << r.text;
  EXPECT_NE(r.text.find(test::prose(1) + "\n\nThe storm closed every school on the coast.\n\n"
                        "The roads were shut too.\nThe bridges stayed open."),
            std::string::npos)
      << r.text;
  const std::string md = render(r, Format::Markdown);
  EXPECT_NE(md.find("\n\nThe storm closed every school on the coast.\n\n"
                    "The roads were shut too.\\\nThe bridges stayed open."),
            std::string::npos)
      << md;
}

// What a browser shows as code is a code span: keys to press (<kbd>), a
// program's output (<samp>) and <tt>, as <code>. A key chord of nested
// <kbd>s (and code in code) is one span. A variable's name (<var>) is
// italic, as browsers show it, but not in code, where a '*' is shown.
TEST(HtmlMarkdown, KeysOutputAndTeletypeAreCodeVariablesItalic) {
  const std::string md = markdown_of(
      "<p>Press <kbd><kbd>Ctrl</kbd>+<kbd>C</kbd></kbd> or <kbd>q_*</kbd>, and the shell prints "
      "<samp>[done] a*b</samp> in <tt>out_file</tt>; with <var>n_max</var> set, <code>f(<var>x</var>, <b>y</b>)</code> "
      "and <code>outer <code>inner</code></code> run in the loop body of the program.</p>",
      false);
  EXPECT_NE(md.find("Press `Ctrl+C` or `q_*`, and the shell prints `[done] a*b` in `out_file`; with "
                    "*n\\_max* set, `f(x, y)` and `outer inner` run in the loop"),
            std::string::npos)
      << md;
}

}  // namespace
}  // namespace winnow
