#include "parse_text.hpp"

#include <algorithm>

#include "ascii_words.hpp"

namespace winnow::detail {

namespace {

bool is_line_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Trim the line and fold runs of ASCII spaces and tabs to one space. Other
// Unicode spaces are left to the normalize stage.
std::string fold_spaces(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  bool space = false;
  for (char c : line) {
    if (is_line_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// True when a trimmed line has nothing to fold: its only spaces are single
// 0x20s. Most scraped lines are like that, and are taken as they are.
bool single_spaced(std::string_view line) {
  std::size_t i = 0;
  bool space_before = false;
  if (ascii_words::kAvailable) {
    for (; i + 8 <= line.size(); i += 8) {
      std::uint64_t word = ascii_words::load(line.data() + i);
      if (!ascii_words::single_spaced(word, space_before)) break;
      space_before = ascii_words::ends_with_space(word);
    }
  }
  for (; i < line.size(); ++i) {
    char c = line[i];
    if (c == ' ' && space_before) return false;
    if (c != ' ' && is_line_space(c)) return false;
    space_before = c == ' ';
  }
  return true;
}

std::string folded_line(std::string_view line) {
  std::size_t begin = 0, end = line.size();
  while (begin < end && is_line_space(line[begin])) ++begin;
  while (end > begin && is_line_space(line[end - 1])) --end;
  line = line.substr(begin, end - begin);
  return single_spaced(line) ? std::string(line) : fold_spaces(line);
}

template <typename Fold>
Document split_lines(std::string_view utf8, Fold fold) {
  Document doc;
  doc.mode = Mode::Text;
  // At most a block a line: as a rule no block is moved as the list grows.
  // Capped, since blank lines make no block.
  constexpr std::size_t kMostReserved = 4096;
  auto lines = static_cast<std::size_t>(std::count(utf8.begin(), utf8.end(), '\n')) + 1;
  doc.blocks.reserve(std::min(lines, kMostReserved));
  bool gap = false;
  while (!utf8.empty()) {
    std::size_t eol = utf8.find('\n');
    std::string_view line = utf8.substr(0, eol);
    utf8.remove_prefix(eol == std::string_view::npos ? utf8.size() : eol + 1);
    std::string text = fold(line);
    if (text.empty()) {
      gap = true;
      continue;
    }
    PageBlock& b = doc.blocks.emplace_back();
    b.index = doc.blocks.size() - 1;
    b.gap_before = gap;
    b.block.text = std::move(text);
    b.block.kept = true;
    gap = false;
  }
  return doc;
}

}  // namespace

Document parse_text(std::string_view utf8) {
  return split_lines(utf8, folded_line);
}

Document parse_text_reference(std::string_view utf8) {
  return split_lines(utf8, fold_spaces);
}

}  // namespace winnow::detail
