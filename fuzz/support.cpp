#include "support.hpp"

#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <vector>

#include "normalize.hpp"
#include "utf8.hpp"

namespace winnow::fuzz {

void fail(const char* file, int line, const char* condition, std::string_view what) {
  std::fprintf(stderr, "%s:%d: property failed: %s\n  %.*s\n", file, line, condition,
               static_cast<int>(what.size()), what.data());
  std::abort();
}

namespace {

// Decode one code point of already validated UTF-8 at s[i]; advances i.
char32_t next(std::string_view s, std::size_t& i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
  i += len;
  return cp;
}

bool is_white_space(char32_t cp) {
  switch (cp) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// A block excerpt for failure messages.
std::string excerpt(std::string_view s) {
  return std::string(s.substr(0, 200)) + (s.size() > 200 ? "..." : "");
}

}  // namespace

std::string difference(std::string_view a, std::string_view b) {
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  std::size_t from = at > 40 ? at - 40 : 0;
  return "at byte " + std::to_string(at) + ": '" + std::string(a.substr(from, 100)) + "' became '" +
         std::string(b.substr(from, 100)) + "'";
}

std::string without_space(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t start = i;
    if (!is_white_space(next(utf8, i))) out.append(utf8.substr(start, i - start));
  }
  return out;
}

NormalizeOptions draw_normalize_options(FuzzedDataProvider& fdp) {
  NormalizeOptions n;
  n.enabled = fdp.ConsumeIntegralInRange<int>(0, 7) != 0;  // mostly on
  n.form = fdp.PickValueInArray({UnicodeForm::NFC, UnicodeForm::NFKC, UnicodeForm::None});
  n.fix_mojibake = fdp.ConsumeBool();
  n.ascii_punctuation = fdp.ConsumeBool();
  n.names = fdp.ConsumeBool();
  return n;
}

Options draw_options(FuzzedDataProvider& fdp) {
  Options o;
  o.mode = fdp.PickValueInArray({Mode::Auto, Mode::Text, Mode::Html});
  o.favor = fdp.PickValueInArray({Favor::Balanced, Favor::Precision, Favor::Recall});
  o.tables = fdp.ConsumeBool();
  // Mostly the default limit; sometimes a small one, so TooLarge is reached.
  if (fdp.ConsumeIntegralInRange<int>(0, 15) == 0) {
    o.max_bytes = fdp.ConsumeIntegralInRange<std::size_t>(0, 4096);
  }
  o.normalize = draw_normalize_options(fdp);
  return o;
}

void check_result(const Result& r, std::string_view input, const Options& options) {
  std::string_view status = to_string(r.status);
  WINNOW_FUZZ_CHECK(status != "unknown", "status out of range");
  if (options.max_bytes != 0 && input.size() > options.max_bytes) {
    WINNOW_FUZZ_CHECK(r.status == Status::TooLarge, status);
  }
  WINNOW_FUZZ_CHECK(r.ok() == r.error.empty(), r.error);
  WINNOW_FUZZ_CHECK(r.error.find('\n') == std::string::npos, r.error);
  WINNOW_FUZZ_CHECK(is_valid_utf8(r.error), r.error);
  if (!r.ok()) {
    WINNOW_FUZZ_CHECK(r.text.empty() && r.blocks.empty(), "a failed result carries text");
    return;
  }
  WINNOW_FUZZ_CHECK(r.mode == Mode::Text || r.mode == Mode::Html, "mode left unresolved");
  WINNOW_FUZZ_CHECK(is_valid_utf8(r.text), "text is not valid UTF-8");
  const Metadata& m = r.metadata;
  for (const std::string* field :
       {&m.title, &m.author, &m.date, &m.site_name, &m.url, &m.language, &m.description}) {
    WINNOW_FUZZ_CHECK(is_valid_utf8(*field), "metadata is not valid UTF-8: " + excerpt(*field));
  }
  for (const std::string& note : r.notes) WINNOW_FUZZ_CHECK(is_valid_utf8(note), note);

  // Result::text: the kept blocks, a blank line apart, a paragraph's lines
  // (Block::after_line_break, every block between them a line of it) a
  // newline apart.
  std::string joined;
  bool after_kept_line = false;  // a kept block, and only its lines since
  for (const Block& b : r.blocks) {
    const bool next_line = b.kept && b.after_line_break && after_kept_line;
    after_kept_line = b.kept || (after_kept_line && b.after_line_break);
    WINNOW_FUZZ_CHECK(is_valid_utf8(b.text), "block text is not valid UTF-8");
    WINNOW_FUZZ_CHECK(is_valid_utf8(b.evidence), "evidence is not valid UTF-8");
    WINNOW_FUZZ_CHECK(to_string(b.kind) != "unknown", "block kind out of range");
    WINNOW_FUZZ_CHECK(to_string(b.reason) != "unknown", "reason out of range");
    if (b.kind == BlockKind::Heading) {
      WINNOW_FUZZ_CHECK(b.heading_level >= 1 && b.heading_level <= 6, "heading level");
    }
    if (!b.kept) {
      WINNOW_FUZZ_CHECK(b.reason != Reason::Kept, "dropped block with reason 'kept'");
      WINNOW_FUZZ_CHECK(!b.evidence.empty(), "dropped block without evidence: " + excerpt(b.text));
      continue;
    }
    WINNOW_FUZZ_CHECK(b.reason == Reason::Kept, "kept block with a drop reason");
    WINNOW_FUZZ_CHECK(!b.text.empty(), "kept block with no text");
    // Preformatted blocks keep their spaces, so the public normalize(), which
    // folds them, is no fixed point for them. An HTML block's references
    // were decoded once, by the parser: an '&' left is text, and the
    // fixed point is that of the stage as extraction runs it on them.
    // Inline code keeps its names as written, which the text alone no
    // longer shows: such a block's fixed point is its Markdown's, where
    // the code is marked.
    const bool has_code = b.kind != BlockKind::Preformatted && b.markdown.find('`') != std::string::npos;
    if (options.normalize.enabled && has_code) {
      const std::string again =
          detail::normalize_text(b.markdown, options.normalize, nullptr, detail::kReferencesDecoded | detail::kMarkdown);
      WINNOW_FUZZ_CHECK(again == b.markdown,
                        "kept Markdown changes when normalized again " + difference(b.markdown, again));
    }
    if (options.normalize.enabled && b.kind != BlockKind::Preformatted && !has_code) {
      const std::string again =
          r.mode == Mode::Html
              ? detail::normalize_text(b.text, options.normalize, nullptr, detail::kReferencesDecoded)
              : normalize(b.text, options.normalize);
      WINNOW_FUZZ_CHECK(again == b.text,
                        "kept text changes when normalized again " + difference(b.text, again));
    }
    if (!joined.empty()) joined += next_line ? "\n" : "\n\n";
    joined += b.text;
  }
  WINNOW_FUZZ_CHECK(joined == r.text, "text is not the kept blocks joined");

  for (Format f : {Format::Text, Format::Markdown, Format::Json}) {
    RenderOptions ro;
    ro.title = true;
    ro.explain = true;
    ro.input_name = input.substr(0, 16);  // any bytes, even invalid UTF-8
    std::string out = render(r, f, ro);
    WINNOW_FUZZ_CHECK(is_valid_utf8(out), "render output is not valid UTF-8");
  }
}

namespace {

std::string normalized(std::string_view text, const NormalizeOptions& options) {
  return normalize(text, options);  // with enabled = false: valid UTF-8 only
}

// Fails the check unless every word of `text` stands in one of `pages`. A
// word is a run of letters and digits, as the benchmark's metric counts
// them: combining marks and U+FFFD split words, since the page may hold
// hidden text or markup between a mark and the letter it follows.
void check_words_found(std::string_view text, std::initializer_list<std::string_view> pages) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i, end = i;
    while (i < text.size()) {
      std::size_t at = i;
      if (!winnow::detail::is_letter_or_digit(winnow::detail::next_code_point(text, i))) {
        end = at;
        break;
      }
      end = i;
    }
    if (end == start) continue;
    std::string_view word = text.substr(start, end - start);
    bool found = false;
    for (std::string_view page : pages) found = found || page.find(word) != std::string_view::npos;
    WINNOW_FUZZ_CHECK(found, "'" + std::string(word) + "' is not in the page: " + excerpt(text));
  }
}

// A repaired mojibake span is new text by design (the bytes meant other
// characters), and the pipeline reports it; the check is about the rest.
bool repaired_mojibake(const Result& r) {
  for (const auto& note : r.notes) {
    if (note.starts_with("mojibake repaired")) return true;
  }
  return false;
}

}  // namespace

void check_text_invents_nothing(const Result& r, std::string_view decoded_utf8,
                                const NormalizeOptions& options) {
  if (repaired_mojibake(r)) return;
  std::string whole = without_space(normalized(decoded_utf8, options));
  std::string by_line;
  for (std::string_view rest = decoded_utf8; !rest.empty();) {
    std::size_t eol = rest.find('\n');
    by_line += without_space(normalized(rest.substr(0, eol), options));
    rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
  }
  const std::string raw = without_space(decoded_utf8);
  NormalizeOptions no_repair = options;
  no_repair.fix_mojibake = false;
  const std::string unrepaired = without_space(normalized(decoded_utf8, no_repair));
  for (const Block& b : r.blocks) {
    if (!b.kept) continue;
    std::string needle = without_space(b.text);
    if (whole.find(needle) != std::string::npos || by_line.find(needle) != std::string::npos) {
      continue;
    }
    // Normalization weighs context (mojibake repair, line breaks made of
    // vertical tabs), so a block may differ from the page normalized whole,
    // and a sequence repaired there may be left alone in the block's own
    // context; then each of its words must still be the page's, normalized
    // (with or without the repair) or as is.
    check_words_found(b.text, {whole, by_line, unrepaired, raw});
  }
}

}  // namespace winnow::fuzz
