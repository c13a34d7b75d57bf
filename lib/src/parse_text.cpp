#include "parse_text.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "ascii_words.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// One line of the input, as the first pass of parse_text() found it.
struct Line {
  std::string_view text;  // trimmed of line spaces at both ends; never empty
  bool gap_before = false;
  bool plain = false;  // nothing to fold: its only spaces are single 0x20s
};

// The first byte of `word` that ends a plain stretch of line: a byte below
// 0x20 (the line's '\n', a tab, CR, FF, VT or other control) or a space
// that follows a space (one just before the word when `space_before`);
// 8 when there is none. Bytes >= 0x80 are text.
unsigned first_unplain(std::uint64_t word, bool space_before) {
  using namespace ascii_words;
  const std::uint64_t high = word & kHighs;
  const std::uint64_t controls = below(word & ~kHighs, 0x20) & ~high;
  // Zero bytes of `x` are spaces; of `pairs`, the first of two spaces (the
  // top byte never: nothing of the next word is known here).
  const std::uint64_t x = word ^ (kOnes * ' ');
  const std::uint64_t pairs = x | (x >> 8) | (std::uint64_t{0xFF} << 56);
  // Bytes of `pairs` that are zero, exact up to the first one.
  std::uint64_t doubled = (pairs - kOnes) & ~pairs & kHighs;
  // A space doubled across the words: flag byte 0 (the later space).
  if (space_before && (x & 0xFF) == 0) doubled |= 0x80;
  // A pair flags its first space; the fold starts there or earlier.
  const std::uint64_t stops = controls | doubled;
  return stops == 0 ? 8 : static_cast<unsigned>(std::countr_zero(stops)) / 8;
}

#if defined(__SSE2__)
// first_unplain() for sixteen bytes (every x86-64 has SSE2): one compare
// per kind of byte, where the eight-byte masks take a dozen operations.
// A doubled space is flagged at its second byte here; either is before the
// line's end when the pair is.
unsigned first_unplain16(const char* at, bool space_before) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  // Signed compares: bytes >= 0x80 are negative, and are text.
  const __m128i controls = _mm_and_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                         _mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
  const auto control_bits = static_cast<unsigned>(_mm_movemask_epi8(controls));
  const auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
  const unsigned doubled = spaces & ((spaces << 1) | (space_before ? 1U : 0U));
  const unsigned stops = control_bits | doubled;
  return stops == 0 ? 16 : static_cast<unsigned>(std::countr_zero(stops));
}
#endif

// Where the line starting at `at` ends (its '\n', or the end), and whether
// it is plain: no byte below 0x20 and no two spaces together. Sixteen or
// eight bytes at a time, since that look also finds the line's end: most
// lines are plain, and a line that is not is folded byte by byte anyway.
std::size_t line_end(std::string_view text, std::size_t at, bool& plain) {
  plain = true;
  bool space_before = false;
  std::size_t i = at;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    unsigned stop = first_unplain16(text.data() + i, space_before);
    if (stop < 16) {
      if (text[i + stop] == '\n') return i + stop;
      plain = false;
      i += stop;
      break;
    }
    space_before = text[i + 15] == ' ';
  }
#endif
  if (plain && ascii_words::kAvailable) {
    for (; i + 8 <= text.size(); i += 8) {
      std::uint64_t word = ascii_words::load(text.data() + i);
      unsigned stop = first_unplain(word, space_before);
      if (stop < 8) {
        if (text[i + stop] == '\n') return i + stop;
        plain = false;
        i += stop;
        break;
      }
      space_before = (word >> 56) == ' ';
    }
  }
  for (; plain && i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') return i;
    if ((c == ' ' && space_before) || (c != ' ' && is_line_space(c))) plain = false;
    space_before = c == ' ';
  }
  std::size_t eol = text.find('\n', i);
  return eol == std::string_view::npos ? text.size() : eol;
}

std::string_view trimmed(std::string_view line) {
  std::size_t begin = 0, end = line.size();
  while (begin < end && is_line_space(line[begin])) ++begin;
  while (end > begin && is_line_space(line[end - 1])) --end;
  return line.substr(begin, end - begin);
}

// The lines that make blocks, with the blank lines between them as gaps.
// Counted first, so that the blocks are made in room reserved once.
void split_lines(std::string_view utf8, std::vector<Line>& lines) {
  lines.clear();
  bool gap = false;
  std::size_t at = 0;
  while (at < utf8.size()) {
    bool plain = false;
    std::size_t eol = line_end(utf8, at, plain);
    std::string_view text = trimmed(utf8.substr(at, eol - at));
    at = eol + 1;
    if (text.empty()) {
      gap = true;
      continue;
    }
    lines.push_back({text, gap, plain});
    gap = false;
  }
}

PageBlock& add_block(Document& doc, bool gap_before) {
  PageBlock& b = doc.blocks.emplace_back();
  b.index = doc.blocks.size() - 1;
  b.gap_before = gap_before;
  b.block.kept = true;
  return b;
}

// fold_spaces() of the `size` bytes at `line`, written over them (the
// folded line is never longer); returns its size.
std::size_t fold_spaces_in_place(char* line, std::size_t size) {
  std::size_t out = 0;
  bool space = false;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = line[i];
    if (is_line_space(c)) {
      space = out > 0;
      continue;
    }
    if (space) line[out++] = ' ';
    space = false;
    line[out++] = c;
  }
  return out;
}

// The definition: every line folded a byte at a time.
Document split_and_fold(std::string_view utf8) {
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
    add_block(doc, gap).block.text = std::move(text);
    gap = false;
  }
  return doc;
}

}  // namespace

Document parse_text(std::string_view utf8) {
  Document doc;
  doc.mode = Mode::Text;
  // Kept from page to page on each thread: the list grows to the longest
  // page once instead of a few times on every page. Not past a size that
  // only a huge page needs, so such a page's memory does not stay.
  constexpr std::size_t kMostKept = std::size_t{1} << 16;
  thread_local std::vector<Line> lines;
  // The blocks view the document's copy of the page: one allocation for
  // the page where a string per line took one for each longer than 15
  // bytes. Zeros follow it, so that any line is followed by kLinePadding
  // readable bytes (Document::page).
  doc.page = std::make_unique_for_overwrite<char[]>(utf8.size() + kLinePadding);
  if (!utf8.empty()) std::memcpy(doc.page.get(), utf8.data(), utf8.size());
  std::memset(doc.page.get() + utf8.size(), 0, kLinePadding);
  char* const page = doc.page.get();
  split_lines(std::string_view(page, utf8.size()), lines);
  doc.blocks.reserve(lines.size());
  for (const Line& line : lines) {
    PageBlock& b = add_block(doc, line.gap_before);
    char* const at = page + (line.text.data() - page);
    b.line = {at, line.plain ? line.text.size() : fold_spaces_in_place(at, line.text.size())};
  }
  if (lines.capacity() > kMostKept) std::vector<Line>().swap(lines);
  return doc;
}

Document parse_text_reference(std::string_view utf8) { return split_and_fold(utf8); }

}  // namespace winnow::detail
