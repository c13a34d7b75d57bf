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

}  // namespace
}  // namespace winnow
