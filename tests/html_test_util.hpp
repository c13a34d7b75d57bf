// Helpers for the HTML tests: small pages built from realistic parts.
#pragma once

#include <string>

#include "winnow/winnow.hpp"

namespace winnow::test {

// A paragraph of ordinary prose, distinct per `n`, about 200 bytes.
inline std::string prose(int n) {
  return "Paragraph " + std::to_string(n) +
         " tells the story in full sentences, with enough words to read as prose. The council "
         "met on Tuesday and voted on the budget, which had been debated for many weeks.";
}

// Paragraphs prose(from) .. prose(to), each in its own <p>.
inline std::string paragraphs(int from, int to) {
  std::string s;
  for (int n = from; n <= to; ++n) s += "<p>" + prose(n) + "</p>";
  return s;
}

inline std::string page(const std::string& body, const std::string& head = "") {
  return "<!doctype html><html><head><title>Test page</title>" + head + "</head><body>" + body +
         "</body></html>";
}

inline Result extract_html(const std::string& html, Options options = {}) {
  options.mode = Mode::Html;
  return extract(html, options);
}

inline bool kept(const Result& r, const std::string& needle) {
  return r.text.find(needle) != std::string::npos;
}

}  // namespace winnow::test
