// The text path's fast paths (eight ASCII bytes at a time, table lookups)
// against the code-point-at-a-time definitions they replace: marker_key(),
// block_stats() and parse_text() must give exactly the reference result on
// any input, whatever its alignment, spacing, script or validity.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "test_files.hpp"
#include "block_key.hpp"
#include "block_stats.hpp"
#include "byte_masks.hpp"
#include "key_arena.hpp"
#include "markers.hpp"
#include "pair_starts.hpp"
#include "parse_text.hpp"
#include "simd_level.hpp"
#include "spread_hash.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

namespace fs = std::filesystem;

using winnow::test::read_file;

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    lines.emplace_back(text.substr(0, eol));
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
  }
  return lines;
}

std::string show(const BlockStats& s) {
  std::ostringstream o;
  o << "units " << s.units << " words " << s.words << " ends " << s.sentence_ends << " digits " << s.digits
    << " ends_sentence " << s.ends_sentence << " starts_lower " << s.starts_lower << " cased "
    << s.cased_words << " capitalized " << s.capitalized_words << " url " << s.has_url;
  return o.str();
}

// The input in a failure message: HTML lines run to megabytes.
std::string quote(std::string_view text) {
  constexpr std::size_t kShown = 160;
  return "'" + std::string(text.substr(0, kShown)) + (text.size() > kShown ? "'..." : "'");
}

// MarkerSet::match_whole() tries only the patterns indexed under the key's
// first byte; trying them all, in order, must give the same answer.
std::optional<Reason> match_whole_trying_all(const MarkerSet& markers, const std::string& key,
                                             std::string* matched) {
  if (auto it = markers.whole.find(key); it != markers.whole.end()) {
    *matched = it->first;
    return it->second;
  }
  for (const auto& pattern : markers.patterns) {
    if (match_pattern(pattern, key)) {
      *matched = pattern.text + (pattern.prefix ? " ..." : "");
      return pattern.reason;
    }
  }
  return std::nullopt;
}

// MarkerSet::match_teaser() tries only the prefixes indexed under the key's
// first byte; trying them all, in order, must give the same answer.
std::optional<std::string_view> match_teaser_trying_all(const MarkerSet& markers, std::string_view key) {
  for (const auto& prefix : markers.teaser_prefixes) {
    if (key.size() <= prefix.size() || !key.starts_with(prefix)) continue;
    std::string_view rest = key.substr(prefix.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    for (std::string_view mark : {":", "-", "|", "\xC2\xBB", "\xE2\x80\x94", "\xE2\x80\x93"}) {
      if (rest.starts_with(mark)) return std::string_view(prefix);
    }
  }
  return std::nullopt;
}

// What follows a key in place, for each phrase the key ends with a part
// of: the rest of the phrase, so that a search that read past the key's
// end would find it.
std::string completing_bytes(const MarkerSet& set, std::string_view key) {
  std::string after;
  for (const std::string& phrase : set.chrome_words) {
    for (std::size_t cut = phrase.size() - 1; cut > 0; --cut) {
      if (key.ends_with(std::string_view(phrase).substr(0, cut))) {
        after += phrase.substr(cut) + " ";
        break;
      }
    }
  }
  return after;
}

// The chrome-words search, by every build this CPU runs, against the
// phrase-at-a-time reference: on a copy of the key, and read in place with
// bytes after the key that would match if they counted (phrases, or the
// rest of a phrase the key ends with a part of).
void expect_same_chrome_words(const MarkerSet& set, std::string_view key) {
  const std::uint64_t all = set.find_all_chrome_words_reference(key);
  const std::optional<std::string_view> first = set.find_chrome_words_reference(key);
  const std::string completed = std::string(key) + completing_bytes(set, key);
  const std::string listed = std::string(key) + " cookies privacy policy all rights reserved terms of use cookies";
  for (SimdLevel level : runnable_simd_levels()) {
    const int build = static_cast<int>(level);
    EXPECT_EQ(set.find_chrome_words(key, level), first) << "build " << build << ", key: " << quote(key);
    for (const std::string& bytes : {completed, listed}) {
      std::string padded = bytes;
      padded.resize(std::max(padded.size(), key.size() + KeyArena::kPadding), ' ');
      const std::string_view in_place = std::string_view(padded).substr(0, key.size());
      EXPECT_EQ(set.find_chrome_words_padded(in_place, level), first)
          << "build " << build << ", key: " << quote(key) << ", then: " << quote(bytes.substr(key.size()));
      EXPECT_EQ(set.find_all_chrome_words_padded(in_place, level), all)
          << "build " << build << ", key: " << quote(key) << ", then: " << quote(bytes.substr(key.size()));
    }
  }
}

void expect_same(std::string_view text) {
  const std::string key = marker_key(text);
  EXPECT_EQ(key, marker_key_reference(text)) << "text: " << quote(text);
  // Each word of a key, as is_button_row() looks them up.
  for (std::string_view rest = key; !rest.empty();) {
    std::size_t end = rest.find(' ');
    std::string_view word = rest.substr(0, end);
    EXPECT_EQ(key_word_key(word), marker_key(word)) << "word: " << quote(word);
    auto word_it = builtin_markers().whole.find(key_word_key(word));
    EXPECT_EQ(builtin_markers().find_whole(key_word_key(word)),
              word_it == builtin_markers().whole.end() ? std::nullopt : std::optional<Reason>(word_it->second));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  }
  EXPECT_EQ(builtin_markers().match_teaser(key), match_teaser_trying_all(builtin_markers(), key))
      << "key: " << quote(key);
  std::string fast_phrase, reference_phrase;
  EXPECT_EQ(builtin_markers().match_whole(key, &fast_phrase),
            match_whole_trying_all(builtin_markers(), key, &reference_phrase))
      << "key: " << quote(key);
  EXPECT_EQ(fast_phrase, reference_phrase);
  std::string indexed_phrase, every_phrase;
  EXPECT_EQ(builtin_markers().match_patterns(key, &indexed_phrase),
            builtin_markers().match_patterns_reference(key, &every_phrase))
      << "key: " << quote(key);
  EXPECT_EQ(indexed_phrase, every_phrase) << "key: " << quote(key);
  EXPECT_EQ(builtin_markers().is_button_row(key), builtin_markers().is_button_row_reference(key))
      << "key: " << quote(key);
  // find_whole() turns most keys away by first byte and size before hashing.
  auto whole_it = builtin_markers().whole.find(key);
  EXPECT_EQ(builtin_markers().find_whole(key),
            whole_it == builtin_markers().whole.end() ? std::nullopt : std::optional<Reason>(whole_it->second))
      << "key: " << quote(key);
  expect_same_chrome_words(builtin_markers(), key);
  BlockStats fast = block_stats(text), reference = block_stats_reference(text);
  EXPECT_TRUE(fast == reference) << "text: " << quote(text) << "\nfast:      " << show(fast)
                                 << "\nreference: " << show(reference);
  // Both in one walk, as classify takes them.
  std::string one_walk_key = "stale";
  BlockStats one_walk = block_stats_and_key(text, one_walk_key);
  EXPECT_EQ(one_walk_key, key) << "text: " << quote(text);
  EXPECT_TRUE(one_walk == reference) << "text: " << quote(text) << "\none walk:  " << show(one_walk)
                                     << "\nreference: " << show(reference);
  // And with the site-learning key spelled along the same walk.
  KeyArena arena;
  std::string_view with_words_key;
  std::uint64_t words_key = 0;
  BlockStats with_words = block_stats_key_and_words(text, arena, with_words_key, words_key);
  EXPECT_EQ(with_words_key, key) << "text: " << quote(text);
  EXPECT_TRUE(with_words == reference) << "text: " << quote(text);
  EXPECT_EQ(words_key, block_key(text)) << "text: " << quote(text);
  // Read in place, as a line of a page is, with bytes after it that would
  // change every figure if they counted, and would complete punctuation
  // cut off at the text's end.
  for (const char* after : {"\x99", "\x80\x99"}) {
    std::string page = std::string(text) + after;
    while (page.size() < text.size() + 80) page += "Ab1 . \xC3\xA9! \"x)] * http://www. \t";
    KeyArena padded_arena;
    std::string_view padded_key;
    std::uint64_t padded_words_key = 0;
    BlockStats in_place = block_stats_key_and_words(std::string_view(page).substr(0, text.size()), padded_arena,
                                                    padded_key, padded_words_key, true);
    EXPECT_TRUE(in_place == reference) << "text: " << quote(text) << "\nread in place: " << show(in_place)
                                       << "\nreference:     " << show(reference);
    EXPECT_EQ(padded_key, key) << "text: " << quote(text);
    EXPECT_EQ(padded_words_key, words_key) << "text: " << quote(text);
  }
}

void expect_same_parse(std::string_view text) {
  Document fast = parse_text(text), reference = parse_text_reference(text);
  ASSERT_EQ(fast.blocks.size(), reference.blocks.size()) << "text: " << quote(text);
  for (std::size_t i = 0; i < fast.blocks.size(); ++i) {
    EXPECT_EQ(fast.blocks[i].text(), reference.blocks[i].text()) << "text: " << quote(text);
    EXPECT_EQ(fast.blocks[i].gap_before, reference.blocks[i].gap_before);
    EXPECT_EQ(fast.blocks[i].index, reference.blocks[i].index);
  }
}

// Pieces whose joins, at every offset, land on the eight-byte boundaries of
// the fast paths: spaces single and doubled, other ASCII spaces, capitals,
// sentence marks, closers, multi-byte letters, spaces and symbols, code
// points that grow when lower-cased, and invalid bytes.
const std::vector<std::string> kPieces = {
    "a", "Word", "UPPER", " ", "  ", "\t", "\r", "\f", "\v", " \t ", ".", "!", "?", "\"", "'", ")",
    "]", "*", ":", "(", "-", "|", "42", "3.5", "www.", "http://", "https://", "\xC2\xA0" /* NBSP */,
    "\xE2\x80\x99" /* ’ */, "\xC3\x89" /* É */, "\xC3\xA9" /* é */, "\xC8\xBA" /* Ⱥ: lower is 3 bytes */,
    "\xE2\x80\xA6" /* … */, "\xE3\x80\x82" /* 。 */, "\xE6\x9D\xB1\xE4\xBA\xAC" /* 東京 */,
    "\xD0\xA0\xD0\xB5" /* Ре */, "\xE2\x80\x94" /* — */, "\xE2\x80\x83" /* em space */, "\xC2\xBB" /* » */,
    "\xFF" /* invalid */, "\xC3" /* truncated */, "\xED\xA0\x80" /* surrogate */, "\x01", "\x7F",
    "\xE2\x92\xB6" /* Ⓐ */, "\xE2\x85\xA0" /* Ⅰ */, "\xC7\x85" /* ǅ, title case */,
    // The common punctuation read inside a 64-byte step, and its neighbours
    // outside it: ‘ “ ” – ‚ • ⁓ ™ Ω
    "\xE2\x80\x98", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x93", "\xE2\x80\x9A", "\xE2\x80\xA2",
    "\xE2\x81\x93", "\xE2\x84\xA2", "\xE2\x84\xA6", "\xE2\x80" /* truncated */, "\xE2" /* truncated */,
    // The Cyrillic letters read inside a 64-byte step (U+0400..U+045F), at
    // the edges of their ranges (Ѐ Џ П Р Я а р ѐ џ), their neighbours
    // outside it (Ѡ Ͽ), a cut-off one, a word, and « which steps do not read.
    "\xD0\x80", "\xD0\x8F", "\xD0\x9F", "\xD0\xA0", "\xD0\xAF", "\xD0\xB0", "\xD1\x80", "\xD1\x90",
    "\xD1\x9F", "\xD1\xA0", "\xCF\xBF", "\xD0" /* truncated */,
    "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0" /* Москва */, "\xC2\xAB" /* « */,
};

TEST(FastPath, EdgeCasesAtEveryAlignment) {
  // Every pair and triple of pieces, behind every prefix length 0..8.
  for (std::size_t pad = 0; pad <= 8; ++pad) {
    const std::string prefix(pad, 'x');
    for (const auto& a : kPieces) {
      for (const auto& b : kPieces) {
        expect_same(prefix + a + b);
        expect_same(a + prefix + b);
        for (const auto& c : {std::string(" "), std::string("Ab"), std::string("\xC3\xA9."), std::string("  ")}) {
          expect_same(prefix + a + b + c + a);
        }
      }
    }
  }
  for (std::string_view text : {"", " ", "  ", "***", "  ADVERTISEMENT  ", "34 comments", "1,234 Shares",
                                 "Comments (12)", "Posted by Jane", "READ ALSO: Syria", "Read more \xC2\xBB here",
                                 "see also \xE2\x80\x94 x", "watch - it", "more|less", "related  :  x",
                                 "Facebook Twitter | LinkedIn", "(Facebook) \xE2\x80\xA2 Twitter!", "Read more about it", "Leave   a\tReply",
                                 "DON\xE2\x80\x99T MISS", "abcdefgh ijklmnop  qrstuvwx\t\tyz",
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 @[`{"}) {
    expect_same(text);
  }
}

// Every built-in pattern and teaser prefix, written out as a block would
// have it, and with its second byte changed: the index by first two bytes
// lets every match through and gives what trying them all gives.
TEST(FastPath, EveryPatternAndTeaserThroughItsIndex) {
  const MarkerSet& set = builtin_markers();
  auto expect_same_as_trying_all = [&](const std::string& key) {
    std::string fast_phrase, reference_phrase;
    EXPECT_EQ(set.match_whole(key, &fast_phrase), match_whole_trying_all(set, key, &reference_phrase))
        << "key: " << quote(key);
    EXPECT_EQ(fast_phrase, reference_phrase);
    EXPECT_EQ(set.match_teaser(key), match_teaser_trying_all(set, key)) << "key: " << quote(key);
  };
  auto with_second_byte_changed = [](std::string key) {
    if (key.size() >= 2) key[1] = key[1] == 'q' ? 'j' : 'q';
    return key;
  };
  ASSERT_FALSE(set.patterns.empty());
  for (const MarkerPattern& pattern : set.patterns) {
    for (std::string_view number : {"7", "1,234"}) {
      std::string key = pattern.text;
      for (auto at = key.find("<n>"); at != std::string::npos; at = key.find("<n>", at)) key.replace(at, 3, number);
      EXPECT_TRUE(match_pattern(pattern, key)) << "key: " << quote(key);
      EXPECT_TRUE(set.match_whole(key)) << "key: " << quote(key);
      expect_same_as_trying_all(key);
      expect_same_as_trying_all(key + " and more");
      expect_same_as_trying_all(with_second_byte_changed(key));
    }
  }
  ASSERT_FALSE(set.teaser_prefixes.empty());
  for (const std::string& prefix : set.teaser_prefixes) {
    for (std::string_view mark : {": x", " - x", " \xC2\xBB x"}) {
      const std::string key = prefix + std::string(mark);
      EXPECT_EQ(set.match_teaser(key), std::optional<std::string_view>(prefix)) << "key: " << quote(key);
      expect_same_as_trying_all(key);
      expect_same_as_trying_all(with_second_byte_changed(key));
    }
  }
}

// match_patterns() against trying every pattern in order, on `set`: the
// answer and the phrase it reports. Returns whether a pattern matched.
bool expect_same_patterns(const MarkerSet& set, std::string_view key) {
  std::string indexed_phrase = "stale", every_phrase = "stale";
  const std::optional<Reason> indexed = set.match_patterns(key, &indexed_phrase);
  EXPECT_EQ(indexed, set.match_patterns_reference(key, &every_phrase)) << "key: " << quote(key);
  EXPECT_EQ(indexed_phrase, every_phrase) << "key: " << quote(key);
  return indexed.has_value();
}

// Keys made from each pattern of `set` that a pattern head could wrongly
// turn away: the pattern written out with numbers of every form, cut at
// every size, with each byte in turn changed to bytes that open or go on a
// number, a space, a letter and a byte of a longer character, and with
// words or marks after it. Returns how many keys matched.
std::size_t expect_same_patterns_around_each(const MarkerSet& set) {
  const std::vector<std::string> numbers = {"7", "12", "1,234", "3.5", "1.", "1,", "0,0.0", "12345678901"};
  const std::vector<std::string> changes = {"", " ", "x", "0", "9", ",", ".", "\xC3", "\xC3\xA9", "(", ":"};
  std::size_t matches = 0;
  for (const MarkerPattern& pattern : set.patterns) {
    for (const std::string& number : numbers) {
      std::string written = pattern.text;
      for (auto at = written.find("<n>"); at != std::string::npos; at = written.find("<n>", at + number.size())) {
        written.replace(at, 3, number);
      }
      for (const std::string& after : {std::string(), std::string(" and more"), std::string("x"), std::string(":")}) {
        const std::string key = written + after;
        for (std::size_t size = 0; size <= key.size(); ++size) matches += expect_same_patterns(set, key.substr(0, size));
        for (std::size_t at = 0; at < key.size(); ++at) {
          for (const std::string& change : changes) {
            matches += expect_same_patterns(set, key.substr(0, at) + change + key.substr(at + 1));
            matches += expect_same_patterns(set, key.substr(0, at) + change + key.substr(at));
          }
        }
      }
    }
  }
  return matches;
}

// The pattern heads (eight bytes and a mask, compared before a pattern is
// walked; after the key's leading number for a pattern that opens with
// one) turn away only keys that trying every pattern in order does not
// match: the built-in patterns, and patterns whose heads end at a number,
// run past eight bytes, are shorter than a key's first eight bytes, or
// follow a number with the marks a number may hold.
TEST(FastPath, PatternHeadsAgreeWithTryingEveryPattern) {
  EXPECT_GT(expect_same_patterns_around_each(builtin_markers()), 0u);
  const MarkerSet set = parse_markers(
      "[comments]\n<n>.x\n<n>,y ...\n<n>\na<n>b\nab<n>cd<n>\nlonger than eight<n>\nq ...\nqq\n<n> <n>\n"
      "\xC3\xA9t\xC3\xA9 <n> ...\n[related]\nmore from ...\nmore\n");
  ASSERT_EQ(set.patterns.size(), 10u);  // "qq" and "more" are whole phrases
  EXPECT_GT(expect_same_patterns_around_each(set), 0u);
  // And keys drawn at random from the patterns' pieces.
  std::mt19937 random(20251125);
  const std::vector<std::string> pieces = {"<", "n", ">", "1", "2", ",", ".", "x", "y", "a", "b", "c", "d", "q", " ",
                                           "more", " from", "longer than eight", "\xC3\xA9t\xC3\xA9", "comments",
                                           "min read", "shares", "by", "posted"};
  std::size_t matches = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string key;
    for (std::size_t n = random() % 8; n > 0; --n) key += pieces[random() % pieces.size()];
    matches += expect_same_patterns(set, key);
    matches += expect_same_patterns(builtin_markers(), key);
  }
  EXPECT_GT(matches, 100u);
}

// is_button_row() turns away a key of one word, and a word no button can
// be by its first byte and size, before any lookup; a key whose first byte
// no button word opens with before a call. Keys drawn at random from
// button words, words one byte off them, other phrases' words, separators,
// marks around words, spaces doubled, digits and other scripts must get
// the answer of looking up every word, on the built-in phrases and on
// phrases whose button words open with a digit, a byte of another script
// or the same bytes as a longer one.
TEST(FastPath, ButtonRowAgreesWithLookingUpEveryWord) {
  const MarkerSet custom = parse_markers(
      "[share]\nfacebook\n1up\n\xD0\xB2\xD0\xBA\n\xC3\xA9" "cho\nx\nshare this\n[navigation]\nhome\nhomepage\n"
      "9gag\n[ad]\nads\nhome sweet\n");
  for (const MarkerSet* set : {&builtin_markers(), &custom}) {
    std::vector<std::string> words = {"|", "\xE2\x80\xA2", "\xE2\x80\x94", "-", "/", "\xC2\xBB", "the", "friends",
                                      "12", "ads", "sweet", "\xD0\xB2", "h", "f", "\xC3\xA9", "'"};
    for (const auto& [phrase, reason] : set->whole) {
      if (phrase.find(' ') != std::string::npos) {
        words.push_back(phrase.substr(0, phrase.find(' ')));
        continue;
      }
      words.push_back(phrase);
      words.push_back(phrase + ",");
      words.push_back("(" + phrase + ")");
      words.push_back("\xC2\xAB" + phrase + "\xC2\xBB");
      words.push_back(phrase + "s");
      words.push_back(phrase.substr(1));
      words.push_back(phrase.substr(0, phrase.size() - 1));
      words.push_back("x" + phrase);
    }
    std::mt19937 random(20251125);
    std::size_t rows = 0, others = 0;
    for (int i = 0; i < 50000; ++i) {
      std::string key;
      const std::size_t count = 1 + random() % 6;
      for (std::size_t n = 0; n < count; ++n) {
        if (n > 0) key += random() % 8 == 0 ? "  " : " ";
        key += words[random() % words.size()];
      }
      const bool row = set->is_button_row(key);
      EXPECT_EQ(row, set->is_button_row_reference(key)) << "key: " << quote(key);
      (row ? rows : others) += 1;
    }
    EXPECT_GT(rows, 100u);
    EXPECT_GT(others, 100u);
  }
  // A row of button words that open with a digit or a letter of another
  // script, and one word alone.
  EXPECT_TRUE(custom.is_button_row("1up facebook"));
  EXPECT_TRUE(custom.is_button_row("\xD0\xB2\xD0\xBA | 9gag"));
  EXPECT_TRUE(custom.is_button_row("9gag \xD0\xB2\xD0\xBA"));
  EXPECT_TRUE(custom.is_button_row("| facebook home"));
  EXPECT_FALSE(custom.is_button_row("facebook"));
  EXPECT_FALSE(custom.is_button_row("facebook |"));
  EXPECT_FALSE(custom.is_button_row("home homepage"));  // no share button
  EXPECT_FALSE(custom.is_button_row("facebook ads"));
  // A phrase added after indexing counts, as its lookup does (which knows
  // it by its first byte and size once told).
  MarkerSet changed = custom;
  changed.whole.emplace("zulu", Reason::ShareBar);
  changed.whole_sizes_by_first_byte[static_cast<unsigned char>('z')] |= std::uint64_t{1} << 4;
  EXPECT_TRUE(changed.is_button_row("zulu facebook"));
  EXPECT_EQ(changed.is_button_row("zulu facebook"), changed.is_button_row_reference("zulu facebook"));
}

// The same pieces across the 64-byte steps of block_stats_and_key(): behind
// and between prefixes of 50 to 72 bytes of mixed text, so that each join
// lands on every position around a step.
TEST(FastPath, EdgeCasesAcrossSixtyFourBytes) {
  const std::string filler =
      "The cat's \"hat\" (big). Go!  x\ty z 42 www.a, B.  C? \xC3\xA9t\xC3\xA9 D) \"E.\" f  G*. h i j k l m n o p q";
  for (std::size_t pad = 50; pad <= 72; ++pad) {
    const std::string prefix = filler.substr(0, pad);
    for (const auto& a : kPieces) {
      for (const auto& b : kPieces) {
        expect_same(prefix + a + b);
        expect_same(a + prefix + b + prefix);
      }
    }
  }
}

// Random mixes of the pieces, most of them short as most lines are (a
// block of one 64-byte step, or less, is the common case of the walk),
// some across two or three steps.
TEST(FastPath, RandomMixesOfPieces) {
  std::mt19937 random(20261125);
  for (int round = 0; round < 3000; ++round) {
    const std::size_t limit = round % 4 == 0 ? 200 : 1 + random() % 64;
    std::string text;
    while (text.size() < limit) text += kPieces[random() % kPieces.size()];
    if (random() % 2) text.resize(limit);  // may cut a sequence off
    expect_same(text);
  }
}

// The tables' hash reads every byte of a key and none past it: a key that
// differs in any one byte hashes differently (each step of the hash is a
// bijection of its input), and a key read inside a longer buffer hashes as
// its own copy does.
TEST(FastPath, SpreadHashReadsEveryByteOfTheKeyAndNoMore) {
  const std::string buffer = "Privacy policy and cookies, terms of use; all rights reserved 2024!";
  for (std::size_t n = 0; n <= 48; ++n) {
    const std::string key = buffer.substr(0, n);
    const std::uint64_t h = spread_hash(key);
    EXPECT_EQ(spread_hash(std::string_view(buffer).substr(0, n)), h) << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string changed = key;
      changed[i] = static_cast<char>(changed[i] ^ 0x20);
      EXPECT_NE(spread_hash(changed), h) << "length " << n << ", byte " << i;
    }
  }
}

// Keys go to the page's arena: each stays where it was written, with its
// bytes, while the arena fills chunk after chunk and is moved.
TEST(FastPath, KeyArenaKeepsEveryKeyInPlace) {
  KeyArena keys;
  keys.reserve(40);
  std::vector<std::string> texts;
  std::vector<std::string_view> views;
  for (int i = 0; i < 300; ++i) {
    texts.push_back("Block " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 37), 'x') + " END");
    std::string_view key;
    const BlockStats stats = block_stats_and_key(texts.back(), keys, key);
    std::string expected_key;
    EXPECT_EQ(stats, block_stats_and_key(texts.back(), expected_key));
    EXPECT_EQ(key, expected_key);
    views.push_back(key);
  }
  KeyArena moved = std::move(keys);
  for (std::size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(views[i], marker_key(texts[i])) << i;
  EXPECT_TRUE(moved.add("", 0).empty());
}

// add() copies whole 64-byte pieces of its source: each key holds
// its own bytes alone, and the padding after it is zeros, not the rest of
// the source, at every size across the pieces and the arena's chunks.
TEST(FastPath, KeyArenaPaddedAddKeepsOnlyTheKey) {
  KeyArena keys;
  std::vector<std::string_view> views;
  std::string source;
  for (std::size_t size = 0; size <= 200; ++size) {
    source.assign(size, 'k');
    source.append(KeyArena::kPadding, '#');
    views.push_back(keys.add(source.data(), size));
    ASSERT_EQ(views.back(), std::string(size, 'k')) << size;
    if (size == 0) continue;
    EXPECT_EQ(std::string_view(views.back().data() + size, KeyArena::kPadding), std::string(KeyArena::kPadding, '\0'))
        << size;
  }
  for (std::size_t size = 0; size < views.size(); ++size) EXPECT_EQ(views[size], std::string(size, 'k')) << size;
}

// Chrome-word phrases, whole and not, at every offset of keys longer than
// the 64 bytes find_chrome_words() looks at in one step.
TEST(FastPath, ChromeWordsAtEveryOffset) {
  const std::string filler = "Some words, then more words (and numbers 12 34) and yet more words to fill the line up ";
  std::vector<std::string> phrases = builtin_markers().chrome_words;
  for (const std::string& phrase : builtin_markers().chrome_words) {
    phrases.push_back("x" + phrase);
    phrases.push_back(phrase + "x");
    phrases.push_back(phrase.substr(0, phrase.size() - 1));
  }
  for (std::size_t offset = 0; offset <= filler.size(); ++offset) {
    for (const auto& phrase : phrases) {
      expect_same(filler.substr(0, offset) + phrase + " " + filler);
      expect_same(filler + filler.substr(0, offset) + phrase);
    }
  }
}

// Every phrase a key holds is found, each once, however many there are;
// a phrase with a context only once the key holds one of its words.
TEST(FastPath, AllChromeWordsInOneKey) {
  const MarkerSet& set = builtin_markers();
  std::string key;
  std::uint64_t all = 0, alone = 0;
  for (std::size_t k = 0; k < set.chrome_words.size() && k < 64; ++k) {
    key += set.chrome_words[k] + " and ";
    all |= std::uint64_t{1} << k;
    if (set.chrome_word_contexts[k].empty()) alone |= std::uint64_t{1} << k;
    expect_same(key);
  }
  EXPECT_EQ(set.find_all_chrome_words_reference(key), alone);
  for (const auto& context : set.chrome_word_contexts) {
    if (!context.empty()) key += context.back() + " and ";
    expect_same(key);
  }
  EXPECT_EQ(set.find_all_chrome_words_reference(key), all);
  EXPECT_EQ(set.find_all_chrome_words_reference("nothing of the kind here"), 0u);
}

// Keys around the shortest phrase's size, which find_chrome_words() turns
// away before looking when shorter.
TEST(FastPath, ChromeWordsShortKeys) {
  const MarkerSet& set = builtin_markers();
  ASSERT_GT(set.shortest_chrome_word, 0u);
  for (const std::string& phrase : set.chrome_words) {
    for (std::size_t size = 0; size <= phrase.size(); ++size) {
      expect_same(phrase.substr(0, size));
      expect_same(phrase.substr(phrase.size() - size));
    }
  }
  for (std::size_t k = 0; k < set.chrome_words.size(); ++k) {
    const std::string& phrase = set.chrome_words[k];
    if (phrase.size() != set.shortest_chrome_word) continue;
    const auto& context = set.chrome_word_contexts[k];
    EXPECT_EQ(set.find_chrome_words(phrase).has_value(), context.empty()) << phrase;
    if (!context.empty()) EXPECT_TRUE(set.find_chrome_words(phrase + " " + context.front())) << phrase;
  }
}

// A key of `pieces` drawn at random, `count` of them.
std::string random_key(std::mt19937& random, const std::vector<std::string>& pieces, std::size_t count) {
  std::string key;
  for (std::size_t i = 0; i < count; ++i) key += pieces[random() % pieces.size()];
  return key;
}

// The search is the reference's for any [chrome-words] list, not only the
// built-in one: up to 64 phrases (more than the eight the AVX2 filter tells
// apart exactly, so that pairs share its buckets), phrases of two bytes,
// phrases that share a pair or the byte it starts with, non-ASCII ones,
// phrases with a context; and a list the one pass cannot take (a phrase of
// one byte, over 64 phrases), which the reference answers. Keys of phrases,
// their parts, words and marks at random, across several steps of the
// filter.
TEST(FastPath, ChromeWordsAnyPhraseList) {
  const std::vector<std::string> syllables = {"ab", "ra", "ki", "zo", "\xC3\xBC" /* ü */, "\xE6\x9D\xB1" /* 東 */,
                                              "qu", "ee"};
  std::string sixty_four;  // 64 phrases of one to three syllables
  std::vector<std::string> phrases;
  for (std::size_t i = 0; phrases.size() < 64; ++i) {
    std::string phrase = syllables[i % 8];
    if (i >= 8) phrase += (i % 3 == 0 ? " " : "") + syllables[(i / 8) % 8];
    if (i >= 40) phrase += " " + syllables[(i * 5) % 8];
    if (std::find(phrases.begin(), phrases.end(), phrase) == phrases.end()) phrases.push_back(phrase);
  }
  for (const std::string& phrase : phrases) sixty_four += phrase + "\n";
  struct List {
    std::string text;
    bool one_pass;  // whether the pair filter is built for it
  };
  const std::vector<List> lists = {
      {"[chrome-words]\n" + sixty_four, true},
      {"[chrome-words]\nab\nrab\nra\nabra\nkiab & zo | \xC3\xBC\nki ra & ee\nzo zo\n", true},
      {"[chrome-words]\nprivacy policy\nprivacy\npolicy\ncookies & website | browser\n\xE6\x9D\xB1\xE4\xBA\xAC\n", true},
      {"[chrome-words]\n" + sixty_four + "extra phrase\n", false},
      {"[chrome-words]\nab\nk\nra ki\n", false},
  };
  std::vector<std::string> pieces = {" ", " ", "  ", ".", "-", "x", "1", "\xFF", "\xC3", "\x00", "y ", "\xC3\xA9"};
  for (const std::string& syllable : syllables) {
    pieces.push_back(syllable);
    pieces.push_back(syllable + " ");
  }
  std::mt19937 random(20240611);
  for (const List& list : lists) {
    std::string error;
    const MarkerSet set = parse_markers(list.text, &error);
    ASSERT_EQ(error, "");
    ASSERT_EQ(!set.chrome_pairs.pairs.empty(), list.one_pass) << list.text;
    std::vector<std::string> keyed = pieces;
    for (const std::string& phrase : set.chrome_words) {
      keyed.push_back(phrase);
      keyed.push_back(phrase + " ");
      keyed.push_back(phrase.substr(1));
      keyed.push_back(phrase.substr(0, phrase.size() - 1));
    }
    for (const auto& context : set.chrome_word_contexts) keyed.insert(keyed.end(), context.begin(), context.end());
    std::uint64_t seen = 0;
    for (int round = 0; round < 3000; ++round) {
      const std::string key = random_key(random, keyed, random() % 40);
      expect_same_chrome_words(set, key);
      seen |= set.find_all_chrome_words_reference(key);
    }
    // The keys held each phrase somewhere.
    const std::size_t counted = std::min<std::size_t>(set.chrome_words.size(), 64);
    EXPECT_EQ(seen, counted == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << counted) - 1) << list.text;
  }
}

// The pair filter's step, by every build: every place a pair begins at is
// marked, and only those when the filter holds at most eight pairs (up to
// the pairs the AVX2 tables tell apart); the portable loop marks what AVX2
// marks, from the same tables, with more pairs too. Pairs of bytes of
// every nibble (0x00, 0xFF, bytes that share one nibble), at every place
// of the step, the next byte read past it.
TEST(FastPath, PairStartsEveryBuild) {
  const std::string bytes = std::string("\x00\x01\x0F\x10\x1F\xF0\xF1\xFF\x80\x7F aArR", 15) + "kiyvm";
  std::mt19937 random(7);
  for (std::size_t count = 1; count <= 20; ++count) {
    for (int round = 0; round < 40; ++round) {
      PairFilter filter;
      while (filter.pairs.size() < count) {
        filter.add({static_cast<unsigned char>(bytes[random() % bytes.size()]),
                    static_cast<unsigned char>(bytes[random() % bytes.size()])});
      }
      for (int block = 0; block < 20; ++block) {
        char p[kPairStep + 1];
        for (char& c : p) c = bytes[random() % bytes.size()];
        // A pair of the filter at a place at random, the last one included.
        const BytePair planted = filter.pairs[random() % filter.pairs.size()];
        const std::size_t at = random() % kPairStep;
        p[at] = static_cast<char>(planted.first);
        p[at + 1] = static_cast<char>(planted.second);
        std::uint64_t exact = 0;
        for (std::size_t k = 0; k < kPairStep; ++k) {
          const BytePair here{static_cast<unsigned char>(p[k]), static_cast<unsigned char>(p[k + 1])};
          if (std::find(filter.pairs.begin(), filter.pairs.end(), here) != filter.pairs.end()) {
            exact |= std::uint64_t{1} << k;
          }
        }
        ASSERT_NE(exact >> at & 1, 0u);
        std::vector<std::pair<std::string, std::uint64_t>> builds = {{"portable", portable::PairStarts(filter).at(p)}};
#if defined(__SSE2__)
        builds.emplace_back("sse2", sse2::PairStarts(filter).at(p));
#endif
#if WINNOW_WIDE_SIMD
        if (simd_level_runs(SimdLevel::kAvx2)) {
          builds.emplace_back("avx2", avx2::PairStarts(filter).at(p));
          EXPECT_EQ(builds.back().second, builds.front().second) << count << " pairs";
        }
#endif
        for (const auto& [name, marked] : builds) {
          EXPECT_EQ(marked & exact, exact) << name << ", " << count << " pairs: a place left out";
          EXPECT_EQ(marked >> kPairStep, 0u) << name;
          if (count <= PairFilter::kBuckets) {
            EXPECT_EQ(marked, exact) << name << ", " << count << " pairs";
          }
        }
      }
    }
  }
}

TEST(FastPath, ParseTextEdgeCases) {
  for (const auto& a : kPieces) {
    for (const auto& b : kPieces) {
      expect_same_parse(a + "\n" + b);
      expect_same_parse("\n\n" + a + b + "\n \n" + b + " " + a + "\n");
      expect_same_parse(a + "  " + b + "\r\n\t" + a + "\t\n");
    }
  }
  for (std::string_view text : {"", "\n", "\n\n\n", " \n\t\n", "x", "x\n", "\nx", "a\n\nb\n \nc"}) {
    expect_same_parse(text);
  }
  // Line ends and spacing on every offset of the sixteen- and eight-byte
  // reads, on the first line and on a later one.
  for (std::size_t pad = 0; pad <= 17; ++pad) {
    const std::string prefix(pad, 'x');
    for (const auto& a : kPieces) {
      for (const char* end : {"\n", "\n\n", " \n", "  \n", "\t\n", "\n \n", ""}) {
        expect_same_parse(prefix + a + end + prefix + "y" + a);
        expect_same_parse("Zz " + a + prefix + a + end + a + " " + prefix);
      }
    }
  }
}

// parse_text() reads the page 64 bytes at a time: every line end, space
// and control, a doubled space split across two of those reads, a line
// whose only byte to fold is in an earlier read than its end, and the
// page's last, partial read.
TEST(FastPath, ParseTextAcrossSixtyFourBytes) {
  const std::vector<std::string> pieces = {"a", "Wd", " ", "  ", "\t", "\r", "\f", "\v", "\x01", "\x1F", "\x7F",
                                           "\xC3\xA9", "\xE2\x80\x94", "\xFF", "\n", "\n\n", " \n", "\r\n"};
  for (std::size_t pad = 0; pad <= 130; ++pad) {
    const std::string prefix(pad, 'x');
    for (const auto& a : pieces) {
      for (const char* end : {"\n", "\n\n", " \n", "  \n", "\t\n", "\n \n", ""}) {
        expect_same_parse(prefix + a + end + "y" + a);
        expect_same_parse("Zz " + a + " " + prefix + a + end + a + " " + prefix);
        expect_same_parse(a + prefix + " " + end + std::string(200 - pad, 'y') + a);
      }
    }
  }
  // Random pages of those pieces and of words, up to some 600 bytes.
  std::mt19937 random(20261125);
  std::vector<std::string> words = pieces;
  for (const char* word : {"word", "Lines", "of text"}) words.emplace_back(word);
  words.emplace_back(70, 'w');
  for (int page = 0; page < 5000; ++page) {
    std::string text;
    const std::size_t parts = random() % 60;
    for (std::size_t k = 0; k < parts; ++k) text += words[random() % words.size()];
    expect_same_parse(text);
  }
}

// Lower-casing keeps a code point a letter or digit, or not one: the fast
// marker_key() trims the key's end after lower-casing and relies on it.
TEST(FastPath, LowerCaseKeepsLettersAndDigits) {
  for (char32_t cp = 0; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    ASSERT_EQ(is_letter_or_digit(to_lower(cp)), is_letter_or_digit(cp)) << "U+" << std::hex << static_cast<unsigned>(cp);
  }
}

// The table behind the two-byte code points agrees with utf8proc on every
// code point.
TEST(FastPath, LetterTableAgreesWithUtf8proc) {
  for (char32_t cp = 0x80; cp < 0x110000; ++cp) {
    ASSERT_EQ(is_letter_or_digit(cp), is_letter_or_digit_utf8proc(cp)) << "U+" << std::hex << static_cast<unsigned>(cp);
    ASSERT_EQ(to_lower(cp), to_lower_utf8proc(cp)) << "U+" << std::hex << static_cast<unsigned>(cp);
  }
}

// The property table filled as text meets code points gives what the
// direct computation gives, for every code point (twice: filling, then
// filled).
TEST(FastPath, CodePointPropsTable) {
  for (int pass = 0; pass < 2; ++pass) {
    for (char32_t cp = 0; cp < 0x110000; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      ASSERT_TRUE(code_point_props(cp) == code_point_props_reference(cp)) << "U+" << std::hex << static_cast<unsigned>(cp);
    }
  }
}

// The 64-byte masks of the SSE2 build against the byte-at-a-time ones, on
// every byte value at every position.
TEST(FastPath, StatsMasks) {
  char block[kMaskBlock + 1] = {};
  for (unsigned value = 0; value < 256; ++value) {
    for (std::size_t at = 0; at < kMaskBlock; ++at) {
      for (std::size_t k = 0; k < kMaskBlock; ++k) block[k] = static_cast<char>("aZ 9.\"\t\x80"[(k * 7 + value) % 8]);
      block[at] = static_cast<char>(value);
      for (int vectors = 1; vectors <= 4; ++vectors) {
        StatsMasks fast = stats_masks(block, vectors), slow = portable::stats_masks(block, vectors);
        ASSERT_EQ(fast.high, slow.high);
        ASSERT_EQ(fast.space, slow.space);
        ASSERT_EQ(fast.plain_space, slow.plain_space);
        ASSERT_EQ(fast.upper, slow.upper);
        ASSERT_EQ(fast.letter, slow.letter);
        ASSERT_EQ(fast.digit, slow.digit);
      }
      for (int vectors = 1; vectors <= 4; ++vectors) {
        char lowered[kMaskBlock] = {}, lowered_slow[kMaskBlock] = {};
        store_lower(block, lowered, vectors);
        portable::store_lower(block, lowered_slow, vectors);
        ASSERT_EQ(std::string_view(lowered, kMaskBlock), std::string_view(lowered_slow, kMaskBlock));
      }
    }
  }
}

// Lower-casing twice is lower-casing once: a key's words need no second
// pass (key_word_key() relies on it).
TEST(FastPath, LowerCaseIsIdempotent) {
  for (char32_t cp = 0; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    ASSERT_EQ(to_lower(to_lower(cp)), to_lower(cp)) << "U+" << std::hex << static_cast<unsigned>(cp);
  }
}

// Every sequence of up to three bytes, and what follows a cut one, decodes
// to the same code point and length as utf8proc gives.
TEST(FastPath, DecodingAgreesWithUtf8proc) {
  std::string bytes(3, '\0');
  for (unsigned a = 0x80; a < 0x100; ++a) {
    for (unsigned b = 0; b < 0x100; ++b) {
      for (unsigned c = 0; c < 0x100; ++c) {
        bytes[0] = static_cast<char>(a);
        bytes[1] = static_cast<char>(b);
        bytes[2] = static_cast<char>(c);
        for (std::size_t len : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
          if (len < 3 && c != 0) continue;  // shorter inputs only once
          if (len < 2 && b != 0) continue;
          std::string_view s(bytes.data(), len);
          std::size_t fast_end = 0, reference_end = 0;
          char32_t fast = next_code_point(s, fast_end), reference = next_code_point_utf8proc(s, reference_end);
          ASSERT_EQ(fast, reference) << std::hex << a << " " << b << " " << c << " length " << len;
          ASSERT_EQ(fast_end, reference_end) << std::hex << a << " " << b << " " << c << " length " << len;
        }
      }
    }
  }
}

void expect_same_on_files(const fs::path& dir, std::size_t& files) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string text = read_file(entry.path());
    SCOPED_TRACE(entry.path().string());
    expect_same_parse(text);
    for (const auto& line : lines_of(text)) expect_same(line);
    ++files;
  }
}

TEST(FastPath, SamplePages) {
  std::size_t files = 0;
  expect_same_on_files(fs::path(WINNOW_SOURCE_DIR) / "samples", files);
  EXPECT_GT(files, 0u);
}

TEST(FastPath, BenchmarkPages) {
  const fs::path bench = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "bench";
  if (!fs::exists(bench / "scrapinghub-text")) {
    GTEST_SKIP() << "benchmark pages not found at " << bench << " (the shared folder is absent)";
  }
  std::size_t files = 0;
  // The scraped text, and the raw HTML read as lines: markup, scripts and
  // other encodings make inputs the text alone does not.
  expect_same_on_files(bench / "scrapinghub-text", files);
  expect_same_on_files(bench / "scrapinghub" / "html", files);
  EXPECT_GT(files, 300u);
}

}  // namespace

}  // namespace winnow::detail
