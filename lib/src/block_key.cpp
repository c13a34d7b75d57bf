// Block keys for site-level boilerplate. See block_key.hpp.
#include "block_key.hpp"

#include <bit>
#include <cstring>
#include <memory>

#include "block_stats.hpp"
#include "byte_masks.hpp"
#include "utf8.hpp"

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
    } else if (cp >= '0' && cp <= '9') {
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
  const std::size_t room = 2 * text.size() + WordsSpeller::kWordsSlack;
  unsigned char on_stack[kOnStack];
  std::unique_ptr<unsigned char[]> on_heap;
  unsigned char* buffer = on_stack;
  if (room > kOnStack) {
    on_heap = std::make_unique_for_overwrite<unsigned char[]>(room);
    buffer = on_heap.get();
  }
  // ASCII 64 or 16 bytes at a time with their masks (byte by byte in the
  // last 15), other characters one at a time with their properties, as the
  // stats walk spells them.
  WordsSpeller words(buffer);
  const std::size_t size = text.size();
  for (std::size_t i = 0; i < size;) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      const CodePointProps p = code_point_props(next_code_point_multibyte(text, i));
      words.code_point(p.lower, (p.flags & CodePointProps::kAlnum) != 0);
    } else if (size - i < 16) {
      words.ascii(static_cast<unsigned char>(text[i++]));
    } else {
      const int vectors = size - i >= kMaskBlock ? 4 : 1;
      const StatsMasks m = stats_masks(text.data() + i, vectors);
      const std::size_t run = m.high ? static_cast<std::size_t>(std::countr_zero(m.high)) : 16 * static_cast<std::size_t>(vectors);
      words.ascii_run(text.data() + i, run, m.letter, m.digit);
      i += run;
    }
  }
  return words.key();
}

}  // namespace winnow::detail
