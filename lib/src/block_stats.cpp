#include "block_stats.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#include <utf8proc.h>

#include "utf8.hpp"

namespace winnow::detail {

namespace {

bool is_wide_script(char32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) ||   // hiragana, katakana
         (cp >= 0x3400 && cp <= 0x4DBF) ||   // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||   // CJK unified ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||   // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||   // CJK compatibility ideographs
         (cp >= 0x20000 && cp <= 0x2FFFF);   // CJK extensions B..
}

bool is_sentence_end(char32_t cp) {
  switch (cp) {
    case '.': case '!': case '?': case 0x2026 /* … */: case 0x3002 /* 。 */:
    case 0xFF01 /* ！ */: case 0xFF1F /* ？ */: case 0x061F /* ؟ */: case 0x0964 /* । */:
      return true;
    default:
      return false;
  }
}

// Closing quotes and brackets may follow the final stop: `he said.”`
bool is_closer(char32_t cp) {
  switch (cp) {
    case '"': case '\'': case ')': case ']': case 0x201D: case 0x2019: case 0x00BB:
    case 0x300D /* 」 */: case 0x300F /* 』 */: case 0xFF09 /* ） */: case '*':
      return true;
    default:
      return false;
  }
}

bool is_lower(char32_t cp) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LL;
}

// A word begins with `cp`: count it, and whether it is cased and capitalized.
void count_word_start(BlockStats& s, char32_t cp) {
  ++s.words;
  auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  if (category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT) {
    ++s.cased_words;
    ++s.capitalized_words;
  } else if (category == UTF8PROC_CATEGORY_LL) {
    ++s.cased_words;
  }
}

}  // namespace

BlockStats block_stats_reference(std::string_view text) {
  BlockStats s;
  bool in_word = false;
  bool seen_letter = false;
  char32_t last_visible = 0;       // last non-space, non-closer code point
  char32_t pending_end = 0;        // a sentence mark waiting for a space
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (is_space(cp)) {
      if (pending_end) ++s.sentence_ends;
      pending_end = 0;
      in_word = false;
      continue;
    }
    if (is_letter_or_digit(cp)) {
      s.units += is_wide_script(cp) ? 3 : 1;
      if (cp >= '0' && cp <= '9') ++s.digits;
      if (!seen_letter && !(cp >= '0' && cp <= '9')) {
        s.starts_lower = is_lower(cp);
        seen_letter = true;
      }
      if (!in_word) count_word_start(s, cp);
      in_word = true;
      pending_end = 0;
      last_visible = cp;
      continue;
    }
    if (is_sentence_end(cp)) {
      pending_end = cp;
      // CJK full stops need no following space.
      if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) {
        ++s.sentence_ends;
        pending_end = 0;
      }
    } else if (!is_closer(cp)) {
      pending_end = 0;
    }
    if (!is_closer(cp)) last_visible = cp;
  }
  if (pending_end) ++s.sentence_ends;
  s.ends_sentence = is_sentence_end(last_visible) || last_visible == ':' || last_visible == 0xFF1A;
  s.has_url = text.find("http://") != std::string_view::npos ||
              text.find("https://") != std::string_view::npos ||
              text.find("www.") != std::string_view::npos;
  return s;
}

namespace {

// What block_stats() needs to know of an ASCII byte, looked up once.
enum AsciiClass : std::uint8_t {
  kOther = 0,
  kSpace = 1,
  kUpper = 2,
  kLower = 4,
  kDigit = 8,
  kSentenceEnd = 16,  // . ! ?
  kCloser = 32,       // " ' ) ] *
};

constexpr std::array<std::uint8_t, 128> make_ascii_classes() {
  std::array<std::uint8_t, 128> t{};
  for (unsigned c = 0; c < 128; ++c) {
    if (c == ' ' || (c >= 0x09 && c <= 0x0D)) t[c] = kSpace;
    if (c >= 'A' && c <= 'Z') t[c] = kUpper;
    if (c >= 'a' && c <= 'z') t[c] = kLower;
    if (c >= '0' && c <= '9') t[c] = kDigit;
    if (c == '.' || c == '!' || c == '?') t[c] = kSentenceEnd;
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*') t[c] = kCloser;
  }
  return t;
}

constexpr std::array<std::uint8_t, 128> kAsciiClasses = make_ascii_classes();

// The walk's state between code points.
struct StatsWalk {
  BlockStats s;
  bool in_word = false;
  bool seen_letter = false;
  char32_t last_visible = 0;  // last non-space, non-closer code point
  char32_t pending_end = 0;   // a sentence mark waiting for a space
};

// One ASCII byte, as block_stats_reference() treats it.
inline void walk_ascii(StatsWalk& w, unsigned char c) {
  const std::uint8_t cls = kAsciiClasses[c];
  if (cls & kSpace) {
    if (w.pending_end) ++w.s.sentence_ends;
    w.pending_end = 0;
    w.in_word = false;
    return;
  }
  if (cls & (kUpper | kLower | kDigit)) {
    ++w.s.units;
    if (cls & kDigit) {
      ++w.s.digits;
    } else if (!w.seen_letter) {
      w.s.starts_lower = (cls & kLower) != 0;
      w.seen_letter = true;
    }
    if (!w.in_word) {
      ++w.s.words;
      w.s.cased_words += (cls & (kUpper | kLower)) != 0;
      w.s.capitalized_words += (cls & kUpper) != 0;
    }
    w.in_word = true;
    w.pending_end = 0;
    w.last_visible = c;
    return;
  }
  if (cls & kSentenceEnd) {
    w.pending_end = c;
  } else if (!(cls & kCloser)) {
    w.pending_end = 0;
  }
  if (!(cls & kCloser)) w.last_visible = c;
}

// One code point >= 0x80 (or U+FFFD for an invalid byte).
void walk_multibyte(StatsWalk& w, char32_t cp) {
  BlockStats& s = w.s;
  if (is_space(cp)) {
    if (w.pending_end) ++s.sentence_ends;
    w.pending_end = 0;
    w.in_word = false;
    return;
  }
  if (is_letter_or_digit(cp)) {
    s.units += is_wide_script(cp) ? 3 : 1;
    if (!w.seen_letter) {
      s.starts_lower = is_lower(cp);
      w.seen_letter = true;
    }
    if (!w.in_word) count_word_start(s, cp);
    w.in_word = true;
    w.pending_end = 0;
    w.last_visible = cp;
    return;
  }
  if (is_sentence_end(cp)) {
    w.pending_end = cp;
    // CJK full stops need no following space.
    if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) {
      ++s.sentence_ends;
      w.pending_end = 0;
    }
  } else if (!is_closer(cp)) {
    w.pending_end = 0;
  }
  if (!is_closer(cp)) w.last_visible = cp;
}

}  // namespace

namespace {

// Whether the text holds "http://", "https://" or "www.": found from the
// rare bytes ':' and 'w' with memchr rather than by trying every position.
bool has_url(std::string_view text) {
  auto each = [&](char c, auto found) {
    for (const char* at = text.data(); at < text.data() + text.size();) {
      const void* hit = std::memchr(at, c, static_cast<std::size_t>(text.data() + text.size() - at));
      if (!hit) return false;
      at = static_cast<const char*>(hit);
      if (found(static_cast<std::size_t>(at - text.data()))) return true;
      ++at;
    }
    return false;
  };
  return each(':', [&](std::size_t colon) {
           return text.substr(colon).starts_with("://") &&
                  (text.substr(0, colon).ends_with("http") || text.substr(0, colon).ends_with("https"));
         }) ||
         each('w', [&](std::size_t w) { return text.substr(w).starts_with("www."); });
}

}  // namespace

// The same walk as block_stats_reference(), with ASCII bytes classified by
// table: no decoding, no utf8proc call per word.
BlockStats block_stats(std::string_view text) {
  StatsWalk w;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    if (bytes[i] < 0x80) {
      walk_ascii(w, bytes[i++]);
      // The rest of a word after its first letter: ASCII letters and
      // digits only add units (and digits), all in one go.
      if (w.in_word && w.seen_letter) {
        std::size_t j = i, digits = 0;
        for (; j < n && bytes[j] < 0x80; ++j) {
          const std::uint8_t cls = kAsciiClasses[bytes[j]];
          if (!(cls & (kUpper | kLower | kDigit))) break;
          digits += (cls & kDigit) != 0;
        }
        if (j > i) {
          w.s.units += j - i;
          w.s.digits += digits;
          w.pending_end = 0;
          w.last_visible = bytes[j - 1];
          i = j;
        }
      }
    } else {
      walk_multibyte(w, next_code_point(text, i));
    }
  }
  BlockStats& s = w.s;
  if (w.pending_end) ++s.sentence_ends;
  s.ends_sentence = is_sentence_end(w.last_visible) || w.last_visible == ':' || w.last_visible == 0xFF1A;
  s.has_url = has_url(text);
  return s;
}

}  // namespace winnow::detail
