#include "markers.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "ascii_words.hpp"
#include "key_arena.hpp"
#include "pair_starts.hpp"
#include "rule_text.hpp"
#include "spread_hash.hpp"
#include "utf8.hpp"

namespace winnow::detail {

extern const std::string_view kMarkersData;  // generated from data/markers.txt

std::string marker_key_reference(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  bool pending_space = false;
  // Keep everything between the first and last letter/digit, folding spaces.
  std::size_t last_alnum_end = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (is_space(cp)) {
      pending_space = !key.empty();
      continue;
    }
    bool alnum = is_letter_or_digit(cp);
    if (key.empty() && !alnum) continue;
    if (pending_space) key.push_back(' ');
    pending_space = false;
    // Curly and straight apostrophes compare equal: "DON’T MISS" is "don't miss".
    append_utf8(key, cp == 0x2019 ? char32_t{0x27} : to_lower(cp));
    if (alnum) last_alnum_end = key.size();
  }
  key.resize(last_alnum_end);
  return key;
}

namespace {

// Where the first letter or digit starts, or text.size().
std::size_t first_alnum(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    if (is_letter_or_digit(next_code_point(text, i))) return start;
  }
  return text.size();
}

// Drop what follows the last letter or digit of a key (valid UTF-8).
// to_lower() keeps a code point a letter or digit, or not one (a unit test
// checks every code point), so this cuts where the text's last one ended.
void trim_key_end(std::string& key) {
  std::size_t end = key.size();
  while (end > 0) {
    std::size_t start = code_point_start_before(key, end);
    std::size_t i = start;
    if (is_letter_or_digit(next_code_point(key, i))) break;
    end = start;
  }
  key.resize(end);
}

}  // namespace

std::string marker_key(std::string_view text) {
  // Everything from the first letter or digit on, lower-cased, with runs of
  // spaces folded to one; then cut after the last letter or digit. Between
  // the two every space run is inner, so it becomes exactly one ' '.
  text.remove_prefix(first_alnum(text));
  // The key is written in place. It has room for the rest of the text byte
  // for byte; lower-casing can lengthen a code point (U+023A, 2 bytes,
  // becomes 3; an invalid byte becomes U+FFFD), so the slow path grows it.
  std::string key(text.size(), '\0');
  std::size_t out = 0;
  bool last_space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    // Eight ASCII bytes with single spaces only need lower-casing.
    if (ascii_words::kAvailable && i + 8 <= text.size()) {
      std::uint64_t word = ascii_words::load(text.data() + i);
      if (!(word & ascii_words::kHighs) && ascii_words::single_spaced(word, last_space)) {
        std::uint64_t lower = ascii_words::to_lower(word);
        std::memcpy(key.data() + out, &lower, 8);
        out += 8;
        i += 8;
        last_space = ascii_words::ends_with_space(word);
        continue;
      }
    }
    char32_t cp = next_code_point(text, i);
    if (is_space(cp)) {
      if (!last_space) key[out++] = ' ';
      last_space = true;
      continue;
    }
    last_space = false;
    // Curly and straight apostrophes compare equal: "DON’T MISS" is "don't miss".
    cp = cp == 0x2019 ? char32_t{0x27} : to_lower(cp);
    if (cp < 0x80) {
      key[out++] = static_cast<char>(cp);
      continue;
    }
    // Room for this code point and, byte for byte, the rest of the text.
    if (key.size() - out < text.size() - i + 4) key.resize(2 * key.size() + 8);
    out += encode_utf8(cp, key.data() + out);
  }
  key.resize(out);
  trim_key_end(key);
  return key;
}

namespace {

// key_word_key() of a word that does not open and close with an ASCII
// letter or digit.
[[gnu::noinline]] std::string_view trimmed_word_key(std::string_view word) {
  std::size_t begin = first_alnum(word);
  std::size_t end = word.size();
  // Back to the start of the last letter or digit's code point, then past it.
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(word[start]) & 0xC0) == 0x80) --start;
    std::size_t i = start;
    if (is_letter_or_digit(next_code_point(word, i))) break;
    end = start;
  }
  return word.substr(begin, end - begin);
}

// key_word_key(), inlined where it is called for every word.
inline std::string_view word_key(std::string_view word) {
  // Most words open and close with an ASCII letter or digit: nothing to trim.
  auto ascii_alnum = [](char c) { return static_cast<unsigned char>(c) < 0x80 && is_letter_or_digit(static_cast<unsigned char>(c)); };
  if (!word.empty() && ascii_alnum(word.front()) && ascii_alnum(word.back())) return word;
  return trimmed_word_key(word);
}

}  // namespace

std::string_view key_word_key(std::string_view word) { return word_key(word); }

namespace {

std::optional<Reason> section_reason(std::string_view name) {
  if (name == "ad") return Reason::AdMarker;
  if (name == "navigation") return Reason::Navigation;
  if (name == "byline") return Reason::Byline;
  if (name == "share") return Reason::ShareBar;
  if (name == "legal") return Reason::Legal;
  if (name == "comments") return Reason::CommentSection;
  if (name == "related") return Reason::RelatedList;
  if (name == "teaser") return Reason::Teaser;
  if (name == "credit") return Reason::Byline;  // a photo credit: whose picture it is
  if (name == "chrome-words") return Reason::Chrome;
  if (name == "list-nouns") return Reason::RelatedList;  // heads a list of other stories
  if (name == "contributors") return Reason::Chrome;    // credits the article's reporters
  if (name == "sign-up") return Reason::Chrome;           // a call to sign up closing the article
  return std::nullopt;
}

// marker_key() of a phrase, keeping its `<n>` placeholders: they pass through
// as a word so that the trimming of punctuation at the ends leaves them be.
std::string pattern_key(std::string_view phrase) {
  static constexpr std::string_view kNumber = "<n>", kStandIn = "winnownumber";
  std::string text(phrase);
  for (auto at = text.find(kNumber); at != std::string::npos; at = text.find(kNumber, at)) {
    text.replace(at, kNumber.size(), kStandIn);
  }
  std::string key = marker_key(text);
  for (auto at = key.find(kStandIn); at != std::string::npos; at = key.find(kStandIn, at)) {
    key.replace(at, kStandIn.size(), kNumber);
  }
  return key;
}

// Where the number (a `<n>`) that starts at key[start] ends: digits, with
// ',' or '.' between them ("1,204", "3.5"); `start` when there is none.
std::size_t number_end(std::string_view key, std::size_t start) {
  std::size_t k = start;
  while (k < key.size() && ((key[k] >= '0' && key[k] <= '9') ||
                            (k > start && (key[k] == ',' || key[k] == '.') && k + 1 < key.size() &&
                             key[k + 1] >= '0' && key[k + 1] <= '9'))) {
    ++k;
  }
  return k;
}

}  // namespace

bool match_pattern(const MarkerPattern& pattern, std::string_view key) {
  static constexpr std::string_view kNumber = "<n>";
  std::string_view p = pattern.text;
  std::size_t k = 0;
  while (!p.empty()) {
    if (p.starts_with(kNumber)) {
      const std::size_t start = k;
      k = number_end(key, start);
      if (k == start) return false;
      p.remove_prefix(kNumber.size());
      continue;
    }
    if (k >= key.size() || key[k] != p.front()) return false;
    ++k;
    p.remove_prefix(1);
  }
  if (k == key.size()) return true;
  if (!pattern.prefix) return false;
  // A prefix ends at a word boundary: "comments" does not match "commentsx".
  std::size_t i = k;
  return !is_letter_or_digit(next_code_point(key, i));
}

namespace {

// Whether key[at, at + size) is whole words: keys are lower-cased; a space
// or ASCII punctuation before it starts a word (a non-ASCII byte is taken
// as part of a word), and no letter or digit follows.
bool is_whole_words(std::string_view key, std::size_t at, std::size_t size) {
  unsigned char prev = at == 0 ? ' ' : static_cast<unsigned char>(key[at - 1]);
  if (prev >= 0x80 || is_letter_or_digit(prev)) return false;
  std::size_t after = at + size;
  return after == key.size() || !is_letter_or_digit(next_code_point(key, after));
}

// How often a byte turns up in English text, in tenths of a percent: the
// letters by their usual frequencies, anything else as often as a space.
int frequency(unsigned char c) {
  constexpr int kLetters[26] = {82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24,
                                67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1};
  return c >= 'a' && c <= 'z' ? kLetters[c - 'a'] : 180;
}

// Where the phrase's rarest pair of bytes in a row starts (0 for a phrase
// of one byte), by the product of their frequencies: a pair turns up far
// less often than either of its bytes, and "newsletter" or "terms of use"
// have no rare letter of their own.
std::size_t rarest_pair(std::string_view phrase) {
  std::size_t best = 0;
  int best_frequency = 180 * 180 + 1;
  for (std::size_t i = 0; i + 1 < phrase.size(); ++i) {
    const int pair = frequency(static_cast<unsigned char>(phrase[i])) * frequency(static_cast<unsigned char>(phrase[i + 1]));
    if (pair < best_frequency) {
      best = i;
      best_frequency = pair;
    }
  }
  return best;
}

bool contains_phrase(std::string_view key, std::string_view phrase) {
  for (auto at = key.find(phrase); at != std::string_view::npos; at = key.find(phrase, at + 1)) {
    if (is_whole_words(key, at, phrase.size())) return true;
  }
  return false;
}

// The second bytes a key can have where a pattern's first byte is followed
// by `rest` of it: its next byte, a digit for a number, anything past the
// end (a prefix pattern goes on with any word boundary).
std::uint32_t second_bytes(std::string_view rest) {
  if (rest.empty()) return ~std::uint32_t{0};
  if (!rest.starts_with("<n>")) return second_byte_bit(static_cast<unsigned char>(rest.front()));
  std::uint32_t digits = 0;
  for (char digit = '0'; digit <= '9'; ++digit) digits |= second_byte_bit(static_cast<unsigned char>(digit));
  return digits;
}

// A text's first eight bytes as a word (zeros past its end), the same way
// on any byte order: a PatternHead compares it under its mask.
std::uint64_t opening_word(std::string_view text) {
  std::uint64_t word = 0;
  if (text.size() >= 8) {
    std::memcpy(&word, text.data(), 8);
  } else {
    char bytes[8] = {};
    std::memcpy(bytes, text.data(), text.size());
    std::memcpy(&word, bytes, 8);
  }
  return word;
}

// A pattern's head (PatternHead): its bytes up to the first `<n>` (after a
// leading one), at most eight. A key the pattern matches holds them all
// where the head says, so the comparison turns away only keys it would not
// match.
MarkerSet::PatternHead pattern_head(std::string_view text, std::uint32_t pattern) {
  MarkerSet::PatternHead head;
  std::size_t numbers = 0;
  for (auto at = text.find("<n>"); at != std::string_view::npos; at = text.find("<n>", at + 3)) ++numbers;
  head.min_size = static_cast<std::uint32_t>(text.size() - 2 * numbers);
  head.pattern = pattern;
  head.after_number = text.starts_with("<n>");
  if (head.after_number) text.remove_prefix(3);
  text = text.substr(0, std::min<std::size_t>({text.find("<n>"), text.size(), 8}));
  head.bytes = opening_word(text);
  head.mask = opening_word(std::string(text.size(), '\xff'));
  return head;
}

}  // namespace

void MarkerSet::index_patterns() {
  for (auto& bucket : pattern_heads_by_first_byte) bucket.clear();
  pattern_second_bytes.fill(0);
  for (std::uint32_t p = 0; p < patterns.size(); ++p) {
    std::string_view text = patterns[p].text;
    const PatternHead head = pattern_head(text, p);
    if (text.starts_with("<n>")) {
      // A number goes on with digits, ',' or '.', or ends: any second byte.
      for (char digit = '0'; digit <= '9'; ++digit) {
        pattern_heads_by_first_byte[static_cast<unsigned char>(digit)].push_back(head);
        pattern_second_bytes[static_cast<unsigned char>(digit)] = ~std::uint32_t{0};
      }
    } else if (!text.empty()) {
      const auto first = static_cast<unsigned char>(text.front());
      pattern_heads_by_first_byte[first].push_back(head);
      pattern_second_bytes[first] |= second_bytes(text.substr(1));
    }
  }
  for (auto& bucket : teasers_by_first_byte) bucket.clear();
  teaser_second_bytes.fill(0);
  for (std::uint32_t t = 0; t < teaser_prefixes.size(); ++t) {
    const std::string& prefix = teaser_prefixes[t];
    if (prefix.empty()) continue;
    teasers_by_first_byte[static_cast<unsigned char>(prefix.front())].push_back(t);
    // A one-byte prefix is followed by spaces or the mark: anything.
    teaser_second_bytes[static_cast<unsigned char>(prefix.front())] |=
        prefix.size() == 1 ? ~std::uint32_t{0} : second_byte_bit(static_cast<unsigned char>(prefix[1]));
  }
  longest_whole = 0;
  whole_sizes_by_first_byte.fill(0);
  button_word_sizes_by_first_byte.fill(0);
  for (const auto& [key, reason] : whole) {
    longest_whole = std::max(longest_whole, key.size());
    if (!key.empty()) {
      const std::uint64_t size_bit = std::uint64_t{1} << std::min<std::size_t>(key.size(), 63);
      whole_sizes_by_first_byte[static_cast<unsigned char>(key.front())] |= size_bit;
      // A word of a key has no space: only the phrases of one word can be one.
      if ((reason == Reason::ShareBar || reason == Reason::Navigation) && key.find(' ') == std::string::npos) {
        button_word_sizes_by_first_byte[static_cast<unsigned char>(key.front())] |= size_bit;
      }
    }
  }
  index_whole();
  chrome_word_anchors.clear();
  for (const auto& phrase : chrome_words) chrome_word_anchors.push_back(rarest_pair(phrase));
  phrases_with_context = 0;
  for (std::size_t k = 0; k < chrome_word_contexts.size() && k < 64; ++k) {
    if (!chrome_word_contexts[k].empty()) phrases_with_context |= std::uint64_t{1} << k;
  }
  for (auto& bucket : chrome_words_by_anchor) bucket.clear();
  chrome_pairs.clear();
  shortest_chrome_word = 0;
  for (const auto& phrase : chrome_words) {
    if (shortest_chrome_word == 0 || phrase.size() < shortest_chrome_word) shortest_chrome_word = phrase.size();
  }
  // The search looks for each phrase's pair of bytes: one of two bytes or
  // more.
  bool one_pass = chrome_words.size() <= 64 &&
                  std::none_of(chrome_words.begin(), chrome_words.end(), [](const std::string& p) { return p.size() < 2; });
  if (!one_pass) return;
  for (std::uint32_t k = 0; k < chrome_words.size(); ++k) {
    const std::string& phrase = chrome_words[k];
    const auto anchor = static_cast<unsigned char>(phrase[chrome_word_anchors[k]]);
    const auto next = static_cast<unsigned char>(phrase[chrome_word_anchors[k] + 1]);
    chrome_pairs.add({anchor, next});
    chrome_words_by_anchor[anchor].push_back(k);
  }
}

void MarkerSet::index_whole() {
  whole_slots.assign(std::bit_ceil(2 * whole.size() + 2), WholeSlot{});
  whole_bytes.clear();
  whole_slot_keys = 0;
  const std::size_t mask = whole_slots.size() - 1;
  for (const auto& [key, reason] : whole) {
    if (key.empty()) continue;
    const std::uint64_t hash = spread_hash(key);
    std::size_t i = hash & mask;
    while (whole_slots[i].size != 0) i = (i + 1) & mask;
    whole_slots[i] = {hash, static_cast<std::uint32_t>(whole_bytes.size()), static_cast<std::uint32_t>(key.size()), reason};
    whole_bytes += key;
    ++whole_slot_keys;
  }
}

const MarkerSet::WholeSlot* MarkerSet::find_whole_slot(std::string_view key) const {
  if (whole_slots.empty()) return nullptr;
  const std::uint64_t hash = spread_hash(key);
  const std::size_t mask = whole_slots.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const WholeSlot& slot = whole_slots[i];
    if (slot.size == 0) return nullptr;
    if (slot.hash == hash && slot.size == key.size() &&
        std::memcmp(whole_bytes.data() + slot.offset, key.data(), key.size()) == 0) {
      return &slot;
    }
  }
}

std::optional<Reason> MarkerSet::find_whole_hashed(std::string_view key, std::string* matched) const {
  // The table holds every key when it was built after the last change to
  // `whole` (and an empty key, never a parsed phrase, is not in it).
  if (whole_slot_keys == whole.size()) {
    const WholeSlot* slot = find_whole_slot(key);
    if (!slot) return std::nullopt;
    if (matched) matched->assign(whole_bytes, slot->offset, slot->size);
    return slot->reason;
  }
  auto it = whole.find(key);
  if (it == whole.end()) return std::nullopt;
  if (matched) *matched = it->first;
  return it->second;
}

std::optional<Reason> MarkerSet::match_whole(std::string_view key, std::string* matched) const {
  if (auto reason = find_whole(key, matched)) return reason;
  return match_patterns(key, matched);
}

std::optional<Reason> MarkerSet::match_patterns_of_first_byte(std::string_view key, std::string* matched) const {
  if (key.empty()) return std::nullopt;  // every pattern needs a first byte
  // A pattern matches only keys that start with its first byte (a digit
  // for a leading <n>): the others are not tried.
  const std::uint64_t opening = opening_word(key);
  std::uint64_t after_number = 0;  // the opening of what follows a leading number
  bool after_number_read = false;
  for (const PatternHead& head : pattern_heads_by_first_byte[static_cast<unsigned char>(key.front())]) {
    if (key.size() < head.min_size) continue;  // too short to match
    if (head.after_number && !after_number_read) {
      after_number = opening_word(key.substr(number_end(key, 0)));
      after_number_read = true;
    }
    if (((head.after_number ? after_number : opening) & head.mask) != head.bytes) continue;
    const MarkerPattern& pattern = patterns[head.pattern];
    if (match_pattern(pattern, key)) {
      if (matched) *matched = pattern.text + (pattern.prefix ? " ..." : "");
      return pattern.reason;
    }
  }
  return std::nullopt;
}

std::optional<Reason> MarkerSet::match_patterns_reference(std::string_view key, std::string* matched) const {
  for (const MarkerPattern& pattern : patterns) {
    if (match_pattern(pattern, key)) {
      if (matched) *matched = pattern.text + (pattern.prefix ? " ..." : "");
      return pattern.reason;
    }
  }
  return std::nullopt;
}

bool MarkerSet::is_button_row_reference(std::string_view key) const {
  std::size_t words = 0;
  bool share = false;
  while (!key.empty()) {
    std::size_t end = key.find(' ');
    std::string_view word = key_word_key(key.substr(0, end));
    key.remove_prefix(end == std::string_view::npos ? key.size() : end + 1);
    if (word.empty()) continue;  // a separator such as "|" or "•"
    auto reason = find_whole(word);
    if (!reason || (*reason != Reason::ShareBar && *reason != Reason::Navigation)) return false;
    share = share || *reason == Reason::ShareBar;
    ++words;
  }
  return words >= 2 && share;
}

bool MarkerSet::is_button_row_by_words(std::string_view key) const {
  // button_word_sizes_by_first_byte knows the phrases of the last indexing
  // only, as the table does.
  if (whole_slot_keys != whole.size()) return is_button_row_reference(key);
  std::size_t words = 0;
  bool share = false;
  while (!key.empty()) {
    const std::size_t end = key.find(' ');
    // No word yet and no piece after this one: one word at most, no row
    // (most labels are one word).
    if (end == std::string_view::npos && words == 0) return false;
    const std::string_view word = word_key(key.substr(0, end));
    key.remove_prefix(end == std::string_view::npos ? key.size() : end + 1);
    if (word.empty()) continue;  // a separator such as "|" or "•"
    // Most words are no button by their first byte and size, unhashed.
    const std::uint64_t sizes = button_word_sizes_by_first_byte[static_cast<unsigned char>(word.front())];
    if (!(sizes >> std::min<std::size_t>(word.size(), 63) & 1)) return false;
    const WholeSlot* slot = find_whole_slot(word);
    if (!slot || (slot->reason != Reason::ShareBar && slot->reason != Reason::Navigation)) return false;
    share = share || slot->reason == Reason::ShareBar;
    ++words;
  }
  return words >= 2 && share;
}

namespace {

// Adds to `found` the phrases anchored at key[at_anchor] that are there
// (whole words), but those already found. The place is where some
// phrase's pair begins: the next byte turns away the phrases whose pair
// starts with the same byte but goes on with another (key[at_anchor + 1]
// is readable: the key is padded), and the first byte most of the rest,
// before a whole comparison.
[[gnu::always_inline]] inline void add_chrome_words_at(const MarkerSet& set, std::string_view key,
                                                       std::size_t at_anchor, std::uint64_t& found) {
  for (std::uint32_t k : set.chrome_words_by_anchor[static_cast<unsigned char>(key[at_anchor])]) {
    const std::string& phrase = set.chrome_words[k];
    const std::size_t anchor = set.chrome_word_anchors[k];
    if (key.data()[at_anchor + 1] != phrase[anchor + 1]) continue;
    if ((found >> k & 1) || at_anchor < anchor || at_anchor - anchor + phrase.size() > key.size()) continue;
    const std::size_t at = at_anchor - anchor;
    if (key[at] != phrase.front()) continue;
    if (key.compare(at, phrase.size(), phrase) == 0 && is_whole_words(key, at, phrase.size())) {
      found |= std::uint64_t{1} << k;
    }
  }
}

// The first step of kPairStep places, from `from` on, where some phrase's
// pair begins: its first place and the places (bit k: base + k, within
// the key). hits is 0 when there is none.
struct PairPlaces {
  std::size_t base = 0;
  std::uint64_t hits = 0;
};

// The search for the next PairPlaces, on a key followed by
// KeyArena::kPadding readable bytes (a step reads kPairStep + 1 bytes, the
// byte after each place for its pair). A function of its own that calls
// nothing: the steps with no place, most of a key, keep the tables in
// registers. Always inlined, so that it is built for the instruction set
// of its caller.
template <class PairStarts>
[[gnu::always_inline]] inline PairPlaces next_pair_places(const PairFilter& filter, std::string_view key,
                                                          std::size_t from) {
  static_assert(kPairStep + 1 <= KeyArena::kPadding);
  const PairStarts starts(filter);
  for (std::size_t base = from; base < key.size(); base += kPairStep) {
    if (std::uint64_t hits = starts.at(key.data() + base)) {
      if (key.size() - base < kPairStep) hits &= (std::uint64_t{1} << (key.size() - base)) - 1;
      return {base, hits};
    }
  }
  return {};
}

PairPlaces next_pair_places_baseline(const PairFilter& filter, std::string_view key, std::size_t from) {
#if defined(__SSE2__)
  return next_pair_places<sse2::PairStarts>(filter, key, from);
#else
  return next_pair_places<portable::PairStarts>(filter, key, from);
#endif
}

#if WINNOW_WIDE_SIMD
WINNOW_TARGET_AVX2 PairPlaces next_pair_places_avx2(const PairFilter& filter, std::string_view key,
                                                    std::size_t from) {
  return next_pair_places<avx2::PairStarts>(filter, key, from);
}
#endif

// Every phrase at once, whatever its context: one pass over the key marks
// each place where some phrase's rarest pair begins (pair_filter.hpp), and
// only the phrases anchored at such a place are compared there. Bit k of
// the answer: chrome_words[k] is in the (padded) key.
std::uint64_t chrome_words_by(const MarkerSet& set, std::string_view key,
                              PairPlaces (*next_places)(const PairFilter&, std::string_view, std::size_t)) {
  std::uint64_t found = 0;
  for (PairPlaces places = next_places(set.chrome_pairs, key, 0); places.hits;
       places = next_places(set.chrome_pairs, key, places.base + kPairStep)) {
    for (std::uint64_t hits = places.hits; hits; hits &= hits - 1) {
      add_chrome_words_at(set, key, places.base + static_cast<std::size_t>(std::countr_zero(hits)), found);
    }
  }
  return found;
}

// Every phrase a padded key holds (bit k: chrome_words[k]), by the build of
// the search `simd` picks.
[[gnu::always_inline]] inline std::uint64_t chrome_words_in(const MarkerSet& set, std::string_view key,
                                                             SimdLevel simd) {
  if (set.chrome_words.empty()) return 0;
  if (set.chrome_pairs.pairs.empty() || set.chrome_word_anchors.size() != set.chrome_words.size()) {
    return set.find_all_chrome_words_reference(key);
  }
  if (key.size() < set.shortest_chrome_word) return 0;
  std::uint64_t found = 0;
  switch (resolve_simd_level(simd)) {
#if WINNOW_WIDE_SIMD
    case SimdLevel::kAvx2: found = chrome_words_by(set, key, next_pair_places_avx2); break;
#endif
    default: found = chrome_words_by(set, key, next_pair_places_baseline); break;
  }
  // Most keys hold no phrase, or none that needs a context.
  return found & set.phrases_with_context ? set.with_context(found, key) : found;
}

// Of the phrases a padded key holds, the first in the list, as in the
// reference (which is also the answer for a list the one pass cannot take).
std::optional<std::string_view> first_chrome_words_in(const MarkerSet& set, std::string_view key, SimdLevel simd) {
  if (set.chrome_pairs.pairs.empty()) return set.find_chrome_words_reference(key);
  if (const std::uint64_t found = chrome_words_in(set, key, simd)) return set.chrome_words[std::countr_zero(found)];
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> MarkerSet::find_chrome_words(std::string_view key, SimdLevel simd) const {
  // The search reads past the key: a copy with room after it (the library
  // searches the padded keys of its KeyArena).
  std::string padded(key.size() + KeyArena::kPadding, '\0');
  key.copy(padded.data(), key.size());
  return first_chrome_words_in(*this, std::string_view(padded).substr(0, key.size()), simd);
}

std::optional<std::string_view> MarkerSet::find_chrome_words_padded(std::string_view key, SimdLevel simd) const {
  return first_chrome_words_in(*this, key, simd);
}

std::uint64_t MarkerSet::find_all_chrome_words_padded(std::string_view key, SimdLevel simd) const {
  return chrome_words_in(*this, key, simd);
}

std::uint64_t MarkerSet::find_all_chrome_words_reference(std::string_view key) const {
  std::uint64_t found = 0;
  for (std::size_t k = 0; k < chrome_words.size() && k < 64; ++k) {
    if (contains_phrase(key, chrome_words[k]) && context_holds(k, key)) found |= std::uint64_t{1} << k;
  }
  return found;
}

std::optional<std::string_view> MarkerSet::find_chrome_words_reference(std::string_view key) const {
  for (std::size_t k = 0; k < chrome_words.size(); ++k) {
    if (contains_phrase(key, chrome_words[k]) && context_holds(k, key)) return chrome_words[k];
  }
  return std::nullopt;
}

bool MarkerSet::context_holds(std::size_t k, std::string_view key) const {
  if (k >= chrome_word_contexts.size() || chrome_word_contexts[k].empty()) return true;
  return std::any_of(chrome_word_contexts[k].begin(), chrome_word_contexts[k].end(),
                     [&](const std::string& word) { return contains_phrase(key, word); });
}

std::uint64_t MarkerSet::with_context(std::uint64_t found, std::string_view key) const {
  for (std::uint64_t bits = found & phrases_with_context; bits; bits &= bits - 1) {
    const auto k = static_cast<std::size_t>(std::countr_zero(bits));
    if (!context_holds(k, key)) found &= ~(std::uint64_t{1} << k);
  }
  return found;
}

std::optional<std::string_view> MarkerSet::find_list_noun(std::string_view key) const {
  // A word with a mark or two around it ("stories:") is still looked at.
  constexpr std::size_t kMarks = 4;
  while (!key.empty()) {
    const std::size_t end = std::min(key.find(' '), key.size());
    const std::string_view raw = key.substr(0, end);
    key.remove_prefix(std::min(end + 1, key.size()));
    if (raw.size() < shortest_list_noun || raw.size() > longest_list_noun + kMarks) continue;
    const std::string_view word = key_word_key(raw);
    if (word.empty()) continue;
    const std::uint64_t sizes = list_noun_sizes_by_first_byte[static_cast<unsigned char>(word.front())];
    if (!(sizes >> std::min<std::size_t>(word.size(), 63) & 1)) continue;
    if (auto it = list_nouns.find(word); it != list_nouns.end()) return *it;
  }
  return std::nullopt;
}

std::optional<std::string_view> MarkerSet::credits_contributors(std::string_view key) const {
  for (const MarkerPattern& opener : contributor_openers) {
    if (key.starts_with(opener.text) && match_pattern(opener, key)) return opener.text;
  }
  // "... contributed reporting from Hong Kong": a place of a few words
  // after "from" at the end; only the line's last bytes are searched.
  constexpr std::size_t kPlaceBytes = 48;
  constexpr std::size_t kMostPlaceWords = 4;
  std::string_view before_place = key;
  const std::size_t tail = key.size() > kPlaceBytes ? key.size() - kPlaceBytes : 0;
  if (const std::size_t from = key.find(" from ", tail); from != std::string_view::npos) {
    const std::string_view place = key.substr(from + 6);
    if (static_cast<std::size_t>(std::count(place.begin(), place.end(), ' ')) < kMostPlaceWords) {
      before_place = key.substr(0, from);
    }
  }
  for (const std::string& closer : contributor_closers) {
    for (std::string_view head : {key, before_place}) {
      if (head.ends_with(closer) && (head.size() == closer.size() || head[head.size() - closer.size() - 1] == ' ')) {
        return closer;
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> MarkerSet::opens_sign_up(std::string_view key) const {
  if (key.empty()) return std::nullopt;
  for (std::uint32_t k : sign_up_by_first_byte[static_cast<unsigned char>(key.front())]) {
    const MarkerPattern& opener = sign_up_openers[k];
    // A call goes on with a word or a colon; "Subscribe, she said, ..." is
    // the article's narration.
    if (!key.starts_with(opener.text) || !match_pattern(opener, key)) continue;
    const std::string_view rest = key.substr(opener.text.size());
    if (rest.empty() || rest.front() == ' ' || rest.front() == ':') return opener.text;
  }
  return std::nullopt;
}

std::optional<std::string_view> MarkerSet::match_teaser_of_first_byte(std::string_view key, Reason* reason) const {
  if (key.empty()) return std::nullopt;
  // Only the prefixes that start with the key's first byte can match.
  for (std::uint32_t t : teasers_by_first_byte[static_cast<unsigned char>(key.front())]) {
    const std::string& prefix = teaser_prefixes[t];
    if (key.size() <= prefix.size() || key.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view rest = key.substr(prefix.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.starts_with(":") || rest.starts_with("-") || rest.starts_with("|") ||
        rest.starts_with("\xC2\xBB") /* » */ || rest.starts_with("\xE2\x80\x94") /* — */ ||
        rest.starts_with("\xE2\x80\x93") /* – */) {
      if (reason) *reason = t < teaser_reasons.size() ? teaser_reasons[t] : Reason::Teaser;
      return prefix;
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> MarkerSet::find_teaser_prefix(std::string_view key) const {
  if (key.empty()) return std::nullopt;
  for (std::uint32_t t : teasers_by_first_byte[static_cast<unsigned char>(key.front())]) {
    const std::string& prefix = teaser_prefixes[t];
    if (t < teaser_reasons.size() && teaser_reasons[t] == Reason::Teaser && key == prefix) return prefix;
  }
  return std::nullopt;
}

bool MarkerSet::opens_with_credit(std::string_view key) const {
  if (key.empty()) return false;
  for (std::uint32_t t : teasers_by_first_byte[static_cast<unsigned char>(key.front())]) {
    const std::string& prefix = teaser_prefixes[t];
    if (t >= teaser_reasons.size() || teaser_reasons[t] != Reason::Byline || !key.starts_with(prefix)) continue;
    const char next = key.size() > prefix.size() ? key[prefix.size()] : ' ';
    if (!((next >= 'a' && next <= 'z') || (next >= '0' && next <= '9'))) return true;
  }
  return false;
}

namespace {

// A [chrome-words] line: "phrase", or "phrase & word | word ..." for a
// phrase that marks small print only beside one of the words.
void add_chrome_words(MarkerSet& set, std::string_view line) {
  const std::size_t amp = line.find(" & ");
  std::vector<std::string> context;
  if (amp != std::string_view::npos) {
    for (std::string_view word : split(line.substr(amp + 3), '|')) {
      if (std::string key = pattern_key(word); !key.empty()) context.push_back(std::move(key));
    }
  }
  std::string phrase = pattern_key(trim(line.substr(0, amp)));
  if (phrase.empty()) return;
  set.chrome_words.push_back(std::move(phrase));
  set.chrome_word_contexts.push_back(std::move(context));
}

}  // namespace

MarkerSet parse_markers(std::string_view data, std::string* error) {
  MarkerSet set;
  std::optional<Reason> section;
  // [teaser] and [credit] hold prefixes followed by a mark, not phrases:
  // the section's name, for errors, and empty in the others.
  std::string_view prefix_section;
  bool list_nouns = false;  // in [list-nouns]: words, not phrases
  bool sign_up = false;     // in [sign-up]: openers, not whole phrases
  bool contributors = false;  // in [contributors]: openers and closers
  std::size_t line_no = 0;
  while (!data.empty()) {
    std::size_t eol = data.find('\n');
    std::string_view line = trim(data.substr(0, eol));
    data.remove_prefix(eol == std::string_view::npos ? data.size() : eol + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      const std::string_view name = line.substr(1, line.size() - 2);
      prefix_section = name == "teaser" || name == "credit" ? name : std::string_view();
      list_nouns = name == "list-nouns";
      sign_up = name == "sign-up";
      contributors = name == "contributors";
      section = section_reason(name);
      if (!section && error) *error = "markers line " + std::to_string(line_no) + ": unknown section";
      continue;
    }
    if (!section) continue;
    bool prefix = line.ends_with("...");
    if (prefix) line.remove_suffix(3);
    std::string key = pattern_key(line);
    if (key.empty()) continue;
    if (contributors) {
      if (prefix) {
        set.contributor_openers.push_back({std::move(key), true, Reason::Chrome});
      } else {
        set.contributor_closers.push_back(std::move(key));
      }
      continue;
    }
    if (sign_up) {
      // An opener is matched at the start of the block, up to a word
      // boundary, with or without the trailing `...`.
      set.sign_up_by_first_byte[static_cast<unsigned char>(key.front())].push_back(
          static_cast<std::uint32_t>(set.sign_up_openers.size()));
      set.sign_up_openers.push_back({std::move(key), true, Reason::Chrome});
      continue;
    }
    if (*section == Reason::Chrome) {
      add_chrome_words(set, line);
      continue;
    }
    if (list_nouns) {
      if (key.find(' ') != std::string::npos && error) {
        *error = "markers line " + std::to_string(line_no) + ": [list-nouns] holds single words";
      }
      set.list_noun_sizes_by_first_byte[static_cast<unsigned char>(key.front())] |= std::uint64_t{1}
                                                                                    << std::min<std::size_t>(key.size(), 63);
      if (set.list_nouns.empty() || key.size() < set.shortest_list_noun) set.shortest_list_noun = key.size();
      set.longest_list_noun = std::max(set.longest_list_noun, key.size());
      set.list_nouns.insert(std::move(key));
      continue;
    }
    if (prefix || key.find("<n>") != std::string::npos) {
      if (!prefix_section.empty()) {
        if (error) {
          *error = "markers line " + std::to_string(line_no) + ": patterns are not allowed in [" +
                   std::string(prefix_section) + "]";
        }
        continue;
      }
      set.patterns.push_back({std::move(key), prefix, *section});
      continue;
    }
    if (!prefix_section.empty()) {
      set.teaser_prefixes.push_back(std::move(key));
      set.teaser_reasons.push_back(*section);
    } else {
      set.whole.emplace(std::move(key), *section);
    }
  }
  set.index_patterns();
  return set;
}

const MarkerSet& builtin_markers() {
  static const MarkerSet set = parse_markers(kMarkersData);
  return set;
}

}  // namespace winnow::detail
