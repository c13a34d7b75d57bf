// The public entry points: run the stages in order and assemble the Result.
#include "winnow/winnow.hpp"

#include <span>

#include "block_key.hpp"
#include "byline.hpp"
#include "classify.hpp"
#include "decode.hpp"
#include "markdown.hpp"
#include "normalize.hpp"
#include "parse_html.hpp"
#include "parse_text.hpp"
#include "render.hpp"
#include "select.hpp"

#ifndef WINNOW_VERSION
#define WINNOW_VERSION "0.0.0"
#endif

namespace winnow {

namespace {

Result failure(Status status, std::string error) {
  Result r;
  r.status = status;
  r.error = std::move(error);
  return r;
}

// A block into the Result. Moving a string copies its inline buffer, and
// most blocks have empty evidence and markdown: those are left to the new
// block's own empty strings rather than moved.
void take_block(Block& from, Block& to) {
  // Every field of Block is taken below: one added there must be here too.
  struct TakenFields {
    std::string text;
    BlockKind kind;
    bool table_start, table_header, quoted, quote_start, after_line_break;
    int heading_level;
    int list_number;
    bool kept;
    Reason reason;
    std::uint8_t list_depth;
    bool opens_item;
    std::string evidence, markdown;
  };
  static_assert(sizeof(TakenFields) == sizeof(Block), "take_block() misses a field of Block");
  to.text = std::move(from.text);
  to.kind = from.kind;
  to.table_start = from.table_start;
  to.table_header = from.table_header;
  to.quoted = from.quoted;
  to.quote_start = from.quote_start;
  to.after_line_break = from.after_line_break;
  to.heading_level = from.heading_level;
  to.list_number = from.list_number;
  to.list_depth = from.list_depth;
  to.opens_item = from.opens_item;
  to.kept = from.kept;
  to.reason = from.reason;
  if (!from.evidence.empty()) to.evidence = std::move(from.evidence);
  if (!from.markdown.empty()) to.markdown = std::move(from.markdown);
}

// A block's links made absolute, when the page's URL is known: only the
// blocks whose Markdown reaches the Result pay for it.
void absolute_links(std::string& markdown, const std::string& base) {
  if (!base.empty() && markdown.find("](") != std::string::npos) markdown = detail::resolve_links(markdown, base);
}

// NFKC folds U+FF5C FULLWIDTH VERTICAL LINE to '|', which in a table row's
// Markdown would end its cell: it is escaped first, to fold to "\|".
void escape_fullwidth_bars(std::string& markdown, const NormalizeOptions& options) {
  static constexpr std::string_view kBar = "\xEF\xBD\x9C";
  if (!options.enabled || options.form != UnicodeForm::NFKC || markdown.find(kBar) == std::string::npos) return;
  std::string escaped;
  for (std::size_t i = 0; i < markdown.size(); ++i) {
    if (markdown.compare(i, kBar.size(), kBar) == 0) escaped += '\\';
    escaped += markdown[i];
  }
  markdown = std::move(escaped);
}

// The inline code of doc.blocks[index], from `next` on (the code of
// earlier blocks is passed).
std::span<const detail::CodeSpan> code_of(const detail::Document& doc, std::size_t index, std::size_t& next) {
  const auto& blocks = doc.code_blocks;
  while (next < blocks.size() && blocks[next] < index) ++next;
  std::size_t end = next;
  while (end < blocks.size() && blocks[end] == index) ++end;
  return std::span(doc.code_spans).subspan(next, end - next);
}
// Normalize the kept blocks and join them into the article text.
Result assemble(detail::Document&& doc, const Options& options) {
  Result r;
  r.mode = doc.mode;
  r.metadata = std::move(doc.metadata);
  // No author in the metadata: a byline's, read along the walk below.
  const bool author_from_bylines = r.metadata.author.empty();
  detail::BylineAuthor byline_author;
  // Read before the walk frees the dropped blocks' text.
  const std::size_t first_kept = detail::first_kept_block(doc);
  std::string author_above_dateline =
      author_from_bylines ? detail::author_above_dateline(doc, first_kept) : std::string();
  if (r.metadata.date.empty()) r.metadata.date = detail::date_from_dateline(doc, first_kept);
  detail::NormalizeReport report;  // summed over blocks: one note per kind of change
  std::size_t text_size = 0;
  std::size_t next_code = 0;  // in doc.code_blocks
  for (std::size_t index = 0; index < doc.blocks.size(); ++index) {
    detail::PageBlock& pb = doc.blocks[index];
    Block& b = pb.block;
    if (author_from_bylines) byline_author.see(pb, index);
    if (!b.kept) {
      // A line of text mode becomes a string only when asked for; an HTML
      // block has its own already.
      if (!options.dropped_text) {
        if (!b.text.empty()) std::string().swap(b.text);
        if (!b.markdown.empty()) std::string().swap(b.markdown);
        continue;
      }
      if (b.text.empty()) b.text.assign(pb.line);
      absolute_links(b.markdown, doc.link_base);
      continue;
    }
    // An HTML block's character references were decoded by the parser.
    const detail::TextShape shape =
        (b.kind == BlockKind::Preformatted ? detail::kPreformatted : detail::kPlainText) |
        (doc.mode == Mode::Html ? detail::kReferencesDecoded : detail::kPlainText);
    const std::string_view text = pb.text();
    // A line of scraped text is part of the decoded page, checked already.
    std::string normalized;
    const bool changed =
        doc.mode == Mode::Text
            ? detail::normalize_valid_text_changes(text, options.normalize, &report, shape, normalized)
            : detail::normalize_text_keeping_code(text, code_of(doc, index, next_code), options.normalize, &report,
                                                  shape, normalized);
    if (changed) {
      // The site key was taken from the text before; it goes with the text.
      if (options.block_keys && normalized != text) pb.site_key = detail::block_key(normalized);
      b.text = std::move(normalized);
    } else if (b.text.empty()) {
      b.text.assign(pb.line);
    }
    if (!b.markdown.empty()) {
      absolute_links(b.markdown, doc.link_base);
      if (b.kind == BlockKind::TableRow) escape_fullwidth_bars(b.markdown, options.normalize);
      b.markdown = detail::normalize_text(b.markdown, options.normalize, nullptr, shape | detail::kMarkdown);
    }
    if (b.text.empty()) {
      b.kept = false;
      b.reason = Reason::Empty;
      if (pb.wants_evidence) b.evidence = "nothing left after normalization";
    } else {
      text_size += b.text.size() + 2;
    }
  }
  if (author_from_bylines) {
    r.metadata.author = std::move(byline_author).author();
    if (r.metadata.author.empty()) r.metadata.author = std::move(author_above_dateline);
  }
  // The metadata's text is read as the article's is: "Zelenskiy" in the
  // author as in the body, no mojibake or no-break spaces in a description.
  for (std::string* field : {&r.metadata.title, &r.metadata.author, &r.metadata.site_name, &r.metadata.description}) {
    std::string normalized;  // written only when the field changes: no copy of the rest
    if (!field->empty() && detail::normalize_text_changes(*field, options.normalize, nullptr, detail::kPlainText,
                                                          normalized)) {
      *field = std::move(normalized);
    }
  }
  // The article in room made once, not grown block by block.
  r.text.reserve(text_size);
  r.blocks.reserve(doc.blocks.size());
  if (options.block_keys) r.block_keys.reserve(doc.blocks.size());
  detail::LineJoiner lines;  // a paragraph's lines, one newline apart
  for (auto& pb : doc.blocks) {
    if (options.block_keys) r.block_keys.push_back(pb.site_key);
    Block& b = pb.block;
    const bool next_line = lines.joins(b);
    if (b.kept) {
      if (!r.text.empty()) r.text += next_line ? "\n" : "\n\n";
      r.text += b.text;
    }
    take_block(b, r.blocks.emplace_back());
  }
  report.append_notes(r.notes);
  return r;
}

Result run(std::string_view input, const Options& options) {
  detail::Decoded decoded = detail::decode(input, options);
  if (decoded.status != Status::Ok) return failure(decoded.status, std::move(decoded.error));
  detail::Document doc;
  if (decoded.mode == Mode::Html) {
    std::string error;
    if (!detail::parse_html(decoded.utf8(), options, doc, error)) {
      return failure(Status::Unsupported, std::move(error));
    }
  } else {
    doc = detail::parse_text(decoded.utf8());
  }
  detail::classify(doc, options);
  detail::select(doc, options);
  Result r = assemble(std::move(doc), options);
  if (!decoded.note.empty()) r.notes.insert(r.notes.begin(), std::move(decoded.note));
  return r;
}

}  // namespace

Result extract(std::string_view input, const Options& options) { return run(input, options); }

Result clean_text(std::string_view text, const Options& options) {
  Options text_options = options;
  text_options.mode = Mode::Text;
  return run(text, text_options);
}

std::string_view version() { return WINNOW_VERSION; }

std::string_view to_string(Reason reason) {
  switch (reason) {
    case Reason::Kept: return "kept";
    case Reason::Empty: return "empty";
    case Reason::Title: return "title";
    case Reason::DuplicateHeadline: return "duplicate-headline";
    case Reason::Duplicate: return "duplicate";
    case Reason::AdMarker: return "ad-marker";
    case Reason::Teaser: return "teaser";
    case Reason::Navigation: return "navigation";
    case Reason::Byline: return "byline";
    case Reason::ShareBar: return "share-bar";
    case Reason::Legal: return "legal";
    case Reason::CommentSection: return "comment-section";
    case Reason::RelatedList: return "related-list";
    case Reason::Tagline: return "tagline";
    case Reason::Boilerplate: return "boilerplate";
    case Reason::LinkDense: return "link-dense";
    case Reason::OutsideMain: return "outside-main";
    case Reason::Hidden: return "hidden";
    case Reason::Chrome: return "chrome";
  }
  return "unknown";
}

std::string_view to_string(BlockKind kind) {
  switch (kind) {
    case BlockKind::Paragraph: return "paragraph";
    case BlockKind::Heading: return "heading";
    case BlockKind::ListItem: return "list-item";
    case BlockKind::Quote: return "quote";
    case BlockKind::Preformatted: return "preformatted";
    case BlockKind::TableRow: return "table-row";
    case BlockKind::Caption: return "caption";
  }
  return "paragraph";
}

std::string_view to_string(Status status) {
  switch (status) {
    case Status::Ok: return "ok";
    case Status::EmptyInput: return "empty-input";
    case Status::BinaryInput: return "binary-input";
    case Status::TooLarge: return "too-large";
    case Status::Unsupported: return "unsupported";
    case Status::ReadError: return "read-error";
  }
  return "unknown";
}

}  // namespace winnow
