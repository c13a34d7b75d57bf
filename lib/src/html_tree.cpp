#include "html_tree.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

#include "html_hints.hpp"
#include "html_prescan.hpp"
#include "markdown.hpp"
#include "script_forms.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

// Elements whose content is never article text.
bool is_never_content(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OPTION: case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_MATH: case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

// Elements that start and end a block of text.
bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_CAPTION: case GUMBO_TAG_UL:
    case GUMBO_TAG_LEGEND: case GUMBO_TAG_HTML: case GUMBO_TAG_LISTING:
      return true;
    default:
      return false;
  }
}

// Table cells: nodes (layout tables hold whole articles in them); in a data
// table their text joins the row's block.
bool is_cell(GumboTag tag) { return tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH; }

// Block elements a data table's cell may hold: its text's paragraphs.
bool is_cell_paragraph(GumboTag tag) {
  return tag == GUMBO_TAG_P || tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_CENTER;
}

int heading_level(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

const char* attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

std::string lowered_without_spaces(const char* s) {
  std::string out;
  for (; *s; ++s) {
    char c = *s;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return out;
}

// Why an element is hidden from readers, or null.
const char* hidden_by(const GumboElement& e, const HintSet& hints) {
  if (attribute(e, "hidden")) return "hidden attribute";
  if (const char* classes = attribute(e, "class"); classes && hints.hidden_class(classes)) {
    return "screen-reader-only class";
  }
  if (const char* aria = attribute(e, "aria-hidden"); aria && std::strcmp(aria, "true") == 0) {
    return "aria-hidden";
  }
  if (const char* style = attribute(e, "style")) {
    std::string s = lowered_without_spaces(style);
    if (s.find("display:none") != std::string::npos) return "display:none";
    if (s.find("visibility:hidden") != std::string::npos) return "visibility:hidden";
  }
  return nullptr;
}

// How a data table's cell writes a line break in Markdown.
constexpr std::string_view kCellBreak = "<br>";

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// What ends a run of text copied as it is: a space (when spaces fold), a
// Markdown character (when it needs escaping) or a '|' (in a table's cell,
// where it would end the cell), one bit each.
constexpr unsigned char kFoldedSpace = 1, kEscaped = 2, kPipe = 4;

constexpr std::array<unsigned char, 256> kTextStops = [] {
  std::array<unsigned char, 256> stops{};
  for (int c = 0; c < 256; ++c) {
    if (is_space(static_cast<char>(c))) stops[c] |= kFoldedSpace;
    if (is_markdown_special(static_cast<char>(c))) stops[c] |= kEscaped;
  }
  stops['|'] |= kPipe;
  return stops;
}();

// The longest text a data table's cell holds: a cell with more is prose,
// and its table lays out a page.
constexpr std::size_t kMaxCellText = 1000;

// The pieces of a text node's text: its text, and the runs the prescan
// set aside (`page`, if any) in their places.
template <typename Piece>
void for_each_text_piece(std::string_view s, const Prescanned* page, Piece piece) {
  if (!page || page->text_run_ends.empty()) return piece(s);
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\xF3' && s[i] != '\xF4') continue;
    auto run = text_run_at(*page, s.substr(i));
    if (!run) continue;
    piece(s.substr(from, i - from));
    piece(*run);
    from = i + 4;
    i += 3;
  }
  piece(s.substr(from));
}

// The bytes of a text node's text, with the runs the prescan set aside
// counted at their length.
std::size_t text_length(std::string_view s, const Prescanned* page) {
  std::size_t n = 0;
  for_each_text_piece(s, page, [&](std::string_view piece) { n += piece.size(); });
  return n;
}

// Whether a <table> holds data rather than laying out a page. Data is a
// grid, which Markdown writes as a table (a row per block, the cells in it);
// a layout table's cells are blocks like any other, and a table inside one
// is judged on its own. A table is data when two of its rows or more have
// two cells or more (a page laid out in a table has one row of columns,
// the menu beside the story, between rows of one cell, or a single cell),
// and every cell holds what a Markdown table's cell can: text, inline
// elements, line breaks and paragraphs (<p>, <div>), at most kMaxCellText
// bytes. A heading, a list, a quote, a <pre>, a form, a nested table or any
// other block in a cell makes it a layout table, and so does role=
// presentation or role=none.
//
// A nested table makes its outer table a layout table: GFM has no table in
// a table's cell, and on the web a table inside a table's cell is almost
// always layout. The outer table's cells then come out as paragraphs in
// order, with the inner table (a table of its own when it is data) between
// them: nothing is left as an empty cell where the inner table was.
bool is_data_table(const GumboElement& table, const Prescanned* page) {
  if (const char* role = attribute(table, "role")) {
    if (std::strcmp(role, "presentation") == 0 || std::strcmp(role, "none") == 0) return false;
  }
  std::size_t rows = 0, cell_text = 0;  // rows of two cells or more
  struct Open {
    const GumboVector* kids;
    unsigned next;
  };
  std::vector<Open> stack{{&table.children, 0}};
  std::size_t cell_level = 0;  // the stack's size inside the open cell; 0 outside one
  while (!stack.empty()) {
    Open& open = stack.back();
    if (open.next == open.kids->length) {
      if (stack.size() == cell_level) cell_level = 0;
      stack.pop_back();
      continue;
    }
    const auto* node = static_cast<const GumboNode*>(open.kids->data[open.next++]);
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
      if (cell_level > 0 && (cell_text += text_length(node->v.text.text, page)) > kMaxCellText) return false;
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& e = node->v.element;
    if (is_never_content(e.tag) || e.tag == GUMBO_TAG_CAPTION) continue;
    if (e.tag == GUMBO_TAG_TABLE) return false;
    if (cell_level > 0 && is_block(e.tag) && !is_cell_paragraph(e.tag)) return false;
    if (e.tag == GUMBO_TAG_TR) {
      std::size_t cells = 0;
      for (unsigned i = 0; i < e.children.length; ++i) {
        const auto* c = static_cast<const GumboNode*>(e.children.data[i]);
        if (c->type == GUMBO_NODE_ELEMENT && is_cell(c->v.element.tag)) ++cells;
      }
      if (cells >= 2) ++rows;
    }
    stack.push_back(Open{&e.children, 0});
    if (is_cell(e.tag) && cell_level == 0) {
      cell_level = stack.size();
      cell_text = 0;
    }
  }
  return rows >= 2;
}

// Where the cells of a data table's rows go, as HTML's table model places
// them: a cell spanning several columns (colspan) takes them all, and one
// spanning several rows (rowspan) takes its columns in the rows below, whose
// cells go on to its right. Columns past kMaxGridColumns are not followed
// (the cells there are written one after another): a span then never costs
// more than that many empty cells, whatever its value.
class CellGrid {
 public:
  static constexpr std::size_t kMaxGridColumns = 64;

  // A row group (<thead>, <tbody>, <tfoot>): rows span only inside one.
  void clear() { taken_.clear(); }
  void start_row() { column_ = 0; }
  // The end of a row: a cell spanning rows takes one fewer below it.
  void end_row() {
    for (auto& rows : taken_) rows -= rows > 0 ? 1 : 0;
  }
  // A cell of `columns` x `rows`: the column it starts at, past those cells
  // above it take.
  std::size_t place(std::size_t columns, std::size_t rows) {
    while (column_ < taken_.size() && taken_[column_] > 0) ++column_;
    const std::size_t at = column_;
    const std::size_t end = std::min(at + columns, kMaxGridColumns);
    if (taken_.size() < end) taken_.resize(end, 0);
    for (std::size_t c = at; c < end; ++c) taken_[c] = static_cast<std::uint32_t>(rows);
    column_ = at + columns;
    return at;
  }

 private:
  std::vector<std::uint32_t> taken_;  // rows each column is still taken for, this one included
  std::size_t column_ = 0;
};

// A cell's colspan or rowspan, as HTML reads it: digits, 1 when there are
// none or they make 0, at most `most`.
std::size_t span(const GumboElement& cell, const char* name, std::size_t most) {
  const char* value = attribute(cell, name);
  if (!value) return 1;
  while (*value == ' ' || *value == '\t' || *value == '\n' || *value == '\r' || *value == '\f') ++value;
  std::size_t n = 0;
  for (; *value >= '0' && *value <= '9'; ++value) n = std::min(most, n * 10 + static_cast<std::size_t>(*value - '0'));
  return std::max<std::size_t>(n, 1);
}

class Walker {
 public:
  Walker(const Options& options, Document& doc, const Prescanned* page)
      : options_(options), doc_(doc), hints_(builtin_hints()), page_(page) {}

  HtmlTree run(const GumboNode* root) {
    HtmlNode top;
    top.tag = GUMBO_TAG_HTML;
    tree_.nodes.push_back(top);
    containers_.push_back(0);
    walk(root);
    flush();
    tree_.nodes[0].end_block = doc_.blocks.size();
    return std::move(tree_);
  }

 private:
  // How the text of the innermost open <sup>/<sub> is written.
  struct ScriptState {
    Script script = Script::Super;
    ScriptWriting writing;  // Plain outside them
    bool wrote_sign = false;
  };

  // What entering an element changed, to be undone when leaving it.
  struct Frame {
    const GumboNode* node;
    unsigned next_child = 0;
    bool container = false;   // pushed a node on containers_
    std::size_t markup_at = 0;  // where its inline Markdown opened
    std::string_view href;
    std::size_t flushes = 0;  // blocks flushed before it opened
    bool hidden = false;
    bool sets_aside = false;  // a hidden inline element: the visible text waits
    bool opens_list = false;  // an <ol> or <ul>: pushed on lists_
    bool opens_item = false;  // an <li>: pushed on items_
    bool opens_script = false;  // a <sup> or <sub>: set script_
    ScriptState outer_script{};  // script_ before it
    bool opens_table = false;  // a <table>: pushed on tables_
    bool opens_row = false;    // a data table's <tr>: opened row_
    bool data_cell = false;    // a data table's cell
    bool breaks_cell = false;  // a paragraph in a data table's cell
    std::uint8_t author_marks = AuthorMarks::kNothing;  // what it opened of them
    std::size_t text_at = 0;   // a <code> or an outermost <a>: where its text opened
    bool attribution = false;  // a <cite> opening a quote's paragraph (attribution_line())
  };

  struct OpenList {
    bool ordered = false;
    int next = 1;  // the next item's number
  };
  // The first block of an <li> is the list item; blocks after it in the
  // same <li> (a second paragraph) are not items of their own.
  struct OpenItem {
    int number = 0;
    std::uint8_t depth = 1;
    bool has_block = false;
    int quote_depth = 0;  // the quotes around its list
  };
  struct OpenTable {
    bool data = false;      // is_data_table()
    bool has_rows = false;  // a row of it is a block already
  };
  // The row of a data table being gathered into one block. Data tables hold
  // no tables, so one is open at a time.
  struct OpenRow {
    bool open = false;
    bool in_cell = false;
    std::size_t cells = 0;  // cells written, empty ones for spans included
    std::size_t span_end = 0;  // the column the open cell's colspan ends at
    bool in_thead = false;
    // Whether each of its cells reads as a header's: a <th>, or all bold.
    bool reads_as_header = true;
    bool cell_is_th = false;
    std::size_t cell_text_from = 0;    // where the open cell's text starts
    std::size_t cell_markup_from = 0;  // and its Markdown
    // Where the last cell with text ends in text_ and markup_: the empty
    // cells after it are left out (GFM reads missing cells as empty).
    std::size_t text_end = 0, markup_end = 0;
  };

  void walk(const GumboNode* root) {
    std::vector<Frame> stack;
    stack.push_back(Frame{root, 0, false, 0, {}, 0, false});
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector* kids = children(f.node);
      if (kids && f.next_child < kids->length) {
        const auto* child = static_cast<const GumboNode*>(kids->data[f.next_child++]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
            child->type == GUMBO_NODE_CDATA) {
          text_node(child->v.text.text);
        } else if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE) {
          Frame entered{child, 0, false, 0, {}, 0, false};
          if (enter(child->v.element, entered)) stack.push_back(entered);
        }
        continue;
      }
      if (f.node->type == GUMBO_NODE_ELEMENT) leave(f.node->v.element, f);
      stack.pop_back();
    }
  }

  static const GumboVector* children(const GumboNode* n) {
    if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) return &n->v.element.children;
    return nullptr;
  }

  // Returns false when the element's subtree is to be skipped.
  bool enter(const GumboElement& e, Frame& f) {
    GumboTag tag = e.tag;
    if (tag == GUMBO_TAG_META || tag == GUMBO_TAG_LINK || tag == GUMBO_TAG_HTML ||
        tag == GUMBO_TAG_TIME || tag == GUMBO_TAG_BASE) {
      tree_.metadata.element(e);
    }
    if (tag == GUMBO_TAG_HEAD) {
      head(e);
      return false;
    }
    if (is_never_content(tag)) return false;
    if (tag == GUMBO_TAG_BR) {
      line_break();
      return false;
    }
    if (tag == GUMBO_TAG_HR) {
      thematic_break();
      return false;
    }
    if (tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_WBR) return false;
    const char* hidden = hidden_by(e, hints_);
    // A hidden cell of a visible row (in a hidden row, it is the row's text).
    const bool hidden_cell = hidden && is_cell(tag) && row_.open && !row_.in_cell && hidden_depth_ == 0;
    if (hidden_cell) keep_column_of_hidden_cell(e, hidden);
    bool block = is_block(tag) || is_cell(tag);
    if (block && row_.in_cell) {
      // A paragraph in a data table's cell stays in the cell.
      block = false;
      f.breaks_cell = true;
      cell_break();
    }
    if (hidden) {
      // Hidden inline text is a block of its own, gathered aside, so that
      // the visible text around it stays one block: an icon <i
      // aria-hidden> inside a sentence must not cut the sentence in two. So
      // is a hidden cell's: the row stays one block, its cells in their
      // columns, and the cell's text is a hidden block before it.
      if ((!block || hidden_cell) && hidden_depth_ == 0) {
        set_aside_visible();
        f.sets_aside = true;
      }
      ++hidden_depth_;
      if (hidden_depth_ == 1) hidden_reason_ = hidden;
      f.hidden = true;
    }
    if (block) {
      end_author_line();
      if (is_cell(tag) && row_.open && !hidden_cell) {
        open_cell(e);
        f.data_cell = true;
      } else {
        flush();
      }
      const bool in_data_table = !tables_.empty() && tables_.back().data;
      if (tag == GUMBO_TAG_TR && in_data_table) {
        row_ = OpenRow{};
        row_.open = true;
        row_.in_thead = tree_.nodes[containers_.back()].tag == GUMBO_TAG_THEAD;
        grid_.start_row();
        f.opens_row = true;
      } else if ((tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_TFOOT) && in_data_table) {
        grid_.clear();
      }
      open_node(e);
      f.container = true;
    }
    if (tag == GUMBO_TAG_TABLE) {
      tables_.push_back(OpenTable{is_data_table(e, page_)});
      if (tables_.back().data) grid_.clear();
      f.opens_table = true;
    }
    if (tag == GUMBO_TAG_OL || tag == GUMBO_TAG_UL) {
      lists_.push_back(OpenList{tag == GUMBO_TAG_OL, list_start(e)});
      f.opens_list = true;
    } else if (tag == GUMBO_TAG_LI) {
      items_.push_back(open_item(e));
      f.opens_item = true;
    }
    inline_open(e, f);
    f.attribution = tag == GUMBO_TAG_CITE && opens_quoted_paragraph();
    f.author_marks = tree_.metadata.author_marks.enter(e, hidden_depth_);
    return true;
  }

  // Whether an inline element entered now opens a paragraph of a quote: no
  // visible text before it in the block, outside code and table cells.
  bool opens_quoted_paragraph() const {
    return quote_depth_ > 0 && hidden_depth_ == 0 && pre_depth_ == 0 && !row_.in_cell &&
           text_.find_first_not_of(' ') == std::string::npos;
  }

  // A <cite> that opens a quote's paragraph names who is quoted ("<cite>
  // gareth_w wrote:</cite>Could it be", as forums write it, with a style
  // that shows it as a line of its own): when the quoted text follows it
  // glued, with no space between, it is the paragraph's first line, not a
  // word of the text ("gareth_w wrote:Could it be"). Followed by a space it
  // stays inline ("<cite>Hamlet</cite> is a play"); followed by a <br> or a
  // block it is a line already.
  static bool attribution_line(const GumboNode* cite) {
    const GumboNode* parent = cite->parent;
    if (parent == nullptr || parent->type != GUMBO_NODE_ELEMENT) return false;
    const GumboVector& siblings = parent->v.element.children;
    for (std::size_t next = cite->index_within_parent + 1; next < siblings.length; ++next) {
      const auto* after = static_cast<const GumboNode*>(siblings.data[next]);
      // What shows nothing between them is passed over (the prescan may
      // have left it out).
      if (after->type == GUMBO_NODE_COMMENT) continue;
      if (after->type == GUMBO_NODE_TEXT) return !is_space(after->v.text.text[0]);
      if (after->type != GUMBO_NODE_ELEMENT) return false;
      const GumboTag tag = after->v.element.tag;
      if (is_never_content(tag) || tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_WBR) continue;
      return !is_block(tag) && !is_cell(tag) && tag != GUMBO_TAG_BR && tag != GUMBO_TAG_HR;
    }
    return false;
  }

  // An <ol start>'s first number; 1 without one, or with one Markdown
  // cannot write (negative, or over nine digits).
  static int list_start(const GumboElement& e) {
    const char* start = e.tag == GUMBO_TAG_OL ? attribute(e, "start") : nullptr;
    return start ? list_number_or(start, 1) : 1;
  }

  static int list_number_or(const char* value, int fallback) {
    int n = 0, digits = 0;
    for (; *value == ' '; ++value) {}
    for (; *value >= '0' && *value <= '9' && digits < 9; ++value, ++digits) n = n * 10 + (*value - '0');
    return digits > 0 && (*value == '\0' || *value == ' ') ? n : fallback;
  }

  // An <li>: its number (an <li value> sets it, and the count goes on from
  // there) and how deep its list is.
  OpenItem open_item(const GumboElement& e) {
    OpenItem item;
    item.quote_depth = quote_depth_;
    if (lists_.empty()) return item;  // an <li> outside a list is a bullet
    OpenList& list = lists_.back();
    item.depth = static_cast<std::uint8_t>(std::min<std::size_t>(lists_.size(), 255));
    if (!list.ordered) return item;
    if (const char* value = attribute(e, "value")) list.next = list_number_or(value, list.next);
    item.number = list.next;
    if (list.next < 999999999) ++list.next;
    return item;
  }

  void leave(const GumboElement& e, const Frame& f) {
    // A block's own text is flushed while its quote/pre state still holds.
    if (f.container && !f.data_cell) flush();
    if (f.container) end_author_line();
    if (f.breaks_cell) cell_break();
    if (f.data_cell) {
      close_cell();
      row_.in_cell = false;
    }
    if (f.opens_row) {
      row_ = OpenRow{};
      grid_.end_row();
    }
    if (f.opens_table) tables_.pop_back();
    if (f.author_marks) tree_.metadata.author_marks.leave(f.author_marks);
    inline_close(e, f);
    if (f.attribution && attribution_line(f.node)) line_break();
    if (f.container) {
      std::uint32_t id = containers_.back();
      containers_.pop_back();
      close_node(id);
    }
    if (f.opens_list) lists_.pop_back();
    if (f.opens_item) items_.pop_back();
    if (f.hidden) {
      if (f.sets_aside) {
        flush();
        take_back_visible();
      }
      --hidden_depth_;
    }
    if (e.tag == GUMBO_TAG_H1 && h1_capture_) h1_capture_ = false;
  }

  void head(const GumboElement& e) {
    // Only metadata lives here: <title>, <meta>, <link>.
    for (unsigned i = 0; i < e.children.length; ++i) {
      const auto* c = static_cast<const GumboNode*>(e.children.data[i]);
      if (c->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& ce = c->v.element;
      if (ce.tag == GUMBO_TAG_TITLE && tree_.metadata.title_tag.empty()) {
        for (unsigned k = 0; k < ce.children.length; ++k) {
          const auto* t = static_cast<const GumboNode*>(ce.children.data[k]);
          if (t->type == GUMBO_NODE_TEXT) tree_.metadata.title_tag += t->v.text.text;
        }
      } else {
        tree_.metadata.element(ce);
      }
    }
  }

  void open_node(const GumboElement& e) {
    HtmlNode n;
    n.parent = containers_.back();
    n.tag = e.tag;
    n.depth = static_cast<int>(containers_.size());
    n.first_block = doc_.blocks.size();
    bool in_article = article_depth_ > 0;
    evidence(e, n, in_article);
    if (e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN) ++article_depth_;
    auto id = static_cast<std::uint32_t>(tree_.nodes.size());
    tree_.nodes.push_back(std::move(n));
    containers_.push_back(id);
    if (e.tag == GUMBO_TAG_H1 && tree_.metadata.first_h1.empty()) h1_capture_ = true;
  }

  void close_node(std::uint32_t id) {
    HtmlNode& n = tree_.nodes[id];
    n.end_block = doc_.blocks.size();
    if (n.tag == GUMBO_TAG_ARTICLE || n.tag == GUMBO_TAG_MAIN) --article_depth_;
  }

  // Tag, ARIA role and class/id tokens: what the element says it is.
  void evidence(const GumboElement& e, HtmlNode& n, bool in_article) {
    switch (e.tag) {
      case GUMBO_TAG_NAV: set_hint(n, Reason::Navigation, "<nav>"); break;
      case GUMBO_TAG_ASIDE: set_hint(n, Reason::Chrome, "<aside>"); break;
      case GUMBO_TAG_FORM: set_hint(n, Reason::Chrome, "<form>"); break;
      case GUMBO_TAG_FIGURE: set_hint(n, Reason::Chrome, "<figure>"); break;
      case GUMBO_TAG_HEADER:
        if (!in_article) set_hint(n, Reason::Chrome, "page <header>");
        break;
      case GUMBO_TAG_FOOTER:
        set_hint(n, Reason::Chrome, in_article ? "article <footer>" : "page <footer>");
        break;
      case GUMBO_TAG_ARTICLE: n.content_hint = 1; break;
      case GUMBO_TAG_MAIN: n.content_hint = 2; break;
      default: break;
    }
    if (const char* role = attribute(e, "role")) role_evidence(role, n);
    if (const char* prop = attribute(e, "itemprop")) {
      if (std::strstr(prop, "articleBody")) n.content_hint = 2;
    }
    if (e.tag == GUMBO_TAG_BODY || e.tag == GUMBO_TAG_HTML) return;
    for (const char* name : {"class", "id"}) {
      const char* value = attribute(e, name);
      if (!value || !*value) continue;
      if (n.hint == Reason::Kept) {
        if (auto m = hints_.chrome_token(value)) {
          set_hint(n, m->reason, std::string(name) + " token '" + m->token + "'");
        }
      }
      if (n.content_hint == 0 && hints_.content_token(value)) n.content_hint = 1;
    }
  }

  static void role_evidence(std::string_view role, HtmlNode& n) {
    if (role == "navigation" || role == "menu" || role == "menubar" || role == "search" ||
        role == "tablist") {
      set_hint(n, Reason::Navigation, "role=" + std::string(role));
    } else if (role == "banner" || role == "contentinfo" || role == "complementary" ||
               role == "dialog" || role == "alertdialog") {
      set_hint(n, Reason::Chrome, "role=" + std::string(role));
    } else if (role == "main") {
      n.content_hint = 2;
    } else if (role == "article") {
      n.content_hint = std::max(n.content_hint, 1);
    }
  }

  static void set_hint(HtmlNode& n, Reason r, std::string evidence) {
    if (n.hint != Reason::Kept) return;
    n.hint = r;
    n.hint_evidence = std::move(evidence);
  }

  void inline_open(const GumboElement& e, Frame& f) {
    f.markup_at = markup_.size();
    f.flushes = flushes_;
    switch (e.tag) {
      case GUMBO_TAG_A:
        ++link_depth_;
        if (link_depth_ == 1) {
          f.href = link_target(e);
          link_leads_away_ = !is_heading_anchor(f.href);
          f.text_at = text_.size();
        }
        break;
      // <var>, a variable's name, is italic, as browsers show it. In code,
      // emphasis is no markup (a code span shows its '*'): <code>f(<var>x
      // </var>)</code> is `f(x)`.
      case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_VAR:
        if (code_depth_ == 0) markup_ += '*';
        break;
      case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
        ++strong_depth_;
        if (code_depth_ == 0) markup_ += "**";
        break;
      // What a browser shows as code, in a monospace face: <code>, keys to
      // press (<kbd>), a program's output (<samp>), <tt>. Inside one, another
      // is part of the same code (<kbd><kbd>Ctrl</kbd>+<kbd>C</kbd></kbd> is
      // one key chord): only the outermost opens a code span.
      case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT:
        f.text_at = text_.size();
        if (pre_depth_ == 0 && code_depth_ == 0) markup_ += '`';
        ++code_depth_;
        break;
      case GUMBO_TAG_PRE: ++pre_depth_; break;
      case GUMBO_TAG_BLOCKQUOTE:
        if (quote_depth_++ == 0) quote_has_blocks_ = false;  // a quote starts
        break;
      case GUMBO_TAG_SUP: case GUMBO_TAG_SUB:
        f.opens_script = true;
        f.outer_script = script_;
        script_ = ScriptState{e.tag == GUMBO_TAG_SUP ? Script::Super : Script::Sub, {}, false};
        if (std::string content; script_text(e, content)) {
          script_.writing = script_writing(content, script_.script);
        }
        break;
      default: break;
    }
  }

  void inline_close(const GumboElement& e, const Frame& f) {
    switch (e.tag) {
      case GUMBO_TAG_A:
        --link_depth_;
        if (link_depth_ == 0 && f.flushes == flushes_ && !h1_capture_ && opens_lettered_back_links(f)) {
          // "^ a b": the caret and the letters so far are all the block has.
          text_.clear();
          markup_.clear();
          lettered_back_links_ = flushes_ + 1;
          break;
        }
        if (link_depth_ == 0 && f.flushes == flushes_ && (is_permalink_sign(f) || is_back_link(f))) {
          // "Setup¶": the sign is the section's link to itself, no word of
          // it; "Note text. ↩": the arrow leads back to where the note is
          // called, no word of the note.
          std::string& h1 = tree_.metadata.first_h1;
          const std::size_t sign = text_.size() - f.text_at;
          if (h1_capture_ && h1.size() >= sign) h1.resize(h1.size() - sign);
          text_.resize(f.text_at);
          markup_.resize(f.markup_at);
          break;
        }
        if (link_depth_ == 0 && !f.href.empty() && f.flushes == flushes_ &&
            markup_.size() > f.markup_at) {
          std::string_view href = f.href;
          if (!href.starts_with("javascript:") && !href.starts_with("#")) {
            std::string link = "[" + markup_.substr(f.markup_at);
            trim_back(link);
            link += "](";
            append_link_target(link, href);
            link += ')';
            markup_.resize(f.markup_at);
            markup_ += link;
            has_link_ = true;
          }
        }
        break;
      case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_VAR:
        if (code_depth_ == 0) close_emphasis(f, "*");
        break;
      case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
        --strong_depth_;
        if (code_depth_ == 0) close_emphasis(f, "**");
        break;
      case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT:
        --code_depth_;
        if (pre_depth_ == 0 && code_depth_ == 0) {
          close_code(f);
          note_code(f);
        }
        break;
      case GUMBO_TAG_PRE: --pre_depth_; break;
      case GUMBO_TAG_BLOCKQUOTE: --quote_depth_; break;
      case GUMBO_TAG_SUP: case GUMBO_TAG_SUB:
        if (f.opens_script) script_ = f.outer_script;
        break;
      default: break;
    }
  }

  // The text of a <sup> or <sub>, read ahead of the walk: whether any of it
  // is written in script forms depends on all of it (in "2<sup>nd</sup>"
  // the n has a form and the d has none, so both stay letters). False when
  // the element holds what the walk would not write inline with the text
  // around it (a block, a <br>, hidden text gathered aside) or more than a
  // raised note or exponent takes: it is then written as it is. The bounds
  // keep the look-ahead cheap however deep <sup>s nest.
  bool script_text(const GumboElement& e, std::string& content) const {
    constexpr std::size_t kMaxBytes = 64, kMaxNodes = 64;
    struct Open {
      const GumboVector* children;
      unsigned next;
    };
    std::vector<Open> open{{&e.children, 0}};
    std::size_t nodes = 0;
    while (!open.empty()) {
      Open& o = open.back();
      if (o.next == o.children->length) {
        open.pop_back();
        continue;
      }
      const auto* n = static_cast<const GumboNode*>(o.children->data[o.next++]);
      if (++nodes > kMaxNodes) return false;
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
        for_each_text_piece(n->v.text.text, page_, [&](std::string_view piece) { content += piece; });
        if (content.size() > kMaxBytes) return false;
        continue;
      }
      if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
      const GumboElement& c = n->v.element;
      if (is_never_content(c.tag) || c.tag == GUMBO_TAG_IMG || c.tag == GUMBO_TAG_WBR) continue;
      if (is_block(c.tag) || is_cell(c.tag) || c.tag == GUMBO_TAG_BR || hidden_by(c, hints_)) return false;
      open.push_back(Open{&c.children, 0});
    }
    return true;
  }

  // A heading that links to a place on its own page ("#setup", the
  // permalink of a section) is still the section's heading, not a link
  // elsewhere: its text does not count as link text.
  bool is_heading_anchor(std::string_view href) const {
    return links_within_page(href) && heading_level(tree_.nodes[containers_.back()].tag) > 0;
  }

  // A link to a place on its own page ("#setup").
  static bool links_within_page(std::string_view href) { return href.size() > 1 && href.front() == '#'; }

  // The text of the outermost link `f`, written since it opened.
  std::string_view link_text(const Frame& f) const { return std::string_view(text_).substr(f.text_at); }

  // A heading's link to its own section whose text is a sign, no word
  // ("¶", "#", "§", "🔗", as documentation sites write them).
  bool is_permalink_sign(const Frame& f) const {
    if (!is_heading_anchor(f.href) || text_.size() <= f.text_at) return false;
    const std::string_view sign = link_text(f);
    for (std::size_t i = 0; i < sign.size();) {
      if (is_letter_or_digit(next_code_point(sign, i))) return false;
    }
    return true;
  }

  // How many arrows or carets that point back `text` holds ("^", "↑",
  // "↩︎"), when it holds nothing else but spaces; -1 when it holds anything
  // else.
  static int back_signs(std::string_view text) {
    int signs = 0;
    for (std::size_t i = 0; i < text.size();) {
      switch (next_code_point(text, i)) {
        case U' ': break;
        case U'\uFE0E': case U'\uFE0F': break;  // text or emoji presentation of the arrow
        case U'^': case U'\u2191': case U'\u21A9': case U'\u21B5': case U'\u2934': ++signs; break;
        default: return -1;
      }
    }
    return signs;
  }

  // A link to a place on its own page whose text is an arrow or caret that
  // points back (and spaces): a footnote's or reference's link back to where
  // it is called ("^" before each of Wikipedia's references, "↩︎" after a
  // footnote as Markdown tools write it, "↑").
  bool is_back_link(const Frame& f) const {
    return links_within_page(f.href) && text_.size() > f.text_at && back_signs(link_text(f)) > 0;
  }

  // "^ a b" before a reference that the article calls from two places or
  // more: the caret is text, each letter a link back to one of them. The
  // outermost link `f` is such a letter (one or two lower-case letters
  // linking within the page) and the block before it holds only the caret
  // (back_signs()), or only spaces after the letters before it. A letter
  // with nothing before it (an index's "a" linking to "#a") is no back-link.
  bool opens_lettered_back_links(const Frame& f) const {
    if (!links_within_page(f.href) || text_.size() <= f.text_at) return false;
    const std::string_view letters = link_text(f);
    if (letters.size() > 2 || !std::all_of(letters.begin(), letters.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      return false;
    }
    const int signs = back_signs(std::string_view(text_).substr(0, f.text_at));
    return signs > 0 || (signs == 0 && lettered_back_links_ == flushes_ + 1);
  }

  // An <a>'s href, or the one the prescan moved out of the markup.
  std::string_view link_target(const GumboElement& e) const {
    if (const char* href = attribute(e, "href")) return href;
    if (const char* ref = attribute(e, kLinkAttribute.data())) {
      std::size_t index = 0;
      for (const char* c = ref; *c >= '0' && *c <= '9'; ++c) index = index * 10 + static_cast<std::size_t>(*c - '0');
      if (page_ && index < page_->links.size()) return page_->links[index];
    }
    return {};
  }

  static void trim_back(std::string& s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
  }

  // Close an inline marker; an empty span loses its opener, and a trailing
  // space moves outside ("*word *" is not emphasis in Markdown).
  void close_emphasis(const Frame& f, std::string_view marker) {
    if (f.flushes != flushes_ || markup_.compare(f.markup_at, marker.size(), marker) != 0) return;
    std::size_t content = f.markup_at + marker.size();
    if (markup_.find_first_not_of(' ', content) == std::string::npos) {
      markup_.erase(f.markup_at, marker.size());
      return;
    }
    bool space = !markup_.empty() && markup_.back() == ' ';
    trim_back(markup_);
    markup_ += marker;
    if (space) markup_ += ' ';
    has_emphasis_ = true;
  }

  // The text of an outermost <code> that closes in the block it opened
  // in, as a range of the block's text (flush() places it).
  void note_code(const Frame& f) {
    if (code_depth_ > 0 || f.flushes != flushes_ || text_.size() <= f.text_at) return;
    code_ranges_.emplace_back(f.text_at, text_.size());
  }

  // Close a code span. Its code is written as it is, so a backtick in it
  // would end the span early: the span is then delimited by a run of
  // backticks longer than any in the code, with a space inside each end
  // when the code starts or ends with a backtick (CommonMark strips one).
  void close_code(const Frame& f) {
    if (f.flushes != flushes_ || markup_.compare(f.markup_at, 1, "`") != 0) return;
    const std::size_t content = f.markup_at + 1;
    const std::size_t longest = longest_backtick_run(std::string_view(markup_).substr(content));
    if (longest == 0) return close_emphasis(f, "`");
    std::string code = markup_.substr(content);
    const bool space = code.back() == ' ';
    trim_back(code);
    const std::string fence(longest + 1, '`');
    const bool pad = code.front() == '`' || code.back() == '`';
    markup_.resize(f.markup_at);
    markup_ += fence;
    if (pad) markup_ += ' ';
    markup_ += code;
    if (pad) markup_ += ' ';
    markup_ += fence;
    if (space) markup_ += ' ';
    has_emphasis_ = true;
  }

  // A <br>: the end of a block, the next block being the paragraph's next
  // line (Block::after_line_break) unless no text came since the last
  // break (a blank line ends the paragraph); or in a data table's cell, a
  // line of the cell.
  void line_break() {
    if (row_.in_cell && !aside_open_) {
      cell_break();
    } else if (pre_depth_ > 0) {
      // Code written with <br>s between its lines is still one block.
      text_ += '\n';
      markup_ += '\n';
    } else {
      const bool had_text = text_.find_first_not_of(' ') != std::string::npos;
      flush();
      after_line_break_ = had_text;
    }
    end_author_line();
  }

  // An <hr>: the end of a block, and of its paragraph; in a data table's
  // cell, a line of the cell.
  void thematic_break() {
    line_break();
    after_line_break_ = false;
  }

  // Where the text of a <pre> block starts: at its first line with text,
  // whose indentation is the code's; npos when it has none.
  static std::size_t preformatted_start(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return first;
    const std::size_t line_end = text.rfind('\n', first);
    return line_end == std::string_view::npos ? 0 : line_end + 1;
  }

  // A line of the text ends for the authors being gathered: their lines
  // are not glued into one word ("Jane DoeStaff Writer").
  void end_author_line() {
    if (tree_.metadata.author_marks.gathering()) tree_.metadata.author_marks.line_end();
  }

  // A data table's cell opens, " | " after the cell before it, an empty one
  // too, so that every cell keeps its column ("| b" is a row whose first
  // cell is empty); before it, an empty cell for each column a cell above
  // it takes (CellGrid).
  void open_cell(const GumboElement& e) {
    const std::size_t columns = span(e, "colspan", 1000), rows = span(e, "rowspan", 65534);
    const std::size_t at = grid_.place(columns, rows);
    while (row_.cells < std::min(at, CellGrid::kMaxGridColumns)) begin_cell();
    begin_cell();
    row_.span_end = std::min(at + columns, CellGrid::kMaxGridColumns);
    row_.cell_is_th = e.tag == GUMBO_TAG_TH;
    row_.in_cell = true;
    row_.cell_text_from = text_.size();
    row_.cell_markup_from = markup_.size();
  }

  // A hidden cell of a data table gives the row no text (its text is a
  // hidden block of its own). Where a browser lays out no box for it (the
  // hidden attribute, display:none, a screen-reader-only class, which takes
  // the cell out of the layout), it takes no column either and the cells
  // after it move up, as they show; where the box stays (aria-hidden,
  // visibility:hidden), its column is an empty cell.
  void keep_column_of_hidden_cell(const GumboElement& e, const char* hidden) {
    if (std::strcmp(hidden, "aria-hidden") != 0 && std::strcmp(hidden, "visibility:hidden") != 0) return;
    open_cell(e);
    close_cell();
    row_.in_cell = false;
  }

  // Whether the open cell has text yet.
  bool cell_has_text() const {
    return text_.size() > row_.cell_text_from && text_.find_first_not_of(' ', row_.cell_text_from) != std::string::npos;
  }

  void begin_cell() {
    if (row_.cells > 0) {
      if (!text_.empty() && text_.back() != ' ') text_ += ' ';
      if (!markup_.empty() && markup_.back() != ' ') markup_ += ' ';
      text_ += "| ";
      markup_ += "| ";
    }
    ++row_.cells;
  }

  // The lines of a data table's cell (<br>, paragraphs) stay in the cell:
  // a space apart in its text, and "<br>" apart in its Markdown, since a
  // GFM table's cell is one line. A break goes only between text: none at
  // the cell's start, one for several in a row, and one at its end is taken
  // back (close_cell()).
  void cell_break() {
    if (aside_open_ || !cell_has_text()) return;  // hidden text gathered aside is not the cell's
    trim_back(markup_);
    if (markup_.ends_with(kCellBreak)) return;
    markup_ += kCellBreak;
    if (!text_.empty() && text_.back() != ' ') text_ += ' ';
  }

  // A data table's cell closes: a break at its end is taken back, where its
  // text ends is noted (the empty cells after the row's last text are left
  // out), and an empty cell stands for each column it spans past its first.
  void close_cell() {
    trim_back(markup_);
    if (markup_.size() >= row_.cell_markup_from + kCellBreak.size() && markup_.ends_with(kCellBreak)) {
      markup_.resize(markup_.size() - kCellBreak.size());
      trim_back(markup_);
    }
    if (cell_has_text()) {
      trim_back(text_);
      row_.text_end = text_.size();
      row_.markup_end = markup_.size();
    }
    while (row_.cells < row_.span_end) begin_cell();
  }

  // A text node, with the runs the prescan set aside put back.
  void text_node(std::string_view s) {
    for_each_text_piece(s, page_, [&](std::string_view piece) { text(piece); });
  }

  void text(std::string_view chars) {
    if (script_.writing.kind == ScriptWriting::Plain) return write_text(chars);
    std::string written;
    append_script_text(written, chars, script_.script, script_.writing, script_.wrote_sign);
    write_text(written);
  }

  void write_text(std::string_view chars) {
    if (h1_capture_) tree_.metadata.first_h1 += chars;
    if (tree_.metadata.author_marks.gathering()) tree_.metadata.author_marks.text(chars, hidden_depth_);
    std::size_t before = text_.size();
    const bool fold = pre_depth_ == 0, escape = code_depth_ == 0;
    // In a data table's row a '|' is escaped in code too: GFM reads the
    // row's cells before their code spans.
    const unsigned char stops = (fold ? kFoldedSpace : 0) | (escape ? kEscaped : 0) | (row_.open ? kPipe : 0);
    const char* s = chars.data();
    const char* end = s + chars.size();
    while (s < end) {
      // A run of characters copied as they are, then the one that is not.
      const char* run = s;
      while (s < end && !(kTextStops[static_cast<unsigned char>(*s)] & stops)) ++s;
      text_.append(run, s);
      markup_.append(run, s);
      if (s == end) break;
      char c = *s++;
      if (fold && is_space(c)) {
        if (!text_.empty() && text_.back() != ' ') {
          text_ += ' ';
          markup_ += ' ';
        }
        continue;
      }
      text_ += c;
      if (c == '|') {
        // In code, a backslash right before it is the code's own, yet GFM
        // (cmark-gfm, micromark) reads "\\|" as an escaped backslash and
        // then the cell's end. The backslash goes in twice: the cell holds
        // and its code shows two (GFM cannot write "\|" in code in a cell).
        if (!escape && !markup_.empty() && markup_.back() == '\\') markup_ += '\\';
        markup_ += "\\|";
        continue;
      }
      if (needs_markdown_escape(chars, static_cast<std::size_t>(s - 1 - chars.data()))) markup_ += '\\';
      markup_ += c;
    }
    if (link_depth_ > 0 && link_leads_away_) link_bytes_ += text_.size() - before;
    // Text in a <td> that is not bold: the row is not a header.
    if (row_.in_cell && row_.reads_as_header && !row_.cell_is_th && strong_depth_ == 0 && !aside_open_ &&
        text_.find_first_not_of(' ', before) != std::string::npos) {
      row_.reads_as_header = false;
    }
  }

  BlockKind kind_of(GumboTag tag, int& level) const {
    level = heading_level(tag);
    if (level > 0) return BlockKind::Heading;
    if (pre_depth_ > 0) return BlockKind::Preformatted;
    switch (tag) {
      case GUMBO_TAG_LI: return BlockKind::ListItem;
      case GUMBO_TAG_TR:
        if (row_.open) return BlockKind::TableRow;
        break;
      case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION: return BlockKind::Caption;
      default: break;
    }
    return quote_depth_ > 0 ? BlockKind::Quote : BlockKind::Paragraph;
  }

  // Inside an <li>, its first paragraph (a <p> in it too) is the item, with
  // its number and depth; later ones (after a <br>, or a nested list) are
  // paragraphs that go on inside it, with its depth, and so are the rows
  // of a table, a heading and code after it. Headings, quotes, captions,
  // code and rows keep their kind.
  void list_item(Block& b) {
    if (items_.empty() || hidden_depth_ > 0) return;  // hidden text gathered aside is not the item's
    OpenItem& item = items_.back();
    if (b.kind == BlockKind::TableRow) return block_in_item(b, item);
    // A heading or code in a quote inside the item is the quote's.
    if ((b.kind == BlockKind::Heading || b.kind == BlockKind::Preformatted) && quote_depth_ == item.quote_depth) {
      return block_in_item(b, item);
    }
    // A paragraph of a list in a quote is the list's (Block::quoted says
    // it is quoted); a quote inside the item stays a quote.
    const bool paragraph_of_quoted_list = b.kind == BlockKind::Quote && quote_depth_ == item.quote_depth;
    if (b.kind != BlockKind::Paragraph && b.kind != BlockKind::ListItem && !paragraph_of_quoted_list) return;
    if (item.has_block) {
      b.kind = BlockKind::Paragraph;  // it goes on inside the item
      b.list_depth = item.depth;
      return;
    }
    item.has_block = true;
    b.kind = BlockKind::ListItem;
    b.list_number = item.number;
    b.list_depth = item.depth;
  }

  // A table, a heading or code in a list item is in the item: it has the
  // item's depth. After the item's text it goes on inside the item; before
  // any of it, it opens the item: it (a table's first row, the first shown)
  // carries the item's number, the text after it going on inside the item.
  static void block_in_item(Block& b, OpenItem& item) {
    b.list_depth = item.depth;
    if (item.has_block) return;
    item.has_block = true;
    b.opens_item = true;
    b.list_number = item.number;
  }

  // The text gathered since the last block boundary becomes a block.
  void flush() {
    std::size_t start = pre_depth_ > 0 ? preformatted_start(text_) : text_.find_first_not_of(' ');
    std::uint32_t container = containers_.back();
    // A data table's row, with its cells: its Markdown is always kept, where
    // a '|' of the text is told from one between cells.
    const bool row = row_.open && tree_.nodes[container].tag == GUMBO_TAG_TR;
    if (row) {
      // The empty cells after the last with text are left out; a row of
      // empty cells is none.
      text_.resize(std::min(text_.size(), row_.text_end));
      markup_.resize(std::min(markup_.size(), row_.markup_end));
      start = text_.find_first_not_of(' ');
    }
    if (start == std::string::npos) {
      reset_buffer();
      return;
    }
    if (pre_depth_ > 0) {
      // The newline before </pre> and blank lines at the end show nothing.
      text_.resize(text_.find_last_not_of(" \t\r\n") + 1);
    } else {
      trim_back(text_);
    }
    PageBlock pb;
    pb.block.text = text_.substr(start);
    pb.block.kind = kind_of(tree_.nodes[container].tag, pb.block.heading_level);
    pb.block.quoted = quote_depth_ > 0;
    pb.block.quote_start = pb.block.quoted && !quote_has_blocks_;
    quote_has_blocks_ = pb.block.quoted;
    // A heading's lines are headings of their own (Markdown has no line
    // break in one).
    pb.block.after_line_break = after_line_break_ && pb.block.kind != BlockKind::Heading;
    if (row) {
      OpenTable& table = tables_.back();
      pb.block.table_start = !table.has_rows;
      pb.block.table_header = !table.has_rows && (row_.in_thead || row_.reads_as_header);
      table.has_rows = true;
    }
    list_item(pb.block);
    if (has_emphasis_ || has_link_ || row) {
      trim_back(markup_);
      std::size_t m = markup_.find_first_not_of(' ');
      pb.block.markdown = markup_.substr(m == std::string::npos ? 0 : m);
    }
    pb.index = doc_.blocks.size();
    pb.depth = tree_.nodes[container].depth;
    pb.region = container;
    pb.link_density = std::min(1.0, static_cast<double>(link_bytes_) /
                                        static_cast<double>(pb.block.text.size()));
    pb.in_article = article_depth_ > 0;
    if (hidden_depth_ > 0) {
      pb.html_reason = Reason::Hidden;
      pb.html_evidence = hidden_reason_;
    } else if (pb.block.kind == BlockKind::TableRow && !options_.tables) {
      pb.html_reason = Reason::Chrome;
      pb.html_evidence = "table row (tables are off)";
    } else if (tree_.nodes[container].tag == GUMBO_TAG_CAPTION && !options_.tables) {
      pb.html_reason = Reason::Chrome;
      pb.html_evidence = "table caption (tables are off)";
    }
    add_code_ranges(start, pb.block.text.size());
    doc_.blocks.push_back(std::move(pb));
    reset_buffer();
  }

  // The code ranges of the block about to be added, whose text is text_
  // from `start` on, `size` bytes.
  void add_code_ranges(std::size_t start, std::size_t size) {
    for (auto [begin, end] : code_ranges_) {
      begin = std::clamp(begin, start, start + size) - start;
      end = std::clamp(end, start, start + size) - start;
      if (begin < end) {
        doc_.code_blocks.push_back(doc_.blocks.size());
        doc_.code_spans.push_back(CodeSpan{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
      }
    }
  }

  // The visible text gathered so far waits while a hidden inline element's
  // text is gathered, and then goes on as if the element were not there.
  // Restoring the flush count keeps the inline markup opened before it
  // (emphasis, a link) whole across it.
  void set_aside_visible() {
    aside_open_ = true;
    aside_ = Gathered{std::move(text_), std::move(markup_), std::move(code_ranges_), link_bytes_, flushes_,
                      has_emphasis_, has_link_, after_line_break_};
    text_.clear();
    markup_.clear();
    code_ranges_.clear();
    link_bytes_ = 0;
    has_emphasis_ = has_link_ = false;
  }

  void take_back_visible() {
    aside_open_ = false;
    text_ = std::move(aside_.text);
    markup_ = std::move(aside_.markup);
    code_ranges_ = std::move(aside_.code_ranges);
    link_bytes_ = aside_.link_bytes;
    flushes_ = aside_.flushes;
    has_emphasis_ = aside_.has_emphasis;
    has_link_ = aside_.has_link;
    after_line_break_ = aside_.after_line_break;
  }

  void reset_buffer() {
    ++flushes_;
    after_line_break_ = false;
    text_.clear();
    markup_.clear();
    code_ranges_.clear();
    link_bytes_ = 0;
    has_emphasis_ = has_link_ = false;
  }

  const Options& options_;
  Document& doc_;
  const HintSet& hints_;
  const Prescanned* page_;
  HtmlTree tree_;
  std::vector<std::uint32_t> containers_;  // open block-level nodes
  std::string text_, markup_;
  // The inline code in text_, [begin, end) (note_code()).
  std::vector<std::pair<std::size_t, std::size_t>> code_ranges_;
  // The visible text while a hidden inline element is gathered.
  struct Gathered {
    std::string text, markup;
    std::vector<std::pair<std::size_t, std::size_t>> code_ranges;
    std::size_t link_bytes = 0, flushes = 0;
    bool has_emphasis = false, has_link = false;
    bool after_line_break = false;
  };
  Gathered aside_;
  bool aside_open_ = false;  // a hidden inline element's text is gathered
  std::size_t link_bytes_ = 0;
  std::size_t flushes_ = 0;
  // flushes_ + 1 while the block being written has had only the caret and
  // letters of a reference's back-links (opens_lettered_back_links()), 0
  // otherwise.
  std::size_t lettered_back_links_ = 0;
  bool has_emphasis_ = false, has_link_ = false;
  // The last block ended at a <br>, with text before it: the next block is
  // its paragraph's next line (a hidden block gathered aside in between
  // is one too, and the visible text after it still is).
  bool after_line_break_ = false;
  bool link_leads_away_ = true;  // the open link's text counts as link text
  int strong_depth_ = 0;  // <strong>/<b> open around the walk
  int link_depth_ = 0, pre_depth_ = 0, code_depth_ = 0, quote_depth_ = 0, article_depth_ = 0;
  int hidden_depth_ = 0;
  bool quote_has_blocks_ = false;  // the outermost open quote has a block
  const char* hidden_reason_ = "";
  std::vector<OpenList> lists_;  // the <ol>/<ul> open around the walk
  std::vector<OpenItem> items_;  // the <li> open around the walk
  ScriptState script_;
  std::vector<OpenTable> tables_;  // the <table> open around the walk
  OpenRow row_;
  CellGrid grid_;  // where the open data table's cells go
  bool h1_capture_ = false;
};

}  // namespace

HtmlTree walk_html(const GumboNode* root, const Options& options, Document& doc,
                   const Prescanned* page) {
  return Walker(options, doc, page).run(root);
}

}  // namespace winnow::detail
