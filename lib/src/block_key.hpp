// The comparison key of a block for site-level boilerplate learning
// (<winnow/site_boilerplate.hpp>): blocks compare by their words, so
// "© 2023 Site Inc." and "(©) 2024 SITE, Inc" get the same key, and so do
// "12 comments" and "3 Comments".
//
// block_words() spells out what is compared, one code point at a time;
// block_key() writes the same words into a buffer faster (sixteen or eight
// bytes at a time through stretches of ASCII letters and single spaces,
// which are their own words lower-cased; non-ASCII letters from a table)
// and hashes them eight bytes at a time, since it runs on every block of
// every page. Tests hold the two to block_key(t) == words_key(block_words(t)).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::detail {

// The words of `text` as they are compared: runs of letters and digits,
// lower-cased, each run of digits read as one '0', runs of anything else
// (punctuation, spacing) as one ' ' and none at either end. A letter or
// digit outside ASCII is written as its lower-cased code point in four
// little-endian bytes. Empty when the text has no letter or digit.
std::string block_words(std::string_view text);

// The key of a word string as block_words() builds it: a 64-bit hash over
// eight-byte lanes, never 0; 0 for the empty string.
std::uint64_t words_key(std::string_view words);

// words_key(block_words(text)), without building the words.
std::uint64_t block_key(std::string_view text);

}  // namespace winnow::detail
