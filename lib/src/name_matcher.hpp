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
#include <utility>
#include <vector>

#include "winnow/names.hpp"

namespace winnow::detail {

// The folded tokens of a name form: "Hay'at Tahrir al-Sham" ->
// {"Hayat", "Tahrir", "al", "Sham"}.
std::vector<std::string> fold_name(std::string_view form, bool ignore_case);

class NameMatcher {
 public:
  explicit NameMatcher(const std::vector<NameEntry>& entries);

  // Replace every variant in `text` by its canonical form into `result`
  // (which may be the text itself); false, with `result` untouched, when
  // nothing was replaced.
  bool apply(std::string_view text, std::string& result, std::size_t* replaced,
             std::vector<std::pair<std::string, std::string>>* examples) const;

  // The same, considering every byte in turn (no block filter), for tests.
  bool apply_reference(std::string_view text, std::string& result, std::size_t* replaced,
             std::vector<std::pair<std::string, std::string>>* examples) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Node {
    std::unordered_map<std::string, std::unique_ptr<Node>, Hash, std::equal_to<>> next;
    int entry = -1;  // the entry whose form ends here
  };
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
  std::vector<Target> entries_;
  Node exact_;        // case-sensitive forms
  Node any_case_;     // [ignore-case] forms, lower-cased
  bool may_start(char32_t c) const;  // can a name begin with this character?
  // Whether the byte tables let a name begin at text[i] (cheap).
  bool may_begin_at(std::string_view text, std::size_t i) const;
  // Matches at text[i] (a position may_begin_at() let through); returns
  // where the scan resumes.
  std::size_t match_at(std::string_view text, std::size_t i, std::string& out, std::size_t& copied, bool& changed,
                       std::size_t* replaced, std::vector<std::pair<std::string, std::string>>* examples) const;
  // Considers a name at text[i]; returns where the scan resumes.
  std::size_t visit(std::string_view text, std::size_t i, std::string& out, std::size_t& copied, bool& changed,
                    std::size_t* replaced, std::vector<std::pair<std::string, std::string>>* examples) const;
  void finish_scan_bytes();
  bool prefix_may_match(std::string_view text, std::size_t i) const;
  static std::size_t prefix_hash(unsigned char a, unsigned char b, unsigned char c);
  bool first_token_may_match(std::string_view text, std::size_t i) const;
  static std::size_t token_hash(std::string_view token, bool any_case);

  std::bitset<1 << 16> first_tokens_;  // hashes of the ASCII first tokens of all forms

  std::bitset<1 << 16> prefixes_;  // hashes of the first three bytes of first tokens
  bool prefix_all_ = false;        // a first token begins with non-ASCII: no prefix filter

  bool starts_[256] = {};  // first bytes of a first token (ASCII), either trie
  bool scan_[256] = {};    // bytes the scan stops at
  bool pairs_[128][128] = {};  // first two bytes of a first token
  std::vector<std::string> other_starts_;  // first tokens that fold to non-ASCII
  // The ASCII bytes of scan_ other than capitals, looked for 64 bytes at a
  // time when there are few of them; otherwise every byte is a candidate.
  std::vector<unsigned char> other_scan_bytes_;
  bool scan_every_byte_ = false;
  // The non-ASCII bytes of scan_, as ranges, looked for likewise.
  std::vector<std::pair<unsigned char, unsigned char>> high_scan_ranges_;
  bool every_high_byte_ = false;
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
