// The comparison key of a block for site-level boilerplate learning
// (<winnow/site_boilerplate.hpp>): blocks compare by their words, so
// "© 2023 Site Inc." and "(©) 2024 SITE, Inc" get the same key, and so do
// "12 comments" and "3 Comments".
//
// block_words() spells out what is compared, one code point at a time.
// WordsSpeller writes the same words into a buffer along the walk that
// block_stats_key_and_words() makes over every block (ASCII 64 bytes at a
// time from its masks), and hashes them eight bytes at a time; block_key()
// drives the same speller over a text on its own. Tests hold them to
// block_key(t) == words_key(block_words(t)).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "byte_masks.hpp"

namespace winnow::detail {

// The words of `text` as they are compared: runs of letters and digits,
// lower-cased, each run of digits read as one '0', runs of anything else
// (punctuation, spacing) as one ' ' and none at either end. A letter or
// digit outside ASCII is written as its lower-cased code point in four
// little-endian bytes. Empty when the text has no letter or digit.
std::string block_words(std::string_view text);

// The key of a word string as block_words() builds it: a 64-bit hash over
// eight-byte lanes, never 0; 0 for the empty string.
std::uint64_t words_key(std::string_view words);

// words_key(block_words(text)), spelled by a WordsSpeller. A page's keys
// come cheaper from extract() (Options::block_keys), which spells them in
// a walk it makes anyway.
std::uint64_t block_key(std::string_view text);

// words_key() of the `size` bytes at `words`, which has eight readable
// bytes past them.
std::uint64_t hash_words(const unsigned char* words, std::size_t size);

// block_key() of a text written along another walk through it: the walk of
// block_stats_and_key() (block_stats.hpp) gives each character, or a run of
// ASCII with its masks, and the words are spelled into room the walk sized
// (2 * text size + kWordsSlack bytes). A separator writes the gap between
// two words at once and key() takes it back when no word follows, which
// spells what block_words() does by writing it before the next word.
class WordsSpeller {
 public:
  static constexpr std::size_t kWordsSlack = 80;
  static_assert(kWordsSlack >= kMaskBlock, "write_spelled() stores 64 bytes from where the words end so far");

  explicit WordsSpeller(unsigned char* room) : base_(room), out_(room) {}

  void ascii(unsigned char c) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      *out_++ = static_cast<unsigned char>(c | 0x20);
      last_ = Last::Word;
    } else if (c >= '0' && c <= '9') {
      if (last_ != Last::Digit) *out_++ = '0';
      last_ = Last::Digit;
    } else {
      separator();
    }
  }

  // A code point >= 0x80: `lower` is its lower case, `alnum` whether it is
  // a letter or digit.
  void code_point(char32_t lower, bool alnum) {
    if (!alnum) return separator();
    const auto v = static_cast<std::uint32_t>(lower);
    const unsigned char le[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
                                 static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 24)};
    std::memcpy(out_, le, 4);
    out_ += 4;
    last_ = Last::Word;
  }

#if defined(__SSE2__)
  // The first `n` (1..64) bytes at p, all ASCII; p has sixteen readable
  // bytes for each sixteen or part of them. `letters` and `digits` mark
  // the ASCII letters and digits among them (bit k: byte k).
  void ascii_run(const char* p, std::size_t n, std::uint64_t letters, std::uint64_t digits) {
    const std::uint64_t valid = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
    letters &= valid;
    digits &= valid;
    const std::uint64_t words = letters | digits;
    const bool after_word = last_ == Last::Word || last_ == Last::Digit;
    // A digit after a digit, and a separator after a separator or before
    // the first word, write nothing.
    const std::uint64_t digit_starts = digits & ~((digits << 1) | (last_ == Last::Digit ? 1 : 0));
    const std::uint64_t gaps = valid & ~words & ((words << 1) | (after_word ? 1 : 0));
    write_spelled(p, static_cast<int>((n + 15) / 16), letters | digit_starts | gaps);
    const std::uint64_t top = std::uint64_t{1} << (n - 1);
    if (letters & top) {
      last_ = Last::Word;
    } else if (digits & top) {
      last_ = Last::Digit;
    } else if (words || after_word) {
      last_ = Last::Separator;
    }
  }
#else
  void ascii_run(const char* p, std::size_t n, std::uint64_t, std::uint64_t) {
    for (std::size_t k = 0; k < n; ++k) ascii(static_cast<unsigned char>(p[k]));
  }
#endif

  std::uint64_t key() {
    if (last_ == Last::Separator) --out_;  // no word after the last gap
    last_ = Last::Nothing;
    return hash_words(base_, static_cast<std::size_t>(out_ - base_));
  }

 private:
  enum class Last : std::uint8_t { Nothing, Word, Digit, Separator };

  void separator() {
    if (last_ == Last::Word || last_ == Last::Digit) {
      *out_++ = ' ';
      last_ = Last::Separator;
    }
  }

#if defined(__SSE2__)
  // The bytes `keep` selects of the first 16 x `vectors` at p, spelled as
  // the words spell them (letters lower-cased, digits '0', anything else
  // ' '), in order: stored whole, and copied in stretches where some are
  // left out. Each stretch is copied as 64 bytes, whatever its length (the
  // room has kWordsSlack bytes past the words): a loop over its sixteens
  // ended where the text did, as unpredictably.
  void write_spelled(const char* p, int vectors, std::uint64_t keep) {
    alignas(16) unsigned char spelled[2 * 64];
    for (int v = 0; v < vectors; ++v) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * v));
      const __m128i lowered = _mm_or_si128(x, _mm_set1_epi8(0x20));
      const __m128i letter = sse2::below_from(lowered, 'a', 26);
      const __m128i digit = sse2::below_from(x, '0', 10);
      const __m128i spell = _mm_or_si128(
          _mm_or_si128(_mm_and_si128(letter, lowered), _mm_and_si128(digit, _mm_set1_epi8('0'))),
          _mm_andnot_si128(_mm_or_si128(letter, digit), _mm_set1_epi8(' ')));
      _mm_store_si128(reinterpret_cast<__m128i*>(spelled + 16 * v), spell);
    }
    while (keep) {
      const auto from = static_cast<unsigned>(std::countr_zero(keep));
      const std::uint64_t rest = ~(keep >> from);
      const unsigned run = rest == 0 ? 64 - from : static_cast<unsigned>(std::countr_zero(rest));
      std::memcpy(out_, spelled + from, 64);
      out_ += run;
      keep = from + run >= 64 ? 0 : keep & (~std::uint64_t{0} << (from + run));
    }
  }
#endif

  unsigned char* base_;
  unsigned char* out_;
  Last last_ = Last::Nothing;
};

}  // namespace winnow::detail
