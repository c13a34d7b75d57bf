// Tables in HTML: a data table is kept a row per block, each cell in its
// column, and written in Markdown as a GFM table (a header row, then the
// delimiter row); a table that lays out the page is paragraphs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "html_test_util.hpp"

namespace winnow {
namespace {

// An article with `tables` between its second and third paragraphs.
Result article_with(const std::string& tables, Options options = {}) {
  return test::extract_html(test::page("<article>" + test::paragraphs(1, 2) + tables + test::paragraphs(3, 4) +
                                       "</article>"),
                            options);
}

std::string markdown(const Result& r, bool links = false) {
  RenderOptions ro;
  ro.links = links;
  return render(r, Format::Markdown, ro);
}

// What the Markdown has between the article's second and third paragraphs.
std::string markdown_between(const Result& r, bool links = false) {
  const std::string md = markdown(r, links);
  const std::string after = test::prose(2) + "\n\n", before = "\n\n" + test::prose(3);
  const std::size_t from = md.find(after), to = md.find(before);
  if (from == std::string::npos || to == std::string::npos || to < from + after.size()) return "(not found) " + md;
  return md.substr(from + after.size(), to - from - after.size());
}

// The kept blocks between the second and third paragraphs, as kind: text.
std::vector<std::string> blocks_between(const Result& r) {
  std::vector<std::string> out;
  bool in = false;
  for (const Block& b : r.blocks) {
    if (b.text == test::prose(2)) in = true;
    else if (b.text == test::prose(3)) break;
    else if (in && b.kept) out.push_back(std::string(to_string(b.kind)) + ": " + b.text);
  }
  return out;
}

using Lines = std::vector<std::string>;

// A '|' in a cell is "\|" in Markdown (in a code span too: GFM splits the
// row into cells first), and "%7C" in a link's target; the text keeps it.
// In code, a backslash before the '|' is written twice, or GFM would read
// "\\" as an escaped backslash and end the cell at the '|'.
TEST(HtmlTable, PipeInACellIsEscapedInMarkdown) {
  const Result r = article_with(
      "<table><tr><th>Query</th><th>Meaning</th></tr>"
      "<tr><td>a | b</td><td><code>x|y</code> or <a href=\"https://example.com/q?a|b\">this | that</a></td></tr>"
      "<tr><td><code>grep 'a\\|b'</code></td><td>a\\|b\\</td></tr></table>");
  EXPECT_EQ(blocks_between(r), (Lines{"table-row: Query | Meaning", "table-row: a | b | x|y or this | that",
                                      "table-row: grep 'a\\|b' | a\\|b\\"}));
  EXPECT_EQ(markdown_between(r),
            "| Query | Meaning |\n"
            "| --- | --- |\n"
            "| a \\| b | `x\\|y` or this \\| that |\n"
            "| `grep 'a\\\\\\|b'` | a\\\\\\|b\\\\ |");
  EXPECT_EQ(markdown_between(r, true),
            "| Query | Meaning |\n"
            "| --- | --- |\n"
            "| a \\| b | `x\\|y` or [this \\| that](https://example.com/q?a%7Cb) |\n"
            "| `grep 'a\\\\\\|b'` | a\\\\\\|b\\\\ |");
}

// NFKC folds a fullwidth bar (U+FF5C) to '|': in a cell it folds to "\|".
TEST(HtmlTable, FullwidthBarFoldedByNfkcStaysInItsCell) {
  Options nfkc;
  nfkc.normalize.form = UnicodeForm::NFKC;
  const std::string table =
      "<table><tr><th>Left\xEF\xBD\x9CRight</th><th>Other</th></tr><tr><td>1</td><td>2</td></tr></table>";
  EXPECT_EQ(markdown_between(article_with(table, nfkc)), "| Left\\|Right | Other |\n| --- | --- |\n| 1 | 2 |");
  EXPECT_EQ(markdown_between(article_with(table)), "| Left\xEF\xBD\x9CRight | Other |\n| --- | --- |\n| 1 | 2 |");
}

// A row's Markdown (Block::markdown) is always there: its cells " | " apart,
// every '|' of their text written "\|", in code too, and the lines of a
// cell "<br>" apart.
TEST(HtmlTable, RowMarkdownKeepsItsCellsApart) {
  const Result r = article_with(
      "<table><tr><th>Query</th><th>Meaning</th></tr>"
      "<tr><td>a | b</td><td><code>x|y</code> or <em>this | that</em><br>and more</td></tr></table>");
  std::vector<std::string> rows;
  for (const Block& b : r.blocks) {
    if (b.kind == BlockKind::TableRow) rows.push_back(b.markdown);
  }
  EXPECT_EQ(rows, (Lines{"Query | Meaning", "a \\| b | `x\\|y` or *this \\| that*<br>and more"}));
}

// A table in a table's cell: GFM has no such thing, and on the web the
// outer table lays out the page. Its cells are paragraphs in order, the
// inner table between them; no cell is left empty where it was.
TEST(HtmlTable, NestedTableLeavesNoEmptyCell) {
  const Result r = article_with(
      "<table><tr><td>Before the inner table</td><td><table><tr><th>Year</th><th>Votes</th></tr>"
      "<tr><td>2023</td><td>1,204</td></tr></table></td><td>After the inner table</td></tr>"
      "<tr><td>Second row, first cell</td><td>Second row, second cell</td><td></td></tr></table>");
  EXPECT_EQ(blocks_between(r), (Lines{"paragraph: Before the inner table", "table-row: Year | Votes",
                                      "table-row: 2023 | 1,204", "paragraph: After the inner table",
                                      "paragraph: Second row, first cell", "paragraph: Second row, second cell"}));
  EXPECT_EQ(markdown_between(r),
            "Before the inner table\n\n"
            "| Year | Votes |\n"
            "| --- | --- |\n"
            "| 2023 | 1,204 |\n\n"
            "After the inner table\n\n"
            "Second row, first cell\n\n"
            "Second row, second cell");
}

// Every Markdown table has a header row and a delimiter row: the table's
// first row when it is a header (in <thead>, or its cells <th> or all
// bold), else an empty one. Two tables in a row stay two.
TEST(HtmlTable, MarkdownTableHasAHeaderRowAndADelimiterRow) {
  const Result r = article_with(
      "<table><thead><tr><td>Year</td><td>Votes</td></tr></thead><tbody><tr><td>2023</td><td>1,204</td></tr>"
      "</tbody></table>"
      "<table><tr><td><b>Party</b></td><td><strong>Seats</strong></td></tr><tr><td>Green</td><td>12</td></tr>"
      "</table>"
      "<table><tr><th>Born</th><td>1950</td></tr><tr><th>Died</th><td>2020</td></tr></table>"
      "<table><tr><td>first</td><td>row</td></tr><tr><td>second</td><td>row</td></tr></table>");
  EXPECT_EQ(markdown_between(r),
            "| Year | Votes |\n| --- | --- |\n| 2023 | 1,204 |\n\n"
            "| **Party** | **Seats** |\n| --- | --- |\n| Green | 12 |\n\n"
            "| | |\n| --- | --- |\n| Born | 1950 |\n| Died | 2020 |\n\n"
            "| | |\n| --- | --- |\n| first | row |\n| second | row |");
  int starts = 0, headers = 0;
  for (const Block& b : r.blocks) {
    starts += b.table_start;
    headers += b.table_header;
    if (b.table_header) EXPECT_TRUE(b.table_start) << b.text;
  }
  EXPECT_EQ(starts, 4);
  EXPECT_EQ(headers, 2);
}

// A cell keeps its column: an empty cell stays one (empty cells at a row's
// end are left out of its text), a cell spanning columns or rows is
// followed by empty cells for the columns it takes, and Markdown makes the
// header as wide as the widest row and fills the shorter ones.
TEST(HtmlTable, CellsKeepTheirColumns) {
  const Result r = article_with(
      "<table><tr><th rowspan=\"2\">Region</th><th colspan=\"2\">Votes</th><th rowspan=\"2\">Note</th></tr>"
      "<tr><th>Yes</th><th>No</th></tr>"
      "<tr><td>North</td><td>10</td><td>5</td><td>close</td></tr>"
      "<tr><td></td><td>7</td><td>8</td><td></td></tr>"
      "<tr><td colspan=\"3\">Total</td><td>30</td></tr>"
      "<tr><td>South</td></tr>"
      "<tr><td>West</td><td>1</td><td>2</td><td>3</td><td>recount</td></tr>"
      "<tr><td></td><td> </td></tr></table>");
  EXPECT_EQ(blocks_between(r), (Lines{"table-row: Region | Votes | | Note", "table-row: | Yes | No",
                                      "table-row: North | 10 | 5 | close", "table-row: | 7 | 8",
                                      "table-row: Total | | | 30", "table-row: South",
                                      "table-row: West | 1 | 2 | 3 | recount"}));
  EXPECT_EQ(markdown_between(r),
            "| Region | Votes | | Note | |\n"
            "| --- | --- | --- | --- | --- |\n"
            "| | Yes | No | | |\n"
            "| North | 10 | 5 | close | |\n"
            "| | 7 | 8 | | |\n"
            "| Total | | | 30 | |\n"
            "| South | | | | |\n"
            "| West | 1 | 2 | 3 | recount |");
}

// GFM has one header row: a table's second header row (a second <tr> in
// <thead>, or <th> rows one under another) is the first row under the
// delimiter row, each cell in its column, and no cell's text is lost.
TEST(HtmlTable, SecondHeaderRowIsTheFirstRowUnderTheHeader) {
  const Result r = article_with(
      "<table><thead><tr><th rowspan=\"2\">Region</th><th colspan=\"2\">Votes</th></tr>"
      "<tr><th>Yes</th><th>No | abstained</th></tr></thead><tbody><tr><td>North</td><td>10</td><td>5</td></tr>"
      "</tbody></table>"
      "<table><tr><th>Year</th><th>Total</th></tr><tr><th>(CE)</th><th>(votes)</th></tr>"
      "<tr><td>2023</td><td>1,204</td></tr></table>");
  EXPECT_EQ(blocks_between(r), (Lines{"table-row: Region | Votes", "table-row: | Yes | No | abstained",
                                      "table-row: North | 10 | 5", "table-row: Year | Total",
                                      "table-row: (CE) | (votes)", "table-row: 2023 | 1,204"}));
  EXPECT_EQ(markdown_between(r),
            "| Region | Votes | |\n| --- | --- | --- |\n| | Yes | No \\| abstained |\n| North | 10 | 5 |\n\n"
            "| Year | Total |\n| --- | --- |\n| (CE) | (votes) |\n| 2023 | 1,204 |");
}

// A hidden cell gives its row no text, as hidden elements give none
// elsewhere. With no box (hidden, display:none, a screen-reader-only class)
// it takes no column and the cells after it move up, as a browser shows
// them; with its box (aria-hidden, visibility:hidden) its column is empty.
TEST(HtmlTable, HiddenCellsGiveNoText) {
  const Result r = article_with(
      "<table><thead><tr><th>Year</th><th>Plan</th><th>Actual</th></tr></thead><tbody>"
      "<tr><td>2023</td><td hidden>secret</td><td>10</td><td>12</td></tr>"
      "<tr><td>2024</td><td style=\"DISPLAY: none\">x</td><td>11</td><td aria-hidden=\"true\">zz</td><td>13</td></tr>"
      "<tr><td class=\"sr-only\">s</td><td>2025</td><td style=\"visibility:hidden\">v</td><td>14</td></tr>"
      "<tr hidden><td>2026</td><td>15</td></tr></tbody></table>");
  EXPECT_EQ(blocks_between(r), (Lines{"table-row: Year | Plan | Actual", "table-row: 2023 | 10 | 12",
                                      "table-row: 2024 | 11 | | 13", "table-row: 2025 | | 14"}));
  EXPECT_EQ(markdown_between(r),
            "| Year | Plan | Actual | |\n"
            "| --- | --- | --- | --- |\n"
            "| 2023 | 10 | 12 | |\n"
            "| 2024 | 11 | | 13 |\n"
            "| 2025 | | 14 | |");
}

// Every removal is explainable: a hidden cell's text is a block dropped as
// hidden, with what hid it, just before its row (as a hidden icon's text
// comes before its sentence), its paragraphs and lines apart; the row stays
// one block. A hidden cell in a hidden row is the row's text.
TEST(HtmlTable, HiddenCellsTextIsExplained) {
  const Result r = article_with(
      "<table><tr><th>Year</th><th hidden>Secret <b>plan</b></th><th>Actual</th></tr>"
      "<tr><td>2024</td><td style=\"display:none\"><p>one</p><p>two<br>three</p></td><td>11</td>"
      "<td aria-hidden=\"true\">zz</td><td>13</td></tr>"
      "<tr hidden><td>2025</td><td class=\"sr-only\">inner</td><td>14</td></tr></table>");
  std::vector<std::string> explained;
  bool in = false;
  for (const Block& b : r.blocks) {
    if (b.text == test::prose(2)) in = true;
    else if (b.text == test::prose(3)) break;
    else if (in && b.kept) explained.push_back("keep " + b.text);
    else if (in) explained.push_back("drop " + std::string(to_string(b.reason)) + " (" + b.evidence + ") " + b.text);
  }
  EXPECT_EQ(explained, (Lines{"drop hidden (hidden attribute) Secret plan", "keep Year | Actual",
                              "drop hidden (display:none) one", "drop hidden (display:none) two",
                              "drop hidden (display:none) three", "drop hidden (aria-hidden) zz",
                              "keep 2024 | 11 | | 13", "drop hidden (hidden attribute) 2025 | inner | 14"}));
  EXPECT_EQ(markdown_between(r), "| Year | Actual | | |\n| --- | --- | --- | --- |\n| 2024 | 11 | | 13 |");
}

// A table after a list item's text goes on inside the item in Markdown,
// each line where the item's text starts, and the list goes on after it. A
// table that opens an item starts on the line of the item's marker, and the
// item's text after it goes on inside the item.
TEST(HtmlTable, TableInAListItemStaysInTheItem) {
  const std::string table = "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>";
  const Result r = article_with("<ol><li>First step, with its numbers.<ul><li>A note on them." + table +
                                "</li></ul></li><li>Second step.</li><li>" + table + "Then the third.</li>"
                                "<li>Fourth.</li></ol><ul><li><div>" + table + "</div></li></ul>");
  EXPECT_EQ(markdown_between(r),
            "1. First step, with its numbers.\n\n"
            "   - A note on them.\n\n"
            "     | A | B |\n     | --- | --- |\n     | 1 | 2 |\n\n"
            "2. Second step.\n\n"
            "3. | A | B |\n   | --- | --- |\n   | 1 | 2 |\n\n"
            "   Then the third.\n\n"
            "4. Fourth.\n\n"
            "- | A | B |\n  | --- | --- |\n  | 1 | 2 |");
  std::vector<std::string> firsts;  // each table's first row: depth, opens, number
  for (const Block& b : r.blocks) {
    if (b.kind == BlockKind::TableRow && b.table_start) {
      firsts.push_back(std::to_string(b.list_depth) + (b.opens_item ? " opens " : " in ") +
                       std::to_string(b.list_number));
    }
  }
  EXPECT_EQ(firsts, (Lines{"2 in 0", "1 opens 3", "1 opens 0"}));
  // The text keeps every cell, in order.
  EXPECT_NE(r.text.find("Second step.\n\nA | B\n\n1 | 2\n\nThen the third.\n\nFourth.\n\nA | B\n\n1 | 2"),
            std::string::npos)
      << r.text;
}

// A table in a quote is in the quote in Markdown: "> " before each of its
// lines, and the quote's blocks one quote (">" between them), a list and a
// table in an item of it too.
TEST(HtmlTable, TableInAQuoteStaysInTheQuote) {
  const std::string table = "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2 | 3</td></tr></table>";
  const Result r = article_with("<blockquote><p>The mayor wrote:</p>" + table + "<ul><li>" + table +
                                "</li><li>And more.</li></ul></blockquote>");
  EXPECT_EQ(markdown_between(r),
            "> The mayor wrote:\n"
            ">\n"
            "> | A | B |\n> | --- | --- |\n> | 1 | 2 \\| 3 |\n"
            ">\n"
            "> - | A | B |\n>   | --- | --- |\n>   | 1 | 2 \\| 3 |\n"
            ">\n"
            "> - And more.");
  EXPECT_EQ(blocks_between(r), (Lines{"quote: The mayor wrote:", "table-row: A | B", "table-row: 1 | 2 | 3",
                                      "table-row: A | B", "table-row: 1 | 2 | 3", "list-item: And more."}));
  std::size_t quoted = 0;  // the six blocks above, and no other
  for (const Block& b : r.blocks) quoted += b.quoted;
  EXPECT_EQ(quoted, 6u);
}

// A table whose first row is hidden (or dropped) is still a table of its
// own in Markdown, not rows of the table before it; one that opens a list
// item opens it at its first row shown.
TEST(HtmlTable, TableWithAHiddenFirstRowStaysItsOwn) {
  const Result r = article_with(
      "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
      "<table><tr hidden><th>C</th><th>D</th></tr><tr><td>3</td><td>4</td></tr></table>"
      "<ul><li><table><tr hidden><td>x</td><td>y</td></tr><tr><td>5</td><td>6</td></tr><tr><td>7</td><td>8</td></tr>"
      "</table></li></ul>");
  EXPECT_EQ(markdown_between(r),
            "| A | B |\n| --- | --- |\n| 1 | 2 |\n\n"
            "| | |\n| --- | --- |\n| 3 | 4 |\n\n"
            "- | | |\n  | --- | --- |\n  | 5 | 6 |\n  | 7 | 8 |");
}

// A cell's lines (<br>, paragraphs) stay in its row: a space apart in the
// text, "<br>" apart in Markdown, where a table's cell is one line.
TEST(HtmlTable, LinesOfACellStayInTheCell) {
  const Result r = article_with(
      "<table><tr><th>Address</th><th>Notes</th></tr>"
      "<tr><td>1 Main St<br>Springfield<br></td><td><p>First note.</p><p></p><div>Second <em>note</em>.</div></td>"
      "</tr><tr><td><br>Elm Row</td><td><p>Only note.</p></td></tr></table>");
  EXPECT_EQ(blocks_between(r), (Lines{"table-row: Address | Notes",
                                      "table-row: 1 Main St Springfield | First note. Second note.",
                                      "table-row: Elm Row | Only note."}));
  EXPECT_EQ(markdown_between(r),
            "| Address | Notes |\n"
            "| --- | --- |\n"
            "| 1 Main St<br>Springfield | First note.<br>Second *note*. |\n"
            "| Elm Row | Only note. |");
}

// A table that lays out the page is no table: one cell holding the whole
// article, a menu beside the story between rows of one cell, a cell with a
// heading or a list, role=presentation. Its cells are paragraphs.
TEST(HtmlTable, LayoutTablesArePlainParagraphs) {
  const std::string story = "<b>The budget vote</b><br><br>" + test::prose(11) + "<br><br>" + test::prose(12) +
                            "<br><br>" + test::prose(13);
  const std::vector<std::string> layouts = {
      "<table><tr><td><h2>The budget vote</h2>" + test::paragraphs(11, 13) + "</td></tr></table>",
      "<table><tr><td>" + story + "</td></tr></table>",
      "<table><tr><td colspan=\"2\">The Daily Example</td></tr><tr><td>Home<br>News</td><td>" + story +
          "</td></tr><tr><td colspan=\"2\">Contact us</td></tr></table>",
      "<table><tr><td>Steps</td><td><ul><li>One</li><li>Two</li></ul></td></tr><tr><td>" + test::prose(11) +
          "</td><td>" + test::prose(12) + "</td></tr></table>",
      "<table role=\"presentation\"><tr><td>" + test::prose(11) + "</td><td>" + test::prose(12) + "</td></tr><tr><td>" +
          test::prose(13) + "</td><td>The end.</td></tr></table>"};
  for (const std::string& layout : layouts) {
    const Result r = article_with(layout);
    for (const Block& b : r.blocks) {
      EXPECT_NE(b.kind, BlockKind::TableRow) << b.text << "\nin " << layout;
      EXPECT_EQ(b.text.find(" |"), std::string::npos) << b.text << "\nin " << layout;
    }
    EXPECT_TRUE(test::kept(r, test::prose(11))) << r.text;
    const std::string md = markdown(r);
    EXPECT_EQ(md.find("| "), std::string::npos) << md;
    EXPECT_NE(md.find("\n\n" + test::prose(11) + "\n\n"), std::string::npos) << md;
  }
}

// A table's <caption> is its title, kept before it (a figure's caption is
// not); with tables off it goes with the table.
TEST(HtmlTable, CaptionIsKeptWithTheTable) {
  const std::string table =
      "<table><caption>Votes by year</caption><tr><th>Year</th><th>Votes</th></tr><tr><td>2023</td><td>1,204</td>"
      "</tr></table>";
  const Result r = article_with(table);
  EXPECT_EQ(markdown_between(r), "Votes by year\n\n| Year | Votes |\n| --- | --- |\n| 2023 | 1,204 |");
  Options off;
  off.tables = false;
  const Result without = article_with(table, off);
  EXPECT_FALSE(test::kept(without, "Votes by year")) << without.text;
  EXPECT_FALSE(test::kept(without, "2023")) << without.text;
}

// Spans as large as a page cares to write cost at most 64 empty cells, and
// a very wide table does not make every row as wide in Markdown.
TEST(HtmlTable, HugeSpansAndWideRowsStayBounded) {
  std::string wide = "<tr>";
  for (int i = 0; i < 2000; ++i) wide += "<td>c</td>";
  std::string rows;
  for (int i = 0; i < 200; ++i) rows += "<tr><td colspan=\"9007199254740991\" rowspan=\"65534\">x</td><td>y</td></tr>";
  const Result r = article_with("<table>" + wide + "</tr>" + rows + "</table>");
  // The first x takes the 64 columns followed, and the rows below; y goes
  // after them. Below, each x goes past the 64 columns the one above takes.
  std::vector<std::size_t> cells;
  for (const Block& b : r.blocks) {
    if (b.kind != BlockKind::TableRow || b.text.starts_with("c |")) continue;
    EXPECT_TRUE(b.text.ends_with("x | y") || cells.empty()) << b.text.substr(0, 300);
    cells.push_back(1);
    for (std::size_t at = b.text.find('|'); at != std::string::npos; at = b.text.find('|', at + 1)) ++cells.back();
  }
  ASSERT_EQ(cells.size(), 200u);
  EXPECT_EQ(cells.front(), 65u);  // x, 63 empty cells, y
  for (std::size_t i = 1; i < cells.size(); ++i) EXPECT_EQ(cells[i], 66u);  // 64 empty cells, x, y
  const std::string md = markdown_between(r);
  EXPECT_LT(md.size(), 100000u) << md.substr(0, 300);
  EXPECT_NE(md.find("\n| x | | |"), std::string::npos) << md.substr(0, 300);
}

}  // namespace
}  // namespace winnow
