#include "parse_text.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

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

// Masks of 64 bytes of the page, bit k for byte k: the line feeds, the
// spaces, and the other bytes below 0x20 (tab, CR, FF, VT and other
// controls), which make a line need folding (so does a space after a
// space). Bytes >= 0x80 are text.
struct LineMasks {
  std::uint64_t newline = 0;
  std::uint64_t space = 0;
  std::uint64_t control = 0;
};

#if defined(__SSE2__)
// The masks of the 64 bytes at `from`, which are also copied to `to`: the
// page's copy is made in the pass that reads it (`to` may be `from`).
// Every x86-64 has SSE2.
LineMasks line_masks_copying(const char* from, char* to) {
  LineMasks m;
  const __m128i newline = _mm_set1_epi8('\n'), space = _mm_set1_epi8(' '), last_control = _mm_set1_epi8(0x1F);
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + 16 * k));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to + 16 * k), v);
    const __m128i is_newline = _mm_cmpeq_epi8(v, newline);
    // Bytes <= 0x1F, unsigned: the smaller of the byte and 0x1F is the byte.
    const __m128i below_space = _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v);
    const int shift = 16 * k;
    m.newline |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(is_newline))} << shift;
    m.space |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)))} << shift;
    m.control |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_andnot_si128(is_newline, below_space)))}
                 << shift;
  }
  return m;
}
#else
// The same a byte at a time, on other machines.
LineMasks line_masks_copying(const char* from, char* to) {
  LineMasks m;
  for (unsigned k = 0; k < 64; ++k) {
    const char c = from[k];
    to[k] = c;
    const std::uint64_t bit = std::uint64_t{1} << k;
    if (c == '\n') {
      m.newline |= bit;
    } else if (c == ' ') {
      m.space |= bit;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      m.control |= bit;
    }
  }
  return m;
}
#endif

std::string_view trimmed(std::string_view line) {
  std::size_t begin = 0, end = line.size();
  while (begin < end && is_line_space(line[begin])) ++begin;
  while (end > begin && is_line_space(line[end - 1])) --end;
  return line.substr(begin, end - begin);
}

// Lists the line [start, eol) of the page unless it is blank, in which case
// it is a gap before the next one. A plain line (`folds` false: no byte
// below 0x20, no two spaces together) has at most one space at either end.
// Inlined: it runs once a line, and half the lines of scraped text are the
// blank ones between paragraphs.
[[gnu::always_inline]] inline void add_line(const char* page, std::size_t start, std::size_t eol, bool folds,
                                            bool& gap, std::vector<Line>& lines) {
  std::string_view text;
  if (folds) {
    text = trimmed(std::string_view(page + start, eol - start));
  } else {
    const std::size_t begin = start + (page[start] == ' ');
    const std::size_t end = eol - (eol > begin && page[eol - 1] == ' ');
    text = std::string_view(page + begin, end - begin);
  }
  if (text.empty()) {
    gap = true;
    return;
  }
  lines.push_back({text, gap, !folds});
  gap = false;
}

// Copies the `size` bytes at `from` to `page` (which has kLinePadding zero
// bytes after them) and lists the lines that make blocks, with the blank
// lines between them as gaps, in the same pass: 64 bytes at a time, where
// the masks give every line end and whether the line needs folding. Lines
// are listed first, so that the blocks are made in room reserved once.
void copy_and_split_lines(const char* from, std::size_t size, char* page, std::vector<Line>& lines) {
  lines.clear();
  bool gap = false;
  std::size_t start = 0;           // of the line the scan is in
  bool folds = false;              // whether that line needs folding, so far
  std::uint64_t space_before = 0;  // 1 when the byte before the 64 is a space
  for (std::size_t base = 0; base < size; base += 64) {
    LineMasks m;
    if (size - base >= 64) {
      m = line_masks_copying(from + base, page + base);
    } else {
      // The page's last bytes: copied first, then read with the zeros
      // after them, which are controls and are cut off.
      std::memcpy(page + base, from + base, size - base);
      m = line_masks_copying(page + base, page + base);
      const std::uint64_t in_page = (std::uint64_t{1} << (size - base)) - 1;
      m.newline &= in_page;
      m.control &= in_page;
    }
    // A space flags the line when the byte before it is a space too (never
    // across lines: the byte before a line's first is its '\n').
    std::uint64_t unfolded = m.control | (m.space & ((m.space << 1) | space_before));
    space_before = m.space >> 63;
    for (std::uint64_t newlines = m.newline; newlines != 0; newlines &= newlines - 1) {
      const std::uint64_t bit = newlines & (~newlines + 1);
      const std::size_t eol = base + static_cast<std::size_t>(std::countr_zero(newlines));
      if (eol == start) {
        gap = true;  // an empty line
      } else {
        add_line(page, start, eol, folds || (unfolded & (bit - 1)) != 0, gap, lines);
      }
      unfolded &= ~(bit - 1);
      start = eol + 1;
      folds = false;
    }
    folds = folds || unfolded != 0;
  }
  if (start < size) add_line(page, start, size, folds, gap, lines);
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
  char* const page = doc.page.get();
  std::memset(page + utf8.size(), 0, kLinePadding);
  copy_and_split_lines(utf8.data(), utf8.size(), page, lines);
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
