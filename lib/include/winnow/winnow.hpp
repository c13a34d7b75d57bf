// winnow: turn scraped web pages (raw HTML, or text already scraped from a
// page) into the article alone, as clean, normalized UTF-8 text.
//
//   #include <winnow/winnow.hpp>
//
//   winnow::Options options;                 // documented defaults below
//   winnow::Result r = winnow::extract(page, options);
//   if (!r.ok()) std::cerr << r.error << '\n';
//   else std::cout << r.text;
//
// The pipeline is decode -> parse into blocks (HTML or text) -> classify ->
// select -> normalize -> render. Every block of the page comes back in
// Result::blocks with whether it was kept and, if not, why.
//
// Thread safety: every function here is reentrant. There is no global mutable
// state; Options and Result are plain values. Errors are values
// (Result::status), never exceptions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

class NameDictionary;  // <winnow/names.hpp>

// How the input is read.
enum class Mode : std::uint8_t {
  Auto,  // HTML when the content looks like markup, text otherwise (default)
  Text,  // text already scraped from a page: one block per line
  Html,  // a raw web page
};

// Which Unicode normalization form the output is in.
enum class UnicodeForm : std::uint8_t {
  NFC,   // canonical composition (default): changes no meaning
  NFKC,  // compatibility composition: "10³" becomes "103"; opt-in
  None,  // leave code points as they are (still valid UTF-8)
};

// Where extraction leans when a block is uncertain.
enum class Favor : std::uint8_t {
  Balanced,   // default
  Precision,  // drop uncertain blocks: less chrome, may lose a paragraph
  Recall,     // keep uncertain blocks: no lost paragraph, more chrome
};

// The normalize stage. It runs on kept text in every mode, and alone through
// winnow::normalize().
struct NormalizeOptions {
  // Run the stage at all. Off: kept text is passed through as decoded
  // (still valid UTF-8).
  bool enabled = true;
  UnicodeForm form = UnicodeForm::NFC;
  // Repair UTF-8 that was decoded as Windows-1252/Latin-1 and encoded again
  // ("â€™" -> "’"). Only confident repairs are made.
  bool fix_mojibake = true;
  // Fold curly quotes, apostrophes, dashes and the ellipsis to ASCII.
  bool ascii_punctuation = false;
  // Unify name variants ("Sergei Lavrov" -> "Sergey Lavrov").
  bool names = true;
  // The dictionary used when `names` is on; null means the built-in one.
  std::shared_ptr<const NameDictionary> dictionary;
};

struct Options {
  Mode mode = Mode::Auto;
  Favor favor = Favor::Balanced;
  // HTML: keep data tables inside the article, a row per block (a table
  // used for layout is not one: its cells are blocks like any other).
  bool tables = true;
  // Inputs larger than this are refused with Status::TooLarge rather than
  // processed (0 = no limit). 64 MiB by default.
  std::size_t max_bytes = std::size_t{64} << 20;
  // Fill Block::evidence, the human-readable why of each dropped block.
  // Off, every block still carries its Reason and only the evidence text is
  // left empty: that saves building a string for most blocks of a page
  // when only the article text is wanted.
  bool evidence = true;
  // Keep the text of dropped blocks in Result::blocks. Off, a dropped block
  // keeps its kind, Reason and evidence and its text and markdown are left
  // empty: a caller that reads only Result::text (or the kept blocks) then
  // saves a string for most blocks of a page. SiteBoilerplate learns from
  // the blocks' text unless it has their keys: turn `block_keys` on with it.
  bool dropped_text = true;
  // Fill Result::block_keys, the blocks' keys for site-level boilerplate
  // learning (<winnow/site_boilerplate.hpp>), computed in the walk that
  // measures each block anyway; SiteBoilerplate then need not walk the
  // blocks' text again. Off by default: only a learner reads them.
  bool block_keys = false;
  NormalizeOptions normalize;
};

// What kind of text a block holds.
enum class BlockKind : std::uint8_t {
  Paragraph,
  Heading,
  ListItem,
  Quote,
  Preformatted,
  TableRow,
  Caption,
};

// Why a block was dropped (Reason::Kept for a kept block). Stable names for
// each value come from to_string().
enum class Reason : std::uint8_t {
  Kept,
  Empty,              // no visible text
  Title,              // the headline, reported in Metadata::title instead
  DuplicateHeadline,  // a repeat of the headline
  Duplicate,          // text already emitted earlier in the page
  AdMarker,           // "Advertisement", "Sponsored", ...
  Teaser,             // "READ ALSO: ...", "Related: ..."
  Navigation,         // menus, breadcrumbs, section labels, "Continue Reading"
  Byline,             // "Published", "on", "By", dates without content
  ShareBar,           // "Share", "Facebook", "Tweet", ...
  Legal,              // cookie, privacy, copyright and terms lines
  CommentSection,     // "Leave a Reply", comment forms and everything in them
  RelatedList,        // "You may also like" and what follows it
  Tagline,            // the site describing itself at the end of the article
  Boilerplate,        // repeated across pages of the same site
  LinkDense,          // HTML: mostly link text
  OutsideMain,        // HTML: outside the selected main-content region
  Hidden,             // HTML: hidden, script, style, template, ...
  Chrome,             // other site chrome, by combined evidence
};

std::string_view to_string(Reason reason);
std::string_view to_string(BlockKind kind);

struct Block {
  std::string text;  // as found in the page, whitespace folded
  BlockKind kind = BlockKind::Paragraph;
  // Table rows (HTML): true on the first row of each table, where Markdown
  // starts a table (two tables one after the other stay two); and on a
  // first row that is the table's header (in <thead>, or each of its cells
  // a <th> or all bold), which Markdown writes as the header row.
  bool table_start = false;
  bool table_header = false;
  // HTML: the block is inside a <blockquote> (a quote's paragraphs are
  // also BlockKind::Quote), which Markdown writes with "> " before each of
  // its lines: a table, a list, a heading or code in a quote stays in it.
  // quote_start is true on the first block of each quote, where Markdown
  // starts a quote (two quotes in a row, two posts embedded, stay two).
  bool quoted = false;
  bool quote_start = false;
  // The block is the next line of the block right before it, in the same
  // paragraph (text mode: the next line of a poem's stanza, docs/rules.md),
  // after a line break (HTML: <br>): blocks are a paragraph's
  // lines, each judged on its own, and Result::text and Markdown join a
  // kept line to the kept line before it (a newline; a hard line break in
  // Markdown) when every block between them is a line of the same
  // paragraph. A paragraph, a quote's paragraph, a list item's text or a
  // caption has such lines; a heading's lines stay headings of their own,
  // and two line breaks in a row (a blank line) start a new paragraph.
  bool after_line_break = false;
  int heading_level = 0;  // 1..6 for headings
  // List items (HTML): the item's number in an ordered list (<ol start>,
  // <li value> followed), 0 in a bulleted one.
  int list_number = 0;
  bool kept = false;
  Reason reason = Reason::Kept;
  // List items (HTML): 1 in a list, 2 in a list inside that one, and so
  // on; also set on a paragraph that goes on inside a list item (the text
  // after "<li>Title<br>"), which is not an item of its own, and on the
  // rows of a table, a heading or code in the item, which Markdown indents
  // under it.
  std::uint8_t list_depth = 0;
  // HTML: true on a table's first row, a heading or code that opens a list
  // item (<li><table>, <li><h3>, <li><pre>, before any text of the item):
  // the block carries the item's list_number and list_depth, and Markdown
  // writes the item's marker before its first line ("1. ### Step").
  bool opens_item = false;
  std::string evidence;  // a human-readable why, e.g. "marker 'Advertisement'"
  // HTML input: the text with inline Markdown (*emphasis*, **strong**,
  // `code`, links as [text](url)); empty when the block has none.
  std::string markdown;
};

// What the page says of itself (HTML: JSON-LD, meta tags, the document;
// docs/html.md). Text mode finds the title, and from the byline and the
// dateline the author and the date (YYYY-MM-DD); so does HTML mode when
// the page's metadata gives neither. Empty fields were not found.
struct Metadata {
  std::string title;
  std::string author;
  std::string date;
  std::string site_name;
  std::string url;
  std::string language;
  std::string description;
};

enum class Status : std::uint8_t {
  Ok,
  EmptyInput,   // zero bytes, or only whitespace
  BinaryInput,  // not text: NUL-heavy, or a known binary signature
  TooLarge,     // over Options::max_bytes
  Unsupported,  // a mode or option this build cannot honour
  // The input could not be read (missing file, directory, I/O error). The
  // library never reads files; the CLI and bindings report this for it.
  ReadError,
};

std::string_view to_string(Status status);

struct Result {
  Status status = Status::Ok;
  std::string error;  // one line, set when status != Ok
  Mode mode = Mode::Text;  // the mode actually used
  Metadata metadata;
  // The kept blocks, normalized, separated by blank lines; a paragraph's
  // lines (Block::after_line_break) by a newline.
  std::string text;
  std::vector<Block> blocks;  // every block, in page order
  // With Options::block_keys: SiteBoilerplate::block_keys() of this page,
  // one per block, as extract() left the blocks' text; empty otherwise.
  std::vector<std::uint64_t> block_keys;
  // Normalization changes worth telling a user about, e.g. "mojibake
  // repaired: 3 spans". Empty when nothing notable happened.
  std::vector<std::string> notes;

  bool ok() const { return status == Status::Ok; }
};

// Extract the article from a page (HTML or scraped text, per options.mode).
Result extract(std::string_view input, const Options& options = {});

// Extract from scraped text, whatever options.mode says.
Result clean_text(std::string_view text, const Options& options = {});

// Only the normalize stage: valid UTF-8, Unicode form, mojibake, names.
// Bytes that are not UTF-8 are read as extract() reads scraped text: UTF-16
// by its byte-order mark, else with the code page they point to
// (Windows-1252, -1251, ...), else with the bad bytes replaced by U+FFFD;
// the first note says which.
// `notes`, when given, receives what extract() would put in Result::notes.
std::string normalize(std::string_view text, const NormalizeOptions& options = {},
                      std::vector<std::string>* notes = nullptr);

// Output formats for render().
enum class Format : std::uint8_t {
  Text,      // the body; the title first when RenderOptions::title is set
  Markdown,  // headings, lists, quotes, emphasis (HTML input); links by option
  Json,      // one object: metadata, text, and with `explain` every block
};

struct RenderOptions {
  bool title = false;    // Text/Markdown: put the title first
  bool explain = false;  // Json: include the blocks with reasons
  bool pretty = false;   // Json: indented over several lines (else one line)
  bool links = false;    // Markdown: keep links as [text](url) (else their text)
  // Json: when set, an "input" field naming where the page came from.
  std::string_view input_name;
};

std::string render(const Result& result, Format format, const RenderOptions& options = {});

// The library version, "MAJOR.MINOR.PATCH".
std::string_view version();

}  // namespace winnow
