#include "charset.hpp"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

#include "byte_masks.hpp"

namespace winnow::detail {

namespace {

// How far into the page a declaration is looked for. WHATWG says 1024 bytes;
// real pages often put a long <head> comment first, so look further.
constexpr std::size_t kDeclarationWindow = 8192;

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower_ascii);
  return out;
}

bool is_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':';
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Labels whose bytes browsers read with a superset encoding (WHATWG Encoding).
std::string canonical_label(std::string label) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kAliases = {{
      {"utf8", "utf-8"},
      {"unicode-1-1-utf-8", "utf-8"},
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
      {"iso-8859-1", "windows-1252"},
      {"iso8859-1", "windows-1252"},
      {"latin1", "windows-1252"},
      {"l1", "windows-1252"},
      {"cp1252", "windows-1252"},
      {"iso-8859-9", "windows-1254"},
      {"gb2312", "gb18030"},
      {"gbk", "gb18030"},
      {"x-gbk", "gb18030"},
      {"euc-kr", "cp949"},
      {"ks_c_5601-1987", "cp949"},
      {"shift_jis", "cp932"},
      {"shift-jis", "cp932"},
      {"x-sjis", "cp932"},
      {"windows-31j", "cp932"},
  }};
  for (auto [from, to] : kAliases) {
    if (label == from) return std::string(to);
  }
  // A page that says UTF-16 in ASCII bytes is not UTF-16 (WHATWG).
  if (label.starts_with("utf-16")) return "utf-8";
  return label;
}

// The label after "charset" at `pos` in a tag ("charset=x", "charset = 'x'").
std::string label_after(std::string_view tag, std::size_t pos) {
  std::size_t i = pos + 7;  // strlen("charset")
  while (i < tag.size() && is_space(tag[i])) ++i;
  if (i >= tag.size() || tag[i] != '=') return {};
  ++i;
  while (i < tag.size() && (is_space(tag[i]) || tag[i] == '"' || tag[i] == '\'')) ++i;
  std::size_t start = i;
  while (i < tag.size() && is_label_char(tag[i])) ++i;
  return lower(tag.substr(start, i - start));
}

}  // namespace

std::optional<std::string> charset_from_bom(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return "utf-8";
  if (bytes.starts_with("\xFF\xFE")) return "utf-16le";
  if (bytes.starts_with("\xFE\xFF")) return "utf-16be";
  return std::nullopt;
}

std::string declared_charset(std::string_view bytes) {
  std::string head = lower(bytes.substr(0, kDeclarationWindow));
  if (head.starts_with("<?xml")) {
    std::size_t end = head.find("?>");
    std::size_t enc = head.find("encoding", 0);
    if (enc != std::string::npos && enc < end) {
      std::size_t q = head.find_first_of("\"'", enc);
      if (q != std::string::npos && q < end) {
        std::size_t close = head.find(head[q], q + 1);
        if (close != std::string::npos && close < end) {
          return canonical_label(head.substr(q + 1, close - q - 1));
        }
      }
    }
  }
  for (std::size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    std::size_t end = head.find('>', at);
    if (end == std::string::npos) break;
    std::string_view tag = std::string_view(head).substr(at, end - at);
    std::size_t cs = tag.find("charset");
    if (cs == std::string_view::npos) continue;
    std::string label = label_after(tag, cs);
    if (!label.empty()) return canonical_label(std::move(label));
  }
  return {};
}

// Valid UTF-8 (ASCII checked 64 bytes at a time), or not. One branch per
// sequence length: non-Latin text is a sequence after a sequence.
bool is_valid_utf8(std::string_view s) {
  const std::size_t n = s.size();
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto continuation = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
  std::size_t i = 0;
  while (i < n) {
    unsigned char b = byte(i);
    if (b < 0x80) {
      i = skip_ascii(s.data(), n, i + 1);
    } else if (b < 0xE0) {
      if (b < 0xC2 || i + 1 >= n || !continuation(i + 1)) return false;
      i += 2;
    } else if (b < 0xF0) {
      if (i + 2 >= n || !continuation(i + 1) || !continuation(i + 2)) return false;
      if ((b == 0xE0 && byte(i + 1) < 0xA0) || (b == 0xED && byte(i + 1) > 0x9F)) return false;
      i += 3;
    } else {
      if (b > 0xF4 || i + 3 >= n || !continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) {
        return false;
      }
      if ((b == 0xF0 && byte(i + 1) < 0x90) || (b == 0xF4 && byte(i + 1) > 0x8F)) return false;
      i += 4;
    }
  }
  return true;
}

std::string detect_charset(std::string_view bytes) {
  if (auto bom = charset_from_bom(bytes)) return *bom;
  if (is_valid_utf8(bytes)) return "utf-8";
  std::string declared = declared_charset(bytes);
  if (!declared.empty()) return declared;
  return "windows-1252";
}

std::optional<std::string> convert_to_utf8(std::string_view bytes, std::string_view charset) {
  std::string name(charset);
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t used = 0;
  while (in_left > 0) {
    char* dst = out.data() + used;
    std::size_t dst_left = out.size() - used;
    std::size_t rc = iconv(cd, &in, &in_left, &dst, &dst_left);
    used = out.size() - dst_left;
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
    } else {
      // EILSEQ or a truncated sequence at the end (EINVAL): one byte becomes
      // U+FFFD and reading goes on after it.
      if (out.size() - used < 3) out.resize(out.size() * 2);
      out.replace(used, 3, "\xEF\xBF\xBD");
      used += 3;
      ++in;
      --in_left;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  iconv_close(cd);
  out.resize(used);
  return out;
}

}  // namespace winnow::detail
