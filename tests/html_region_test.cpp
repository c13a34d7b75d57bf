#include <gtest/gtest.h>

#include "html_test_util.hpp"

namespace winnow {
namespace {

using test::kept;
using test::paragraphs;
using test::prose;

TEST(HtmlRegion, PicksTheArticleOverTeaserArticles) {
  Result r = test::extract_html(test::page(
      "<div class=\"wrap\"><article><h1>The budget vote</h1>" + paragraphs(1, 3) + "</article>"
      "<section><h2>Also on the site</h2>"
      "<article><h3>Another story</h3>" + paragraphs(50, 52) + "</article>"
      "<article><h3>Yet another story</h3>" + paragraphs(60, 62) + "</article></section></div>",
      "<meta property=\"og:title\" content=\"The budget vote\">"));
  EXPECT_TRUE(kept(r, "Paragraph 1 "));
  EXPECT_TRUE(kept(r, "Paragraph 3 "));
  EXPECT_FALSE(kept(r, "Paragraph 50 "));
  EXPECT_FALSE(kept(r, "Paragraph 62 "));
  EXPECT_EQ(r.metadata.title, "The budget vote");
  EXPECT_FALSE(kept(r, "The budget vote")) << "the headline goes to the metadata";
}

// A live blog: the headline stands above a feed of posts, each an
// <article> with a time, a heading and prose of its own. The feed is the
// story, not its first post with the others read as teasers.
TEST(HtmlRegion, KeepsEveryPostOfALiveBlog) {
  std::string feed;
  for (int n = 1; n <= 5; ++n) {
    feed += "<article class=\"live-post\"><header><time>2" + std::to_string(n) +
            ":00</time> Hannah Cole</header><h2>Update " + std::to_string(n) + "</h2><p>" + prose(n) +
            "</p><div class=\"share\"><a href=\"#\">Share</a></div></article>";
  }
  Result r = test::extract_html(test::page(
      "<nav><a href=\"/a\">Politics</a> <a href=\"/b\">World</a></nav><main>"
      "<div class=\"live-header\"><h1>Election night live</h1></div>"
      "<div class=\"live-feed\">" + feed + "</div></main>",
      "<meta property=\"og:title\" content=\"Election night live\">"));
  for (int n = 1; n <= 5; ++n) {
    EXPECT_TRUE(kept(r, "Paragraph " + std::to_string(n) + " ")) << "post " << n << "\n" << r.text;
  }
}

// The same layout with teasers (a linked title and a sentence under it)
// beside the story: they stay teasers.
TEST(HtmlRegion, TeaserArticlesBesideAStoryBelowItsHeadlineStayOut) {
  Result r = test::extract_html(test::page(
      "<main><h1>The budget vote</h1><div class=\"list\">"
      "<article>" + paragraphs(1, 3) + "</article>"
      "<article><h3><a href=\"/other\">Another story about the council and its many plans</a></h3>"
      "<p>The council met again on Friday to talk about the plans for the new school.</p></article>"
      "<article><h3><a href=\"/more\">Yet another story about the harbour and the ferry</a></h3>"
      "<p>The ferry will run twice an hour from May, the harbour master said on Monday.</p></article>"
      "</div></main>",
      "<meta property=\"og:title\" content=\"The budget vote\">"));
  EXPECT_TRUE(kept(r, "Paragraph 1 "));
  EXPECT_TRUE(kept(r, "Paragraph 3 "));
  EXPECT_FALSE(kept(r, "Another story")) << r.text;
  EXPECT_FALSE(kept(r, "The council met again")) << r.text;
  EXPECT_FALSE(kept(r, "The ferry will run")) << r.text;
}

TEST(HtmlRegion, MainBeatsALongerSidebar) {
  Result r = test::extract_html(test::page(
      "<main>" + paragraphs(1, 2) + "</main><div class=\"rail\">" + paragraphs(70, 72) + "</div>"));
  EXPECT_TRUE(kept(r, "Paragraph 1 "));
  EXPECT_TRUE(kept(r, "Paragraph 2 "));
}

// A short story and a long page footer: the footer holds most of the
// page's prose, yet the <article> outside it says where the story is, so
// the footer stays chrome. (A hinted element that holds most of the prose
// with no article element elsewhere is still read as a layout wrapper.)
TEST(HtmlRegion, AShortStoryIsNotLostToALongFooter) {
  Result r = test::extract_html(test::page(
      "<div class=\"menu\"><a href=\"/a\">World</a> <a href=\"/b\">Politics</a></div>"
      "<article><h1>Storm closes schools</h1><p>All schools will be closed on Friday.</p></article>"
      "<footer><p>Daily News is the best source of local news in the region, trusted by readers since "
      "1901.</p></footer>",
      "<title>Storm closes schools</title>"));
  EXPECT_TRUE(kept(r, "All schools will be closed on Friday."));
  EXPECT_FALSE(kept(r, "Daily News is the best source"));

  Result wrapper = test::extract_html(test::page(
      "<div class=\"has-sidebar\"><h1>Storm closes schools</h1>" + paragraphs(1, 3) + "</div>"
      "<div><p>All schools will be closed on Friday.</p></div>"));
  EXPECT_TRUE(kept(wrapper, "Paragraph 1 "));
  EXPECT_TRUE(kept(wrapper, "Paragraph 3 "));
}

TEST(HtmlRegion, DeepWrappersAndBrSeparatedText) {
  std::string body = "<div><div><div><div><div><div class=\"x\">" + prose(1) + "<br><br>" +
                     prose(2) + "<br>" + prose(3) + "</div></div></div></div></div></div>";
  Result r = test::extract_html(test::page(
      "<div class=\"menu\"><a href=/1>Home</a> <a href=/2>World</a></div>" + body));
  EXPECT_TRUE(kept(r, "Paragraph 1 "));
  EXPECT_TRUE(kept(r, "Paragraph 3 "));
  EXPECT_FALSE(kept(r, "World"));
}

TEST(HtmlRegion, KeepsFirstAndLastParagraphInSiblingContainers) {
  // The lead sits in its own wrapper before the body container.
  Result r = test::extract_html(test::page(
      "<nav><a href=/a>Section one</a> <a href=/b>Section two</a></nav>"
      "<div class=\"story\"><div class=\"lead\"><p>" + prose(1) + "</p></div>"
      "<div class=\"share\"><a href=/s>Share</a></div>"
      "<div class=\"body\">" + paragraphs(2, 6) + "</div>"
      "<div class=\"tail\"><p>" + prose(7) + "</p></div></div>"
      "<div class=\"related\"><h2>Related</h2><ul><li><a href=/r>Another headline "
      "here</a></li></ul></div>"));
  EXPECT_TRUE(kept(r, "Paragraph 1 "));
  EXPECT_TRUE(kept(r, "Paragraph 7 "));
  EXPECT_FALSE(kept(r, "Another headline"));
  EXPECT_FALSE(kept(r, "Section one"));
}

TEST(HtmlRegion, KeepsListsHeadingsAndQuotesInTheArticle) {
  Result r = test::extract_html(test::page(
      "<article>" + paragraphs(1, 2) +
      "<h2>What the council decided</h2><ul><li>Roads get more money.</li>"
      "<li>Parks keep their budget.</li></ul><blockquote>We did what we could, the mayor "
      "said.</blockquote>" + paragraphs(3, 3) + "</article>"));
  EXPECT_TRUE(kept(r, "What the council decided"));
  EXPECT_TRUE(kept(r, "Roads get more money."));
  EXPECT_TRUE(kept(r, "We did what we could"));
  int quotes = 0;
  for (const auto& b : r.blocks) quotes += b.kept && b.kind == BlockKind::Quote;
  EXPECT_EQ(quotes, 1);
}

TEST(HtmlRegion, TextBeforeTheHeadlineIsNotTheStory) {
  Result r = test::extract_html(test::page(
      "<div class=\"page\"><ul><li>Ticker: markets fall sharply as the week ends badly.</li></ul>"
      "<h1>Council passes budget</h1>" + paragraphs(1, 3) + "</div>",
      "<meta property=\"og:title\" content=\"Council passes budget\">"));
  EXPECT_FALSE(kept(r, "Ticker"));
  EXPECT_TRUE(kept(r, "Paragraph 1 "));
}

TEST(HtmlRegion, FavorPresetsOrderByHowMuchTheyKeep) {
  std::string html = test::page(
      "<div class=\"story\">" + paragraphs(1, 4) +
      "<p>Read <a href=/1>this</a>, <a href=/2>that</a> and <a href=/3>the other story</a> "
      "too.</p></div>");
  Options precision, recall;
  precision.favor = Favor::Precision;
  recall.favor = Favor::Recall;
  Result p = test::extract_html(html, precision);
  Result b = test::extract_html(html);
  Result rr = test::extract_html(html, recall);
  EXPECT_LE(p.text.size(), b.text.size());
  EXPECT_LE(b.text.size(), rr.text.size());
  EXPECT_TRUE(kept(rr, "the other story"));
  EXPECT_TRUE(kept(p, "Paragraph 4 "));
}

TEST(HtmlRegion, NonLatinPagesWork) {
  std::string ru = "<p>Президент заявил во вторник, что бюджет будет принят до конца года, и "
                   "депутаты поддержали это решение большинством голосов.</p>";
  std::string ja = "<p>政府は火曜日、来年度の予算案を閣議決定した。防衛費と社会保障費が過去最大となり、"
                   "財政の健全化が課題となっている。</p>";
  std::string ko = "<p>정부는 화요일 내년도 예산안을 국무회의에서 의결했다. 국방비와 사회보장비가 "
                   "역대 최대 규모로 편성되었다.</p>";
  Result r = test::extract_html(test::page(
      "<nav><a href=/>Главная</a> <a href=/n>ニュース</a></nav><article>" + ru + ru + ja + ja + ko +
      "</article>"));
  EXPECT_TRUE(kept(r, "Президент заявил"));
  EXPECT_TRUE(kept(r, "政府は火曜日"));
  EXPECT_TRUE(kept(r, "정부는 화요일"));
  EXPECT_FALSE(kept(r, "Главная"));
}

}  // namespace
}  // namespace winnow
