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
  // Text has no NUL bytes (UTF-16 is recognised before this is asked).
  std::string_view head = input.substr(0, 8192);
  // Most inputs have none: memchr says so at a fraction of a count's cost.
  if (std::memchr(head.data(), '\0', head.size()) == nullptr) return false;
  auto nuls = std::count(head.begin(), head.end(), '\0');
  return nuls > 0 && static_cast<std::size_t>(nuls) * 100 >= head.size();
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

}  // namespace

std::string to_valid_utf8(std::string_view bytes) {
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
      continue;
    }
    std::size_t start = i;
    char32_t cp = next_code_point(bytes, i);
    if (cp == 0xFFFD && bytes.substr(start, 3) != kReplacement) {
      out.append(kReplacement);
      i = start + invalid_subpart_length(bytes, start);
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
  std::string widened;
  std::string bom_charset = charset_from_bom(input).value_or("");
  if (bom_charset.starts_with("utf-16")) {
    widened = convert_to_utf8(input.substr(2), bom_charset).value_or("");
    input = widened;
  }
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
  // A page's bytes are checked against its declaration (charset.hpp); text
  // mode reads UTF-8 only. Valid UTF-8 is read as UTF-8 whatever the label
  // says, so a page found valid here is not checked a second time below.
  const bool valid_utf8 = bom_charset.empty() && d.mode == Mode::Html && is_valid_utf8(input);
  d.charset = !bom_charset.empty() ? bom_charset
              : valid_utf8         ? "utf-8"
              : d.mode == Mode::Html ? detect_charset(input)
                                     : "utf-8";
  std::optional<std::string> converted;
  if (widened.empty() && d.charset != "utf-8") converted = convert_to_utf8(input, d.charset);
  if (converted) {
    d.converted = true;
    d.own_text = std::move(*converted);
    return d;
  }
  if (widened.empty()) d.charset = "utf-8";  // unknown label: read as UTF-8
  const bool valid = valid_utf8 || is_valid_utf8(input);
  if (valid && widened.empty()) {
    d.input_text = input;  // the caller's bytes, read in place
    return d;
  }
  d.converted = true;
  d.own_text = valid ? std::string(input) : to_valid_utf8(input);
  return d;
}

}  // namespace winnow::detail
