#include "html_prescan.hpp"

#include <algorithm>
#include <gumbo.h>

#include "ascii_words.hpp"
#include "html_hints.hpp"
#include "html_metadata.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>

namespace winnow::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view lower_needle) {
  if (s.size() - at < lower_needle.size()) return false;
  for (std::size_t i = 0; i < lower_needle.size(); ++i) {
    if (lower(s[at + i]) != lower_needle[i]) return false;
  }
  return true;
}

// Elements whose content is never text and whose end the tokenizer finds by
// name alone (raw text), or which are left out with all they contain.
bool is_raw_text_dropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_XMP: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
      return true;
    default:
      return false;
  }
}

// Elements that don't nest: void, or closed implicitly by their next sibling.
bool is_unnested(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR: case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_P:
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_RB:
    case GUMBO_TAG_RT: case GUMBO_TAG_RP: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

// The attributes extraction reads, by lower-cased name.
enum class Attr {
  Other, Class, Id, Style, Role, Hidden, AriaHidden, Href, Lang, XmlLang, Itemprop, Property,
  Name, Content, Charset, HttpEquiv, Rel, Datetime, Type, Start, Value, Colspan, Rowspan
};
static_assert(static_cast<unsigned>(Attr::Rowspan) < 32, "write_markup() keeps one bit per kind");

Attr attribute_kind(std::string_view name) {
  static constexpr std::pair<std::string_view, Attr> kKinds[] = {
      {"class", Attr::Class},       {"id", Attr::Id},
      {"style", Attr::Style},       {"role", Attr::Role},
      {"hidden", Attr::Hidden},     {"aria-hidden", Attr::AriaHidden},
      {"href", Attr::Href},         {"lang", Attr::Lang},
      {"xml:lang", Attr::XmlLang},  {"itemprop", Attr::Itemprop},
      {"property", Attr::Property}, {"name", Attr::Name},
      {"content", Attr::Content},   {"charset", Attr::Charset},
      {"http-equiv", Attr::HttpEquiv}, {"rel", Attr::Rel},
      {"datetime", Attr::Datetime}, {"type", Attr::Type},
      {"start", Attr::Start},       {"value", Attr::Value},
      {"colspan", Attr::Colspan},   {"rowspan", Attr::Rowspan}};
  char lowered[16];
  if (name.size() > sizeof lowered) return Attr::Other;
  for (std::size_t i = 0; i < name.size(); ++i) lowered[i] = lower(name[i]);
  std::string_view key(lowered, name.size());
  for (auto [n, kind] : kKinds) {
    if (n == key) return kind;
  }
  return Attr::Other;
}

struct Attribute {
  std::string_view name;   // as written
  std::string_view value;  // raw, entities undecoded
  Attr kind = Attr::Other;
};

struct Tag {
  std::string name;  // lower-cased
  GumboTag id = GUMBO_TAG_UNKNOWN;
  bool end = false;
  bool self_closing = false;
  std::vector<Attribute> attributes;
  std::size_t next = 0;  // offset after '>'
  bool complete = false;  // false when the page ended inside the tag
};

// Tokenize one tag starting at s[at] == '<' (HTML "tag open" onwards).
void read_tag(std::string_view s, std::size_t at, Tag& tag) {
  tag.attributes.clear();
  tag.name.clear();
  tag.self_closing = false;
  tag.complete = false;
  std::size_t i = at + 1;
  tag.end = s[i] == '/';
  if (tag.end) ++i;
  std::size_t tag_name_at = i;
  while (i < s.size() && !is_space(s[i]) && s[i] != '/' && s[i] != '>') ++i;
  tag.name.assign(s.data() + tag_name_at, i - tag_name_at);
  for (auto& c : tag.name) c = lower(c);
  tag.id = gumbo_tagn_enum(tag.name.data(), static_cast<unsigned>(tag.name.size()));
  while (i < s.size()) {
    while (i < s.size() && (is_space(s[i]) || s[i] == '/')) {
      tag.self_closing = s[i] == '/';
      ++i;
    }
    if (i >= s.size()) break;
    if (s[i] == '>') {
      tag.next = i + 1;
      tag.complete = true;
      return;
    }
    tag.self_closing = false;
    std::size_t name_start = i++;
    while (i < s.size() && !is_space(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=') ++i;
    Attribute a{s.substr(name_start, i - name_start), {}, Attr::Other};
    a.kind = attribute_kind(a.name);
    while (i < s.size() && is_space(s[i])) ++i;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && is_space(s[i])) ++i;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        char quote = s[i++];
        std::size_t close = s.find(quote, i);
        if (close == std::string_view::npos) break;
        a.value = s.substr(i, close - i);
        i = close + 1;
      } else {
        std::size_t start = i;
        while (i < s.size() && !is_space(s[i]) && s[i] != '>') ++i;
        a.value = s.substr(start, i - start);
      }
    }
    tag.attributes.push_back(a);
  }
  tag.next = s.size();
  return;
}

// Where "</name" followed by a tag-name terminator occurs at or after `from`.
std::size_t find_end_tag(std::string_view s, std::size_t from, std::string_view name) {
  for (std::size_t at = s.find("</", from); at != std::string_view::npos; at = s.find("</", at + 2)) {
    std::size_t after = at + 2 + name.size();
    if (starts_with_ci(s, at + 2, name) &&
        (after >= s.size() || is_space(s[after]) || s[after] == '/' || s[after] == '>')) {
      return at;
    }
  }
  return std::string_view::npos;
}

bool tag_name_follows(std::string_view s, std::size_t at, std::string_view name) {
  std::size_t after = at + name.size();
  return starts_with_ci(s, at, name) &&
         (after >= s.size() || is_space(s[after]) || s[after] == '/' || s[after] == '>');
}

// Where a script's content ends, with the tokenizer's escape states: inside
// "<!--", a "<script" opens a nested (double-escaped) script whose "</script"
// does not end the outer one.
std::size_t find_script_end(std::string_view s, std::size_t from) {
  enum { Data, Escaped, DoubleEscaped } state = Data;
  std::size_t comment_close = std::string_view::npos;  // next "-->" once escaped
  std::size_t i = from;
  while (true) {
    std::size_t lt = s.find('<', i);
    if (state != Data && comment_close != std::string_view::npos && comment_close < lt) {
      state = Data;
      i = comment_close + 3;
      continue;
    }
    if (lt == std::string_view::npos) return lt;
    if (state == Data && s.compare(lt, 4, "<!--") == 0) {
      state = Escaped;
      // "<!-->" and "<!--->" close at once.
      comment_close = s.find("-->", lt + 2);
      i = lt + 4;
      continue;
    }
    if (s.compare(lt, 2, "</") == 0 && tag_name_follows(s, lt + 2, "script")) {
      if (state != DoubleEscaped) return lt;
      state = Escaped;
    } else if (state == Escaped && tag_name_follows(s, lt + 1, "script")) {
      state = DoubleEscaped;
    }
    i = lt + 1;
  }
}

// The end of a comment opened at `at` ("<!--"), past its closing "-->".
std::size_t comment_end(std::string_view s, std::size_t at) {
  std::size_t body = at + 4;
  if (s.compare(body, 1, ">") == 0) return body + 1;
  if (s.compare(body, 2, "->") == 0) return body + 2;
  for (std::size_t i = s.find("--", body); i != std::string_view::npos; i = s.find("--", i + 1)) {
    if (s.compare(i + 2, 1, ">") == 0) return i + 3;
    if (s.compare(i + 2, 2, "!>") == 0) return i + 4;
  }
  return s.size();
}

// The end of an element that may nest in itself (svg, template), after its
// matching end tag.
std::size_t nested_element_end(std::string_view s, std::size_t from, std::string_view name) {
  int depth = 1;
  std::size_t i = from;
  while (depth > 0) {
    i = s.find('<', i);
    if (i == std::string_view::npos) return s.size();
    if (s.compare(i, 4, "<!--") == 0) {
      i = comment_end(s, i);
    } else if (s.compare(i, 2, "</") == 0 && tag_name_follows(s, i + 2, name)) {
      --depth;
      std::size_t close = s.find('>', i);
      i = close == std::string_view::npos ? s.size() : close + 1;
    } else if (tag_name_follows(s, i + 1, name)) {
      std::size_t close = s.find('>', i);
      if (close == std::string_view::npos) return s.size();
      if (s[close - 1] != '/') ++depth;
      i = close + 1;
    } else {
      ++i;
    }
  }
  return i;
}

bool is_json_ld(const Tag& tag) {
  for (const auto& a : tag.attributes) {
    if (a.name.size() == 4 && starts_with_ci(a.name, 0, "type") &&
        a.value.find("ld+json") != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// A style matters only when it may hide the element.
bool style_may_hide(std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (starts_with_ci(value, i, "display") || starts_with_ci(value, i, "visibility")) return true;
  }
  return false;
}

std::string_view attribute_name(Attr kind) {
  switch (kind) {
    case Attr::Class: return "class";
    case Attr::Id: return "id";
    case Attr::Style: return "style";
    case Attr::Role: return "role";
    case Attr::Hidden: return "hidden";
    case Attr::AriaHidden: return "aria-hidden";
    case Attr::Href: return "href";
    case Attr::Lang: return "lang";
    case Attr::XmlLang: return "xml:lang";
    case Attr::Itemprop: return "itemprop";
    case Attr::Property: return "property";
    case Attr::Name: return "name";
    case Attr::Content: return "content";
    case Attr::Charset: return "charset";
    case Attr::HttpEquiv: return "http-equiv";
    case Attr::Rel: return "rel";
    case Attr::Datetime: return "datetime";
    case Attr::Type: return "type";
    case Attr::Start: return "start";
    case Attr::Value: return "value";
    case Attr::Colspan: return "colspan";
    case Attr::Rowspan: return "rowspan";
    case Attr::Other: break;
  }
  return {};
}

// What the tree walk reads of the element (hidden_by in html_tree.cpp): its
// hidden state.
bool may_hide(const Attribute& a) {
  return a.kind == Attr::Hidden || a.kind == Attr::AriaHidden ||
         (a.kind == Attr::Style && style_may_hide(a.value));
}

void append_attribute_value(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '"') out.append("&quot;");
    else out.push_back(c);
  }
}

// Of a class or id value, only the names that carry a hint matter to
// extraction; the rest (often most of the bytes) is left out.
void append_hinted_names(std::string& out, std::string_view value, const HintSet& hints, bool is_class) {
  bool first = true;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && is_space(value[i])) ++i;
    std::size_t start = i;
    while (i < value.size() && !is_space(value[i])) ++i;
    std::string_view name = value.substr(start, i - start);
    if (name.empty() ||
        (!hints.chrome_token(name) && !hints.content_token(name) && !(is_class && hints.hidden_class(name)))) {
      continue;
    }
    if (!first) out.push_back(' ');
    append_attribute_value(out, name);
    first = false;
  }
}

// Lean: of all the hinted names, the tree walk reads the first chrome token
// and whether there is a content token (those two tokens say the same),
// and a class name that hides the element. A
// value with a character reference is kept as above (decoding it could make
// other tokens).
void append_hint_tokens(std::string& out, std::string_view value, const HintSet& hints, bool is_class,
                        std::string& chrome, std::string& content) {
  if (value.find('&') != std::string_view::npos) {
    append_hinted_names(out, value, hints, is_class);
    return;
  }
  hints.first_tokens(value, chrome, content);
  out.append(chrome);
  if (!content.empty() && content != chrome) {
    if (!chrome.empty()) out.push_back(' ');
    out.append(content);
  }
  // A class that hides the element is read whole, not as tokens.
  if (const std::string_view hidden = is_class ? hints.first_hidden_class(value) : std::string_view();
      !hidden.empty()) {
    if (!chrome.empty() || !content.empty()) out.push_back(' ');
    append_attribute_value(out, hidden);
  }
}

// A value the tree builder would hand back unchanged: no character
// references, no newline normalization, nothing it replaces.
bool is_plain_value(std::string_view value) {
  for (char c : value) {
    if (c < 0x20 || c > 0x7E || c == '&') return false;
  }
  return true;
}

// A value whose only character references are "&amp;" (the one URLs hold
// as a rule, in query strings), decoded, when it is otherwise plain.
std::optional<std::string> decoded_amp_value(std::string_view value) {
  constexpr std::string_view kAmp = "&amp;";
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size();) {
    char c = value[i];
    if (c == '&') {
      if (value.compare(i, kAmp.size(), kAmp) != 0) return std::nullopt;
      out.push_back('&');
      i += kAmp.size();
      continue;
    }
    if (c < 0x20 || c > 0x7E) return std::nullopt;
    out.push_back(c);
    ++i;
  }
  return out;
}

// Lean: whether an element reads this attribute at all (html_tree.cpp,
// html_metadata.cpp); Gumbo itself reads only <input type>.
bool read_on(Attr kind, GumboTag tag) {
  switch (kind) {
    case Attr::Class: case Attr::Id: case Attr::Style: case Attr::Role: case Attr::Hidden:
    case Attr::AriaHidden: case Attr::Itemprop:
      return true;
    case Attr::Href: return tag == GUMBO_TAG_A || tag == GUMBO_TAG_LINK || tag == GUMBO_TAG_BASE;
    case Attr::Lang: case Attr::XmlLang: return tag == GUMBO_TAG_HTML;
    case Attr::Property: case Attr::Name: case Attr::Content: case Attr::HttpEquiv:
      return tag == GUMBO_TAG_META;
    case Attr::Rel: return tag == GUMBO_TAG_LINK;
    case Attr::Datetime: return tag == GUMBO_TAG_TIME;
    case Attr::Type: return tag == GUMBO_TAG_INPUT;
    case Attr::Start: return tag == GUMBO_TAG_OL;
    case Attr::Value: return tag == GUMBO_TAG_LI;
    case Attr::Colspan: case Attr::Rowspan: return tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
    case Attr::Charset: case Attr::Other: return false;
  }
  return false;
}

bool lower_equals(std::string_view value, std::string_view lowered) {
  return value.size() == lowered.size() && starts_with_ci(value, 0, lowered);
}

// Lean: an <a rel> is kept only when it marks the author (AuthorMarks,
// html_metadata.hpp); most links' rel ("nofollow noopener") is read by no one.
// A value with a character reference is kept: decoded, it may say "author".
bool marks_author(const Attribute& a, GumboTag tag) {
  if (a.kind != Attr::Rel || tag != GUMBO_TAG_A) return false;
  if (a.value.find('&') != std::string_view::npos) return true;
  for (std::size_t i = 0; i + 6 <= a.value.size(); ++i) {
    if (starts_with_ci(a.value, i, "author")) return true;
  }
  return false;
}

// Lean: a <meta> the metadata never reads, or a <link> that is not the
// canonical URL, can go whole, unless it may be hidden (the walk ends a
// block at a hidden element). A value with a character reference is kept:
// decoded, it could name anything.
bool unread_head_element(const Tag& tag) {
  bool meta = tag.id == GUMBO_TAG_META;
  if (!meta && tag.id != GUMBO_TAG_LINK) return false;
  bool content = false, read = false;
  for (const auto& a : tag.attributes) {
    if (may_hide(a)) return false;
    bool key = a.kind == Attr::Property || a.kind == Attr::Name || a.kind == Attr::Itemprop ||
               a.kind == Attr::HttpEquiv;
    bool reference = a.value.find('&') != std::string_view::npos;
    if (meta && a.kind == Attr::Content) content = true;
    if (meta && key) {
      std::string lowered(a.value);
      for (auto& c : lowered) c = lower(c);
      // An itemprop that holds "name" among its tokens (" name", "name
      // givenName") may name an author (AuthorMarks).
      read |= reference || meta_key_is_read(lowered) ||
              (a.kind == Attr::Itemprop && lowered.find("name") != std::string::npos);
    }
    if (!meta && a.kind == Attr::Rel) read |= reference || lower_equals(a.value, "canonical");
  }
  return meta ? !(content && read) : !read;
}

// Where the text from `i` on stops being what folding leaves as it is:
// characters and single spaces between them (eight bytes at a time where
// it can).
std::size_t unfolded_end(std::string_view text, std::size_t i) {
  const std::size_t start = i;
  bool space_before = false;
  if (ascii_words::kAvailable) {
    while (i + 8 <= text.size()) {
      std::uint64_t word = ascii_words::load(text.data() + i);
      if (!ascii_words::single_spaced(word, space_before)) break;
      space_before = ascii_words::ends_with_space(word);
      i += 8;
    }
  }
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (is_space(c) && (c != ' ' || space_before)) break;
    space_before = c == ' ';
  }
  // A space just before a run of whitespace belongs to the run.
  if (i > start && i < text.size() && text[i - 1] == ' ') --i;
  return i;
}

// Copy text, folding each whitespace run to one character (a newline if it
// held one) outside <pre>: the tree builder then has far less to tokenize.
void append_text(std::string& out, std::string_view text, bool preformatted) {
  if (preformatted) {
    out.append(text);
    return;
  }
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    i = unfolded_end(text, i);
    out.append(text.data() + start, i - start);
    if (i == text.size()) break;
    bool newline = false;
    while (i < text.size() && is_space(text[i])) newline |= text[i++] == '\n';
    out.push_back(newline ? '\n' : ' ');
  }
}

// Set-aside runs are named by the private-use code points of planes 15 and
// 16, each plane's last two left out (noncharacters, which the tokenizer
// replaces).
constexpr std::uint32_t kRunsPerPlane = 0xFFFE;
constexpr std::size_t kMaxTextRuns = 2 * std::size_t{kRunsPerPlane};

void append_run_mark(std::string& out, std::size_t index) {
  std::uint32_t cp = index < kRunsPerPlane ? 0xF0000 + static_cast<std::uint32_t>(index)
                                           : 0x100000 + static_cast<std::uint32_t>(index - kRunsPerPlane);
  out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
  out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

// Eight ASCII bytes the tokenizer passes on as they are.
bool ascii_word_passes(std::uint64_t word) {
  using namespace ascii_words;
  if (word & kHighs) return false;
  std::uint64_t allowed_controls = equal(word, '\t') | equal(word, '\n') | equal(word, '\f');
  return ((below(word, 0x20) & ~allowed_controls) | equal(word, '&') | equal(word, 0x7F)) == 0;
}

// The length of the UTF-8 character at text[i] when the tokenizer passes it
// on as it is, else 0.
std::size_t verbatim_length(std::string_view text, std::size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    bool changed = c == '&' || c == 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\f');
    return changed ? 0 : 1;
  }
  std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (length == 0 || c > 0xF4 || i + length > text.size()) return 0;
  std::uint32_t cp = c & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  constexpr std::uint32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
  bool replaced = cp < kLeast[length] || cp <= 0x9F || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ||
                  (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  return replaced ? 0 : length;
}

// Whether the tokenizer passes every character of `text` on as it is: no
// character reference, no carriage return (it becomes a line feed), and
// nothing Gumbo replaces with U+FFFD (controls, C1 controls,
// noncharacters, malformed UTF-8).
bool passes_verbatim(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (ascii_words::kAvailable && i + 8 <= text.size() && ascii_word_passes(ascii_words::load(text.data() + i))) {
      i += 8;
      continue;
    }
    std::size_t length = verbatim_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

// A numeric character reference past U+10FFFF stands for U+FFFD (HTML's
// tokenizer), but Gumbo's value overflows: it writes a stray byte or drops
// what follows ("a&#x80000000;b" gives "a"). Such references are written
// as the U+FFFD they stand for, all their digits and a ';' included.
void replace_references_past_unicode(std::string& html) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::size_t at = html.find("&#");
  if (at == std::string::npos) return;
  std::string out;
  std::size_t copied = 0;
  for (; at != std::string::npos; at = html.find("&#", at + 1)) {
    std::size_t i = at + 2;
    bool hex = i < html.size() && (html[i] == 'x' || html[i] == 'X');
    if (hex) ++i;
    std::size_t digits = i;
    std::uint32_t value = 0;
    for (; i < html.size(); ++i) {
      char c = html[i];
      int digit = c >= '0' && c <= '9' ? c - '0'
                  : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                  : -1;
      if (digit < 0) break;
      value = std::min<std::uint32_t>(value * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit), 0x110000);
    }
    if (i == digits || value <= 0x10FFFF) continue;
    if (i < html.size() && html[i] == ';') ++i;
    out.append(html, copied, at - copied);
    out.append(kReplacement);
    copied = i;
  }
  if (copied == 0) return;
  out.append(html, copied);
  html = std::move(out);
}

class Scanner {
 public:
  Scanner(std::string_view s, bool lean, TextAside text)
      : s_(s),
        lean_(lean),
        // A page holding code points of planes 12 to 16 keeps its text: one
        // of them could be taken for a set-aside run.
        aside_(lean && text == TextAside::SetAside && s.find('\xF3') == std::string_view::npos &&
               s.find('\xF4') == std::string_view::npos) {
    out_.html.reserve(s.size() / 2 + 64);
  }

  Prescanned run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t lt = s_.find('<', i);
      if (lt == std::string_view::npos) lt = s_.size();
      append_text(out_.html, s_.substr(i, lt - i), pre_depth_ > 0);
      if (lt >= s_.size()) break;
      i = markup(lt);
    }
    close_run();
    replace_references_past_unicode(out_.html);
    return std::move(out_);
  }

 private:
  void skip(std::size_t from, std::size_t to) { out_.skipped_bytes += to - from; }

  // The text written since the last tag goes aside (prescan_html's
  // TextAside), but for whitespace at either end.
  void set_run_aside() {
    std::string& out = out_.html;
    if (!aside_ || run_start_ >= out.size()) return;
    std::size_t first = run_start_, last = out.size();
    while (first < last && is_space(out[first])) ++first;
    while (last > first && is_space(out[last - 1])) --last;
    if (first == last) return;
    std::string_view middle(out.data() + first, last - first);
    if (!passes_verbatim(middle)) return;
    if (out_.text_run_ends.size() == kMaxTextRuns) {
      aside_ = false;
      return;
    }
    std::size_t index = out_.text_run_ends.size();
    out_.text_runs.append(middle);
    out_.text_run_ends.push_back(static_cast<std::uint32_t>(out_.text_runs.size()));
    std::string mark;
    append_run_mark(mark, index);
    out.replace(first, last - first, mark);
  }

  // What comes next in the markup starts no run of text of its own.
  void end_run() { run_start_ = out_.html.size(); }

  // The run of text since the last tag ends here: settle the elements left
  // out inside it, then set it aside.
  void close_run() {
    settle_left_out();
    set_run_aside();
  }

  // An element left out for now, inside the current run of text: where it
  // would have been written, and what.
  struct LeftOut {
    std::size_t at;
    std::string markup;
    std::size_t input_bytes;
  };

  void leave_out_for_now(std::size_t at, std::size_t body) {
    std::string& out = out_.html;
    std::size_t mark = out.size();
    write_markup(tag_);
    left_out_.push_back(LeftOut{mark, out.substr(mark), body - at});
    out.resize(mark);
    skip(at, body);
  }

  // Each element left out inside the run stays out only where the text on
  // its two sides is alike (runs_alike); the others are written back.
  void settle_left_out() {
    if (left_out_.empty()) return;
    std::string& out = out_.html;
    std::vector<bool> back(left_out_.size(), false);
    std::size_t segment = run_start_;
    for (std::size_t k = 0; k < left_out_.size(); ++k) {
      std::size_t next = k + 1 < left_out_.size() ? left_out_[k + 1].at : out.size();
      if (!runs_alike(std::string_view(out).substr(segment, left_out_[k].at - segment),
                      std::string_view(out).substr(left_out_[k].at, next - left_out_[k].at))) {
        back[k] = true;
        segment = left_out_[k].at;
      }
    }
    std::size_t shift = 0;
    for (std::size_t k = 0; k < left_out_.size(); ++k) {
      if (!back[k]) continue;
      out.insert(left_out_[k].at + shift, left_out_[k].markup);
      shift += left_out_[k].markup.size();
      out_.skipped_bytes -= left_out_[k].input_bytes;
      run_start_ = left_out_[k].at + shift;  // the rest of the run starts after it
    }
    left_out_.clear();
  }

  void write_tag(const Tag& tag) {
    close_run();
    write_markup(tag);
    end_run();
  }

  void write_markup(const Tag& tag) {
    std::string& out = out_.html;
    out.push_back('<');
    if (tag.end) out.push_back('/');
    out.append(tag.name);
    if (!tag.end) {
      // Of an attribute written twice only the first counts, as the
      // tokenizer keeps it; the repeats are left out here. Gumbo (0.10.1)
      // run without its error list, as parse_html runs it, mishandles a
      // repeat that has no value: it glues its name to the next
      // attribute's, so that in <div role role hidden> "hidden" was lost.
      std::uint32_t seen = 0;
      for (const auto& a : tag.attributes) {
        if (a.kind == Attr::Other) continue;
        const std::uint32_t kind_bit = std::uint32_t{1} << static_cast<unsigned>(a.kind);
        if (seen & kind_bit) continue;
        seen |= kind_bit;
        if (a.kind == Attr::Style && !style_may_hide(a.value)) continue;
        if (lean_ && !read_on(a.kind, tag.id) && !marks_author(a, tag.id)) continue;
        if (lean_ && a.kind == Attr::Href && tag.id == GUMBO_TAG_A) {
          if (is_plain_value(a.value)) {
            write_link_reference(a.value);
            continue;
          }
          if (auto decoded = decoded_amp_value(a.value)) {
            out_.decoded_links.push_back(std::move(*decoded));
            write_link_reference(out_.decoded_links.back());
            continue;
          }
        }
        write_attribute(a);
      }
    }
    out.push_back('>');
  }

  void write_attribute(const Attribute& a) {
    std::string& out = out_.html;
    bool names = a.kind == Attr::Class || a.kind == Attr::Id;
    if (names && a.value.empty()) return;
    std::size_t mark = out.size();
    out.push_back(' ');
    out.append(attribute_name(a.kind));
    if (a.value.empty()) return;
    out.append("=\"");
    std::size_t value_at = out.size();
    const bool is_class = a.kind == Attr::Class;
    if (names && lean_) append_hint_tokens(out, a.value, hints_, is_class, chrome_token_, content_token_);
    else if (names) append_hinted_names(out, a.value, hints_, is_class);
    else append_attribute_value(out, a.value);
    if (names && out.size() == value_at) {
      out.resize(mark);  // nothing hinted: drop the attribute
      return;
    }
    out.push_back('"');
  }

  // Lean: a link's URL stays out of the markup (URLs are a large share of
  // what is left); the tree walk reads it from Prescanned::links.
  void write_link_reference(std::string_view href) {
    out_.html.push_back(' ');
    out_.html.append(kLinkAttribute);
    out_.html.push_back('=');
    out_.html.append(std::to_string(out_.links.size()));
    out_.links.push_back(href);
  }

  // Handle the markup at s_[at] == '<'; returns where scanning goes on.
  std::size_t markup(std::size_t at) {
    if (s_.compare(at, 4, "<!--") == 0) {
      std::size_t end = comment_end(s_, at);
      skip(at, end);
      return end;
    }
    if (s_.compare(at, 2, "<!") == 0 || s_.compare(at, 2, "<?") == 0) {
      std::size_t close = s_.find('>', at);
      std::size_t end = close == std::string_view::npos ? s_.size() : close + 1;
      if (starts_with_ci(s_, at, "<!doctype")) {
        close_run();
        out_.html.append(s_.substr(at, end - at));
        end_run();
      } else {
        skip(at, end);
      }
      return end;
    }
    bool end_tag = s_.compare(at, 2, "</") == 0;
    std::size_t name_at = at + (end_tag ? 2 : 1);
    if (name_at >= s_.size() || !is_alpha(s_[name_at])) {
      if (end_tag && name_at < s_.size()) {
        // "</>" is nothing; "</" and another character open a bogus
        // comment, up to the next '>'.
        if (s_[name_at] == '>') return name_at + 1;
        std::size_t close = s_.find('>', name_at);
        std::size_t end = close == std::string_view::npos ? s_.size() : close + 1;
        skip(at, end);
        return end;
      }
      // A '<' that is text. Written as a reference, so that whatever is
      // left out after it cannot make it the start of a tag.
      out_.html.append("&lt;");
      return at + 1;
    }
    read_tag(s_, at, tag_);
    if (!tag_.complete) return s_.size();  // EOF in a tag emits nothing
    return tag_.end ? end_tag_seen() : start_tag_seen(at);
  }

  std::size_t end_tag_seen() {
    if ((tag_.id == GUMBO_TAG_PRE || tag_.id == GUMBO_TAG_LISTING) && pre_depth_ > 0) --pre_depth_;
    if (!is_unnested(tag_.id)) {
      auto it = flattened_.empty() ? flattened_.end() : flattened_.find(tag_.name);
      if (it != flattened_.end() && it->second > 0) {
        --it->second;
        ++out_.flattened_tags;
        return tag_.next;
      }
      if (depth_ > 0) --depth_;
    }
    write_tag(tag_);
    return tag_.next;
  }

  std::size_t start_tag_seen(std::size_t at) {
    const std::string& name = tag_.name;
    const GumboTag id = tag_.id;
    std::size_t body = tag_.next;
    if (id == GUMBO_TAG_SCRIPT) {
      std::size_t end = find_script_end(s_, body);
      if (end == std::string_view::npos) end = s_.size();
      if (is_json_ld(tag_)) out_.json_ld.emplace_back(s_.substr(body, end - body));
      return skip_through_end_tag(at, end);
    }
    if (is_raw_text_dropped(id)) {
      std::size_t end = find_end_tag(s_, body, name);
      return skip_through_end_tag(at, end == std::string_view::npos ? s_.size() : end);
    }
    if (id == GUMBO_TAG_SVG || id == GUMBO_TAG_TEMPLATE) {
      std::size_t end = tag_.self_closing && id == GUMBO_TAG_SVG ? body : nested_element_end(s_, body, name);
      skip(at, end);
      return end;
    }
    if (id == GUMBO_TAG_TITLE || id == GUMBO_TAG_TEXTAREA) {
      // Text only (RCDATA): copied as it is, markup in it included.
      std::size_t end = find_end_tag(s_, body, name);
      if (end == std::string_view::npos) end = s_.size();
      write_tag(tag_);
      out_.html.append(s_.substr(body, end - body));
      end_run();
      return end;
    }
    if (id == GUMBO_TAG_PLAINTEXT) {
      write_tag(tag_);
      out_.html.append(s_.substr(body));
      end_run();
      return s_.size();
    }
    // The tree builder lets some tags out of <math> content, <meta> among
    // them: past a <math>, no element is left out whole.
    if (id == GUMBO_TAG_MATH) math_seen_ = true;
    // In a frameset the tree builder keeps a run's whitespace and drops the
    // rest, so a run standing as one character would lose its inner spaces.
    if (id == GUMBO_TAG_FRAMESET) {
      close_run();
      aside_ = false;
    }
    if (lean_ && !math_seen_ && unread_head_element(tag_) && text_may_join()) {
      leave_out_for_now(at, body);
      return body;
    }
    if (id == GUMBO_TAG_PRE || id == GUMBO_TAG_LISTING) ++pre_depth_;
    if (!is_unnested(id)) {
      if (depth_ >= kMaxNesting) {
        ++flattened_[name];
        ++out_.flattened_tags;
        return body;
      }
      ++depth_;
    }
    write_tag(tag_);
    return body;
  }

  // Whether the text written last may run on into the text after an element
  // left out here: not when it ends in what could be the start of a
  // character reference ("&am" + "p;" would become "&amp;").
  bool text_may_join() const {
    const std::string& out = out_.html;
    std::size_t i = out.size();
    while (i > 0 && (std::isalnum(static_cast<unsigned char>(out[i - 1])) || out[i - 1] == '#')) --i;
    return i == 0 || out[i - 1] != '&';
  }

  // Whether the runs of text on either side of an element left out may
  // become one: not when one is whitespace only and the other is not. In a
  // table the tree builder keeps a whitespace-only run in place and moves
  // any other out of the table, so joining them would move the whitespace.
  // Both runs are read from the output once the run has ended, so that text
  // after a left-out comment or a '<' that is text counts too.
  static bool runs_alike(std::string_view before, std::string_view after) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
    auto kind = [&](std::string_view run) {  // 0 empty, 1 whitespace only, 2 text
      if (run.empty()) return 0;
      return std::all_of(run.begin(), run.end(), blank) ? 1 : 2;
    };
    int b = kind(before), a = kind(after);
    return b == 0 || a == 0 || b == a;
  }

  // Leave out an element from its start tag at `at` to its end tag at `end`.
  std::size_t skip_through_end_tag(std::size_t at, std::size_t end) {
    std::size_t after = end;
    if (end < s_.size()) {
      std::size_t close = s_.find('>', end);
      after = close == std::string_view::npos ? s_.size() : close + 1;
    }
    skip(at, after);
    return after;
  }

  std::string_view s_;
  bool lean_;
  bool aside_;
  std::size_t run_start_ = 0;  // where in out_.html the text since the last tag starts
  std::vector<LeftOut> left_out_;  // inside the current run
  const HintSet& hints_ = builtin_hints();
  std::string chrome_token_, content_token_;  // scratch
  bool math_seen_ = false;
  Prescanned out_;
  Tag tag_;
  int depth_ = 0;
  int pre_depth_ = 0;
  std::unordered_map<std::string, int> flattened_;
};

}  // namespace

Prescanned prescan_html(std::string_view utf8, bool lean) {
  return Scanner(utf8, lean, TextAside::Keep).run();
}

Prescanned prescan_html(std::string_view utf8, bool lean, TextAside text) {
  return Scanner(utf8, lean, text).run();
}

std::optional<std::string_view> text_run_at(const Prescanned& page, std::string_view at) {
  if (at.size() < 4) return std::nullopt;
  auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(at[i])); };
  if (byte(0) != 0xF3 && byte(0) != 0xF4) return std::nullopt;
  for (std::size_t i = 1; i < 4; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return std::nullopt;
  }
  std::uint32_t cp = ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
  std::size_t index;
  if (cp >= 0xF0000 && cp < 0xF0000 + kRunsPerPlane) index = cp - 0xF0000;
  else if (cp >= 0x100000 && cp < 0x100000 + kRunsPerPlane) index = kRunsPerPlane + (cp - 0x100000);
  else return std::nullopt;
  const auto& ends = page.text_run_ends;
  if (index >= ends.size()) return std::nullopt;
  std::size_t begin = index == 0 ? 0 : ends[index - 1];
  return std::string_view(page.text_runs).substr(begin, ends[index] - begin);
}

}  // namespace winnow::detail
