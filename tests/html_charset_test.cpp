#include <gtest/gtest.h>

#include <random>
#include <string>

#include "../fuzz/utf8_check.hpp"
#include "charset.hpp"
#include "simd_level.hpp"
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

// The check skips ASCII 64 bytes at a time, or takes 32 bytes at a time
// with AVX2, looking at each byte beside the three before it: in each build
// this CPU runs, each kind of sequence, valid or not, at every offset of
// those steps and cut at the end, agrees with the independent validator;
// so do every pair of bytes, every byte beside chosen ones in sequences of
// three and four, and random strings.
TEST(HtmlCharset, ValidityCheckAgreesWithAByteAtATimeOne) {
  const std::string sequences[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xC0\xAF", "\xED\xA0\x80",
                                   "\xE0\x9F\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\x80", "\xFF",
                                   "\xE2\x82", "\xC3", "\xF0\x9F\x98", "\xF4\x8F\xBF\xBF", "\xEF\xBF\xBF",
                                   "\xE0\xA0\x80", "\xF0\x90\x80\x80", "\xC2\x80", "\xDF\xBF", "\xED\x9F\xBF"};
  // Bytes where the rules change, and some either side.
  const unsigned char edges[] = {0x00, 'a',  0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF};
  for (SimdLevel level : runnable_simd_levels()) {
    const std::string where = level == SimdLevel::kAvx2 ? " (AVX2)" : " (baseline)";
    auto agree = [&](const std::string& text) { return is_valid_utf8(text, level) == fuzz::is_valid_utf8(text); };
    for (std::size_t pad = 0; pad <= 130; ++pad) {
      for (const auto& seq : sequences) {
        const std::string ascii(pad, 'a');
        for (const std::string& text : {ascii + seq, ascii + seq + ascii, seq + ascii, ascii + seq + seq}) {
          ASSERT_TRUE(agree(text)) << "pad " << pad << ", sequence " << seq.size() << where;
        }
      }
    }
    // Every pair of bytes, and every byte between and beside the edges, at
    // the start, across a 32-byte step and at the end.
    for (std::size_t pad : {std::size_t{0}, std::size_t{30}, std::size_t{31}, std::size_t{61}}) {
      const std::string ascii(pad, 'a');
      for (unsigned a = 0; a < 256; ++a) {
        for (unsigned b = 0; b < 256; ++b) {
          const std::string pair{static_cast<char>(a), static_cast<char>(b)};
          ASSERT_TRUE(agree(ascii + pair)) << "pad " << pad << ", bytes " << a << " " << b << where;
          ASSERT_TRUE(agree(ascii + pair + "z")) << "pad " << pad << ", bytes " << a << " " << b << where;
        }
        for (unsigned char b : edges) {
          for (unsigned char c : edges) {
            const std::string three{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
            ASSERT_TRUE(agree(ascii + three + "z")) << "pad " << pad << ", bytes " << a << " " << +b << " " << +c << where;
            for (unsigned char d : edges) {
              if (a < 0xC0) break;  // four bytes matter after a lead only
              const std::string four = three + static_cast<char>(d);
              ASSERT_TRUE(agree(ascii + four)) << "pad " << pad << ", four bytes from " << a << where;
            }
          }
        }
      }
    }
    std::mt19937 random(7);
    for (int n = 0; n < 20000; ++n) {
      std::string text(random() % 200, 'x');
      for (char& c : text) {
        const unsigned r = random() % 16;  // mostly ASCII, some lead and continuation bytes
        c = static_cast<char>(r < 10 ? 'a' + r : r < 13 ? 0x80 + random() % 64 : 0xC0 + random() % 64);
      }
      ASSERT_TRUE(agree(text)) << text << where;
    }
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
