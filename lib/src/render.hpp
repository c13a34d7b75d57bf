// Stage 6, render: Result -> text, Markdown or JSON (winnow::render). Also
// the JSON string writer shared by the CLI.
#pragma once

#include <string>
#include <string_view>

namespace winnow::detail {

// Append `s` to `out` as a JSON string literal (quotes included). Invalid
// UTF-8 is written as U+FFFD so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view s);
// The same, a code point at a time: the definition append_json_string()
// must agree with (tests and the decode fuzz target compare them).
void append_json_string_reference(std::string& out, std::string_view s);

}  // namespace winnow::detail
