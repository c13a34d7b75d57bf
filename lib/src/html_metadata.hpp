// Page metadata from the DOM: <title>, <meta> (Open Graph, Twitter, Dublin
// Core, article:*), <link rel=canonical>, <html lang>, <time>, and JSON-LD
// (schema.org Article/NewsArticle/...), which wins when present.
#pragma once

#include <gumbo.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "winnow/winnow.hpp"

namespace winnow::detail {

// What the tree walk collects for metadata, before it is resolved.
struct MetadataSource {
  std::string title_tag;  // text of <title>
  std::string first_h1;   // text of the first <h1> in the body
  std::string lang;
  std::string canonical;
  std::string base_href;      // the first <base href>
  std::string time_datetime;  // the first <time datetime> or itemprop date
  std::unordered_map<std::string, std::string> meta;  // name/property -> first content

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
