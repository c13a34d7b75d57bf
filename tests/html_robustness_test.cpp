#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "html_test_util.hpp"

namespace winnow {
namespace {

// Pages cut short at every byte, and pages stitched from hostile fragments,
// parse without failing; the text before the damage survives.
TEST(HtmlRobustness, TruncatedPagesNeverFail) {
  std::string html = test::page(
      "<article><p>" + test::prose(1) + "</p><script>if (a < b) { x = '</div>'; }</script>"
      "<!-- note --><p class=\"x\" title='a>b'>" + test::prose(2) + "</p><svg><g/></svg>"
      "<table><tr><td>cell</td></tr></table></article>",
      "<meta charset=\"utf-8\">");
  for (std::size_t cut = 1; cut <= html.size(); ++cut) {
    Result r = test::extract_html(html.substr(0, cut));
    ASSERT_TRUE(r.ok() || r.status == Status::EmptyInput) << cut << ": " << r.error;
  }
  Result whole = test::extract_html(html);
  EXPECT_TRUE(test::kept(whole, "Paragraph 2 "));
}

TEST(HtmlRobustness, HostileFragmentsNeverFail) {
  const std::vector<std::string> fragments = {
      "<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<!--", "-->", "<![CDATA[",
      "<svg>", "</svg>", "<template>", "<table>", "<td>", "<a href=x>", "</a>", "<b>", "<i>",
      "<br/>", "<", "</", ">", "\"", "'", "&amp;", "&#x0;", "&#xD800;", "\xFF", "\xC3",
      "text ", "<title>", "</title>", "<textarea>", "<plaintext>", "<noscript>", "<style>",
      "<div hidden>", "<div style='display:none'>", "<html>", "<body>", "<head>", "<meta charset=x>",
      "<select><option>", "<math>", "<frameset>", "<table><form><tr>", std::string(1, '\0')};
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7FFF;
  };
  for (int page = 0; page < 300; ++page) {
    std::string html;
    int n = 20 + static_cast<int>(next() % 200);
    for (int i = 0; i < n; ++i) html += fragments[next() % fragments.size()];
    Result r = test::extract_html(html);
    ASSERT_TRUE(r.ok() || r.status == Status::EmptyInput || r.status == Status::BinaryInput)
        << page << ": " << r.error;
  }
}

}  // namespace
}  // namespace winnow
