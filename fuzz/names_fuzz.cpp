// Fuzz target: the name-dictionary file parser (NameDictionary::merge, the
// format of docs/names.md) and normalizing text with the dictionary it built
// (the name scan against trying every start, too).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support.hpp"

#if __has_include("winnow/names.hpp")
#include "name_scan_check.hpp"
#include "decode.hpp"
#include "markdown.hpp"
#include "normalize.hpp"
#include "winnow/names.hpp"

namespace {

// The entries written back in the file format, or "" when a form holds a
// character the format gives a meaning to.
std::string write_back(const winnow::NameDictionary& d) {
  std::string out;
  for (bool ignore_case : {false, true}) {
    out += ignore_case ? "[ignore-case]\n" : "[case-sensitive]\n";
    for (const auto& e : d.entries()) {
      if (e.ignore_case != ignore_case) continue;
      out += e.canonical;
      for (std::size_t i = 0; i < e.variants.size(); ++i) out += (i ? " | " : " = ") + e.variants[i];
      out += '\n';
    }
  }
  return out;
}

bool plain_form(const std::string& form) {
  return form.find_first_of("=|#![]\r\n") == std::string::npos && form.front() != ' ' &&
         form.back() != ' ';
}

// The pieces of inline markup of a Markdown text, in order.
std::vector<std::string> markup_of(std::string_view markdown) {
  std::string prose;
  std::vector<winnow::detail::MarkupCut> cuts;
  std::vector<std::pair<std::size_t, std::size_t>> code;
  std::vector<std::string> pieces;
  if (!winnow::detail::markdown_prose(markdown, prose, cuts, code)) return pieces;
  for (const auto& c : cuts) pieces.emplace_back(markdown.substr(c.begin, c.end - c.begin));
  return pieces;
}

// Names read through a block's Markdown (NameMatcher::apply_markdown()):
// valid UTF-8 out, and its emphasis and links as they were, piece by piece
// and in order, when no form of the dictionary holds a character Markdown
// reads as markup (a rewrite then only moves the pieces between words).
void check_markdown_names(const std::string& text, const winnow::NameDictionary& dictionary) {
  const winnow::detail::NameMatcher& matcher = winnow::name_matcher(dictionary);
  std::string result;
  std::size_t count = 0;
  if (!matcher.apply_markdown(text, result, &count, nullptr)) return;
  WINNOW_FUZZ_CHECK(count > 0, "a Markdown rewrite without a count");
  WINNOW_FUZZ_CHECK(winnow::fuzz::is_valid_utf8(result), "Markdown names: output is not valid UTF-8");
  for (const auto& e : dictionary.entries()) {
    if (e.canonical.find_first_of("*[]()`\\") != std::string::npos) return;
  }
  WINNOW_FUZZ_CHECK(markup_of(result) == markup_of(text),
                    "Markdown names changed the markup " + winnow::fuzz::difference(text, result));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  winnow::NormalizeOptions options = winnow::fuzz::draw_normalize_options(fdp);
  std::string file = fdp.ConsumeRandomLengthString(1 << 14);
  std::string text = fdp.ConsumeRemainingBytesAsString();
  using winnow::fuzz::is_valid_utf8;

  auto dictionary = std::make_shared<winnow::NameDictionary>();
  auto errors = dictionary->merge(file, "fuzz");
  std::size_t lines = 1;
  for (char c : file) lines += c == '\n';
  for (const auto& e : errors) {
    WINNOW_FUZZ_CHECK(e.line <= lines, e.to_string());
    WINNOW_FUZZ_CHECK(!e.message.empty(), "an error without a message");
    if (is_valid_utf8(file)) WINNOW_FUZZ_CHECK(is_valid_utf8(e.to_string()), e.to_string());
  }
  bool plain = true;
  for (const auto& e : dictionary->entries()) {
    WINNOW_FUZZ_CHECK(!e.canonical.empty(), "an entry without a canonical form");
    WINNOW_FUZZ_CHECK(is_valid_utf8(e.canonical), "canonical form is not valid UTF-8");
    plain = plain && plain_form(e.canonical);
    for (const auto& v : e.variants) {
      WINNOW_FUZZ_CHECK(!v.empty() && is_valid_utf8(v), "a bad variant");
      plain = plain && plain_form(v);
    }
  }
  // What was parsed reads back the same.
  if (plain) {
    winnow::NameDictionary again;
    auto again_errors = again.merge(write_back(*dictionary), "again");
    WINNOW_FUZZ_CHECK(again_errors.empty(), again_errors.front().to_string());
    WINNOW_FUZZ_CHECK(again.entries().size() == dictionary->entries().size(),
                      "entries lost when written back");
  }

  // Normalizing with it: valid UTF-8, and idempotent.
  options.names = true;
  options.dictionary = dictionary;
  // normalize() first reads bytes that are not UTF-8 as scraped text is
  // read (the normalize target checks that); compare the passes on what it
  // read.
  std::string read, note;
  text = std::string(winnow::detail::read_text(text, read, note));
  std::string once = winnow::normalize(text, options);
  WINNOW_FUZZ_CHECK(is_valid_utf8(once), "output is not valid UTF-8");
  winnow::fuzz::check_name_scan(text, *dictionary);
  if (is_valid_utf8(text)) check_markdown_names(text, *dictionary);
  // Chained or odd entries included, chunked passes give what whole ones do.
  std::string reference = winnow::detail::normalize_text_reference(text, options, nullptr);
  WINNOW_FUZZ_CHECK(reference == once, "chunked passes differ from whole-text passes " +
                                           winnow::fuzz::difference(reference, once));
  // Idempotence holds for a closed dictionary: one whose canonical forms are
  // left alone by the dictionary itself. A user file that chains entries
  // (A -> B, and B is a variant of C) rewrites its own output by design.
  winnow::NormalizeOptions without_names = options;
  without_names.names = false;
  bool closed = true;
  for (const auto& e : dictionary->entries()) {
    closed = closed && winnow::normalize(e.canonical, options) ==
                           winnow::normalize(e.canonical, without_names);
  }
  if (!closed) return 0;
  std::string twice = winnow::normalize(once, options);
  WINNOW_FUZZ_CHECK(twice == once, "normalize is not idempotent " +
                                       winnow::fuzz::difference(once, twice));
  return 0;
}

#else  // the name dictionary is not part of this build yet

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }

#endif
