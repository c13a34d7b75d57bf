// Block keys for site-level boilerplate. See block_key.hpp.
#include "block_key.hpp"

#include <array>
#include <bit>
#include <cstring>

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

// FNV-1a over the word bytes, fed in pieces, then mixed: the sketch's
// counters are placed by these keys, so the function stays as it was when
// the keys were first computed byte by byte (another function would move
// sketch collisions, and with them a few results).
class WordsHasher {
 public:
  // The 64-bit prime cannot be an instruction's immediate operand; short of
  // registers, compilers load it again for every byte. Hiding its value
  // keeps it in a register through a run of bytes.
  static std::uint64_t in_register(std::uint64_t value) {
#if defined(__GNUC__)
    asm("" : "+r"(value));
#endif
    return value;
  }

  void byte(unsigned char b) {
    state_ = (state_ ^ b) * kPrime;
    any_ = true;
  }

  // The `n` (0..16) bytes from `at`. Up to eight of them through a chain
  // entered at case n: no loop counter, each byte read from memory.
  void bytes(const unsigned char* at, unsigned n) {
    std::uint64_t h = state_;
    const std::uint64_t p = in_register(kPrime);
    if (n > 8) {
      // Unrolled at -O2 too: the loop's own counting cost as much as the
      // hashing (the stretches are short).
#if defined(__GNUC__)
#pragma GCC unroll 8
#endif
      for (unsigned k = 0; k < 8; ++k) {
        h ^= at[k];
        h *= p;
      }
      at += 8;
      n -= 8;
    }
    const unsigned char* end = at + n;  // entered at case n, at[0] comes first
    switch (n) {
      case 8: h ^= end[-8]; h *= p; [[fallthrough]];
      case 7: h ^= end[-7]; h *= p; [[fallthrough]];
      case 6: h ^= end[-6]; h *= p; [[fallthrough]];
      case 5: h ^= end[-5]; h *= p; [[fallthrough]];
      case 4: h ^= end[-4]; h *= p; [[fallthrough]];
      case 3: h ^= end[-3]; h *= p; [[fallthrough]];
      case 2: h ^= end[-2]; h *= p; [[fallthrough]];
      case 1: h ^= end[-1]; h *= p; any_ = true; [[fallthrough]];
      default: break;
    }
    state_ = h;
  }

  // A code point as four little-endian bytes; the fourth is always 0, and
  // x ^ 0 is x.
  void code_point(char32_t cp) {
    state_ = (state_ ^ (cp & 0xFF)) * kPrime;
    state_ = (state_ ^ ((cp >> 8) & 0xFF)) * kPrime;
    state_ = (state_ ^ (cp >> 16)) * kPrime;
    state_ *= kPrime;
    any_ = true;
  }

  bool empty() const { return !any_; }

  std::uint64_t finish() const { return empty() ? 0 : mix(state_) | 1; }

 private:
  static constexpr std::uint64_t kBasis = 0xCBF29CE484222325ull;
  static constexpr std::uint64_t kPrime = 0x100000001B3ull;
  std::uint64_t state_ = kBasis;
  bool any_ = false;
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

// Walks a block's text and feeds its words (block_words()) to the hasher
// without building them. Most of prose is runs of ASCII letters with
// single spaces between them, and there the words are the text itself,
// lower-cased: take_plain16() (SSE2) and take_plain() hash such stretches
// sixteen or eight bytes at a time; take_other() handles one character of
// anything else.
class KeyWalk {
 public:
  explicit KeyWalk(std::string_view text) : text_(text), table_(WordCharTable::get()) {}

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
    return hasher_.finish();
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
  // spaces together, hashed as block_words() spells them: a space is a
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
    unsigned char bytes[8];
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
    alignas(16) unsigned char bytes[16];
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
    if (gap_) hasher_.byte(' ');
    hasher_.bytes(lowered + first, last - first);
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
        hasher_.byte(static_cast<unsigned char>(c | 0x20));
      } else if (ascii_digit(c)) {
        if (!in_digits_) {
          word_char();
          hasher_.byte('0');
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
      hasher_.code_point(word);
    }
    return i;
  }

  void word_char() {
    if (gap_) hasher_.byte(' ');
    gap_ = false;
    in_digits_ = false;
  }

  void separator() {
    gap_ = !hasher_.empty();
    in_digits_ = false;
  }

  std::string_view text_;
  const WordCharTable& table_;
  WordsHasher hasher_;
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
  WordsHasher h;
  for (unsigned char c : words) h.byte(c);
  return h.finish();
}

std::uint64_t block_key(std::string_view text) { return KeyWalk(text).run(); }

}  // namespace winnow::detail
