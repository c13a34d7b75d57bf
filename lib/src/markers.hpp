// Marker phrases (lib/data/markers.txt): short lines that are site chrome on
// any site. Loaded once from the copy built into the library.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "pair_filter.hpp"
#include "simd_level.hpp"
#include "spread_hash.hpp"
#include "winnow/winnow.hpp"

namespace winnow::detail {

// The comparison key of a block: lower-cased, trimmed of spaces, punctuation
// and symbols at both ends, inner whitespace folded.
std::string marker_key(std::string_view text);
// The same, one code point at a time: the definition marker_key()'s fast
// path must agree with (tests and the markers fuzz target compare them).
std::string marker_key_reference(std::string_view text);

// marker_key() of a piece of a key with no space in it (a word of the key),
// without building a string: the key is already lower-cased, so only the
// trimming is left to do (tests compare the two on every word).
std::string_view key_word_key(std::string_view word);

// A second byte's bit in MarkerSet::pattern_second_bytes and
// teaser_second_bytes.
inline std::uint32_t second_byte_bit(unsigned char c) { return std::uint32_t{1} << (c & 31); }

// Whether a key can match what starts with its first byte, by its second
// (`second_bytes` as in MarkerSet::pattern_second_bytes); a one-byte key is
// tried.
inline bool may_follow(const std::array<std::uint32_t, 256>& second_bytes, std::string_view key) {
  if (key.size() < 2) return true;
  const std::uint32_t allowed = second_bytes[static_cast<unsigned char>(key[0])];
  return (allowed & second_byte_bit(static_cast<unsigned char>(key[1]))) != 0;
}

// A phrase with a number placeholder (`<n>`) or a trailing `...` (the block
// only has to start with it); plain phrases live in MarkerSet::whole.
struct MarkerPattern {
  std::string text;     // the phrase key, `<n>` kept as written, `...` removed
  bool prefix = false;  // trailing `...`: matches blocks that start with it
  Reason reason = Reason::Chrome;
};

// True when `key` (a marker_key) matches the pattern.
bool match_pattern(const MarkerPattern& pattern, std::string_view key);

// Hashes keys given as any string type, so that a lookup by string_view
// builds no std::string.
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const { return spread_hash(key); }
};

struct MarkerSet {
  std::unordered_map<std::string, Reason, KeyHash, std::equal_to<>> whole;  // key -> reason
  // The longest key in `whole`: a longer key (most prose) is not looked up.
  // parse_markers() sets it, index_patterns() recomputes it.
  std::size_t longest_whole = 0;
  // For each first byte, bit min(size, 63) set for the size of each key in
  // `whole` that starts with it: most keys are turned away without hashing.
  // index_patterns() rebuilds it.
  std::array<std::uint64_t, 256> whole_sizes_by_first_byte{};
  // The same for the keys of one word in `whole` that are a share or menu
  // button ([share], [navigation]): is_button_row() turns most words away
  // by these. index_patterns() builds it.
  std::array<std::uint64_t, 256> button_word_sizes_by_first_byte{};
  // `whole` again as one flat table with the keys' bytes side by side: a
  // lookup reads one slot and one key, not a bucket, a node and a string
  // apart. index_patterns() builds it; find_whole() uses the map while the
  // table does not hold every key (a key added after indexing).
  struct WholeSlot {
    std::uint64_t hash = 0;  // spread_hash() of the key
    std::uint32_t offset = 0;  // where the key's bytes start in whole_bytes
    std::uint32_t size = 0;    // 0: a free slot (an empty key is never a phrase)
    Reason reason = Reason::Chrome;
  };
  std::vector<WholeSlot> whole_slots;  // a power of two, at most half full
  std::string whole_bytes;
  std::size_t whole_slot_keys = 0;     // keys in the table
  std::vector<MarkerPattern> patterns;             // placeholders and prefixes
  // For each first byte of a key, the second bytes (bit c & 31 for byte c)
  // that a pattern starting with it can have next: most keys that share a
  // pattern's first byte differ at the second, and are turned away there
  // rather than after a walk through the patterns, a loop whose length
  // varies with the key's first letter. index_patterns() builds it.
  std::array<std::uint32_t, 256> pattern_second_bytes{};
  // A pattern as match_patterns() tries it: first the shortest key it can
  // match (a `<n>` takes one byte or more, any other byte one), then the
  // bytes a key must open with, up to eight, as a word and a mask: the
  // pattern's bytes before its first `<n>`, or for a pattern that opens with
  // `<n>`, the bytes after it, which follow the key's leading number. Most
  // keys that pass pattern_second_bytes differ within them ("contact us"
  // from "copyright ...", "2 hours ago" from "<n> min read") and are turned
  // away by one comparison rather than a walk of the pattern.
  struct PatternHead {
    std::uint64_t bytes = 0;  // the bytes, as opening_word() reads them
    std::uint64_t mask = 0;   // 0xff for each byte compared
    std::uint32_t min_size = 0;
    std::uint32_t pattern = 0;  // index in `patterns`
    bool after_number = false;
  };
  // For each first byte of a key, the heads of the patterns (in order)
  // that can match such a key, side by side; index_patterns() builds it.
  std::array<std::vector<PatternHead>, 256> pattern_heads_by_first_byte;
  std::vector<std::string> teaser_prefixes;        // lower-cased: [teaser] and [credit]
  // For each prefix, what a block opening with it is: Teaser, or Byline
  // for a [credit] prefix (a photo credit, "Photo: ...").
  std::vector<Reason> teaser_reasons;
  // For each first byte, the teaser prefixes (indices, in order) that start
  // with it; parse_markers() fills it, index_patterns() rebuilds it.
  std::array<std::vector<std::uint32_t>, 256> teasers_by_first_byte;
  // The same as pattern_second_bytes, for the teaser prefixes.
  std::array<std::uint32_t, 256> teaser_second_bytes{};
  std::vector<std::string> chrome_words;           // [chrome-words]: found anywhere in a block
  // For each chrome-words phrase, the words one of which the block must
  // also hold for the phrase to count ("cookies" beside "website"); empty
  // when it counts alone.
  std::vector<std::vector<std::string>> chrome_word_contexts;
  std::uint64_t phrases_with_context = 0;  // bit k: chrome_word_contexts[k] is not empty
  // For each chrome-words phrase, the index of the byte it is searched by
  // (the first of its rarest pair); index_patterns() builds it.
  std::vector<std::size_t> chrome_word_anchors;
  // For each byte, the chrome-words phrases (indices, in order) anchored at
  // it, and each phrase's rarest pair (its anchor byte and the next):
  // find_chrome_words() looks for all the pairs in one pass. index_patterns()
  // builds both; left empty (and the reference used) when a phrase is
  // shorter than two bytes or there are over 64 phrases.
  std::array<std::vector<std::uint32_t>, 256> chrome_words_by_anchor;
  PairFilter chrome_pairs;
  // The shortest chrome-words phrase: a shorter key (most labels) holds
  // none. index_patterns() sets it.
  std::size_t shortest_chrome_word = 0;
  // [list-nouns]: words that, in a short heading, name a list of pieces
  // of content ("stories", "articles", "Beiträge").
  std::unordered_set<std::string, KeyHash, std::equal_to<>> list_nouns;
  // For each first byte, bit min(size, 63) set for the size of each list
  // noun that starts with it: most words are turned away without hashing.
  std::array<std::uint64_t, 256> list_noun_sizes_by_first_byte{};
  std::size_t shortest_list_noun = 0, longest_list_noun = 0;  // in bytes
  // [sign-up]: how a call to sign up or follow opens ("sign up ...",
  // "follow us ..."), each a prefix pattern.
  std::vector<MarkerPattern> sign_up_openers;
  // [contributors]: how a line that credits the article's reporters opens
  // ("reporting by ...") or closes ("contributed to this report").
  std::vector<MarkerPattern> contributor_openers;
  std::vector<std::string> contributor_closers;
  // For each first byte, the openers (indices) that start with it: most
  // lines are turned away by their first byte, the rest try one or two.
  std::array<std::vector<std::uint32_t>, 256> sign_up_by_first_byte;

  void index_patterns();
  void index_whole();  // whole_slots and whole_bytes from `whole`
  const WholeSlot* find_whole_slot(std::string_view key) const;

  // The [chrome-words] phrase the key contains, if any (whole words only;
  // the first in the list). `simd` picks the build of the search (tests
  // run each). The search reads past the key, so this one copies it.
  std::optional<std::string_view> find_chrome_words(std::string_view key, SimdLevel simd = SimdLevel::kBest) const;
  // The same for a key followed by 64 readable bytes (KeyArena::kPadding),
  // whatever they hold: its last bytes are read in place, not copied.
  std::optional<std::string_view> find_chrome_words_padded(std::string_view key,
                                                           SimdLevel simd = SimdLevel::kBest) const;
  // The same, one phrase at a time: the definition find_chrome_words() must
  // agree with (tests and the markers fuzz target compare them).
  std::optional<std::string_view> find_chrome_words_reference(std::string_view key) const;
  // Whether chrome-words phrase k counts in the key: it has no context, or
  // the key holds one of its words.
  bool context_holds(std::size_t k, std::string_view key) const;
  // `found` less the phrases whose context the key does not hold.
  std::uint64_t with_context(std::uint64_t found, std::string_view key) const;
  // Every [chrome-words] phrase the key contains (a padded key, as above):
  // bit k is chrome_words[k], for the first 64 phrases.
  std::uint64_t find_all_chrome_words_padded(std::string_view key, SimdLevel simd = SimdLevel::kBest) const;
  // The same, one phrase at a time.
  std::uint64_t find_all_chrome_words_reference(std::string_view key) const;

  // The [list-nouns] word the key holds, if any (a whole word of it, as
  // key_word_key() gives it).
  std::optional<std::string_view> find_list_noun(std::string_view key) const;

  // The reason when the key is exactly a marker phrase; `matched`, when
  // given, receives the phrase. Most keys are turned away by their size and
  // first byte, here, without a call: classify looks up every block's key.
  std::optional<Reason> find_whole(std::string_view key, std::string* matched = nullptr) const {
    if (!may_be_whole(key)) return std::nullopt;
    return find_whole_hashed(key, matched);
  }
  // Whether a key of this size and first byte can be in `whole` at all.
  bool may_be_whole(std::string_view key) const {
    if (key.size() > longest_whole) return false;
    if (key.empty()) return true;  // never a parsed phrase, but looked up as before
    return (whole_sizes_by_first_byte[static_cast<unsigned char>(key.front())] >> std::min<std::size_t>(key.size(), 63)) & 1;
  }
  // The rest of find_whole(): the key looked up in the table (or the map).
  std::optional<Reason> find_whole_hashed(std::string_view key, std::string* matched) const;

  // The reason when the whole block is a marker phrase (or matches a
  // pattern). `matched`, when given, receives the phrase as written.
  std::optional<Reason> match_whole(std::string_view key, std::string* matched = nullptr) const;
  // The patterns part of match_whole(): for a key find_whole() has already
  // looked up. Most keys are turned away by their first two bytes, here,
  // without a call.
  std::optional<Reason> match_patterns(std::string_view key, std::string* matched = nullptr) const {
    if (key.empty() || !may_follow(pattern_second_bytes, key)) return std::nullopt;
    return match_patterns_of_first_byte(key, matched);
  }
  // The rest of match_patterns(): the patterns that start with the key's
  // first byte, each tried by its head first.
  std::optional<Reason> match_patterns_of_first_byte(std::string_view key, std::string* matched) const;
  // The same, every pattern tried in order: the definition match_patterns()'s
  // indexes must agree with (tests and the markers fuzz target compare them).
  std::optional<Reason> match_patterns_reference(std::string_view key, std::string* matched = nullptr) const;
  // "Facebook Twitter LinkedIn": a row of share buttons scraped as one line.
  // Every word of the key (key_word_key(); a separator such as "|" or "•"
  // is none) is a [share] or [navigation] phrase, there are two or more,
  // and at least one is a share button.
  bool is_button_row(std::string_view key) const {
    // A key that opens with an ASCII letter or digit opens with its first
    // word: when no button word opens with that byte (most keys), turned
    // away here, without a call.
    if (!key.empty() && whole_slot_keys == whole.size()) {
      const auto first = static_cast<unsigned char>(key.front());
      const bool ascii_alnum = (first >= '0' && first <= '9') || ((first | 0x20) >= 'a' && (first | 0x20) <= 'z');
      if (ascii_alnum && button_word_sizes_by_first_byte[first] == 0) return false;
    }
    return is_button_row_by_words(key);
  }
  // The rest of is_button_row(): the key's words, one by one.
  bool is_button_row_by_words(std::string_view key) const;
  // The same, every word looked up whole: the definition is_button_row()'s
  // early outs must agree with (tests and the markers fuzz target compare
  // them).
  bool is_button_row_reference(std::string_view key) const;
  // The teaser or credit prefix the block opens with ("read also: ...",
  // "photo: ..."), if any; `reason`, when given, receives what it marks.
  // Most keys are turned away by their first two bytes, here, without a
  // call.
  std::optional<std::string_view> match_teaser(std::string_view key, Reason* reason = nullptr) const {
    if (key.empty() || !may_follow(teaser_second_bytes, key)) return std::nullopt;
    return match_teaser_of_first_byte(key, reason);
  }
  // The rest of match_teaser(): the prefixes that start with the key's
  // first byte.
  std::optional<std::string_view> match_teaser_of_first_byte(std::string_view key, Reason* reason) const;
  // Whether the block opens with a [credit] word, whatever follows it
  // ("photo by ...", "photograph: ...", "image © ..."): a photo's credit.
  bool opens_with_credit(std::string_view key) const;
  // The [teaser] prefix (not a [credit] one) the key is, whole: "more"
  // for a block "More:" that heads the links under it.
  std::optional<std::string_view> find_teaser_prefix(std::string_view key) const;
  // The [contributors] phrase a line that credits reporters opens with
  // ("reporting by ..." and a name) or closes with ("... contributed to
  // this report", "... contributed reporting from Hong Kong").
  std::optional<std::string_view> credits_contributors(std::string_view key) const;
  // The [sign-up] phrase the block opens with ("subscribe to ...",
  // "follow us on ..."), if any.
  std::optional<std::string_view> opens_sign_up(std::string_view key) const;
};

// Parse the markers file format; errors are reported by line.
MarkerSet parse_markers(std::string_view data, std::string* error = nullptr);

// The built-in set, parsed on first use.
const MarkerSet& builtin_markers();

}  // namespace winnow::detail
