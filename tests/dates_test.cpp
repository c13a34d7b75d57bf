// Dates as bylines and datelines write them.
#include <gtest/gtest.h>

#include "dates.hpp"
#include "winnow/winnow.hpp"

namespace winnow {
namespace {

using detail::read_date;

std::string read(std::string_view text) {
  const auto date = read_date(text);
  return date ? detail::iso_date(*date) : "none";
}

TEST(Dates, InIsoOrder) {
  EXPECT_EQ(read("2019-11-18T20:51:19Z"), "2019-11-18");
  EXPECT_EQ(read("Posted on 2019/11/05 by the editors"), "2019-11-05");
  EXPECT_EQ(read("기사입력 :[ 2018-08-25 15:24 ]"), "2018-08-25");
  EXPECT_EQ(read("2018年8月25日 15時24分"), "2018-08-25");
  EXPECT_EQ(read("2018년 8월 25일"), "2018-08-25");
}

TEST(Dates, WithTheMonthByName) {
  EXPECT_EQ(read("Updated 1:39 am EST, Wednesday, November 20, 2019"), "2019-11-20");
  EXPECT_EQ(read("- Nov. 18th 2019 8:54 am PT"), "2019-11-18");
  EXPECT_EQ(read("Mon 18 Nov 2019 18.54 GMT"), "2019-11-18");
  EXPECT_EQ(read("Published: 19-Nov-2019"), "2019-11-19");
  EXPECT_EQ(read("19. November 2019, 10:05 Uhr"), "2019-11-19");
  EXPECT_EQ(read("1er décembre 2019"), "2019-12-01");
  EXPECT_EQ(read("19 de noviembre de 2019"), "2019-11-19");
  EXPECT_EQ(read("Текст: Венера Ерофеева·24 сентября 2018"), "2018-09-24");
  EXPECT_EQ(read("the 3rd of May, 2019"), "2019-05-03");
}

TEST(Dates, InNumbersOnlyOneOrderAllows) {
  EXPECT_EQ(read("13.11.2019, 23:06"), "2019-11-13");
  EXPECT_EQ(read("05.10.2018 - Publicado por: Clara"), "2018-10-05");  // dots: the day first
  EXPECT_EQ(read("11/19/2019 by Lars Roe"), "2019-11-19");
  EXPECT_EQ(read("21/06/2014 Tony Roe"), "2014-06-21");
  EXPECT_EQ(read("11/05/2019"), "none");  // May 11 or November 5
}

TEST(Dates, WhatIsNoDate) {
  EXPECT_EQ(read("Best tech gadgets of 2019"), "none");
  EXPECT_EQ(read("Top 10 of 2019"), "none");
  EXPECT_EQ(read("13-Inch MacBook Pro Expected in First Half of 2020"), "none");
  EXPECT_EQ(read("Posted 2 days ago"), "none");
  EXPECT_EQ(read("February 30, 2019"), "none");  // no such day
  EXPECT_EQ(read("November 19, 1850"), "none");  // years 1900-2099
  EXPECT_EQ(read("Published Wed, Nov 20 20194:29 AM EST"), "none");
  EXPECT_EQ(read(""), "none");
}

// Text mode has no metadata of its own: the date is the dateline's.
TEST(Dates, TextModeReportsTheDatelinesDate) {
  const std::string article =
      "The council voted late on Tuesday to pass the budget, ending a debate that had run for weeks.\n"
      "Members said the plan would keep the libraries open and fix the roads before the winter comes.\n"
      "The mayor is expected to sign it on Friday, after the final reading in the chamber downtown.\n";
  Result r = clean_text("Home\nCouncil Passes the Budget After a Long Night\nBy Jane Roe\n"
                        "Updated 1:39 am EST, Wednesday, November 20, 2019\n" + article);
  EXPECT_EQ(r.metadata.date, "2019-11-20");
  // A date further up, among other stories' teasers, is not the article's.
  Result teasers = clean_text("Home\nOther Story Headline Here\nSeptember 12, 2016\nMore\nSports\nWeather\n"
                              "Local\nPolitics\nOpinion\nVideo\nPhotos\nObituaries\nJobs\nCars\n" + article);
  EXPECT_EQ(teasers.metadata.date, "");
}

}  // namespace
}  // namespace winnow
