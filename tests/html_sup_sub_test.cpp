// <sup> and <sub>: their text is written in Unicode's superscript and
// subscript forms when all of it has them ("10<sup>6</sup>" is "10⁶", not
// "106"), and as it is otherwise ("1<sup>st</sup>" stays "1st").
#include <gtest/gtest.h>

#include <string>

#include "html_test_util.hpp"
#include "winnow/winnow.hpp"

namespace winnow {
namespace {

// The kept text of a page whose article holds `html` in a paragraph
// between two of prose.
std::string text_of(const std::string& html, Options options = {}) {
  Result r = test::extract_html(
      test::page("<article>" + test::paragraphs(1, 1) + "<p>" + html + "</p>" + test::paragraphs(2, 2) + "</article>"),
      options);
  EXPECT_TRUE(r.ok()) << r.error;
  return r.text;
}

// The paragraph made of `html` alone, as the text output writes it.
std::string paragraph_of(const std::string& html, Options options = {}) {
  const std::string text = text_of(html, options);
  const std::string before = test::prose(1) + "\n\n", after = "\n\n" + test::prose(2);
  const auto from = text.find(before), to = text.find(after);
  if (from == std::string::npos || to == std::string::npos) return "(not found in: " + text + ")";
  return text.substr(from + before.size(), to - from - before.size());
}

std::string markdown_of(const std::string& html, bool links) {
  Result r = test::extract_html(
      test::page("<article>" + test::paragraphs(1, 1) + "<p>" + html + "</p>" + test::paragraphs(2, 2) + "</article>"));
  RenderOptions ro;
  ro.links = links;
  return render(r, Format::Markdown, ro);
}

TEST(HtmlSupSub, DigitsAndSignsTakeTheirForms) {
  EXPECT_EQ(paragraph_of("The cell holds 10<sup>6</sup> molecules."), "The cell holds 10\u2076 molecules.");
  EXPECT_EQ(paragraph_of("He wrote E=mc<sup>2</sup> on the board."), "He wrote E=mc\u00B2 on the board.");
  EXPECT_EQ(paragraph_of("Water is H<sub>2</sub>O and CO<sub>2</sub> is a gas."),
            "Water is H\u2082O and CO\u2082 is a gas.");
  EXPECT_EQ(paragraph_of("The rate is 3 s<sup>-1</sup> or x<sup>&minus;1</sup>."),
            "The rate is 3 s\u207B\u00B9 or x\u207B\u00B9.");
  EXPECT_EQ(paragraph_of("All digits 2<sup>0123456789</sup> and a<sub>9876543210</sub>."),
            "All digits 2\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079 and "
            "a\u2089\u2088\u2087\u2086\u2085\u2084\u2083\u2082\u2081\u2080.");
  EXPECT_EQ(paragraph_of("Signs: x<sup>(n+1)</sup>, y<sup>2=4</sup>, z<sub>(i+1)</sub>... no, z<sub>(1+2=3)</sub>."),
            "Signs: x\u207D\u207F\u207A\u00B9\u207E, y\u00B2\u207C\u2074, z(i+1)... no, "
            "z\u208D\u2081\u208A\u2082\u208C\u2083\u208E.");
  EXPECT_EQ(paragraph_of("It grows as 2<sup>n</sup> does."), "It grows as 2\u207F does.");
}

TEST(HtmlSupSub, FootnoteMarkersNoLongerGlueToTheWord) {
  EXPECT_EQ(paragraph_of("The first word<sup>1</sup> and the second<sup>12</sup>."),
            "The first word\u00B9 and the second\u00B9\u00B2.");
  EXPECT_EQ(paragraph_of("Notes<sup>3-5</sup> and<sup>1 2</sup>."), "Notes\u00B3\u207B\u2075 and\u00B9 \u00B2.");
  EXPECT_EQ(paragraph_of("As noted<sup><a href=\"#fn1\" id=\"r1\">1</a></sup>, it rained."),
            "As noted\u00B9, it rained.");
  EXPECT_EQ(paragraph_of("As noted<a href=\"#fn2\"><sup>2</sup></a>, it rained."), "As noted\u00B2, it rained.");
}

// What has no form in Unicode is written as it was: the letters of an
// ordinal, brackets, commas, and a subscript n (only the superscript one is
// in the table). Superscript i is left out on purpose (Roman note markers).
TEST(HtmlSupSub, OtherTextStaysAsItIs) {
  EXPECT_EQ(paragraph_of("On the 1<sup>st</sup> of May and the 2<sup>nd</sup> of June."),
            "On the 1st of May and the 2nd of June.");
  EXPECT_EQ(paragraph_of("As noted<sup>[1]</sup>, it rained."), "As noted[1], it rained.");
  EXPECT_EQ(paragraph_of("As noted<sup><a href=\"#fn1\">[1]</a></sup>, it rained."), "As noted[1], it rained.");
  EXPECT_EQ(paragraph_of("As noted<sup><a href=\"#fn1\">a</a></sup>, it rained."), "As noteda, it rained.");
  EXPECT_EQ(paragraph_of("Two notes<sup>1,2</sup> and<sup>1, 2</sup>."), "Two notes1,2 and1, 2.");
  EXPECT_EQ(paragraph_of("Roman notes<sup>ii</sup> and x<sub>n</sub> and y<sub>max</sub>."),
            "Roman notesii and xn and ymax.");
  EXPECT_EQ(paragraph_of("Brand<sup>&reg;</sup> and Name<sup>\u2122</sup> as written."),
            "Brand\u00AE and Name\u2122 as written.");
  EXPECT_EQ(paragraph_of("Empty<sup> </sup> and<sup></sup> gone."), "Empty and gone.");
}

// A <sup> holding TM or SM is the sign it spells; the letters have no
// superscript forms, and "AcmeTM" would read as another word.
TEST(HtmlSupSub, TrademarkLettersBecomeTheSign) {
  EXPECT_EQ(paragraph_of("Acme<sup>TM</sup> and Help<sup>SM</sup> are marks."),
            "Acme\u2122 and Help\u2120 are marks.");
  EXPECT_EQ(paragraph_of("Acme<sup><a href=\"/tm\">TM</a></sup> is linked."), "Acme\u2122 is linked.");
  // Only the whole word, only raised.
  EXPECT_EQ(paragraph_of("Acme<sup>TMs</sup>, Acme<sup>tm</sup>, Acme<sub>TM</sub>."),
            "AcmeTMs, Acmetm, AcmeTM.");
}

// The whole element decides, whatever it is made of inside; what would not
// be written inline with the text around it leaves it as it is.
TEST(HtmlSupSub, TheWholeElementDecides) {
  EXPECT_EQ(paragraph_of("x<sup><b>2</b></sup> and x<sup>1<i>st</i></sup>."), "x\u00B2 and x1st.");
  EXPECT_EQ(paragraph_of("x<sup> 2 </sup>y and x<sup>n + 1</sup>."), "x \u00B2 y and x\u207F \u207A \u00B9.");
  // Nested: each element judges its own text; an inner one that has no
  // forms is written as it is.
  EXPECT_EQ(paragraph_of("a<sup>2<sub>1</sub></sup> b<sup>2<sub>n</sub></sup> c<sub><sup>n</sup></sub>."),
            "a\u00B2\u2081 b\u00B2n c\u207F.");
  // Hidden text inside is gathered aside as its own block.
  EXPECT_EQ(paragraph_of("x<sup>2<span hidden>3</span></sup> end"), "x2 end");
  // An <img> adds no text; a <br> inside ends the block (the next line of
  // the paragraph).
  EXPECT_EQ(paragraph_of("x<sup>2<img src=\"/i.png\"></sup> end"), "x\u00B2 end");
  EXPECT_NE(text_of("x<sup>2<br>3</sup> end").find("x2\n3 end"), std::string::npos) << text_of("x<sup>2<br>3</sup> end");
  // Past what a raised note or exponent takes, the text is left alone.
  const std::string long_digits(80, '7');
  EXPECT_EQ(paragraph_of("x<sup>" + long_digits + "</sup>"), "x" + long_digits);
  // A <sup> in code and in a heading.
  Result r = test::extract_html(test::page("<article>" + test::paragraphs(1, 1) + "<h2>Growth as 2<sup>n</sup></h2><p>Run "
                                           "<code>pow(2, 10)</code> for 2<sup>10</sup> and <code>x<sup>2</sup></code>.</p>" +
                                           test::paragraphs(2, 3) + "</article>"));
  EXPECT_TRUE(test::kept(r, "Growth as 2\u207F")) << r.text;
  EXPECT_TRUE(test::kept(r, "Run pow(2, 10) for 2\u00B9\u2070 and x\u00B2.")) << r.text;
}

TEST(HtmlSupSub, MarkdownGetsTheSameCharacters) {
  const std::string md = markdown_of(
      "It is <em>E=mc<sup>2</sup></em> in H<sub>2</sub>O, 1<sup>st</sup> of all, as noted"
      "<sup><a href=\"https://example.com/notes#1\">1</a></sup> and<sup>[2]</sup> and x<sup>(n)</sup>.",
      true);
  EXPECT_NE(md.find("It is *E=mc\u00B2* in H\u2082O, 1st of all, as noted[\u00B9](https://example.com/notes#1) "
                    "and\\[2\\] and x\u207D\u207F\u207E."),
            std::string::npos)
      << md;
  const std::string plain = markdown_of("Acme<sup>TM</sup> grew 10<sup>3</sup> times.", false);
  EXPECT_NE(plain.find("Acme\u2122 grew 10\u00B3 times."), std::string::npos) << plain;
}

// The <title> can hold no markup: "CO2 levels" there is the headline
// "CO<sub>2</sub> levels", which is still found, dropped from the body and
// reported as the title (in the forms, as the page shows it).
TEST(HtmlSupSub, HeadlineWithFormsStillMatchesThePlainTitle) {
  Result r = test::extract_html(
      "<!doctype html><html><head><title>CO2 levels rise again over the city | The Daily</title></head><body>"
      "<article><h1>CO<sub>2</sub> levels rise again over the city</h1>" +
      test::paragraphs(1, 3) + "</article></body></html>");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.metadata.title, "CO\u2082 levels rise again over the city");
  EXPECT_EQ(r.text.find("levels rise again"), std::string::npos) << r.text;
  bool found = false;
  for (const auto& b : r.blocks) {
    if (b.text.find("levels rise again") == std::string::npos) continue;
    found = true;
    EXPECT_EQ(b.reason, Reason::Title) << b.text;
  }
  EXPECT_TRUE(found);

  // og:title in plain digits, the headline with a superscript.
  r = test::extract_html(
      "<!doctype html><html><head><title>x</title><meta property=\"og:title\" content=\"Why E=mc2 still holds\">"
      "</head><body><article><h1>Why E=mc<sup>2</sup> still holds</h1>" + test::paragraphs(1, 3) +
      "</article></body></html>");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.metadata.title, "Why E=mc2 still holds");
  EXPECT_EQ(r.text.find("still holds"), std::string::npos) << r.text;
}

// NFC (the default) keeps the forms; the mojibake repair and the name
// variants leave them alone; NFKC, which is opt-in because it changes
// meaning, folds them back.
TEST(HtmlSupSub, NormalizationKeepsTheForms) {
  const std::string forms = "10\u2076 E=mc\u00B2 H\u2082O x\u207B\u00B9 2\u207F Acme\u2122 Help\u2120 "
                            "caf\u00E9\u00B9 Jos\u00E9\u00B2 na\u00EFve\u00B3 M\u00FCller\u2074 \u00D3\u00B2 \u00C7\u00B2 "
                            "\u207D\u2081\u208A\u2082\u208E";
  std::vector<std::string> notes;
  EXPECT_EQ(normalize(forms, {}, &notes), forms);
  EXPECT_TRUE(notes.empty()) << notes.front();

  EXPECT_EQ(paragraph_of("The cell holds 10<sup>6</sup> of H<sub>2</sub>O, Acme<sup>TM</sup> says."),
            "The cell holds 10\u2076 of H\u2082O, Acme\u2122 says.");
  Options nfkc;
  nfkc.normalize.form = UnicodeForm::NFKC;
  EXPECT_EQ(paragraph_of("The cell holds 10<sup>6</sup> of H<sub>2</sub>O, Acme<sup>TM</sup> says.", nfkc),
            "The cell holds 106 of H2O, AcmeTM says.");
}

// The lean prescan sets the text of a <sup> aside like any other; the
// walk reads it back before deciding.
TEST(HtmlSupSub, TextSetAsideByThePrescanIsReadBack) {
  Options plain;
  plain.mode = Mode::Html;
  const std::string html = test::page("<article>" + test::paragraphs(1, 2) +
                                      "<p>Long <sup> 12345 </sup> and <sub>&#50;</sub> and <sup>&#x32;&#x2212;1</sup>."
                                      "</p></article>");
  Result r = extract(html, plain);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(test::kept(r, "Long \u00B9\u00B2\u00B3\u2074\u2075 and \u2082 and \u00B2\u207B\u00B9."))
      << r.text;
}

}  // namespace
}  // namespace winnow
