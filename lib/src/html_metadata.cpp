#include "html_metadata.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#include "entities.hpp"
#include "script_forms.hpp"
#include "url.hpp"
#include "winnow/site_boilerplate.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

using nlohmann::json;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return out;
}

const char* attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

// Whitespace folded, trimmed.
std::string fold(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The meta names and properties each field is read from, first one present
// wins. The prescan keeps only <meta> tags that name one of these.
constexpr std::string_view kSiteNameKeys[] = {"og:site_name", "application-name"};
constexpr std::string_view kTitleKeys[] = {"og:title", "twitter:title", "dc.title", "headline"};
constexpr std::string_view kAuthorKeys[] = {"author", "article:author", "dc.creator", "byl",
                                            "sailthru.author", "parsely-author"};
constexpr std::string_view kDateKeys[] = {"article:published_time", "datepublished", "date",
                                          "dc.date", "dc.date.issued", "pubdate", "publishdate",
                                          "sailthru.date", "og:updated_time"};
constexpr std::string_view kUrlKeys[] = {"og:url", "twitter:url"};
constexpr std::string_view kLanguageKeys[] = {"og:locale", "content-language", "language"};
constexpr std::string_view kDescriptionKeys[] = {"description", "og:description",
                                                 "twitter:description"};

template <std::size_t N>
std::string first_meta(const MetadataSource& s, const std::string_view (&keys)[N]) {
  for (std::string_view k : keys) {
    auto it = s.meta.find(std::string(k));
    if (it != s.meta.end() && !it->second.empty()) return fold(it->second);
  }
  return {};
}

// `first`, then the values of the meta tags of `keys` in their order: the
// candidates for a field, those that are empty left out.
template <std::size_t N>
std::vector<std::string> candidates(std::vector<std::string> first, const MetadataSource& s,
                                    const std::string_view (&keys)[N]) {
  for (std::string_view k : keys) {
    if (auto it = s.meta.find(std::string(k)); it != s.meta.end()) first.push_back(fold(it->second));
  }
  std::erase_if(first, [](const std::string& c) { return c.empty(); });
  return first;
}

// JSON-LD nodes by their "@id", so that {"@id": "#author"} can be read as
// the node it names (as Yoast and other @graph writers link them).
using IdIndex = std::unordered_map<std::string, const json*>;

void index_ids(const json& doc, IdIndex& ids, int budget = 64) {
  if (budget <= 0) return;
  if (doc.is_array()) {
    for (const auto& item : doc) index_ids(item, ids, budget - 1);
    return;
  }
  if (!doc.is_object()) return;
  if (auto id = doc.find("@id"); id != doc.end() && id->is_string() && doc.size() > 1) {
    ids.emplace(id->get<std::string>(), &doc);
  }
  if (auto g = doc.find("@graph"); g != doc.end()) index_ids(*g, ids, budget - 1);
}

// A schema.org value that may be a string, an object with "name" (or an
// "@id" naming one), or a list.
std::string json_name(const json& v, const IdIndex& ids, int depth = 0) {
  if (depth > 8) return {};
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    if (auto it = v.find("name"); it != v.end()) return json_name(*it, ids, depth + 1);
    if (auto id = v.find("@id"); id != v.end() && id->is_string()) {
      auto node = ids.find(id->get<std::string>());
      if (node != ids.end() && node->second != &v) return json_name(*node->second, ids, depth + 1);
    }
    return {};
  }
  if (v.is_array()) {
    std::string joined;
    for (const auto& item : v) {
      std::string n = json_name(item, ids, depth + 1);
      if (n.empty()) continue;
      if (!joined.empty()) joined += ", ";
      joined += n;
    }
    return joined;
  }
  return {};
}

bool is_article_type(const json& type) {
  static constexpr std::array<std::string_view, 9> kTypes = {
      "Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle",
      "AnalysisNewsArticle", "OpinionNewsArticle", "TechArticle", "ScholarlyArticle"};
  auto one = [](const json& t) {
    if (!t.is_string()) return false;
    auto s = t.get<std::string>();
    for (auto k : kTypes) {
      if (s == k) return true;
    }
    return false;
  };
  if (type.is_array()) {
    for (const auto& t : type) {
      if (one(t)) return true;
    }
    return false;
  }
  return one(type);
}

// The first Article-like object in a JSON-LD document (top level, a list, or
// an @graph).
const json* find_article(const json& doc, int budget = 64) {
  if (budget <= 0) return nullptr;
  if (doc.is_array()) {
    for (const auto& item : doc) {
      if (const json* a = find_article(item, budget - 1)) return a;
    }
    return nullptr;
  }
  if (!doc.is_object()) return nullptr;
  if (auto t = doc.find("@type"); t != doc.end() && is_article_type(*t)) return &doc;
  if (auto g = doc.find("@graph"); g != doc.end()) {
    if (const json* a = find_article(*g, budget - 1)) return a;
  }
  // A WebPage whose main entity is the article.
  if (auto e = doc.find("mainEntity"); e != doc.end()) return find_article(*e, budget - 1);
  return nullptr;
}

// `later_date`: the article's dateCreated or dateModified, for a page that
// gives no date of publication anywhere.
void fill_from_json_ld(Metadata& m, std::string& later_date, const std::vector<std::string>& json_ld) {
  std::vector<json> docs;
  IdIndex ids;
  for (const auto& text : json_ld) {
    json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_discarded()) docs.push_back(std::move(doc));
  }
  // Indexed once all are parsed: a block may name a node of another.
  for (const auto& doc : docs) index_ids(doc, ids);
  for (const auto& doc : docs) {
    const json* a = find_article(doc);
    if (!a) continue;
    auto str = [&](const char* key) -> std::string {
      auto it = a->find(key);
      return it == a->end() ? std::string() : fold(json_name(*it, ids));
    };
    if (m.title.empty()) m.title = str("headline");
    if (m.author.empty()) m.author = str("author");
    if (m.date.empty()) m.date = str("datePublished");
    if (m.description.empty()) m.description = str("description");
    if (m.site_name.empty()) m.site_name = str("publisher");
    if (m.url.empty()) m.url = str("url");
    if (m.language.empty()) {
      // A Language node names the language ("English") and may give its
      // code as alternateName ("en").
      auto it = a->find("inLanguage");
      if (it != a->end() && it->is_object()) {
        if (auto code = it->find("alternateName"); code != it->end() && code->is_string()) m.language = fold(code->get<std::string>());
      }
      if (m.language.empty()) m.language = str("inLanguage");
    }
    later_date = str("dateCreated");
    if (later_date.empty()) later_date = str("dateModified");
    return;
  }
}

}  // namespace

void MetadataSource::element(const GumboElement& e) {
  switch (e.tag) {
    case GUMBO_TAG_HTML:
      if (const char* l = attribute(e, "lang"); l && lang.empty()) lang = l;
      else if (const char* xl = attribute(e, "xml:lang"); xl && lang.empty()) lang = xl;
      break;
    case GUMBO_TAG_LINK:
      if (const char* rel = attribute(e, "rel"); rel && lower(rel) == "canonical") {
        if (const char* href = attribute(e, "href"); href && canonical.empty()) canonical = href;
      }
      break;
    case GUMBO_TAG_TIME:
      if (const char* dt = attribute(e, "datetime"); dt && time_datetime.empty()) time_datetime = dt;
      break;
    case GUMBO_TAG_BASE:
      if (const char* href = attribute(e, "href"); href && base_href.empty()) base_href = href;
      break;
    case GUMBO_TAG_META: {
      const char* content = attribute(e, "content");
      if (!content) break;
      for (const char* key : {"property", "name", "itemprop", "http-equiv"}) {
        if (const char* k = attribute(e, key)) meta.emplace(lower(k), content);
      }
      break;
    }
    default: break;
  }
}

namespace {

// Whether a space-separated attribute value (itemprop, rel) holds `token`,
// without regard to case.
bool has_token(const char* value, std::string_view token) {
  std::string_view v(value);
  auto same = [&](std::size_t at) {
    for (std::size_t k = 0; k < token.size(); ++k) {
      if ((v[at + k] | 0x20) != token[k]) return false;
    }
    return true;
  };
  for (std::size_t i = 0; i < v.size();) {
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n')) ++i;
    std::size_t end = i;
    while (end < v.size() && v[end] != ' ' && v[end] != '\t' && v[end] != '\n') ++end;
    if (end - i == token.size() && same(i)) return true;
    i = end;
  }
  return false;
}

// An element's itemprop and rel, in one look at its attributes: the walk
// asks every element. The tokenizer writes attribute names in lower case.
struct MarkingAttributes {
  const char* itemprop = nullptr;
  const char* rel = nullptr;
};

MarkingAttributes marking_attributes(const GumboElement& e) {
  MarkingAttributes found;
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    const char* name = a->name;
    if (name[0] == 'i' && std::strcmp(name, "itemprop") == 0) found.itemprop = a->value;
    if (name[0] == 'r' && std::strcmp(name, "rel") == 0) found.rel = a->value;
  }
  return found;
}

// A byline's "By Jane Doe" is Jane Doe.
void drop_by(std::string& author) {
  if (author.size() > 3 && (author[0] == 'B' || author[0] == 'b') && (author[1] == 'Y' || author[1] == 'y') &&
      author[2] == ' ') {
    author.erase(0, 3);
  }
}

// Whether a marked author's text is the byline's "By" and no name: the
// name is further on, or nowhere.
bool only_by(std::string_view name) {
  if (name.ends_with(':')) name.remove_suffix(1);
  return name.size() == 2 && (name[0] | 0x20) == 'b' && (name[1] | 0x20) == 'y';
}

// An author's name as marked: a byline's "By " left out, and nothing when
// the text is too long to be names (an author box with a biography), is a
// "By" alone, or a URL (a profile's, as article:author often is).
std::string marked_name(std::string_view text) {
  constexpr std::size_t kLongestNames = 80;
  constexpr std::size_t kLongestLabel = 16;
  std::string name = fold(text);
  drop_by(name);
  // A label before the names: "By: ", "Text: ", "Autor: ".
  if (const auto label_end = name.find(": "); label_end != std::string::npos && label_end < kLongestLabel &&
      name.find(' ') > label_end) {
    name.erase(0, label_end + 2);
  }
  if (name.size() > kLongestNames || only_by(name) || name.starts_with("http")) name.clear();
  return name;
}

}  // namespace

std::uint8_t AuthorMarks::enter(const GumboElement& e, int hidden_depth) {
  std::uint8_t opened = kNothing;
  if (e.attributes.length == 0) return opened;
  const MarkingAttributes marks = marking_attributes(e);
  const char* prop = authors_.size() < kMaxAuthors ? marks.itemprop : nullptr;
  // The authors of comments and reviews are not the article's.
  if (prop && (has_token(prop, "comment") || has_token(prop, "review"))) {
    ++others_items_;
    return kOthersItem;
  }
  if (others_items_ > 0) return kNothing;
  if (prop && !in_author_ && has_token(prop, "author")) {
    in_author_ = true;
    author_hidden_ = hidden_depth;
    author_line_done_ = false;
    has_name_ = false;
    author_text_.clear();
    name_text_.clear();
    opened |= kAuthor;
  } else if (prop && in_author_ && !has_name_ && has_token(prop, "name")) {
    has_name_ = true;
    if (e.tag == GUMBO_TAG_META) {
      if (const char* content = attribute(e, "content")) name_text_ = content;
    } else {
      in_name_ = true;
      name_hidden_ = hidden_depth;
      opened |= kName;
    }
  }
  if (e.tag == GUMBO_TAG_A && !link_done_ && !in_link_) {
    if (marks.rel && has_token(marks.rel, "author")) {
      in_link_ = true;
      link_hidden_ = hidden_depth;
      link_line_done_ = false;
      opened |= kLink;
    }
  }
  return opened;
}

void AuthorMarks::text(std::string_view chars, int hidden_depth) {
  if (in_name_ && hidden_depth == name_hidden_) name_text_ += chars;
  if (in_author_ && !author_line_done_ && hidden_depth == author_hidden_) author_text_ += chars;
  if (in_link_ && !link_line_done_ && hidden_depth == link_hidden_) link_ += chars;
}

void AuthorMarks::line_end() {
  // A name's lines are its words; an author's or a link's own text is its
  // first line that names someone, past a "By" ("Jane Doe<br>Staff Writer").
  if (in_name_) name_text_ += ' ';
  if (in_author_ && !author_line_done_) {
    author_line_done_ = !marked_name(author_text_).empty();
    if (!author_line_done_) author_text_.clear();
  }
  if (in_link_ && !link_line_done_) {
    link_line_done_ = !marked_name(link_).empty();
    if (!link_line_done_) link_.clear();
  }
}

void AuthorMarks::leave(std::uint8_t opened) {
  if (opened & kOthersItem) --others_items_;
  if (opened & kName) in_name_ = false;
  if (opened & kLink) {
    in_link_ = false;
    link_ = marked_name(link_);
    link_done_ = !link_.empty();
  }
  if (opened & kAuthor) {
    in_author_ = false;
    std::string name = marked_name(has_name_ ? name_text_ : author_text_);
    if (!name.empty() && std::find(authors_.begin(), authors_.end(), name) == authors_.end()) {
      authors_.push_back(std::move(name));
    }
  }
}

std::string AuthorMarks::names() const {
  std::string joined;
  for (const auto& a : authors_) {
    if (!joined.empty()) joined += ", ";
    joined += a;
  }
  return joined.empty() ? link_ : joined;
}

namespace {

constexpr std::array<std::string_view, 7> kSiteSeparators = {
    " | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xB7 ", " \xC2\xBB "};

// A site name as compared: its letters and digits, lower-cased, so "TheHill"
// names "The Hill", "the Guardian" "The Guardian" and "новости" "Новости".
std::string site_name_key(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    if (is_letter_or_digit(cp)) append_utf8(out, to_lower(cp));
  }
  return out;
}

// The title without a first or last segment that is the site's name; the
// title as it is when no segment is.
std::string strip_named_site(const std::string& t, const std::string& site) {
  if (site.empty()) return t;
  for (auto sep : kSiteSeparators) {
    std::size_t at = t.rfind(sep);
    if (at == std::string::npos || at == 0) continue;
    if (site_name_key(std::string_view(t).substr(at + sep.size())) == site) return t.substr(0, at);
    std::size_t first = t.find(sep);
    if (site_name_key(std::string_view(t).substr(0, first)) == site) return t.substr(first + sep.size());
  }
  return t;
}

}  // namespace

std::optional<std::string> language_tag(std::string_view value) {
  constexpr std::size_t kLongestTag = 35;
  if (value.size() > kLongestTag) return std::nullopt;
  // Subtags of letters and digits, separated by '-' or (as locales write
  // them) '_'.
  std::vector<std::string> subtags(1);
  for (char c : value) {
    if (c == '-' || c == '_') {
      subtags.emplace_back();
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      subtags.back().push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    } else {
      return std::nullopt;
    }
  }
  auto letters = [](const std::string& sub) {
    return std::all_of(sub.begin(), sub.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  };
  // The language itself: two or three letters.
  if (subtags.front().size() < 2 || subtags.front().size() > 3 || !letters(subtags.front())) return std::nullopt;
  std::string tag = subtags.front();
  for (std::size_t i = 1; i < subtags.size(); ++i) {
    std::string sub = subtags[i];
    if (sub.empty()) return std::nullopt;
    // Each kind in its usual case: a region in capitals ("en-GB"), a
    // script with one ("zh-Hant-TW").
    if (letters(sub) && sub.size() == 2) {
      for (char& c : sub) c = static_cast<char>(c - 'a' + 'A');
    } else if (letters(sub) && sub.size() == 4) {
      sub[0] = static_cast<char>(sub[0] - 'a' + 'A');
    }
    tag += '-';
    tag += sub;
  }
  return tag;
}

std::string strip_site_name(std::string_view title, std::string_view site_name) {
  std::string t = fold(title);
  std::string site = site_name_key(fold(site_name));
  if (!site.empty()) {
    std::string stripped = strip_named_site(t, site);
    if (stripped != t) return stripped;
  }
  for (auto sep : kSiteSeparators) {
    std::size_t at = t.rfind(sep);
    if (at == std::string::npos || at == 0) continue;
    std::string tail = t.substr(at + sep.size());
    std::string head = t.substr(0, at);
    // Not the site's name, but a short tail: a site name all the same.
    if (site.empty() && tail.size() * 2 < head.size() && tail.size() <= 40) return head;
  }
  return t;
}

bool meta_key_is_read(std::string_view key) {
  auto in = [&](const auto& keys) {
    return std::find(std::begin(keys), std::end(keys), key) != std::end(keys);
  };
  return in(kSiteNameKeys) || in(kTitleKeys) || in(kAuthorKeys) || in(kDateKeys) || in(kUrlKeys) ||
         in(kLanguageKeys) || in(kDescriptionKeys);
}

namespace {

// The page's URL: the first absolute one of JSON-LD's url, <link
// rel=canonical>, og:url and twitter:url; else the first of them read against
// an absolute <base href>; else the first as written.
std::string page_url(const std::string& json_ld_url, const MetadataSource& s) {
  const std::vector<std::string> urls = candidates({json_ld_url, fold(s.canonical)}, s, kUrlKeys);
  if (urls.empty()) return {};
  for (const auto& url : urls) {
    if (resolve_url(url, "")) return url;
  }
  if (auto base = resolve_url(fold(s.base_href), "")) {
    if (auto resolved = resolve_url(*base, urls.front())) return *resolved;
  }
  return urls.front();
}

// The page's language: the first of JSON-LD's, <html lang> and the meta
// tags' that is a language tag, written as tags are ("en_US" and "en-us" as
// "en-US"); else the first as it is.
std::string page_language(const std::string& json_ld_language, const MetadataSource& s) {
  const std::vector<std::string> languages = candidates({json_ld_language, fold(s.lang)}, s, kLanguageKeys);
  for (const auto& language : languages) {
    if (auto tag = language_tag(language)) return *tag;
  }
  return languages.empty() ? std::string() : languages.front();
}

}  // namespace

Metadata resolve_metadata(const MetadataSource& s, const std::vector<std::string>& json_ld) {
  // JSON-LD is not HTML, so its "&amp;" and "&#8217;" were never decoded, and
  // pages escape meta content twice: names and sentences are read as text.
  auto decoded = [](std::string& field) {
    if (field.find('&') != std::string::npos && decode_entities(field) > 0) field = fold(field);
  };
  Metadata m;
  // The site names itself in og:site_name; JSON-LD's publisher is the
  // article's, another site's on a syndicated story ("Associated Press" on
  // a local paper's page), so it is only the fallback.
  m.site_name = first_meta(s, kSiteNameKeys);
  std::string later_date;
  fill_from_json_ld(m, later_date, json_ld);
  decoded(m.site_name);
  // Some sites give their address as their name: its host reads as one.
  if (m.site_name.starts_with("http://") || m.site_name.starts_with("https://")) {
    if (std::string host = SiteBoilerplate::site_key(m.site_name); !host.empty()) m.site_name = std::move(host);
  }
  if (m.title.empty()) m.title = first_meta(s, kTitleKeys);
  decoded(m.title);
  // og:title and headlines repeat the site's name as often as <title> does.
  if (!m.title.empty()) m.title = strip_named_site(m.title, site_name_key(m.site_name));
  if (m.title.empty() && !s.title_tag.empty()) {
    m.title = strip_site_name(s.title_tag, m.site_name);
    // "Headline | Site" where the page's <h1> is the headline; the <h1> may
    // write "CO<sub>2</sub>" (walked as "CO₂") where <title> has "CO2".
    std::string h1 = fold(s.first_h1);
    if (!h1.empty() && m.title != h1 && plain_script_forms(m.title).starts_with(plain_script_forms(h1))) {
      m.title = h1;
    }
  }
  if (m.title.empty()) m.title = fold(s.first_h1);
  if (m.author.empty()) {
    m.author = first_meta(s, kAuthorKeys);
    // article:author is often a profile URL, which is not a name.
    if (m.author.starts_with("http")) m.author.clear();
  }
  if (m.author.empty()) m.author = s.author_marks.names();
  drop_by(m.author);
  decoded(m.author);
  if (m.date.empty()) {
    m.date = first_meta(s, kDateKeys);
  }
  if (m.date.empty()) m.date = fold(s.time_datetime);
  if (m.date.empty()) m.date = later_date;
  m.url = page_url(m.url, s);
  m.language = page_language(m.language, s);
  if (m.description.empty()) {
    m.description = first_meta(s, kDescriptionKeys);
  }
  decoded(m.description);
  return m;
}

}  // namespace winnow::detail
