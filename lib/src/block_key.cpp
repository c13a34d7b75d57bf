// Block keys for site-level boilerplate. See block_key.hpp.
#include "block_key.hpp"

#include <bit>

#include "ascii_words.hpp"
#include "utf8.hpp"

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
  void byte(unsigned char b) {
    state_ = (state_ ^ b) * kPrime;
    any_ = true;
  }

  // The first `n` (1..8) bytes of `w`, memory order from the low byte.
  void bytes(std::uint64_t w, unsigned n) {
    for (unsigned k = 0; k < n; ++k, w >>= 8) byte(static_cast<unsigned char>(w));
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

// How many bytes from `at` (eight readable) are ASCII letters, and the
// eight bytes lower-cased where they are.
unsigned letter_run(const char* at, std::uint64_t& lowered) {
  using namespace ascii_words;
  std::uint64_t word = load(at);
  std::uint64_t high = word & kHighs;
  lowered = (word & ~kHighs) | (kOnes * 0x20);  // letters folded; no byte >= 0x80
  std::uint64_t letters = ~below(lowered, 'a') & below(lowered, 'z' + 1) & ~high;
  std::uint64_t others = ~letters & kHighs;
  return others == 0 ? 8 : static_cast<unsigned>(std::countr_zero(others)) / 8;
}

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

std::uint64_t block_key(std::string_view text) {
  WordsHasher h;
  bool gap = false, in_digits = false;
  auto word_char = [&] {
    if (gap) h.byte(' ');
    gap = false;
    in_digits = false;
  };
  const char* data = text.data();
  const std::size_t size = text.size();
  for (std::size_t i = 0; i < size;) {
    auto c = static_cast<unsigned char>(data[i]);
    if (ascii_letter(c)) {
      word_char();
      if (ascii_words::kAvailable && size - i >= 8) {
        std::uint64_t lowered;
        unsigned n = letter_run(data + i, lowered);
        h.bytes(lowered, n);
        i += n;
      } else {
        h.byte(static_cast<unsigned char>(c | 0x20));
        ++i;
      }
    } else if (ascii_digit(c)) {
      if (!in_digits) {
        word_char();
        h.byte('0');
        in_digits = true;
      }
      ++i;
    } else if (c < 0x80) {
      gap = !h.empty();
      in_digits = false;
      ++i;
    } else {
      char32_t cp = next_code_point_multibyte(text, i);
      if (!is_letter_or_digit(cp)) {
        gap = !h.empty();
        in_digits = false;
        continue;
      }
      word_char();
      h.bytes(to_lower(cp), 4);
    }
  }
  return h.finish();
}

}  // namespace winnow::detail
