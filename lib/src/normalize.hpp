// Stage 5, normalize: valid UTF-8, leftover HTML entities, mojibake repair,
// line breaks, spaces and invisible characters, Unicode form, name variants.
// winnow::normalize() is its public face; the pipeline normalizes each kept
// block and sums the reports into Result::notes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/winnow.hpp"

namespace winnow::detail {

// What normalization changed that a user may want to know about.
struct NormalizeReport {
  std::size_t entities = 0;        // HTML character references decoded
  std::size_t mojibake_spans = 0;  // mojibake sequences repaired
  std::size_t names = 0;           // name variants replaced
  // A few examples of each, "before" -> "after".
  std::vector<std::pair<std::string, std::string>> mojibake_examples;
  std::vector<std::pair<std::string, std::string>> name_examples;

  NormalizeReport& operator+=(const NormalizeReport& other);
  // One line per kind of change, e.g. "mojibake repaired: 3 spans ('Ã©' -> 'é')".
  void append_notes(std::vector<std::string>& notes) const;
};

// A text of at least twice this many bytes is cut into chunks of at least
// this many, and a pass after the first sees only the chunks the one before
// changed. Smaller chunks cost more per chunk than a second pass over a
// larger one saves.
constexpr std::size_t kMinChunk = 2048;

// What a text is, beyond the caller's options: flags, combined with |.
enum TextShape : unsigned {
  kPlainText = 0,
  kPreformatted = 1,  // a <pre> block: its spaces, lines and names stay
  // The HTML parser decoded the text's character references: an '&' left
  // is text ("&amp;lt;" on a page that teaches HTML shows "&lt;"), and
  // decoding it again would change what the page says.
  kReferencesDecoded = 2,
  // The inline Markdown of an HTML block (Block::markdown): names are
  // matched through its emphasis and links (NameMatcher::apply_markdown()).
  kMarkdown = 4,
};
constexpr TextShape operator|(TextShape a, TextShape b) {
  return static_cast<TextShape>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}

// `shape`: what the text is (above). `min_chunk` is for tests, which cut
// short texts into many chunks.
std::string normalize_text(std::string_view text, const NormalizeOptions& options,
                           NormalizeReport* report, TextShape shape = kPlainText,
                           std::size_t min_chunk = kMinChunk);
// The same, into `result` only when the text changes: false, and `result`
// untouched, when it comes out as it went in (no copy of it is made). A
// true may still leave the same bytes (a step that wrote what it read).
bool normalize_text_changes(std::string_view text, const NormalizeOptions& options, NormalizeReport* report,
                            TextShape shape, std::string& result);
// The same for text known to be valid UTF-8 (a line of a decoded page):
// the check is not made again.
bool normalize_valid_text_changes(std::string_view text, const NormalizeOptions& options,
                                  NormalizeReport* report, TextShape shape, std::string& result);

// Inline code in a text: the bytes [begin, end).
struct CodeSpan {
  std::uint32_t begin = 0, end = 0;
};

// normalize_text_changes() for an HTML block's text whose inline code,
// `code` (in order), keeps its names as written, as the block's Markdown
// does (NameMatcher::apply_markdown()): when a name of such a text was
// unified, the text is normalized again with the code marked off for the
// name step (kCodeOpenMark, kCodeCloseMark). The marks stop no other step,
// and names in a block with code are rare enough for a second pass.
bool normalize_text_keeping_code(std::string_view text, std::span<const CodeSpan> code,
                                 const NormalizeOptions& options, NormalizeReport* report, TextShape shape,
                                 std::string& result);

// The same with every pass over the whole text (normalize_text() passes
// again only over the parts of a long text that the last pass changed), for
// tests: the two must agree exactly, notes included.
std::string normalize_text_reference(std::string_view text, const NormalizeOptions& options,
                                     NormalizeReport* report, TextShape shape = kPlainText);

}  // namespace winnow::detail
