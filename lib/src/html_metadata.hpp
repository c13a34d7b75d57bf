// Page metadata from the DOM: <title>, <meta> (Open Graph, Twitter, Dublin
// Core, article:*), <link rel=canonical>, <html lang>, <time>, and JSON-LD
// (schema.org Article/NewsArticle/...), which wins when present.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "winnow/winnow.hpp"

namespace winnow::detail {

// The authors a page marks in its body, gathered along the tree walk:
// schema.org microdata (an element with itemprop="author" gives the text of
// its itemprop="name", or of a <meta itemprop="name" content>, else its own
// text) and the text of the first <a rel="author">, outside comments and
// reviews (itemprop="comment", "review"). Pages that give no
// author in <meta> or JSON-LD often mark the byline so.
class AuthorMarks {
 public:
  // What entering an element opened, for leave() to close.
  enum Opened : std::uint8_t { kNothing = 0, kAuthor = 1, kName = 2, kLink = 4, kOthersItem = 8 };

  // `hidden_depth`: how many hidden elements are open, this one counted.
  std::uint8_t enter(const GumboElement& e, int hidden_depth);
  void leave(std::uint8_t opened);
  // Whether text is being gathered: the walk passes its text on only then.
  bool gathering() const { return in_author_ || in_name_ || in_link_; }
  // Text under `hidden_depth` hidden elements: of an element that opened
  // under fewer, it is hidden inside it (an icon's ligature "person", a
  // screen reader's "(opens in a new tab)"), no part of a name.
  void text(std::string_view chars, int hidden_depth);
  // A line ends in the text: a <br>, or a block opens or closes.
  void line_end();

  // The microdata authors joined by ", ", else the rel="author" link's text.
  std::string names() const;

 private:
  static constexpr std::size_t kMaxAuthors = 4;

  std::vector<std::string> authors_;
  std::string link_;
  std::string author_text_, name_text_;
  bool in_author_ = false, in_name_ = false, in_link_ = false;
  bool has_name_ = false;  // the open author element had an itemprop="name"
  // The open author element's or link's text has its line with a name.
  bool author_line_done_ = false, link_line_done_ = false;
  // The hidden elements open where the author, name and link opened.
  int author_hidden_ = 0, name_hidden_ = 0, link_hidden_ = 0;
  bool link_done_ = false;
  int others_items_ = 0;  // open comments and reviews: their authors are not the article's
};

// What the tree walk collects for metadata, before it is resolved.
struct MetadataSource {
  std::string title_tag;  // text of <title>
  std::string first_h1;   // text of the first <h1> in the body
  std::string lang;
  std::string canonical;
  std::string base_href;      // the first <base href>
  std::string time_datetime;  // the first <time datetime> or itemprop date
  std::unordered_map<std::string, std::string> meta;  // name/property -> first content
  AuthorMarks author_marks;

  // Record what a <meta>, <link>, <html> or <time> element says.
  void element(const GumboElement& e);
};

// Whether a <meta> name/property (lower-cased) is one resolve_metadata reads.
bool meta_key_is_read(std::string_view key);

// Resolve the sources into Metadata (JSON-LD first, then meta tags, then
// the document itself).
Metadata resolve_metadata(const MetadataSource& source, const std::vector<std::string>& json_ld);

// "Headline | Site" -> "Headline": drops the site name (when known, compared
// by its letters and digits without case; else a short trailing segment after
// " | ", " - ", " — ", " :: ", " · ").
std::string strip_site_name(std::string_view title, std::string_view site_name);

// A language as a tag is written ("en_US" and "en-us" as "en-US",
// "ZH_hant_tw" as "zh-Hant-TW"); nothing when it is not one ("English").
std::optional<std::string> language_tag(std::string_view value);

}  // namespace winnow::detail
