// The Unicode side of normalization: conformance of the NFC/NFKC fast path
// with Unicode's NormalizationTest.txt, and the character clean-up rules.
#include <gtest/gtest.h>

#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "entities.hpp"
#include "unicode_form.hpp"
#include "utf8.hpp"
#include "whitespace.hpp"
#include "winnow/winnow.hpp"

namespace {

namespace fs = std::filesystem;
using winnow::UnicodeForm;
using winnow::detail::unicode_form;
using winnow::detail::unicode_form_reference;

// Debian's unicode-data package ships the file compressed.
std::string read_normalization_test(std::string& where) {
  for (const char* dir : {"/usr/share/unicode", "/usr/share/unicode-data", "/usr/local/share/unicode"}) {
    fs::path plain = fs::path(dir) / "NormalizationTest.txt";
    fs::path packed = fs::path(dir) / "NormalizationTest.txt.bz2";
    std::string command;
    if (fs::exists(plain)) command = "cat '" + plain.string() + "'";
    else if (fs::exists(packed)) command = "bzip2 -dc '" + packed.string() + "' 2>/dev/null";
    else continue;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) continue;
    std::string text;
    char buf[1 << 16];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe.get())) > 0;) text.append(buf, n);
    if (!text.empty()) {
      where = command;
      return text;
    }
  }
  return {};
}

std::string from_hex(const std::string& field) {
  std::string out;
  std::istringstream in(field);
  std::string hex;
  while (in >> hex) winnow::detail::append_utf8(out, static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
  return out;
}

struct ConformanceLine {
  std::string c[5];
  std::size_t line = 0;
};

std::vector<ConformanceLine> conformance_lines(std::string& where) {
  std::string text = read_normalization_test(where);
  std::vector<ConformanceLine> lines;
  std::istringstream in(text);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#' || line[0] == '@') continue;
    ConformanceLine l;
    l.line = n;
    std::size_t start = 0;
    for (auto& field : l.c) {
      std::size_t semi = line.find(';', start);
      field = from_hex(line.substr(start, semi - start));
      start = semi + 1;
    }
    lines.push_back(std::move(l));
  }
  return lines;
}

TEST(UnicodeConformance, NormalizationTestNfcAndNfkc) {
  std::string where;
  auto lines = conformance_lines(where);
  if (lines.empty()) {
    GTEST_SKIP() << "NormalizationTest.txt not found (install Debian's unicode-data and bzip2)";
  }
  EXPECT_GT(lines.size(), 19000u) << where;
  std::size_t failures = 0;
  for (const auto& l : lines) {
    // NFC: c2 == NFC(c1) == NFC(c2) == NFC(c3); c4 == NFC(c4) == NFC(c5).
    // NFKC: c4 == NFKC(c1..c5).
    for (int k : {0, 1, 2}) failures += unicode_form(l.c[k], UnicodeForm::NFC) != l.c[1];
    for (int k : {3, 4}) failures += unicode_form(l.c[k], UnicodeForm::NFC) != l.c[3];
    for (int k : {0, 1, 2, 3, 4}) failures += unicode_form(l.c[k], UnicodeForm::NFKC) != l.c[3];
    if (failures > 0 && failures < 5) ADD_FAILURE() << "NormalizationTest.txt line " << l.line;
  }
  EXPECT_EQ(failures, 0u);
}

// The fast path cuts text into stretches; cutting must never change the
// result, so long texts mixing every test sequence with ASCII and Latin
// letters must come out exactly as utf8proc makes them.
TEST(UnicodeConformance, FastPathEqualsUtf8procOnLongText) {
  std::string where;
  auto lines = conformance_lines(where);
  if (lines.empty()) GTEST_SKIP() << "NormalizationTest.txt not found";
  const char* glue[] = {"", " ", "a", "e", "\xC3\xA9", "\xE1\x84\x80", "\xD0\xB8"};
  for (int form = 0; form < 2; ++form) {
    UnicodeForm f = form == 0 ? UnicodeForm::NFC : UnicodeForm::NFKC;
    std::string text;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      text += lines[i].c[i % 5];
      text += glue[i % 7];
    }
    EXPECT_EQ(unicode_form(text, f), unicode_form_reference(text, f));
  }
}

// NFC passes over Latin, Cyrillic and most general punctuation 64 bytes at
// a time: what it passes over must still compose with a combining mark
// after it, and U+2000 and U+2001 (which NFC changes) must not be passed
// over, wherever they fall in a block.
TEST(UnicodeForm, NfcSkipAgreesWithUtf8procAtEveryPlace) {
  const std::vector<std::string> pieces = {
      "\xD0\x95\xCC\x88",      // Cyrillic E + combining diaeresis: composes to Ё
      "\xD0\xB5\xCC\x80",      // Cyrillic e + combining grave: composes to ѐ
      "e\xCC\x81",              // e + combining acute
      "\xC3\xA9\xCC\xA3",      // é + combining dot below: reordered
      "\xE2\x80\x80",          // U+2000, NFC makes it U+2002
      "\xE2\x80\x81",          // U+2001, NFC makes it U+2003
      "\xE2\x80\x9C\xCC\x81",  // a quote + combining acute
      "\xD1\x8F\xD2\x83",      // я + a combining Cyrillic titlo (U+0483)
      "\xCB\xBF\xCC\x80",      // U+02FF + combining grave
      "\xE2\x84\xA6",          // U+2126 Ohm sign, NFC makes it Omega
  };
  const std::string filler = "\xD0\xB4\xD0\xB0 \xE2\x80\x94 \xC3\xA9t\xC3\xA9 \xE2\x80\x99";
  for (const auto& piece : pieces) {
    for (std::size_t k = 0; k < 140; ++k) {
      std::string text;
      while (text.size() < k) text += text.size() % 3 == 0 ? filler : "ab";
      text += piece + filler + "x";
      ASSERT_EQ(unicode_form(text, UnicodeForm::NFC), unicode_form_reference(text, UnicodeForm::NFC))
          << "piece " << piece << " after " << text.size() - piece.size() << " bytes";
      std::string tail = std::string(k, 'a') + piece;
      ASSERT_EQ(unicode_form(tail, UnicodeForm::NFC), unicode_form_reference(tail, UnicodeForm::NFC)) << piece;
    }
  }
}

TEST(UnicodeForm, NfkcIsOptInBecauseItChangesMeaning) {
  EXPECT_EQ(unicode_form("10\xC2\xB3", UnicodeForm::NFC), "10\xC2\xB3");
  EXPECT_EQ(unicode_form("10\xC2\xB3", UnicodeForm::NFKC), "103");
  EXPECT_EQ(unicode_form("e\xCC\x81", UnicodeForm::None), "e\xCC\x81");
  EXPECT_EQ(unicode_form("e\xCC\x81", UnicodeForm::NFC), "\xC3\xA9");
}

std::string clean(std::string_view s, bool ascii = false) {
  winnow::detail::CleanupOptions o;
  o.ascii_punctuation = ascii;
  return winnow::detail::clean_characters(s, o);
}

TEST(Cleanup, SpacesBecomePlainAndCollapse) {
  EXPECT_EQ(clean("a\xC2\xA0\xC2\xA0 b"), "a b");                      // NBSP
  EXPECT_EQ(clean("a\xE2\x80\x89" "b\xE3\x80\x80" "c"), "a b c");      // thin, ideographic
  EXPECT_EQ(clean("  lead and trail  "), "lead and trail");
  EXPECT_EQ(clean("tab\tstays"), "tab\tstays");
}

TEST(Cleanup, LineEndingsBecomeNewline) {
  EXPECT_EQ(clean("a\r\nb\rc\xC2\x85" "d\xE2\x80\xA8" "e\xE2\x80\xA9" "f"), "a\nb\nc\nd\ne\nf");
  EXPECT_EQ(clean("a  \n  b"), "a\nb");
  EXPECT_EQ(clean("a\n\n\n\nb\n"), "a\n\nb\n");
}

TEST(Cleanup, ControlAndInvisibleCharactersGo) {
  EXPECT_EQ(clean("a\x01" "b\x7F" "c\xC2\x9A" "d"), "abcd");
  EXPECT_EQ(clean("soft\xC2\xADhyphen"), "softhyphen");
  EXPECT_EQ(clean("zero\xE2\x80\x8Bwidth"), "zerowidth");
  EXPECT_EQ(clean("\xEF\xBB\xBF" "bom"), "bom");
  EXPECT_EQ(clean("word\xE2\x81\xA0joiner"), "wordjoiner");
}

TEST(Cleanup, JoinersStayWhereScriptsNeedThem) {
  // Latin: a stray ZWJ/ZWNJ goes.
  EXPECT_EQ(clean("ab\xE2\x80\x8D" "cd"), "abcd");
  EXPECT_EQ(clean("ab\xE2\x80\x8C" "cd"), "abcd");
  // Devanagari conjunct with ZWJ, Persian with ZWNJ, an emoji ZWJ sequence.
  std::string devanagari = "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7";
  std::string persian = "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85";
  std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  EXPECT_EQ(clean(devanagari), devanagari);
  EXPECT_EQ(clean(persian), persian);
  EXPECT_EQ(clean(family), family);
  // Variation selectors and bidi marks carry meaning: they stay.
  EXPECT_EQ(clean("\xE2\x9D\xA4\xEF\xB8\x8F"), "\xE2\x9D\xA4\xEF\xB8\x8F");
  EXPECT_EQ(clean("\xD7\x90\xE2\x80\x8F" "1"), "\xD7\x90\xE2\x80\x8F" "1");
}

TEST(Cleanup, AsciiPunctuationOnRequest) {
  std::string curly = "\xE2\x80\x9CIt\xE2\x80\x99s\xE2\x80\x9D \xE2\x80\x93 so \xE2\x80\x94 on\xE2\x80\xA6";
  EXPECT_EQ(clean(curly), curly);
  EXPECT_EQ(clean(curly, true), "\"It's\" - so -- on...");
}

TEST(Entities, LeftoverReferencesAreDecoded) {
  auto decode = [](std::string s) {
    winnow::detail::decode_entities(s);
    return s;
  };
  EXPECT_EQ(decode("AT&amp;T &lt;b&gt;"), "AT&T <b>");
  EXPECT_EQ(decode("a&nbsp;b"), "a\xC2\xA0" "b");
  EXPECT_EQ(decode("it&#8217;s &#x2014; &#39;"), "it\xE2\x80\x99s \xE2\x80\x94 '");
  EXPECT_EQ(decode("&#150;"), "\xE2\x80\x93");  // as browsers read it: Windows-1252
  EXPECT_EQ(decode("&amp;amp;"), "&");           // escaped twice
  EXPECT_EQ(decode("Q&A, fish & chips, &unknown; &#xZZ;"), "Q&A, fish & chips, &unknown; &#xZZ;");
  EXPECT_EQ(decode("&#0; &#xD800;"), "\xEF\xBF\xBD \xEF\xBF\xBD");
}

// The whole stage, through the public API.
TEST(Normalize, OutputIsValidUtf8AndNfc) {
  EXPECT_EQ(winnow::normalize("caf\xC3"), "caf\xEF\xBF\xBD");
  EXPECT_EQ(winnow::normalize("e\xCC\x81t\xC3\xA9"), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(winnow::normalize("a\xED\xA0\x80" "b"), "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b");
}

TEST(Normalize, OptionsTurnStepsOff) {
  winnow::NormalizeOptions o;
  std::string mojibake = "don\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t";
  EXPECT_EQ(winnow::normalize(mojibake, o), "don\xE2\x80\x99t");
  o.fix_mojibake = false;
  EXPECT_EQ(winnow::normalize(mojibake, o), mojibake);
  o.enabled = false;
  EXPECT_EQ(winnow::normalize("a\xC2\xA0 b\xC3", o), "a\xC2\xA0 b\xEF\xBF\xBD");
}

TEST(Normalize, NotesSayWhatChanged) {
  std::vector<std::string> notes;
  winnow::normalize("It\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s Sergei Lavrov &amp; co", {}, &notes);
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[0].rfind("mojibake repaired: 1 span", 0), 0u) << notes[0];
  EXPECT_EQ(notes[1], "HTML entities decoded: 1");
  EXPECT_EQ(notes[2], "name variants unified: 1 name ('Sergei Lavrov' -> 'Sergey Lavrov')");
  notes.clear();
  winnow::normalize("nothing to say", {}, &notes);
  EXPECT_TRUE(notes.empty());
}

TEST(Normalize, PipelineReportsNotesOncePerPage) {
  winnow::Result r = winnow::clean_text(
      "Sergei Lavrov met reporters in Moscow on a long afternoon today.\n\n"
      "Later Sergei Lavrov spoke again, and at length, to the same reporters.\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0].rfind("name variants unified: 2 names", 0), 0u) << r.notes[0];
}

// Normalizing twice gives what normalizing once gives.
void expect_idempotent(const std::string& text, const winnow::NormalizeOptions& o, const std::string& what) {
  std::string once = winnow::normalize(text, o);
  EXPECT_EQ(winnow::normalize(once, o), once) << what;
}

TEST(Normalize, IsIdempotent) {
  std::vector<std::pair<std::string, std::string>> texts = {
      {"mixed", "A\xC2\xA0\xC2\xA0" "b\r\n\r\n\r\nc &amp;amp; \xC3\xA2\xE2\x82\xAC\xE2\x84\xA2 e\xCC\x81 Sergei Lavrov Lavrov"},
      {"nfkc spaces", "x \xC2\xA8 y\xE2\x80\x83\xEF\xBC\x86" "amp;"},
  };
  fs::path root = fs::path(WINNOW_SOURCE_DIR);
  std::vector<fs::path> files;
  for (const auto& dir : {root / "samples", root / ".." / "shared" / "bench" / "scrapinghub-text"}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    texts.emplace_back(f.filename().string(), s.str());
  }
  for (auto form : {UnicodeForm::NFC, UnicodeForm::NFKC}) {
    winnow::NormalizeOptions o;
    o.form = form;
    for (const auto& [name, text] : texts) expect_idempotent(text, o, name);
    o.ascii_punctuation = true;
    for (const auto& [name, text] : texts) expect_idempotent(text, o, name + " (ascii)");
  }
}

}  // namespace
