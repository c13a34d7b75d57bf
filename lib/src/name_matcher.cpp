#include "name_matcher.hpp"

#include <utf8proc.h>

#include "utf8.hpp"

namespace winnow::detail {

namespace {

bool is_apostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB || c == '`' || c == 0xB4;
}

// Spaces, hyphens and dashes: any of them may join the tokens of a name.
bool is_joiner(char32_t c) {
  return c == ' ' || c == '-' || c == 0xA0 || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return is_letter_or_digit(c);
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
    if (b < 0x80) {
      if (is_letter_or_digit(b)) {
        folded.push_back(static_cast<char>(ignore_case ? to_lower(b) : b));
        ++i;
        continue;
      }
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

bool word_char_before(std::string_view text, std::size_t i) {
  if (i == 0) return false;
  std::size_t start = i - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  std::size_t j = start;
  return is_word_char(next_code_point(text, j));
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
  auto first = static_cast<unsigned char>(tokens.front()[0]);
  starts_[first] = true;
  if (&root == &any_case_ && first < 0x80) starts_[static_cast<unsigned char>(first - 32 * (first >= 'a' && first <= 'z'))] = true;
}

bool NameMatcher::longest_match(const Node& root, std::string_view text, std::size_t start, bool ignore_case,
                                Match& match) const {
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

std::string NameMatcher::apply(std::string_view text, std::size_t* replaced,
                               std::vector<std::pair<std::string, std::string>>* examples) const {
  std::string out;
  std::size_t copied = 0;
  std::size_t i = 0;
  std::string token;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    // Only word starts can begin a name; skip everything else quickly.
    if ((b < 0x80 && !starts_[b]) || (b & 0xC0) == 0x80 || word_char_before(text, i)) {
      ++i;
      continue;
    }
    Match m;
    bool exact = longest_match(exact_, text, i, false, m);
    Match loose;
    if (longest_match(any_case_, text, i, true, loose) && (!exact || loose.end > m.end)) m = loose;
    if (!exact && m.entry < 0) {
      ++i;
      continue;
    }
    // "Sergei Lavrov Lavrov": a scraping error repeated the last token.
    bool ignore_case = entries_[m.entry].ignore_case;
    for (;;) {
      std::size_t next = skip_joiners(text, m.end);
      if (next == m.end) break;
      std::size_t end = read_token(text, next, ignore_case, token);
      if (end == next || token != m.last_token) break;
      m.end = end;
    }
    const std::string& canonical = entries_[m.entry].canonical;
    std::string_view found = text.substr(i, m.end - i);
    if (found != canonical) {
      out.append(text, copied, i - copied);
      out += canonical;
      copied = m.end;
      if (replaced) ++*replaced;
      if (examples && examples->size() < 3) examples->emplace_back(std::string(found), canonical);
    }
    i = m.end;
  }
  if (copied == 0) return std::string(text);
  out.append(text, copied, text.size() - copied);
  return out;
}

std::string unify_names(std::string_view text, const NameDictionary& dictionary, std::size_t* replaced,
                        std::vector<std::pair<std::string, std::string>>* examples) {
  if (dictionary.empty()) return std::string(text);
  return name_matcher(dictionary).apply(text, replaced, examples);
}

}  // namespace winnow::detail
