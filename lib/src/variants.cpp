#include "variants.hpp"

#include <algorithm>
#include <functional>
#include <numeric>
#include <set>

#include <utf8proc.h>

#include "name_matcher.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

// Lower-case connectors inside Arabic, Dutch, German, ... names.
bool is_particle(std::string_view w) {
  static const std::set<std::string_view> kParticles = {
      "al", "el", "ad", "ash", "as", "az", "ez", "an", "ar", "at", "ul", "bin", "ibn", "bint",
      "abu", "de", "da", "di", "do", "dos", "van", "von", "der", "den", "la", "le", "du"};
  return kParticles.count(w) > 0;
}

// Arabic article forms dropped from keys: "al-Assad" = "Assad", "ez-Zor" = "al-Zor".
bool is_article(std::string_view w) {
  return w == "al" || w == "el" || w == "ad" || w == "ash" || w == "as" || w == "az" || w == "ez" ||
         w == "an" || w == "ar" || w == "at" || w == "ul";
}

// Capitalized words that open sentences rather than names.
bool is_function_word(std::string_view w) {
  static const std::set<std::string_view> kWords = {
      "The", "A", "An", "In", "On", "At", "But", "And", "Or", "As", "If", "When", "While", "After",
      "Before", "According", "By", "For", "From", "With", "Without", "To", "Of", "It", "Its", "This",
      "That", "These", "Those", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our",
      "Mr", "Mrs", "Ms", "Dr", "Since", "Under", "Over", "Meanwhile", "However", "Also", "Then",
      "There", "Here", "What", "Who", "Why", "How", "Where", "Read", "Related", "Published"};
  return kWords.count(w) > 0;
}

bool is_capitalized(std::string_view w) {
  std::size_t i = 0;
  char32_t first = next_code_point(w, i);
  if (utf8proc_category(static_cast<utf8proc_int32_t>(first)) != UTF8PROC_CATEGORY_LU) return false;
  // All capitals ("NATO", "THE") are acronyms or shouting, not names.
  bool has_lower = false;
  while (i < w.size()) {
    char32_t c = next_code_point(w, i);
    has_lower = has_lower || utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_LL;
  }
  return has_lower || w.size() == 1;
}

bool is_word_char(char32_t c) {
  return is_letter_or_digit(c) || c == '\'' || c == 0x2019;
}

std::string lower(std::string_view w) {
  std::string out;
  for (std::size_t i = 0; i < w.size();) append_utf8(out, to_lower(next_code_point(w, i)));
  return out;
}

// Transliteration folding of one folded (lower-case, unaccented) token.
std::string transliteration_key(std::string t) {
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i] == 'y' ? 'i' : t[i];
    if (c == 'o' && i + 1 < t.size() && t[i + 1] == 'u') continue;  // ou -> u
    if (c == 'e' && i + 1 < t.size() && t[i + 1] == 'e') c = 'i';    // ee -> i
    if (!out.empty() && out.back() == c) continue;                   // doubled letters
    out.push_back(c);
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::vector<std::string> split_key(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t sp = key.find(' ', start);
    parts.push_back(key.substr(start, sp - start));
    if (sp == std::string::npos) return parts;
    start = sp + 1;
  }
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

}  // namespace

std::string variant_key(std::string_view name) {
  std::string key;
  for (auto& original : fold_name(name, false)) {
    std::string token = lower(original);
    // "al-", "Al ", "ez-": but a capitalized "Ad" or "As" is a word of its own.
    bool article_case = original == token || original == "Al" || original == "El";
    if (is_article(token) && article_case) continue;
    if (!key.empty()) key.push_back(' ');
    key += transliteration_key(token);
  }
  return key;
}

std::string_view strip_possessive(std::string_view w) {
  if (w.ends_with("'s")) return w.substr(0, w.size() - 2);
  if (w.ends_with("\xE2\x80\x99s")) return w.substr(0, w.size() - 4);
  while (w.ends_with("'")) w.remove_suffix(1);
  while (w.ends_with("\xE2\x80\x99")) w.remove_suffix(3);
  return w;
}

void VariantCollector::add_text(std::string_view text) {
  // Words, and what joins each to the next: ' ' or '-' inside a name, 0 for
  // anything else (punctuation, line breaks).
  std::vector<std::string> words;
  std::vector<char> joins;
  std::size_t previous_end = 0;
  bool closed = false;  // the previous word was a possessive: a name ends there
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    if (!is_letter_or_digit(next_code_point(text, j))) {
      i = j;
      continue;
    }
    std::string_view gap = text.substr(previous_end, i - previous_end);
    if (!joins.empty() && !closed) joins.back() = gap == " " ? ' ' : gap == "-" ? '-' : 0;
    std::size_t start = i;
    while (i < text.size()) {
      std::size_t k = i;
      if (!is_word_char(next_code_point(text, k))) break;
      i = k;
    }
    std::string_view word = text.substr(start, i - start);
    std::string_view stem = strip_possessive(word);
    words.emplace_back(stem);
    joins.push_back(0);
    {
      std::size_t at = 0;
      if (utf8proc_category(static_cast<utf8proc_int32_t>(next_code_point(stem, at))) == UTF8PROC_CATEGORY_LL) {
        ++lower_words_[std::string(stem)];
      }
    }
    closed = stem.size() != word.size();
    previous_end = i;
  }
  // Phrases: capitalized words, with particles between them.
  std::size_t k = 0;
  while (k < words.size()) {
    if (!is_capitalized(words[k]) || is_function_word(words[k])) {
      ++k;
      continue;
    }
    std::size_t end = k + 1;
    while (end < words.size() && joins[end - 1] != 0) {
      if (is_capitalized(words[end]) && !is_function_word(words[end])) {
        ++end;
        continue;
      }
      // A particle counts only between two capitalized words.
      if (is_particle(words[end]) && end + 1 < words.size() && joins[end] != 0 && is_capitalized(words[end + 1])) {
        end += 2;
        continue;
      }
      break;
    }
    std::vector<std::string> tokens(words.begin() + static_cast<long>(k), words.begin() + static_cast<long>(end));
    std::vector<char> phrase_joins(joins.begin() + static_cast<long>(k), joins.begin() + static_cast<long>(end));
    add_phrase(tokens, phrase_joins, k > 0 ? words[k - 1] : std::string_view{},
               end < words.size() ? words[end] : std::string_view{});
    k = end;
  }
}

void VariantCollector::add_phrase(const std::vector<std::string>& tokens, const std::vector<char>& joins,
                                  std::string_view before, std::string_view after) {
  // Every ending of up to four words: "Foreign Minister Sergei Lavrov" also
  // counts "Sergei Lavrov" and "Lavrov".
  std::size_t n = tokens.size();
  for (std::size_t from = n > 4 ? n - 4 : 0; from < n; ++from) {
    if (is_particle(tokens[from])) continue;
    std::string form;
    for (std::size_t t = from; t < n; ++t) {
      form += tokens[t];
      if (t + 1 < n) form.push_back(joins[t] == '-' ? '-' : ' ');
    }
    Form& f = forms_[form];
    ++f.count;
    std::string_view prev = from > 0 ? std::string_view(tokens[from - 1]) : before;
    if (!prev.empty()) ++f.context[lower(prev)];
    if (!after.empty()) ++f.context[lower(after)];
  }
}

std::vector<VariantCluster> VariantCollector::clusters(std::size_t min_total) const {
  std::vector<std::string> names;
  std::vector<std::string> keys;
  for (const auto& [text, form] : forms_) {
    // A one-word form that is also written in lower case is a common word
    // at the start of a sentence ("More", "May"), not a name.
    bool one_word = text.find(' ') == std::string::npos && text.find('-') == std::string::npos;
    if (one_word && (lower_words_.count(lower(text)) || count_alnum(text) < 3)) continue;
    std::string key = variant_key(text);
    if (key.empty()) continue;
    names.push_back(text);
    keys.push_back(std::move(key));
  }
  UnionFind groups(names.size());
  // Same key: same group.
  std::unordered_map<std::string, std::size_t> by_key;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto [it, inserted] = by_key.emplace(keys[i], i);
    if (!inserted) groups.unite(i, it->second);
  }
  // One token apart by a small edit: for one-word names, only with a
  // neighbouring word in common ("Daraa province", "Deraa province").
  std::unordered_map<std::string, std::vector<std::size_t>> by_pattern;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto parts = split_key(keys[i]);
    for (std::size_t p = 0; p < parts.size(); ++p) {
      if (parts[p].size() < 5) continue;
      std::string pattern = std::to_string(parts.size()) + ":" + std::to_string(p) + ":";
      for (std::size_t q = 0; q < parts.size(); ++q) pattern += (q == p ? std::string("*") : parts[q]) + " ";
      by_pattern[pattern].push_back(i);
    }
  }
  auto shares_context = [&](std::size_t a, std::size_t b) {
    const auto& ca = forms_.at(names[a]).context;
    const auto& cb = forms_.at(names[b]).context;
    for (const auto& [word, n] : ca) {
      if (word.size() > 3 && cb.count(word)) return true;
    }
    return false;
  };
  for (const auto& [pattern, members] : by_pattern) {
    if (members.size() < 2 || members.size() > 50) continue;
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        std::size_t a = members[x], b = members[y];
        if (keys[a] == keys[b]) continue;
        auto pa = split_key(keys[a]), pb = split_key(keys[b]);
        std::size_t d = 0;
        for (std::size_t p = 0; p < pa.size(); ++p) d += edit_distance(pa[p], pb[p]);
        // One edit, or two in a long word ("Golani"/"Jolani", "Zelenskiy"/"Zelenskyj").
        std::size_t longest = 0;
        for (std::size_t p = 0; p < pa.size(); ++p) longest = std::max(longest, pa[p] == pb[p] ? 0 : pa[p].size());
        if (d > 2 || (d == 2 && longest < 8)) continue;
        if (pa.size() == 1 && (d > 1 || !shares_context(a, b))) continue;
        groups.unite(a, b);
      }
    }
  }
  std::map<std::size_t, VariantCluster> by_root;
  for (std::size_t i = 0; i < names.size(); ++i) {
    VariantCluster& c = by_root[groups.find(i)];
    std::size_t count = forms_.at(names[i]).count;
    c.forms.push_back(VariantForm{names[i], count});
    c.total += count;
  }
  std::vector<VariantCluster> out;
  for (auto& [root, c] : by_root) {
    if (c.forms.size() < 2 || c.total < min_total) continue;
    std::sort(c.forms.begin(), c.forms.end(), [](const VariantForm& a, const VariantForm& b) {
      return a.count != b.count ? a.count > b.count : a.text < b.text;
    });
    out.push_back(std::move(c));
  }
  // A group that only repeats a shorter group behind the same first word
  // ("Minister Sergei Lavrov" / "Minister Sergey Lavrov") says nothing new.
  std::set<std::string> seen;
  for (const auto& c : out) {
    for (const auto& f : c.forms) seen.insert(f.text);
  }
  std::erase_if(out, [&](const VariantCluster& c) {
    std::string first;
    for (const auto& f : c.forms) {
      std::size_t sp = f.text.find(' ');
      if (sp == std::string::npos || !seen.count(f.text.substr(sp + 1))) return false;
      if (!first.empty() && f.text.substr(0, sp) != first) return false;
      first = f.text.substr(0, sp);
    }
    return true;
  });
  std::sort(out.begin(), out.end(), [](const VariantCluster& a, const VariantCluster& b) {
    return a.total != b.total ? a.total > b.total : a.forms[0].text < b.forms[0].text;
  });
  return out;
}

std::string format_clusters(const std::vector<VariantCluster>& clusters) {
  std::string out;
  for (const auto& c : clusters) {
    out += "# " + std::to_string(c.total) + " occurrences:";
    for (std::size_t i = 0; i < c.forms.size(); ++i) {
      out += (i ? ", " : " ") + c.forms[i].text + " " + std::to_string(c.forms[i].count);
    }
    out += "\n" + c.forms[0].text + " =";
    for (std::size_t i = 1; i < c.forms.size(); ++i) out += (i > 1 ? " | " : " ") + c.forms[i].text;
    out += "\n\n";
  }
  return out;
}

}  // namespace winnow::detail
