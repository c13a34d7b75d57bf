#include "mojibake.hpp"

#include <array>
#include <cstdint>
#include <unordered_map>

#include <utf8proc.h>

#include "byte_masks.hpp"
#include "codepages.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

using Text = std::u32string;

// ---------------------------------------------------------------------------
// Code points back to bytes.

class ByteMap {
 public:
  ByteMap(const CodePage& page, bool latin1_too) : table_(kTableEnd, -1) {
    for (int i = 0; i < 128; ++i) add(static_cast<char32_t>(page.high[i]), 0x80 + i);
    // Windows-1252 and Latin-1 are confused so often that text mixes them:
    // there, a C1 control stands for its own byte as well.
    if (latin1_too) {
      for (char32_t c = 0x80; c < 0xA0; ++c) add(c, static_cast<int>(c));
    }
  }
  // The byte `cp` was decoded from, or -1.
  int byte_of(char32_t cp) const {
    if (cp < 0x80) return static_cast<int>(cp);
    if (cp < kTableEnd) return table_[cp];
    for (const auto& [c, b] : rest_) {
      if (c == cp) return b;
    }
    return -1;
  }

 private:
  // All code page characters lie below U+2600 but for a few (ﬁ, ﬂ, Apple's logo).
  static constexpr char32_t kTableEnd = 0x2600;

  void add(char32_t cp, int byte) {
    if (cp < kTableEnd) {
      if (table_[cp] < 0) table_[cp] = static_cast<std::int16_t>(byte);
    } else {
      rest_.emplace_back(cp, byte);
    }
  }

  std::vector<std::int16_t> table_;
  std::vector<std::pair<char32_t, int>> rest_;
};

const std::array<ByteMap, kCodePageCount>& byte_maps() {
  static const std::array<ByteMap, kCodePageCount> maps = [] {
    return std::array<ByteMap, kCodePageCount>{
        ByteMap(kCodePages[0], true),  ByteMap(kCodePages[1], false), ByteMap(kCodePages[2], false),
        ByteMap(kCodePages[3], false), ByteMap(kCodePages[4], false), ByteMap(kCodePages[5], false),
        ByteMap(kCodePages[6], false)};
  }();
  return maps;
}
static_assert(kCodePageCount == 7);

// ---------------------------------------------------------------------------
// Character classes.

int category(char32_t cp) { return utf8proc_category(static_cast<utf8proc_int32_t>(cp)); }

bool is_letter(char32_t cp) {
  if (cp < 0x80) return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  int c = category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}
bool is_upper(char32_t cp) { return category(cp) == UTF8PROC_CATEGORY_LU; }
bool is_lower(char32_t cp) { return category(cp) == UTF8PROC_CATEGORY_LL; }
bool is_mark(char32_t cp) {
  int c = category(cp);
  return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}
bool is_c1(char32_t cp) { return cp >= 0x80 && cp < 0xA0; }

// A coarse script id: enough to tell whether two letters belong together.
int script_of(char32_t cp) {
  if (cp < 0x250 || (cp >= 0x1E00 && cp < 0x1F00) || (cp >= 0xFB00 && cp < 0xFB07)) return 1;  // Latin
  if ((cp >= 0x370 && cp < 0x400) || (cp >= 0x1F00 && cp < 0x2000)) return 2;  // Greek
  if (cp >= 0x400 && cp < 0x530) return 3;  // Cyrillic
  if ((cp >= 0x600 && cp < 0x700) || (cp >= 0x750 && cp < 0x780)) return 4;  // Arabic
  if (cp >= 0x3040 && cp < 0x3100) return 5;  // kana
  if (cp >= 0x4E00 && cp < 0xA000) return 6;  // CJK ideographs
  if (cp >= 0xAC00 && cp < 0xD7B0) return 7;  // Hangul
  return 100 + static_cast<int>(cp >> 7);
}

// Symbols that real text almost never holds outside mojibake: a text with one
// of them left over is damaged beyond what a confident repair can undo.
bool is_garbage_symbol(char32_t cp) {
  switch (cp) {
    case 0x201A: case 0x0192: case 0x2020: case 0x2021: case 0x02C6: case 0x2030:
    case 0x2039: case 0x203A: case 0xA6: case 0xAC: case 0xAF: case 0xB8: case 0xA4:
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------
// Candidate spans: characters whose bytes in a code page form UTF-8.

enum class Strength { Reject, Weak, Normal, Strong };

struct Span {
  std::size_t begin = 0, end = 0;  // in the text
  Text replacement;
  char32_t decoded = 0;
  int bytes = 0;          // length of the UTF-8 sequence
  int lead = 0;           // its first byte
  bool has_c1 = false;    // a C1 control among the characters
  bool lossy = false;     // bytes were lost (U+FFFD or '?' stands for them)
  bool lossy_space = false;  // a space stands for byte 0xA0
  bool real_nbsp = false;    // byte 0xA0 came from an actual NBSP
  Strength strength = Strength::Reject;
};

// The length of the UTF-8 sequence a lead byte (C2..F4) begins.
int sequence_length(int lead) { return lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

bool valid_second(int lead, int b) {
  if (b < 0x80 || b > 0xBF) return false;
  if (lead == 0xE0) return b >= 0xA0;
  if (lead == 0xF0) return b >= 0x90;
  if (lead == 0xF4) return b < 0x90;
  return true;
}

class SpanFinder {
 public:
  SpanFinder(const Text& text, const ByteMap& map) : t_(text), map_(map) {}

  // With `whole_text`, gives up (returns nothing) at the first non-ASCII
  // character outside a span: the text does not read as this code page.
  std::vector<Span> find(bool whole_text) {
    std::vector<Span> spans;
    for (std::size_t i = 0; i < t_.size();) {
      Span s;
      if (match(i, s) && !pairs_with_lead_before(s)) {
        i = s.end;
        spans.push_back(std::move(s));
      } else {
        if (whole_text && t_[i] >= 0x80) return {};
        ++i;
      }
    }
    return spans;
  }

 private:
  int byte_at(std::size_t i) const { return i < t_.size() ? map_.byte_of(t_[i]) : -1; }

  // A span right after a lead byte that decoded to nothing, whose repair
  // starts with what reads as a continuation byte (or U+FFFD for lost ones):
  // the repair would pair with that lead on the next pass, and so on down a
  // run ("ÂÂÂ¢", "ââ�"), eating a character a pass. Real mojibake has
  // no such runs; leaving the span alone keeps the repair a fixed point.
  bool pairs_with_lead_before(const Span& s) const {
    int prev = s.begin > 0 ? byte_at(s.begin - 1) : -1;
    if (prev < 0xC2 || prev > 0xF4) return false;
    char32_t first = s.replacement.front();
    int b = map_.byte_of(first);
    return first == 0xFFFD || (b >= 0x80 && b <= 0xBF);
  }

  bool match(std::size_t i, Span& s) {
    int lead = byte_at(i);
    if (lead < 0xC2 || lead > 0xF4) return false;
    if (lead == 0xC3 && match_a_grave_space(i, s)) return true;
    int len = sequence_length(lead);
    char32_t cp = static_cast<char32_t>(lead & (0x3F >> (len - 1)));
    s.begin = i;
    s.lead = lead;
    s.bytes = len;
    s.has_c1 = is_c1(t_[i]);
    for (int k = 1; k < len; ++k) {
      std::size_t j = i + static_cast<std::size_t>(k);
      if (j >= t_.size()) return false;
      char32_t c = t_[j];
      // Lost final bytes: U+FFFD (or '?' after two good bytes) stands for them.
      if (c == 0xFFFD || (c == '?' && k == 2 && len == 3)) {
        s.lossy = true;
        s.end = j + 1;
        for (int rest = k + 1; rest < len; ++rest) {
          int b = byte_at(s.end);
          if (b < 0x80 || b > 0xBF) break;
          ++s.end;
        }
        s.decoded = 0xFFFD;
        s.replacement.assign(1, 0xFFFD);
        return true;
      }
      int b = byte_at(j);
      if (c == ' ' && is_letter(t_[i])) {
        b = 0xA0;  // a non-breaking space that was turned into a space
        s.lossy_space = true;
      }
      if (c == 0xA0) s.real_nbsp = true;
      if (k == 1 ? !valid_second(lead, b) : (b < 0x80 || b > 0xBF)) return false;
      s.has_c1 = s.has_c1 || is_c1(c);
      cp = (cp << 6) | static_cast<char32_t>(b & 0x3F);
    }
    s.end = i + static_cast<std::size_t>(len);
    if (cp >= 0xD800 && cp < 0xDC00) return match_cesu_low(cp, s);
    if (cp >= 0xDC00 && cp < 0xE000) return false;
    s.decoded = cp;
    s.replacement = Text(1, cp);
    return true;
  }

  // CESU-8: a high surrogate followed by a low one, each as three bytes.
  bool match_cesu_low(char32_t high, Span& s) {
    std::size_t j = s.end;
    if (byte_at(j) != 0xED) return false;
    int b1 = byte_at(j + 1), b2 = byte_at(j + 2);
    if (b1 < 0xB0 || b1 > 0xBF || b2 < 0x80 || b2 > 0xBF) return false;
    char32_t low = 0xD000 | static_cast<char32_t>((b1 & 0x3F) << 6) | static_cast<char32_t>(b2 & 0x3F);
    char32_t cp = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
    s.end = j + 3;
    s.bytes = 4;
    s.decoded = cp;
    s.replacement = Text(1, cp);
    return true;
  }

  // "Ã " for "à ": the 0xA0 of "à" became a space, which may have merged
  // with the space after it. "à" is a word of its own in French and
  // Portuguese ("às" is the contraction before a plural).
  bool match_a_grave_space(std::size_t i, Span& s) {
    if (i + 2 >= t_.size() || t_[i + 1] != ' ') return false;
    char32_t prev = i > 0 ? t_[i - 1] : 0;
    char32_t after = t_[i + 2];
    bool after_word = prev != 0 && is_lower(prev);
    bool word_before = after_word || (!is_letter(prev) && is_lower(after));
    if (!word_before) return false;
    s.begin = i;
    s.lead = 0xC3;
    s.bytes = 2;
    s.lossy_space = true;
    s.decoded = 0xE0;
    bool plural = after == 's' && (i + 3 >= t_.size() || !is_letter(t_[i + 3])) &&
                  (i + 3 >= t_.size() || t_[i + 3] == ' ');
    if (plural) {
      s.end = i + 3;
      s.replacement = U"\u00E0s";
    } else {
      s.end = after == ' ' ? i + 3 : i + 2;  // the 0xA0 and the real space
      s.replacement = U"\u00E0 ";
    }
    s.strength = after_word ? Strength::Normal : Strength::Weak;
    return true;
  }

  const Text& t_;
  const ByteMap& map_;
};

// ---------------------------------------------------------------------------
// Judging one span by what it decodes to and where it sits.

struct Context {
  char32_t prev = 0, next = 0;  // neighbours, decoded when they are spans too
  bool prev_span = false, next_span = false;
};

bool valid_result(char32_t cp) {
  int c = category(cp);
  return c != UTF8PROC_CATEGORY_CN && c != UTF8PROC_CATEGORY_CO && c != UTF8PROC_CATEGORY_CS;
}

bool same_script_letter(char32_t a, char32_t b) { return is_letter(b) && script_of(a) == script_of(b); }

// A lower-case letter inside an all-capitals word ("MÄ£ÄM", "AHÅ™").
bool breaks_capitals(char32_t d, const Context& c) {
  return is_lower(d) && !c.prev_span && is_upper(c.prev) && !is_lower(c.next);
}

// A decoded letter outside Latin: convincing next to letters of its own
// script ("×‘×”" -> "בה"), or when the original had a symbol inside a word
// ("IL2RÎ³cKO" -> "IL2RγcKO"); a lone one is weak evidence ("×”" may be a
// multiplication sign before a quote).
Strength judge_letter_elsewhere(char32_t d, const Context& c, bool symbol_inside_word) {
  if (same_script_letter(d, c.prev) || same_script_letter(d, c.next)) return Strength::Normal;
  if (symbol_inside_word && is_letter(c.prev) && is_letter(c.next)) return Strength::Normal;
  return Strength::Weak;
}

bool is_rare_latin(char32_t d) {
  return d == 0x17F || d == 0x138 || d == 0x149 || d == 0x13F || d == 0x140;
}

// An accented Latin letter of the kind text is written with, as opposed to
// the letters Windows-1252 keeps among its punctuation (Œ š ž Ÿ ƒ ...).
bool is_ordinary_latin(char32_t c) {
  if (c < 0xC0 || c >= 0x250) return false;
  switch (c) {
    case 0x152: case 0x153: case 0x160: case 0x161: case 0x17D: case 0x17E: case 0x178: case 0x192:
      return false;
    default:
      return true;
  }
}

// Spacing accents that do occur in text: ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝.
bool is_spacing_accent(char32_t d) { return d == 0x2C6 || d == 0x2C7 || (d >= 0x2D8 && d <= 0x2DD); }

Strength judge_two_bytes(const Span& s, const Text& t, const Context& c) {
  char32_t d = s.decoded;
  char32_t lead_char = t[s.begin], cont_char = t[s.begin + 1];
  bool lead_letter = is_letter(lead_char), cont_letter = is_letter(cont_char);
  bool attached = is_letter(c.prev) || is_letter(c.next);
  // An apostrophe before a letter is an apostrophe ("Ã’s", "ZZAJÉ’s").
  if (cont_char == 0x2019 && is_letter(c.next) && !c.next_span) return Strength::Reject;
  if (s.real_nbsp && s.lead != 0xC2 && s.lead != 0xC3) return Strength::Weak;
  if (lead_letter && cont_letter) {
    // Two letters are plausible text as they are ("ÅØ", "Āø", "ВІ"), unless
    // the second is one of the few letters among Windows-1252's symbols.
    if (!is_letter(d)) return Strength::Weak;
    if (script_of(lead_char) == 1 && is_ordinary_latin(cont_char) && script_of(d) == 1) return Strength::Weak;
  }
  // Two symbols mean something only when they follow a letter ("Zam√≤").
  if (!lead_letter && !cont_letter && !is_letter(c.prev)) return Strength::Weak;
  // A trademark sign after a word in capitals ("NICIODATĂ™").
  bool trademark = cont_char == 0x2122 || cont_char == 0xAE || cont_char == 0xA9;
  if (trademark && !is_letter(c.next) && !c.prev_span && is_upper(c.prev)) return Strength::Weak;
  if (s.lead == 0xC2) return Strength::Normal;  // U+0080..U+00BF: symbols, NBSP
  if (s.lead <= 0xC9 && d < 0x250) {              // Latin letters
    if (breaks_capitals(d, c)) return Strength::Reject;
    if (is_rare_latin(d)) return Strength::Weak;
    if (!attached && d != 0xE0) return Strength::Weak;  // a one-letter word other than "à"
    if (s.lead >= 0xC6 && !is_lower(d)) return Strength::Weak;  // rare capitals
    return Strength::Normal;
  }
  if (d < 0x300) return is_spacing_accent(d) ? Strength::Normal : Strength::Reject;  // IPA, modifiers
  if (d < 0x370) {  // combining diacritics need something to sit on
    return c.prev != 0 && c.prev != ' ' && c.prev != '\n' ? Strength::Normal : Strength::Reject;
  }
  if (!is_letter(d)) return Strength::Weak;
  return judge_letter_elsewhere(d, c, lead_letter && !cont_letter);
}

Strength judge(const Span& s, const Text& t, const Context& c) {
  if (s.strength != Strength::Reject) return s.strength;  // decided when found
  char32_t d = s.decoded;
  if (s.lossy) {
    if (s.bytes > 2) return Strength::Normal;
    return is_letter(c.prev) && is_letter(c.next) ? Strength::Normal : Strength::Weak;
  }
  if (s.lossy_space) return Strength::Weak;  // spaces are everywhere
  if (is_c1(d)) return s.has_c1 ? Strength::Strong : Strength::Reject;
  if (!valid_result(d)) return Strength::Reject;
  if (s.has_c1) {
    if (!is_letter(d) || script_of(d) == 1) return Strength::Strong;
    return judge_letter_elsewhere(d, c, true);
  }
  if (s.bytes == 4) return Strength::Strong;
  if (s.bytes == 3) {
    if (!is_letter(d) && !is_mark(d)) return Strength::Strong;
    return judge_letter_elsewhere(d, c, false);
  }
  return judge_two_bytes(s, t, c);
}

void judge_all(std::vector<Span>& spans, const Text& t) {
  for (std::size_t k = 0; k < spans.size(); ++k) {
    Span& s = spans[k];
    Context c;
    c.prev_span = k > 0 && spans[k - 1].end == s.begin;
    c.next_span = k + 1 < spans.size() && spans[k + 1].begin == s.end;
    c.prev = c.prev_span ? spans[k - 1].replacement.back() : (s.begin > 0 ? t[s.begin - 1] : 0);
    c.next = c.next_span ? spans[k + 1].replacement.front() : (s.end < t.size() ? t[s.end] : 0);
    s.strength = judge(s, t, c);
  }
  // Two sequences back to back that both decode are rarely a coincidence.
  for (std::size_t k = 0; k < spans.size(); ++k) {
    if (spans[k].strength != Strength::Weak || spans[k].lossy_space) continue;
    bool chained = (k > 0 && spans[k - 1].end == spans[k].begin && spans[k - 1].strength != Strength::Reject) ||
                   (k + 1 < spans.size() && spans[k + 1].begin == spans[k].end &&
                    spans[k + 1].strength != Strength::Reject);
    if (chained) spans[k].strength = Strength::Normal;
  }
}

// ---------------------------------------------------------------------------
// Deciding for the whole text.

struct Tally {
  std::size_t strong = 0, normal = 0, weak = 0, rejected = 0;
  std::size_t outside = 0;    // non-ASCII characters outside every span
  std::size_t witnesses = 0;  // of those, Windows-1252 punctuation/symbols
  std::size_t garbage = 0;    // of those, symbols only mojibake produces
};

Tally tally(const std::vector<Span>& spans, const Text& t, const ByteMap& map) {
  Tally n;
  std::size_t k = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    while (k < spans.size() && spans[k].end <= i) ++k;
    if (k < spans.size() && spans[k].begin <= i) continue;
    if (t[i] < 0x80) continue;
    ++n.outside;
    int b = map.byte_of(t[i]);
    if (b >= 0x80 && b < 0xC0) ++n.witnesses;
    if (is_garbage_symbol(t[i])) ++n.garbage;
  }
  for (const auto& s : spans) {
    switch (s.strength) {
      case Strength::Strong: ++n.strong; break;
      case Strength::Normal: ++n.normal; break;
      case Strength::Weak: ++n.weak; break;
      case Strength::Reject: ++n.rejected; break;
    }
  }
  return n;
}

// Whether to apply the spans found with this code page. The whole text must
// read consistently as that code page, except for Windows-1252, where
// partly damaged text is common (a repaired page with a pasted-in paragraph).
bool convincing(const Tally& n, bool allow_mixed) {
  if (n.strong + n.normal == 0) return false;
  if (!allow_mixed) return n.outside == 0 && n.rejected == 0;
  if (n.garbage > 0) return false;
  if (n.witnesses > 0) return n.strong > 0 || n.normal >= 2;
  return true;
}

struct Pass {
  Text text;
  std::size_t applied = 0;
  std::vector<std::pair<Text, Text>> examples;
};

Pass apply_spans(const Text& t, const std::vector<Span>& spans) {
  Pass p;
  std::size_t at = 0;
  for (const auto& s : spans) {
    if (s.strength == Strength::Reject) continue;
    p.text.append(t, at, s.begin - at);
    p.text += s.replacement;
    at = s.end;
    ++p.applied;
    if (p.examples.size() < 3) p.examples.emplace_back(t.substr(s.begin, s.end - s.begin), s.replacement);
  }
  p.text.append(t, at, t.size() - at);
  return p;
}

bool try_page(const Text& t, std::size_t page, bool allow_mixed, Pass& out) {
  const ByteMap& map = byte_maps()[page];
  std::vector<Span> spans = SpanFinder(t, map).find(!allow_mixed);
  if (spans.empty()) return false;
  judge_all(spans, t);
  if (!convincing(tally(spans, t, map), allow_mixed)) return false;
  out = apply_spans(t, spans);
  return out.applied > 0;
}

// Which of try_page()'s readings of `t` can find a span at all: a code page
// read over the whole text (bit p of `whole`), Windows-1252 mixed with
// correct text (`mixed`).
struct Readings {
  std::uint32_t whole = (1U << kCodePageCount) - 1;
  bool mixed = true;
};

// Whether a sequence may begin at t[i] in the code page: a lead byte there,
// then as many characters that may stand for continuation bytes (a space,
// U+FFFD or '?' too, as SpanFinder::match() takes them, and more loosely).
bool sequence_may_begin(const Text& t, std::size_t i, const ByteMap& map) {
  const int lead = map.byte_of(t[i]);
  if (lead < 0xC2 || lead > 0xF4) return false;
  const auto len = static_cast<std::size_t>(sequence_length(lead));
  for (std::size_t k = 1; k < len; ++k) {
    if (i + k >= t.size()) return false;
    const char32_t c = t[i + k];
    if (c == 0xFFFD || c == '?') return true;
    const int byte = map.byte_of(c);
    if (c != ' ' && (byte < 0x80 || byte > 0xBF)) return false;
  }
  return true;
}

// The readings that can find a span, by a looser version of
// SpanFinder::find(): read whole, every non-ASCII character outside a
// sequence must begin one, and each sequence's characters must stand for
// continuation bytes (a space, U+FFFD or '?' may; after U+FFFD or '?' the
// sequence may end or go on); mixed, one sequence anywhere will do. A
// reading ruled out here finds nothing in try_page(), so suspect lines of
// correct text (accented letters next to quotes or spaces) are judged by
// the one or two readings that may apply, not all eight.
Readings possible_readings(const Text& t) {
  const auto& maps = byte_maps();
  Readings r;
  int need[kCodePageCount] = {};      // continuation bytes the open sequence still needs
  int optional[kCodePageCount] = {};  // after a lost byte: ones it may still take
  bool open = false;                  // some page has a sequence open
  for (std::size_t i = 0; i < t.size() && r.whole != 0; ++i) {
    const char32_t c = t[i];
    if (c < 0x80 && !open) continue;
    open = false;
    for (std::uint32_t rest = r.whole; rest != 0; rest &= rest - 1) {
      const auto p = static_cast<std::size_t>(__builtin_ctz(rest));
      const int byte = maps[p].byte_of(c);
      const bool continuation = byte >= 0x80 && byte <= 0xBF;
      bool reads = true;
      if (need[p] > 0) {
        if (c == 0xFFFD || c == '?') {
          optional[p] = need[p] - 1;
          need[p] = 0;
        } else if (c == ' ' || continuation) {
          --need[p];
        } else {
          reads = false;
        }
      } else if (optional[p] > 0 && continuation) {
        --optional[p];
      } else {
        optional[p] = 0;
        if (c >= 0x80) {
          if (byte >= 0xC2 && byte <= 0xF4) {
            need[p] = sequence_length(byte) - 1;
          } else {
            reads = false;
          }
        }
      }
      if (!reads) r.whole &= ~(1U << p);
      open = open || (reads && (need[p] > 0 || optional[p] > 0));
    }
  }
  for (std::size_t p = 0; p < kCodePageCount; ++p) {
    if (need[p] > 0) r.whole &= ~(1U << p);  // the text ends inside a sequence
  }
  r.mixed = false;
  for (std::size_t i = 0; i < t.size() && !r.mixed; ++i) {
    r.mixed = t[i] >= 0x80 && sequence_may_begin(t, i, maps[0]);
  }
  return r;
}

bool fix_once(const Text& t, Pass& out, const Readings& readings = Readings()) {
  for (std::size_t page = 0; page < kCodePageCount; ++page) {
    if (((readings.whole >> page) & 1) != 0 && try_page(t, page, false, out)) return true;
  }
  return readings.mixed && try_page(t, 0, true, out);
}

std::size_t fix_c1_controls(Text& t, std::vector<std::pair<Text, Text>>& examples) {
  std::size_t n = 0;
  for (auto& c : t) {
    if (!is_c1(c)) continue;
    char32_t mapped = kCodePages[0].high[c - 0x80];
    if (mapped == c) continue;  // undefined in Windows-1252 too
    if (examples.size() < 3) examples.emplace_back(Text(1, c), Text(1, mapped));
    c = mapped;
    ++n;
  }
  return n;
}


Text to_text(std::string_view utf8) {
  Text t;
  t.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) t.push_back(decode_valid_utf8(utf8, i));
  return t;
}

std::string to_utf8(const Text& t) {
  std::string s;
  s.reserve(t.size());
  for (char32_t c : t) append_utf8(s, c);
  return s;
}

// For each code point: in which code pages it reads as a UTF-8 lead byte,
// as a continuation byte, and as byte 0xC3 (which pairs with a space, see
// SpanFinder::match_a_grave_space).
class PairTable {
 public:
  // Bits 0-7: lead byte in code page p; 8-15: continuation byte; 16: a
  // letter that is a lead byte somewhere (a space after it may be a lost
  // 0xA0); 17-23: lead byte of a two-byte sequence (C2..DF) in code page p
  // (the space alone can complete it); 24-31: byte 0xC3.
  static constexpr std::uint32_t kPages = 0xFF;
  static constexpr int kContinuation = 8, kLetterLead = 16, kTwoByteLead = 17, kByteC3 = 24;

  PairTable() : masks_(kEnd, 0) {
    const auto& maps = byte_maps();
    for (char32_t cp = 0x80; cp < kEnd; ++cp) masks_[cp] = mask_of(cp, maps);
    // The few code page characters above the table (ﬁ, ﬂ, Apple's logo).
    for (const CodePage& page : kCodePages) {
      for (char16_t c : page.high) {
        if (c < kEnd) continue;
        bool known = false;
        for (const auto& r : rest_) known = known || r.first == c;
        if (!known) rest_.emplace_back(c, mask_of(c, maps));
      }
    }
  }
  std::uint32_t masks(char32_t cp) const {
    if (cp < 0x80) return 0;
    if (cp < kEnd) return masks_[cp];
    for (const auto& [c, m] : rest_) {
      if (c == cp) return m;
    }
    return 0;  // in no code page (CJK, kana, most symbols)
  }
  // The code pages in which `prev` followed by `next` (non-ASCII, or a
  // space) could begin a UTF-8 sequence, given their masks.
  static std::uint32_t pair_pages(std::uint32_t prev, std::uint32_t next, bool next_is_space) {
    if (next_is_space) {
      std::uint32_t letter = (prev >> kLetterLead) & 1 ? prev & kPages : 0;
      return letter | ((prev >> kByteC3) & kPages);
    }
    return prev & (next >> kContinuation) & kPages;
  }
  // pair_pages() for `prev` followed by a space and then an ASCII character
  // other than a space or '?': a lost 0xA0 completes only a two-byte
  // sequence (SpanFinder::match wants a continuation byte, U+FFFD, '?' or
  // another space after it otherwise), and "Ã " pairs with anything.
  static std::uint32_t pair_pages_space_then_ascii(std::uint32_t prev) {
    std::uint32_t letter = (prev >> kLetterLead) & 1 ? prev & (prev >> kTwoByteLead) & kPages : 0;
    return letter | ((prev >> kByteC3) & kPages);
  }

 private:
  static constexpr char32_t kEnd = 0x2600;
  static std::uint32_t mask_of(char32_t cp, const std::array<ByteMap, kCodePageCount>& maps) {
    std::uint32_t m = 0;
    for (std::size_t p = 0; p < kCodePageCount; ++p) {
      int b = maps[p].byte_of(cp);
      if (b >= 0xC2 && b <= 0xF4) m |= 1U << p;
      if (b >= 0xC2 && b <= 0xDF) m |= 1U << (p + kTwoByteLead);
      if (b >= 0x80 && b <= 0xBF) m |= 1U << (p + kContinuation);
      if (b == 0xC3) m |= 1U << (p + kByteC3);
    }
    if ((m & kPages) && is_letter(cp)) m |= 1U << kLetterLead;
    return m;
  }
  std::vector<std::uint32_t> masks_;
  std::vector<std::pair<char32_t, std::uint32_t>> rest_;
};
static_assert(kCodePageCount <= 7);  // kTwoByteLead's bits end below kByteC3

const PairTable& pair_table() {
  static const PairTable table;
  return table;
}

// The first character at or after utf8[i] that may be in a code page: the
// code pages hold no character from U+3000 to U+EFFF (CJK, kana, Hangul:
// lead bytes E3..EE) nor above U+FFFF (F0..F4), and ASCII pairs with
// nothing before it.
std::size_t skip_to_code_page_character(std::string_view utf8, std::size_t i) {
  for (;;) {
    i = skip_ascii(utf8.data(), utf8.size(), i);
    if (i >= utf8.size()) return i;
    auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0xE3 || b == 0xEF) return i;
    i += b >= 0xF0 ? 4 : 3;
  }
}

// Mojibake needs a character that one of the code pages reads as a UTF-8
// lead byte, followed by one it reads as a continuation byte (or by a space,
// '?' or U+FFFD standing for a lost one); C1 controls need repair on their
// own. Most text has neither, and is checked without decoding it whole.
// Returns where the first such pair (or character) begins in utf8[from, ...),
// or npos. A line break ends every pair, so a scan of several lines finds
// what a scan of each line alone would.
std::size_t first_suspect(std::string_view utf8, std::size_t from) {
  const PairTable& table = pair_table();
  std::uint32_t lead = 0;  // masks of the previous character if it can lead
  std::size_t lead_at = 0;
  for (std::size_t i = from; i < utf8.size();) {
    if (lead == 0) {
      i = skip_to_code_page_character(utf8, i);
      if (i >= utf8.size()) break;
    }
    auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      if ((lead >> 16) && b == ' ') return lead_at;
      lead = 0;
      ++i;
      continue;
    }
    std::size_t start = i;
    char32_t cp = decode_valid_utf8(utf8, i);
    if (is_c1(cp) || cp == 0xFFFD) return start;
    std::uint32_t m = table.masks(cp);
    if (lead & (m >> 8) & 0xFF) return lead_at;
    lead = m & 0x100FF;
    lead_at = start;
  }
  return std::string_view::npos;
}

// Whether repair_line() could change the line: a necessary condition, so a
// line it rules out is passed over as it is. A suspect pair is often plain
// text in one code page ("слово»" reads as a Windows-1251 lead and
// continuation), but a repair needs more:
// - every code page but Windows-1252 must explain the whole line
//   (SpanFinder::find with `whole_text`), so the line's very first non-ASCII
//   character must begin a sequence there;
// - Windows-1252, which may mix with correct text, needs a pair of its own
//   anywhere; its lead bytes read as U+00C2..U+00F4, whose UTF-8 begins with
//   byte C3;
// - C1 controls (C2 80..C2 9F) and U+FFFD (EF BF BD) are repaired alone.
// So past the first character only the bytes C2, C3 and EF are looked at,
// 64 bytes at a time.
bool line_may_change(std::string_view line) {
  const PairTable& table = pair_table();
  // The code pages in which the character at line[i] begins a pair; true
  // when it needs repair on its own.
  auto pair_at = [&](std::size_t i, std::uint32_t& pages) {
    char32_t cp = decode_valid_utf8(line, i);
    if (is_c1(cp) || cp == 0xFFFD) return true;
    std::uint32_t m = table.masks(cp);
    pages = 0;
    if (i >= line.size() || (m & PairTable::kPages) == 0) return false;
    auto next = static_cast<unsigned char>(line[i]);
    if (next == ' ') {
      auto after = i + 1 < line.size() ? static_cast<unsigned char>(line[i + 1]) : 0x80;
      bool ascii_after = after < 0x80 && after != ' ' && after != '?';
      pages = ascii_after ? PairTable::pair_pages_space_then_ascii(m) : PairTable::pair_pages(m, 0, true);
    } else if (next >= 0x80) {
      char32_t after = decode_valid_utf8(line, i);
      if (is_c1(after) || after == 0xFFFD) return true;
      pages = PairTable::pair_pages(m, table.masks(after), false);
    }
    return false;
  };
  std::size_t first = skip_ascii(line.data(), line.size(), 0);
  if (first >= line.size()) return false;
  std::uint32_t pages = 0;
  if (pair_at(first, pages) || pages != 0) return true;
  constexpr std::uint32_t kWindows1252 = 1U;
  auto may_begin = [&](std::size_t i) {
    return pair_at(i, pages) || (pages & kWindows1252) != 0;
  };
  std::size_t i = first + 1;
  for (; i + kMaskBlock <= line.size(); i += kMaskBlock) {
    const char* block = line.data() + i;
    std::uint64_t candidates = range_mask(block, 0xC2, 0xC3) | equal_mask(block, 0xEF);
    for (; candidates; candidates &= candidates - 1) {
      if (may_begin(i + static_cast<std::size_t>(__builtin_ctzll(candidates)))) return true;
    }
  }
  for (; i < line.size(); ++i) {
    auto b = static_cast<unsigned char>(line[i]);
    if ((b == 0xC2 || b == 0xC3 || b == 0xEF) && may_begin(i)) return true;
  }
  return false;
}

}  // namespace

namespace {

// Repair one line (or the whole text when it holds no line break).
void repair_line(std::string_view line, std::string& out, MojibakeRepair& result) {
  Text t = to_text(line);
  std::vector<std::pair<Text, Text>> examples;
  std::size_t spans = 0;
  for (int round = 0; round < 4; ++round) {
    Pass p;
    // Most lines that get here need no repair: the first round tries only
    // the readings that may find something (later ones see repaired text).
    if (!fix_once(t, p, round == 0 ? possible_readings(t) : Readings())) break;
    t = std::move(p.text);
    spans += p.applied;
    for (auto& e : p.examples) {
      if (examples.size() < 3) examples.push_back(std::move(e));
    }
  }
  spans += fix_c1_controls(t, examples);
  if (spans == 0) {
    out.append(line);
    return;
  }
  result.spans += spans;
  for (const auto& [before, after] : examples) {
    if (result.examples.size() < 3) result.examples.emplace_back(to_utf8(before), to_utf8(after));
  }
  out += to_utf8(t);
}

}  // namespace

MojibakeRepair repair_mojibake(std::string_view text, std::string& result) {
  // Line by line: a line is the unit that reads as one encoding or another
  // (a page may quote a damaged paragraph), and clean lines are passed over
  // without decoding them, in one scan of the whole text.
  MojibakeRepair repair;
  std::string out;
  std::size_t copied = 0;  // text[0, copied) is in `out`
  for (std::size_t from = 0; from < text.size();) {
    std::size_t suspect = first_suspect(text, from);
    if (suspect == std::string_view::npos) break;
    std::size_t start = suspect == 0 ? std::string_view::npos : text.rfind('\n', suspect - 1);
    start = start == std::string_view::npos || start < from ? from : start + 1;
    std::size_t end = text.find('\n', suspect);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line_may_change(line)) {
      from = end + 1;
      continue;
    }
    std::size_t before = repair.spans;
    std::string repaired;
    repair_line(line, repaired, repair);
    if (repair.spans != before) {
      out.append(text.substr(copied, start - copied));
      out += repaired;
      copied = end;
    }
    from = end + 1;
  }
  if (repair.spans > 0) {
    out.append(text.substr(copied));
    result = std::move(out);
  }
  return repair;
}

MojibakeRepair repair_mojibake(std::string& utf8) { return repair_mojibake(utf8, utf8); }

bool mojibake_readings_cover(std::string_view line) {
  const Text t = to_text(line);
  const Readings possible = possible_readings(t);
  for (std::size_t page = 0; page < kCodePageCount; ++page) {
    Pass unused;
    if (((possible.whole >> page) & 1) == 0 && try_page(t, page, false, unused)) return false;
  }
  Pass unused;
  return possible.mixed || !try_page(t, 0, true, unused);
}

namespace {

// first_suspect() without its skips: every character in turn.
bool has_suspect_pair(std::string_view line) {
  const PairTable& table = pair_table();
  std::uint32_t prev = 0;
  for (std::size_t i = 0; i < line.size();) {
    char32_t cp = decode_valid_utf8(line, i);
    if (is_c1(cp) || cp == 0xFFFD) return true;
    if (cp == ' ' && (prev >> PairTable::kLetterLead) & 1) return true;
    std::uint32_t m = table.masks(cp);
    if (prev & (m >> PairTable::kContinuation) & PairTable::kPages) return true;
    prev = m;
  }
  return false;
}

}  // namespace

MojibakeRepair repair_mojibake_reference(std::string_view text, std::string& result) {
  MojibakeRepair repair;
  std::string out;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (has_suspect_pair(line)) {
      repair_line(line, out, repair);
    } else {
      out.append(line);
    }
    if (end < text.size()) out.push_back('\n');
    start = end + 1;
  }
  if (repair.spans > 0) result = std::move(out);
  return repair;
}

}  // namespace winnow::detail
