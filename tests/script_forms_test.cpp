// The table of superscript and subscript forms and the functions that
// judge and write the text of a <sup> or <sub> (script_forms.hpp).
#include <gtest/gtest.h>

#include <string>

#include "script_forms.hpp"
#include "utf8.hpp"

namespace winnow::detail {
namespace {

TEST(ScriptForms, JudgesTheWholeText) {
  EXPECT_EQ(script_writing("2", Script::Super).kind, ScriptWriting::EachCharacter);
  EXPECT_EQ(script_writing(" -1 ", Script::Super).kind, ScriptWriting::EachCharacter);
  EXPECT_EQ(script_writing("n", Script::Super).kind, ScriptWriting::EachCharacter);
  EXPECT_EQ(script_writing("n", Script::Sub).kind, ScriptWriting::Plain);
  EXPECT_EQ(script_writing("i", Script::Super).kind, ScriptWriting::Plain);
  EXPECT_EQ(script_writing("st", Script::Super).kind, ScriptWriting::Plain);
  EXPECT_EQ(script_writing("[1]", Script::Super).kind, ScriptWriting::Plain);
  EXPECT_EQ(script_writing("  ", Script::Super).kind, ScriptWriting::Plain);
  EXPECT_EQ(script_writing("", Script::Sub).kind, ScriptWriting::Plain);
  EXPECT_EQ(script_writing("\u2212" "2", Script::Sub).kind, ScriptWriting::EachCharacter);
  const ScriptWriting tm = script_writing(" TM", Script::Super);
  EXPECT_EQ(tm.kind, ScriptWriting::Whole);
  EXPECT_EQ(tm.sign, char32_t{0x2122});
  EXPECT_EQ(script_writing("TM", Script::Sub).kind, ScriptWriting::Plain);
}

TEST(ScriptForms, EveryFormReadsBackAsItsCharacter) {
  for (const ScriptForm& f : kScriptForms) {
    for (Script s : {Script::Super, Script::Sub}) {
      const char32_t form = script_form(f.plain, s);
      if (form == 0) continue;
      std::string plain, written;
      append_utf8(plain, f.plain);
      bool wrote_sign = false;
      append_script_text(written, plain, s, script_writing(plain, s), wrote_sign);
      std::string expected;
      append_utf8(expected, form);
      EXPECT_EQ(written, expected) << plain;
      EXPECT_TRUE(has_script_forms("a" + written + "b")) << written;
      // The minus sign reads back as the hyphen-minus that comes first.
      EXPECT_EQ(plain_script_forms("a" + written + "b"), f.plain == 0x2212 ? "a-b" : "a" + plain + "b");
    }
  }
  EXPECT_FALSE(has_script_forms("plain 2 \u00E9 \u00A9 \u2122 \u2190 \u2212"));
  EXPECT_EQ(plain_script_forms("Acme\u2122 \u00A9 caf\u00E9 \u2190"), "Acme\u2122 \u00A9 caf\u00E9 \u2190");
}

// The sign is written once, at the word's first letter, however the text
// comes in pieces; spaces stay where they are.
TEST(ScriptForms, WritesTheSignOnceAcrossPieces) {
  const ScriptWriting tm = script_writing(" TM ", Script::Super);
  std::string out;
  bool wrote_sign = false;
  for (std::string_view piece : {" T", "", "M "}) append_script_text(out, piece, Script::Super, tm, wrote_sign);
  EXPECT_EQ(out, " \u2122 ");
  out.clear();
  wrote_sign = false;
  append_script_text(out, " (n\u00A0+\t1) ", Script::Super, script_writing("(n + 1)", Script::Super), wrote_sign);
  EXPECT_EQ(out, " \u207D\u207F\u00A0\u207A\t\u00B9\u207E ");
  EXPECT_FALSE(wrote_sign);
  // Written as it is when the element's text has no forms.
  out.clear();
  append_script_text(out, "2nd", Script::Super, script_writing("2nd", Script::Super), wrote_sign);
  EXPECT_EQ(out, "2nd");
}

}  // namespace
}  // namespace winnow::detail
