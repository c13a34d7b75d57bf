#include "block_stats.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>

#include <utf8proc.h>

#include "block_key.hpp"
#include "byte_masks.hpp"
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

// The walk's state between code points; the counts go straight to the
// result.
struct StatsWalk {
  BlockStats& s;
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
  BlockStats s;
  StatsWalk w{s};
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
  if (w.pending_end) ++s.sentence_ends;
  s.ends_sentence = is_sentence_end(w.last_visible) || w.last_visible == ':' || w.last_visible == 0xFF1A;
  s.has_url = has_url(text);
  return s;
}

CodePointProps code_point_props_reference(char32_t cp) {
  CodePointProps p;
  if (is_space(cp)) p.flags |= CodePointProps::kSpace;
  if (is_letter_or_digit(cp)) p.flags |= CodePointProps::kAlnum;
  auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  if (category == UTF8PROC_CATEGORY_LL) p.flags |= CodePointProps::kLower;
  if (category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT) p.flags |= CodePointProps::kCapital;
  if (is_wide_script(cp)) p.flags |= CodePointProps::kWide;
  if (is_sentence_end(cp)) p.flags |= CodePointProps::kStop;
  if (is_closer(cp)) p.flags |= CodePointProps::kCloser;
  if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) p.flags |= CodePointProps::kFullStop;
  p.lower = cp == 0x2019 ? char32_t{0x27} : to_lower(cp);
  return p;
}

namespace {

// One entry per code point up to U+FFFF, filled the first time text meets
// it (utf8proc once per code point rather than once per occurrence): bit 31
// set once filled, the flags in bits 0..7, the lower case in bits 8..28.
// Entries are written whole and always to the same value, so threads may
// fill them concurrently.
std::array<std::atomic<std::uint32_t>, 0x10000> g_props_table;

// The entry of a code point the table has not met yet.
[[gnu::noinline]] std::uint32_t fill_props(char32_t cp) {
  CodePointProps p = code_point_props_reference(cp);
  std::uint32_t entry = std::uint32_t{1} << 31 | std::uint32_t{p.flags} | static_cast<std::uint32_t>(p.lower) << 8;
  g_props_table[cp].store(entry, std::memory_order_relaxed);
  return entry;
}

inline CodePointProps lookup_props(char32_t cp) {
  if (cp >= g_props_table.size()) return code_point_props_reference(cp);
  std::uint32_t entry = g_props_table[cp].load(std::memory_order_relaxed);
  if (!(entry >> 31)) entry = fill_props(cp);
  return {static_cast<std::uint8_t>(entry), static_cast<char32_t>((entry >> 8) & 0x1FFFFF)};
}

}  // namespace

CodePointProps code_point_props(char32_t cp) { return lookup_props(cp); }

namespace {

// The key being written: into a buffer with kMaskBlock bytes of room before
// its start and after its end, so that 64 bytes can be stored at once.
struct KeyWalk {
  char* base = nullptr;         // the key's first byte
  char* out = nullptr;          // where the next byte goes
  bool started = false;         // the first letter or digit is written
  bool last_space = false;      // the last byte written is a folded space
  std::size_t alnum_end = 0;    // the key's length up to its last letter or digit
};

// A code point other than a space into the key, as its lower case.
inline void key_write(KeyWalk& k, char32_t lower) {
  k.last_space = false;
  if (lower < 0x80) {
    *k.out++ = static_cast<char>(lower);
  } else {
    k.out += encode_utf8(lower, k.out);
  }
}

// A letter or digit into the key once it has started: the key now ends
// after it.
inline void key_word_code_point(KeyWalk& k, char32_t lower) {
  key_write(k, lower);
  k.alnum_end = static_cast<std::size_t>(k.out - k.base);
}

// One code point into the key, as marker_key_reference() takes it: nothing
// before the first letter or digit, space runs folded to one ' '.
inline void key_code_point(KeyWalk& k, char32_t lower, bool space, bool alnum) {
  if (!k.started) {
    if (!alnum) return;
    k.started = true;
  }
  if (space) {
    if (!k.last_space) *k.out++ = ' ';
    k.last_space = true;
    return;
  }
  if (alnum) return key_word_code_point(k, lower);
  key_write(k, lower);
}

// A letter or digit >= 0x80 past the first letter of a word: it only adds
// units (the rest of walk_props()'s letter step).
[[gnu::always_inline]] inline void walk_word_props(StatsWalk& w, char32_t cp, std::uint8_t f) {
  w.s.units += (f & CodePointProps::kWide) ? 3 : 1;
  w.in_word = true;
  w.pending_end = 0;
  w.last_visible = cp;
}

// One code point >= 0x80 into the statistics, as walk_multibyte() takes it,
// from its table entry.
[[gnu::always_inline]] inline void walk_props(StatsWalk& w, char32_t cp, std::uint8_t f) {
  BlockStats& s = w.s;
  if (f & CodePointProps::kSpace) {
    if (w.pending_end) ++s.sentence_ends;
    w.pending_end = 0;
    w.in_word = false;
    return;
  }
  if (f & CodePointProps::kAlnum) {
    if (!w.seen_letter) {
      s.starts_lower = (f & CodePointProps::kLower) != 0;
      w.seen_letter = true;
    }
    if (!w.in_word) {
      ++s.words;
      if (f & CodePointProps::kCapital) {
        ++s.cased_words;
        ++s.capitalized_words;
      } else if (f & CodePointProps::kLower) {
        ++s.cased_words;
      }
    }
    walk_word_props(w, cp, f);
    return;
  }
  if (f & CodePointProps::kStop) {
    w.pending_end = cp;
    if (f & CodePointProps::kFullStop) {
      ++s.sentence_ends;
      w.pending_end = 0;
    }
  } else if (!(f & CodePointProps::kCloser)) {
    w.pending_end = 0;
  }
  if (!(f & CodePointProps::kCloser)) w.last_visible = cp;
}

// Whether the ':' or '.' at text[at] is the mark of "http://", "https://"
// or "www.": has_url() found as the walk meets those bytes.
inline bool url_mark_at(std::string_view text, std::size_t at) {
  const std::string_view before = text.substr(0, at);
  if (text[at] == ':') return text.substr(at).starts_with("://") && (before.ends_with("http") || before.ends_with("https"));
  return before.ends_with("www");
}

// Whether 16 bytes from text[i] on are all ASCII (false near the end).
inline bool ascii_ahead(std::string_view text, std::size_t i) {
  if (i + 16 > text.size()) return false;
  std::uint64_t a, b;
  std::memcpy(&a, text.data() + i, 8);
  std::memcpy(&b, text.data() + i + 8, 8);
  return !((a | b) & 0x8080808080808080ULL);
}

// The code point of the well-formed two-byte sequence at p (a Cyrillic
// letter of the steps, or any such character of the code-point walk).
inline char32_t two_byte_code_point(const char* p) {
  return (char32_t{static_cast<unsigned char>(p[0])} & 0x1F) << 6 | (static_cast<unsigned char>(p[1]) & 0x3Fu);
}

// Whether text[i] begins a Cyrillic letter that the steps read.
inline bool cyrillic_at(std::string_view text, std::size_t i) {
  if (i + 1 >= text.size()) return false;
  const auto lead = static_cast<unsigned char>(text[i]);
  const auto second = static_cast<unsigned char>(text[i + 1]);
  return (lead == 0xD0 && second >= 0x80 && second <= 0xBF) || (lead == 0xD1 && second >= 0x80 && second <= 0x9F);
}

// The site-learning words of the block, spelled along the walk when asked
// for (kWords); nothing otherwise.
template <bool kWords>
struct WordsAlong;

template <>
struct WordsAlong<true> : WordsSpeller {
  using WordsSpeller::WordsSpeller;
};

template <>
struct WordsAlong<false> {
  explicit WordsAlong(unsigned char*) {}
  void ascii(unsigned char) {}
  void code_point(char32_t, bool) {}
  void ascii_run(const char*, std::size_t, std::uint64_t, std::uint64_t) {}
};

// Code point at a time from text[i], a non-ASCII byte, while non-ASCII
// text goes on: up to a space that 16 ASCII bytes or a Cyrillic letter
// follow, where 64-byte steps pay again, or the end.
template <bool kWords>
[[gnu::always_inline]] inline void walk_code_points(StatsWalk& w, KeyWalk& k, WordsAlong<kWords>& spelled,
                                                     std::string_view text, std::size_t& i) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  while (i < n) {
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      const std::uint8_t cls = kAsciiClasses[c];
      if ((cls & kSpace) && (ascii_ahead(text, i + 1) || cyrillic_at(text, i + 1))) return;
      if ((c == ':' || c == '.') && !w.s.has_url) w.s.has_url = url_mark_at(text, i);
      ++i;
      walk_ascii(w, c);
      spelled.ascii(c);
      const char32_t lower = (cls & kUpper) ? char32_t{c} + 32 : char32_t{c};
      key_code_point(k, lower, (cls & kSpace) != 0, (cls & (kUpper | kLower | kDigit)) != 0);
      continue;
    }
    char32_t cp;
    // Well-formed two- and three-byte sequences inline; the rest decoded as
    // next_code_point() does.
    if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (bytes[i + 1] & 0xC0) == 0x80) {
      cp = two_byte_code_point(text.data() + i);
      i += 2;
    } else if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (bytes[i + 1] & 0xC0) == 0x80 &&
               (bytes[i + 2] & 0xC0) == 0x80) {
      // Three bytes with a lead that is never overlong nor a surrogate
      // (punctuation such as ’ and —, CJK).
      cp = (char32_t{c} & 0x0F) << 12 | char32_t{bytes[i + 1] & 0x3Fu} << 6 | (bytes[i + 2] & 0x3F);
      i += 3;
    } else {
      cp = next_code_point_multibyte(text, i);
    }
    const CodePointProps p = lookup_props(cp);
    if ((p.flags & CodePointProps::kAlnum) && w.in_word && w.seen_letter) {
      // Inside a word, past its first letter: the short steps.
      walk_word_props(w, cp, p.flags);
      key_word_code_point(k, p.lower);
      spelled.code_point(p.lower, true);
      continue;
    }
    walk_props(w, cp, p.flags);
    key_code_point(k, p.lower, (p.flags & CodePointProps::kSpace) != 0, (p.flags & CodePointProps::kAlnum) != 0);
    spelled.code_point(p.lower, (p.flags & CodePointProps::kAlnum) != 0);
  }
}

inline std::size_t top_bit(std::uint64_t x) { return 63 - static_cast<std::size_t>(std::countl_zero(x)); }

// Set bits, without a library call where the build has no popcount
// instruction, and without a branch: how many capitals open words or how
// many sentences end in a step is as unpredictable as the text, and a loop
// over the bits paid a mispredicted exit for it (extract() over the
// scraped-text set takes 1.8% less time without).
inline std::size_t count_bits(std::uint64_t x) {
#if defined(__POPCNT__)
  return static_cast<std::size_t>(std::popcount(x));
#else
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56);
#endif
}

// The same, for masks that are nearly always empty (a step's curly
// apostrophes), where the loop's one test is the cheaper.
inline std::size_t count_few_bits(std::uint64_t x) {
  std::size_t n = 0;
  for (; x; x &= x - 1) ++n;
  return n;
}

// Positions reached from `from` over runs of `skip`: each bit of `from` that
// is not in `skip`, and the position just after each run of `skip` that
// starts at a bit of `from` (adding a bit at a run's start carries to the
// run's end).
inline std::uint64_t after_runs(std::uint64_t from, std::uint64_t skip) {
  return (from & ~skip) | ((skip + (from & skip)) & ~skip);
}

// Common punctuation (kCommonPunctuation) inside a 64-byte step: bit k of
// `lead` marks the E2 of one at p[k], `tail` its other two bytes.
struct StepPunctuation {
  std::uint64_t lead = 0;
  std::uint64_t tail = 0;
};

// The punctuation among the first `len` bytes at p before any other byte
// >= 0x80 (`high` marks those bytes), each whole within them.
inline StepPunctuation step_punctuation(const char* p, std::size_t len, std::uint64_t high) {
  StepPunctuation r;
  const auto* bytes = reinterpret_cast<const unsigned char*>(p);
  while (high) {
    const auto at = static_cast<std::size_t>(std::countr_zero(high));
    if (at + 3 > len || !is_common_punctuation(bytes + at)) break;
    r.lead |= std::uint64_t{1} << at;
    r.tail |= std::uint64_t{3} << (at + 1);
    high &= ~(std::uint64_t{7} << at);
  }
  return r;
}

// The code point of the punctuation whose E2 is at p.
inline char32_t punctuation_code_point(const char* p) {
  return char32_t{0x2000} | (static_cast<unsigned char>(p[2]) & 0x3Fu);
}

// Cyrillic letters U+0400..U+045F (D0 80..D1 9F: the letters of Russian,
// Ukrainian, Belarusian, Bulgarian, Serbian and Macedonian) inside a
// 64-byte step: bit k of `lead` marks the first byte of one at p[k], `tail`
// its second, `upper` the leads of the capitals (U+0400..U+042F). Each is a
// letter, lower or capital, of one unit, and neither a space, a stop nor a
// closer (code_point_props()), so the masks count them as they count ASCII
// letters, the tail as part of its letter.
struct StepCyrillic {
  std::uint64_t lead = 0;
  std::uint64_t tail = 0;
  std::uint64_t upper = 0;
};

// The Cyrillic letters among the first `len` bytes at p, each whole within
// them.
inline StepCyrillic step_cyrillic(const char* p, std::size_t len) {
  StepCyrillic r;
  if (len < 2) return r;
  const CyrillicMasks m = cyrillic_masks(p);
  const std::uint64_t whole = ~std::uint64_t{0} >> (kMaskBlock + 1 - len);  // leads whose tail is within len
  r.lead = ((m.d0 & (m.cont >> 1)) | (m.d1 & (m.cont_below_a0 >> 1))) & whole;
  r.upper = r.lead & m.d0 & (m.cont_below_b0 >> 1);
  r.tail = r.lead << 1;
  return r;
}

// The lower case of a Cyrillic capital U+0400..U+042F: U+0450..U+044F, two
// bytes as well. Worked out rather than looked up (code_point_props()): a
// lookup per capital cost the walk 7% more instructions on Russian text.
// The mapping is two runs of one offset each; the FastPath pieces hold it
// to the reference at both ends of the first (Ѐ Џ) and across the second
// (М П Р Я).
inline char32_t cyrillic_lower(char32_t capital) { return capital + (capital < 0x410 ? 0x50 : 0x20); }

// The key bytes of a step written as they are, `size` of them from `key`
// (the step's byte `from` first), with each ’ (the E2 at step byte k for
// each bit k of `apostrophes`) made one apostrophe; returns the new size.
inline std::size_t fold_apostrophes(char* key, std::size_t from, std::uint64_t apostrophes, std::size_t size) {
  std::size_t read = 0, write = 0;
  for (; apostrophes; apostrophes &= apostrophes - 1) {
    const std::size_t at = static_cast<std::size_t>(std::countr_zero(apostrophes)) - from;
    std::memmove(key + write, key + read, at - read);
    write += at - read;
    key[write++] = '\'';
    read = at + 3;
  }
  std::memmove(key + write, key + read, size - read);
  return write + size - read;
}

// The step's punctuation by its kind, as code_point_props() has it: stops
// (…), closers (’ ”), and the ’ that the key writes as an apostrophe.
struct PunctuationKinds {
  std::uint64_t stop = 0;
  std::uint64_t closer = 0;
  std::uint64_t apostrophe = 0;
};

inline PunctuationKinds punctuation_kinds(const char* p, std::uint64_t lead) {
  PunctuationKinds kinds;
  for (; lead; lead &= lead - 1) {
    const auto at = static_cast<unsigned>(std::countr_zero(lead));
    const std::uint64_t bit = std::uint64_t{1} << at;
    const CodePointProps props = lookup_props(punctuation_code_point(p + at));
    if (props.flags & CodePointProps::kStop) kinds.stop |= bit;
    if (props.flags & CodePointProps::kCloser) kinds.closer |= bit;
    if (props.lower == '\'') kinds.apostrophe |= bit;
  }
  return kinds;
}

// The key's part of walk_ascii_run(): the `len` bytes at p from the key's
// first letter or digit on, lower-cased, space runs folded, ’ as an
// apostrophe (`alnum` and `space` mark the step's letters and digits, both
// bytes of a Cyrillic one, and spaces).
[[gnu::always_inline]] inline void key_ascii_run(KeyWalk& k, const char* p, std::size_t len, const StatsMasks& m,
                                                std::uint64_t alnum, std::uint64_t space,
                                                const StepPunctuation& punct, std::uint64_t apostrophes,
                                                const StepCyrillic& cyrillic) {
  std::size_t from = 0;
  if (!k.started) {
    if (!alnum) return;
    from = static_cast<std::size_t>(std::countr_zero(alnum));
    k.started = true;
  }
  const std::uint64_t valid = len == kMaskBlock ? ~std::uint64_t{0} : (std::uint64_t{1} << len) - 1;
  const std::uint64_t range = valid & (~std::uint64_t{0} << from);
  const std::uint64_t spaces = space & range;
  // Only single plain spaces: the bytes go to the key as they are,
  // lower-cased, and each ’ is then made one byte.
  if (spaces == (m.plain_space & range) && !(spaces & (spaces << 1)) && !(k.last_space && (spaces >> from & 1))) {
    store_lower(p, k.out - from, static_cast<int>((len + 15) / 16));
    for (std::uint64_t capitals = cyrillic.upper & range; capitals; capitals &= capitals - 1) {
      char* at = k.out - from + std::countr_zero(capitals);
      encode_utf8(cyrillic_lower(two_byte_code_point(at)), at);
    }
    apostrophes &= range;
    if (alnum & range) {
      const std::size_t last = top_bit(alnum & range);
      const std::size_t folded = 2 * count_few_bits(apostrophes & ((std::uint64_t{1} << last) - 1));
      k.alnum_end = static_cast<std::size_t>(k.out - k.base) + last - from + 1 - folded;
    }
    k.out += apostrophes ? fold_apostrophes(k.out, from, apostrophes, len - from) : len - from;
    k.last_space = (spaces >> (len - 1)) & 1;
    return;
  }
  for (std::size_t j = from; j < len; ++j) {
    const unsigned char c = static_cast<unsigned char>(p[j]);
    const std::uint64_t bit = std::uint64_t{1} << j;
    if ((punct.tail | cyrillic.tail) & bit) continue;
    if (punct.lead & bit) {
      key_code_point(k, lookup_props(punctuation_code_point(p + j)).lower, false, false);
      continue;
    }
    if (cyrillic.lead & bit) {
      const char32_t letter = two_byte_code_point(p + j);
      key_code_point(k, (cyrillic.upper & bit) ? cyrillic_lower(letter) : letter, false, true);
      continue;
    }
    const char32_t lower = (m.upper & bit) ? char32_t{c} + 32 : char32_t{c};
    key_code_point(k, lower, (space & bit) != 0, (alnum & bit) != 0);
  }
}

// The words' part of walk_ascii_run(): the ASCII between the Cyrillic
// letters as runs, each letter as its code point (four bytes in the words).
template <bool kWords>
[[gnu::always_inline]] inline void spell_run(WordsAlong<kWords>& spelled, const char* p, std::size_t len,
                                             const StatsMasks& m, const StepCyrillic& cyrillic) {
  if (!cyrillic.lead) return spelled.ascii_run(p, len, m.letter, m.digit);
  if constexpr (kWords) {
    // A run reads 16 bytes for each 16 or part of them from where it
    // starts, which may pass the 64 readable bytes at p: the step is copied
    // into room that has 16 more.
    alignas(16) char step[kMaskBlock + 16];
    std::memcpy(step, p, kMaskBlock);
    std::memset(step + kMaskBlock, 0, 16);
    std::size_t from = 0;
    for (std::uint64_t leads = cyrillic.lead; leads; leads &= leads - 1) {
      const auto at = static_cast<std::size_t>(std::countr_zero(leads));
      if (at > from) spelled.ascii_run(step + from, at - from, m.letter >> from, m.digit >> from);
      const char32_t letter = two_byte_code_point(p + at);
      spelled.code_point((cyrillic.upper >> at) & 1 ? cyrillic_lower(letter) : letter, true);
      from = at + 2;
    }
    if (from < len) spelled.ascii_run(step + from, len - from, m.letter >> from, m.digit >> from);
  }
}

// `len` bytes at p, ASCII but for the common punctuation `punct` marks (p
// has 64 readable bytes; `m` their masks), into the statistics and the
// key: what walk_ascii(), walk_props() and key_code_point() do code point
// by code point, with bit operations over the whole run. Punctuation is
// neither a letter nor a space: it counts through its first byte, a stop
// (…), a closer (’ ”) or neither, and its other two bytes are passed over
// as closers are. With kCyrillic, the Cyrillic letters `letters_in` marks
// count as letters; without, the step has none, and the compiler drops
// what reads them.
template <bool kWords, bool kCyrillic>
[[gnu::always_inline]] inline void walk_ascii_run(StatsWalk& w, KeyWalk& k, WordsAlong<kWords>& spelled,
                                                  std::string_view text, std::size_t offset, const char* p,
                                                  std::size_t len, const StatsMasks& m,
                                                  const StepPunctuation& punct, const StepCyrillic& letters_in) {
  const StepCyrillic cyrillic = kCyrillic ? letters_in : StepCyrillic{};
  spell_run(spelled, p, len, m, cyrillic);
  const std::uint64_t valid = len == kMaskBlock ? ~std::uint64_t{0} : (std::uint64_t{1} << len) - 1;
  const std::uint64_t letters = (m.letter | cyrillic.lead) & valid;
  const std::uint64_t upper = m.upper | cyrillic.upper;
  const std::uint64_t digits = m.digit & valid;
  // A Cyrillic letter's second byte goes with it: inside the word, not a
  // unit of its own.
  const std::uint64_t alnum = letters | digits | cyrillic.tail;
  const std::uint64_t space = m.space & valid;
  // Stops and closers from the table: punctuation is a few bytes in 64.
  const PunctuationKinds kinds = punct.lead ? punctuation_kinds(p, punct.lead) : PunctuationKinds{};
  std::uint64_t stop = kinds.stop, closer = kinds.closer | punct.tail;
  for (std::uint64_t other = valid & ~(alnum | space | punct.lead | punct.tail); other; other &= other - 1) {
    const auto at = static_cast<unsigned>(std::countr_zero(other));
    const char c = p[at];
    const std::uint8_t cls = kAsciiClasses[static_cast<unsigned char>(c)];
    if (cls & kSentenceEnd) stop |= std::uint64_t{1} << at;
    if (cls & kCloser) closer |= std::uint64_t{1} << at;
    if ((c == ':' || c == '.') && !w.s.has_url) w.s.has_url = url_mark_at(text, offset + at);
  }
  BlockStats& s = w.s;

  s.units += count_bits(letters | digits);
  if (digits) s.digits += count_bits(digits);
  if (!w.seen_letter && letters) {
    s.starts_lower = !(upper & letters & (~letters + 1));
    w.seen_letter = true;
  }
  // A word starts at a letter or digit whose last letter, digit or space
  // before it is a space (or none, outside a word).
  const std::uint64_t neutral = valid & ~(alnum | space);
  const std::uint64_t word_starts = after_runs((space << 1) | (w.in_word ? 0 : 1), neutral) & alnum;
  const std::size_t words = count_bits(word_starts);
  s.words += words;
  s.cased_words += words - count_bits(word_starts & digits);
  s.capitalized_words += count_bits(word_starts & upper);
  if (alnum | space) w.in_word = (alnum >> top_bit(alnum | space)) & 1;
  // A sentence ends at a space whose last non-closer before it is a stop.
  if (stop | w.pending_end) {
    const std::uint64_t after_stop = after_runs((stop << 1) | (w.pending_end ? 1 : 0), closer);
    s.sentence_ends += count_bits(after_stop & space);
  }
  const std::uint64_t not_closer = valid & ~closer;
  if (not_closer) w.pending_end = (stop >> top_bit(not_closer)) & 1 ? char32_t{'.'} : char32_t{0};
  const std::uint64_t visible = not_closer & ~space;
  if (visible) {
    const std::size_t last = top_bit(visible);
    if ((cyrillic.tail >> last) & 1) {
      w.last_visible = two_byte_code_point(p + last - 1);
    } else {
      w.last_visible = (punct.lead >> last) & 1 ? punctuation_code_point(p + last) : static_cast<unsigned char>(p[last]);
    }
  }
  key_ascii_run(k, p, len, m, alnum, space, punct, kinds.apostrophe, cyrillic);
}

// The bytes >= 0x80 among the first `len` at p (`high`) that the step reads
// itself: the common punctuation, and the Cyrillic letters when the
// punctuation stops at one (mostly-Latin text does not pay for their
// masks). Returns the others.
inline std::uint64_t read_in_step(const char* p, std::size_t len, std::uint64_t high, StepPunctuation& punct,
                                  StepCyrillic& cyrillic) {
  punct = step_punctuation(p, len, high);
  const std::uint64_t rest = high & ~(punct.lead | punct.tail);
  if (!rest || (static_cast<unsigned char>(p[std::countr_zero(rest)]) | 1) != 0xD1) return rest;
  cyrillic = step_cyrillic(p, len);
  punct = step_punctuation(p, len, high & ~(cyrillic.lead | cyrillic.tail));
  return high & ~(punct.lead | punct.tail | cyrillic.lead | cyrillic.tail);
}

// The step cut to its first `len` bytes, before a byte >= 0x80 it does not
// read: what was found past it is read again by the next step.
inline void cut_step(std::size_t len, StepPunctuation& punct, StepCyrillic& cyrillic) {
  const std::uint64_t before = (std::uint64_t{1} << len) - 1;
  punct.lead &= before;
  punct.tail &= before;
  cyrillic.lead &= before;
  cyrillic.tail &= before;
  cyrillic.upper &= before;
}

// block_stats_and_key(), and with kWords the block's site-learning key
// (block_key(text)) in `words_key`.
template <bool kWords>
BlockStats stats_key_words(std::string_view text, KeyArena& keys, std::string_view& key, std::uint64_t& words_key,
                           bool padded) {
  const std::size_t n = text.size();
  // Lower-casing can make a code point longer (an invalid byte becomes
  // U+FFFD, 3 bytes), and 64 bytes are written at once. The words, when
  // asked for, follow the key in the same buffer.
  constexpr std::size_t kOnStack = 8192;
  const std::size_t key_room = 3 * n + 2 * kMaskBlock + 8;
  const std::size_t room = key_room + (kWords ? 2 * n + WordsSpeller::kWordsSlack : 0);
  char on_stack[kOnStack];
  std::unique_ptr<char[]> on_heap;
  char* buffer = on_stack;
  if (room > kOnStack) {
    on_heap = std::make_unique_for_overwrite<char[]>(room);
    buffer = on_heap.get();
  }
  KeyWalk k;
  k.base = k.out = buffer + kMaskBlock;
  WordsAlong<kWords> spelled(reinterpret_cast<unsigned char*>(buffer + key_room));
  BlockStats s;
  StatsWalk w{s};
  char tail[kMaskBlock];
  for (std::size_t i = 0; i < n;) {
    const char* p = text.data() + i;
    std::size_t len = std::min(n - i, kMaskBlock);
    // Every use of the masks is cut to the first `len` bits, so the bytes
    // past the text may be anything readable.
    if (len < kMaskBlock && !padded) {
      std::memset(tail, 0, kMaskBlock);
      std::memcpy(tail, p, len);
      p = tail;
    }
    const StatsMasks m = stats_masks(p, static_cast<int>((len + 15) / 16));
    std::uint64_t high = len == kMaskBlock ? m.high : m.high & ((std::uint64_t{1} << len) - 1);
    StepPunctuation punct;
    StepCyrillic cyrillic;
    if (high) high = read_in_step(p, len, high, punct, cyrillic);
    if (high & 1) {
      walk_code_points(w, k, spelled, text, i);
      continue;
    }
    if (high) {
      len = static_cast<std::size_t>(std::countr_zero(high));
      cut_step(len, punct, cyrillic);
    }
    if (cyrillic.lead) {
      walk_ascii_run<kWords, true>(w, k, spelled, text, i, p, len, m, punct, cyrillic);
    } else {
      walk_ascii_run<kWords, false>(w, k, spelled, text, i, p, len, m, punct, cyrillic);
    }
    i += len;
  }
  key = keys.add(k.base, k.alnum_end);  // the key's room has kMaskBlock bytes past it
  if constexpr (kWords) words_key = spelled.key();
  if (w.pending_end) ++s.sentence_ends;
  const char32_t last = w.last_visible;
  s.ends_sentence = last < 0x80 ? (kAsciiClasses[last] & kSentenceEnd) || last == ':'
                                : is_sentence_end(last) || last == 0xFF1A;
  return s;
}

}  // namespace

BlockStats block_stats_and_key(std::string_view text, KeyArena& keys, std::string_view& key, bool padded) {
  std::uint64_t unused = 0;
  return stats_key_words<false>(text, keys, key, unused, padded);
}

BlockStats block_stats_key_and_words(std::string_view text, KeyArena& keys, std::string_view& key,
                                     std::uint64_t& words_key, bool padded) {
  return stats_key_words<true>(text, keys, key, words_key, padded);
}

BlockStats block_stats_and_key(std::string_view text, std::string& key) {
  KeyArena keys;
  std::string_view in_arena;
  const BlockStats s = block_stats_and_key(text, keys, in_arena);
  key.assign(in_arena);
  return s;
}

}  // namespace winnow::detail
