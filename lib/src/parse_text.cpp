#include "parse_text.hpp"

#include "utf8.hpp"

namespace winnow::detail {

namespace {

// Trim the line and fold runs of ASCII spaces and tabs to one space. Other
// Unicode spaces are left to the normalize stage.
std::string fold_spaces(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  bool space = false;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

Document parse_text(std::string_view utf8) {
  Document doc;
  doc.mode = Mode::Text;
  bool gap = false;
  while (!utf8.empty()) {
    std::size_t eol = utf8.find('\n');
    std::string_view line = utf8.substr(0, eol);
    utf8.remove_prefix(eol == std::string_view::npos ? utf8.size() : eol + 1);
    std::string text = fold_spaces(line);
    if (text.empty()) {
      gap = true;
      continue;
    }
    PageBlock b;
    b.index = doc.blocks.size();
    b.gap_before = gap;
    b.block.text = std::move(text);
    b.block.kept = true;
    doc.blocks.push_back(std::move(b));
    gap = false;
  }
  return doc;
}

}  // namespace winnow::detail
