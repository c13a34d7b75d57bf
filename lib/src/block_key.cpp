// Block keys for site-level boilerplate. See block_key.hpp.
#include "block_key.hpp"

#include <array>
#include <bit>
#include <cstring>
#include <memory>

#include "ascii_words.hpp"
#include "utf8.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace winnow::detail {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finalizer
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

// The hash of the words: eight bytes at a time (little-endian lanes, the
// last one zero-padded), each lane folded in by a multiply and a rotation,
// then the length and the splitmix64 finalizer. The lanes form a serial
// chain, but one step per eight bytes rather than one multiply per byte.
// The sketch places its counters by these keys: changing the function
// moves its collisions, so it is pinned by tests. `words` has eight
// readable bytes past `size`, so the last lane is one load.
std::uint64_t hash_words(const unsigned char* words, std::size_t size) {
  if (size == 0) return 0;
  constexpr std::uint64_t kLaneMultiplier = 0x9FB21C651E98DF25ull;
  std::uint64_t h = 0x2D358DCCAA6C78A5ull;
  std::size_t at = 0;
  for (; at + 8 <= size; at += 8) {
    std::uint64_t lane;
    std::memcpy(&lane, words + at, 8);
    h = std::rotl((h ^ lane) * kLaneMultiplier, 29);
  }
  if (at < size) {
    std::uint64_t lane;
    std::memcpy(&lane, words + at, 8);
    lane &= ~std::uint64_t{0} >> (8 * (8 - (size - at)));
    h = std::rotl((h ^ lane) * kLaneMultiplier, 29);
  }
  return mix(h ^ size) | 1;
}

namespace {

// The words being written, into room the caller sized (block_words() is
// never longer than twice its text) with 16 bytes to spare, so that a
// stretch is stored sixteen bytes at once and the hash reads whole lanes.
class WordsWriter {
 public:
  explicit WordsWriter(unsigned char* room) : base_(room), out_(room) {}

  void byte(unsigned char b) { *out_++ = b; }

  // The `n` (0..16) bytes from `at`, which has sixteen readable bytes.
  void bytes(const unsigned char* at, unsigned n) {
    std::memcpy(out_, at, 16);
    out_ += n;
  }

  // A code point as four little-endian bytes.
  void code_point(char32_t cp) {
    const std::uint32_t v = static_cast<std::uint32_t>(cp);
    const unsigned char le[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
                                 static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 24)};
    std::memcpy(out_, le, 4);
    out_ += 4;
  }

  bool empty() const { return out_ == base_; }

  std::uint64_t finish() const { return hash_words(base_, static_cast<std::size_t>(out_ - base_)); }

 private:
  unsigned char* base_;
  unsigned char* out_;
};

bool ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool letter_or_space(unsigned char c) { return c == ' ' || ascii_letter(c); }

// What a non-ASCII character adds to the words: its lower case when it is
// a letter or digit, else 0 (a separator). Looked up in a table for
// two-byte sequences (U+0080..U+07FF: accented Latin, Greek, Cyrillic,
// Hebrew, Arabic) and for general punctuation (U+2000..U+207F: dashes,
// curly quotes, the ellipsis), the bulk of the non-ASCII characters of
// pages; asked of utf8.hpp for the rest.
class WordCharTable {
 public:
  static const WordCharTable& get() {
    static const WordCharTable table;
    return table;
  }

  // Decodes the character at text[i] (a byte >= 0x80), advancing i.
  char32_t word_char(std::string_view text, std::size_t& i) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + i;
    const std::size_t left = text.size() - i;
    if (p[0] >= 0xC2 && p[0] <= 0xDF && left >= 2 && (p[1] & 0xC0) == 0x80) {
      i += 2;
      return two_byte_[((p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu)) - 0x80];
    }
    if (p[0] == 0xE2 && left >= 3 && (p[1] == 0x80 || p[1] == 0x81) && (p[2] & 0xC0) == 0x80) {
      i += 3;
      return punctuation_[(p[1] & 0x01u) << 6 | (p[2] & 0x3Fu)];
    }
    return lookup(next_code_point_multibyte(text, i));
  }

 private:
  static char32_t lookup(char32_t cp) { return is_letter_or_digit(cp) ? to_lower(cp) : 0; }

  // Out of line, so that get() stays a guard check.
  [[gnu::noinline]] WordCharTable() {
    for (char32_t cp = 0x80; cp < 0x800; ++cp) two_byte_[cp - 0x80] = lookup(cp);
    for (char32_t cp = 0x2000; cp < 0x2080; ++cp) punctuation_[cp - 0x2000] = lookup(cp);
  }

  std::array<char32_t, 0x800 - 0x80> two_byte_{};
  std::array<char32_t, 0x80> punctuation_{};
};

// Walks a block's text and writes its words (block_words()) for the hash.
// Most of prose is runs of ASCII letters with
// single spaces between them, and there the words are the text itself,
// lower-cased: take_plain16() (SSE2) and take_plain() write such stretches
// sixteen or eight bytes at a time; take_other() handles one character of
// anything else.
class KeyWalk {
 public:
  KeyWalk(std::string_view text, unsigned char* room)
      : text_(text), table_(WordCharTable::get()), words_(room) {}

  std::uint64_t run() {
    const std::size_t size = text_.size();
    std::size_t i = 0;
    while (i < size) {
#if defined(__SSE2__)
      if (size - i >= 16) {
        unsigned plain = take_plain16(text_.data() + i);
        i += plain;
        if (plain == 16 || i >= size) continue;
      } else
#endif
      if (ascii_words::kAvailable) {
        unsigned plain = take_plain(window(i));
        i += plain;
        if (plain == 8 || i >= size) continue;
      }
      // Digits, punctuation and non-ASCII text come in runs: no eight-byte
      // look while the next byte could not start a plain stretch.
      do {
        i = take_other(i);
      } while (i < size && !letter_or_space(static_cast<unsigned char>(text_[i])));
    }
    return words_.finish();
  }

 private:
  // Eight bytes from `at`; past the end, NULs, which are no part of a word
  // (a stretch stops there, and the end of the text is a gap anyway).
  // The end of a text is read without a call to memcpy: most blocks are
  // short, and every block has an end.
  std::uint64_t window(std::size_t at) const {
    const std::size_t left = text_.size() - at;
    if (left >= 8) return ascii_words::load(text_.data() + at);
    // The text's last eight bytes, shifted down to the `left` wanted.
    if (text_.size() >= 8) return ascii_words::load(text_.data() + text_.size() - 8) >> (8 * (8 - left));
    std::uint64_t word = 0;
    for (std::size_t k = 0; k < left; ++k) word |= std::uint64_t{static_cast<unsigned char>(text_[at + k])} << (8 * k);
    return word;
  }

  // The leading bytes of `word` that are ASCII letters or spaces, no two
  // spaces together, written as block_words() spells them: a space is a
  // word gap, and a gap at either end of the stretch is left pending, since
  // only what follows decides whether it shows. Returns how many bytes.
  unsigned take_plain(std::uint64_t word) {
    using namespace ascii_words;
    const std::uint64_t high = word & kHighs;
    const std::uint64_t lowered = word | (kOnes * 0x20);  // letters folded; a space stays a space
    const std::uint64_t seven = lowered & ~kHighs;
    const std::uint64_t letters = ~below(seven, 'a') & below(seven, 'z' + 1) & ~high;
    const std::uint64_t spaces = equal(word, ' ');
    const std::uint64_t others = (~(letters | spaces) & kHighs) | (spaces & (spaces << 8));
    const unsigned n = others == 0 ? 8 : static_cast<unsigned>(std::countr_zero(others)) / 8;
    const bool space_last = n > 0 && ((spaces >> (8 * n - 1)) & 1);
    unsigned char bytes[32] = {};  // the writer reads sixteen from bytes[0] or [1]
    std::memcpy(bytes, &lowered, 8);
    return take_stretch(bytes, n, spaces & 0x80, space_last);
  }

#if defined(__SSE2__)
  // take_plain() for the sixteen bytes at `at` (every x86-64 has SSE2).
  unsigned take_plain16(const char* at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    const __m128i lowered = _mm_or_si128(v, _mm_set1_epi8(0x20));
    // 'a'..'z' moved to the bottom of the signed range; bytes >= 0x80 land
    // above it whatever they are.
    const __m128i shifted = _mm_add_epi8(lowered, _mm_set1_epi8(static_cast<char>(0x80 - 'a')));
    const auto letters = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(0x80 + 26)))));
    const auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
    const unsigned others = (~(letters | spaces) & 0xFFFFu) | (spaces & (spaces << 1));
    const unsigned n = others == 0 ? 16 : static_cast<unsigned>(std::countr_zero(others));
    const bool space_last = n > 0 && ((spaces >> (n - 1)) & 1);
    alignas(16) unsigned char bytes[32];  // the writer reads sixteen from bytes[0] or [1]
    _mm_store_si128(reinterpret_cast<__m128i*>(bytes), lowered);
    return take_stretch(bytes, n, spaces & 1, space_last);
  }
#endif

  // The first `n` of `lowered`, the text's bytes lower-cased, ASCII letters
  // and single spaces; whether the first and the last are spaces.
  unsigned take_stretch(const unsigned char* lowered, unsigned n, bool space_first, bool space_last) {
    if (n == 0) return 0;
    const unsigned first = space_first ? 1 : 0;
    if (space_first) {
      separator();
      if (n == 1) return 1;
    }
    // lowered[first] is a letter: spaces never touch.
    const unsigned last = space_last ? n - 1 : n;
    if (gap_) words_.byte(' ');
    words_.bytes(lowered + first, last - first);
    gap_ = space_last;
    in_digits_ = false;
    return n;
  }

  // One character at text_[i] (any but where take_plain() stopped is fine);
  // returns where the next begins.
  std::size_t take_other(std::size_t i) {
    auto c = static_cast<unsigned char>(text_[i]);
    if (c < 0x80) {
      if (ascii_letter(c)) {
        word_char();
        words_.byte(static_cast<unsigned char>(c | 0x20));
      } else if (ascii_digit(c)) {
        if (!in_digits_) {
          word_char();
          words_.byte('0');
          in_digits_ = true;
        }
      } else {
        separator();
      }
      return i + 1;
    }
    return take_multibyte(i);
  }

  // The character at text_[i], a byte >= 0x80; returns where the next begins.
  std::size_t take_multibyte(std::size_t i) {
    const char32_t word = table_.word_char(text_, i);
    if (word == 0) {
      separator();
    } else {
      word_char();
      words_.code_point(word);
    }
    return i;
  }

  void word_char() {
    if (gap_) words_.byte(' ');
    gap_ = false;
    in_digits_ = false;
  }

  void separator() {
    gap_ = !words_.empty();
    in_digits_ = false;
  }

  std::string_view text_;
  const WordCharTable& table_;
  WordsWriter words_;
  bool gap_ = false, in_digits_ = false;
};

}  // namespace

std::string block_words(std::string_view text) {
  std::string words;
  bool gap = false, in_digits = false;
  auto word_char = [&] {
    if (gap && !words.empty()) words.push_back(' ');
    gap = false;
  };
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (!is_letter_or_digit(cp)) {
      gap = true;
      in_digits = false;
    } else if (cp < 0x80 && ascii_digit(static_cast<unsigned char>(cp))) {
      if (!in_digits) {
        word_char();
        words.push_back('0');
      }
      in_digits = true;
    } else {
      word_char();
      in_digits = false;
      bool ascii = cp < 0x80;
      cp = to_lower(cp);
      if (ascii) {
        words.push_back(static_cast<char>(cp));
      } else {
        for (int shift = 0; shift < 32; shift += 8) words.push_back(static_cast<char>((cp >> shift) & 0xFF));
      }
    }
  }
  return words;
}

std::uint64_t words_key(std::string_view words) {
  std::string padded(words);
  padded.append(8, '\0');
  return hash_words(reinterpret_cast<const unsigned char*>(padded.data()), words.size());
}

std::uint64_t block_key(std::string_view text) {
  // A 2-byte letter becomes 4 bytes of words; nothing grows more.
  constexpr std::size_t kOnStack = 4096;
  const std::size_t room = 2 * text.size() + 32;
  unsigned char on_stack[kOnStack];
  std::unique_ptr<unsigned char[]> on_heap;
  unsigned char* words = on_stack;
  if (room > kOnStack) {
    on_heap = std::make_unique_for_overwrite<unsigned char[]>(room);
    words = on_heap.get();
  }
  return KeyWalk(text, words).run();
}

}  // namespace winnow::detail
