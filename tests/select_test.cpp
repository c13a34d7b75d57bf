// select: the page-level rules that find the article among the blocks.
#include <gtest/gtest.h>

#include <thread>

#include "byline.hpp"
#include "text_rules.hpp"

namespace winnow {
namespace {

using testing::block;
using testing::join;
using testing::paragraph;
using testing::run_text;

TEST(Select, ArticleIsTheDensestRunOfProse) {
  auto doc = run_text(join({"Home", "World", "Business", "Sport", paragraph(1), paragraph(2),
                            paragraph(3), "About Us", "Careers", "Site Map"}));
  EXPECT_FALSE(block(doc, "Home").kept);
  EXPECT_FALSE(block(doc, "World").kept);
  EXPECT_EQ(block(doc, "World").reason, Reason::Navigation);
  EXPECT_EQ(block(doc, "World").evidence, "before the article");
  for (int i = 1; i <= 3; ++i) EXPECT_TRUE(block(doc, "Paragraph " + std::to_string(i)).kept);
  EXPECT_FALSE(block(doc, "Careers").kept);
  EXPECT_EQ(block(doc, "Careers").evidence, "after the article");
}

// A one-paragraph story, its share bar, then the site's longer blurb: the
// two paragraphs are no teaser list (the blurb follows share buttons, not a
// teaser's title), so the story is not discounted and lost to the blurb.
TEST(Select, AShortStoryIsNotLostToALongerBlurbAfterItsShareBar) {
  const std::string story = "All schools in the county will be closed on Friday as the storm nears the coast.";
  auto doc = run_text(join({"Home", "World", "Politics", "Storm closes schools", story, "Share", "Tweet",
                            "Daily News is the best source of local news in the region, trusted by readers since "
                            "1901. Our reporters cover the county, its schools, its councils and its courts every "
                            "day of the year.",
                            "Copyright 2024 Daily News. All rights reserved."}));
  EXPECT_TRUE(block(doc, "All schools in the county").kept);
  // Summaries after their teasers' titles are still a list that counts for
  // less than the article.
  auto list = run_text(join({paragraph(1), paragraph(2), paragraph(3), "More Stories", "Another Story Headline",
                             "Jane Reporter", "A one-paragraph summary of another story, written to make the reader "
                             "click through to it.",
                             "Third Story Headline", "John Reporter",
                             "A one-paragraph summary of a third story, also written to make the reader click "
                             "through.",
                             "About Us"}));
  EXPECT_TRUE(block(list, "Paragraph 3").kept);
  EXPECT_FALSE(block(list, "A one-paragraph summary of a third").kept);
}

TEST(Select, ShortLinesBetweenParagraphsStay) {
  auto doc = run_text(join({paragraph(1), "What happens next", paragraph(2), "The vote",
                            paragraph(3)}));
  EXPECT_TRUE(block(doc, "What happens next").kept);
  EXPECT_TRUE(block(doc, "The vote").kept);
}

TEST(Select, RunOfLinkLikeLinesInsideTheArticleIsAMenu) {
  auto doc = run_text(join({paragraph(1), paragraph(2), "Top Stories", "Business News",
                            "Weather Radar", "Local Sports", paragraph(3), paragraph(4)}));
  EXPECT_TRUE(block(doc, "Paragraph 3").kept);
  EXPECT_FALSE(block(doc, "Business News").kept);
  EXPECT_EQ(block(doc, "Business News").reason, Reason::Navigation);
  EXPECT_NE(block(doc, "Business News").evidence.find("link-like lines in a row"), std::string::npos);
}

TEST(Select, RepeatedHeadlineIsKeptOnceAsTheTitle) {
  std::string title = "United States Is Saving The Rebel Groups In Syria: Russia";
  auto doc = run_text(title + "\n\n" + title + "\n\n\n" + title + "\n\n" + join({paragraph(1), paragraph(2)}));
  EXPECT_EQ(doc.metadata.title, title);
  int titles = 0, repeats = 0;
  for (const auto& b : doc.blocks) {
    titles += b.block.reason == Reason::Title;
    repeats += b.block.reason == Reason::DuplicateHeadline;
  }
  EXPECT_EQ(titles, 1);
  EXPECT_EQ(repeats, 2);
  EXPECT_TRUE(block(doc, "Paragraph 1").kept);
}

TEST(Select, HeadlineAmongChromeBeforeTheBody) {
  auto doc = run_text(join({"Connect with us", "Headlines",
                            "Syrian Rebels Advance on Homs as Russia Urges Citizens to Leave",
                            "Published", "on", paragraph(1), paragraph(2)}));
  EXPECT_EQ(doc.metadata.title, "Syrian Rebels Advance on Homs as Russia Urges Citizens to Leave");
  EXPECT_EQ(block(doc, "Syrian Rebels").reason, Reason::Title);
}

TEST(Select, NoHeadlineWhenThePageStartsWithProse) {
  auto doc = run_text(join({paragraph(1), paragraph(2)}));
  EXPECT_EQ(doc.metadata.title, "");
  EXPECT_TRUE(block(doc, "Paragraph 1").kept);
}

TEST(Select, CommentSectionEndsTheArticle) {
  auto doc = run_text(join({paragraph(1), paragraph(2), "Leave a Reply", "John says:",
                            "I completely disagree with the council and I think everyone in the "
                            "city should write to them about it before the vote.",
                            paragraph(3)}));
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_EQ(block(doc, "I completely").reason, Reason::CommentSection);
  EXPECT_EQ(block(doc, "I completely").evidence, "after 'Leave a Reply'");
  EXPECT_FALSE(block(doc, "Paragraph 3").kept);
}

TEST(Select, CommentsButtonInAShareBarDoesNotEndTheArticle) {
  auto doc = run_text(join({paragraph(1), "Facebook", "Twitter", "Comments", "Print", paragraph(2),
                            paragraph(3)}));
  EXPECT_TRUE(block(doc, "Paragraph 3").kept);
}

TEST(Select, RelatedListAndEverythingAfterIt) {
  auto doc = run_text(join({paragraph(1), paragraph(2), "You may also like",
                            "Nikki Haley: Trump ‘does believe in climate change’",
                            "Donald Trump “believes the climate is changing” partly because of "
                            "humans, his ambassador to the United Nations said on Sunday."}));
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_EQ(block(doc, "You may also like").reason, Reason::RelatedList);
  EXPECT_FALSE(block(doc, "Nikki Haley").kept);
  EXPECT_FALSE(block(doc, "Donald Trump").kept);
}

TEST(Select, RelatedBoxInsideTheArticleDoesNotEndIt) {
  auto doc = run_text(join({paragraph(1), "Related articles", "Plague outbreak: China hit by pneumonic plague",
                            "Horror as plague of killer mosquitos are headed to Britain", paragraph(2),
                            paragraph(3)}));
  EXPECT_TRUE(block(doc, "Paragraph 1").kept);
  EXPECT_TRUE(block(doc, "Paragraph 3").kept);
  EXPECT_EQ(block(doc, "Related articles").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "Horror as plague").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "Horror as plague").evidence, "in the box opened by 'Related articles'");
}

// "related news" opens such a box as "Related articles" does; the words in
// a sentence of the article do not.
TEST(Select, RelatedNewsBoxInsideTheArticle) {
  auto doc = run_text(join({paragraph(1), "related news",
                            "FIIs bullish on India, growth should start accelerating, says Ridham Desai",
                            "Taking Stock: Historic day on D-St! Here's what is driving the rally", paragraph(2),
                            "The related news came on Friday, when the board met again to vote.", paragraph(3)}));
  EXPECT_EQ(block(doc, "related news").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "Taking Stock").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "Taking Stock").evidence, "in the box opened by 'related news'");
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_TRUE(block(doc, "The related news came").kept);
}

// A box the article runs through, longer than a few links: headlines and
// their kickers, one of them a headline that exclaims, up to the paragraph
// with which the article goes on.
TEST(Select, LongBoxOfHeadlinesInsideTheArticle) {
  auto doc = run_text(join({paragraph(1), paragraph(2), paragraph(3), paragraph(4), paragraph(5), "Most read in world news", "RANDY ANDY",
                            "Prince parties in unearthed pictures despite his claims",
                            "Video shows dramatic rescue of kidnapped girl: \"We got her!\"", "TIME TRAVELLER",
                            "Conspiracy theorists say they spotted a climate activist in an old photo",
                            "Warning", "Furious mum demands children's clothes have gender labels scrapped",
                            "Man arrested after seven victims found in car: Police", paragraph(6), paragraph(7),
                            paragraph(8), paragraph(9), paragraph(10)}));
  for (const char* line : {"RANDY ANDY", "Prince parties", "Video shows dramatic rescue", "Warning",
                           "Man arrested after"}) {
    EXPECT_EQ(block(doc, line).reason, Reason::RelatedList) << line;
    EXPECT_EQ(block(doc, line).evidence, "in the box opened by 'Most read in world news'") << line;
  }
  for (int i = 1; i <= 10; ++i) EXPECT_TRUE(block(doc, "Paragraph " + std::to_string(i)).kept) << i;
}

// A short sentence after a box's entries is the article's, not the box's.
// When it comes after more entries than a box of a few links holds, the
// article does not visibly go on after them and the entries stay too; so
// does a question of several sentences.
TEST(Select, BoxEntriesStayWhenTheArticleDoesNotVisiblyResume) {
  const std::initializer_list<std::string> entries = {
      "Harbour bridge to close for repairs over the summer", "City council votes on new cycling lanes next week",
      "Local bakery wins national award for its sourdough", "Storm warning issued for the coast on Friday night"};
  auto page = [](std::initializer_list<std::string> before, std::initializer_list<std::string> box,
                 std::initializer_list<std::string> after) {
    std::string text;
    for (const auto* part : {&before, &box, &after}) {
      for (const auto& line : *part) text += line + "\n\n";
    }
    return run_text(text);
  };
  const std::initializer_list<std::string> article = {paragraph(1), paragraph(2), paragraph(3), "Related coverage"};
  auto few = page(article, entries, {"The mayor declined to comment.", paragraph(4), paragraph(5), paragraph(6),
                                     paragraph(7), paragraph(8)});
  EXPECT_EQ(block(few, "Storm warning issued").reason, Reason::RelatedList);
  EXPECT_TRUE(block(few, "The mayor declined to comment.").kept);
  EXPECT_TRUE(block(few, "Paragraph 4").kept);

  auto many = page({paragraph(1), paragraph(2), paragraph(3), paragraph(4), paragraph(5), paragraph(6),
                    "Related coverage"},
                   entries,
                   {"Bus drivers vote to strike over pay", "New library opens in the old town hall",
                    "Tram line to reopen after two years of works", "School term to start a week later",
                    "The mayor declined to comment.", paragraph(7), paragraph(8), paragraph(9), paragraph(10),
                    paragraph(11), paragraph(12)});
  EXPECT_TRUE(block(many, "Paragraph 6").kept);
  EXPECT_TRUE(block(many, "Paragraph 7").kept);
  EXPECT_TRUE(block(many, "Storm warning issued").kept);
  EXPECT_TRUE(block(many, "The mayor declined to comment.").kept);

  auto question = page(article, {"Harbour bridge to close for repairs over the summer"},
                       {"Why did the council wait? Nobody on it would say.", paragraph(4), paragraph(5),
                        paragraph(6), paragraph(7), paragraph(8)});
  EXPECT_TRUE(block(question, "Why did the council wait?").kept);
}

TEST(Select, RelatedListFollowedByTeaserSummariesEndsTheArticle) {
  auto doc = run_text(join({paragraph(1), paragraph(2), "Related links:", "Urartu relics unearthed in Iran",
                            "Archaeological relics of the kingdom have recently been found in a mountain "
                            "village, the agency reported on Monday.",
                            "Pentagon announces deal for equipment supplies",
                            "Work will be performed in Virginia and is expected to be completed in "
                            "September of next year, the statement said."}));
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_FALSE(block(doc, "Archaeological relics").kept);
  EXPECT_FALSE(block(doc, "Work will be performed").kept);
}

// A heading the markers do not know, that names stories or articles
// ([list-nouns]), over a list of headlines after the article: the site's
// list of other stories. It ends the article, so the author's biography
// after it goes too.
TEST(Select, HeadingNamingStoriesOverHeadlinesEndsTheArticle) {
  auto doc = run_text(join({paragraph(1), paragraph(2), "More Great Example Stories",
                            "The plan to boost drone batteries with a teensy jet engine",
                            "Could an astronaut lost in space use gravity to get around?",
                            "Paid political ads are not the problem. Our perceptions are",
                            "Jane Roe is a contributor at Example and the host of a daily radio broadcast "
                            "covering the business of technology, from the studio in Boston. Read more"}));
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_EQ(block(doc, "More Great Example").reason, Reason::RelatedList);
  EXPECT_EQ(block(doc, "More Great Example").evidence, "heading 'stories' over a list of headlines");
  EXPECT_FALSE(block(doc, "The plan to boost").kept);
  EXPECT_FALSE(block(doc, "Jane Roe is").kept);

  // In any language the file lists: "Materials on the topic".
  auto russian = run_text(join({paragraph(1), paragraph(2), "Материалы по теме",
                                "Кондитер Бадди Валастро: «Храм Василия Блаженного кажется съедобным»",
                                "Съешь меня! Повар рисует портреты знаменитостей на пиццах",
                                "Королевский повар: Кейт Миддлтон то пьет смузи, то ест десерты"}));
  EXPECT_EQ(block(russian, "Материалы").reason, Reason::RelatedList);
  EXPECT_FALSE(block(russian, "Съешь").kept);
}

// "More:" between paragraphs heads a box of links inside the article: the
// links go, the paragraphs on both sides of it stay, the short last one too.
TEST(Select, MoreColonBoxInsideTheArticle) {
  auto doc = run_text(join({paragraph(1), paragraph(2), "More:", "The New Space Race",
                            "China completes landing test for its first Mars mission in 2020", paragraph(3),
                            paragraph(4), "The agency declined to comment further."}));
  EXPECT_EQ(block(doc, "More:").reason, Reason::RelatedList);
  EXPECT_FALSE(block(doc, "The New Space Race").kept);
  EXPECT_FALSE(block(doc, "China completes").kept);
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_TRUE(block(doc, "Paragraph 3").kept);
  EXPECT_TRUE(block(doc, "Paragraph 4").kept);
  EXPECT_TRUE(block(doc, "The agency declined").kept);
}

// The author's biography at the article's end, opening with the name the
// byline gives, ends the article: what follows it goes too.
TEST(Select, AuthorBiographyAtTheEndEndsTheArticle) {
  auto doc = run_text(join({"By Jeff Foust", paragraph(1), paragraph(2), paragraph(3),
                            "Jeff Foust (jeff@example.com) is the editor and publisher of Example Review.",
                            "Note: we are temporarily moderating all comments submitted to deal with spam."}));
  EXPECT_TRUE(block(doc, "Paragraph 3").kept);
  EXPECT_EQ(block(doc, "Jeff Foust (").reason, Reason::Chrome);
  EXPECT_EQ(block(doc, "Jeff Foust (").evidence, "the biography of the author 'Jeff Foust'");
  EXPECT_FALSE(block(doc, "Note: we are").kept);
}

// What the biography rule must keep: a profile of a reporter (not the
// byline's author), a last paragraph on someone who shares the author's
// first name, and the author named inside the article.
TEST(Select, NamesLikeABiographyInTheArticleStay) {
  auto profile = run_text(join({"By Jane Roe", paragraph(1), paragraph(2), paragraph(3),
                                "John Doe is a reporter covering city hall, and he says he will not stop."}));
  EXPECT_TRUE(block(profile, "John Doe is a reporter").kept);

  auto first_name = run_text(join({"By Jane Roe", paragraph(1), paragraph(2), paragraph(3),
                                   "Jane is now twelve, and she wants to be a pilot like her mother."}));
  EXPECT_TRUE(block(first_name, "Jane is now").kept);

  auto inside = run_text(join({"By Jane Roe", paragraph(1), "Jane Roe was there when the bridge fell, and saw it all.",
                               paragraph(2), paragraph(3), paragraph(4), paragraph(5)}));
  EXPECT_TRUE(block(inside, "Jane Roe was there").kept);
  EXPECT_TRUE(block(inside, "Paragraph 5").kept);
}

// The credits of the reporters and editors at the article's end
// ([contributors]) are no part of its text.
TEST(Select, ContributorCreditsAtTheEndAreDropped) {
  auto reuters = run_text(join({paragraph(1), paragraph(2), paragraph(3),
                                "(Reporting by Jane Roe and John Doe, with reporting by Ann Lee; editing by Tom Brown.)"}));
  EXPECT_TRUE(block(reuters, "Paragraph 3").kept);
  EXPECT_EQ(block(reuters, "(Reporting by").reason, Reason::Byline);
  EXPECT_EQ(block(reuters, "(Reporting by").evidence, "credits the reporters ('reporting by')");

  auto times = run_text(join({paragraph(1), paragraph(2), paragraph(3),
                              "Associated Press writers Jane Roe and John Doe contributed to this report.",
                              "Keith Bradsher contributed reporting from Hong Kong."}));
  EXPECT_FALSE(block(times, "Associated Press writers").kept);
  EXPECT_FALSE(block(times, "Keith Bradsher").kept);
  EXPECT_TRUE(block(times, "Paragraph 3").kept);
}

// What the credit rule must keep: narration that opens with the same words
// or names a reporter's work, and such lines inside the article.
TEST(Select, ContributorWordsInTheArticleStay) {
  auto narration = run_text(join({paragraph(1), paragraph(2), paragraph(3),
                                  "Reporting by the Guardian showed that the company knew of the flaw."}));
  EXPECT_TRUE(block(narration, "Reporting by the Guardian").kept);

  auto profile = run_text(join({paragraph(1), paragraph(2), paragraph(3),
                                "She contributed reporting to the series that won the prize in 2012."}));
  EXPECT_TRUE(block(profile, "She contributed").kept);

  auto inside = run_text(join({paragraph(1), "Jane Roe contributed to this report.", paragraph(2), paragraph(3)}));
  EXPECT_TRUE(block(inside, "Jane Roe contributed").kept);
}

// A call to sign up or follow ([sign-up]) after the article's paragraphs
// ends the article: the sign-up form and the author's biography after it
// are the site's.
TEST(Select, SignUpCallAfterTheArticleEndsIt) {
  auto doc = run_text(join({paragraph(1), paragraph(2), paragraph(3), "Sign Up for e-mail newsletters",
                            "Get breaking science news on monster snakes and dinosaurs, aliens and more!",
                            "No spam, we promise."}));
  EXPECT_TRUE(block(doc, "Paragraph 3").kept);
  EXPECT_EQ(block(doc, "Sign Up for").reason, Reason::Chrome);
  EXPECT_EQ(block(doc, "Sign Up for").evidence, "call to 'sign up' after the article");
  EXPECT_FALSE(block(doc, "Get breaking").kept);
  EXPECT_FALSE(block(doc, "No spam").kept);

  auto follow = run_text(join({paragraph(1), paragraph(2), "Follow me on Twitter or LinkedIn. Check out my website.",
                               "Jane Roe",
                               "I am a writer, journalist, professor and entrepreneur, not always in that order, "
                               "and I have covered health for twenty years."}));
  EXPECT_TRUE(block(follow, "Paragraph 2").kept);
  EXPECT_FALSE(block(follow, "Follow me").kept);
  EXPECT_FALSE(block(follow, "I am a writer").kept);
}

// A call in the second sentence of a short line counts too: "Get the
// latest updates in your inbox. Subscribe to our newsletters." A sentence
// that only names subscribers does not.
TEST(Select, SignUpCallAfterAFirstSentence) {
  auto doc = run_text(join({paragraph(1), paragraph(2), paragraph(3),
                            "Get the latest updates right in your inbox. Subscribe to Example's newsletters."}));
  EXPECT_TRUE(block(doc, "Paragraph 3").kept);
  EXPECT_EQ(block(doc, "Get the latest").evidence, "call to 'subscribe' after the article");

  auto story = run_text(join({paragraph(1), paragraph(2), paragraph(3),
                              "Tickets are on sale now. Subscribers of the club get them a week early."}));
  EXPECT_TRUE(block(story, "Tickets are on sale").kept);
}

// What the sign-up rule must keep: a story about newsletters (its
// sentences do not open with a call), a plug inside the article that the
// article goes on after, a list of steps at the article's end, a short last
// paragraph, and a call before the article has started.
TEST(Select, SignUpWordsInsideTheArticleStay) {
  auto story = run_text(join({paragraph(1), paragraph(2),
                              "Subscribers to the newsletter doubled this year, the company said.",
                              "Sign-ups came from forty countries, and most readers open every issue they get."}));
  EXPECT_TRUE(block(story, "Subscribers to").kept);
  EXPECT_TRUE(block(story, "Sign-ups came").kept);

  auto plug = run_text(join({paragraph(1), paragraph(2), "Subscribe to Example and stay smart with more writers.",
                             paragraph(3), paragraph(4), paragraph(5)}));
  EXPECT_TRUE(block(plug, "Paragraph 5").kept);
  // Two paragraphs after the plug are the article's end, not the site's.
  auto late_plug = run_text(join({paragraph(1), paragraph(2), paragraph(3), "Sign up for our daily newsletter",
                                  paragraph(4), paragraph(5)}));
  EXPECT_TRUE(block(late_plug, "Paragraph 4").kept);
  EXPECT_TRUE(block(late_plug, "Paragraph 5").kept);

  auto steps = run_text(join({paragraph(1), paragraph(2), paragraph(3), "Visit the service's home page",
                              "If you already have an account, visit your account page to upgrade",
                              "Sign up for the bundle using the same email as your account"}));
  EXPECT_TRUE(block(steps, "If you already").kept);
  EXPECT_TRUE(block(steps, "Sign up for the bundle").kept);

  auto last = run_text(join({paragraph(1), paragraph(2), paragraph(3),
                             "Subscribe, she said, and you will see why it matters.", paragraph(4), paragraph(5)}));
  EXPECT_TRUE(block(last, "Paragraph 5").kept);

  auto early = run_text(join({"Sign up for our newsletter", paragraph(1), paragraph(2), paragraph(3)}));
  EXPECT_TRUE(block(early, "Paragraph 1").kept);
  EXPECT_TRUE(block(early, "Paragraph 3").kept);
}

// The same words as an article's subheadings stay: over paragraphs, over a
// list of steps the article goes on after, and in the singular.
TEST(Select, SubheadingNamingStoriesInsideTheArticleStays) {
  auto over_paragraphs = run_text(join({paragraph(1), "Their stories", paragraph(2), paragraph(3)}));
  EXPECT_TRUE(block(over_paragraphs, "Their stories").kept);

  auto over_steps = run_text(join({paragraph(1), "How to write better blog posts", "Pick one topic you know well",
                                   "Write the first draft in one sitting", "Cut every word you do not need",
                                   paragraph(2), paragraph(3)}));
  EXPECT_TRUE(block(over_steps, "How to write better").kept);
  EXPECT_TRUE(block(over_steps, "Pick one topic").kept);
  EXPECT_TRUE(block(over_steps, "Cut every word").kept);
  EXPECT_TRUE(block(over_steps, "Paragraph 3").kept);

  auto singular = run_text(join({paragraph(1), paragraph(2), "What a good blog post needs",
                                 "A headline that says what the post is about",
                                 "An opening that gets to the point quickly", "A picture or two to break up the text"}));
  EXPECT_TRUE(block(singular, "What a good blog post").kept);
  EXPECT_TRUE(block(singular, "A picture or two").kept);
}

// The summary under the headline, and the lead photo's caption, stand
// before the byline, the date or the photo's credit: the article starts
// after them.
TEST(Select, SummaryBeforeTheBylineIsNotTheArticle) {
  auto doc = run_text(join({"Menu", "Republicans Are Following Trump to Nowhere",
                            "There's an impeachment lesson hiding in the president's failure to produce the "
                            "results he wants.",
                            "By Jane Roe", paragraph(1), paragraph(2), paragraph(3)}));
  EXPECT_FALSE(block(doc, "There's an impeachment").kept);
  EXPECT_EQ(block(doc, "There's an impeachment").reason, Reason::Navigation);
  EXPECT_EQ(block(doc, "There's an impeachment").evidence, "before the byline 'By Jane Roe'");
  EXPECT_TRUE(block(doc, "Paragraph 1").kept);
  EXPECT_TRUE(block(doc, "Paragraph 3").kept);

  // A date line is a byline too; so is a photo's credit on its own line,
  // and the gallery's repeats of its caption go with the caption.
  auto dated = run_text(join({"The US military says two service members were killed in the crash of the helicopter.",
                              "20 Nov 2019 08:00 GMT", paragraph(1), paragraph(2)}));
  EXPECT_FALSE(block(dated, "The US military says").kept);
  EXPECT_TRUE(block(dated, "Paragraph 1").kept);
  const std::string caption =
      "Former Governor Deval Patrick, left, speaks with a business owner during a campaign stop in Columbia.";
  auto gallery = run_text(join({caption, "Photo: Meg Kinnard, AP", "Image 1 of 5", caption, "Photo: Meg Kinnard, AP",
                                paragraph(1), paragraph(2), paragraph(3)}));
  for (const auto& b : gallery.blocks) {
    if (b.text() == caption) EXPECT_FALSE(b.block.kept);
  }
  EXPECT_TRUE(block(gallery, "Paragraph 1").kept);
}

// "By the numbers" opens a subheading, not a byline: the paragraphs of the
// article before it stay, and so does the subheading, over paragraphs or
// a list.
TEST(Select, ParagraphsBeforeASubheadingOpeningWithByStay) {
  for (const char* subheading : {"By the numbers", "By The Numbers:"}) {
    auto doc = run_text(join({paragraph(1), paragraph(2), subheading, paragraph(3), paragraph(4)}));
    EXPECT_TRUE(block(doc, "Paragraph 1").kept) << subheading;
    EXPECT_TRUE(block(doc, "Paragraph 2").kept) << subheading;
    EXPECT_TRUE(block(doc, "By ").kept) << subheading;
  }
  auto over_list = run_text(join({"Home", paragraph(1), paragraph(2), "By the Numbers", "20 projects across 9 countries",
                                  "320 pages and 400 photographs", "3 decades of work", paragraph(3), paragraph(4)}));
  EXPECT_TRUE(block(over_list, "By the Numbers").kept);
  EXPECT_TRUE(block(over_list, "20 projects").kept);
}

// "By Car", "By Train", "By Ferry" between the article's paragraphs are
// subheadings: the paragraphs before the first stay, the subheadings too,
// and none of them is the author. One such line, or the same line twice,
// is still a byline.
TEST(Select, SeriesOfShortByLinesBetweenParagraphsAreSubheadings) {
  auto doc = run_text(join({"Menu", "Getting to the Isle of Skye", "By Fiona MacLeod", paragraph(1), paragraph(2),
                            "By Car", paragraph(3), paragraph(4), "By Train", paragraph(5), "By Ferry", paragraph(6),
                            paragraph(7)}));
  EXPECT_TRUE(block(doc, "Paragraph 1").kept);
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_TRUE(block(doc, "By Car").kept);
  EXPECT_TRUE(block(doc, "By Train").kept);
  EXPECT_TRUE(block(doc, "By Ferry").kept);
  EXPECT_FALSE(block(doc, "By Fiona").kept);
  EXPECT_EQ(detail::author_from_bylines(doc), "Fiona MacLeod");

  auto once = run_text(join({"Menu", paragraph(1), "By Jane Roe", paragraph(2), paragraph(3), paragraph(4)}));
  EXPECT_FALSE(block(once, "Paragraph 1").kept);
  EXPECT_FALSE(block(once, "By Jane Roe").kept);
  auto twice = run_text(join({"Menu", paragraph(1), "By Jane Roe", paragraph(2), paragraph(3), "By Jane Roe",
                              paragraph(4), paragraph(5)}));
  EXPECT_FALSE(block(twice, "Paragraph 1").kept);
  for (const auto& b : twice.blocks) {
    if (b.text() == "By Jane Roe") EXPECT_FALSE(b.block.kept);
  }
  // Teasers' bylines stand under their headlines, not after a paragraph.
  auto teasers = run_text(join({paragraph(1), paragraph(2), paragraph(3), "The Senate Votes on the Budget Tonight",
                                "By Jane Roe", paragraph(4), "Why the Harbour Bridge Is Closing", "By John Doe",
                                paragraph(5)}));
  EXPECT_FALSE(block(teasers, "By Jane Roe").kept);
  EXPECT_FALSE(block(teasers, "By John Doe").kept);
}

TEST(Select, ParagraphsBeforeAnInlineCreditOrALateBylineStay) {
  // A caption that closes with its credit is a caption, not a byline.
  auto caption = run_text(join({paragraph(1), "WeWork chairman Marcelo Claure (Credit: Getty Images)", paragraph(2),
                                paragraph(3)}));
  EXPECT_TRUE(block(caption, "Paragraph 1").kept);
  // Three paragraphs are the article, whatever follows them.
  auto three = run_text(join({paragraph(1), paragraph(2), paragraph(3), "Photo: iFixit", paragraph(4), paragraph(5)}));
  EXPECT_TRUE(block(three, "Paragraph 1").kept);
  // A photo inside the article, under its first paragraph: the caption
  // and the credit follow the paragraph, which stays.
  auto inline_photo = run_text(join({"Storm closes schools", paragraph(1),
                                     "Children wait for the last bus outside the school in Columbia on Thursday.",
                                     "Photo: Meg Kinnard, AP", paragraph(2), paragraph(3)}));
  EXPECT_TRUE(block(inline_photo, "Paragraph 1").kept);
  // Two paragraphs before a byline are still the summary.
  auto summary = run_text(join({"Storm closes schools", paragraph(1), paragraph(2), "By Jane Roe", paragraph(3),
                                paragraph(4)}));
  EXPECT_FALSE(block(summary, "Paragraph 1").kept);
  EXPECT_TRUE(block(summary, "Paragraph 3").kept);
  // A byline with less than two paragraphs after it closes the article
  // (or opens the next story): the paragraph before it is the article.
  auto late = run_text(join({paragraph(1), "By Jane Roe", paragraph(2)}));
  EXPECT_TRUE(block(late, "Paragraph 1").kept);
  // A summary repeated as the first paragraph after the credit is kept
  // there, once.
  const std::string lead =
      "The band will unite with its former frontman for a 2020 North American tour celebrating its anniversary.";
  auto repeated = run_text(join({lead, "Photo by Jason Kempin/Getty Images", lead, paragraph(1), paragraph(2)}));
  int kept = 0;
  for (const auto& b : repeated.blocks) kept += b.text() == lead && b.block.kept;
  EXPECT_EQ(kept, 1);
}

TEST(Select, LongSentenceCaseLineIsNotTheHeadline) {
  auto doc = run_text(join({"Theatre Reviews From Our Visitors",
                            "Visitors who booked their tickets online came to the theatre to watch the "
                            "show and have left their reviews",
                            paragraph(1), paragraph(2)}));
  EXPECT_EQ(doc.metadata.title, "Theatre Reviews From Our Visitors");
}

TEST(Select, ShortCreditLineClosesTheArticle) {
  auto doc = run_text(join({paragraph(1), paragraph(2), "With reporting by AFP and Reuters", "Leave a Reply"}));
  EXPECT_TRUE(block(doc, "With reporting").kept);
}

TEST(Select, SiteTaglineAfterTheLastParagraph) {
  auto doc = run_text(join({paragraph(1), paragraph(2),
                            "Nigerian digital media platform. We cover all trending and significant "
                            "topics, real online news no fake news",
                            "Continue Reading", "Advertisement"}));
  EXPECT_EQ(block(doc, "Nigerian").reason, Reason::Tagline);
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
}

TEST(Select, TeaserListAfterTheArticleDoesNotJoinIt) {
  std::vector<std::string> lines = {paragraph(1), paragraph(2), paragraph(3), "Share this story"};
  for (int i = 0; i < 4; ++i) {
    lines.push_back("Another Story Headline Number " + std::to_string(i));
    lines.push_back("Jane Reporter");
    lines.push_back("Tuesday November 19, 2019");
    lines.push_back("A one-paragraph summary of another story, written to make the reader click "
                    "through to it and read the rest of the page.");
  }
  std::string page;
  for (const auto& l : lines) page += l + "\n\n";
  auto doc = run_text(page);
  EXPECT_TRUE(block(doc, "Paragraph 3").kept);
  EXPECT_FALSE(block(doc, "A one-paragraph summary").kept);
}

// Short lines of dialogue between two paragraphs are the story going on,
// not a break in it: with a teaser-like menu, byline and date before the
// first paragraph, three of them used to split the article there and lose
// the paragraph after them. Title Case lines are still fragments.
TEST(Select, ShortDialogueLinesDoNotSplitTheArticle) {
  auto doc = run_text(join({"Home", "News", "Sport", "Weather", "Council approves new budget after long debate",
                            "By Jane Smith", "March 3, 2024", paragraph(1), "Advertisement",
                            "\"Why?\" she asked.", "\"Because,\" he said.", "\"Fine.\"", paragraph(2), "Share"}));
  EXPECT_TRUE(block(doc, "Paragraph 1").kept);
  EXPECT_TRUE(block(doc, "\"Why?\" she asked.").kept);
  EXPECT_TRUE(block(doc, "\"Because,\" he said.").kept);
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_FALSE(block(doc, "Weather").kept);
}

TEST(Select, ListAfterTheFirstParagraphIsContent) {
  auto doc = run_text(join({"Home", "News", paragraph(1), "1a etapa: 10 de março – Interlagos",
                            "2a etapa: 8 de abril – Curitiba", "3a etapa: 22 de abril – Velopark",
                            "4a etapa: 06 de maio – Londrina", "Privacy Policy"}));
  EXPECT_TRUE(block(doc, "1a etapa").kept);
  EXPECT_TRUE(block(doc, "4a etapa").kept);
  EXPECT_FALSE(block(doc, "Privacy Policy").kept);
}

// A lead paragraph, then tables of results under short headings, then the
// rest of the story: the tables and the lead are the article, though the
// densest run of prose starts after them. Lists before that run earn no
// credit unless they hold figures in half their lines or more and a
// paragraph stands right before them (a heading line at most between).
TEST(Select, LeadParagraphBeforeTablesOfResultsStays) {
  const std::string lead =
      "It was a weekend of upsets in the league, as the top two both dropped points and the leaders' closest rivals "
      "moved into the top four.";
  auto doc = run_text(join({"Home", "Football", "Scores", "Weekend Results and Table", "By Jane Roe", lead, "Results",
                            "Arsenal 0-1 Newcastle", "Chelsea 4-4 Manchester City", "Liverpool 2-1 Brighton",
                            "Tottenham 1-4 Chelsea", "Wolves 2-1 Tottenham", "Top four", "1. Manchester City 28 pts",
                            "2. Arsenal 24 pts", "3. Liverpool 24 pts", "4. Newcastle 23 pts", paragraph(1),
                            paragraph(2), "Live Scores", "Terms and Conditions"}));
  EXPECT_TRUE(block(doc, "It was a weekend").kept);
  EXPECT_TRUE(block(doc, "Results").kept);
  EXPECT_TRUE(block(doc, "Arsenal 0-1").kept);
  EXPECT_TRUE(block(doc, "Top four").kept);
  EXPECT_TRUE(block(doc, "4. Newcastle").kept);
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_FALSE(block(doc, "Scores").kept);
  EXPECT_FALSE(block(doc, "Live Scores").kept);

  // Headlines without figures after a blurb are the site's list: the
  // article still starts at its own paragraphs.
  auto headlines = run_text(join({"Home", lead, "Elsewhere in the city today", "Harbour bridge to close for repairs over the summer",
                                  "City council votes on new cycling lanes next week",
                                  "Local bakery wins national award for its sourdough",
                                  "Storm warning issued for the coast on Friday night",
                                  "New library opens its doors in the old town hall",
                                  "Police appeal for witnesses after a crash on the ring road",
                                  "School holidays to start a week later next year",
                                  "Farmers market moves to the river front for the summer",
                                  "Bus drivers vote to accept the new pay offer",
                                  "Museum reopens after a long and costly restoration", paragraph(1), paragraph(2)}));
  EXPECT_FALSE(block(headlines, "It was a weekend").kept);
  EXPECT_FALSE(block(headlines, "Harbour bridge").kept);
  EXPECT_TRUE(block(headlines, "Paragraph 1").kept);
}

// The same shape of list after a chrome label ("Most Read", a marker
// classify dropped) is the site's list of other stories, not the article's;
// a list right after a paragraph, or after an ad slot, is still content.
TEST(Select, ListOpenedByAChromeLabelIsNotContent) {
  auto doc = run_text(join({paragraph(1), paragraph(2), "Most Read",
                            "Harbour bridge to close for repairs over the summer",
                            "City council votes on new cycling lanes next week",
                            "Local bakery wins national award for its sourdough",
                            "Storm warning issued for the coast on Friday night"}));
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_FALSE(block(doc, "Harbour bridge").kept);
  EXPECT_FALSE(block(doc, "Storm warning").kept);

  auto with_ad = run_text(join({"Home", "News", paragraph(1), "Advertisement", "1a etapa: 10 de março – Interlagos",
                                "2a etapa: 8 de abril – Curitiba", "3a etapa: 22 de abril – Velopark",
                                "4a etapa: 06 de maio – Londrina", "Privacy Policy"}));
  EXPECT_TRUE(block(with_ad, "1a etapa").kept);
  EXPECT_TRUE(block(with_ad, "4a etapa").kept);
}

// After the last paragraph, a heading in Title Case over lines of
// headlines, with nothing after them, is the site's list of other stories:
// it earns no list credit and does not join the article.
TEST(Select, HeadlinesUnderATitleCaseHeadingAfterTheArticleAreNotContent) {
  auto doc = run_text(join({"Home", "News", paragraph(1), paragraph(2), "On Our Radar",
                            "Harbour bridge to close for repairs over the summer",
                            "City council votes on new cycling lanes next week",
                            "Local bakery wins national award for its sourdough",
                            "Storm warning issued for the coast on Friday night", "About Us", "Careers"}));
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_FALSE(block(doc, "On Our Radar").kept);
  EXPECT_FALSE(block(doc, "Harbour bridge").kept);
  EXPECT_FALSE(block(doc, "Storm warning").kept);
}

// The article's own lists at its end stay: under a heading that ends with
// ':', or in sentence case, or right after the last paragraph, or with
// figures in their lines (dates, prices), or with a paragraph after them.
TEST(Select, TheArticlesOwnListAtItsEndStays) {
  const std::initializer_list<std::string> items = {"A sturdy pair of walking boots with good grip",
                                                    "A waterproof jacket and a warm hat",
                                                    "A paper map of the area and a compass"};
  auto page = [&](std::string heading, std::vector<std::string> after) {
    std::string text = join({"Home", "News", paragraph(1), paragraph(2)});
    if (!heading.empty()) text += heading + "\n\n";
    for (const auto& item : items) text += item + "\n\n";
    for (const auto& line : after) text += line + "\n\n";
    return run_text(text + "About Us\n\nCareers\n");
  };
  for (const std::string heading : {"What You Will Need:", "What you will need", ""}) {
    auto doc = page(heading, {});
    EXPECT_TRUE(block(doc, "A sturdy pair").kept) << heading;
    EXPECT_TRUE(block(doc, "A paper map").kept) << heading;
  }
  auto followed = page("What You Will Need", {paragraph(3)});
  EXPECT_TRUE(block(followed, "A sturdy pair").kept);
  EXPECT_TRUE(block(followed, "Paragraph 3").kept);

  auto dates = run_text(join({"Home", "News", paragraph(1), paragraph(2), "The Tour Dates",
                              "June 9 – West Palm Beach, Coral Sky Amphitheatre",
                              "June 10 – Tampa, Credit Union Amphitheatre", "June 14 – Nashville, Bridgestone Arena",
                              "June 17 – Charlotte, Music Pavilion", "June 19 – Raleigh, Music Park",
                              "June 20 – Bristow, Jiffy Lube Live", "About Us", "Careers"}));
  EXPECT_TRUE(block(dates, "June 9").kept);
  EXPECT_TRUE(block(dates, "June 20").kept);
}

// An item of two words in sentence case ("Booking required") is link-like
// for its length alone, as a menu entry is; among longer items it is one
// of the list, and the list at the article's end stays, in any language.
// Two-word lines alone are still a menu.
TEST(Select, TwoWordItemsOfAListAtTheArticlesEndStay) {
  auto english = run_text(join({"Home", "Culture", paragraph(1), paragraph(2), "The new rules at a glance",
                                "Booking required", "30,000 visitors a day", "Late openings on Friday and Saturday",
                                "Read more", "The most visited museums in the world"}));
  EXPECT_TRUE(block(english, "The new rules at a glance").kept);
  EXPECT_TRUE(block(english, "Booking required").kept);
  EXPECT_TRUE(block(english, "30,000 visitors").kept);
  EXPECT_TRUE(block(english, "Late openings").kept);
  EXPECT_FALSE(block(english, "The most visited").kept);

  auto french = run_text(join({"Accueil", "Culture", paragraph(1), paragraph(2), "Les nouvelles règles en bref",
                               "Réservation obligatoire", "30 000 visiteurs par jour",
                               "Nocturnes le vendredi et le samedi", "À lire aussi",
                               "Les musées les plus visités au monde"}));
  EXPECT_TRUE(block(french, "Réservation obligatoire").kept);
  EXPECT_TRUE(block(french, "Nocturnes le vendredi").kept);
  EXPECT_FALSE(block(french, "Les musées les plus").kept);

  auto menu = run_text(join({"Home", "News", paragraph(1), paragraph(2), "About us", "Contact us", "Work with us",
                             "Our team"}));
  EXPECT_TRUE(block(menu, "Paragraph 2").kept);
  EXPECT_FALSE(block(menu, "About us").kept);
  EXPECT_FALSE(block(menu, "Work with us").kept);
  EXPECT_FALSE(block(menu, "Our team").kept);
}

// A review's pros and cons under single headings, then its verdict: the
// headings cost as labels and the verdict, alone between short lines, read
// as a teaser, so the article ended before "Pros". A list between the last
// paragraph and one more is the article's. A menu there (link-like lines
// in a row) still ends the article.
TEST(Select, ListsBetweenTheLastParagraphAndOneMoreAreTheArticles) {
  const std::string verdict =
      "If sound quality matters most and you can live with charging every few days, these are a great choice. "
      "Frequent travelers should look elsewhere.";
  const std::string disclosure = "Affiliate disclosure: we may earn a commission from links on this page.";
  auto review = run_text(join({"Home", "Audio", paragraph(1), "Sound", paragraph(2), "Battery", paragraph(3), "Pros",
                               "Excellent, balanced sound", "Very comfortable", "Solid build quality", "Cons",
                               "Short battery life", "No carrying case", "Expensive at $349", "Verdict", verdict,
                               "Rating: 4/5", "Buy on Amazon", disclosure, "More Reviews",
                               "Best Noise-Cancelling Headphones 2023", "Newsletter"}));
  EXPECT_TRUE(block(review, "Paragraph 3").kept);
  EXPECT_TRUE(block(review, "Pros").kept);
  EXPECT_TRUE(block(review, "Excellent, balanced sound").kept);
  EXPECT_TRUE(block(review, "Very comfortable").kept);
  EXPECT_TRUE(block(review, "Cons").kept);
  EXPECT_TRUE(block(review, "Expensive at $349").kept);
  EXPECT_TRUE(block(review, "Verdict").kept);
  EXPECT_TRUE(block(review, "If sound quality").kept);
  EXPECT_FALSE(block(review, "Rating: 4/5").kept);
  EXPECT_FALSE(block(review, "Affiliate disclosure").kept);
  EXPECT_FALSE(block(review, "More Reviews").kept);

  // Link-like lines in a row are a menu, not headings over a list.
  auto menu = run_text(join({"Home", "Audio", paragraph(1), paragraph(2), "Guides", "Deals", "Short battery life",
                             "No carrying case", "Expensive at $349", "Verdict", verdict, "Newsletter"}));
  EXPECT_TRUE(block(menu, "Paragraph 2").kept);
  EXPECT_FALSE(block(menu, "Guides").kept);
  EXPECT_FALSE(block(menu, "If sound quality").kept);
}

TEST(Select, CookieNoticeIsNotTheArticle) {
  auto doc = run_text(join({paragraph(1), "Latest", "Sport",
                            "This website uses cookies to improve your experience while you navigate "
                            "through the website. Out of these cookies, the cookies that are "
                            "categorized as necessary are stored on your browser as they are essential.",
                            "Necessary cookies are absolutely essential for the website to function "
                            "properly and only include cookies that ensure basic functionalities."}));
  EXPECT_TRUE(block(doc, "Paragraph 1").kept);
  EXPECT_FALSE(block(doc, "This website uses cookies").kept);
  EXPECT_FALSE(block(doc, "Necessary cookies").kept);
}

// A cookie notice spread over three paragraphs in a row is small print
// still: its phrases are not interleaved with the article's prose.
TEST(Select, CookieNoticeOfSeveralParagraphsAfterTheArticle) {
  auto doc = run_text(join({paragraph(1), paragraph(2),
                            "This website uses cookies to improve your experience while you navigate "
                            "through the website, and some of them are stored on your browser.",
                            "Necessary cookies are absolutely essential for the website to function "
                            "properly and only include cookies that ensure basic functionalities.",
                            "We also use cookies from third parties that help us analyse how you use this "
                            "website; they are stored in your browser only with your consent."}));
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_FALSE(block(doc, "This website uses cookies").kept);
  EXPECT_FALSE(block(doc, "Necessary cookies").kept);
  EXPECT_FALSE(block(doc, "We also use cookies").kept);
}

// A recipe for cookies names them in paragraph after paragraph, to its end:
// they are not a cookie notice, which speaks of the site it is on.
TEST(Select, ARecipeForCookiesKeepsItsParagraphs) {
  auto recipe = run_text(join({"Home", "Recipes", "Chewy chocolate chip cookies",
                               "Preheat the oven and line two trays with baking paper before you start on the "
                               "dough, so that nothing waits once it is mixed.",
                               "Roll the dough into balls the size of a walnut and space the cookies well apart "
                               "on the trays, since they spread as they bake.",
                               "Bake the cookies for twelve minutes, until the edges are golden but the middles "
                               "still look soft, then leave them on the trays to firm up.",
                               "The cookies keep for a week in an airtight tin, if they last that long in a "
                               "house with children or hungry guests around.",
                               "Privacy Policy",
                               "We use cookies to improve your experience. By using this site you accept our "
                               "use of cookies."}));
  EXPECT_TRUE(block(recipe, "Roll the dough").kept);
  EXPECT_TRUE(block(recipe, "Bake the cookies").kept);
  EXPECT_TRUE(block(recipe, "The cookies keep").kept);
  EXPECT_FALSE(block(recipe, "We use cookies").kept);
}

// The phrases of small print are also what stories are about. A story on
// a new privacy policy names the policy among paragraphs that do not: such
// paragraphs are the article, while the site's own footer after it is not.
TEST(Select, AStoryAboutAPrivacyPolicyKeepsItsParagraphs) {
  auto policy = run_text(join({"Home", "Tech",
                               "Regulators said on Monday that they would examine the company's new privacy "
                               "policy, which takes effect next month for all of its users in Europe.",
                               "The changes allow the company to combine data from its messaging app with the "
                               "profiles people keep on its main site, which it had promised not to do.",
                               "Critics say the updated privacy policy is written so that few users will "
                               "understand what they agree to, and that refusing is buried deep.",
                               "The company said the new privacy policy gives people more control, not less, "
                               "and that it had consulted consumer groups before publishing it.",
                               "A spokesman for the regulator said a decision on a formal inquiry would come "
                               "before the end of the year.",
                               "Terms of Use",
                               "Copyright 2019 Example Media. All rights reserved. Read our privacy policy and "
                               "terms of use before using this site."}));
  EXPECT_TRUE(block(policy, "Regulators said").kept);
  EXPECT_TRUE(block(policy, "Critics say").kept);
  EXPECT_TRUE(block(policy, "The company said").kept);
  EXPECT_TRUE(block(policy, "A spokesman").kept);
  EXPECT_FALSE(block(policy, "Copyright 2019").kept);
}

// A short line of small print right after the last paragraph is the
// site's, not the article's closing credit.
TEST(Select, SmallPrintIsNotAClosingCredit) {
  auto doc = run_text(join({paragraph(1), paragraph(2), "Read our privacy policy before commenting", "Home", "Sport"}));
  EXPECT_TRUE(block(doc, "Paragraph 2").kept);
  EXPECT_FALSE(block(doc, "Read our privacy policy").kept);
}

TEST(Select, TagCloudIsNotProse) {
  auto doc = run_text(join({paragraph(1), "Tags",
                            "adote um amigo agua alerta ambiente amizade atendimento atirador bem-estar "
                            "biblioteca caminhada campanha capacitacao cidade clima cultura defesa "
                            "educacao emprego esporte evento feira festa governo"}));
  EXPECT_TRUE(block(doc, "Paragraph 1").kept);
  EXPECT_FALSE(block(doc, "adote um amigo").kept);
}

TEST(Select, SameTextTwiceIsKeptOnce) {
  auto doc = run_text(join({paragraph(1), paragraph(2), paragraph(1)}));
  int kept = 0;
  for (const auto& b : doc.blocks) kept += b.block.kept;
  EXPECT_EQ(kept, 2);
  EXPECT_EQ(doc.blocks[2].block.reason, Reason::Duplicate);
}

// A short line the text repeats is its own: a chorus line, a refrain, the
// question put to each person interviewed. Paragraphs, link-like labels
// (a menu shown twice) and a line shown twice in a row are still repeats.
TEST(Select, RefrainsAndRepeatedQuestionsStay) {
  auto kept = [](const detail::Document& doc, std::string_view text) {
    int n = 0;
    for (const auto& b : doc.blocks) n += b.text() == text && b.block.kept;
    return n;
  };
  auto song = run_text(join({"[Verse 1]", "I left my coat on the harbor wall", "And the night came down like rain",
                             "[Chorus]", "Oh, harbor lights", "Keep shining on", "Show me the way back home",
                             "Oh, harbor lights", "When the tide is gone", "I won't be walking alone"}));
  EXPECT_EQ(kept(song, "Oh, harbor lights"), 2);

  const std::string question = "What inspired you to start cooking?";
  auto interview = run_text(join({paragraph(1), question, paragraph(2), question, paragraph(3), paragraph(1)}));
  EXPECT_EQ(kept(interview, question), 2);
  EXPECT_EQ(kept(interview, paragraph(1)), 1);

  const std::string headline = "Can changing a phone break trademark law?!";
  auto twice = run_text(join({paragraph(1), headline, headline, paragraph(2), paragraph(3), "Business", paragraph(4),
                              "Business", paragraph(5)}));
  EXPECT_EQ(kept(twice, headline), 1);    // right after itself
  EXPECT_EQ(kept(twice, "Business"), 1);  // link-like
}

TEST(Select, PageWithoutProseKeepsWhatClassifyKept) {
  auto doc = run_text("Line one\nLine two\nAdvertisement\n");
  EXPECT_TRUE(block(doc, "Line one").kept || block(doc, "Line two").kept);
  EXPECT_FALSE(block(doc, "Advertisement").kept);
}

TEST(Select, FavorMovesUncertainBlocks) {
  std::string page = join({paragraph(1), paragraph(2), "Weather Radar", "Business News", "Local Sports",
                           paragraph(3), "Two Subheads", "In A Row", paragraph(4)});
  Options balanced, recall, precision;
  recall.favor = Favor::Recall;
  precision.favor = Favor::Precision;
  // Three link-like lines inside the article: a menu, except when favoring recall.
  EXPECT_FALSE(block(run_text(page, balanced), "Business News").kept);
  EXPECT_TRUE(block(run_text(page, recall), "Business News").kept);
  // Two in a row: subheadings, except when favoring precision.
  EXPECT_TRUE(block(run_text(page, balanced), "Two Subheads").kept);
  EXPECT_FALSE(block(run_text(page, precision), "Two Subheads").kept);
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// No global mutable state: the same page cleaned on several threads at once
// comes out the same everywhere.
TEST(SelectThreads, ConcurrentCallsAgree) {
  std::string page;
  for (int i = 0; i < 50; ++i) page += "Home\n\nAdvertisement\n\n" + testing::paragraph(i) + "\n\n";
  const std::string expected = clean_text(page).text;
  ASSERT_FALSE(expected.empty());
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) results[t] = clean_text(page).text;
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

// "By 2030, emissions will fall." between the article's paragraphs is a
// sentence, not a byline: as a byline it was dropped, and the two
// paragraphs before it with it as the summary before a byline.
// A stamp after the article's second paragraph ("Updated 3:45 p.m. ...")
// on a page that gave its byline above the article is no byline with a
// summary above it: the paragraphs before it stay.
TEST(Select, AnUpdateStampInsideTheArticleIsNoByline) {
  auto doc = run_text(join({"Home", "Council Approves the Climate Plan After a Long Debate", "By Jane Roe",
                            paragraph(1), paragraph(2), "Updated 3:45 p.m. Nov. 19, 2019", paragraph(3),
                            paragraph(4)}));
  for (int i = 1; i <= 4; ++i) EXPECT_TRUE(block(doc, "Paragraph " + std::to_string(i)).kept) << i;
  // A photo's credit still closes the lead photo's caption.
  auto credit = run_text(join({"Home", "Council Approves the Climate Plan After a Long Debate", "By Jane Roe",
                               "The council chamber before the vote on Tuesday evening, as members arrived for "
                               "the last reading of the plan.",
                               "Photo: Jane Roe/Getty Images", paragraph(1), paragraph(2), paragraph(3)}));
  EXPECT_FALSE(block(credit, "The council chamber").kept);
  EXPECT_TRUE(block(credit, "Paragraph 1").kept);
}

TEST(Select, ASentenceOpeningWithByAndAYearIsNoByline) {
  auto doc = run_text(join({"Home", "World", paragraph(1), paragraph(2), "By 2030, emissions will fall.",
                            paragraph(3), paragraph(4)}));
  for (int i = 1; i <= 4; ++i) EXPECT_TRUE(block(doc, "Paragraph " + std::to_string(i)).kept) << i;
  EXPECT_TRUE(block(doc, "By 2030, emissions will fall.").kept);
}

// A poem has no paragraph: its stanzas, lines in a row between blank lines,
// many ending mid-sentence, are the article, and its title the headline.
// Stanzas of headlines, which end no line with a comma, are no poem.
TEST(Select, APoemsStanzasAreTheArticle) {
  const std::string poem =
      "Home\nPoems\nAbout\nThe Road Not Taken\nby Robert Frost\n"
      "Two roads diverged in a yellow wood,\nAnd sorry I could not travel both\n"
      "And be one traveler, long I stood\nAnd looked down one as far as I could\n\n"
      "Then took the other, as just as fair,\nAnd having perhaps the better claim,\n"
      "Because it was grassy and wanted wear;\n\n"
      "And both that morning equally lay\nIn leaves no step had trodden black.\n"
      "Oh, I kept the first for another day!\n\nShare\nFacebook\nRelated Poems\nFire and Ice\n";
  auto doc = run_text(poem);
  for (const char* line : {"Two roads diverged", "And looked down one", "Then took the other",
                           "Because it was grassy", "And both that morning", "Oh, I kept the first"}) {
    EXPECT_TRUE(block(doc, line).kept) << line;
  }
  EXPECT_EQ(doc.metadata.title, "The Road Not Taken");
  EXPECT_FALSE(block(doc, "Related Poems").kept);
  // A stanza's lines go on one after another; a stanza opens a paragraph.
  EXPECT_FALSE(block(doc, "Two roads diverged").after_line_break);
  EXPECT_TRUE(block(doc, "And sorry I could not").after_line_break);
  EXPECT_FALSE(block(doc, "Then took the other").after_line_break);
  EXPECT_TRUE(block(doc, "Because it was grassy").after_line_break);
  const Result r = extract(poem, [] {
    Options o;
    o.mode = Mode::Text;
    return o;
  }());
  EXPECT_NE(r.text.find("Then took the other, as just as fair,\nAnd having perhaps the better claim,\n"
                        "Because it was grassy and wanted wear;\n\nAnd both that morning equally lay\n"),
            std::string::npos)
      << r.text;

  const std::string headlines =
      "Latest news\nCouncil votes to close the old bridge for repairs\nSchool board delays the new term again\n"
      "Storm leaves thousands without power overnight\n\n"
      "Mayor says the budget gap is smaller than feared\nLibrary opens a second branch downtown\n"
      "Police name the driver in the highway crash\n\n" +
      paragraph(1) + "\n\n" + paragraph(2) + "\n\n" + paragraph(3) + "\n";
  auto news = run_text(headlines);
  EXPECT_FALSE(block(news, "Council votes to close").kept);
  EXPECT_FALSE(block(news, "Library opens a second branch").kept);
  EXPECT_TRUE(block(news, "Paragraph 1").kept);
}

}  // namespace
}  // namespace winnow
