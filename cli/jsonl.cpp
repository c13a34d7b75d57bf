#include "jsonl.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <iostream>
#include <optional>

#include <fcntl.h>
#include <unistd.h>

#include <simdjson.h>

#include "batch.hpp"
#include "commands.hpp"
#include "gzip.hpp"
#include "io.hpp"
#include "ordered.hpp"
#include "progress.hpp"
#include "render.hpp"
#include "utf8.hpp"
#include "winnow/site_boilerplate.hpp"

namespace winnow::cli {

namespace {

// Records held back so boilerplate seen on the next pages of a site is also
// removed from the first ones (see cli/batch.cpp).
constexpr std::size_t kLookahead = 32;

// The fields winnow writes that replace an input field of the same name;
// any other winnow field is left out when the input already has it.
bool replaces_input_field(std::string_view key) {
  return key == "text" || key == "error" || key == "status";
}

using detail::append_json_string;

// One input line.
struct Line {
  std::uint64_t number = 0;  // 1-based, per input file
  std::string bytes;         // without the newline, padded for simdjson
  std::string dir_site;      // the input file's directory
  std::string input;         // the input's name, for messages
  bool too_long = false;     // longer than --max-bytes: not held
};

struct Record {
  std::uint64_t number = 0;
  std::string input;
  std::string passthrough;             // "k":v,"k":v (input order, unchanged)
  std::vector<std::string> keys;       // the passthrough keys
  std::string site;
  std::string error;                   // the record itself is bad
  std::string page_with_surrogates;    // the page, when read_lone_surrogates() read it
  std::size_t lone_surrogates = 0;     // ... and how many it replaced
  Result result;
  std::vector<std::uint64_t> block_keys;
  std::string out;                     // the output line, rendered by the worker
  std::uint64_t bytes = 0;
  unsigned home = 0;  // the worker that built it, to free it
};

// Reads lines from a file descriptor (plain or gzip, via zlib) without ever
// holding more than `max_bytes` of one line.
class LineReader {
 public:
  LineReader(int fd, std::size_t max_bytes) : stream_(fd), max_bytes_(max_bytes) {}
  const std::string& error() const { return stream_.error(); }

  // The next line; false at the end of the input.
  bool next(Line& line) {
    line.bytes.clear();
    line.too_long = false;
    bool any = false;
    for (;;) {
      if (pos_ == end_ && !fill()) {
        if (!any) return false;
        break;  // a last line without its newline
      }
      any = true;
      const char* start = buf_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      std::size_t n = nl ? static_cast<std::size_t>(nl - start) : end_ - pos_;
      if (!line.too_long) {
        if (max_bytes_ != 0 && line.bytes.size() + n > max_bytes_) {
          line.too_long = true;
          line.bytes.clear();
          line.bytes.shrink_to_fit();
        } else {
          line.bytes.append(start, n);
        }
      }
      pos_ += n;
      if (nl) {
        ++pos_;
        break;
      }
    }
    if (!line.bytes.empty() && line.bytes.back() == '\r') line.bytes.pop_back();
    // Files written on Windows may open with a byte order mark, and files
    // joined with cat carry it into the middle. It is not part of the
    // record, and a JSON reader may pass over it (RFC 8259, 8.1).
    if (line.bytes.starts_with("\xEF\xBB\xBF")) line.bytes.erase(0, 3);
    ++number_;
    line.number = number_;
    line.bytes.reserve(line.bytes.size() + simdjson::SIMDJSON_PADDING);
    return true;
  }

 private:
  bool fill() {
    buf_.resize(1 << 17);
    // Every whole line decoded before a read error is still handed out;
    // the error is the stream's end.
    const std::size_t n = stream_.read(buf_.data(), buf_.size());
    pos_ = 0;
    end_ = n;
    return n > 0;
  }

  GzipStream stream_;
  std::size_t max_bytes_;
  std::string buf_;
  std::size_t pos_ = 0, end_ = 0;
  std::uint64_t number_ = 0;
};

std::string url_site(std::string_view raw_url_token) {
  // The url as written in JSON: strip the quotes and the "\/" escaping of
  // slashes; escapes inside a host name do not occur in practice.
  std::string url;
  if (raw_url_token.size() < 2 || raw_url_token.front() != '"') return url;
  raw_url_token = raw_url_token.substr(1, raw_url_token.rfind('"') - 1);
  for (std::size_t i = 0; i < raw_url_token.size(); ++i) {
    if (raw_url_token[i] == '\\' && i + 1 < raw_url_token.size()) ++i;
    url.push_back(raw_url_token[i]);
  }
  return SiteBoilerplate::site_key(url);
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool hex4(std::string_view s, std::size_t at, char32_t& value) {
  if (at + 4 > s.size()) return false;
  value = 0;
  for (std::size_t k = at; k < at + 4; ++k) {
    const char c = s[k];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) return false;
    value = value * 16 + static_cast<char32_t>(digit);
  }
  return true;
}

// JSON's grammar allows a \u escape of a lone surrogate ("\ud800"), which
// Python writes for text it decoded with surrogateescape; simdjson 3.0
// refuses such a string. It is read here instead, each lone surrogate as
// U+FFFD (as Go's encoding/json reads it). `token` is the string as written,
// quotes included, whose bytes simdjson has checked as UTF-8. False, and
// the record stays bad, when the string is malformed in any other way.
// `replaced` counts the lone surrogates.
bool read_lone_surrogates(std::string_view token, std::string& out, std::size_t& replaced) {
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return false;
  token = token.substr(1, token.size() - 2);
  out.clear();
  replaced = 0;
  for (std::size_t i = 0; i < token.size();) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (c < 0x20 || c == '"') return false;
    if (c != '\\') {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (i + 1 == token.size()) return false;
    const char escaped = token[i + 1];
    i += 2;
    if (escaped != 'u') {
      static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
      const std::size_t at = kFrom.find(escaped);
      if (at == std::string_view::npos) return false;
      out.push_back(kTo[at]);
      continue;
    }
    char32_t unit = 0, low = 0;
    if (!hex4(token, i, unit)) return false;
    i += 4;
    const bool pair = unit >= 0xD800 && unit <= 0xDBFF && token.substr(i, 2) == "\\u" &&
                      hex4(token, i + 2, low) && low >= 0xDC00 && low <= 0xDFFF;
    if (pair) {
      i += 6;
      detail::append_utf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
    } else if (unit >= 0xD800 && unit <= 0xDFFF) {
      detail::append_utf8(out, 0xFFFD);
      ++replaced;
    } else {
      detail::append_utf8(out, unit);
    }
  }
  return true;
}

// A JSON string as written, quotes included, from `s`, its first byte after
// the opening quote. simdjson has found where every string ends, so its
// closing quote is there to find.
std::string_view raw_string_token(const char* s) {
  std::size_t i = 0;
  while (s[i] != '"') i += s[i] == '\\' ? 2 : 1;
  return std::string_view(s - 1, i + 2);
}

// A field's name, unescaped into `key` (a lone surrogate as U+FFFD, as in a
// string), and as written, quotes included, into `raw`. `key()` must come
// before `unescaped_key()`, which consumes the name.
simdjson::error_code read_key(simdjson::ondemand::field& f, std::string& key, std::string_view& raw) {
  raw = raw_string_token(f.key().raw());
  std::string_view unescaped;
  const simdjson::error_code e = f.unescaped_key().get(unescaped);
  if (!e) {
    key.assign(unescaped);
    return simdjson::SUCCESS;
  }
  std::size_t replaced = 0;
  return e == simdjson::STRING_ERROR && read_lone_surrogates(raw, key, replaced) ? simdjson::SUCCESS : e;
}

// Whether `raw` is a JSON number (RFC 8259, 6). JSON sets no limit on a
// number's size: 1e400 and a 40-digit integer pass through as written,
// where simdjson refuses to make a double or a 64-bit integer of them.
bool is_json_number(std::string_view raw) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < raw.size() && raw[i] >= '0' && raw[i] <= '9') ++i;
    return i - start;
  };
  if (i < raw.size() && raw[i] == '-') ++i;
  if (i < raw.size() && raw[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < raw.size() && raw[i] == '.' && (++i, digits() == 0)) return false;
  if (i < raw.size() && (raw[i] == 'e' || raw[i] == 'E')) {
    ++i;
    if (i < raw.size() && (raw[i] == '+' || raw[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == raw.size();
}

// Whether a scalar `value` of `type`, written `raw`, is well-formed:
// raw_json_token() does not check it. A string may hold lone surrogates
// (`scratch` holds it read), a number may be of any size.
simdjson::error_code check_scalar(simdjson::ondemand::value& value, simdjson::ondemand::json_type type,
                                  std::string_view raw, std::string& scratch) {
  using namespace simdjson;
  switch (type) {
    case ondemand::json_type::string: {
      std::string_view s;
      std::size_t replaced = 0;
      const error_code e = value.get_string().get(s);
      return e == STRING_ERROR && read_lone_surrogates(raw, scratch, replaced) ? SUCCESS : e;
    }
    case ondemand::json_type::number: return is_json_number(raw) ? SUCCESS : NUMBER_ERROR;
    case ondemand::json_type::boolean: { bool b; return value.get_bool().get(b); }
    case ondemand::json_type::null: {
      bool n = false;
      const error_code e = value.is_null().get(n);
      return e ? e : n ? SUCCESS : INCORRECT_TYPE;
    }
    default: return INCORRECT_TYPE;
  }
}

// How deep a value may nest, as simdjson's DOM parser allows: checking goes
// one call deeper per level, and the stack must not run out on a record
// of a hundred thousand '['.
constexpr std::size_t kMaxNesting = simdjson::DEFAULT_MAX_DEPTH;

simdjson::error_code check_value(simdjson::ondemand::value value, std::string& scratch, std::size_t depth);

// The members of an object or the elements of an array, each checked.
simdjson::error_code check_members(simdjson::ondemand::object object, std::string& scratch, std::size_t depth) {
  for (auto f : object) {
    simdjson::ondemand::field field;
    std::string_view raw_key;
    if (auto e = std::move(f).get(field); e) return e;
    if (auto e = read_key(field, scratch, raw_key); e) return e;
    if (auto e = check_value(field.value(), scratch, depth); e) return e;
  }
  return simdjson::SUCCESS;
}

simdjson::error_code check_elements(simdjson::ondemand::array array, std::string& scratch, std::size_t depth) {
  for (auto element : array) {
    simdjson::ondemand::value value;
    if (auto e = std::move(element).get(value); e) return e;
    if (auto e = check_value(value, scratch, depth); e) return e;
  }
  return simdjson::SUCCESS;
}

// Whether `value` is well-formed all the way down, by the rules a field of
// the record is read with (check_scalar(), read_key()).
simdjson::error_code check_value(simdjson::ondemand::value value, std::string& scratch, std::size_t depth) {
  using namespace simdjson;
  ondemand::json_type type;
  if (auto e = value.type().get(type); e) return e;
  if ((type == ondemand::json_type::object || type == ondemand::json_type::array) && depth >= kMaxNesting) {
    return DEPTH_ERROR;
  }
  if (type == ondemand::json_type::object) {
    ondemand::object object;
    if (auto e = value.get_object().get(object); e) return e;
    return check_members(object, scratch, depth + 1);
  }
  if (type == ondemand::json_type::array) {
    ondemand::array array;
    if (auto e = value.get_array().get(array); e) return e;
    return check_elements(array, scratch, depth + 1);
  }
  return check_scalar(value, type, trim_right(value.raw_json_token()), scratch);
}

// On-demand parsing only finds the end of an object or array it skips over,
// without reading what is inside ({"url": {<p>}} gets through), so a nested
// value, `raw`, is read whole before its text is passed on, by the rules of
// the record's own fields: simdjson's DOM parser refused a lone surrogate
// or a number past 64 bits inside it, which JSON allows.
simdjson::error_code validate_nested(std::string_view raw) {
  using namespace simdjson;
  thread_local ondemand::parser parser;
  thread_local std::string copy;  // padded for simdjson, kept between records
  thread_local std::string scratch;
  copy.assign(raw);
  copy.reserve(raw.size() + SIMDJSON_PADDING);
  ondemand::document doc;
  ondemand::value value;
  if (auto e = parser.iterate(padded_string_view(copy.data(), copy.size(), copy.capacity())).get(doc); e) return e;
  if (auto e = doc.get_value().get(value); e) return e;
  if (auto e = check_value(value, scratch, 0); e) return e;
  return doc.current_location().error() ? SUCCESS : TRAILING_CONTENT;
}

// Parse one line: the passthrough fields, and the page. Sets record.error
// (and returns nullopt) for a bad record.
std::optional<std::string_view> parse_line(simdjson::ondemand::parser& parser, const Line& line,
                                           const std::string& field, Record& record) {
  using namespace simdjson;
  if (line.too_long) {
    record.error = "record longer than --max-bytes";
    return std::nullopt;
  }
  if (trim_right(line.bytes).empty()) {
    record.error = "empty line";
    return std::nullopt;
  }
  padded_string_view view(line.bytes.data(), line.bytes.size(), line.bytes.capacity());
  ondemand::document doc;
  ondemand::object object;
  if (auto e = parser.iterate(view).get(doc); e) {
    record.error = std::string("invalid JSON: ") + error_message(e);
    return std::nullopt;
  }
  if (auto e = doc.get_object().get(object); e) {
    record.error = "invalid JSON: not one JSON object";
    return std::nullopt;
  }
  std::optional<std::string_view> page;
  bool field_not_string = false;
  for (auto f : object) {
    ondemand::field member;
    std::string key_copy;  // unescaped: the unescaping buffer is reused by the next string
    std::string_view raw_key;
    error_code member_error = std::move(f).get(member);
    if (!member_error) member_error = read_key(member, key_copy, raw_key);
    if (member_error) {
      record.error = std::string("invalid JSON: ") + error_message(member_error);
      return std::nullopt;
    }
    ondemand::value value = member.value();
    if (key_copy == field && !page) {
      std::string_view s;
      const error_code e = value.get_string().get(s);
      if (!e) {
        page = s;
        continue;
      }
      if (e == STRING_ERROR && read_lone_surrogates(trim_right(value.raw_json_token()), record.page_with_surrogates,
                                                    record.lone_surrogates)) {
        page = record.page_with_surrogates;
        continue;
      }
      field_not_string = true;
    }
    ondemand::json_type type;
    if (auto e = value.type().get(type); e) {
      record.error = std::string("invalid JSON: ") + error_message(e);
      return std::nullopt;
    }
    std::string_view raw;
    error_code e = SUCCESS;
    if (type == ondemand::json_type::object) {
      ondemand::object o;
      e = value.get_object().get(o);
      if (!e) e = o.raw_json().get(raw);
      if (!e) e = validate_nested(raw);
    } else if (type == ondemand::json_type::array) {
      ondemand::array a;
      e = value.get_array().get(a);
      if (!e) e = a.raw_json().get(raw);
      if (!e) e = validate_nested(raw);
    } else {
      raw = trim_right(value.raw_json_token());
      std::string scratch;
      e = check_scalar(value, type, raw, scratch);
    }
    if (e) {
      record.error = std::string("invalid JSON: ") + error_message(e);
      return std::nullopt;
    }
    if (key_copy == "url" && type == ondemand::json_type::string) record.site = url_site(raw);
    if (!record.passthrough.empty()) record.passthrough.push_back(',');
    record.passthrough.append(raw_key);
    record.passthrough.push_back(':');
    record.passthrough.append(raw);
    record.keys.push_back(std::move(key_copy));
  }
  if (!doc.current_location().error()) {
    record.error = "invalid JSON: trailing content after the object";
    return std::nullopt;
  }
  if (!page) {
    record.error = field_not_string ? "field '" + field + "' is not a string"
                                    : "no field '" + field + "'";
    return std::nullopt;
  }
  return page;
}

// The JSON text of an already validated value.
std::string_view raw_of(simdjson::ondemand::value v) {
  switch (v.type().value_unsafe()) {
    case simdjson::ondemand::json_type::object: return v.get_object().value_unsafe().raw_json().value_unsafe();
    case simdjson::ondemand::json_type::array: return v.get_array().value_unsafe().raw_json().value_unsafe();
    default: return trim_right(v.raw_json_token());
  }
}

// Join the passthrough fields and winnow's fields (`ours`, one JSON object
// on one line) into the output record.
std::string merge(const Record& record, std::string_view ours) {
  ours = trim_right(ours);
  std::string_view body = ours.substr(1, ours.size() - 2);  // without { }
  bool clash = std::any_of(record.keys.begin(), record.keys.end(), [&](const std::string& k) {
    std::string quoted;
    append_json_string(quoted, k);
    return body.find(quoted + ":") != std::string_view::npos;
  });
  std::string out;
  out.reserve(record.passthrough.size() + ours.size() + 2);
  out.push_back('{');
  if (!clash) {
    out += record.passthrough;
    if (!record.passthrough.empty() && !body.empty()) out.push_back(',');
    out += body;
    out += "}\n";
    return out;
  }
  // Rare: names in common. Take the input's fields except those winnow
  // replaces, then winnow's fields the input does not have.
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(ours);
  std::vector<std::pair<std::string, std::string>> mine;
  auto doc = parser.iterate(padded);
  for (auto f : doc.get_object()) {
    std::string_view k = f.unescaped_key().value_unsafe();
    std::string key(k);
    auto v = f.value().value_unsafe();
    std::string_view raw = raw_of(v);
    mine.emplace_back(std::move(key), std::string(raw));
  }
  auto has = [](const auto& keys, std::string_view k) {
    return std::find(keys.begin(), keys.end(), k) != keys.end();
  };
  std::vector<std::string> my_keys;
  for (auto& [k, v] : mine) my_keys.push_back(k);
  // Re-split the passthrough by re-reading it as an object.
  std::string input_object = "{" + record.passthrough + "}";
  simdjson::padded_string padded_input(input_object);
  bool first = true;
  auto emit = [&](std::string_view quoted_key, std::string_view raw) {
    if (!first) out.push_back(',');
    first = false;
    out += quoted_key;
    out.push_back(':');
    out += raw;
  };
  auto input_doc = parser.iterate(padded_input);
  for (auto f : input_doc.get_object()) {
    simdjson::ondemand::field member = f.value_unsafe();
    std::string key;
    std::string_view raw_key;
    read_key(member, key, raw_key);  // read once already: cannot fail
    std::string_view raw = raw_of(member.value());
    if (replaces_input_field(key) && has(my_keys, key)) continue;
    emit(raw_key, raw);
  }
  for (auto& [k, v] : mine) {
    if (!replaces_input_field(k) && has(record.keys, k)) continue;
    std::string quoted;
    append_json_string(quoted, k);
    emit(quoted, v);
  }
  out += "}\n";
  return out;
}

std::string error_record(const Record& record) {
  std::string ours = "{\"error\":";
  append_json_string(ours, record.error);
  ours += ",\"status\":\"bad-record\"";
  if (record.passthrough.empty()) ours += ",\"line\":" + std::to_string(record.number);
  ours += "}";
  return merge(record, ours);
}

// The output line of a record.
std::string output_line(const Args& args, const Record& r) {
  if (!r.error.empty()) return error_record(r);
  RenderOptions ro;
  ro.explain = args.explain;
  ro.links = args.links;
  return merge(r, render(r.result, Format::Json, ro));
}

// Runs on a worker: parse, extract, and the output line as if site
// learning dropped nothing (the sink renders again the records it changes).
Record work(const Args& args, bool learn, Disposal<Record>& disposal, Line&& line) {
  thread_local simdjson::ondemand::parser parser;
  disposal.drain(worker_index);
  Record record;
  record.home = worker_index;
  record.number = line.number;
  record.input = std::move(line.input);
  record.bytes = line.bytes.size();
  auto page = parse_line(parser, line, args.field, record);
  if (!page) {
    // A bad record passes nothing through unless its fields were readable.
    if (record.error.starts_with("invalid JSON") || record.error == "empty line" || record.error.starts_with("record longer")) {
      record.passthrough.clear();
      record.keys.clear();
    }
    record.out = output_line(args, record);
    return record;
  }
  if (record.site.empty()) record.site = line.dir_site;
  record.result = extract_named(*page, args.options, args.field == "html");
  if (record.lone_surrogates > 0) {
    record.result.notes.insert(record.result.notes.begin(),
                               "lone surrogates in the JSON string replaced with U+FFFD: " +
                                   std::to_string(record.lone_surrogates));
  }
  if (learn && record.result.ok()) record.block_keys = take_block_keys(record.result);
  record.out = output_line(args, record);
  return record;
}

class Sink {
 public:
  Sink(const Args& args, bool learn, Progress& progress, Disposal<Record>& disposal)
      : args_(args), progress_(progress), disposal_(disposal) {
    if (learn) learner_.emplace(learner_options(args));
  }

  void take(Record&& r) {
    if (!learner_) return finish(std::move(r));
    if (r.error.empty() && r.result.ok()) learner_->observe(r.site, r.block_keys);
    held_.push_back(std::move(r));
    if (held_.size() > kLookahead) pop();
  }

  void flush() {
    while (!held_.empty()) pop();
    stdout_.flush();
  }

  std::size_t ok = 0, failed = 0;

 private:
  void pop() {
    Record r = std::move(held_.front());
    held_.pop_front();
    if (r.error.empty() && r.result.ok() && learner_->apply(r.site, r.result, r.block_keys) > 0) {
      r.out = output_line(args_, r);
    }
    finish(std::move(r));
  }

  void finish(Record&& r) {
    emit(r);
    disposal_.put(r.home, std::move(r));
  }

  void emit(const Record& r) {
    progress_.advance(r.bytes);
    std::string name = display_name(r.input) + ":" + std::to_string(r.number);
    if (!r.error.empty()) {
      progress_.report(name, r.error);
      ++failed;
    } else if (!r.result.ok()) {
      progress_.report(name, r.result.error);
      ++failed;
    } else {
      ++ok;
    }
    stdout_.write(r.out);
  }

  const Args& args_;
  Progress& progress_;
  Disposal<Record>& disposal_;
  std::optional<SiteBoilerplate> learner_;
  std::deque<Record> held_;
  GatheredStdout stdout_;
};

}  // namespace

int run_jsonl(const Args& args) {
  if (!args.output_dir.empty()) {
    std::cerr << "winnow: --input jsonl writes to standard output; -o is not supported with it\n";
    return kExitUsage;
  }
  if (args.format_given && args.format != OutputFormat::Json && args.format != OutputFormat::Jsonl) {
    std::cerr << "winnow: --input jsonl writes JSON Lines (the text in \"text\"); --format "
              << (args.format == OutputFormat::Markdown ? "markdown" : "text") << " is not supported with it\n";
    return kExitUsage;
  }
  if (args.skip_existing) {
    std::cerr << "winnow: --skip-existing leaves out inputs whose output file exists: --input jsonl writes no "
                 "files, only standard output\n";
    return kExitUsage;
  }
  std::vector<std::string> inputs = args.inputs;
  if (inputs.empty()) inputs.push_back("-");
  const bool learn = site_boilerplate_enabled(args);
  const bool show = args.progress == 1 || (args.progress < 0 && stderr_is_terminal());
  Progress progress(show, 0, 0);
  const unsigned threads = worker_count(args);
  unsigned fewest_threads = threads;  // of the files, the fewest threads that ran
  Disposal<Record> disposal(threads);
  Sink sink(args, learn, progress, disposal);
  std::size_t unreadable = 0;
  for (const auto& name : inputs) {
    int fd = name == "-" ? ::dup(STDIN_FILENO) : ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      progress.report(display_name(name), errno == ENOENT ? "no such file" : std::strerror(errno));
      ++unreadable;
      continue;
    }
    LineReader reader(fd, args.options.max_bytes);
    std::string dir_site = name == "-" ? "" : std::filesystem::path(name).parent_path().string();
    fewest_threads = std::min(fewest_threads, ordered_map<Line, Record>(
        threads, std::size_t{8} * threads,
        [&](Line& line) {
          if (!reader.next(line)) return false;
          line.dir_site = dir_site;
          line.input = name;
          return true;
        },
        [&](Line&& line) { return work(args, learn, disposal, std::move(line)); },
        [&](Record&& r) { sink.take(std::move(r)); }));
    if (!reader.error().empty()) {
      progress.report(display_name(name), "read error: " + reader.error());
      ++unreadable;
    }
  }
  sink.flush();
  if (fewest_threads < threads) progress.line(fewer_threads_note(threads, fewest_threads));
  progress.line(std::to_string(sink.ok) + " ok, " + std::to_string(sink.failed + unreadable) +
                " failed, 0 skipped");
  return sink.failed + unreadable > 0 ? kExitInputFailed : kExitOk;
}

}  // namespace winnow::cli
