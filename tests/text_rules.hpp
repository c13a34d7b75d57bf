// Helpers for the text-rule tests: run the text pipeline's parse, classify
// and select stages on a small page and look blocks up by their text.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "classify.hpp"
#include "document.hpp"
#include "parse_text.hpp"
#include "select.hpp"

namespace winnow::testing {

inline detail::Document classify_only(std::string_view page, const Options& options = {}) {
  detail::Document doc = detail::parse_text(page);
  detail::classify(doc, options);
  return doc;
}

inline detail::Document run_text(std::string_view page, const Options& options = {}) {
  detail::Document doc = classify_only(page, options);
  detail::select(doc, options);
  return doc;
}

// A scraped page of these lines, a blank line after each.
inline std::string join(std::initializer_list<std::string> lines) {
  std::string page;
  for (const auto& l : lines) page += l + "\n\n";
  return page;
}

// The first block whose text starts with `prefix`; fails the test if none.
inline const Block& block(const detail::Document& doc, std::string_view prefix) {
  for (const auto& b : doc.blocks) {
    if (b.text().starts_with(prefix)) return b.block;
  }
  ADD_FAILURE() << "no block starts with '" << prefix << "'";
  static const Block none;
  return none;
}

// Prose paragraphs for building pages: each is a full sentence, long enough
// to read as article text.
inline std::string paragraph(int n) {
  return "Paragraph " + std::to_string(n) +
         " of the article tells the reader what happened in the city on Tuesday, "
         "and why the council said it would review the decision next month.";
}

}  // namespace winnow::testing
