// Reference resolution as RFC 3986, section 5.2, writes it.
#include "url.hpp"

namespace winnow::detail {

namespace {

struct UrlParts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

bool is_scheme_char(char c, bool first) {
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return letter || (!first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
}

// The five components of RFC 3986, appendix B.
UrlParts split_url(std::string_view s) {
  UrlParts u;
  const std::size_t colon = s.find_first_of(":/?#");
  if (colon != std::string_view::npos && colon > 0 && s[colon] == ':') {
    bool scheme = true;
    for (std::size_t i = 0; i < colon && scheme; ++i) scheme = is_scheme_char(s[i], i == 0);
    if (scheme) {
      u.scheme = s.substr(0, colon);
      u.has_scheme = true;
      s.remove_prefix(colon + 1);
    }
  }
  if (s.starts_with("//")) {
    s.remove_prefix(2);
    const std::size_t end = s.find_first_of("/?#");
    u.authority = s.substr(0, end);
    u.has_authority = true;
    s.remove_prefix(end == std::string_view::npos ? s.size() : end);
  }
  if (const std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    u.fragment = s.substr(hash + 1);
    u.has_fragment = true;
    s = s.substr(0, hash);
  }
  if (const std::size_t question = s.find('?'); question != std::string_view::npos) {
    u.query = s.substr(question + 1);
    u.has_query = true;
    s = s.substr(0, question);
  }
  u.path = s;
  return u;
}

// Section 5.2.4: "." and ".." segments taken out of a path.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../") || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      const std::size_t last = out.rfind('/');
      out.resize(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const std::size_t next = in.find('/', in.front() == '/' ? 1 : 0);
      const std::size_t take = next == std::string_view::npos ? in.size() : next;
      out += in.substr(0, take);
      in.remove_prefix(take);
    }
  }
  return out;
}

// Section 5.2.3: a relative path appended to the base's directory.
std::string merge_paths(const UrlParts& base, std::string_view path) {
  if (base.has_authority && base.path.empty()) return "/" + std::string(path);
  const std::size_t slash = base.path.rfind('/');
  return std::string(slash == std::string_view::npos ? std::string_view() : base.path.substr(0, slash + 1)) +
         std::string(path);
}

}  // namespace

std::optional<std::string> resolve_url(std::string_view base_url, std::string_view reference) {
  const UrlParts base = split_url(base_url);
  if (!base.has_scheme || !base.has_authority) return std::nullopt;
  const UrlParts ref = split_url(reference);
  if (ref.has_scheme) return std::string(reference);
  std::string authority, path, query;
  bool has_query = false;
  if (ref.has_authority) {
    authority = ref.authority;
    path = remove_dot_segments(ref.path);
    query = ref.query;
    has_query = ref.has_query;
  } else {
    authority = base.authority;
    if (ref.path.empty()) {
      path = base.path;
      has_query = ref.has_query || base.has_query;
      query = ref.has_query ? ref.query : base.query;
    } else {
      path = remove_dot_segments(ref.path.front() == '/' ? std::string(ref.path) : merge_paths(base, ref.path));
      query = ref.query;
      has_query = ref.has_query;
    }
  }
  std::string out(base.scheme);
  out += "://";
  out += authority;
  out += path;
  if (has_query) {
    out += '?';
    out += query;
  }
  if (ref.has_fragment) {
    out += '#';
    out += ref.fragment;
  }
  return out;
}

}  // namespace winnow::detail
