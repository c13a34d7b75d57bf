// Class/id hints (lib/data/html_hints.txt): whole tokens of an element's
// class or id that name site chrome, or the article body.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "winnow/winnow.hpp"

namespace winnow::detail {

struct HintSet {
  std::unordered_map<std::string, Reason> chrome;  // token -> what it names
  std::unordered_map<std::string, bool> content;   // tokens naming the article

  struct Match {
    Reason reason;
    std::string token;
  };
  // The first chrome token in a class or id value, if any.
  std::optional<Match> chrome_token(std::string_view value) const;
  // True when a token of the value names the article body.
  bool content_token(std::string_view value) const;
};

// Parse the hints file format; errors are reported by line.
HintSet parse_hints(std::string_view data, std::string* error = nullptr);

// The built-in set, parsed on first use.
const HintSet& builtin_hints();

}  // namespace winnow::detail
