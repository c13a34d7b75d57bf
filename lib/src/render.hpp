// Stage 6, render: Result -> text, Markdown or JSON (winnow::render). Also
// the JSON string writer shared by the CLI.
#pragma once

#include <string>
#include <string_view>

#include "winnow/winnow.hpp"

namespace winnow::detail {

// Which kept blocks go on the line after the kept block before them
// (Block::after_line_break), read in page order: a paragraph's lines are
// blocks of their own, so that each is judged alone ("Headline<br>By Jane
// Doe" loses its byline), and are joined again when written. A kept line
// joins the kept line before it when every block between them is a line
// of the same paragraph (a dropped byline line between two kept lines
// keeps them one paragraph); the first kept line after a paragraph's
// dropped first lines starts a paragraph.
class LineJoiner {
 public:
  // Whether `b`, the next block in page order, is kept and joins the kept
  // block before it.
  bool joins(const Block& b) {
    const bool joins = b.kept && b.after_line_break && after_kept_line_;
    after_kept_line_ = b.kept || (after_kept_line_ && b.after_line_break);
    return joins;
  }

 private:
  bool after_kept_line_ = false;  // a kept block, and only its lines since
};

// Append `s` to `out` as a JSON string literal (quotes included). Invalid
// UTF-8 is written as U+FFFD so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view s);
// The same, a code point at a time: the definition append_json_string()
// must agree with (tests and the decode fuzz target compare them).
void append_json_string_reference(std::string& out, std::string_view s);

}  // namespace winnow::detail
