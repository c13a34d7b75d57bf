// Reference resolution (lib/src/url.hpp), on the examples of RFC 3986,
// section 5.4.
#include <gtest/gtest.h>

#include <utility>

#include "url.hpp"

namespace winnow::detail {
namespace {

TEST(Url, Rfc3986NormalAndAbnormalExamples) {
  const std::string_view base = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> kExamples[] = {
      // 5.4.1, normal
      {"g:h", "g:h"}, {"g", "http://a/b/c/g"}, {"./g", "http://a/b/c/g"}, {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"}, {"//g", "http://g"}, {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"}, {"g#s", "http://a/b/c/g#s"}, {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"}, {"g;x", "http://a/b/c/g;x"}, {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"}, {".", "http://a/b/c/"}, {"./", "http://a/b/c/"}, {"..", "http://a/b/"},
      {"../", "http://a/b/"}, {"../g", "http://a/b/g"}, {"../..", "http://a/"}, {"../../", "http://a/"},
      {"../../g", "http://a/g"},
      // 5.4.2, abnormal
      {"../../../g", "http://a/g"}, {"../../../../g", "http://a/g"}, {"/./g", "http://a/g"},
      {"/../g", "http://a/g"}, {"g.", "http://a/b/c/g."}, {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."}, {"..g", "http://a/b/c/..g"}, {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"}, {"g/./h", "http://a/b/c/g/h"}, {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"}, {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"}, {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"}, {"g#s/../x", "http://a/b/c/g#s/../x"}, {"http:g", "http:g"},
  };
  for (const auto& [reference, expected] : kExamples) {
    EXPECT_EQ(resolve_url(base, reference).value_or("(none)"), expected) << "reference '" << reference << "'";
  }
}

TEST(Url, OnlyAnAbsoluteBaseResolves) {
  EXPECT_EQ(resolve_url("/world/story.html", "other.html"), std::nullopt);
  EXPECT_EQ(resolve_url("mailto:desk@example.com", "other.html"), std::nullopt);
  EXPECT_EQ(resolve_url("", "other.html"), std::nullopt);
  EXPECT_EQ(resolve_url("https://example.com", "news/a.html").value_or(""), "https://example.com/news/a.html");
  EXPECT_EQ(resolve_url("https://example.com", "").value_or(""), "https://example.com");
}

}  // namespace
}  // namespace winnow::detail
