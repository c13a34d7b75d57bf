// Name variants: the dictionary format, merging, and every matching rule.
#include <gtest/gtest.h>

#include <memory>

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
