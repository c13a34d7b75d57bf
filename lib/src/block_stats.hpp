// Mode-neutral measurements of one block's text: how long it is, whether it
// reads as prose (ends a sentence, holds several), whether it looks like a
// date or a label. classify and select judge blocks by these numbers rather
// than by words alone, so the judgement carries over to any language.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "key_arena.hpp"

namespace winnow::detail {

struct BlockStats {
  // Letters and digits, with each CJK ideograph, kana or Hangul syllable
  // counted as 3: one such character carries about as much as three Latin
  // letters, so lengths compare across scripts.
  std::size_t units = 0;
  std::size_t words = 0;           // runs of letters/digits separated by spaces
  std::size_t sentence_ends = 0;   // . ! ? … 。 followed by a space or the end
  std::size_t digits = 0;
  std::size_t cased_words = 0;     // words that open with a cased letter
  std::size_t capitalized_words = 0;  // ... with an upper-case one
  bool ends_sentence = false;      // last visible mark ends a sentence (or is ':')
  bool starts_lower = false;       // first letter is lower case: a fragment
  bool has_url = false;            // "http://" or "www."

  bool operator==(const BlockStats&) const = default;
};

BlockStats block_stats(std::string_view text);
// The same, one code point at a time: the definition block_stats()'s fast
// path must agree with (tests and the markers fuzz target compare them).
BlockStats block_stats_reference(std::string_view text);

// block_stats() and marker_key() (markers.hpp) of the same text in one walk,
// 64 bytes at a time where the text is ASCII, with a property table for the
// rest: classify needs both of every block. `key` receives the key.
BlockStats block_stats_and_key(std::string_view text, std::string& key);
// The same with the key kept in `keys`: `key` views it there. `padded`: 64
// readable bytes follow the text (whatever they hold), so its last bytes
// are read in place rather than copied out first.
BlockStats block_stats_and_key(std::string_view text, KeyArena& keys, std::string_view& key,
                               bool padded = false);
// The same, and in the same walk the block's site-learning key,
// block_key(text) (block_key.hpp), in `words_key`.
BlockStats block_stats_key_and_words(std::string_view text, KeyArena& keys, std::string_view& key,
                                     std::uint64_t& words_key, bool padded = false);

// What the walk needs to know of a code point, looked up in a table filled
// as text meets them (code points up to U+FFFF; computed for the rest).
struct CodePointProps {
  enum : std::uint8_t {
    kSpace = 1,       // is_space()
    kAlnum = 2,       // is_letter_or_digit()
    kLower = 4,       // category Ll
    kCapital = 8,     // category Lu or Lt
    kWide = 16,       // counted as 3 units
    kStop = 32,       // ends a sentence
    kCloser = 64,     // may follow the final stop
    kFullStop = 128,  // a CJK stop that needs no space after it
  };
  std::uint8_t flags = 0;
  char32_t lower = 0;  // to_lower(), with U+2019 folded to an apostrophe as keys fold it

  bool operator==(const CodePointProps&) const = default;
};
CodePointProps code_point_props(char32_t cp);
// The same, computed directly (tests compare the two on every code point).
CodePointProps code_point_props_reference(char32_t cp);

// Length thresholds, in units (about five per Latin word).
inline constexpr std::size_t kProseUnits = 45;       // a sentence-ending block this long is prose
inline constexpr std::size_t kLongUnits = 160;       // a block this long is prose even unpunctuated
inline constexpr std::size_t kShortUnits = 25;       // below this a block is a label or a link

// Prose: a paragraph of running text, the stuff articles are made of.
inline bool is_prose(const BlockStats& s) {
  return (s.ends_sentence && s.units >= kProseUnits) || s.units >= kLongUnits;
}

// Short and unpunctuated: a menu entry, a label, a link title.
inline bool is_label(const BlockStats& s) {
  return !s.ends_sentence && s.units < kProseUnits;
}

// A label that reads like a link or menu entry: no digits, and Title Case
// ("Real Time Economics", "Contact Us") rather than a sentence-case fragment
// or a table cell ("1 tackle (1 combined)", "$139.00"). Caseless scripts
// count when the line is only a few words.
inline bool is_link_like(const BlockStats& s) {
  if (!is_label(s) || s.digits > 0) return false;
  if (s.cased_words == 0) return s.words <= 4;
  return s.capitalized_words * 2 >= s.cased_words + 1 || s.words <= 2;
}

}  // namespace winnow::detail
