// Reading the lines of the rule files (markers.txt, names.txt,
// html_hints.txt) and of text split into fields: each file's parser trims
// and splits the same way.
#pragma once

#include <string_view>
#include <vector>

namespace winnow::detail {

// `s` without the spaces, tabs and carriage returns at its ends.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The parts of `s` between each `sep`, each trimmed (empty ones included).
inline std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (;;) {
    std::size_t at = s.find(sep);
    parts.push_back(trim(s.substr(0, at)));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

}  // namespace winnow::detail
