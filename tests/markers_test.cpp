// The markers file format (lib/data/markers.txt) and the built-in phrases.
#include <gtest/gtest.h>

#include "markers.hpp"

namespace winnow::detail {

extern const std::string_view kMarkersData;  // generated from lib/data/markers.txt

namespace {

TEST(MarkerKey, FoldsCaseSpacesAndEndPunctuation) {
  EXPECT_EQ(marker_key("  ADVERTISEMENT  "), "advertisement");
  EXPECT_EQ(marker_key("— Advertisement —"), "advertisement");
  EXPECT_EQ(marker_key("Advertisement:"), "advertisement");
  EXPECT_EQ(marker_key("Leave   a\tReply"), "leave a reply");
  EXPECT_EQ(marker_key("Реклама"), "реклама");
  EXPECT_EQ(marker_key("***"), "");
  EXPECT_EQ(marker_key("DON’T MISS"), "don't miss");  // curly apostrophe folded
}

TEST(ParseMarkers, SectionsGiveReasons) {
  MarkerSet set = parse_markers(
      "# a comment\n[ad]\nAdvertisement\n[comments]\nLeave a reply\n[related]\nYou may also like\n"
      "[teaser]\nRead also\n");
  EXPECT_EQ(set.match_whole("advertisement"), Reason::AdMarker);
  EXPECT_EQ(set.match_whole("leave a reply"), Reason::CommentSection);
  EXPECT_EQ(set.match_whole("you may also like"), Reason::RelatedList);
  EXPECT_FALSE(set.match_whole("a comment"));
  EXPECT_EQ(set.match_teaser("read also: syria"), std::optional<std::string_view>("read also"));
}

// Whole phrases are looked up in a flat table built from the map; a phrase
// added to the map after indexing is still found (the map answers until the
// table is built again), and the phrase comes back as written in the set.
TEST(ParseMarkers, WholePhrasesFoundInTheTableAndAfterChanges) {
  MarkerSet set = parse_markers("[ad]\nAdvertisement\nSponsored\n[share]\nShare this\n");
  std::string matched;
  EXPECT_EQ(set.find_whole("sponsored", &matched), Reason::AdMarker);
  EXPECT_EQ(matched, "sponsored");
  EXPECT_EQ(set.find_whole("share this"), Reason::ShareBar);
  EXPECT_FALSE(set.find_whole("share that"));
  EXPECT_FALSE(set.find_whole("sponsore"));
  set.whole.emplace("paid post", Reason::AdMarker);
  set.whole_sizes_by_first_byte[static_cast<unsigned char>('p')] |= std::uint64_t{1} << 9;
  EXPECT_EQ(set.find_whole("paid post"), Reason::AdMarker);  // not in the table yet
  set.index_patterns();
  EXPECT_EQ(set.whole_slot_keys, set.whole.size());
  EXPECT_EQ(set.find_whole("paid post", &matched), Reason::AdMarker);
  EXPECT_EQ(matched, "paid post");
  EXPECT_EQ(set.find_whole("advertisement"), Reason::AdMarker);
}

// The patterns and teaser prefixes are tried only for keys whose first two
// bytes can start one: a number, a one-byte phrase, a phrase whose second
// byte opens a number, and the second byte of a longer one all pass; a key
// that differs at the second byte does not.
TEST(ParseMarkers, PatternsAndTeasersByTheirFirstTwoBytes) {
  MarkerSet set = parse_markers(
      "[comments]\n<n> comments\nx ...\nq<n> replies\n[related]\nmore from ...\n"
      "[teaser]\nread also\nz\n");
  EXPECT_EQ(set.match_patterns("12 comments"), Reason::CommentSection);
  EXPECT_EQ(set.match_patterns("1,234 comments"), Reason::CommentSection);
  EXPECT_EQ(set.match_patterns("x"), Reason::CommentSection);
  EXPECT_EQ(set.match_patterns("x marks"), Reason::CommentSection);
  EXPECT_EQ(set.match_patterns("q7 replies"), Reason::CommentSection);
  EXPECT_EQ(set.match_patterns("more from us"), Reason::RelatedList);
  EXPECT_FALSE(set.match_patterns("mare from us"));
  EXPECT_FALSE(set.match_patterns("qa replies"));
  EXPECT_EQ(set.match_teaser("read also: syria"), std::optional<std::string_view>("read also"));
  EXPECT_EQ(set.match_teaser("z: anything"), std::optional<std::string_view>("z"));
  EXPECT_EQ(set.match_teaser("z - anything"), std::optional<std::string_view>("z"));
  EXPECT_FALSE(set.match_teaser("reed also: syria"));
}

// [credit] prefixes are matched as [teaser]'s are, and mark a byline.
TEST(ParseMarkers, CreditPrefixesMarkBylines) {
  std::string error;
  MarkerSet set = parse_markers("[teaser]\nread also\n[credit]\nphoto\nimage credit\n", &error);
  EXPECT_EQ(error, "");
  Reason reason = Reason::Kept;
  EXPECT_EQ(set.match_teaser("photo: jane roe/ap", &reason), std::optional<std::string_view>("photo"));
  EXPECT_EQ(reason, Reason::Byline);
  EXPECT_EQ(set.match_teaser("image credit: example", &reason), std::optional<std::string_view>("image credit"));
  EXPECT_EQ(reason, Reason::Byline);
  EXPECT_EQ(set.match_teaser("read also: syria", &reason), std::optional<std::string_view>("read also"));
  EXPECT_EQ(reason, Reason::Teaser);
  EXPECT_FALSE(set.match_teaser("photo finish for the title race"));
  EXPECT_FALSE(set.match_whole("photo"));  // a prefix, not a whole-block phrase

  parse_markers("[credit]\nphoto by ...\n", &error);
  EXPECT_EQ(error, "markers line 2: patterns are not allowed in [credit]");
}

TEST(ParseMarkers, UnknownSectionIsReportedWithItsLine) {
  std::string error;
  MarkerSet set = parse_markers("[ad]\nAdvert\n[nonsense]\nfoo\n", &error);
  EXPECT_EQ(error, "markers line 3: unknown section");
  EXPECT_FALSE(set.match_whole("foo"));  // phrases of an unknown section are ignored
  EXPECT_TRUE(set.match_whole("advert"));
}

TEST(ParseMarkers, NumberPlaceholderMatchesOnlyNumbers) {
  MarkerSet set = parse_markers("[comments]\n<n> comments\n");
  EXPECT_EQ(set.match_whole("34 comments"), Reason::CommentSection);
  EXPECT_EQ(set.match_whole("1,204 comments"), Reason::CommentSection);
  EXPECT_FALSE(set.match_whole("comments"));
  EXPECT_FALSE(set.match_whole("many comments"));
  EXPECT_FALSE(set.match_whole("34 comments about the match"));
}

TEST(ParseMarkers, TrailingDotsMatchAPrefixAtAWordBoundary) {
  MarkerSet set = parse_markers("[comments]\n<n> responses to ...\n[byline]\nposted by ...\n");
  EXPECT_EQ(set.match_whole("34 responses to anthony lynn we needed to win"), Reason::CommentSection);
  EXPECT_EQ(set.match_whole("posted by michael smith on november 19"), Reason::Byline);
  EXPECT_EQ(set.match_whole("posted by"), Reason::Byline);
  EXPECT_FALSE(set.match_whole("posted byron"));
  std::string phrase;
  set.match_whole("posted by anna", &phrase);
  EXPECT_EQ(phrase, "posted by ...");
}

TEST(ParseMarkers, PatternsAreRefusedInTeaserSection) {
  std::string error;
  parse_markers("[teaser]\n<n> read also ...\n", &error);
  EXPECT_NE(error.find("not allowed"), std::string::npos);
}

TEST(ParseMarkers, ChromeWordsAreFoundAsWholeWords) {
  MarkerSet set = parse_markers("[chrome-words]\ncookies\nprivacy policy\n");
  EXPECT_TRUE(set.find_chrome_words("this site uses cookies to improve your experience"));
  EXPECT_TRUE(set.find_chrome_words("read our privacy policy"));
  EXPECT_FALSE(set.find_chrome_words("she baked fortunecookies for everyone"));
  EXPECT_FALSE(set.find_chrome_words("a policy on privacy"));
}

// "phrase & word | word": the phrase counts only beside one of the words,
// found as whole words too.
TEST(ParseMarkers, ChromeWordsWithAContextNeedOneOfItsWords) {
  MarkerSet set = parse_markers("[chrome-words]\ncookies & website | browser\nprivacy policy\n");
  ASSERT_EQ(set.chrome_words.size(), 2u);
  EXPECT_EQ(set.chrome_words[0], "cookies");
  EXPECT_EQ(set.chrome_word_contexts[0], (std::vector<std::string>{"website", "browser"}));
  EXPECT_TRUE(set.chrome_word_contexts[1].empty());
  EXPECT_TRUE(set.find_chrome_words("this website uses cookies to improve your experience"));
  EXPECT_TRUE(set.find_chrome_words("cookies are stored in your browser"));
  EXPECT_FALSE(set.find_chrome_words("bake the cookies for twelve minutes"));
  EXPECT_FALSE(set.find_chrome_words("bake the cookies at the websites of our friends"));
  EXPECT_EQ(set.find_all_chrome_words_reference("bake the cookies, then read our privacy policy"), 2u);
}

// [list-nouns]: single words, found as whole words of a key.
TEST(ParseMarkers, ListNounsAreFoundAsWholeWords) {
  std::string error;
  MarkerSet set = parse_markers("[list-nouns]\nstories\nBeiträge\n", &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(set.find_list_noun("more great wired stories"), "stories");
  EXPECT_EQ(set.find_list_noun("weitere beiträge zum thema"), "beiträge");
  EXPECT_EQ(set.find_list_noun("top stories: nation"), "stories");
  EXPECT_FALSE(set.find_list_noun("storiesque"));
  EXPECT_FALSE(set.find_list_noun("story of the day"));
  parse_markers("[list-nouns]\nmore stories\n", &error);
  EXPECT_EQ(error, "markers line 2: [list-nouns] holds single words");
}

// [sign-up]: openers matched at the start of a key, up to a word, and
// only when the call goes on with a word or a colon; they are no whole
// phrases and no chrome words.
TEST(ParseMarkers, SignUpOpenersStartTheBlock) {
  std::string error;
  MarkerSet set = parse_markers("[sign-up]\nsign up ...\nfollow us ...\n", &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(set.opens_sign_up("sign up for e-mail newsletters"), "sign up");
  EXPECT_EQ(set.opens_sign_up("sign up: stay on top of the news"), "sign up");
  EXPECT_EQ(set.opens_sign_up("follow us"), "follow us");
  EXPECT_FALSE(set.opens_sign_up("sign ups doubled"));
  EXPECT_FALSE(set.opens_sign_up("sign up, she said"));
  EXPECT_FALSE(set.opens_sign_up("they sign up for it"));
  EXPECT_FALSE(set.find_whole("sign up for e-mail newsletters"));
  EXPECT_FALSE(set.find_chrome_words("please sign up for e-mail newsletters"));
}

// [contributors]: "..." phrases open the line, plain ones close it (a
// place of a few words may follow "from").
TEST(ParseMarkers, ContributorPhrasesOpenOrCloseTheLine) {
  std::string error;
  MarkerSet set = parse_markers("[contributors]\nreporting by ...\ncontributed reporting\n", &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(set.credits_contributors("reporting by will dunham; editing by tom brown"), "reporting by");
  EXPECT_EQ(set.credits_contributors("keith bradsher contributed reporting from hong kong"), "contributed reporting");
  EXPECT_EQ(set.credits_contributors("jane roe contributed reporting"), "contributed reporting");
  EXPECT_FALSE(set.credits_contributors("she contributed reporting to the series that won the prize"));
  EXPECT_FALSE(set.credits_contributors("the reporting by jane roe"));
  EXPECT_FALSE(set.find_whole("contributed reporting"));
}

TEST(BuiltinMarkers, ParseWithoutErrors) {
  std::string error;
  parse_markers(kMarkersData, &error);
  EXPECT_EQ(error, "");
  const MarkerSet& set = builtin_markers();
  EXPECT_EQ(set.match_whole("advertisement"), Reason::AdMarker);
  EXPECT_EQ(set.match_whole("anzeige"), Reason::AdMarker);
  EXPECT_EQ(set.match_whole("your email address will not be published. required fields are marked"),
            Reason::CommentSection);
  EXPECT_EQ(set.match_whole("167 comments"), Reason::CommentSection);
  EXPECT_EQ(set.match_whole("you may also like"), Reason::RelatedList);
}

}  // namespace
}  // namespace winnow::detail
