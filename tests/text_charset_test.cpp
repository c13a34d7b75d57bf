// Scraped text carries no charset label: text that is not UTF-8 is read with
// the code page its bytes point to, or its bad bytes are replaced, and the
// Result says which (decode stage, charset.hpp).
#include <gtest/gtest.h>

#include <iconv.h>

#include <random>
#include <string>
#include <vector>

#include "charset.hpp"
#include "decode.hpp"
#include "winnow/winnow.hpp"

namespace winnow::detail {
namespace {

// `utf8` written in `charset`, by the C library's converter.
std::string encode(const std::string& utf8, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1)) << charset;
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &dst, &dst_left), static_cast<std::size_t>(-1)) << charset;
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

struct LegacyText {
  const char* charset;
  std::string utf8;
};

const LegacyText kLegacyTexts[] = {
    {"windows-1252", "Le café est très bon, et la crème brûlée aussi. Nous aimons beaucoup ce petit "
                     "restaurant près de la gare, où l'on mange à toute heure."},
    {"windows-1252", "O governo disse que a decisão é final e que a reunião à tarde não mudará "
                     "nada; a situação é séria, e o ministro já está em Brasília."},
    {"windows-1252", "Die Bürger der Stadt müssen sich auf größere Änderungen einstellen, sagte der "
                     "Bürgermeister am Dienstag vor dem Ausschuß."},
    {"windows-1251", "Министр иностранных дел заявил во вторник, что переговоры продолжатся на "
                     "следующей неделе в столице."},
    {"koi8-r", "Министр иностранных дел заявил во вторник, что переговоры продолжатся на следующей "
               "неделе в столице."},
    {"windows-1253", "Ο υπουργός εξωτερικών δήλωσε την Τρίτη ότι οι συνομιλίες θα συνεχιστούν την "
                     "επόμενη εβδομάδα στην πρωτεύουσα."},
    {"windows-1255", "שר החוץ אמר ביום שלישי כי השיחות יימשכו בשבוע הבא בבירה, לאחר פגישה ארוכה."},
    {"windows-1256", "قال وزير الخارجية يوم الثلاثاء إن المحادثات ستستمر الأسبوع المقبل في العاصمة."},
};

TEST(TextCharset, LegacyTextIsReadWithItsCodePage) {
  for (const LegacyText& t : kLegacyTexts) {
    SCOPED_TRACE(t.charset);
    const std::string bytes = encode(t.utf8, t.charset);
    ASSERT_FALSE(is_valid_utf8(bytes));
    EXPECT_EQ(guess_text_charset(bytes).charset, t.charset);
    Result r = winnow::clean_text(bytes + "\n");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.text, t.utf8);
    ASSERT_FALSE(r.notes.empty());
    EXPECT_EQ(r.notes.front(), std::string("not UTF-8: read as ") + t.charset);
    // The normalize stage alone reads such text the same way.
    std::vector<std::string> notes;
    EXPECT_EQ(winnow::normalize(bytes, {}, &notes), t.utf8);
    ASSERT_FALSE(notes.empty());
    EXPECT_EQ(notes.front(), std::string("not UTF-8: read as ") + t.charset);
  }
}

// UTF-16 with its byte-order mark: extract() read it, and normalize()
// alone turned it into letters between U+FFFDs.
TEST(TextCharset, Utf16WithAByteOrderMarkIsReadByNormalizeAsByExtract) {
  const std::string kText = "Le café est très bon. Министр заявил во вторник, что переговоры продолжатся.\n";
  for (const char* charset : {"UTF-16LE", "UTF-16BE"}) {
    SCOPED_TRACE(charset);
    const std::string bom = std::string(charset) == "UTF-16LE" ? "\xFF\xFE" : "\xFE\xFF";
    const std::string bytes = bom + encode(kText, charset);
    EXPECT_EQ(winnow::normalize(bytes), kText);
    EXPECT_EQ(winnow::clean_text(bytes).text + "\n", kText);
  }
}

TEST(TextCharset, ValidUtf8IsReadAsItIs) {
  for (const LegacyText& t : kLegacyTexts) {
    EXPECT_EQ(guess_text_charset(t.utf8).charset, "utf-8");
    EXPECT_EQ(guess_text_charset(t.utf8).invalid_bytes, 0u);
    Result r = winnow::clean_text(t.utf8 + "\n");
    EXPECT_EQ(r.text, t.utf8);
    EXPECT_TRUE(r.notes.empty()) << r.notes.front();
  }
}

TEST(TextCharset, DamagedUtf8StaysUtf8AndTheDamageIsCounted) {
  // UTF-8 with accents, and two stray Windows-1252 letters: the good
  // sequences outweigh the bad bytes.
  const std::string text =
      "Le café est très bon, et la crème brûlée aussi; la caf\xE9t\xE9ria ferme à midi, où "
      "l'on mange à toute heure et à bon prix.";
  TextCharset guess = guess_text_charset(text);
  EXPECT_EQ(guess.charset, "utf-8");
  EXPECT_EQ(guess.invalid_bytes, 2u);
  Result r = winnow::clean_text(text + "\n");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_NE(r.text.find("caf\xEF\xBF\xBDt\xEF\xBF\xBDria"), std::string::npos) << r.text;
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(r.notes.front(), "invalid UTF-8: 2 bytes replaced with U+FFFD");
  std::vector<std::string> notes;
  EXPECT_NE(winnow::normalize(text, {}, &notes).find("caf\xEF\xBF\xBDt"), std::string::npos);
  ASSERT_FALSE(notes.empty());
  EXPECT_EQ(notes.front(), "invalid UTF-8: 2 bytes replaced with U+FFFD");
}

TEST(TextCharset, TooFewCluesAreNotAGuess) {
  // One bad byte between spaces says nothing of a code page.
  EXPECT_EQ(guess_text_charset("Before \x80 after, in a sentence.").charset, "utf-8");
  EXPECT_EQ(guess_text_charset("A caf\xE9 alone.").charset, "utf-8");
  EXPECT_EQ(guess_text_charset("\xC4\xE0, \xE4\xE0.").charset, "utf-8");  // "Да, да." in Windows-1251
  // Bytes of an alphabet no listed code page explains: every letter byte
  // equally often.
  std::string even;
  for (int round = 0; round < 4; ++round) {
    for (int c = 0xC0; c <= 0xFF; ++c) {
      even.push_back(static_cast<char>(c));
      if (c % 5 == 0) even.push_back(' ');
    }
  }
  TextCharset guess = guess_text_charset(even);
  EXPECT_EQ(guess.charset, "utf-8");
  Result r = winnow::clean_text(even + "\n");
  EXPECT_TRUE(is_valid_utf8(r.text));
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(r.notes.front(), "invalid UTF-8: " + std::to_string(guess.invalid_bytes) +
                                 " bytes replaced with U+FFFD");
}

TEST(TextCharset, UnlabelledHtmlThatIsNotUtf8SaysItWasReadAsWindows1252) {
  Options html;
  html.mode = Mode::Html;
  const std::string body = "<p>Le caf\xE9 est tr\xE8s bon, et la cr\xE8me br\xFBl\xE9" "e aussi, "
                           "nous aimons beaucoup ce petit restaurant.</p>";
  Result unlabelled = winnow::extract("<html><body>" + body + "</body></html>", html);
  ASSERT_TRUE(unlabelled.ok()) << unlabelled.error;
  EXPECT_NE(unlabelled.text.find("café"), std::string::npos) << unlabelled.text;
  ASSERT_FALSE(unlabelled.notes.empty());
  EXPECT_EQ(unlabelled.notes.front(), "not UTF-8: read as windows-1252");
  // A page that names its charset was not guessed at.
  Result labelled = winnow::extract(
      "<html><head><meta charset=\"iso-8859-1\"></head><body>" + body + "</body></html>", html);
  ASSERT_TRUE(labelled.ok()) << labelled.error;
  EXPECT_NE(labelled.text.find("café"), std::string::npos) << labelled.text;
  EXPECT_TRUE(labelled.notes.empty()) << labelled.notes.front();
}

TEST(TextCharset, UnlabelledPagesAreReadAsTheirBytesPointTo) {
  Options html;
  html.mode = Mode::Html;
  // Far more ASCII markup than Russian letters: the letters still make
  // words of their own.
  std::string menu;
  for (int i = 0; i < 40; ++i) {
    menu += "<li class=\"navigation-menu-item\"><a href=\"/section/world/europe/" + std::to_string(i) +
            "\" title=\"section\">&nbsp;</a></li>\n";
  }
  const std::string russian = kLegacyTexts[3].utf8;
  Result cyrillic = winnow::extract(
      "<html><body><ul>" + menu + "</ul><p>" + encode(russian, "windows-1251") + "</p></body></html>", html);
  ASSERT_TRUE(cyrillic.ok()) << cyrillic.error;
  EXPECT_NE(cyrillic.text.find(russian), std::string::npos) << cyrillic.text;
  ASSERT_FALSE(cyrillic.notes.empty());
  EXPECT_EQ(cyrillic.notes.front(), "not UTF-8: read as windows-1251");
  // UTF-8 with two stray bytes: read as UTF-8, so its Cyrillic survives
  // (Windows-1252 has no letters at some of its bytes).
  Result damaged = winnow::extract(
      "<html><body><p>" + russian + " Le caf\xE9 ferme \xE0 midi, o\xF9 l'on mange bien.</p></body></html>", html);
  ASSERT_TRUE(damaged.ok()) << damaged.error;
  EXPECT_NE(damaged.text.find(russian), std::string::npos) << damaged.text;
  ASSERT_FALSE(damaged.notes.empty());
  EXPECT_EQ(damaged.notes.front(), "invalid UTF-8: 3 bytes replaced with U+FFFD");
}

TEST(TextCharset, AUtf8LabelOnBytesThatAreNotGivesWayToWhatTheyPointTo) {
  Options html;
  html.mode = Mode::Html;
  const std::string head = "<html><head><meta charset=\"utf-8\"></head><body><p>";
  const std::string tail = "</p></body></html>";
  for (int which : {0, 3}) {  // French in Windows-1252, Russian in Windows-1251
    const LegacyText& t = kLegacyTexts[which];
    Result r = winnow::extract(head + encode(t.utf8, t.charset) + tail, html);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_NE(r.text.find(t.utf8), std::string::npos) << r.text;
    ASSERT_FALSE(r.notes.empty());
    EXPECT_EQ(r.notes.front(), std::string("not UTF-8: read as ") + t.charset);
  }
  // UTF-8 with one bad byte keeps its label.
  Result damaged = winnow::extract(head + kLegacyTexts[3].utf8 + " caf\xE9." + tail, html);
  ASSERT_TRUE(damaged.ok()) << damaged.error;
  EXPECT_NE(damaged.text.find(kLegacyTexts[3].utf8), std::string::npos) << damaged.text;
  ASSERT_FALSE(damaged.notes.empty());
  EXPECT_EQ(damaged.notes.front(), "invalid UTF-8: 1 byte replaced with U+FFFD");
}

TEST(TextCharset, RandomBytesAreBinaryWithoutASignature) {
  std::mt19937 rng(7);
  for (std::size_t size : {200u, 3000u, 100000u}) {
    std::string noise(size, '\0');
    for (char& c : noise) c = static_cast<char>(rng() & 0xFF);
    noise[0] = 'x';  // no known signature
    for (Mode mode : {Mode::Auto, Mode::Text, Mode::Html}) {
      Options o;
      o.mode = mode;
      Result r = winnow::extract(noise, o);
      EXPECT_EQ(r.status, Status::BinaryInput) << size << " bytes: " << r.error;
    }
  }
  // Text with a NUL or two and the odd control character is still text.
  std::string text = "The council met on Tuesday\x01 and voted to keep the library open. ";
  const char tail[] = "It\0 will stay open on Sundays.\x02\n";
  text.append(tail, sizeof(tail) - 1);
  EXPECT_FALSE(looks_binary(text));
  Result r = winnow::clean_text(text);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_NE(r.text.find("library open"), std::string::npos) << r.text;
}

}  // namespace
}  // namespace winnow::detail
