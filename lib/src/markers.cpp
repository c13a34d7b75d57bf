#include "markers.hpp"

#include "utf8.hpp"

namespace winnow::detail {

extern const std::string_view kMarkersData;  // generated from data/markers.txt

std::string marker_key(std::string_view text) {
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

std::optional<Reason> section_reason(std::string_view name) {
  if (name == "ad") return Reason::AdMarker;
  if (name == "navigation") return Reason::Navigation;
  if (name == "byline") return Reason::Byline;
  if (name == "share") return Reason::ShareBar;
  if (name == "legal") return Reason::Legal;
  if (name == "comments") return Reason::CommentSection;
  if (name == "related") return Reason::RelatedList;
  if (name == "teaser") return Reason::Teaser;
  if (name == "chrome-words") return Reason::Chrome;
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
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

}  // namespace

bool match_pattern(const MarkerPattern& pattern, std::string_view key) {
  static constexpr std::string_view kNumber = "<n>";
  std::string_view p = pattern.text;
  std::size_t k = 0;
  while (!p.empty()) {
    if (p.starts_with(kNumber)) {
      std::size_t start = k;
      while (k < key.size() && ((key[k] >= '0' && key[k] <= '9') ||
                                (k > start && (key[k] == ',' || key[k] == '.') &&
                                 k + 1 < key.size() && key[k + 1] >= '0' && key[k + 1] <= '9'))) {
        ++k;
      }
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

std::optional<Reason> MarkerSet::match_whole(std::string_view key, std::string* matched) const {
  auto it = whole.find(std::string(key));
  if (it != whole.end()) {
    if (matched) *matched = it->first;
    return it->second;
  }
  for (const auto& pattern : patterns) {
    if (match_pattern(pattern, key)) {
      if (matched) *matched = pattern.text + (pattern.prefix ? " ..." : "");
      return pattern.reason;
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> MarkerSet::find_chrome_words(std::string_view key) const {
  for (const auto& phrase : chrome_words) {
    for (auto at = key.find(phrase); at != std::string_view::npos; at = key.find(phrase, at + 1)) {
      std::size_t after = at + phrase.size();
      // Keys are lower-cased; a space or ASCII punctuation before the phrase
      // starts a word (a non-ASCII byte is taken as part of a word).
      unsigned char prev = at == 0 ? ' ' : static_cast<unsigned char>(key[at - 1]);
      bool starts_word = prev < 0x80 && !is_letter_or_digit(prev);
      std::size_t i = after;
      bool ends_word = after == key.size() || !is_letter_or_digit(next_code_point(key, i));
      if (starts_word && ends_word) return phrase;
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> MarkerSet::match_teaser(std::string_view key) const {
  for (const auto& prefix : teaser_prefixes) {
    if (key.size() <= prefix.size() || key.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view rest = key.substr(prefix.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.starts_with(":") || rest.starts_with("-") || rest.starts_with("|") ||
        rest.starts_with("\xC2\xBB") /* » */ || rest.starts_with("\xE2\x80\x94") /* — */ ||
        rest.starts_with("\xE2\x80\x93") /* – */) {
      return prefix;
    }
  }
  return std::nullopt;
}

MarkerSet parse_markers(std::string_view data, std::string* error) {
  MarkerSet set;
  std::optional<Reason> section;
  std::size_t line_no = 0;
  while (!data.empty()) {
    std::size_t eol = data.find('\n');
    std::string_view line = trim(data.substr(0, eol));
    data.remove_prefix(eol == std::string_view::npos ? data.size() : eol + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = section_reason(line.substr(1, line.size() - 2));
      if (!section && error) *error = "markers line " + std::to_string(line_no) + ": unknown section";
      continue;
    }
    if (!section) continue;
    bool prefix = line.ends_with("...");
    if (prefix) line.remove_suffix(3);
    std::string key = pattern_key(line);
    if (key.empty()) continue;
    if (*section == Reason::Chrome) {
      set.chrome_words.push_back(std::move(key));
      continue;
    }
    if (prefix || key.find("<n>") != std::string::npos) {
      if (*section == Reason::Teaser) {
        if (error) *error = "markers line " + std::to_string(line_no) + ": patterns are not allowed in [teaser]";
        continue;
      }
      set.patterns.push_back({std::move(key), prefix, *section});
      continue;
    }
    if (*section == Reason::Teaser) {
      set.teaser_prefixes.push_back(std::move(key));
    } else {
      set.whole.emplace(std::move(key), *section);
    }
  }
  return set;
}

const MarkerSet& builtin_markers() {
  static const MarkerSet set = parse_markers(kMarkersData);
  return set;
}

}  // namespace winnow::detail
