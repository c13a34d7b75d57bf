// Name variants: the dictionary format, merging, and every matching rule.
#include <gtest/gtest.h>

#include <memory>

#include "name_matcher.hpp"
#include "normalize.hpp"
#include "winnow/names.hpp"
#include "winnow/winnow.hpp"

namespace {

using winnow::NameDictionary;

std::shared_ptr<NameDictionary> dictionary(std::string_view text) {
  auto d = std::make_shared<NameDictionary>();
  auto errors = d->merge(text, "test");
  EXPECT_TRUE(errors.empty()) << errors.front().to_string();
  return d;
}

std::string unify(std::string_view text, std::shared_ptr<const NameDictionary> d = nullptr) {
  winnow::NormalizeOptions o;
  o.dictionary = std::move(d);
  return winnow::normalize(text, o);
}

TEST(Names, BuiltInCoversTheIssueEntities) {
  EXPECT_EQ(unify("Sergei Lavrov"), "Sergey Lavrov");
  EXPECT_EQ(unify("Turkey and Turkiye"), "T\xC3\xBCrkiye and T\xC3\xBCrkiye");
  EXPECT_EQ(unify("Volodymyr Zelenskyy, Zelenskiy"), "Volodymyr Zelensky, Zelensky");
  EXPECT_EQ(unify("Hay'at Tahrir al-Sham and Hayat Tahrir-al-Sham"),
            "Hayat Tahrir al-Sham and Hayat Tahrir al-Sham");
  EXPECT_EQ(unify("Al-Nusra, al Nusra"), "Jabhat al-Nusra, Jabhat al-Nusra");
  EXPECT_EQ(unify("Bashar Al-Assad, Bashar Assad"), "Bashar al-Assad, Bashar al-Assad");
  EXPECT_EQ(unify("Abu Mohammad al-Jolani, al-Julani"), "Abu Mohammad al-Golani, al-Golani");
  EXPECT_EQ(unify("Deraa, Suweida, Deir al-Zor, Kiev, Erdogan"),
            "Daraa, Suwayda, Deir ez-Zor, Kyiv, Erdo\xC4\x9F" "an");
}

TEST(Names, WordBoundaries) {
  auto d = dictionary("Kyiv = Kiev\n");
  EXPECT_EQ(unify("Kiev.", d), "Kyiv.");
  EXPECT_EQ(unify("Kievan Rus", d), "Kievan Rus");
  EXPECT_EQ(unify("PreKiev", d), "PreKiev");
  EXPECT_EQ(unify("(Kiev)", d), "(Kyiv)");
}

// A note marker in superscript ("Lavrov<sup>1</sup>" in a page, "Lavrov¹"
// in the text) is not part of the word, as "[1]" is not; a digit is.
TEST(Names, SuperscriptAndSubscriptDigitsEndAWord) {
  EXPECT_EQ(unify("Sergei Lavrov\u00B9 and Sergei Lavrov\u00B2\u00B3 said"), "Sergey Lavrov\u00B9 and Sergey Lavrov\u00B2\u00B3 said");
  EXPECT_EQ(unify("Sergei Lavrov[1] and Kiev\u2081, \u2075Kiev"), "Sergey Lavrov[1] and Kyiv\u2081, \u2075Kyiv");
  EXPECT_EQ(unify("Sergei Lavrov1 and Kiev2"), "Sergei Lavrov1 and Kiev2");
}

TEST(Names, CaseSensitiveByDefault) {
  EXPECT_EQ(unify("a turkey for dinner; Turkish coffee; TURKEY"), "a turkey for dinner; Turkish coffee; TURKEY");
  EXPECT_EQ(unify("Thanksgiving Turkey Trots"), "Thanksgiving Turkey Trots");
  auto d = dictionary("[ignore-case]\nKyiv = Kiev\n");
  EXPECT_EQ(unify("KIEV and kiev", d), "Kyiv and Kyiv");
}

TEST(Names, InsensitiveToDiacriticsApostrophesHyphensAndDashes) {
  auto d = dictionary("Recep Erdo\xC4\x9F" "an\nHayat Tahrir al-Sham\n");
  EXPECT_EQ(unify("Recep Erdogan", d), "Recep Erdo\xC4\x9F" "an");
  EXPECT_EQ(unify("Hay\xE2\x80\x99" "at Tahrir al\xE2\x80\x93Sham", d), "Hayat Tahrir al-Sham");  // ’ and –
  EXPECT_EQ(unify("Hayat Tahrir al Sham", d), "Hayat Tahrir al-Sham");
  EXPECT_EQ(unify("Hayat-Tahrir-al-Sham", d), "Hayat Tahrir al-Sham");
}

TEST(Names, PossessivesKeepWorking) {
  EXPECT_EQ(unify("Sergei Lavrov's remarks"), "Sergey Lavrov's remarks");
  EXPECT_EQ(unify("Sergei Lavrov\xE2\x80\x99s remarks"), "Sergey Lavrov\xE2\x80\x99s remarks");
  EXPECT_EQ(unify("Kiev's mayor"), "Kyiv's mayor");
}

TEST(Names, LongestMatchWins) {
  auto d = dictionary("Zelensky = Zelenskiy\nVolodymyr Zelensky = Vladimir Zelenskiy\n");
  EXPECT_EQ(unify("Vladimir Zelenskiy met Zelenskiy", d), "Volodymyr Zelensky met Zelensky");
  EXPECT_EQ(unify("the Bombay Stock Exchange in Bombay"), "the Bombay Stock Exchange in Mumbai");
}

TEST(Names, VariantsBelongToTheirEntity) {
  EXPECT_EQ(unify("Sergei Shoigu and Sergei Lavrov"), "Sergei Shoigu and Sergey Lavrov");
  EXPECT_EQ(unify("Sergei alone"), "Sergei alone");
}

// A name inside a URL, an e-mail address, a handle or hashtag, a Markdown
// link target or inline code is left as written: rewriting it breaks the
// link or the address. The prose around them still changes.
TEST(Names, AddressesLinksAndCodeStayAsWritten) {
  EXPECT_EQ(unify("See https://en.wikipedia.org/wiki/Kiev or email Kiev@example.com, #Kiev, "
                  "https://x.com/Turkey/Odessa.html"),
            "See https://en.wikipedia.org/wiki/Kiev or email Kiev@example.com, #Kiev, "
            "https://x.com/Turkey/Odessa.html");
  EXPECT_EQ(unify("Kiev (www.Kiev.ua/Kiev), @Kiev and mayor@Kiev.gov.ua in Kiev."),
            "Kyiv (www.Kiev.ua/Kiev), @Kiev and mayor@Kiev.gov.ua in Kyiv.");
  EXPECT_EQ(unify("Sergei Lavrov, <ftp://host/Sergei Lavrov"), "Sergey Lavrov, <ftp://host/Sergei Lavrov");
  // Markdown: the link's text changes, its target never does.
  EXPECT_EQ(unify("[Kiev](https://ex.com/Kiev/news) and [Kiev](/Kiev/news)."),
            "[Kyiv](https://ex.com/Kiev/news) and [Kyiv](/Kiev/news).");
  EXPECT_EQ(unify("Call `Kiev()` or ``Kiev ` Kiev`` in Kiev."), "Call `Kiev()` or ``Kiev ` Kiev`` in Kyiv.");
  EXPECT_EQ(unify("`a ``Kiev`` Kiev, `b ``Kiev"), "`a ``Kiev`` Kyiv, `b ``Kyiv");  // unclosed runs open none
  // A backtick used as an apostrophe, an escaped one, a lone one: no code.
  EXPECT_EQ(unify("Dar`a and Kiev, Dar`a"), "Daraa and Kyiv, Daraa");
  EXPECT_EQ(unify("\\`Kiev\\` and `Kiev"), "\\`Kyiv\\` and `Kyiv");
  // Not addresses: a hyphenated word, "C#", an "@" between spaces.
  EXPECT_EQ(unify("pro-Kiev forces, C# Kiev, a @ Kiev"), "pro-Kyiv forces, C# Kyiv, a @ Kyiv");
  // The spans are found per line: a URL on one line leaves the next alone.
  EXPECT_EQ(unify("https://a.org/Kiev\nKiev"), "https://a.org/Kiev\nKyiv");
}

// Chunked passes cut at line breaks; the spans never cross one, so they
// give what whole-text passes give.
TEST(Names, VerbatimSpansAgreeInChunks) {
  std::string text;
  for (int k = 0; k < 40; ++k) {
    text += "Kiev https://x.org/Kiev/" + std::to_string(k) + " `Kiev` Kiev@a.org [Kiev](/Kiev) Kiev.\n";
  }
  winnow::NormalizeOptions o;
  EXPECT_EQ(winnow::detail::normalize_text(text, o, nullptr, winnow::detail::kPlainText, 16),
            winnow::detail::normalize_text_reference(text, o, nullptr));
  EXPECT_NE(winnow::normalize(text, o).find("Kyiv https://x.org/Kiev/7 `Kiev` Kiev@a.org [Kyiv](/Kiev) Kyiv.\n"),
            std::string::npos);
}

// A <pre> block is code or laid-out text: its names stay as written, in the
// text and in Markdown.
TEST(Names, PreformattedBlocksStayAsWritten) {
  std::string prose = "<p>Kiev is where the talks took place this week, officials said, and more "
                      "meetings were planned for the coming month in Kiev and elsewhere.</p>";
  winnow::Options options;
  winnow::Result r = winnow::extract(
      "<html><body><article>" + prose + "<pre>cd /srv/Kiev\nKiev Odessa</pre>" + prose +
          "</article></body></html>",
      options);
  EXPECT_NE(r.text.find("Kyiv is where"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("cd /srv/Kiev\nKiev Odessa"), std::string::npos) << r.text;
  std::string md = winnow::render(r, winnow::Format::Markdown, {});
  EXPECT_NE(md.find("cd /srv/Kiev\nKiev Odessa"), std::string::npos) << md;
}

// Inline <code> is code in the text as in the Markdown: a name that touches
// it stays as written ("Europe/Kiev" is a time zone's identifier), and the
// prose around it still changes.
TEST(Names, InlineCodeStaysAsWrittenInTextAndMarkdown) {
  winnow::Result r = winnow::extract(
      "<html><body><article><p>Talks in Kiev went on, said Sergei Lavrov, whose office set "
      "<code>tz = \"Europe/Kiev\"</code> and <code>Sergei</code> Lavrov as the default, and "
      "<code>Kiev</code><em>Kiev</em>, Kiev<code>.x</code> and <code>x</code>Kiev are names officials "
      "used all week.</p></article></body></html>",
      winnow::Options{});
  EXPECT_NE(r.text.find("Talks in Kyiv went on, said Sergey Lavrov, whose office set tz = \"Europe/Kiev\" and "
                        "Sergei Lavrov as the default, and KievKiev, Kiev.x and xKiev are names"),
            std::string::npos)
      << r.text;
  const std::string md = winnow::render(r, winnow::Format::Markdown, {});
  EXPECT_NE(md.find("Talks in Kyiv went on, said Sergey Lavrov, whose office set `tz = \"Europe/Kiev\"` and "
                    "`Sergei` Lavrov as the default, and `Kiev`*Kiev*, Kiev`.x` and `x`Kiev are names"),
            std::string::npos)
      << md;
  bool noted = false;
  for (const auto& note : r.notes) noted = noted || note.starts_with("name variants unified: 2 names");
  EXPECT_TRUE(noted);
}

// Keys (<kbd>), a program's output (<samp>) and <tt> are code like <code>:
// their names stay as written, in the text and the Markdown, while a
// <var> is prose, italic in Markdown.
TEST(Names, KeysAndSampleOutputStayAsWritten) {
  winnow::Result r = winnow::extract(
      "<html><body><article><p>Talks in Kiev went on, said Sergei Lavrov, and the log shows "
      "<samp>user Sergei Lavrov logged in</samp> after <kbd>Kiev</kbd> was typed in <tt>Kiev.cfg</tt> "
      "by <var>Sergei Lavrov</var>, officials said all week.</p></article></body></html>",
      winnow::Options{});
  EXPECT_NE(r.text.find("Talks in Kyiv went on, said Sergey Lavrov, and the log shows user Sergei Lavrov "
                        "logged in after Kiev was typed in Kiev.cfg by Sergey Lavrov, officials"),
            std::string::npos)
      << r.text;
  const std::string md = winnow::render(r, winnow::Format::Markdown, {});
  EXPECT_NE(md.find("Talks in Kyiv went on, said Sergey Lavrov, and the log shows `user Sergei Lavrov logged in` "
                    "after `Kiev` was typed in `Kiev.cfg` by *Sergey Lavrov*, officials"),
            std::string::npos)
      << md;
}

// The pipeline marks a block's inline code for the name step with two
// noncharacters; text between them stays as written.
TEST(Names, MarkedCodeStaysAsWritten) {
  const std::string open(winnow::detail::kCodeOpenMark), close(winnow::detail::kCodeCloseMark);
  EXPECT_EQ(unify("Kiev " + open + "Kiev" + close + " Kiev " + open + "Sergei" + close + " Lavrov"),
            "Kyiv " + open + "Kiev" + close + " Kyiv " + open + "Sergei" + close + " Lavrov");
}

// The Markdown of an HTML block is read through its emphasis and links, as
// its text is: "*Sergei* Lavrov" is the name "Sergei Lavrov", and the
// markup stays in the same gap between the canonical form's tokens.
TEST(Names, MarkdownIsReadThroughEmphasisAndLinks) {
  auto markdown = [](std::string_view md) {
    return winnow::detail::normalize_text(md, {}, nullptr, winnow::detail::kMarkdown);
  };
  EXPECT_EQ(markdown("*Sergei* Lavrov and **Sergei** Lavrov"), "*Sergey* Lavrov and **Sergey** Lavrov");
  EXPECT_EQ(markdown("Sergei *Lavrov*, **Sergei** *Lavrov* and *Sergei Lavrov*"),
            "Sergey *Lavrov*, **Sergey** *Lavrov* and *Sergey Lavrov*");
  EXPECT_EQ(markdown("[Sergei](/Sergei) Lavrov in [Kiev](/Kiev/news)"), "[Sergey](/Sergei) Lavrov in [Kyiv](/Kiev/news)");
  // Forms of another length: the markup keeps to the token as far from
  // the nearer end.
  EXPECT_EQ(markdown("**Bashar** Assad and Bashar *Assad*"), "**Bashar** al-Assad and Bashar al-*Assad*");
  EXPECT_EQ(markdown("*Muammar* al-Gaddafi and Muammar *al-Gaddafi*"), "*Muammar* Gaddafi and Muammar *Gaddafi*");
  EXPECT_EQ(markdown("*Sergei* Lavrov Lavrov"), "*Sergey* Lavrov");
  // The rules read the prose: a context rule, a possessive, code.
  EXPECT_EQ(markdown("University of *Calcutta*, *Sergei* Lavrov's"), "University of *Calcutta*, *Sergey* Lavrov's");
  EXPECT_EQ(markdown("`Sergei` Lavrov and *Sergei* `Lavrov`"), "`Sergei` Lavrov and *Sergei* `Lavrov`");
  // Escaped asterisks are text, not markup.
  EXPECT_EQ(markdown("Sergei\\* Lavrov"), "Sergei\\* Lavrov");
  // Where the markup would go is not clear: as written.
  EXPECT_EQ(markdown("**Serg**ei Lavrov, *Vladimir* Zelenskiy"), "**Serg**ei Lavrov, *Volodymyr* Zelensky");
  EXPECT_EQ(markdown("Omar Hassan *al-Bashir*"), "Omar *al-Bashir*");
  EXPECT_EQ(markdown("Mohamed bin *Zayed Al* Nahyan"), "Mohamed bin *Zayed Al* Nahyan");  // two gaps would meet
  // The chunked passes give what the whole-text ones give.
  std::string long_text;
  for (int k = 0; k < 40; ++k) long_text += "*Sergei* Lavrov and [Kiev](/Kiev) **Bashar** Assad.\n";
  EXPECT_EQ(winnow::detail::normalize_text(long_text, {}, nullptr, winnow::detail::kMarkdown, 16),
            winnow::detail::normalize_text_reference(long_text, {}, nullptr, winnow::detail::kMarkdown));
}

// A page's Markdown and text unify the same names, whatever inline
// elements split them.
TEST(Names, HtmlMarkdownAgreesWithText) {
  winnow::Result r = winnow::extract(
      "<html><body><article><p>Foreign minister <em>Sergei</em> Lavrov met <b>Sergei</b> Lavrov's "
      "aides and <a href=\"/z\">Vladimir</a> Zelenskiy in Kiev this week, officials said on "
      "Monday, and more meetings were planned for the coming month.</p></article></body></html>",
      winnow::Options{});
  EXPECT_NE(r.text.find("Sergey Lavrov met Sergey Lavrov's aides and Volodymyr Zelensky"), std::string::npos)
      << r.text;
  winnow::RenderOptions links;
  links.links = true;
  const std::string md = winnow::render(r, winnow::Format::Markdown, links);
  EXPECT_NE(md.find("*Sergey* Lavrov met **Sergey** Lavrov's aides and [Volodymyr](/z) Zelensky"),
            std::string::npos)
      << md;
}

// The same word names something else: a person, an institution, a trophy,
// a town elsewhere, a dish, the bird. The context rules of the built-in
// dictionary keep those readings as written; the entity still unifies.
TEST(Names, ContextRulesKeepOtherReadings) {
  const std::string others =
      "Prince Georgy Lvov. Cosmonaut Andrian Nikolayev. Max Lemberg. Actress Odessa Young. Odessa, Texas. "
      "IIT Madras, University of Calcutta, the Calcutta Cup, Bombay Sapphire, Chicken Kiev.";
  EXPECT_EQ(unify(others), others);
  EXPECT_EQ(unify("Best Turkey Recipes for Thanksgiving\nHow to Carve a Turkey\nRoasting a Turkey"),
            "Best Turkey Recipes for Thanksgiving\nHow to Carve a Turkey\nRoasting a Turkey");
  // The places, and the country, where nothing says otherwise.
  EXPECT_EQ(unify("Turkey's president met Greece's. In Turkey, Turkey and Greece agreed.\nA recipe."),
            "T\xC3\xBCrkiye's president met Greece's. In T\xC3\xBCrkiye, T\xC3\xBCrkiye and Greece agreed.\nA recipe.");
  EXPECT_EQ(unify("In Lvov, Odessa and Nikolayev. Lvov was shelled. Western Lvov; From Odessa to Lemberg"),
            "In Lviv, Odesa and Mykolaiv. Lviv was shelled. Western Lviv; From Odesa to Lviv");
  EXPECT_EQ(unify("Madras, Calcutta and Bombay; Kiev in Texas; the cup in Calcutta"),
            "Chennai, Kolkata and Mumbai; Kyiv in Texas; the cup in Kolkata");
  // Chunked passes give the same: the rules look no further than the line.
  std::string text;
  for (int k = 0; k < 30; ++k) text += others + "\nHow to carve a Turkey\nIn Turkey and Lvov\n";
  winnow::NormalizeOptions o;
  EXPECT_EQ(winnow::detail::normalize_text(text, o, nullptr, winnow::detail::kPlainText, 16),
            winnow::detail::normalize_text_reference(text, o, nullptr));
}

// The rules are lines of the file format; a user file adds to them.
TEST(Names, ContextRuleFormat) {
  auto d = dictionary(
      "Kyiv = Kiev\nMumbai = Bombay\nkeep after: Chicken | Hotel  de\nkeep before: Cup\n"
      "keep near Bombay: gin | tonic\nperson names: Kiev\nnot names: In\n");
  EXPECT_EQ(d->rules().keep_after, (std::vector<std::string>{"Chicken", "Hotel de"}));
  EXPECT_EQ(unify("Chicken Kiev, Hotel de Kiev, Kiev Cup, in Kiev", d),
            "Chicken Kiev, Hotel de Kiev, Kiev Cup, in Kyiv");
  EXPECT_EQ(unify("A Bombay and TONIC.\nBombay.", d), "A Bombay and TONIC.\nMumbai.");
  EXPECT_EQ(unify("Ivan Kiev. In Kiev. Kiev Ivanov. Kiev, Ivanov", d), "Ivan Kiev. In Kyiv. Kiev Ivanov. Kyiv, Ivanov");
  NameDictionary e;
  auto errors = e.merge("keep after:\nkeep near : x\nperson names: Kiev | -\nkeep before: Cup\n", "f.txt");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].to_string(), "f.txt:1: a rule needs words or phrases after ':'");
  EXPECT_EQ(errors[1].line, 2u);
  EXPECT_EQ(errors[2].to_string(), "f.txt:3: '-' has no letters");
  EXPECT_EQ(e.rules().keep_before, std::vector<std::string>{"Cup"});
  EXPECT_TRUE(e.rules().person_names.empty());
  // A user file adds to the built-in rules.
  NameDictionary f = NameDictionary::builtin();
  EXPECT_TRUE(f.merge("keep before: Gate\n").empty());
  auto shared = std::make_shared<NameDictionary>(std::move(f));
  EXPECT_EQ(unify("Kiev Gate, Calcutta Cup, Calcutta Cups, Kiev", shared),
            "Kiev Gate, Calcutta Cup, Kolkata Cups, Kyiv");
}

TEST(Names, RepeatedNameTokenCollapses) {
  EXPECT_EQ(unify("Minister Sergei Lavrov Lavrov has warned"), "Minister Sergey Lavrov has warned");
  EXPECT_EQ(unify("Sergey Lavrov Lavrov's"), "Sergey Lavrov's");
  EXPECT_EQ(unify("Kyiv Kyiv"), "Kyiv");
}

TEST(Names, UserFileOverridesAndFlips) {
  NameDictionary d = NameDictionary::builtin();
  // The same entity with the other canonical form replaces the built-in entry.
  EXPECT_TRUE(d.merge("Kiev = Kyiv\nTurkey = T\xC3\xBCrkiye | Turkiye\n").empty());
  auto shared = std::make_shared<NameDictionary>(std::move(d));
  EXPECT_EQ(unify("Kyiv and T\xC3\xBCrkiye", shared), "Kiev and Turkey");
  EXPECT_EQ(unify("Sergei Lavrov", shared), "Sergey Lavrov");  // the rest stays
  // Removing an entry.
  NameDictionary e = NameDictionary::builtin();
  EXPECT_TRUE(e.merge("!Kiev\n").empty());
  EXPECT_EQ(unify("Kiev", std::make_shared<NameDictionary>(std::move(e))), "Kiev");
}

TEST(Names, ErrorsAreValuesWithLines) {
  NameDictionary d;
  auto errors = d.merge("# ok\nKyiv = Kiev\n = nothing\n[shouting]\nKiev = Kyyiv\n!Nowhere\n", "f.txt");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].to_string(), "f.txt:3: an entry needs a canonical form with letters before '='");
  EXPECT_EQ(errors[1].line, 4u);
  EXPECT_EQ(errors[2].line, 5u);  // "kiev" is already a form of line 2
  EXPECT_EQ(errors[3].line, 6u);
  EXPECT_EQ(d.entries().size(), 1u);
  auto missing = d.merge_file("/nonexistent/names.txt");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].to_string(), "/nonexistent/names.txt: cannot read the file: No such file or directory");
  // A directory opens as a file that reads as nothing.
  auto directory = d.merge_file(WINNOW_SOURCE_DIR "/lib/data");
  ASSERT_EQ(directory.size(), 1u);
  EXPECT_NE(directory[0].message.find("is a directory"), std::string::npos) << directory[0].message;
  EXPECT_EQ(d.entries().size(), 1u);
}

TEST(Names, OffMeansOff) {
  winnow::NormalizeOptions o;
  o.names = false;
  EXPECT_EQ(winnow::normalize("Sergei Lavrov", o), "Sergei Lavrov");
}

TEST(Names, BuiltInDictionaryParsesCleanly) {
  NameDictionary d;
  auto errors = d.merge_file(WINNOW_SOURCE_DIR "/lib/data/names.txt");
  EXPECT_TRUE(errors.empty()) << errors.front().to_string();
  EXPECT_EQ(d.entries().size(), NameDictionary::builtin().entries().size());
  EXPECT_GT(d.entries().size(), 140u);
}

}  // namespace
