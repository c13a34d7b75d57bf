#include "name_matcher.hpp"

#include <cstdint>

#include <utf8proc.h>

#include "byte_masks.hpp"
#include "utf8.hpp"

namespace winnow::detail {

inline std::size_t NameMatcher::prefix_hash(unsigned char a, unsigned char b, unsigned char c) {
  std::uint32_t key = (std::uint32_t{a} << 16) | (std::uint32_t{b} << 8) | c;
  return (key * 2654435761U) >> (32 - 16);
}

namespace {

struct AsciiClass {
  bool alnum[128] = {};
  constexpr AsciiClass() {
    for (int c = '0'; c <= '9'; ++c) alnum[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) alnum[c] = alnum[c - 32] = true;
  }
};
constexpr AsciiClass kAscii;

bool is_apostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB || c == '`' || c == 0xB4;
}

// is_apostrophe() for a byte below 0x80.
bool is_ascii_apostrophe(unsigned char b) { return b == '\'' || b == '`'; }

// Spaces, hyphens and dashes: any of them may join the tokens of a name.
bool is_joiner(char32_t c) {
  return c == ' ' || c == '-' || c == 0xA0 || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return kAscii.alnum[c];
  if (is_letter_or_digit(c)) return true;
  int cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
}

// Letters without a decomposition that still have a plain Latin twin.
std::string_view special_fold(char32_t c) {
  switch (c) {
    case 0xF8: return "o";
    case 0xD8: return "O";
    case 0x142: return "l";
    case 0x141: return "L";
    case 0x111: return "d";
    case 0x110: return "D";
    case 0x131: return "i";
    case 0xDF: return "ss";
    case 0xE6: return "ae";
    case 0xC6: return "AE";
    case 0x153: return "oe";
    case 0x152: return "OE";
    default: return {};
  }
}

void append_folded(std::string& out, char32_t c, bool ignore_case) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(ignore_case ? to_lower(c) : c));
    return;
  }
  if (auto s = special_fold(c); !s.empty()) {
    for (char ch : s) out.push_back(ignore_case ? static_cast<char>(to_lower(static_cast<unsigned char>(ch))) : ch);
    return;
  }
  utf8proc_int32_t buf[8];
  int boundclass = 0;
  auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(c), buf, 8,
                                   static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                                  (ignore_case ? UTF8PROC_CASEFOLD : 0)),
                                   &boundclass);
  if (n < 0 || n > 8) {
    append_utf8(out, c);
    return;
  }
  for (utf8proc_ssize_t k = 0; k < n; ++k) append_utf8(out, static_cast<char32_t>(buf[k]));
}

// One token of text at `i` (a word start): its folded form and end. A
// possessive "'s" (or a closing "'") is not part of the token.
std::size_t read_token(std::string_view text, std::size_t i, bool ignore_case, std::string& folded) {
  folded.clear();
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80 && kAscii.alnum[b]) {
      folded.push_back(static_cast<char>(ignore_case && b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    std::size_t j = i;
    char32_t c = next_code_point(text, j);
    if (is_word_char(c)) {
      append_folded(folded, c, ignore_case);
      i = j;
      continue;
    }
    if (!is_apostrophe(c) || j >= text.size()) break;
    // An apostrophe inside a word ("Hay'at") is dropped; one before a final
    // "s" is a possessive and ends the token.
    std::size_t k = j;
    char32_t after = next_code_point(text, k);
    if (!is_word_char(after)) break;
    if (after == 's') {
      std::size_t m = k;
      if (m >= text.size() || !is_word_char(next_code_point(text, m))) break;
    }
    i = j;
  }
  return i;
}

// Past the joiners (spaces, hyphens, dashes) at `i`; returns i when none.
std::size_t skip_joiners(std::string_view text, std::size_t i) {
  while (i < text.size()) {
    std::size_t j = i;
    if (!is_joiner(next_code_point(text, j))) break;
    i = j;
  }
  return i;
}

}  // namespace

std::vector<std::string> fold_name(std::string_view form, bool ignore_case) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  std::string token;
  while (i < form.size()) {
    std::size_t j = i;
    char32_t c = next_code_point(form, j);
    if (!is_word_char(c)) {
      i = j;
      continue;
    }
    i = read_token(form, i, ignore_case, token);
    if (!token.empty()) tokens.push_back(token);
  }
  return tokens;
}

NameMatcher::NameMatcher(const std::vector<NameEntry>& entries) {
  for (const auto& e : entries) {
    int id = static_cast<int>(entries_.size());
    entries_.push_back(Target{e.canonical, e.ignore_case});
    Node& root = e.ignore_case ? any_case_ : exact_;
    insert(root, fold_name(e.canonical, e.ignore_case), id);
    for (const auto& v : e.variants) insert(root, fold_name(v, e.ignore_case), id);
  }
  finish_scan_bytes();
}

void NameMatcher::insert(Node& root, const std::vector<std::string>& tokens, int entry) {
  if (tokens.empty()) return;
  Node* node = &root;
  for (const auto& t : tokens) {
    auto& child = node->next[t];
    if (!child) child = std::make_unique<Node>();
    node = child.get();
  }
  node->entry = entry;
  const std::string& head = tokens.front();
  bool ascii_head = true;
  for (char c : head) ascii_head = ascii_head && static_cast<unsigned char>(c) < 0x80;
  if (ascii_head) first_tokens_.set(token_hash(head, &root == &any_case_));
  auto first = static_cast<unsigned char>(head[0]);
  auto second = head.size() > 1 ? static_cast<unsigned char>(head[1]) : 0;
  if (first >= 0x80) {
    other_starts_.push_back(head);
    for (int b = 0xC2; b < 0x100; ++b) scan_[b] = true;  // any non-ASCII word may fold to it
    return;
  }
  bool loose = &root == &any_case_;
  auto mark = [&](unsigned char f, unsigned char s2) {
    starts_[f] = true;
    scan_[f] = true;
    if (second == 0 || second >= 0x80) {
      for (auto& p : pairs_[f]) p = true;
    } else {
      pairs_[f][s2] = true;
    }
  };
  auto upper = [](unsigned char c) { return static_cast<unsigned char>(c >= 'a' && c <= 'z' ? c - 32 : c); };
  auto lower = [](unsigned char c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c); };
  unsigned char p[3] = {0, 0, 0};
  bool ascii_prefix = true;
  for (std::size_t k = 0; k < 3 && k < head.size(); ++k) {
    p[k] = static_cast<unsigned char>(head[k]);
    ascii_prefix = ascii_prefix && p[k] < 0x80;
  }
  if (!ascii_prefix) {
    prefix_all_ = true;
  } else if (loose) {
    for (int m = 0; m < 8; ++m) {
      auto c = [&](int k) { return (m >> k) & 1 ? upper(p[k]) : lower(p[k]); };
      prefixes_.set(prefix_hash(c(0), c(1), c(2)));
    }
  } else {
    prefixes_.set(prefix_hash(p[0], p[1], p[2]));
  }
  mark(first, second);
  if (loose) {
    mark(upper(first), second);
    mark(upper(first), upper(second));
    mark(first, upper(second));
  }
  // Accented letters fold to ASCII ("Érdogan" -> "Erdogan"): their lead bytes must be looked at.
  for (int b = 0xC3; b <= 0xC9; ++b) scan_[b] = true;
  scan_[0xE1] = true;  // U+1E00..U+1EFF, Latin Extended Additional
}

bool NameMatcher::longest_match(const Node& root, std::string_view text, std::size_t start, bool ignore_case,
                                Match& match) const {
  if (root.next.empty()) return false;
  const Node* node = &root;
  std::size_t i = start;
  std::string token;
  bool found = false;
  for (;;) {
    std::size_t end = read_token(text, i, ignore_case, token);
    if (end == i) break;
    auto it = node->next.find(std::string_view(token));
    if (it == node->next.end()) break;
    node = it->second.get();
    if (node->entry >= 0) {
      match.end = end;
      match.entry = node->entry;
      match.last_token = token;
      found = true;
    }
    std::size_t next = skip_joiners(text, end);
    if (next == end || next >= text.size()) break;
    i = next;
  }
  return found;
}

bool word_char_before(std::string_view text, std::size_t i) {
  if (i == 0) return false;
  auto b = static_cast<unsigned char>(text[i - 1]);
  if (b < 0x80) return kAscii.alnum[b];
  std::size_t start = i - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  std::size_t j = start;
  return is_word_char(next_code_point(text, j));
}

// The first three bytes of the token at `i` as its folded form would begin
// (0 past its end), or false when folding may change them (an accent or an
// apostrophe among them): then only the full match can tell.
inline bool NameMatcher::prefix_may_match(std::string_view text, std::size_t i) const {
  if (prefix_all_) return true;
  unsigned char p[3] = {0, 0, 0};
  for (std::size_t k = 0; k < 3 && i + k < text.size(); ++k) {
    auto b = static_cast<unsigned char>(text[i + k]);
    if (b >= 0x80 || is_ascii_apostrophe(b)) return true;
    if (!kAscii.alnum[b]) break;
    p[k] = b;
  }
  return prefixes_.test(prefix_hash(p[0], p[1], p[2]));
}

inline std::size_t NameMatcher::token_hash(std::string_view token, bool any_case) {
  std::uint32_t h = any_case ? 0x9E3779B9U : 2166136261U;
  for (char c : token) {
    auto b = static_cast<unsigned char>(c);
    if (any_case && b >= 'A' && b <= 'Z') b += 32;
    h = (h ^ b) * 16777619U;
  }
  return (h * 2654435761U) >> (32 - 16);
}

// A token of ASCII letters and digits ends where folding cannot reach past
// it; then it is its own folded form (lower-cased for [ignore-case]
// entries), and a name can begin here only if some form's first token
// hashes alike. Otherwise (an accent, an apostrophe) only the full match
// can tell.
inline bool NameMatcher::first_token_may_match(std::string_view text, std::size_t i) const {
  std::size_t end = i;
  while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80 &&
         kAscii.alnum[static_cast<unsigned char>(text[end])]) {
    ++end;
  }
  if (end == i) return true;
  if (end < text.size()) {
    auto b = static_cast<unsigned char>(text[end]);
    if (b >= 0x80 || is_ascii_apostrophe(b)) return true;
  }
  std::string_view token = text.substr(i, end - i);
  return (!exact_.next.empty() && first_tokens_.test(token_hash(token, false))) ||
         (!any_case_.next.empty() && first_tokens_.test(token_hash(token, true)));
}

bool NameMatcher::may_start(char32_t c) const {
  if (c < 0x80) return starts_[c];
  std::string folded;
  append_folded(folded, c, false);
  auto first = static_cast<unsigned char>(folded[0]);
  if (first < 0x80) return starts_[first] || starts_[first >= 'a' && first <= 'z' ? first - 32 : first];
  return !other_starts_.empty();  // rare: a dictionary with non-Latin names
}

inline bool NameMatcher::may_begin_at(std::string_view text, std::size_t i) const {
  auto b = static_cast<unsigned char>(text[i]);
  if (!scan_[b]) return false;
  if (b < 0x80) {
    if (i + 1 < text.size()) {
      auto b2 = static_cast<unsigned char>(text[i + 1]);
      if (b2 < 0x80 && !pairs_[b][b2]) return false;
    }
    return prefix_may_match(text, i) && first_token_may_match(text, i);
  }
  std::size_t j = i;
  return may_start(next_code_point(text, j));
}

std::size_t NameMatcher::visit(std::string_view text, std::size_t i, std::string& out, std::size_t& copied,
                               bool& changed, std::size_t* replaced,
                               std::vector<std::pair<std::string, std::string>>* examples) const {
  if (!may_begin_at(text, i)) return i + 1;
  return match_at(text, i, out, copied, changed, replaced, examples);
}

std::size_t NameMatcher::match_at(std::string_view text, std::size_t i, std::string& out, std::size_t& copied,
                                  bool& changed, std::size_t* replaced,
                                  std::vector<std::pair<std::string, std::string>>* examples) const {
  if (word_char_before(text, i)) return i + 1;
  Match m;
  bool exact = longest_match(exact_, text, i, false, m);
  Match loose;
  if (longest_match(any_case_, text, i, true, loose) && (!exact || loose.end > m.end)) m = loose;
  if (m.entry < 0) return i + 1;
  // "Sergei Lavrov Lavrov": a scraping error repeated the last token.
  bool ignore_case = entries_[m.entry].ignore_case;
  std::string token;
  for (;;) {
    std::size_t after = skip_joiners(text, m.end);
    if (after == m.end) break;
    std::size_t end = read_token(text, after, ignore_case, token);
    if (end == after || token != m.last_token) break;
    m.end = end;
  }
  const std::string& canonical = entries_[m.entry].canonical;
  std::string_view found = text.substr(i, m.end - i);
  if (found != canonical) {
    out.append(text, copied, i - copied);
    out += canonical;
    copied = m.end;
    changed = true;
    if (replaced) ++*replaced;
    if (examples && examples->size() < 3) examples->emplace_back(std::string(found), canonical);
  }
  return m.end;
}

void NameMatcher::finish_scan_bytes() {
  other_scan_bytes_.clear();
  for (int b = 0; b < 0x80; ++b) {
    if (scan_[b] && !(b >= 'A' && b <= 'Z')) other_scan_bytes_.push_back(static_cast<unsigned char>(b));
  }
  scan_every_byte_ = other_scan_bytes_.size() > 4;
  high_scan_ranges_.clear();
  for (int b = 0x80; b < 0x100;) {
    if (!scan_[b]) {
      ++b;
      continue;
    }
    int end = b;
    while (end + 1 < 0x100 && scan_[end + 1]) ++end;
    high_scan_ranges_.emplace_back(static_cast<unsigned char>(b), static_cast<unsigned char>(end));
    b = end + 1;
  }
  every_high_byte_ = high_scan_ranges_.size() > 3;
}

bool NameMatcher::apply(std::string_view text, std::string& result, std::size_t* replaced,
                        std::vector<std::pair<std::string, std::string>>* examples) const {
  std::string out;
  std::size_t copied = 0;
  bool changed = false;
  std::size_t next = 0;  // the scan resumes here (past a match)
  bool alnum_before = false;
  // Candidates, 64 bytes at a time: a capital letter, a lead byte of a
  // letter that folds to a name's first letter, or another byte a name may
  // begin with, not right after an ASCII letter or
  // digit (no word starts there). Each goes through the byte tables.
  for (std::size_t base = 0; base < text.size(); base += kMaskBlock) {
    const char* block = text.data() + base;
    char padded[kMaskBlock];
    if (text.size() - base < kMaskBlock) {
      __builtin_memset(padded, 0, kMaskBlock);
      __builtin_memcpy(padded, block, text.size() - base);
      block = padded;
    }
    WordMasks m = word_masks(block);
    std::uint64_t candidates = m.upper;
    if (every_high_byte_) {
      candidates |= m.high;
    } else if (m.high) {
      for (auto [lo, hi] : high_scan_ranges_) candidates |= range_mask(block, lo, hi);
    }
    if (scan_every_byte_) {
      candidates = ~std::uint64_t{0};
    } else {
      for (unsigned char c : other_scan_bytes_) candidates |= equal_mask(block, c);
    }
    candidates &= ~((m.alnum << 1) | (alnum_before ? 1 : 0));
    alnum_before = (m.alnum >> 63) != 0;
    while (candidates) {
      std::size_t i = base + static_cast<std::size_t>(__builtin_ctzll(candidates));
      candidates &= candidates - 1;
      if (i < next || i >= text.size() || !may_begin_at(text, i)) continue;
      next = match_at(text, i, out, copied, changed, replaced, examples);
    }
  }
  if (!changed) return false;
  out.append(text, copied, text.size() - copied);
  result = std::move(out);
  return true;
}

bool NameMatcher::apply_reference(std::string_view text, std::string& result, std::size_t* replaced,
                                  std::vector<std::pair<std::string, std::string>>* examples) const {
  std::string out;
  std::size_t copied = 0;
  bool changed = false;
  for (std::size_t i = 0; i < text.size();) i = visit(text, i, out, copied, changed, replaced, examples);
  if (!changed) return false;
  out.append(text, copied, text.size() - copied);
  result = std::move(out);
  return true;
}

bool unify_names(std::string& text, const NameDictionary& dictionary, std::size_t* replaced,
                 std::vector<std::pair<std::string, std::string>>* examples) {
  if (dictionary.empty()) return false;
  return name_matcher(dictionary).apply(text, text, replaced, examples);
}

}  // namespace winnow::detail
