// Finding name-variant candidates in a corpus, for `winnow variants`: the
// capitalized names of many texts are counted, and names that fold to the
// same key (diacritics, apostrophes, hyphens, "al-" particles,
// transliteration patterns such as ei/ey and iy/y/yy) or lie one edit apart
// with shared context are grouped. The groups are printed in the name
// dictionary format (docs/names.md) for a person to review.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winnow::detail {

struct VariantForm {
  std::string text;
  std::size_t count = 0;
};

struct VariantCluster {
  std::vector<VariantForm> forms;  // most frequent first: the suggested canonical form
  std::size_t total = 0;
};

class VariantCollector {
 public:
  // Count the names in one text (already clean: run extraction first).
  void add_text(std::string_view text);

  // Groups of at least two spellings, largest first.
  std::vector<VariantCluster> clusters(std::size_t min_total = 2) const;

 private:
  struct Form {
    std::size_t count = 0;
    std::map<std::string, std::size_t> context;  // neighbouring words (lower case)
  };
  void add_phrase(const std::vector<std::string>& tokens, const std::vector<char>& joins,
                  std::string_view before, std::string_view after);

  std::unordered_map<std::string, Form> forms_;  // surface form -> stats
  std::unordered_map<std::string, std::size_t> lower_words_;  // words seen in lower case
};

// Key under which transliteration variants of a name coincide.
std::string variant_key(std::string_view name);

// The clusters in the dictionary format, with counts in comments.
std::string format_clusters(const std::vector<VariantCluster>& clusters);

}  // namespace winnow::detail
