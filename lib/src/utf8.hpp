// Small UTF-8 helpers shared by the stages: decoding one code point at a time
// and classifying code points without building intermediate strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::detail {

// Decode the code point at s[i]; advances i. Invalid bytes decode as U+FFFD
// and advance by one byte.
char32_t next_code_point(std::string_view s, std::size_t& i);

void append_utf8(std::string& out, char32_t cp);

bool is_letter_or_digit(char32_t cp);
bool is_space(char32_t cp);  // Unicode White_Space, including NBSP
char32_t to_lower(char32_t cp);

// Number of letters or digits in s.
std::size_t count_alnum(std::string_view s);

}  // namespace winnow::detail
