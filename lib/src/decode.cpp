#include "decode.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

#include "charset.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

bool starts_with_bytes(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

// Case-insensitive search for an ASCII needle (given in lower case).
bool contains_ascii_ci(std::string_view hay, std::string_view needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a + 32 : a) == b; });
  return it != hay.end();
}

}  // namespace

bool looks_binary(std::string_view input) {
  static constexpr std::array<std::string_view, 9> kSignatures = {
      std::string_view("\x89PNG", 4), std::string_view("\x1F\x8B", 2),
      std::string_view("GIF8", 4),    std::string_view("\xFF\xD8\xFF", 3),
      std::string_view("%PDF", 4),    std::string_view("PK\x03\x04", 4),
      std::string_view("\x7F" "ELF", 4), std::string_view("BZh", 3),
      std::string_view("\xFD" "7zXZ", 5)};
  for (auto sig : kSignatures) {
    if (starts_with_bytes(input, sig)) return true;
  }
  // Text has no NUL bytes (UTF-16 is recognised before this is asked), and
  // most inputs have none: memchr says so at a fraction of a count's cost.
  std::string_view head = input.substr(0, 8192);
  if (std::memchr(head.data(), '\0', head.size()) == nullptr) return false;
  // A stray NUL in a page does not make it binary; compressed or encrypted
  // bytes (a tenth of them controls) do, with or without a signature: one
  // byte in twenty.
  auto controls = std::count_if(head.begin(), head.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 && b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r' && b != 0x1B;
  });
  return static_cast<std::size_t>(controls) * 20 >= head.size();
}

std::string_view widen_utf16(std::string_view input, std::string& widened) {
  const std::string charset = charset_from_bom(input).value_or("");
  if (!charset.starts_with("utf-16")) return input;
  widened = convert_to_utf8(input.substr(2), charset).value_or("");
  return widened;
}

bool looks_like_html(std::string_view input) {
  std::string_view head = input.substr(0, 16384);
  for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<meta ", "<title>"}) {
    if (contains_ascii_ci(head, tag)) return true;
  }
  int tags = 0;
  for (std::string_view tag : {"<p>", "<p ", "<div", "<br", "<a href", "<span", "<li>", "</p>"}) {
    if (contains_ascii_ci(head, tag)) ++tags;
  }
  return tags >= 2;
}

namespace {

// Length of the maximal invalid subpart at bytes[start] (Unicode 3.9, U+FFFD
// substitution of maximal subparts): the lead byte and the continuation bytes
// that could still have begun a well-formed sequence, at least one byte.
std::size_t invalid_subpart_length(std::string_view bytes, std::size_t start) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  unsigned char lead = at(start);
  std::size_t len = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                    : lead >= 0xF0 && lead <= 0xF4 ? 4 : 1;
  std::size_t n = 1;
  while (n < len && start + n < bytes.size()) {
    unsigned char c = at(start + n);
    unsigned char lo = 0x80, hi = 0xBF;
    if (n == 1) {  // the second byte's range excludes overlongs, surrogates, > U+10FFFF
      if (lead == 0xE0) lo = 0xA0;
      if (lead == 0xED) hi = 0x9F;
      if (lead == 0xF0) lo = 0x90;
      if (lead == 0xF4) hi = 0x8F;
    }
    if (c < lo || c > hi) break;
    ++n;
  }
  return n;
}

std::string read_as_note(std::string_view charset) { return "not UTF-8: read as " + std::string(charset); }

std::string replaced_note(std::size_t replaced) {
  return "invalid UTF-8: " + std::to_string(replaced) + (replaced == 1 ? " byte" : " bytes") +
         " replaced with U+FFFD";
}

}  // namespace

std::string to_valid_utf8(std::string_view bytes, std::size_t* replaced) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    // ASCII runs are copied as they are, up to a NUL.
    std::size_t run = i;
    while (run < bytes.size() && static_cast<unsigned char>(bytes[run]) < 0x80 && bytes[run] != 0) {
      ++run;
    }
    out.append(bytes.data() + i, run - i);
    i = run;
    if (i >= bytes.size()) break;
    if (bytes[i] == 0) {  // not text; a NUL in the output would cut it short for C readers
      out.append(kReplacement);
      ++i;
      if (replaced) ++*replaced;
      continue;
    }
    std::size_t start = i;
    char32_t cp = next_code_point(bytes, i);
    if (cp == 0xFFFD && bytes.substr(start, 3) != kReplacement) {
      out.append(kReplacement);
      i = start + invalid_subpart_length(bytes, start);
      if (replaced) *replaced += i - start;
    } else {
      out.append(bytes.data() + start, i - start);
    }
  }
  return out;
}

Decoded decode(std::string_view input, const Options& options) {
  Decoded d;
  if (options.max_bytes != 0 && input.size() > options.max_bytes) {
    d.status = Status::TooLarge;
    d.error = "input is " + std::to_string(input.size()) + " bytes, over the limit of " +
              std::to_string(options.max_bytes);
    return d;
  }
  // UTF-16 (only with a BOM) is widened to UTF-8 before anything else looks
  // at the bytes: its NULs would read as binary.
  const std::string bom_charset = charset_from_bom(input).value_or("");
  std::string widened;
  input = widen_utf16(input, widened);
  if (starts_with_bytes(input, "\xEF\xBB\xBF")) input.remove_prefix(3);
  if (is_blank(input)) {
    d.status = Status::EmptyInput;
    d.error = "input is empty";
    return d;
  }
  if (looks_binary(input)) {
    d.status = Status::BinaryInput;
    d.error = "input is binary, not text or HTML";
    return d;
  }
  d.mode = options.mode == Mode::Auto ? (looks_like_html(input) ? Mode::Html : Mode::Text)
                                      : options.mode;
  // Valid UTF-8 is read as UTF-8 whatever a label says. Other bytes: a
  // page's by its label, checked against them (charset.hpp); scraped text,
  // which has none, by what its bad bytes point to.
  if (!is_valid_utf8(input)) {
    UnlabelledText text;
    if (!bom_charset.empty()) {
      text = read_not_utf8(input, bom_charset, false);  // a UTF-8 BOM: the bad bytes replaced
    } else if (d.mode == Mode::Text) {
      text = read_unlabelled_text(input);
    } else {
      const std::string declared = declared_charset(input);
      std::string charset = label_or_guess(input, declared);
      const bool guessed = charset != declared;
      text = read_not_utf8(input, std::move(charset), guessed);
    }
    d.converted = true;
    d.own_text = std::move(text.utf8);
    d.charset = std::move(text.charset);
    d.note = std::move(text.note);
    return d;
  }
  d.charset = bom_charset.empty() ? "utf-8" : bom_charset;
  if (widened.empty()) {
    d.input_text = input;  // the caller's bytes, read in place
    return d;
  }
  d.converted = true;
  d.own_text = std::string(input);
  return d;
}

UnlabelledText read_not_utf8(std::string_view bytes, std::string charset, bool guessed) {
  UnlabelledText text;
  if (charset != "utf-8") {
    if (auto converted = convert_to_utf8(bytes, charset)) {
      text.utf8 = std::move(*converted);
      text.charset = std::move(charset);
      if (guessed) text.note = read_as_note(text.charset);
      return text;
    }
  }
  // UTF-8, or a label the converter does not know: read as UTF-8.
  std::size_t replaced = 0;
  text.utf8 = to_valid_utf8(bytes, &replaced);
  text.charset = "utf-8";
  if (replaced > 0) text.note = replaced_note(replaced);
  return text;
}

UnlabelledText read_unlabelled_text(std::string_view bytes) {
  return read_not_utf8(bytes, guess_text_charset(bytes).charset, true);
}

std::string_view read_text(std::string_view input, std::string& storage, std::string& note) {
  input = widen_utf16(input, storage);
  if (is_valid_utf8(input)) return input;
  UnlabelledText read = read_unlabelled_text(input);
  storage = std::move(read.utf8);
  note = std::move(read.note);
  return storage;
}

}  // namespace winnow::detail
