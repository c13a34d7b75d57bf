#include "render.hpp"

#include <algorithm>
#include <bit>

#include "byte_masks.hpp"
#include "charset.hpp"
#include "markdown.hpp"
#include "rule_text.hpp"
#include "utf8.hpp"
#include "winnow/winnow.hpp"

namespace winnow::detail {

namespace {

// Whether JSON writes byte `c` (below 0x80) escaped: a quote, a backslash,
// a control character.
bool json_escapes(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// One ASCII byte as a JSON string writes it.
void append_escaped(std::string& out, char byte) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto c = static_cast<unsigned char>(byte);
  switch (c) {
    case '"': out.append("\\\""); break;
    case '\\': out.append("\\\\"); break;
    case '\n': out.append("\\n"); break;
    case '\r': out.append("\\r"); break;
    case '\t': out.append("\\t"); break;
    default:
      if (c < 0x20) {
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      } else {
        out.push_back(byte);
      }
  }
}

// The first byte at or after `i` that JSON escapes, or s.size(). Sixteen
// bytes at a time (every x86-64 has SSE2).
std::size_t next_json_escape(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i control = sse2::below_from(v, 0, 0x20);
    const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    const auto found =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
    if (found != 0) return i + static_cast<std::size_t>(std::countr_zero(found));
  }
#endif
  for (; i < s.size(); ++i) {
    if (json_escapes(static_cast<unsigned char>(s[i]))) return i;
  }
  return s.size();
}

}  // namespace

void append_json_string_reference(std::string& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t start = i;
      char32_t cp = next_code_point(s, i);
      if (cp == 0xFFFD && i - start != 3) {
        out.append("\xEF\xBF\xBD");
      } else {
        out.append(s.data() + start, i - start);
      }
      continue;
    }
    ++i;
    append_escaped(out, static_cast<char>(c));
  }
  out.push_back('"');
}

void append_json_string(std::string& out, std::string_view s) {
  // Invalid UTF-8 is rare (extract() never makes it) and is repaired a
  // code point at a time. Valid text is copied in runs up to each byte
  // JSON escapes, which in article text is mostly the "\n\n" between
  // blocks: a byte at a time, this was a tenth of a JSON Lines stream.
  if (!is_valid_utf8(s)) return append_json_string_reference(out, s);
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  for (std::size_t i = 0;;) {
    const std::size_t stop = next_json_escape(s, i);
    out.append(s.data() + i, stop - i);
    if (stop == s.size()) break;
    append_escaped(out, s[stop]);
    i = stop + 1;
  }
  out.push_back('"');
}

}  // namespace winnow::detail

namespace winnow {

namespace {

using detail::append_json_string;
using detail::is_markdown_special;
using detail::needs_markdown_escape;
using detail::trim;
using detail::without_links;

// A small writer for one JSON object, indented or on one line.
class JsonWriter {
 public:
  explicit JsonWriter(bool pretty) : pretty_(pretty) {}

  void open(char bracket) {
    out_.push_back(bracket);
    ++depth_;
    first_ = true;
  }
  void close(char bracket) {
    --depth_;
    if (!first_) newline();
    out_.push_back(bracket);
    first_ = false;
  }
  void key(std::string_view k) {
    separator();
    append_json_string(out_, k);
    out_.append(pretty_ ? ": " : ":");
  }
  void element() { separator(); }
  void string(std::string_view v) { append_json_string(out_, v); first_ = false; }
  void boolean(bool v) { out_.append(v ? "true" : "false"); first_ = false; }
  void field(std::string_view k, std::string_view v) { key(k); string(v); }
  std::string take() { return std::move(out_); }

 private:
  void separator() {
    if (!first_) out_.push_back(',');
    newline();
    first_ = true;
  }
  void newline() {
    if (!pretty_) return;
    out_.push_back('\n');
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }

  std::string out_;
  bool pretty_;
  bool first_ = true;
  int depth_ = 0;
};

std::string_view mode_name(Mode m) {
  switch (m) {
    case Mode::Html: return "html";
    case Mode::Text: return "text";
    case Mode::Auto: return "auto";
  }
  return "text";
}

std::string render_json(const Result& r, const RenderOptions& options) {
  JsonWriter w(options.pretty);
  w.open('{');
  if (!options.input_name.empty()) w.field("input", options.input_name);
  if (!r.ok()) {
    w.field("error", r.error);
    w.field("status", to_string(r.status));
    w.close('}');
    return w.take();
  }
  w.field("mode", mode_name(r.mode));
  const Metadata& m = r.metadata;
  for (auto [k, v] : {std::pair<std::string_view, const std::string&>{"title", m.title},
                      {"author", m.author}, {"date", m.date}, {"site_name", m.site_name},
                      {"url", m.url}, {"language", m.language}, {"description", m.description}}) {
    if (!v.empty()) w.field(k, v);
  }
  w.field("text", r.text);
  if (!r.notes.empty()) {
    w.key("notes");
    w.open('[');
    for (const auto& n : r.notes) { w.element(); w.string(n); }
    w.close(']');
  }
  if (options.explain) {
    w.key("blocks");
    w.open('[');
    for (const auto& b : r.blocks) {
      w.element();
      w.open('{');
      w.key("kept");
      w.boolean(b.kept);
      w.field("kind", to_string(b.kind));
      if (!b.kept) {
        w.field("reason", to_string(b.reason));
        w.field("evidence", b.evidence);
      }
      w.field("text", b.text);
      w.close('}');
    }
    w.close(']');
  }
  w.close('}');
  return w.take();
}

// Plain text as Markdown text: the characters that would format it
// escaped, as the HTML walk escapes its text.
std::string escape_markdown_inline(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_markdown_special(text[i]) && needs_markdown_escape(text, i)) out += '\\';
    out += text[i];
  }
  return out;
}

// Whether `line` is made of `c` alone, at least `least` of it, and spaces.
bool only_of(std::string_view line, char c, std::size_t least) {
  std::size_t n = 0;
  for (char x : line) {
    if (x == c) {
      ++n;
    } else if (x != ' ' && x != '\t') {
      return false;
    }
  }
  return n >= least;
}

// Where `line` would open a Markdown block of its own rather than go on as
// text, as CommonMark reads it: a heading ("# "), a quote (">"), a list item
// ("- ", "+ ", "* ", "1. ", "1) "), a thematic break ("---", "***"), a setext
// underline ("==="), a fence ("~~~"). Returns where the backslash that keeps
// it text goes, or npos.
std::size_t block_marker_at(std::string_view line) {
  if (line.empty()) return std::string_view::npos;
  const auto space_or_end = [&](std::size_t i) { return i == line.size() || line[i] == ' ' || line[i] == '\t'; };
  const char c = line[0];
  std::size_t run = 0;
  while (run < line.size() && line[run] == c) ++run;
  if (c == '>') return 0;
  if (c == '#' && run <= 6 && space_or_end(run)) return 0;
  if ((c == '-' || c == '+' || c == '*') && space_or_end(1)) return 0;
  if ((c == '-' || c == '*' || c == '_') && only_of(line, c, 3)) return 0;
  if (c == '=' && only_of(line, c, 1)) return 0;
  if (c == '~' && run >= 3) return 0;
  std::size_t digits = 0;
  while (digits < line.size() && digits < 9 && line[digits] >= '0' && line[digits] <= '9') ++digits;
  if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')') && space_or_end(digits + 1)) {
    return digits;
  }
  return std::string_view::npos;
}

// `text` with each line that would open a block of its own kept as text.
void append_block_text(std::string& out, std::string_view text) {
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    const std::size_t at = block_marker_at(line);
    if (at == std::string_view::npos) {
      out += line;
    } else {
      out += line.substr(0, at);
      out += '\\';
      out += line.substr(at);
    }
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
}

// A code fence longer than any run of backticks in the code, which would
// otherwise close it early.
std::string code_fence(std::string_view code) {
  return std::string(std::max<std::size_t>(3, detail::longest_backtick_run(code) + 1), '`');
}

// A list item's marker, indented under the item it is nested in: a
// CommonMark list item's content starts after its marker, and a nested
// list must start there. `indents[d]` is where the content of the last
// item at depth d + 1 starts.
void append_list_marker(std::string& out, const Block& b, std::vector<std::size_t>& indents) {
  const std::size_t depth = std::max<std::size_t>(b.list_depth, 1);
  const std::size_t indent = depth > 1 && indents.size() >= depth - 1 ? indents[depth - 2] : 0;
  const std::string marker = b.list_number > 0 ? std::to_string(b.list_number) + ". " : "- ";
  out.append(indent, ' ');
  out += marker;
  indents.resize(depth);
  indents[depth - 1] = indent + marker.size();
}

// The widest table whose short rows Markdown fills with empty cells.
constexpr std::size_t kMaxPaddedColumns = 64;

// A table row's Markdown: the HTML walk's (Block::markdown), which escapes
// every '|' of the text, code included, and writes the cells " | " apart.
// A row without it (a Block made elsewhere) is read as its text's cells.
std::string row_markdown(const Block& row, bool links) {
  if (row.markdown.empty()) {
    std::string out;
    const std::string_view text = row.text;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text.compare(i, 3, " | ") == 0) {
        out += " | ";
        i += 2;
      } else if (text[i] == '|') {
        out += "\\|";
      } else {
        if (is_markdown_special(text[i]) && needs_markdown_escape(text, i)) out += '\\';
        out += text[i];
      }
    }
    return out;
  }
  return links ? row.markdown : without_links(row.markdown);
}

// The cells of a row's Markdown: split at each '|' without a backslash
// before it, each without the spaces around it.
std::vector<std::string_view> row_cells(std::string_view row) {
  std::vector<std::string_view> cells;
  std::size_t from = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) {
      cells.push_back(trim(row.substr(from, i - from)));
      from = i + 1;
    }
  }
  cells.push_back(trim(row.substr(from)));
  return cells;
}

// The table whose first row is blocks[first] (its first kept row), as a
// GFM table: the kept rows up to the next kept block of another kind or
// the next table's first row, a header row (the table's own, or an empty one when its first row
// is not a header: GFM has no table without) and the delimiter row, as wide
// as the widest row (GFM drops the cells past the header's). A shorter row
// is filled with empty cells (GFM reads missing ones as empty, other
// readers may not), unless the table is wider than kMaxPaddedColumns: the
// filling must not grow as rows times columns.
// Returns the index of the table's last row.
std::size_t append_table(std::string& out, const std::vector<Block>& blocks, std::size_t first, bool links) {
  std::vector<std::string> rows{row_markdown(blocks[first], links)};
  std::size_t last = first;
  for (std::size_t i = first + 1; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    // The next table starts at its first row, shown or not (a hidden one).
    if (b.kind == BlockKind::TableRow && b.table_start) break;
    if (!b.kept) continue;
    if (b.kind != BlockKind::TableRow) break;
    rows.push_back(row_markdown(b, links));
    last = i;
  }
  std::vector<std::vector<std::string_view>> cells;
  std::size_t columns = 1;
  for (const std::string& row : rows) {
    cells.push_back(row_cells(row));
    columns = std::max(columns, cells.back().size());
  }
  const auto append_row = [&](const std::vector<std::string_view>& row, std::size_t width) {
    for (std::size_t c = 0; c < std::max(width, row.size()); ++c) {
      out += '|';
      out += ' ';
      if (c < row.size() && !row[c].empty()) {
        out += row[c];
        out += ' ';
      }
    }
    out += "|\n";
  };
  const bool header = blocks[first].table_header;
  append_row(header ? cells.front() : std::vector<std::string_view>{}, columns);
  for (std::size_t c = 0; c < columns; ++c) out += "| --- ";
  out += "|\n";
  const std::size_t width = columns <= kMaxPaddedColumns ? columns : 0;
  for (std::size_t r = header ? 1 : 0; r < cells.size(); ++r) append_row(cells[r], width);
  out += '\n';
  return last;
}

// `lines` (each ending with a newline), the Markdown of block `b` (a table,
// code), in the list item it is in (its list_depth): each line starts where
// the item's text does, an empty one stays empty. One that opens its item
// (Block::opens_item) starts on the line of the item's marker. Outside a
// list it ends the lists before it.
void append_in_item(std::string& out, const Block& b, std::string_view lines, std::vector<std::size_t>& list_indents) {
  const std::size_t depth = b.list_depth;
  if (b.opens_item && depth > 0) {
    append_list_marker(out, b, list_indents);
  } else if (depth == 0 || list_indents.size() < depth) {
    list_indents.clear();
    out += lines;
    return;
  }
  const std::string indent(list_indents[depth - 1], ' ');
  for (std::size_t start = 0; start < lines.size();) {
    const std::size_t end = lines.find('\n', start) + 1;  // every line ends with one
    if (end > start + 1 && !(start == 0 && b.opens_item)) out += indent;
    out.append(lines, start, end - start);
    start = end;
  }
}

// The table whose first row is blocks[first] (append_table()), in the list
// item it is in (append_in_item()).
std::size_t append_table_in_place(std::string& out, const std::vector<Block>& blocks, std::size_t first, bool links,
                                  std::vector<std::size_t>& list_indents) {
  std::string table;
  const std::size_t last = append_table(table, blocks, first, links);
  append_in_item(out, blocks[first], table, list_indents);
  return last;
}

// A block that goes on inside a list item (its list_depth) starts where
// the item's text does; outside a list, at the margin.
void indent_in_item(std::string& out, const Block& b, const std::vector<std::size_t>& list_indents) {
  if (b.list_depth > 0 && list_indents.size() >= b.list_depth) out.append(list_indents[b.list_depth - 1], ' ');
}

// Whether block b opens a list item: the item's text, or a table, heading
// or code before any text of it.
bool opens_list_item(const Block& b) {
  return b.list_depth > 0 && (b.kind == BlockKind::ListItem || b.opens_item);
}

// Whether paragraph b goes on in the list item that `item` opened: of the
// same depth, and no item of its own.
bool goes_on_in_item(const Block& b, const Block& item) {
  return b.kind == BlockKind::Paragraph && !b.opens_item && b.list_depth == item.list_depth;
}

// Block blocks[i], kept, as Markdown, followed by a blank line. Returns the
// index of the last block written (a table's last row). `dropped_item`: the
// list item that a paragraph goes on in, when the block that opened it was
// left out; its marker then opens the paragraph.
std::size_t append_markdown_block(std::string& out, const std::vector<Block>& blocks, std::size_t i,
                                  const RenderOptions& options, std::vector<std::size_t>& list_indents,
                                  const Block* dropped_item) {
  const Block& b = blocks[i];
  if (b.kind == BlockKind::TableRow) return append_table_in_place(out, blocks, i, options.links, list_indents);
  if (b.kind == BlockKind::Preformatted) {
    const std::string fence = code_fence(b.text);
    append_in_item(out, b, fence + "\n" + b.text + "\n" + fence + "\n\n", list_indents);
    return i;
  }
  if (b.list_depth == 0) list_indents.clear();  // any list before has ended
  switch (b.kind) {
    case BlockKind::Heading:
      // A heading in a list item: after the item's marker when it opens
      // the item, else where the item's text starts.
      if (b.list_depth > 0 && b.opens_item) {
        append_list_marker(out, b, list_indents);
      } else {
        indent_in_item(out, b, list_indents);
      }
      out.append(static_cast<std::size_t>(std::clamp(b.heading_level, 1, 6)), '#');
      out += ' ';
      break;
    case BlockKind::ListItem: append_list_marker(out, b, list_indents); break;
    case BlockKind::Paragraph:
      // A paragraph that goes on inside a list item starts where the
      // item's text does.
      if (dropped_item) {
        append_list_marker(out, *dropped_item, list_indents);
      } else {
        indent_in_item(out, b, list_indents);
      }
      break;
    default: break;
  }
  // Scraped text has no Markdown of its own: its text is escaped here.
  if (b.markdown.empty()) append_block_text(out, escape_markdown_inline(b.text));
  else if (options.links) append_block_text(out, b.markdown);
  else append_block_text(out, without_links(b.markdown));
  out += "\n\n";
  return i;
}

// The Markdown written from `start` on (blocks, each followed by a blank
// line) put in a quote: "> " before each line, ">" alone on an empty one.
// A quote that goes on from the block before (`goes_on`) takes the blank
// line between them in too ('>'), so that the two are one quote, a list
// or a table in it as in the page.
void quote_from(std::string& out, std::size_t start, bool goes_on) {
  const std::string written = out.substr(start);
  out.resize(start);
  if (goes_on && out.ends_with("\n\n")) {
    out.pop_back();
    out += ">\n";
  }
  // Every block ends with a blank line, which ends the quote.
  const std::string_view lines = std::string_view(written).substr(0, written.size() - 1);
  for (std::size_t from = 0; from < lines.size();) {
    const std::size_t end = lines.find('\n', from);
    const std::string_view line = lines.substr(from, end - from);
    out += line.empty() ? ">" : "> ";
    out += line;
    out += '\n';
    from = end + 1;
  }
  out += '\n';
}

std::string render_markdown(const Result& r, const RenderOptions& options) {
  std::string out;
  std::vector<std::size_t> list_indents;
  if (options.title && !r.metadata.title.empty()) out += "# " + escape_markdown_inline(r.metadata.title) + "\n\n";
  bool in_quote = false;     // the block written last was quoted
  bool quote_began = false;  // and a quote began after it, in a block left out
  bool after_text = false;   // the block written last was text a line may follow
  detail::LineJoiner lines;
  // A list item whose opening block was left out ("<li><p>Share</p><p>Raise
  // the tax ...</p>"): the paragraph that goes on in it is written as the
  // item, so that the list keeps its marker and number.
  const Block* dropped_item = nullptr;
  for (std::size_t i = 0; i < r.blocks.size(); ++i) {
    const Block& b = r.blocks[i];
    const bool next_line = lines.joins(b) && after_text;
    if (!b.kept) {
      quote_began = quote_began || b.quote_start;
      if (opens_list_item(b)) dropped_item = &b;
      continue;
    }
    const Block* item = dropped_item && goes_on_in_item(b, *dropped_item) ? dropped_item : nullptr;
    dropped_item = nullptr;
    // A paragraph's next line goes on after a hard line break: a backslash
    // at the end of the line (GFM and CommonMark; unlike two spaces, it
    // shows, and editors that trim trailing spaces keep it).
    if (next_line) out.replace(out.size() - 2, 2, "\\\n");
    const std::size_t start = out.size();
    i = append_markdown_block(out, r.blocks, i, options, list_indents, item);
    const bool quoted = b.quoted || b.kind == BlockKind::Quote;
    if (quoted) quote_from(out, start, !next_line && in_quote && !b.quote_start && !quote_began);
    in_quote = quoted;
    quote_began = false;
    after_text = b.kind != BlockKind::Heading && b.kind != BlockKind::Preformatted && b.kind != BlockKind::TableRow;
  }
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace

std::string render(const Result& r, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::Json: return render_json(r, options) + "\n";
    case Format::Markdown: return render_markdown(r, options);
    case Format::Text: break;
  }
  std::string out;
  const bool title = options.title && !r.metadata.title.empty();
  out.reserve((title ? r.metadata.title.size() + 2 : 0) + r.text.size() + 1);  // one allocation
  if (title) out.append(r.metadata.title).append("\n\n");
  out += r.text;
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace winnow
