#include "name_matcher.hpp"

#include <algorithm>
#include <cstdint>
#include <span>

#include <utf8proc.h>

#include "byte_masks.hpp"
#include "byte_masks_wide.hpp"
#include "markdown.hpp"
#include "script_forms.hpp"
#include "utf8.hpp"

namespace winnow::detail {

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
  // A superscript or subscript digit (a note marker, "Sergei Lavrov¹", as
  // the HTML walk writes <sup>1</sup>) ends a word, as "[1]" does.
  if ((c >= 0xB2 && c <= 0xB9) || (c >= 0x2070 && c <= 0x208E)) {
    if (plain_of_script_form(c) != 0) return false;
  }
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

// The end of the run of ASCII letters and digits at text[i].
std::size_t ascii_token_end(std::string_view text, std::size_t i) {
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80 &&
         kAscii.alnum[static_cast<unsigned char>(text[i])]) {
    ++i;
  }
  return i;
}

// Whether read_token(), having read letters and digits up to `end`, stops
// there: its rules for the character at `end` (a letter that folds, an
// apostrophe inside a word or before a possessive "s", anything else).
bool token_stops_at(std::string_view text, std::size_t end) {
  std::size_t j = end;
  char32_t c = next_code_point(text, j);
  if (is_word_char(c)) return false;
  if (!is_apostrophe(c) || j >= text.size()) return true;
  std::size_t k = j;
  char32_t after = next_code_point(text, k);
  if (!is_word_char(after)) return true;
  if (after != 's') return false;
  return k >= text.size() || !is_word_char(next_code_point(text, k));
}

// The bytes text[i, i + n) (n <= 8) as one number, the first in the lowest
// byte, on any machine.
inline std::uint64_t pack_bytes(std::string_view text, std::size_t i, std::size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (i + 8 <= text.size()) {
    std::uint64_t word;
    __builtin_memcpy(&word, text.data() + i, 8);
    return n == 8 ? word : word & ((std::uint64_t{1} << (8 * n)) - 1);
  }
#endif
  std::uint64_t word = 0;
  for (std::size_t k = 0; k < n; ++k) word |= std::uint64_t{static_cast<unsigned char>(text[i + k])} << (8 * k);
  return word;
}

// Whether read_token() ends the token of letters and digits text[i, end)
// at `end`, by the byte there: an ASCII byte other than an apostrophe ends
// it; otherwise read_token()'s rules tell.
inline bool token_ends_at(std::string_view text, std::size_t end) {
  if (end >= text.size()) return true;
  auto b = static_cast<unsigned char>(text[end]);
  if (b < 0x80 && !is_ascii_apostrophe(b)) return true;
  return token_stops_at(text, end);
}

bool is_ascii_space(unsigned char b) { return b == ' ' || (b >= '\t' && b <= '\r'); }

bool is_ascii_alnum(unsigned char b) { return b < 0x80 && kAscii.alnum[b]; }

// The code point at text[i] is a word character (i < text.size()).
bool word_char_at(std::string_view text, std::size_t i) {
  auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) return kAscii.alnum[b];
  return is_word_char(next_code_point(text, i));
}

bool word_char_before(std::string_view text, std::size_t i) {
  if (i == 0) return false;
  auto b = static_cast<unsigned char>(text[i - 1]);
  if (b < 0x80) return kAscii.alnum[b];
  std::size_t j = code_point_start_before(text, i);
  return is_word_char(next_code_point(text, j));
}


// The end of the word characters and underscores from text[i] (a handle,
// a hashtag).
std::size_t handle_end(std::string_view text, std::size_t i) {
  while (i < text.size() && (text[i] == '_' || word_char_at(text, i))) {
    std::size_t j = i;
    next_code_point(text, j);
    i = j;
  }
  return i;
}

// The spans of the whitespace-delimited run text[begin, end) that are not
// prose: from a URL's scheme ("https://") or "www." to the run's end, a
// Markdown link target ("](" to the next ')': the Markdown writer escapes
// a space and a ')' in one), an e-mail address, a @handle or #hashtag.
void find_address_spans(std::string_view text, std::size_t begin, std::size_t end,
                        std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  auto is_scheme_byte = [](unsigned char b) { return is_ascii_alnum(b) || b == '+' || b == '-' || b == '.'; };
  auto is_local_byte = [](unsigned char b) {
    return is_ascii_alnum(b) || b >= 0x80 || b == '.' || b == '_' || b == '%' || b == '+' || b == '-';
  };
  auto is_domain_byte = [](unsigned char b) { return is_ascii_alnum(b) || b >= 0x80 || b == '.' || b == '-'; };
  for (std::size_t p = begin; p < end; ++p) {
    const char c = text[p];
    if (c == ':' && p + 2 < end && text[p + 1] == '/' && text[p + 2] == '/') {
      std::size_t scheme = p;
      while (scheme > begin && is_scheme_byte(static_cast<unsigned char>(text[scheme - 1]))) --scheme;
      if (scheme < p) {
        spans.emplace_back(scheme, end);
        return;
      }
    } else if (c == 'w' && text.substr(p, 4) == "www." && p + 4 < end &&
               (p == begin || !is_ascii_alnum(static_cast<unsigned char>(text[p - 1])))) {
      spans.emplace_back(p, end);
      return;
    } else if (c == ']' && p + 1 < end && text[p + 1] == '(') {
      std::size_t close = text.substr(0, end).find(')', p + 2);
      spans.emplace_back(p + 2, std::min(close, end));
    } else if ((c == '@' || c == '#') && p + 1 < end && word_char_at(text, p + 1) && !word_char_before(text, p)) {
      std::size_t after = handle_end(text, p + 1);
      spans.emplace_back(p, after);
      p = after - 1;
    } else if (c == '@' && p > begin && p + 1 < end) {
      std::size_t local = p;
      while (local > begin && is_local_byte(static_cast<unsigned char>(text[local - 1]))) --local;
      std::size_t domain = p + 1;
      while (domain < end && is_domain_byte(static_cast<unsigned char>(text[domain]))) ++domain;
      while (domain > p + 1 && (text[domain - 1] == '.' || text[domain - 1] == '-')) --domain;  // "a@b.com."
      std::string_view host = text.substr(p + 1, domain - p - 1);
      if (local < p && host.find('.') != std::string_view::npos) {
        spans.emplace_back(local, domain);
        p = domain - 1;
      }
    }
  }
}

// Inline code spans of text[begin, end), as Markdown writes them: a run of
// backticks up to the next run of as many. An opening run follows no word
// character or backslash (Markdown escapes a literal backtick as "\`") and
// a closing one precedes no word character, so a backtick used as an
// apostrophe ("Dar`a") opens and closes none.
void find_code_spans(std::string_view text, std::size_t begin, std::size_t end,
                     std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  text = text.substr(0, end);  // the searches stop at the line's end
  // Run lengths that no later run closes: an opener of such a length after
  // a failed search opens nothing either, and is not searched for again.
  std::vector<bool> unclosed;
  std::size_t p = text.find('`', begin);
  while (p < end) {
    std::size_t run_end = p;
    while (run_end < end && text[run_end] == '`') ++run_end;
    const std::size_t length = run_end - p;
    const bool opens = (p == begin || (text[p - 1] != '\\' && !word_char_before(text, p))) &&
                       !(length < unclosed.size() && unclosed[length]);
    std::size_t close = run_end;
    bool closed = false;
    while (opens && !closed) {
      close = text.find('`', close);
      if (close >= end) break;
      std::size_t close_end = close;
      while (close_end < end && text[close_end] == '`') ++close_end;
      closed = close_end - close == length && (close_end == end || !word_char_at(text, close_end));
      close = close_end;
    }
    if (closed) {
      spans.emplace_back(p, close);
      run_end = close;
    } else if (opens) {
      if (unclosed.size() <= length) unclosed.resize(length + 1);
      unclosed[length] = true;
    }
    p = text.find('`', run_end);
  }
}

// Inline code of text[begin, end) as the pipeline marks it in a block's
// text: from kCodeOpenMark to the next kCodeCloseMark, and a byte more on
// either side. The marks are not in the text a reader sees, where a word
// may go on into the code ("Kiev<code>x</code>" reads "Kievx"): a match
// that ends where code begins, or begins where it ends, stays as written.
void find_marked_code(std::string_view text, std::size_t begin, std::size_t end,
                      std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  text = text.substr(0, end);
  for (std::size_t p = text.find(kCodeOpenMark, begin); p != std::string_view::npos;) {
    const std::size_t close = text.find(kCodeCloseMark, p);
    const std::size_t span_end = close == std::string_view::npos ? end : close + kCodeCloseMark.size();
    spans.emplace_back(p > begin ? p - 1 : p, std::min(span_end + 1, end));
    p = text.find(kCodeOpenMark, span_end);
  }
}

// Whether `phrase` ends right before text[at], past spaces, and begins at a
// word start ("University of" before "Calcutta"). A space in the phrase is
// one or more in the text.
bool phrase_ends_at(std::string_view text, std::size_t at, std::string_view phrase) {
  std::size_t p = at;
  while (p > 0 && text[p - 1] == ' ') --p;
  for (std::size_t k = phrase.size(); k > 0; --k) {
    if (phrase[k - 1] == ' ') {
      if (p == 0 || text[p - 1] != ' ') return false;
      while (p > 0 && text[p - 1] == ' ') --p;
    } else {
      if (p == 0 || text[p - 1] != phrase[k - 1]) return false;
      --p;
    }
  }
  return !word_char_at(phrase, 0) || !word_char_before(text, p);
}

// Whether `phrase` begins right after text[at - 1], past spaces, and ends
// at a word end ("Cup" after "Calcutta", ", Texas" after "Odessa").
bool phrase_starts_at(std::string_view text, std::size_t at, std::string_view phrase) {
  std::size_t p = at;
  while (p < text.size() && text[p] == ' ') ++p;
  for (char c : phrase) {
    if (c == ' ') {
      if (p >= text.size() || text[p] != ' ') return false;
      while (p < text.size() && text[p] == ' ') ++p;
    } else {
      if (p >= text.size() || text[p] != c) return false;
      ++p;
    }
  }
  return !word_char_before(phrase, phrase.size()) || p >= text.size() || !word_char_at(text, p);
}

// The word that ends right before text[at] with only spaces between, or ""
// (a comma, a full stop or the line's start between).
std::string_view word_before(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end > 0 && text[end - 1] == ' ') --end;
  if (end == at) return {};
  std::size_t start = end;
  while (start > 0 && word_char_before(text, start)) start = code_point_start_before(text, start);
  return text.substr(start, end - start);
}

// The word that begins right after text[at - 1] with only spaces between, or "".
std::string_view word_after(std::string_view text, std::size_t at) {
  std::size_t start = at;
  while (start < text.size() && text[start] == ' ') ++start;
  if (start == at) return {};
  std::size_t end = start;
  while (end < text.size() && word_char_at(text, end)) next_code_point(text, end);
  return text.substr(start, end - start);
}

bool starts_with_capital(std::string_view word) {
  std::size_t i = 0;
  char32_t c = next_code_point(word, i);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  int category = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

// A form's identity for the rules: its folded tokens joined by spaces.
std::string form_key(std::string_view form) {
  std::string key;
  for (const auto& token : fold_name(form, false)) {
    if (!key.empty()) key.push_back(' ');
    key += token;
  }
  return key;
}

}  // namespace

// The line around text[at] and its verbatim spans.
void NameMatcher::find_line(std::string_view text, std::size_t at, Line& line) const {
  std::size_t start = text.rfind('\n', at);
  line.start = start == std::string_view::npos ? 0 : start + 1;
  line.end = std::min(text.find('\n', at), text.size());
  line.known = true;
  line.near.assign(near_.size(), -1);
  auto& spans = line.verbatim;
  spans.clear();
  for (std::size_t p = line.start; p < line.end;) {
    while (p < line.end && is_ascii_space(static_cast<unsigned char>(text[p]))) ++p;
    std::size_t run_end = p;
    while (run_end < line.end && !is_ascii_space(static_cast<unsigned char>(text[run_end]))) ++run_end;
    find_address_spans(text, p, run_end, spans);
    p = run_end;
  }
  find_code_spans(text, line.start, line.end, spans);
  find_marked_code(text, line.start, line.end, spans);
  std::sort(spans.begin(), spans.end());
  std::size_t kept = 0;
  for (const auto& span : spans) {  // merged, so that they are disjoint
    if (kept > 0 && span.first <= spans[kept - 1].second) {
      spans[kept - 1].second = std::max(spans[kept - 1].second, span.second);
    } else {
      spans[kept++] = span;
    }
  }
  spans.resize(kept);
}

bool NameMatcher::stays_as_written(std::string_view text, std::size_t begin, std::size_t end, Line& line) const {
  if (!line.known || begin < line.start || begin >= line.end) find_line(text, begin, line);
  // The first span that ends past the match's start.
  auto span = std::upper_bound(line.verbatim.begin(), line.verbatim.end(), begin,
                               [](std::size_t at, const auto& s) { return at < s.second; });
  if (span != line.verbatim.end() && span->first < end) return true;
  for (const auto& phrase : keep_after_) {
    if (phrase_ends_at(text, begin, phrase)) return true;
  }
  for (const auto& phrase : keep_before_) {
    if (phrase_starts_at(text, end, phrase)) return true;
  }
  if (person_names_.empty() && near_.empty()) return false;
  const std::string key = form_key(text.substr(begin, end - begin));
  if (person_names_.contains(key) && person_context(text, begin, end)) return true;
  for (std::size_t rule = 0; rule < near_.size(); ++rule) {
    if (near_[rule].form == key && near_word_in_line(text, rule, line)) return true;
  }
  return false;
}

// A person's name around text[begin, end): a capitalized word right before
// it or right after it (spaces between), not one of `not names`
// ("Georgy Lvov", "Odessa Young"; not "In Lvov").
bool NameMatcher::person_context(std::string_view text, std::size_t begin, std::size_t end) const {
  auto is_name = [&](std::string_view word) {
    return !word.empty() && starts_with_capital(word) && !not_names_.contains(std::string(word));
  };
  return is_name(word_before(text, begin)) || is_name(word_after(text, end));
}

bool NameMatcher::near_word_in_line(std::string_view text, std::size_t rule, Line& line) const {
  if (line.near[rule] < 0) {
    const auto& words = near_[rule].words;
    bool met = false;
    std::string word;
    for (std::size_t p = line.start; p < line.end && !met;) {
      word.clear();
      while (p < line.end && word_char_at(text, p)) {
        std::size_t next = p;
        next_code_point(text, next);
        for (; p < next; ++p) {
          auto b = static_cast<unsigned char>(text[p]);
          word.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
        }
      }
      if (word.empty()) next_code_point(text, p);
      met = !word.empty() && words.contains(word);
    }
    line.near[rule] = met ? 1 : 0;
  }
  return line.near[rule] == 1;
}

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

NameMatcher::NameMatcher(const std::vector<NameEntry>& entries, const NameRules& rules)
    : keep_after_(rules.keep_after), keep_before_(rules.keep_before) {
  for (const auto& form : rules.person_names) person_names_.insert(form_key(form));
  not_names_.insert(rules.not_names.begin(), rules.not_names.end());
  for (const auto& near : rules.keep_near) {
    near_.push_back(NearRule{form_key(near.form), {near.words.begin(), near.words.end()}});
  }
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
  bool loose = &root == &any_case_;
  bool ascii_head = true;
  for (char c : head) ascii_head = ascii_head && static_cast<unsigned char>(c) < 0x80;
  if (ascii_head) first_tokens_.set(token_hash(pack_bytes(head, 0, std::min<std::size_t>(head.size(), 8)), head.size(), loose));
  for (std::size_t k = 1; k <= 8 && k <= head.size() && static_cast<unsigned char>(head[k - 1]) < 0x80; ++k) {
    head_prefixes_.set(token_hash(pack_bytes(head, 0, k), k, loose));
  }
  auto first = static_cast<unsigned char>(head[0]);
  if (first >= 0x80) {
    other_starts_.push_back(head);
    for (int b = 0xC2; b < 0x100; ++b) scan_[b] = true;  // any non-ASCII word may fold to it
    return;
  }
  auto second = head.size() > 1 ? static_cast<unsigned char>(head[1]) : 0;
  auto upper = [](unsigned char c) { return static_cast<unsigned char>(c >= 'a' && c <= 'z' ? c - 32 : c); };
  auto lower = [](unsigned char c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c); };
  auto mark = [&](unsigned char f, unsigned char s2) {
    starts_[f] = true;
    scan_[f] = true;
    if (second == 0 || second >= 0x80) {
      for (auto& word : second_bytes_[f]) word = ~std::uint64_t{0};  // any second byte
    } else {
      second_bytes_[f][s2 >> 6] |= std::uint64_t{1} << (s2 & 63);
    }
  };
  mark(first, second);
  if (head.size() >= 3 && second < 0x80 && static_cast<unsigned char>(head[2]) < 0x80) {
    auto third = static_cast<unsigned char>(head[2]);
    for (int cases = 0; cases < (loose ? 8 : 1); ++cases) {
      auto pick = [&](unsigned char c, int bit) { return (cases >> bit) & 1 ? upper(c) : lower(c); };
      unsigned char a = loose ? pick(first, 0) : first, b = loose ? pick(second, 1) : second,
                    c = loose ? pick(third, 2) : third;
      add_triple(a | (std::uint32_t{b} << 8) | (std::uint32_t{c} << 16));
    }
  }
  if (loose) {
    for (unsigned char f : {upper(first), lower(first)}) {
      for (unsigned char s2 : {upper(second), lower(second)}) mark(f, s2);
    }
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

// A hash of a token of ASCII letters and digits from its first eight bytes
// (`first8`, the first in the lowest byte, zero past the token) and its
// length, lower-cased for [ignore-case] forms: one multiplication.
inline std::size_t NameMatcher::token_hash(std::uint64_t first8, std::size_t size, bool any_case) {
  if (any_case) {
    // Letters and digits only: setting 0x20 lower-cases a letter and keeps a digit.
    constexpr std::uint64_t kCaseBits = 0x2020202020202020ULL;
    first8 |= size >= 8 ? kCaseBits : kCaseBits & ((std::uint64_t{1} << (8 * size)) - 1);
  }
  // Below eight bytes the length fills the empty top byte; above, it mixes in.
  std::uint64_t key = (first8 + (std::uint64_t{size} << 56)) ^ (any_case ? 0x5555 : 0);
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - 16));
}

// Whether `hashes` holds token_hash() of the token as a case-sensitive
// form or an [ignore-case] one would hash it.
inline bool NameMatcher::hashed_in(const std::bitset<1 << 16>& hashes, std::uint64_t first8,
                                   std::size_t size) const {
  return (!exact_.next.empty() && hashes[token_hash(first8, size, false)]) ||
         (!any_case_.next.empty() && hashes[token_hash(first8, size, true)]);
}

// Whether the first token at text[i], read as the trie walk reads it
// (read_token()), is a form's first token, by its hash: the check for a
// token that folding changes (an accent, an apostrophe inside it, "I’m" is
// "Im"), which the hash of its bytes cannot tell. A token that does not fold
// to ASCII letters and digits may be one.
bool NameMatcher::folded_first_token_may_be(std::string_view text, std::size_t i) const {
  std::string token;
  const auto hashed = [&](bool any_case) {
    for (char c : token) {
      if (!is_ascii_alnum(static_cast<unsigned char>(c))) return true;
    }
    return token.empty() || first_tokens_[token_hash(pack_bytes(token, 0, std::min<std::size_t>(token.size(), 8)),
                                                     token.size(), any_case)];
  };
  if (!exact_.next.empty()) {
    read_token(text, i, false, token);
    if (hashed(false)) return true;
  }
  if (!any_case_.next.empty()) {
    read_token(text, i, true, token);
    if (hashed(true)) return true;
  }
  return false;
}

// The token text[i, end) of ASCII letters and digits, when read_token()
// ends it there, is its own folded form (lower-cased for [ignore-case]
// forms): a name can begin with it only if some form's first token hashes
// alike. When folding goes on past `end` (an accent, an apostrophe inside
// the word), some form's first token must begin with it, and the token as
// folded must be one. Inlined into the scan, which runs it on most
// candidates.
__attribute__((always_inline)) inline bool NameMatcher::first_token_may_be(std::string_view text, std::size_t i,
                                                                           std::size_t end) const {
  if (end == i) return true;
  std::size_t size = end - i;
  std::uint64_t first8 = pack_bytes(text, i, size < 8 ? size : 8);
  if (hashed_in(first_tokens_, first8, size)) return true;
  // When folding goes on past the run ("Abc" in "Abcé", "N" in
  // "N'Djamena"), the folded token still begins with it: some form's first
  // token must begin with its first eight bytes.
  return !token_ends_at(text, end) && hashed_in(head_prefixes_, first8, std::min<std::size_t>(size, 8)) &&
         folded_first_token_may_be(text, i);
}

bool NameMatcher::may_start(char32_t c) const {
  if (c < 0x80) return starts_[c];
  std::string folded;
  append_folded(folded, c, false);
  auto first = static_cast<unsigned char>(folded[0]);
  if (first < 0x80) return starts_[first] || starts_[first >= 'a' && first <= 'z' ? first - 32 : first];
  return !other_starts_.empty();  // rare: a dictionary with non-Latin names
}

// Where a name may begin, by definition (apply() checks more, cheaply): an
// ASCII letter or digit, or a non-ASCII character whose lead byte the scan
// looks at and that folds to a form's first letter. An apostrophe is none,
// though read_token() would pass over it.
bool NameMatcher::may_start_at(std::string_view text, std::size_t i) const {
  auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) return kAscii.alnum[b];
  std::size_t j = i;
  return scan_[b] && may_start(next_code_point(text, j));
}

std::size_t NameMatcher::match_at(std::string_view text, std::size_t i, Line& line, std::string& out,
                                  std::size_t& copied, bool& changed, std::size_t* replaced,
                                  std::vector<std::pair<std::string, std::string>>* examples,
                                  Rewrites* rewrites) const {
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
  // Only a rewrite looks at what surrounds the match: most matches are
  // canonical already.
  if (found != canonical && stays_as_written(text, i, m.end, line)) return m.end;
  if (found != canonical) {
    out.append(text, copied, i - copied);
    out += canonical;
    copied = m.end;
    changed = true;
    if (replaced) ++*replaced;
    if (examples && examples->size() < 3) examples->emplace_back(std::string(found), canonical);
    if (rewrites) rewrites->push_back(Rewrite{i, m.end, m.entry});
  }
  return m.end;
}

void NameMatcher::finish_scan_bytes() {
  // Folding may drop or change a second byte >= 0x80 or an apostrophe:
  // those pass after any first byte.
  for (auto& seconds : second_bytes_) {
    seconds[2] = seconds[3] = ~std::uint64_t{0};
    seconds['\'' >> 6] |= std::uint64_t{1} << ('\'' & 63);
    seconds['`' >> 6] |= std::uint64_t{1} << ('`' & 63);
  }
  scan_bytes_ = NameScanBytes{};
  std::vector<unsigned char> others;  // ASCII bytes of scan_ other than capitals
  for (int b = 0; b < 0x80; ++b) {
    if (scan_[b] && !(b >= 'A' && b <= 'Z')) others.push_back(static_cast<unsigned char>(b));
  }
  // Past four of them, every byte is a candidate.
  scan_bytes_.every_byte = others.size() > 4;
  if (!scan_bytes_.every_byte) {
    for (unsigned char c : others) scan_bytes_.others[scan_bytes_.other_count++] = c;
  }
  std::vector<std::pair<unsigned char, unsigned char>> ranges;  // the non-ASCII bytes of scan_
  for (int b = 0x80; b < 0x100;) {
    if (!scan_[b]) {
      ++b;
      continue;
    }
    int end = b;
    while (end + 1 < 0x100 && scan_[end + 1]) ++end;
    ranges.emplace_back(static_cast<unsigned char>(b), static_cast<unsigned char>(end));
    b = end + 1;
  }
  // Past three ranges, every byte >= 0x80 is a candidate.
  scan_bytes_.every_high = ranges.size() > 3;
  if (!scan_bytes_.every_high) {
    for (auto [lo, hi] : ranges) {
      scan_bytes_.range_low[scan_bytes_.range_count] = lo;
      scan_bytes_.range_high[scan_bytes_.range_count++] = hi;
    }
  }
}

// Whether a name may begin at text[i], a candidate at `bit` of `block`
// (which has 8 readable bytes past its 64) whose masks are `m`: the first
// token's letters and digits come from the alnum mask, and their hash must
// be a form's first token's. A token of three ASCII letters or digits or
// more has passed the three-byte check already (scan() runs it first).
__attribute__((always_inline)) inline bool NameMatcher::may_begin_in_block(std::string_view text, std::size_t i, const char* block,
                                            const NameScanMasks& m, std::size_t bit) const {
  // A letter that folding changes ("Érdogan", "über"): what the
  // trie walk would read there must be a form's first token.
  if (static_cast<unsigned char>(block[bit]) >= 0x80) {
    return !word_char_before(text, i) && folded_first_token_may_be(text, i) && may_start_at(text, i);
  }
  std::uint64_t rest = ~(m.alnum >> bit);
  std::size_t size = rest ? static_cast<std::size_t>(__builtin_ctzll(rest)) : kMaskBlock;
  if (size == 0) return false;  // no token begins here
  // Shorter, the first two bytes: such a run may go on folding (an
  // apostrophe is dropped, "N'Djamena").
  if (size < 3) {
    auto b0 = static_cast<unsigned char>(block[bit]), b1 = static_cast<unsigned char>(block[bit + 1]);
    if (((second_bytes_[b0][b1 >> 6] >> (b1 & 63)) & 1) == 0) return false;
  }
  // A token that reaches the end of the block may go on in the next.
  return first_token_may_be(text, i, bit + size >= kMaskBlock ? ascii_token_end(text, i) : i + size);
}

template <class Masks, int kOthers>
__attribute__((always_inline)) inline bool NameMatcher::scan(
    std::string_view text, std::string& result, std::size_t* replaced,
    std::vector<std::pair<std::string, std::string>>* examples, Rewrites* rewrites) const {
  std::string out;
  std::size_t copied = 0;
  bool changed = false;
  std::size_t next = 0;  // the scan resumes here (past a match)
  Line line;
  bool alnum_before = false;
  // Candidates, 64 bytes at a time: a capital letter, a lead byte of a
  // letter that folds to a name's first letter, or another byte a name may
  // begin with, not right after an ASCII letter or digit (no word starts
  // there). Each goes through the first-two-byte table, then the first-token
  // hash, before a trie walk.
  for (std::size_t base = 0; base < text.size(); base += kMaskBlock) {
    const char* block = text.data() + base;
    // The block and 8 bytes past it (a token's first eight bytes are read
    // whole); zeros past the text.
    char padded[kMaskBlock + 8];
    if (text.size() - base < kMaskBlock + 8) {
      __builtin_memset(padded, 0, sizeof padded);
      __builtin_memcpy(padded, block, text.size() - base);
      block = padded;
    }
    NameScanMasks m = Masks::template name_scan<kOthers>(block, scan_bytes_);
    std::uint64_t candidates = m.candidates & ~((m.alnum << 1) | (alnum_before ? 1 : 0));
    if (text.size() - base < kMaskBlock) candidates &= (std::uint64_t{1} << (text.size() - base)) - 1;
    alnum_before = (m.alnum >> 63) != 0;
    // Candidates followed by two more ASCII letters or digits (in the
    // block) go through the three-byte check first, all of them, which
    // depends on nothing else: most capitals begin no form's token, and
    // three ASCII letters and digits fold to themselves. The others and
    // those it lets through then go through the rest in order (a match
    // moves `next` on).
    std::uint64_t run3 = m.alnum & (m.alnum >> 1) & (m.alnum >> 2);
    std::uint64_t quick = candidates & run3;
    candidates &= ~run3;
    // Without a branch: whether a capital begins a form's triple is as
    // good as random.
    for (; quick; quick &= quick - 1) {
      auto bit = static_cast<std::size_t>(__builtin_ctzll(quick));
      candidates |= triple_bit(first_three_bytes(block + bit)) << bit;
    }
    while (candidates) {
      auto bit = static_cast<std::size_t>(__builtin_ctzll(candidates));
      candidates &= candidates - 1;
      std::size_t i = base + bit;
      if (i < next || !may_begin_in_block(text, i, block, m, bit)) continue;
      next = match_at(text, i, line, out, copied, changed, replaced, examples, rewrites);
    }
  }
  if (!changed) return false;
  out.append(text, copied, text.size() - copied);
  result = std::move(out);
  return true;
}

bool NameMatcher::apply(std::string_view text, std::string& result, std::size_t* replaced,
                        std::vector<std::pair<std::string, std::string>>* examples, SimdLevel simd) const {
  return scan_best(text, result, replaced, examples, simd, nullptr);
}

bool NameMatcher::scan_best(std::string_view text, std::string& result, std::size_t* replaced,
                            std::vector<std::pair<std::string, std::string>>* examples, SimdLevel simd,
                            Rewrites* rewrites) const {
  switch (resolve_simd_level(simd)) {
#if WINNOW_WIDE_SIMD
    case SimdLevel::kAvx2: return scan_avx2(text, result, replaced, examples, rewrites);
#endif
    default: return scan_baseline(text, result, replaced, examples, rewrites);
  }
}

namespace {

using TokenSpans = std::vector<std::pair<std::size_t, std::size_t>>;

// The tokens of a name as written: the runs between joiners, [begin, end).
TokenSpans name_tokens(std::string_view name) {
  TokenSpans tokens;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t next = i;
    if (!is_joiner(next_code_point(name, next))) {
      if (tokens.empty() || tokens.back().second != i) tokens.emplace_back(i, next);
      tokens.back().second = next;
    }
    i = next;
  }
  return tokens;
}

// A piece of markup inside a match, by the gap between two tokens it sits
// in (1 is between the first and the second) and its side of the joiners
// there: an opener begins the token after, a closer ends the one before.
struct PlacedMarkup {
  std::string_view markup;
  std::size_t gap = 0;
  bool opens = false;
};

// The token of a canonical form of `canonical_tokens` that stands for
// token k of a found form of `found_tokens`: the one as far from the
// nearer end ("Omar Hassan al-Bashir" and "Omar al-Bashir": Omar, al and
// Bashir for Omar, al and Bashir).
std::size_t canonical_token(std::size_t k, std::size_t found_tokens, std::size_t canonical_tokens) {
  if (2 * k < found_tokens) return std::min(k, canonical_tokens - 1);
  const std::size_t from_end = found_tokens - 1 - k;
  return from_end < canonical_tokens ? canonical_tokens - 1 - from_end : 0;
}

// Where the markup `cuts` inside a found form (its tokens `tokens`, at
// found_at in the prose) goes in a canonical form of `canonical_tokens`:
// each piece keeps to the token it touches (an opener the one it begins,
// a closer the one it ends), and so to a gap. False when a piece lies
// inside a token, falls outside the canonical form's gaps, or pieces
// would change order or meet (two gaps become one).
bool place_markup(const TokenSpans& tokens, std::size_t canonical_tokens, std::span<const MarkupCut> cuts,
                  std::size_t found_at, std::string_view markdown, std::vector<PlacedMarkup>& placed) {
  std::size_t last_found_gap = 0;
  for (const MarkupCut& cut : cuts) {
    const std::size_t at = cut.at - found_at;
    const auto token =
        std::find_if(tokens.begin(), tokens.end(), [&](const auto& t) { return t.first == at || t.second == at; });
    if (token == tokens.end()) return false;
    const bool opens = token->first == at;
    const auto k = static_cast<std::size_t>(token - tokens.begin());
    const std::size_t found_gap = opens ? k : k + 1;
    const std::size_t j = canonical_token(k, tokens.size(), canonical_tokens);
    const std::size_t gap = opens ? j : j + 1;
    if (gap == 0 || gap >= canonical_tokens) return false;
    if (!placed.empty() && ((placed.back().gap == gap) != (last_found_gap == found_gap) || gap < placed.back().gap)) {
      return false;
    }
    placed.push_back(PlacedMarkup{markdown.substr(cut.begin, cut.end - cut.begin), gap, opens});
    last_found_gap = found_gap;
  }
  return true;
}

// `canonical` with the markup `placed` (in order) put in its gaps.
void write_with_markup(std::string& out, std::string_view canonical, const TokenSpans& tokens,
                       const std::vector<PlacedMarkup>& placed) {
  if (placed.empty()) {
    out += canonical;
    return;
  }
  auto piece = placed.begin();
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (k > 0) {
      for (; piece != placed.end() && piece->gap == k && !piece->opens; ++piece) out += piece->markup;
      out.append(canonical.substr(tokens[k - 1].second, tokens[k].first - tokens[k - 1].second));
      for (; piece != placed.end() && piece->gap == k; ++piece) out += piece->markup;
    }
    out.append(canonical.substr(tokens[k].first, tokens[k].second - tokens[k].first));
  }
}

}  // namespace

bool NameMatcher::apply_markdown(std::string_view markdown, std::string& result, std::size_t* replaced,
                                 std::vector<std::pair<std::string, std::string>>* examples) const {
  std::string prose;
  std::vector<MarkupCut> cuts;
  std::vector<std::pair<std::size_t, std::size_t>> code;
  if (!markdown_prose(markdown, prose, cuts, code)) return apply(markdown, result, replaced, examples);
  Rewrites rewrites;
  std::string unused;
  if (!scan_best(prose, unused, nullptr, nullptr, SimdLevel::kBest, &rewrites)) return false;
  std::string out;
  std::size_t copied = 0;       // of the Markdown
  std::size_t cut = 0, cut_bytes = 0;  // the cuts before a place of the prose, and their bytes
  const auto pass_cuts = [&](std::size_t at, bool at_too) {
    for (; cut < cuts.size() && (cuts[cut].at < at || (at_too && cuts[cut].at == at)); ++cut) {
      cut_bytes += cuts[cut].end - cuts[cut].begin;
    }
  };
  bool changed = false;
  std::vector<PlacedMarkup> placed;
  auto code_span = code.begin();
  for (const Rewrite& r : rewrites) {
    // A match that touches code, or is glued to it, stays as written (as
    // in the text: the code's backticks are no word boundary there).
    while (code_span != code.end() && code_span->second < r.begin) ++code_span;
    if (code_span != code.end() && code_span->first <= r.end) continue;
    // Markup right before or after the match stays there.
    pass_cuts(r.begin, true);
    const std::size_t begin = r.begin + cut_bytes, inside = cut;
    pass_cuts(r.end, false);
    const std::size_t end = r.end + cut_bytes;
    const std::string& canonical = entries_[r.entry].canonical;
    const std::string_view found = std::string_view(prose).substr(r.begin, r.end - r.begin);
    const TokenSpans canonical_tokens = name_tokens(canonical);
    placed.clear();
    if (cut > inside && !place_markup(name_tokens(found), canonical_tokens.size(),
                                      std::span(cuts).subspan(inside, cut - inside), r.begin, markdown, placed)) {
      continue;  // stays as written
    }
    out.append(markdown, copied, begin - copied);
    write_with_markup(out, canonical, canonical_tokens, placed);
    copied = end;
    changed = true;
    if (replaced) ++*replaced;
    if (examples && examples->size() < 3) examples->emplace_back(std::string(found), canonical);
  }
  if (!changed) return false;
  out.append(markdown, copied, markdown.size() - copied);
  result = std::move(out);
  return true;
}

template <class Masks>
__attribute__((always_inline)) inline bool NameMatcher::scan_with(
    std::string_view text, std::string& result, std::size_t* replaced,
    std::vector<std::pair<std::string, std::string>>* examples, Rewrites* rewrites) const {
  switch (scan_bytes_.other_count) {
    case 0: return scan<Masks, 0>(text, result, replaced, examples, rewrites);
    case 1: return scan<Masks, 1>(text, result, replaced, examples, rewrites);
    case 2: return scan<Masks, 2>(text, result, replaced, examples, rewrites);
    case 3: return scan<Masks, 3>(text, result, replaced, examples, rewrites);
    default: return scan<Masks, 4>(text, result, replaced, examples, rewrites);
  }
}

bool NameMatcher::scan_baseline(std::string_view text, std::string& result, std::size_t* replaced,
                                std::vector<std::pair<std::string, std::string>>* examples,
                                Rewrites* rewrites) const {
  return scan_with<BaselineMasks>(text, result, replaced, examples, rewrites);
}

#if WINNOW_WIDE_SIMD
WINNOW_TARGET_AVX2 bool NameMatcher::scan_avx2(std::string_view text, std::string& result, std::size_t* replaced,
                                               std::vector<std::pair<std::string, std::string>>* examples,
                                               Rewrites* rewrites) const {
  return scan_with<Avx2Masks>(text, result, replaced, examples, rewrites);
}
#endif

bool NameMatcher::apply_reference(std::string_view text, std::string& result, std::size_t* replaced,
                                  std::vector<std::pair<std::string, std::string>>* examples) const {
  std::string out;
  std::size_t copied = 0;
  bool changed = false;
  Line line;
  for (std::size_t i = 0; i < text.size();) {
    i = may_start_at(text, i) ? match_at(text, i, line, out, copied, changed, replaced, examples, nullptr) : i + 1;
  }
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
