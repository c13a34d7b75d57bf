// The JSON string writer behind --format json and JSON Lines output: the
// escapes JSON requires, invalid UTF-8 repaired, and the run-copying fast
// path held to the code-point-at-a-time reference.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "render.hpp"

namespace {

std::string json_string(std::string_view s) {
  std::string out;
  winnow::detail::append_json_string(out, s);
  return out;
}

std::string json_string_reference(std::string_view s) {
  std::string out;
  winnow::detail::append_json_string_reference(out, s);
  return out;
}

TEST(JsonString, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(json_string(""), "\"\"");
  EXPECT_EQ(json_string("plain text"), "\"plain text\"");
  EXPECT_EQ(json_string("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(json_string("C:\\dir"), "\"C:\\\\dir\"");
  EXPECT_EQ(json_string("one\n\ntwo\r\tthree"), "\"one\\n\\ntwo\\r\\tthree\"");
  EXPECT_EQ(json_string(std::string_view("\x00\x01\x1f", 3)), "\"\\u0000\\u0001\\u001f\"");
  // DEL and everything from the space up are written as they are.
  EXPECT_EQ(json_string("\x7f ~"), "\"\x7f ~\"");
}

TEST(JsonString, EscapesPastTheFirstSixteenBytes) {
  // The fast path looks sixteen bytes at a time: a byte to escape late in
  // a vector, in the second vector, and in the tail after the last one.
  EXPECT_EQ(json_string("0123456789abcde\""), "\"0123456789abcde\\\"\"");
  EXPECT_EQ(json_string("0123456789abcdef0123456789\\abcde"), "\"0123456789abcdef0123456789\\\\abcde\"");
  EXPECT_EQ(json_string("0123456789abcdef0123456789abcdef012\n"), "\"0123456789abcdef0123456789abcdef012\\n\"");
}

TEST(JsonString, KeepsValidUtf8AndRepairsInvalid) {
  EXPECT_EQ(json_string("caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x99\x82"), "\"caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x99\x82\"");
  // A literal U+FFFD is text like any other.
  EXPECT_EQ(json_string("\xEF\xBF\xBD"), "\"\xEF\xBF\xBD\"");
  const std::string kReplacement = "\xEF\xBF\xBD";
  EXPECT_EQ(json_string("a\xFF" "b"), "\"a" + kReplacement + "b\"");
  EXPECT_EQ(json_string("ends in a lead \xC3"), "\"ends in a lead " + kReplacement + "\"");
  // A surrogate's three bytes, each unreadable: one U+FFFD each.
  EXPECT_EQ(json_string("\xED\xA0\x80"), "\"" + kReplacement + kReplacement + kReplacement + "\"");
  // Escapes still apply around the repaired bytes.
  EXPECT_EQ(json_string("\"\x80\"\n"), "\"\\\"" + kReplacement + "\\\"\\n\"");
}

TEST(JsonString, AppendsAfterWhatIsThere) {
  std::string out = "{\"text\":";
  winnow::detail::append_json_string(out, "a\tb");
  EXPECT_EQ(out, "{\"text\":\"a\\tb\"");
}

TEST(JsonString, AgreesWithTheReferenceAtEveryPosition) {
  // Each byte that needs care, at each place of strings up to 70 bytes:
  // both sides of every 16-byte boundary and the tail.
  const std::string_view kSpecials[] = {"\"", "\\", "\n", std::string_view("\0", 1), "\x1f", "\x7f",
                                        "\xC3\xA9", "\xE2\x80\x99", "\xFF", "\xC3", "\xED\xA0\x80"};
  for (std::size_t size = 0; size <= 70; ++size) {
    for (std::string_view special : kSpecials) {
      for (std::size_t at = 0; at <= size; ++at) {
        std::string s(size, 'x');
        s.insert(at, special);
        ASSERT_EQ(json_string(s), json_string_reference(s)) << "size " << size << " at " << at;
      }
    }
  }
}

TEST(JsonString, AgreesWithTheReferenceOnMixedText) {
  // Fixed seed: the same strings on every run.
  std::mt19937 random(20261124);
  const std::string_view kPieces[] = {"word ",  "\"",        "\\",           "\n\n",     "\t",
                                      "\x01",   "\xC3\xA9",  "\xE2\x80\x94", "\xF0\x9F\x99\x82",
                                      "\x80",   "\xE2\x80",  "\xF5\x80\x80\x80", "0123456789abcdef"};
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    const int pieces = static_cast<int>(random() % 40);
    for (int k = 0; k < pieces; ++k) s += kPieces[random() % std::size(kPieces)];
    ASSERT_EQ(json_string(s), json_string_reference(s)) << "round " << round;
  }
}

}  // namespace
