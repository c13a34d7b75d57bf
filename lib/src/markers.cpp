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
    append_utf8(key, to_lower(cp));
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
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<Reason> MarkerSet::match_whole(std::string_view key) const {
  auto it = whole.find(std::string(key));
  if (it == whole.end()) return std::nullopt;
  return it->second;
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
    std::string key = marker_key(line);
    if (key.empty()) continue;
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
