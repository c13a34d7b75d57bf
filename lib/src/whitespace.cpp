#include "whitespace.hpp"

#include <cstdint>

#include "utf8.hpp"

namespace winnow::detail {

namespace {

enum class Kind : std::uint8_t { Keep, Space, Newline, Remove, Joiner };

// Printable ASCII other than the space.
struct VisibleTable {
  bool visible[256] = {};
  constexpr VisibleTable() {
    for (int c = 0x21; c < 0x7F; ++c) visible[c] = true;
  }
  constexpr bool operator[](unsigned char c) const { return visible[c]; }
};
constexpr VisibleTable kVisible;

Kind kind_of(char32_t cp) {
  if (cp < 0x20) {
    if (cp == '\t') return Kind::Keep;
    if (cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C) return Kind::Newline;
    return Kind::Remove;
  }
  if (cp < 0x7F) return cp == ' ' ? Kind::Space : Kind::Keep;
  if (cp < 0xA0) return cp == 0x85 ? Kind::Newline : Kind::Remove;
  switch (cp) {
    case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
      return Kind::Space;
    case 0x2028: case 0x2029:
      return Kind::Newline;
    case 0xAD: case 0x200B: case 0x2060: case 0xFEFF: case 0x115F: case 0x1160:
    case 0x3164: case 0xFFA0: case 0xFFFE: case 0xFFFF:
      return Kind::Remove;
    case 0x200C: case 0x200D:
      return Kind::Joiner;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return Kind::Space;
  if (cp >= 0x2061 && cp <= 0x2064) return Kind::Remove;  // invisible operators
  if (cp >= 0x206A && cp <= 0x206F) return Kind::Remove;  // deprecated format controls
  return Kind::Keep;
}

// ASCII replacement for typographic punctuation, or empty.
std::string_view ascii_fold(char32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: return "-";
    case 0x2014: case 0x2015: return "--";
    case 0x2026: return "...";
    default: return {};
  }
}

// Scripts written with ZWJ/ZWNJ inside words (Arabic, Indic, ...) and emoji
// sequences all lie above U+0590; Latin, Greek and Cyrillic never need them.
bool joins(char32_t cp) { return cp >= 0x0590 && kind_of(cp) == Kind::Keep; }

// The length of the character at s[i] when it stays exactly as it is (and
// then `cp` is set to it), else 0. `s` is valid UTF-8.
std::size_t kept_length(std::string_view s, std::size_t i, const CleanupOptions& options, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    if (!kVisible[b]) return 0;
    cp = b;
    return 1;
  }
  std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  if (i + len > s.size()) return 0;
  char32_t c = b & (0x3F >> (len - 1));
  for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  if (kind_of(c) != Kind::Keep) return 0;
  if (options.ascii_punctuation && !ascii_fold(c).empty()) return 0;
  cp = c;
  return len;
}

class Writer {
 public:
  Writer(std::size_t size, bool keep_layout) : keep_layout_(keep_layout) { out_.reserve(size); }

  void text(std::string_view bytes) {
    flush_breaks();
    out_.append(bytes);
  }
  void space() {
    if (keep_layout_) {
      out_.push_back(' ');
      return;
    }
    if (newlines_ == 0 && !out_.empty()) space_ = true;
  }
  void newline() {
    if (keep_layout_) {
      out_.push_back('\n');
      return;
    }
    space_ = false;
    ++newlines_;
  }
  std::string finish() {
    if (newlines_ > 0 && !out_.empty()) out_.push_back('\n');  // a file's final newline
    return std::move(out_);
  }

 private:
  void flush_breaks() {
    if (newlines_ > 0) {
      if (!out_.empty()) out_.append(newlines_ > 1 ? "\n\n" : "\n");
      newlines_ = 0;
    } else if (space_) {
      out_.push_back(' ');
    }
    space_ = false;
  }

  std::string out_;
  bool keep_layout_;
  bool space_ = false;
  int newlines_ = 0;
};

}  // namespace

std::string clean_characters(std::string_view s, const CleanupOptions& options) {
  Writer w(s.size(), options.keep_layout);
  char32_t previous = 0;  // the last code point written
  std::size_t i = 0;
  while (i < s.size()) {
    // Runs of characters that stay as they are, with single spaces between
    // them, go out as one piece.
    std::size_t run = i;
    char32_t last = previous;
    while (run < s.size()) {
      std::size_t n = kept_length(s, run, options, last);
      if (n > 0) {
        run += n;
        continue;
      }
      // A space goes with the run only between two such characters:
      // anything else may be removed and leave two spaces in a row.
      if (s[run] != ' ' || run == i || run + 1 >= s.size()) break;
      char32_t after = last;
      n = kept_length(s, run + 1, options, after);
      if (n == 0) break;
      run += 1 + n;
      last = after;
    }
    if (run > i) {
      w.text(s.substr(i, run - i));
      previous = last;
      i = run;
      continue;
    }
    std::size_t start = i;
    char32_t cp = next_code_point(s, i);
    if (cp == '\r' && i < s.size() && s[i] == '\n') ++i;
    switch (kind_of(cp)) {
      case Kind::Space: w.space(); break;
      case Kind::Newline: w.newline(); break;
      case Kind::Remove: break;
      case Kind::Joiner: {
        std::size_t j = i;
        char32_t next = j < s.size() ? next_code_point(s, j) : 0;
        if (joins(previous) && joins(next)) {
          w.text(s.substr(start, i - start));
          previous = cp;
        }
        break;
      }
      case Kind::Keep: {
        std::string_view folded = options.ascii_punctuation ? ascii_fold(cp) : std::string_view{};
        w.text(folded.empty() ? s.substr(start, i - start) : folded);
        previous = cp;
        break;
      }
    }
  }
  return w.finish();
}

}  // namespace winnow::detail
