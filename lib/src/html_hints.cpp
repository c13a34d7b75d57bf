#include "html_hints.hpp"

#include <algorithm>
#include <array>

#include "rule_text.hpp"

namespace winnow::detail {

extern const std::string_view kHtmlHintsData;  // generated from data/html_hints.txt

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool is_separator(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '-' || c == '_';
}

// Calls f(token) for each lower-cased token that may be in the set (of a
// length and first byte some token has); stops when f returns true.
template <typename F>
bool any_token(std::string_view value, const HintSet& set, F&& f) {
  char token[128];
  const std::size_t longest = std::min(set.longest_token, sizeof token);
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && is_separator(value[i])) ++i;
    std::size_t start = i;
    while (i < value.size() && !is_separator(value[i])) ++i;
    std::size_t length = i - start;
    if (length == 0 || length > longest || !set.may_be_token(lower(value[start]), length)) continue;
    for (std::size_t k = 0; k < length; ++k) token[k] = lower(value[start + k]);
    if (f(std::string_view(token, length))) return true;
  }
  return false;
}

}  // namespace

std::optional<HintSet::Match> HintSet::chrome_token(std::string_view value) const {
  std::optional<Match> found;
  any_token(value, *this, [&](std::string_view token) {
    auto it = chrome.find(token);
    if (it == chrome.end()) return false;
    found = Match{it->second, std::string(token)};
    return true;
  });
  return found;
}

bool HintSet::content_token(std::string_view value) const {
  return any_token(value, *this, [&](std::string_view token) { return content.find(token) != content.end(); });
}

void HintSet::first_tokens(std::string_view value, std::string& chrome_token,
                           std::string& content_token) const {
  chrome_token.clear();
  content_token.clear();
  any_token(value, *this, [&](std::string_view token) {
    if (chrome_token.empty() && chrome.find(token) != chrome.end()) chrome_token.assign(token);
    if (content_token.empty() && content.find(token) != content.end()) content_token.assign(token);
    return !chrome_token.empty() && !content_token.empty();
  });
}

HintSet parse_hints(std::string_view data, std::string* error) {
  static constexpr std::array<std::pair<std::string_view, Reason>, 8> kSections = {{
      {"navigation", Reason::Navigation},
      {"share", Reason::ShareBar},
      {"comments", Reason::CommentSection},
      {"related", Reason::RelatedList},
      {"ad", Reason::AdMarker},
      {"legal", Reason::Legal},
      {"byline", Reason::Byline},
      {"chrome", Reason::Chrome},
  }};
  HintSet set;
  Reason section = Reason::Kept;  // Kept: not in a chrome section
  bool content = false, hidden = false;
  std::size_t line_no = 0;
  while (!data.empty()) {
    std::size_t nl = data.find('\n');
    std::string_view line = trim(data.substr(0, nl));
    data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      std::string_view name = line.substr(1, line.size() - 2);
      section = Reason::Kept;
      content = name == "content";
      hidden = name == "hidden";
      for (auto [n, r] : kSections) {
        if (n == name) section = r;
      }
      if (section == Reason::Kept && !content && !hidden && error) {
        *error += "line " + std::to_string(line_no) + ": unknown section [" + std::string(name) + "]\n";
      }
      continue;
    }
    if (hidden) {  // whole class names, not tokens
      std::string name(line);
      for (auto& c : name) c = lower(c);
      set.hidden_shapes[static_cast<unsigned char>(name[0])] |= std::uint64_t{1} << std::min<std::size_t>(name.size(), 63);
      set.hidden_classes.push_back(std::move(name));
      continue;
    }
    set.longest_token = std::max(set.longest_token, line.size());
    set.shapes[static_cast<unsigned char>(line[0])] |= std::uint64_t{1} << std::min<std::size_t>(line.size(), 63);
    if (content) set.content.emplace(std::string(line), true);
    else if (section != Reason::Kept) set.chrome.emplace(std::string(line), section);
    else if (error) *error += "line " + std::to_string(line_no) + ": token outside a section\n";
  }
  return set;
}

bool HintSet::hidden_class(std::string_view value) const { return !first_hidden_class(value).empty(); }

std::string_view HintSet::first_hidden_class(std::string_view value) const {
  // Every class value of a page comes here: the names are found with one
  // compare a byte (the spaces that part them are all at or below ' ', and
  // no other such byte can be part of a hidden class name).
  const auto separates = [](char c) { return static_cast<unsigned char>(c) <= ' '; };
  for (std::size_t i = 0; i < value.size();) {
    while (i < value.size() && separates(value[i])) ++i;
    const std::size_t start = i;
    while (i < value.size() && !separates(value[i])) ++i;
    const std::string_view name = value.substr(start, i - start);
    if (name.empty() ||
        !(hidden_shapes[static_cast<unsigned char>(lower(name[0]))] >> std::min<std::size_t>(name.size(), 63) & 1)) {
      continue;
    }
    for (const auto& hidden : hidden_classes) {
      if (name.size() == hidden.size() &&
          std::equal(name.begin(), name.end(), hidden.begin(), [](char a, char b) { return lower(a) == b; })) {
        return name;
      }
    }
  }
  return {};
}

const HintSet& builtin_hints() {
  static const HintSet set = parse_hints(kHtmlHintsData);
  return set;
}

}  // namespace winnow::detail
