// Name variants: one spelling per person, place or group ("Sergei Lavrov" ->
// "Sergey Lavrov", "Kiev" -> "Kyiv"). A NameDictionary holds the entries;
// NormalizeOptions::dictionary selects it (null = the built-in one).
//
//   auto names = std::make_shared<winnow::NameDictionary>(winnow::NameDictionary::builtin());
//   for (const auto& e : names->merge_file("my-names.txt")) std::cerr << e.to_string() << '\n';
//   options.normalize.dictionary = names;
//
// The file format is documented in docs/names.md:
//
//   # comment
//   Sergey Lavrov = Sergei Lavrov | Sergej Lavrov
//   Kyiv = Kiev
//   [ignore-case]
//   ...entries matched in any letter case...
//   !Kiev          (drop the entry that has this form)
//   keep before: Cup | Trophy   (a context rule: see NameRules)
//
// Matching is case-sensitive unless the entry is in an [ignore-case]
// section, respects word boundaries, and ignores diacritics, apostrophe,
// hyphen and dash variants. A dictionary is a plain value: copies are
// independent and a const one may be shared between threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

namespace detail {
class NameMatcher;
}

struct NameEntry {
  std::string canonical;              // what every variant becomes
  std::vector<std::string> variants;  // the other spellings
  bool ignore_case = false;
};

// Where a variant stays as written, for a reading that is not the entity's
// (docs/names.md, "Context rules"). Each is a line of the file format:
//   keep after: University of | IIT      (phrases right before the variant)
//   keep before: Cup | , Texas           (phrases right after it)
//   keep near Turkey: recipe | roast     (words anywhere in its line)
//   person names: Lvov | Odessa          (forms that are also people's names)
//   not names: In | The                  (capitalized words that are no name)
struct NameRules {
  std::vector<std::string> keep_after;
  std::vector<std::string> keep_before;
  struct Near {
    std::string form;                // as written in the file
    std::vector<std::string> words;  // lower case
  };
  std::vector<Near> keep_near;
  std::vector<std::string> person_names;
  std::vector<std::string> not_names;

  bool empty() const {
    return keep_after.empty() && keep_before.empty() && keep_near.empty() && person_names.empty();
  }
};

// A problem in a dictionary file; the line is skipped, the others apply.
struct NameError {
  std::string source;    // file name, or what the caller passed
  std::size_t line = 0;  // 1-based; 0 when not about a line
  std::string message;

  std::string to_string() const;  // "source:line: message"
};

class NameDictionary {
 public:
  NameDictionary();  // empty
  NameDictionary(const NameDictionary&);
  NameDictionary& operator=(const NameDictionary&);
  NameDictionary(NameDictionary&&) noexcept;
  NameDictionary& operator=(NameDictionary&&) noexcept;
  ~NameDictionary();

  // The dictionary built into winnow (lib/data/names.txt).
  static const NameDictionary& builtin();

  // Add entries in the file format. An entry that shares any form (canonical
  // or variant, after folding) with an earlier entry replaces it: this is how
  // a user flips a canonical form ("Kiev = Kyiv").
  std::vector<NameError> merge(std::string_view text, std::string_view source = "<names>");
  // The same, from a file; an unreadable file is one error with line 0.
  std::vector<NameError> merge_file(const std::string& path);

  const std::vector<NameEntry>& entries() const { return entries_; }
  // The context rules of every file merged; a later file adds to them.
  const NameRules& rules() const { return rules_; }
  bool empty() const { return entries_.empty(); }

 private:
  friend const detail::NameMatcher& name_matcher(const NameDictionary&);
  void rebuild();

  std::vector<NameEntry> entries_;
  NameRules rules_;
  std::shared_ptr<const detail::NameMatcher> matcher_;
};

}  // namespace winnow
