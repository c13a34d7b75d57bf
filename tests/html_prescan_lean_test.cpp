// The lean prescan (html_prescan.hpp) leaves out of Gumbo's input what
// extraction never reads. It must not change any result: these tests run the
// HTML stages with the lean and the reference prescan and compare every
// field of every block and the metadata, over the benchmark pages, the fuzz
// corpus and pages built to hit each thing the lean prescan leaves out.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_files.hpp"
#include "classify.hpp"
#include "decode.hpp"
#include "html_prescan.hpp"
#include "html_test_util.hpp"
#include "parse_html.hpp"
#include "select.hpp"

namespace winnow {
namespace {

namespace fs = std::filesystem;

detail::Document run_stages(std::string_view utf8, const Options& options, bool lean) {
  detail::Document doc;
  std::string error;
  EXPECT_TRUE(detail::parse_html(utf8, options, doc, error, lean)) << error;
  detail::classify(doc, options);
  detail::select(doc, options);
  return doc;
}

// Every field of the two documents, with the first difference reported.
void expect_same(const detail::Document& lean, const detail::Document& full, const std::string& what) {
  const Metadata& a = lean.metadata;
  const Metadata& b = full.metadata;
  EXPECT_EQ(a.title, b.title) << what;
  EXPECT_EQ(a.author, b.author) << what;
  EXPECT_EQ(a.date, b.date) << what;
  EXPECT_EQ(a.site_name, b.site_name) << what;
  EXPECT_EQ(a.url, b.url) << what;
  EXPECT_EQ(a.language, b.language) << what;
  EXPECT_EQ(a.description, b.description) << what;
  ASSERT_EQ(lean.blocks.size(), full.blocks.size()) << what;
  for (std::size_t i = 0; i < lean.blocks.size(); ++i) {
    const detail::PageBlock& x = lean.blocks[i];
    const detail::PageBlock& y = full.blocks[i];
    std::string where = what + ", block " + std::to_string(i) + ": " + y.block.text.substr(0, 60);
    ASSERT_EQ(x.block.text, y.block.text) << where;
    ASSERT_EQ(x.block.markdown, y.block.markdown) << where;
    ASSERT_EQ(x.block.kind, y.block.kind) << where;
    ASSERT_EQ(x.block.heading_level, y.block.heading_level) << where;
    ASSERT_EQ(x.block.list_number, y.block.list_number) << where;
    ASSERT_EQ(x.block.list_depth, y.block.list_depth) << where;
    ASSERT_EQ(x.block.kept, y.block.kept) << where;
    ASSERT_EQ(x.block.reason, y.block.reason) << where;
    ASSERT_EQ(x.block.evidence, y.block.evidence) << where;
    ASSERT_EQ(x.depth, y.depth) << where;
    ASSERT_EQ(x.region, y.region) << where;
    ASSERT_EQ(x.link_density, y.link_density) << where;
    ASSERT_EQ(x.in_article, y.in_article) << where;
    ASSERT_EQ(x.html_reason, y.html_reason) << where;
    ASSERT_EQ(x.html_evidence, y.html_evidence) << where;
  }
}

void expect_lean_same(const std::string& input, const std::string& what) {
  Options options;
  options.mode = Mode::Html;
  detail::Decoded decoded = detail::decode(input, options);
  if (decoded.status != Status::Ok) return;
  for (Favor favor : {Favor::Balanced, Favor::Precision}) {
    options.favor = favor;
    options.tables = favor == Favor::Balanced;
    expect_same(run_stages(decoded.utf8(), options, true), run_stages(decoded.utf8(), options, false), what);
  }
}

using winnow::test::read_file;

TEST(HtmlPrescanLean, SameResultOnEveryBenchmarkPage) {
  fs::path dir = fs::path(WINNOW_SOURCE_DIR "/../shared/bench/scrapinghub/html");
  if (!fs::is_directory(dir)) GTEST_SKIP() << "benchmark pages not found at " << dir << " (the shared data directory)";
  int pages = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    expect_lean_same(read_file(entry.path()), entry.path().filename().string());
    ++pages;
  }
  EXPECT_GT(pages, 100);
}

TEST(HtmlPrescanLean, SameResultOnTheFuzzCorpus) {
  int files = 0;
  for (const char* target : {"extract", "decode"}) {
    fs::path dir = fs::path(WINNOW_SOURCE_DIR "/fuzz/corpus") / target;
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    for (const auto& entry : fs::directory_iterator(dir)) {
      expect_lean_same(read_file(entry.path()), entry.path().string());
      ++files;
    }
  }
  EXPECT_GT(files, 40);
}

// Pages aimed at each thing the lean prescan leaves out or rewrites.
TEST(HtmlPrescanLean, SameResultOnEdgeCases) {
  using test::page;
  using test::paragraphs;
  const std::string story = paragraphs(1, 4);
  const std::vector<std::string> cases = {
      // Links: plain, with character references, repeated href, empty,
      // fragment and javascript: targets, quotes, non-ASCII, newlines.
      page("<p>See <a href=\"/a?x=1&amp;y=2\">this</a> and <a href='/b\"q'>that</a>.</p>" + story),
      page("<p><a href=\"/q?a=1&amp;b=2&amp;amp;c\">a</a> <a href=\"/q?a&ampb\">b</a> <a href=\"/&AMP;x\">c</a> "
           "<a href=\"/&amp\">d</a> <a href=\"&amp;\">e</a> <a href=\"/&amp;#38;\">f</a> <a href='&amp;x&amp;'>g</a></p>" + story),
      page("<p><a href=\"/first\" HREF=\"/second\">twice</a> <a href>empty</a> <a href=\"\">none</a></p>" + story),
      page("<p><a href=#top>top</a> <a href=javascript:void(0)>js</a> <a href=/unquoted>u</a></p>" + story),
      page("<p><a href=\"/caf\xC3\xA9\">caf\xC3\xA9</a> <a href=\"/a\nb\">nl</a> <a href=\"/a\tb\">tab</a></p>" + story),
      page("<p><a w=\"0\" href=\"/real\">spoof</a> <a w=1>no href</a> <a href=\"/x\" w=\"7\">both</a></p>" + story),
      page("<p><a href=\"/outer\">outer <a href=\"/inner\">inner</a> tail</a></p>" + story),
      // Class and id: many names, repeats, character references, case.
      page("<div class=\"post-body main-content entry-content sidebar\">" + story + "</div>"
           "<div class=\"widget sidebar-widget share\" id=\"Related-Posts\">More links</div>"),
      page("<div class=\"x&#45;nav-sidebar\">" + story + "</div><div class=\"NAV Menu\">menu</div>"),
      page("<div class=\"plain\" class=\"sidebar\">" + story + "</div><div id=\"comments\" id=\"x\">c</div>"),
      page("<div class=\"&quot;sidebar&quot;\">side</div><article class=\"ARTICLE-BODY\">" + story + "</article>"),
      // Meta and link: read, unread, hidden, with references, in the body,
      // inside <math> (where <meta> breaks out of it), in tables.
      page(story, "<meta name=\"author\" content=\"Jane Roe\"><meta name=\"viewport\" content=\"w\">"
                  "<meta property=\"OG:Title\" content=\"Headline\"><link rel=\"stylesheet\" href=\"/s.css\">"
                  "<link rel=\"Canonical\" href=\"https://example.com/a\"><meta charset=\"utf-8\">"),
      page(story, "<meta name=\"&#97;uthor\" content=\"Ref Name\"><meta content=\"no key\">"
                  "<meta name=\"description\"><link rel=\"can&#111;nical\" href=\"/c\">"),
      page("<p>before<meta name=\"x\" hidden>after</p><p>one<link rel=icon aria-hidden=true>two</p>"
           "<p>three<meta name=y style=\"display:none\">four</p>" + story),
      page("<p>a<math><mi>x</mi><meta name=\"viewport\">after math</math> tail</p>" + story),
      page("<table>x<meta name=\"viewport\"> <tr><td>cell<link rel=icon>text</td></tr></table>" + story),
      page("<p>text<meta itemprop=\"datePublished\" content=\"2020-01-02\"> more</p>" + story),
      page("<select><option>o<meta name=a></select><p>x<link rel=preload href=/p>y</p>" + story),
      // Authors marked in the body: rel on links (kept only when it says
      // "author"), itemprop names given as <meta> content, in comments.
      page("<p><a href=\"/b\" rel=\"nofollow\">x</a> By <a href=\"/a\" rel=\"author\">Jane Roe</a> "
           "<a href=\"/c\" REL=\"Author external\">C</a></p>" + story),
      page("<div itemprop=\"author\" itemscope><meta itemprop=\"name\" content=\"Ann Poe\">"
           "<meta itemprop=\"url\" content=\"/ann\"></div>" + story +
           "<div itemprop=\"comment\"><span itemprop=\"author\">Karol</span></div>"),
      page("<p><a href=\"/a\" rel=\"co-author\">co</a> <a rel=\"author\" hidden>hid</a></p>" + story),
      page("<p>By <a href=\"/a\" rel=\"&#97;uthor\">Ref Name</a></p>" + story),
      page("<div itemprop=\"author\" itemscope><meta itemprop=\"name givenName\" content=\"Ann\"></div>" + story),
      page("<div itemprop=\"author\" itemscope><meta itemprop=\" Name\" content=\"Ann\"></div>" + story),
      page("<div itemprop=\"author\" itemscope><meta itemprop=\"n&#97;me\" content=\"Ann\"></div>" + story),
      // Attributes written twice, with and without values, before others.
      page("<s rel rel=\"\"hidden>\xC2\xA9 a</s><p rel rel hidden>b</p><div role role hidden>c</div>"
           "<div class=\"x\" class=\"sidebar\" id id=\"comments\">d</div><p style=\"color:red\" "
           "style=\"display:none\">e</p><a href=\"/1\" href hidden>f</a>" + story),
      // Classes that hide text for screen readers only, among others and
      // beside character references.
      page("<p>rose <span class=\"icon sidebar SR-only\">(new tab)</span>sharply</p>"
           "<p class=\"x&amp;y visually-hidden\">gone</p><div class=\"content sr-only\">" + story + "</div>"),
      // Lists: <ol start> and <li value>, read on those elements only.
      page("<ol start=\"3\"><li>a</li><li value=\"9\"><p>b</p><p>c</p></li><li value=x>d<ul start=5>"
           "<li value=2>e</li></ul>f</li></ol><ul><li start=7>g</li></ul>" + story),
      // Attributes on elements that don't read them.
      page("<html lang=\"en\"><p lang=\"fr\" name=\"n\" content=\"c\" rel=\"r\" datetime=\"d\">" + story +
           "</p><time datetime=\"2021-03-04\" lang=\"de\">March</time><input type=hidden name=q>"),
      page("<table><input type=\"hidden\"><input type=\"text\"><tr><td>" + story + "</td></tr></table>"
           "<frameset><frame></frameset>"),
      page("<div style=\"color:red\" role=\"navigation\">nav</div><div itemprop=\"articleBody\" "
           "style=\"display: none\">" + story + "</div><div aria-hidden=\"true\">hid</div>" + story),
      // Text on both sides of a left-out element: a '<' that is text, a
      // bogus end tag, a character reference cut in two.
      page("<p><a href=\"/\">Home</b>></<meta ><a href=\"/world\">World</a></p>" + story),
      page("<p>a <<meta name=x>/b> c &am<meta name=x>p; d &#6<link rel=icon>0; e</p>" + story),
      page("<p>x</ p>y</3<link rel=icon>>z <<link rel=icon>a href=/q>w</p>" + story),
      // Text set aside (TextAside): runs where the tree builder treats
      // whitespace and other characters apart or moves text, runs the
      // tokenizer rewrites, and text Gumbo reads as markup.
      page("<table> lead <tr> <td> cell </td> tail </tr> after </table>" + story),
      page("<table><colgroup> x <col></colgroup><caption> cap </caption> y </table>" + story),
      page("<pre>\n  first line\n\tsecond  </pre><listing>\nl</listing><textarea>\n t <b> </textarea>" + story),
      page("<pre>a\r\nb\rc</pre><p>x\x01y \xC2\x85 z \xEF\xB7\x90 w \xEF\xBF\xBE v</p>" + story),
      page("<p>a &amp; b &copy c &#8217; d &notit; e < f</p><p>&am<!-- x -->p; g</p>" + story),
      page("<select> one <option> two </option> three </select><math><mi> x </mi> y </math>" + story),
      page("<p>private \xEE\x80\x80 use</p>" + story),
      page("<p>plane fifteen \xF3\xB0\x80\x80 in the page</p>" + story),
      "<html> before head <head> in head <title> t <b> </title> after </head> after head <body>" + story,
      "text first<html><p>" + story + "</p></html> after html </body> after body",
      "<frameset> a b <frame> c </frameset> d e <noframes>n</noframes>",
      "<p>" + story + "</p><plaintext> a <b> c",
      // An element left out where the text after it starts with a '<' that
      // is text, or goes on past a comment or a script: the runs on its
      // two sides are judged as the tree builder will get them.
      "<table>ab</title>\n<meta name=x><\xC3\x8D cd</table>" + story,
      "<table>ab</title>\n<meta name=x><!-- c -->cd</table>" + story,
      "<table>ab</title>\n<meta name=x><script>s</script>cd</table>" + story,
      "<table>ab</title> <meta name=x><link rel=icon>\n<!-- c --><meta name=y>cd</table>" + story,
      "<table>ab</title><meta name=x>\n<b>cd</b></table>" + story,
      // <sup> and <sub>, whose text is read ahead of the walk: set aside,
      // with references, hidden parts, links and classes inside.
      page("<p>10<sup>6</sup> H<sub> 2 </sub>O x<sup>&minus;1</sup> a<sup>1<span class=\"sr-only\">note</span></sup> "
           "b<sup><a href=\"/n#1\">2</a></sup> c<sup>1<b>st</b></sup> d<sup>T<i>M</i></sup> e<sup>2<sub>n</sub></sup></p>" +
           story),
      // A quote's <cite> is a line of its own when text follows it glued:
      // what comes between and shows nothing may be left out.
      page("<blockquote><p><cite>Anna wrote:</cite><!-- c --><script>s</script>Check it.</p><p><cite>B</cite>"
           "<!-- c --> text</p></blockquote>" + story),
      // Broken markup around all of it.
      "<a href=\"/x\" class=\"share\">unterminated <meta name=author content=A",
      "<p><a href='/y' class='nav'>x</a><meta name=description content=\"<b>&amp;</b>\"",
  };
  for (std::size_t i = 0; i < cases.size(); ++i) expect_lean_same(cases[i], "case " + std::to_string(i));
}

// More runs than set-aside characters: the last ones stay in the markup.
TEST(HtmlPrescanLean, SameResultPastTheLastSetAsideCharacter) {
  std::string body = "<p>";
  for (int i = 0; i < 70000; ++i) body += "x <b>y</b> ";
  expect_lean_same(test::page(body + "</p>" + test::paragraphs(1, 3)), "140,000 runs");
}

TEST(HtmlPrescanLean, LeavesOutWhatIsNotRead) {
  std::string html = test::page(
      "<div class=\"wrapper post-body sidebar-left js-x\" data-x=\"1\">"
      "<a href=\"https://example.com/a\" rel=\"nofollow\" class=\"btn\">link</a></div>",
      "<meta name=\"viewport\" content=\"width=device-width\"><meta name=\"author\" content=\"A\">"
      "<link rel=\"stylesheet\" href=\"/s.css\"><link rel=\"canonical\" href=\"/c\">");
  detail::Prescanned lean = detail::prescan_html(html);
  detail::Prescanned full = detail::prescan_html(html, false);
  EXPECT_LT(lean.html.size(), full.html.size());
  EXPECT_EQ(lean.html.find("viewport"), std::string::npos);
  EXPECT_EQ(lean.html.find("stylesheet"), std::string::npos);
  EXPECT_NE(lean.html.find("name=\"author\""), std::string::npos);
  EXPECT_NE(lean.html.find("rel=\"canonical\""), std::string::npos);
  EXPECT_EQ(lean.html.find("nofollow"), std::string::npos);
  // The link's target moved out of the markup.
  EXPECT_EQ(lean.html.find("example.com"), std::string::npos);
  ASSERT_EQ(lean.links.size(), 1u);
  EXPECT_EQ(lean.links[0], "https://example.com/a");
  // Only the tokens the walk matches stay of a class.
  EXPECT_NE(full.html.find("class=\"post-body sidebar-left\""), std::string::npos) << full.html;
  EXPECT_NE(lean.html.find("class=\"sidebar post\""), std::string::npos) << lean.html;
  EXPECT_TRUE(full.links.empty());
}

TEST(HtmlPrescanLean, LinksSurviveTheRoundTrip) {
  Options options;
  RenderOptions render;
  render.links = true;
  Result r = test::extract_html(
      test::page(test::paragraphs(1, 2) + "<p>The council published <a href=\"https://example.com/a?b=1&amp;c=2\">"
                 "the report</a> on Monday and <a href=\"https://example.com/plain\">the summary</a> a day "
                 "later, after the vote on the budget that had been debated for many weeks.</p>" +
                 test::paragraphs(3, 4)),
      options);
  std::string md = winnow::render(r, Format::Markdown, render);
  EXPECT_NE(md.find("[the report](https://example.com/a?b=1&c=2)"), std::string::npos) << md;
  EXPECT_NE(md.find("[the summary](https://example.com/plain)"), std::string::npos) << md;
}

}  // namespace
}  // namespace winnow
