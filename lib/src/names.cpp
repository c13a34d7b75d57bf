// NameDictionary: parsing the dictionary format, merging, the built-in copy.
#include "winnow/names.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "decode.hpp"
#include "name_matcher.hpp"
#include "rule_text.hpp"

namespace winnow {

namespace detail {
extern const std::string_view kNamesData;  // generated from data/names.txt
}

namespace {

using detail::split;
using detail::trim;

// The identity of a form for "same entity" checks: folded tokens joined.
std::string form_key(std::string_view form, bool ignore_case) {
  std::string key;
  for (const auto& t : detail::fold_name(form, ignore_case)) {
    if (!key.empty()) key.push_back(' ');
    key += t;
  }
  return key;
}

// Every form of an entry, folded in any case: two entries that share one
// are the same entity.
std::vector<std::string> loose_keys(const NameEntry& e) {
  std::vector<std::string> keys{form_key(e.canonical, true)};
  for (const auto& v : e.variants) keys.push_back(form_key(v, true));
  return keys;
}

// The items of a rule's list, each trimmed, spaces inside folded to one.
std::vector<std::string> rule_items(std::string_view list) {
  std::vector<std::string> items;
  for (auto part : split(list, '|')) {
    std::string item;
    for (char c : part) {
      if (c == ' ' || c == '\t') {
        if (!item.empty() && item.back() != ' ') item.push_back(' ');
      } else {
        item.push_back(c);
      }
    }
    if (!item.empty()) items.push_back(std::move(item));
  }
  return items;
}

std::string ascii_lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return s;
}

// A context rule line ("keep after: University of | IIT"), added to
// `rules`; false when the line is none. `problem` says what is wrong with
// one that is.
bool read_rule(std::string_view line, NameRules& rules, std::string& problem) {
  auto starts = [&](std::string_view keyword) { return line.substr(0, keyword.size()) == keyword; };
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view head = trim(line.substr(0, colon));
  std::vector<std::string> items = rule_items(line.substr(colon + 1));
  std::vector<std::string>* list = nullptr;
  if (head == "keep after") list = &rules.keep_after;
  else if (head == "keep before") list = &rules.keep_before;
  else if (head == "person names") list = &rules.person_names;
  else if (head == "not names") list = &rules.not_names;
  else if (!starts("keep near ")) return false;
  if (items.empty()) {
    problem = "a rule needs words or phrases after ':'";
    return true;
  }
  for (const auto& item : items) {
    if (form_key(item, false).empty() && item.find(',') == std::string::npos) {
      problem = "'" + item + "' has no letters";
      return true;
    }
  }
  if (list) {
    list->insert(list->end(), items.begin(), items.end());
    return true;
  }
  NameRules::Near near;
  constexpr std::string_view kNear = "keep near ";
  near.form = std::string(trim(line.substr(kNear.size(), colon - kNear.size())));
  if (form_key(near.form, false).empty()) {
    problem = "'keep near' needs a form with letters before ':'";
    return true;
  }
  for (auto& word : items) near.words.push_back(ascii_lower(std::move(word)));
  rules.keep_near.push_back(std::move(near));
  return true;
}

}  // namespace

std::string NameError::to_string() const {
  std::string s = source;
  if (line > 0) s.append(":").append(std::to_string(line));
  s.append(": ").append(message);
  return s;
}

NameDictionary::NameDictionary() = default;
NameDictionary::NameDictionary(const NameDictionary& other) : entries_(other.entries_), rules_(other.rules_) {
  rebuild();
}
NameDictionary& NameDictionary::operator=(const NameDictionary& other) {
  if (this != &other) {
    entries_ = other.entries_;
    rules_ = other.rules_;
    rebuild();
  }
  return *this;
}
NameDictionary::NameDictionary(NameDictionary&&) noexcept = default;
NameDictionary& NameDictionary::operator=(NameDictionary&&) noexcept = default;
NameDictionary::~NameDictionary() = default;

const NameDictionary& NameDictionary::builtin() {
  static const NameDictionary dictionary = [] {
    NameDictionary d;
    d.merge(detail::kNamesData, "names.txt");
    return d;
  }();
  return dictionary;
}

std::vector<NameError> NameDictionary::merge(std::string_view text, std::string_view source) {
  std::vector<NameError> errors;
  auto error = [&](std::size_t line, std::string message) {
    errors.push_back(NameError{std::string(source), line, std::move(message)});
  };
  // Entries by form; a replaced or removed entry is emptied, then dropped.
  std::map<std::string, std::size_t> owner;
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    for (auto& key : loose_keys(entries_[k])) owner[key] = k;
  }
  auto remove_owner_of = [&](const std::string& key) {
    auto it = owner.find(key);
    if (it == owner.end() || entries_[it->second].canonical.empty()) return false;
    NameEntry& gone = entries_[it->second];
    for (auto& k : loose_keys(gone)) owner.erase(k);
    gone.canonical.clear();
    return true;
  };
  bool ignore_case = false;
  std::map<std::string, std::size_t> seen;  // form -> line, within this text
  std::size_t line_no = 0;
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    std::string_view line = trim(text.substr(0, eol));
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    // Forms end up in normalized text, which is valid UTF-8 without NULs.
    if (detail::to_valid_utf8(line) != line) {
      error(line_no, "not valid UTF-8 text");
      continue;
    }
    if (line.front() == '[') {
      if (line == "[ignore-case]") ignore_case = true;
      else if (line == "[case-sensitive]") ignore_case = false;
      else error(line_no, "unknown section " + std::string(line) + " (expected [ignore-case] or [case-sensitive])");
      continue;
    }
    if (std::string problem; read_rule(line, rules_, problem)) {
      if (!problem.empty()) error(line_no, problem);
      continue;
    }
    if (line.front() == '!') {
      if (!remove_owner_of(form_key(line.substr(1), true))) {
        error(line_no, "no entry has the form '" + std::string(trim(line.substr(1))) + "'");
      }
      continue;
    }
    NameEntry entry;
    entry.ignore_case = ignore_case;
    std::size_t eq = line.find('=');
    entry.canonical = std::string(trim(line.substr(0, eq)));
    if (eq != std::string_view::npos) {
      for (auto v : split(line.substr(eq + 1), '|')) {
        if (!v.empty()) entry.variants.emplace_back(v);
      }
    }
    std::vector<std::string> keys = loose_keys(entry);
    std::string problem;
    if (keys.front().empty()) problem = "an entry needs a canonical form with letters before '='";
    for (std::size_t k = 0; k < keys.size() && problem.empty(); ++k) {
      if (keys[k].empty()) problem = "a variant has no letters";
      auto it = seen.find(keys[k]);
      if (problem.empty() && it != seen.end() && it->second != line_no) {
        problem = "'" + keys[k] + "' is already a form of the entry on line " + std::to_string(it->second);
      }
      seen.emplace(keys[k], line_no);
    }
    if (!problem.empty()) {
      error(line_no, problem);
      continue;
    }
    for (const auto& key : keys) remove_owner_of(key);  // a later entry replaces an earlier one
    for (const auto& key : keys) owner[key] = entries_.size();
    entries_.push_back(std::move(entry));
  }
  std::erase_if(entries_, [](const NameEntry& e) { return e.canonical.empty(); });
  rebuild();
  return errors;
}

std::vector<NameError> NameDictionary::merge_file(const std::string& path) {
  // A directory opens as a file that reads as nothing: without this check
  // it would add no entries and say nothing.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return {NameError{path, 0, "is a directory, not a names file"}};
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    return {NameError{path, 0, std::string("cannot read the file") + (error ? ": " + std::string(std::strerror(error)) : "")}};
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return {NameError{path, 0, "read error"}};
  return merge(text.str(), path);
}

void NameDictionary::rebuild() {
  matcher_ = entries_.empty() ? nullptr : std::make_shared<const detail::NameMatcher>(entries_, rules_);
}

const detail::NameMatcher& name_matcher(const NameDictionary& dictionary) {
  static const detail::NameMatcher empty({}, {});
  return dictionary.matcher_ ? *dictionary.matcher_ : empty;
}

}  // namespace winnow
