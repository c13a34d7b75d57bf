// Class/id hints (lib/data/html_hints.txt): whole tokens of an element's
// class or id that name site chrome, or the article body.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "spread_hash.hpp"
#include "winnow/winnow.hpp"

namespace winnow::detail {

// Looks tokens up by string_view, without building a std::string per token.
struct TokenHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return spread_hash(s); }
};

struct HintSet {
  std::unordered_map<std::string, Reason, TokenHash, std::equal_to<>> chrome;  // token -> what it names
  std::unordered_map<std::string, bool, TokenHash, std::equal_to<>> content;   // tokens naming the article
  std::size_t longest_token = 0;  // no longer token can match
  // Bit min(length, 63) of [first byte] is set when some token of that
  // length starts with that byte: most tokens of a page are ruled out by it
  // without hashing.
  std::array<std::uint64_t, 256> shapes{};
  bool may_be_token(char first, std::size_t length) const {
    return shapes[static_cast<unsigned char>(first)] >> std::min<std::size_t>(length, 63) & 1;
  }

  struct Match {
    Reason reason;
    std::string token;
  };
  // Class names (whole, lower case) that hide an element from sighted
  // readers: text for screen readers only ("sr-only").
  std::vector<std::string> hidden_classes;
  // As `shapes` for them: most class names are ruled out without a compare.
  std::array<std::uint64_t, 256> hidden_shapes{};
  // True when a class value holds one of them.
  bool hidden_class(std::string_view value) const;
  // The first of them in a class value, as written there ("" for none).
  std::string_view first_hidden_class(std::string_view value) const;

  // The first chrome token in a class or id value, if any.
  std::optional<Match> chrome_token(std::string_view value) const;
  // True when a token of the value names the article body.
  bool content_token(std::string_view value) const;
  // In one pass: the first chrome token and the first content token of the
  // value, lower-cased ("" when there is none).
  void first_tokens(std::string_view value, std::string& chrome_token, std::string& content_token) const;
};

// Parse the hints file format; errors are reported by line.
HintSet parse_hints(std::string_view data, std::string* error = nullptr);

// The built-in set, parsed on first use.
const HintSet& builtin_hints();

}  // namespace winnow::detail
