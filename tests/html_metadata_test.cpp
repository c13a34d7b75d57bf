#include <gtest/gtest.h>

#include "html_metadata.hpp"
#include "html_test_util.hpp"

namespace winnow {
namespace {

std::string body() {
  return "<article><h1>Council passes the budget</h1><p>" + test::prose(1) + "</p><p>" +
         test::prose(2) + "</p></article>";
}

TEST(HtmlMetadata, MetaTagsAndDocument) {
  std::string html =
      "<!doctype html><html lang=\"en-GB\"><head><title>Council passes the budget | The Daily "
      "Example</title>"
      "<meta property=\"og:site_name\" content=\"The Daily Example\">"
      "<meta name=\"author\" content=\"Jane Doe\">"
      "<meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\">"
      "<meta name=\"description\" content=\"The council voted.\">"
      "<link rel=\"canonical\" href=\"https://example.com/budget\">"
      "</head><body>" + body() + "</body></html>";
  Result r = test::extract_html(html);
  const Metadata& m = r.metadata;
  EXPECT_EQ(m.title, "Council passes the budget");
  EXPECT_EQ(m.site_name, "The Daily Example");
  EXPECT_EQ(m.author, "Jane Doe");
  EXPECT_EQ(m.date, "2024-03-05T10:00:00Z");
  EXPECT_EQ(m.description, "The council voted.");
  EXPECT_EQ(m.url, "https://example.com/budget");
  EXPECT_EQ(m.language, "en-GB");
  EXPECT_FALSE(test::kept(r, "Council passes the budget"));
}

TEST(HtmlMetadata, OpenGraphTitleWinsOverTitleTag) {
  Result r = test::extract_html(test::page(
      body(), "<meta property=\"og:title\" content=\"Council passes the budget\">"));
  EXPECT_EQ(r.metadata.title, "Council passes the budget");
}

TEST(HtmlMetadata, JsonLdWins) {
  std::string ld = R"({"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
    {"@type":"NewsArticle","headline":"From JSON-LD","datePublished":"2024-01-02",
     "author":[{"@type":"Person","name":"A. Writer"},{"@type":"Person","name":"B. Writer"}],
     "publisher":{"@type":"Organization","name":"Example News"}}]})";
  Result r = test::extract_html(test::page(
      body(), "<meta name=\"author\" content=\"Meta Author\"><script type=\"application/ld+json\">" +
                  ld + "</script>"));
  EXPECT_EQ(r.metadata.title, "From JSON-LD");
  EXPECT_EQ(r.metadata.author, "A. Writer, B. Writer");
  EXPECT_EQ(r.metadata.date, "2024-01-02");
  EXPECT_EQ(r.metadata.site_name, "Example News");
}

// A syndicated story's JSON-LD names the agency as its publisher; the site
// it is on names itself in og:site_name.
TEST(HtmlMetadata, SiteNamesItselfOverTheArticlesPublisher) {
  std::string ld = R"({"@context":"https://schema.org","@type":"NewsArticle","headline":"Storm hits coast",
     "publisher":{"@type":"Organization","name":"Associated Press"}})";
  Result r = test::extract_html(test::page(
      body(), "<meta property=\"og:site_name\" content=\"Houston Chronicle\"><script type=\"application/ld+json\">" +
                  ld + "</script>"));
  EXPECT_EQ(r.metadata.site_name, "Houston Chronicle");
}

TEST(HtmlMetadata, LanguageIsWrittenAsATag) {
  using detail::language_tag;
  EXPECT_EQ(language_tag("en_US"), "en-US");
  EXPECT_EQ(language_tag("en-us"), "en-US");
  EXPECT_EQ(language_tag("pt_BR"), "pt-BR");
  EXPECT_EQ(language_tag("ZH_hant_tw"), "zh-Hant-TW");
  EXPECT_EQ(language_tag("es-419"), "es-419");
  EXPECT_EQ(language_tag("ru"), "ru");
  EXPECT_EQ(language_tag("English"), std::nullopt);
  EXPECT_EQ(language_tag("en US"), std::nullopt);
  EXPECT_EQ(language_tag("en--US"), std::nullopt);
  EXPECT_EQ(language_tag("1a-US"), std::nullopt);
}

// Of the page's sources, the first that gives a tag: a JSON-LD Language
// node's alternateName, or <html lang> over a JSON-LD name.
TEST(HtmlMetadata, LanguageComesFromTheFirstSourceGivingATag) {
  auto with = [](const std::string& html_lang, const std::string& in_language, const std::string& meta) {
    std::string ld = R"({"@context":"https://schema.org","@type":"NewsArticle","headline":"Storm hits coast",)"
                     R"("inLanguage":)" + in_language + "}";
    return test::extract_html("<!doctype html><html" + html_lang + "><head>" + meta +
                              "<script type=\"application/ld+json\">" + ld + "</script></head><body>" + body() +
                              "</body></html>")
        .metadata.language;
  };
  EXPECT_EQ(with("", R"({"@type":"Language","name":"English","alternateName":"en"})", ""), "en");
  EXPECT_EQ(with(" lang=\"en-GB\"", R"("English")", ""), "en-GB");
  EXPECT_EQ(with("", R"("English")", "<meta property=\"og:locale\" content=\"en_GB\">"), "en-GB");
  EXPECT_EQ(with("", R"("English")", ""), "English");
}

// The metadata's text is normalized as the article's is.
TEST(HtmlMetadata, TextFieldsAreNormalizedAsTheArticleIs) {
  Result r = test::extract_html(test::page(
      body(), "<meta name=\"author\" content=\"Volodymyr\xC2\xA0Zelenskiy\">"
              "<meta property=\"og:site_name\" content=\"Kyiv\xC2\xA0Post\">"
              "<meta name=\"description\" content=\"Talks in Kiev \xC3\xA2\xE2\x82\xAC\xE2\x80\x9C day two\">"));
  EXPECT_EQ(r.metadata.author, "Volodymyr Zelensky");
  EXPECT_EQ(r.metadata.site_name, "Kyiv Post");
  EXPECT_EQ(r.metadata.description, "Talks in Kyiv \xE2\x80\x93 day two");
}

TEST(HtmlMetadata, BrokenJsonLdIsIgnored) {
  Result r = test::extract_html(test::page(
      body(), "<script type=\"application/ld+json\">{\"@type\": \"Article\", </script>"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.metadata.title, "Test page");
}

TEST(HtmlMetadata, TitleFallsBackToH1) {
  Result r = test::extract_html("<html><body>" + body() + "</body></html>");
  EXPECT_EQ(r.metadata.title, "Council passes the budget");
}

TEST(HtmlMetadata, SiteNameIsStrippedFromTheTitle) {
  using detail::strip_site_name;
  EXPECT_EQ(strip_site_name("Budget passes | Example", "Example"), "Budget passes");
  EXPECT_EQ(strip_site_name("Example - Budget passes", "Example"), "Budget passes");
  EXPECT_EQ(strip_site_name("Budget passes after a long night - BBC News", ""),
            "Budget passes after a long night");
  // The site's name as written in the title may differ in case and spacing.
  EXPECT_EQ(strip_site_name("Budget passes | TheHill", "The Hill"), "Budget passes");
  EXPECT_EQ(strip_site_name("Budget passes - the guardian", "The Guardian"), "Budget passes");
  EXPECT_EQ(strip_site_name("\u0411\u044e\u0434\u0436\u0435\u0442 | \u041d\u043e\u0432\u043e\u0441\u0442\u0438",
                            "\u043d\u043e\u0432\u043e\u0441\u0442\u0438"),
            "\u0411\u044e\u0434\u0436\u0435\u0442");
  // A dash inside a headline is not a site name.
  EXPECT_EQ(strip_site_name("Vote - a turning point for the whole region", ""),
            "Vote - a turning point for the whole region");
}

TEST(HtmlMetadata, CharacterReferencesInValuesAreDecoded) {
  // JSON-LD is not HTML: its references reach the metadata undecoded.
  std::string ld = R"({"@type":"NewsArticle","headline":"Budget passes",
    "description":"The council&#8217;s vote on &quot;the budget&quot;",
    "author":{"@type":"Person","name":"Jos&eacute; Ortega"},
    "publisher":{"@type":"Organization","name":"Smith &amp; Sons"}})";
  Result r = test::extract_html(
      test::page(body(), "<script type=\"application/ld+json\">" + ld + "</script>"));
  EXPECT_EQ(r.metadata.description, "The council\u2019s vote on \"the budget\"");
  EXPECT_EQ(r.metadata.author, "Jos\u00e9 Ortega");
  EXPECT_EQ(r.metadata.site_name, "Smith & Sons");
  // Meta content escaped twice.
  Result twice = test::extract_html(test::page(
      body(), "<meta name=\"description\" content=\"Rock &amp;amp; roll&amp;nbsp;  hall\">"));
  // (The no-break space it decodes to is then folded, as normalization
  // folds the article's.)
  EXPECT_EQ(twice.metadata.description, "Rock & roll hall");
}

TEST(HtmlMetadata, SiteNameIsStrippedFromTheOpenGraphTitle) {
  Result r = test::extract_html(test::page(
      body(), "<meta property=\"og:site_name\" content=\"Example.com\">"
              "<meta property=\"og:title\" content=\"Council passes the budget - Example.com\">"));
  EXPECT_EQ(r.metadata.title, "Council passes the budget");
  // Only the site's own name goes: another trailing segment stays.
  Result kept = test::extract_html(test::page(
      body(), "<meta property=\"og:site_name\" content=\"Example.com\">"
              "<meta property=\"og:title\" content=\"Budget passes - a turning point\">"));
  EXPECT_EQ(kept.metadata.title, "Budget passes - a turning point");
  // A title that is the site's name alone is kept.
  Result home = test::extract_html(test::page(
      body(), "<meta property=\"og:site_name\" content=\"Example\">"
              "<meta property=\"og:title\" content=\"Example\">"));
  EXPECT_EQ(home.metadata.title, "Example");
}

TEST(HtmlMetadata, UrlIsAbsoluteWhenThePageGivesOne) {
  // A relative JSON-LD url gives way to the absolute canonical link.
  std::string ld = R"({"@type":"NewsArticle","headline":"Budget passes","url":"/news/budget"})";
  Result r = test::extract_html(test::page(
      body(), "<link rel=\"canonical\" href=\"https://example.com/news/budget\">"
              "<script type=\"application/ld+json\">" + ld + "</script>"));
  EXPECT_EQ(r.metadata.url, "https://example.com/news/budget");
  // A relative canonical link gives way to an absolute og:url.
  Result og = test::extract_html(test::page(
      body(), "<link rel=\"canonical\" href=\"/news/budget\">"
              "<meta property=\"og:url\" content=\"https://example.com/news/budget\">"));
  EXPECT_EQ(og.metadata.url, "https://example.com/news/budget");
  // With none absolute, the first is read against an absolute <base href>.
  Result based = test::extract_html(test::page(
      body(), "<base href=\"https://example.com/news/\"><link rel=\"canonical\" href=\"budget\">"));
  EXPECT_EQ(based.metadata.url, "https://example.com/news/budget");
  // Else it is reported as written.
  Result bare = test::extract_html(test::page(body(), "<link rel=\"canonical\" href=\"/news/budget\">"));
  EXPECT_EQ(bare.metadata.url, "/news/budget");
}

TEST(HtmlMetadata, JsonLdNodesNamedByIdAreRead) {
  // As Yoast writes it: the article names its author and publisher by @id.
  std::string ld = R"({"@context":"https://schema.org","@graph":[
    {"@type":"Organization","@id":"https://example.com/#org","name":"Example News"},
    {"@type":"WebPage","@id":"https://example.com/budget#page","name":"Budget passes - Example News"},
    {"@type":"Article","@id":"https://example.com/budget#article","headline":"Budget passes",
     "author":{"@id":"https://example.com/#/person/1"},"publisher":{"@id":"https://example.com/#org"},
     "isPartOf":{"@id":"https://example.com/budget#page"}}]})";
  // The person is in another block.
  std::string person = R"({"@type":"Person","@id":"https://example.com/#/person/1","name":"Jane Doe"})";
  Result r = test::extract_html(test::page(
      body(), "<script type=\"application/ld+json\">" + ld + "</script><script type=\"application/ld+json\">" +
                  person + "</script>"));
  EXPECT_EQ(r.metadata.title, "Budget passes");
  EXPECT_EQ(r.metadata.author, "Jane Doe");
  EXPECT_EQ(r.metadata.site_name, "Example News");
  // An @id that names nothing is no name, and one that names itself ends.
  std::string loose = R"({"@type":"Article","headline":"Budget passes","author":{"@id":"#nobody"},
    "publisher":{"@id":"#self","url":"https://example.com"}})";
  Result l = test::extract_html(test::page(
      body(), "<meta name=\"author\" content=\"Meta Author\"><script type=\"application/ld+json\">" + loose +
                  "</script>"));
  EXPECT_EQ(l.metadata.author, "Meta Author");
  EXPECT_EQ(l.metadata.site_name, "");
}

TEST(HtmlMetadata, JsonLdArticleAsAPagesMainEntity) {
  std::string ld = R"({"@context":"https://schema.org","@type":"WebPage","name":"Example News",
    "mainEntity":{"@type":"NewsArticle","headline":"Budget passes","author":{"@type":"Person","name":"Jane Doe"}}})";
  Result r = test::extract_html(test::page(body(), "<script type=\"application/ld+json\">" + ld + "</script>"));
  EXPECT_EQ(r.metadata.title, "Budget passes");
  EXPECT_EQ(r.metadata.author, "Jane Doe");
}

TEST(HtmlMetadata, BylineWordIsNotPartOfTheAuthor) {
  Result r = test::extract_html(test::page(body(), "<meta name=\"author\" content=\"By  Jane Doe\">"));
  EXPECT_EQ(r.metadata.author, "Jane Doe");
  std::string ld = R"({"@type":"NewsArticle","headline":"Budget passes","author":"BY JANE DOE, AP Writer"})";
  Result j = test::extract_html(test::page(body(), "<script type=\"application/ld+json\">" + ld + "</script>"));
  EXPECT_EQ(j.metadata.author, "JANE DOE, AP Writer");
  // A name that starts with the letters is a name.
  Result n = test::extract_html(test::page(body(), "<meta name=\"author\" content=\"Byron Kay\">"));
  EXPECT_EQ(n.metadata.author, "Byron Kay");
}

TEST(HtmlMetadata, JsonLdDateModifiedWhenNoDateOfPublication) {
  std::string ld = R"({"@type":"NewsArticle","headline":"Budget passes","dateModified":"2024-03-06"})";
  Result r = test::extract_html(test::page(body(), "<script type=\"application/ld+json\">" + ld + "</script>"));
  EXPECT_EQ(r.metadata.date, "2024-03-06");
  // A date of publication anywhere on the page comes first.
  Result p = test::extract_html(test::page(
      body(), "<meta property=\"article:published_time\" content=\"2024-03-05\">"
              "<script type=\"application/ld+json\">" + ld + "</script>"));
  EXPECT_EQ(p.metadata.date, "2024-03-05");
}

// A page with an article and a byline `byline` above its heading.
std::string with_byline(const std::string& byline, const std::string& after = "") {
  return test::page("<article>" + byline + "<h1>Council passes the budget</h1><p>" + test::prose(1) + "</p><p>" +
                    test::prose(2) + "</p>" + after + "</article>");
}

TEST(HtmlMetadata, SiteNamedByItsAddressIsItsHost) {
  Result r = test::extract_html(test::page(body(), "<meta property=\"og:site_name\" content=\"https://www.Example.com/\">"));
  EXPECT_EQ(r.metadata.site_name, "example.com");
  Result name = test::extract_html(test::page(body(), "<meta property=\"og:site_name\" content=\"Example.com\">"));
  EXPECT_EQ(name.metadata.site_name, "Example.com");
}

TEST(HtmlMetadata, AuthorFromMicrodataName) {
  Result r = test::extract_html(with_byline(
      "<div class=\"meta\"><span itemprop=\"author\" itemscope itemtype=\"http://schema.org/Person\">By "
      "<a href=\"/staff/jane\"><span itemprop=\"name\">Jane  Doe</span></a>, Staff Writer</span></div>"));
  EXPECT_EQ(r.metadata.author, "Jane Doe");
  // Without a name inside, the element's own text; a name given as content.
  Result own = test::extract_html(with_byline("<p class=\"by\">By <span ITEMPROP=\"Author\">John Roe</span></p>"));
  EXPECT_EQ(own.metadata.author, "John Roe");
  Result meta = test::extract_html(with_byline(
      "<div itemprop=\"author\" itemscope><meta itemprop=\"name\" content=\"Ann Poe\"><img src=\"a.jpg\"></div>"));
  EXPECT_EQ(meta.metadata.author, "Ann Poe");
}

TEST(HtmlMetadata, SeveralMicrodataAuthorsAreJoined) {
  Result r = test::extract_html(with_byline(
      "<p>By <span itemprop=\"author\"><span itemprop=\"name\">Jane Doe</span></span> and "
      "<span itemprop=\"author\"><span itemprop=\"name\">John Roe</span></span></p>",
      "<footer><div itemprop=\"author\"><span itemprop=\"name\">Jane Doe</span></div></footer>"));
  EXPECT_EQ(r.metadata.author, "Jane Doe, John Roe");
}

TEST(HtmlMetadata, LabelBeforeAMicrodataAuthorIsNotPartOfIt) {
  Result r = test::extract_html(with_byline("<p><span itemprop=\"author\">Text: Anna Petrova</span></p>"));
  EXPECT_EQ(r.metadata.author, "Anna Petrova");
}

TEST(HtmlMetadata, AuthorsOfCommentsAreNotTheArticles) {
  const std::string comments =
      "<section><div itemprop=\"comment\" itemscope itemtype=\"http://schema.org/Comment\">"
      "<cite itemprop=\"author\">Karol</cite><p itemprop=\"text\">Great post!</p></div></section>";
  Result r = test::extract_html(with_byline("", comments));
  EXPECT_EQ(r.metadata.author, "");
  Result both = test::extract_html(with_byline("<p>By <span itemprop=\"author\">Jane Doe</span></p>", comments));
  EXPECT_EQ(both.metadata.author, "Jane Doe");
  Result review = test::extract_html(with_byline(
      "", "<div itemprop=\"review\" itemscope><span itemprop=\"author\">Critic</span></div>"));
  EXPECT_EQ(review.metadata.author, "");
}

TEST(HtmlMetadata, AuthorFromRelAuthorLink) {
  Result r = test::extract_html(with_byline(
      "<p class=\"byline\">Posted by <a href=\"/author/jane\" rel=\"author\">Jane Doe</a></p>"));
  EXPECT_EQ(r.metadata.author, "Jane Doe");
  // Other links' rel says nothing of the author.
  Result other = test::extract_html(with_byline("<p><a href=\"/x\" rel=\"nofollow noopener\">Jane Doe</a></p>"));
  EXPECT_EQ(other.metadata.author, "");
}

TEST(HtmlMetadata, MetaAuthorComesBeforeTheMarkedOne) {
  Result r = test::extract_html(test::page(
      "<article><p>By <span itemprop=\"author\">J. Doe</span></p><h1>Council passes the budget</h1><p>" +
          test::prose(1) + "</p></article>",
      "<meta name=\"author\" content=\"Jane Doe\">"));
  EXPECT_EQ(r.metadata.author, "Jane Doe");
}

// The lines of a marked author are not glued into one word: its name is
// its first line, the job title or biography under it left out.
TEST(HtmlMetadata, MarkedAuthorIsItsFirstLine) {
  Result br = test::extract_html(with_byline("<p itemprop=\"author\">Jane Doe<br>Staff Writer</p>"));
  EXPECT_EQ(br.metadata.author, "Jane Doe");
  Result blocks = test::extract_html(with_byline(
      "<div itemprop=\"author\"><h4>Jane Doe</h4><p>Jane Doe has covered the city council for the paper "
      "since 2009 and lives in the old town with two cats.</p></div>"));
  EXPECT_EQ(blocks.metadata.author, "Jane Doe");
  Result by = test::extract_html(with_byline("<div itemprop=\"author\"><p>By</p><p>Jane Doe</p></div>"));
  EXPECT_EQ(by.metadata.author, "Jane Doe");
  Result link = test::extract_html(with_byline("<p><a rel=\"author\" href=\"/j\">Jane Doe<br>Reporter</a></p>"));
  EXPECT_EQ(link.metadata.author, "Jane Doe");
  // A name's own lines are words of it.
  Result name = test::extract_html(with_byline(
      "<div itemprop=\"author\"><span itemprop=\"name\">Jane<br>Doe</span></div>"));
  EXPECT_EQ(name.metadata.author, "Jane Doe");
}

// Text hidden inside a marked author (an icon's ligature name, a screen
// reader's label) is not read as part of its name; an author element that
// is hidden itself is read, as microdata often is.
TEST(HtmlMetadata, TextHiddenInsideAMarkedAuthorIsNotItsName) {
  Result icon = test::extract_html(with_byline(
      "<p><span itemprop=\"author\"><i class=\"material-icons\" aria-hidden=\"true\">person</i>Jane Doe</span></p>"));
  EXPECT_EQ(icon.metadata.author, "Jane Doe");
  Result link = test::extract_html(
      with_byline("<p><a rel=\"author\" href=\"/j\">Jane <span hidden>(opens in a new tab)</span>Doe</a></p>"));
  EXPECT_EQ(link.metadata.author, "Jane Doe");
  Result hidden = test::extract_html(with_byline("<span itemprop=\"author\" style=\"display:none\">Jane Doe</span>"));
  EXPECT_EQ(hidden.metadata.author, "Jane Doe");
}

// What is marked but names no one gives no author: a "By" alone, a URL.
TEST(HtmlMetadata, MarkedAuthorThatIsNoName) {
  for (const char* byline : {"<p><span itemprop=\"author\">By</span></p>", "<p><span itemprop=\"author\">By:</span></p>",
                             "<p><span itemprop=\"author\">https://example.com/staff/jane</span></p>",
                             "<p><a rel=\"author\" href=\"/j\">https://example.com/staff/jane</a></p>"}) {
    EXPECT_EQ(test::extract_html(with_byline(byline)).metadata.author, "") << byline;
  }
  // The link's name stands when the microdata's is none.
  Result link = test::extract_html(
      with_byline("<p><span itemprop=\"author\">By</span> <a rel=\"author\" href=\"/j\">Jane Doe</a></p>"));
  EXPECT_EQ(link.metadata.author, "Jane Doe");
}

TEST(HtmlMetadata, MarkedAuthorBoxWithABiographyIsNoName) {
  Result r = test::extract_html(with_byline(
      "", "<div itemprop=\"author\">Jane Doe has covered the city council for the paper since 2009 and "
          "lives in the old town with two cats.</div>"));
  EXPECT_EQ(r.metadata.author, "");
}

}  // namespace
}  // namespace winnow
