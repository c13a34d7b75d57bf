// Name-variant matching: a token trie over folded name forms, run once over
// the text. At each word start the longest form that matches wins; its
// canonical spelling replaces it. Folding ignores diacritics, apostrophes
// and the difference between spaces, hyphens and dashes between tokens;
// letter case counts unless the entry says otherwise.
#pragma once

#include <cstddef>
#include <bitset>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "byte_masks.hpp"
#include "simd_level.hpp"
#include "spread_hash.hpp"
#include "winnow/names.hpp"

namespace winnow::detail {

// The bounds of inline code in the text of an HTML block, as the pipeline
// marks them for the name step (a match that touches the code between
// them stays as written): U+FDD0 and U+FDD1, noncharacters, which the HTML
// parser turns into U+FFFD in a page, so that the walk's text never holds
// them.
inline constexpr std::string_view kCodeOpenMark = "\xEF\xB7\x90", kCodeCloseMark = "\xEF\xB7\x91";

// The folded tokens of a name form: "Hay'at Tahrir al-Sham" ->
// {"Hayat", "Tahrir", "al", "Sham"}.
std::vector<std::string> fold_name(std::string_view form, bool ignore_case);

class NameMatcher {
 public:
  NameMatcher(const std::vector<NameEntry>& entries, const NameRules& rules);

  // Replace every variant in `text` by its canonical form into `result`
  // (which may be the text itself); false, with `result` untouched, when
  // nothing was replaced. `simd`: the instruction set of the scan's loop
  // (any gives the same result; tests run each this CPU has).
  bool apply(std::string_view text, std::string& result, std::size_t* replaced,
             std::vector<std::pair<std::string, std::string>>* examples,
             SimdLevel simd = SimdLevel::kBest) const;

  // The same for the inline Markdown the HTML walk writes (Block::markdown),
  // read through its emphasis and links (markdown_prose()): "*Sergei*
  // Lavrov" is a match, and becomes "*Sergey* Lavrov". The markup inside a
  // match goes where it was among the canonical form's tokens (the same
  // gap between two of them); a match stays as written when that place
  // is not clear (markup inside a word, two gaps that would meet).
  bool apply_markdown(std::string_view markdown, std::string& result, std::size_t* replaced,
                      std::vector<std::pair<std::string, std::string>>* examples) const;

  // The same, trying a match at every character a name may begin with
  // (may_start_at(): no masks, no first-token filter), for tests.
  bool apply_reference(std::string_view text, std::string& result, std::size_t* replaced,
             std::vector<std::pair<std::string, std::string>>* examples) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return spread_hash(s); }
  };
  struct Node {
    std::unordered_map<std::string, std::unique_ptr<Node>, Hash, std::equal_to<>> next;
    int entry = -1;  // the entry whose form ends here
  };
  // A rewrite a scan made: text[begin, end) became entries_[entry]'s
  // canonical form.
  struct Rewrite {
    std::size_t begin = 0, end = 0;
    int entry = -1;
  };
  using Rewrites = std::vector<Rewrite>;
  struct Match {
    std::size_t end = 0;  // byte just past the match
    int entry = -1;
    std::string last_token;  // folded, for "Lavrov Lavrov"
  };

  void insert(Node& root, const std::vector<std::string>& tokens, int entry);
  bool longest_match(const Node& root, std::string_view text, std::size_t start, bool ignore_case,
                     Match& match) const;

  struct Target {
    std::string canonical;
    bool ignore_case = false;
  };
  // One line of text around a match that would be rewritten: the parts of
  // it that are not prose and stay as written (URLs, e-mail addresses,
  // @handles and #hashtags, Markdown link targets, inline code), and which
  // `keep near` rules its words meet. Found at the first such match in the
  // line and kept for the scan's next ones there; a scan of text without
  // one never looks.
  struct Line {
    bool known = false;               // whether the fields below are a line's
    std::size_t start = 0, end = 0;  // the line [start, end)
    std::vector<std::pair<std::size_t, std::size_t>> verbatim;  // sorted, disjoint [begin, end)
    std::vector<signed char> near;  // per rule of near_: 1 met, 0 not, -1 not looked at yet
  };
  // Whether the match text[begin, end) of a line stays as written: it
  // touches a verbatim span, or a context rule keeps it.
  bool stays_as_written(std::string_view text, std::size_t begin, std::size_t end, Line& line) const;
  void find_line(std::string_view text, std::size_t at, Line& line) const;
  // The context rules (NameRules), ready for matching: forms as their
  // folded tokens joined by spaces.
  struct NearRule {
    std::string form;
    std::unordered_set<std::string> words;
  };
  std::vector<std::string> keep_after_, keep_before_;
  std::vector<NearRule> near_;
  std::unordered_set<std::string> person_names_, not_names_;
  // Whether text[begin, end) is a form of `person_names` next to another
  // capitalized word.
  bool person_context(std::string_view text, std::size_t begin, std::size_t end) const;
  // Whether a word of the line is one of near_[rule]'s.
  bool near_word_in_line(std::string_view text, std::size_t rule, Line& line) const;
  std::vector<Target> entries_;
  Node exact_;        // case-sensitive forms
  Node any_case_;     // [ignore-case] forms, lower-cased
  bool may_start(char32_t c) const;  // can a name begin with this character?
  bool may_start_at(std::string_view text, std::size_t i) const;
  // Matches at text[i] (a word start the filters let through, or any start
  // for apply_reference()); returns where the scan resumes.
  std::size_t match_at(std::string_view text, std::size_t i, Line& line, std::string& out, std::size_t& copied,
                       bool& changed, std::size_t* replaced,
                       std::vector<std::pair<std::string, std::string>>* examples, Rewrites* rewrites) const;
  void finish_scan_bytes();
  // Whether a form's first token can be the token text[i, end) of ASCII
  // letters and digits that read_token() ends at `end`: a hash of it is
  // looked up among the forms' first tokens (false positives only).
  bool first_token_may_be(std::string_view text, std::size_t i, std::size_t end) const;
  bool folded_first_token_may_be(std::string_view text, std::size_t i) const;
  bool hashed_in(const std::bitset<1 << 16>& hashes, std::uint64_t first8, std::size_t size) const;
  static std::size_t token_hash(std::uint64_t first8, std::size_t size, bool any_case);
  // apply() with the masks of one instruction set, for
  // scan_bytes_.other_count == kOthers (the masks' compares are set up once
  // per block, not chosen per block). Always inlined into the functions
  // below, each built for its instruction set.
  template <class Masks, int kOthers>
  bool scan(std::string_view text, std::string& result, std::size_t* replaced,
            std::vector<std::pair<std::string, std::string>>* examples, Rewrites* rewrites) const;
  template <class Masks>
  bool scan_with(std::string_view text, std::string& result, std::size_t* replaced,
                 std::vector<std::pair<std::string, std::string>>* examples, Rewrites* rewrites) const;
  // apply() with the masks of the best instruction set `simd` allows,
  // noting each rewrite in `rewrites` when it is given.
  bool scan_best(std::string_view text, std::string& result, std::size_t* replaced,
                 std::vector<std::pair<std::string, std::string>>* examples, SimdLevel simd,
                 Rewrites* rewrites) const;
  bool scan_baseline(std::string_view text, std::string& result, std::size_t* replaced,
                     std::vector<std::pair<std::string, std::string>>* examples, Rewrites* rewrites) const;
#if WINNOW_WIDE_SIMD
  bool scan_avx2(std::string_view text, std::string& result, std::size_t* replaced,
                 std::vector<std::pair<std::string, std::string>>* examples, Rewrites* rewrites) const;
#endif
  // The filters apply() runs on a candidate of a 64-byte block.
  bool may_begin_in_block(std::string_view text, std::size_t i, const char* block, const NameScanMasks& m,
                          std::size_t bit) const;

  std::bitset<1 << 16> first_tokens_;   // token_hash() of the ASCII first tokens of all forms
  std::bitset<1 << 16> head_prefixes_;  // token_hash() of their ASCII prefixes, 1 to 8 bytes long
  bool starts_[256] = {};  // first bytes of a first token (ASCII), either trie
  bool scan_[256] = {};    // bytes the scan stops at
  // For each ASCII first byte of a first token, one bit per second byte
  // (every one when the token's second is not ASCII or there is none), and
  // every byte >= 0x80 and the ASCII apostrophes (folding may drop or
  // change them).
  std::uint64_t second_bytes_[128][4] = {};
  // The first three bytes of the ASCII first tokens at least three long, in
  // every letter case for [ignore-case] forms, by triple_hash(): a token
  // that begins with three ASCII letters or digits folds to a token that
  // begins with them, so a form's first token must begin alike.
  std::uint64_t triples_[1024] = {};
  static std::uint32_t triple_hash(std::uint32_t three_bytes) { return (three_bytes * 0x9E3779B1u) >> 16; }
  void add_triple(std::uint32_t three_bytes) {
    std::uint32_t h = triple_hash(three_bytes);
    triples_[h >> 6] |= std::uint64_t{1} << (h & 63);
  }
  // The three bytes at p (four readable), the first in the lowest byte.
  static std::uint32_t first_three_bytes(const char* p) {
    std::uint32_t first4;
    __builtin_memcpy(&first4, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    first4 = __builtin_bswap32(first4);
#endif
    return first4 & 0xFFFFFF;
  }
  std::uint64_t triple_bit(std::uint32_t three_bytes) const {  // 1 or 0
    std::uint32_t h = triple_hash(three_bytes);
    return (triples_[h >> 6] >> (h & 63)) & 1;
  }
  std::vector<std::string> other_starts_;  // first tokens that fold to non-ASCII
  // The bytes of scan_ the 64-byte masks look for (all capitals, whether
  // or not a form begins with them: the first-token filter sorts them out).
  NameScanBytes scan_bytes_;
};

}  // namespace winnow::detail

namespace winnow {

// The compiled matcher of a dictionary.
const detail::NameMatcher& name_matcher(const NameDictionary& dictionary);

}  // namespace winnow

namespace winnow::detail {

// Unify the names in `text` in place; false when nothing changed.
bool unify_names(std::string& text, const NameDictionary& dictionary, std::size_t* replaced,
                 std::vector<std::pair<std::string, std::string>>* examples);

}  // namespace winnow::detail
