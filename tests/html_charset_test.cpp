#include <gtest/gtest.h>

#include <random>
#include <string>

#include "../fuzz/utf8_check.hpp"
#include "charset.hpp"
#include "html_test_util.hpp"

namespace winnow::detail {
namespace {

TEST(HtmlCharset, ValidUtf8WinsOverAStaleLabel) {
  std::string html = "<meta charset=\"iso-8859-1\"><p>caf\xC3\xA9</p>";
  EXPECT_EQ(detect_charset(html), "utf-8");
}

TEST(HtmlCharset, LabelIsUsedWhenBytesAreNotUtf8) {
  // "Привет" in windows-1251.
  std::string html = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                     "<p>\xCF\xF0\xE8\xE2\xE5\xF2</p>";
  EXPECT_EQ(declared_charset(html), "windows-1251");
  EXPECT_EQ(detect_charset(html), "windows-1251");
  auto utf8 = convert_to_utf8(html, "windows-1251");
  ASSERT_TRUE(utf8);
  EXPECT_NE(utf8->find("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"), std::string::npos);
}

TEST(HtmlCharset, UnlabelledNonUtf8IsWindows1252) {
  EXPECT_EQ(detect_charset("<p>caf\xE9 \x93quoted\x94</p>"), "windows-1252");
  auto utf8 = convert_to_utf8("caf\xE9 \x93q\x94", "windows-1252");
  ASSERT_TRUE(utf8);
  EXPECT_EQ(*utf8, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
}

TEST(HtmlCharset, WhatwgAliases) {
  EXPECT_EQ(declared_charset("<meta charset=ISO-8859-1>"), "windows-1252");
  EXPECT_EQ(declared_charset("<meta charset='Shift_JIS'>"), "cp932");
  EXPECT_EQ(declared_charset("<meta charset=\"euc-kr\">"), "cp949");
  EXPECT_EQ(declared_charset("<?xml version=\"1.0\" encoding=\"koi8-r\"?><html>"), "koi8-r");
  EXPECT_EQ(declared_charset("<p>no label</p>"), "");
}

TEST(HtmlCharset, UnmappableBytesBecomeReplacementCharacters) {
  auto utf8 = convert_to_utf8("a\xFF" "b\x81", "shift_jis");  // 0xFF unmapped; a lone lead byte
  ASSERT_TRUE(utf8);
  EXPECT_EQ(*utf8, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  EXPECT_FALSE(convert_to_utf8("x", "no-such-charset"));
}

TEST(HtmlCharset, ValidityCheck) {
  EXPECT_TRUE(is_valid_utf8("plain \xE2\x82\xAC"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
}

// The check skips ASCII 64 bytes at a time: each kind of sequence, valid or
// not, at every offset of that skip and cut at the end, agrees with the
// independent validator; so do random byte strings.
TEST(HtmlCharset, ValidityCheckAgreesWithAByteAtATimeOne) {
  const std::string sequences[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xC0\xAF", "\xED\xA0\x80",
                                   "\xE0\x9F\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\x80", "\xFF",
                                   "\xE2\x82", "\xC3"};
  for (std::size_t pad = 0; pad <= 130; ++pad) {
    for (const auto& seq : sequences) {
      const std::string ascii(pad, 'a');
      for (const std::string& text : {ascii + seq, ascii + seq + ascii, seq + ascii}) {
        ASSERT_EQ(is_valid_utf8(text), fuzz::is_valid_utf8(text)) << "pad " << pad << ", sequence " << seq.size();
      }
    }
  }
  std::mt19937 random(7);
  for (int n = 0; n < 20000; ++n) {
    std::string text(random() % 100, 'x');
    for (char& c : text) {
      const unsigned r = random() % 16;  // mostly ASCII, some lead and continuation bytes
      c = static_cast<char>(r < 10 ? 'a' + r : r < 13 ? 0x80 + random() % 64 : 0xC0 + random() % 64);
    }
    ASSERT_EQ(is_valid_utf8(text), fuzz::is_valid_utf8(text)) << text;
  }
}

TEST(HtmlCharset, ExtractReadsUtf16WithBom) {
  std::string narrow = test::page("<article><p>" + test::prose(1) + "</p></article>");
  std::string wide = "\xFF\xFE";
  for (char c : narrow) {
    wide += c;
    wide += '\0';
  }
  Result r = extract(wide);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.mode, Mode::Html);
  EXPECT_TRUE(test::kept(r, "Paragraph 1 tells the story"));
}

TEST(HtmlCharset, ExtractReadsShiftJisPage) {
  // "日本語" in Shift_JIS, labelled.
  std::string html = test::page("<article><p>" + test::prose(1) + " \x93\xFA\x96\x7B\x8C\xEA</p></article>",
                                "<meta charset=\"shift_jis\">");
  Result r = test::extract_html(html);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(test::kept(r, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E")) << r.text;
}

}  // namespace
}  // namespace winnow::detail
