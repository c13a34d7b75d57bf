// The C API (<winnow/winnow.h>): opaque handles over the C++ values, and a
// boundary no exception crosses.
#include "winnow/winnow.h"

#include <array>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

#include "winnow/names.hpp"
#include "winnow/winnow.hpp"

struct winnow_options {
  winnow::Options options;
};

struct winnow_result {
  winnow::Result result;
};

namespace {

// Names of every value of a uint8_t enum as NUL-terminated strings, built
// once (thread-safe static initialization) and never modified after.
template <typename Enum>
const std::string& enum_name(Enum value) {
  static const std::array<std::string, 256> names = [] {
    std::array<std::string, 256> table;
    for (size_t i = 0; i < table.size(); ++i) {
      table[i] = std::string(winnow::to_string(static_cast<Enum>(i)));
    }
    return table;
  }();
  return names[static_cast<std::uint8_t>(value)];
}

// The value a C caller passed for an enum parameter, read as its raw bits.
// C lets any int through; in C++ merely loading an enum outside its
// enumerators' range is undefined, so unknown values are caught this way.
template <typename Enum>
std::underlying_type_t<Enum> raw(const Enum& value) {
  std::underlying_type_t<Enum> bits;
  static_assert(sizeof bits == sizeof value);
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

winnow_status from_status(winnow::Status status) {
  switch (status) {
    case winnow::Status::Ok: return WINNOW_OK;
    case winnow::Status::EmptyInput: return WINNOW_EMPTY_INPUT;
    case winnow::Status::BinaryInput: return WINNOW_BINARY_INPUT;
    case winnow::Status::TooLarge: return WINNOW_TOO_LARGE;
    case winnow::Status::Unsupported: return WINNOW_UNSUPPORTED;
    case winnow::Status::ReadError: return WINNOW_READ_ERROR;
  }
  return WINNOW_INTERNAL_ERROR;
}

// Run `body` and turn any exception into a status: nothing may unwind into C.
template <typename Body>
winnow_status guarded(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return WINNOW_OUT_OF_MEMORY;
  } catch (...) {
    return WINNOW_INTERNAL_ERROR;
  }
}

// A malloc'ed NUL-terminated copy, so winnow_free() is plain free().
winnow_status copy_out(const std::string& s, char** out, size_t* out_length) {
  char* copy = static_cast<char*>(std::malloc(s.size() + 1));
  if (copy == nullptr) return WINNOW_OUT_OF_MEMORY;
  std::memcpy(copy, s.data(), s.size());
  copy[s.size()] = '\0';
  *out = copy;
  if (out_length != nullptr) *out_length = s.size();
  return WINNOW_OK;
}

const char* borrowed(const std::string& s, size_t* length) {
  if (length != nullptr) *length = s.size();
  return s.c_str();
}

const winnow::Block* block_at(const winnow_result* r, size_t index) {
  if (r == nullptr || index >= r->result.blocks.size()) return nullptr;
  return &r->result.blocks[index];
}

template <typename Run>
winnow_status run_extract(const char* input, size_t length, const winnow_options* options,
                          winnow_result** result, Run&& run) noexcept {
  if (result == nullptr) return WINNOW_INVALID_ARGUMENT;
  *result = nullptr;
  if (input == nullptr && length != 0) return WINNOW_INVALID_ARGUMENT;
  return guarded([&] {
    static const winnow::Options kDefaults;
    auto* r = new winnow_result{run(std::string_view(input == nullptr ? "" : input, length),
                                    options == nullptr ? kDefaults : options->options)};
    *result = r;
    return from_status(r->result.status);
  });
}

template <typename Set>
winnow_status set_option(winnow_options* options, Set&& set) noexcept {
  if (options == nullptr) return WINNOW_INVALID_ARGUMENT;
  return set(options->options) ? WINNOW_OK : WINNOW_INVALID_ARGUMENT;
}

}  // namespace

extern "C" {

const char* winnow_version(void) {
  static const std::string version(winnow::version());
  return version.c_str();
}

const char* winnow_status_name(winnow_status status) {
  switch (raw(status)) {
    case WINNOW_OK: return "ok";
    case WINNOW_EMPTY_INPUT: return "empty-input";
    case WINNOW_BINARY_INPUT: return "binary-input";
    case WINNOW_TOO_LARGE: return "too-large";
    case WINNOW_UNSUPPORTED: return "unsupported";
    case WINNOW_READ_ERROR: return "read-error";
    case WINNOW_INVALID_ARGUMENT: return "invalid-argument";
    case WINNOW_OUT_OF_MEMORY: return "out-of-memory";
    case WINNOW_INTERNAL_ERROR: return "internal-error";
  }
  return "unknown";
}

winnow_options* winnow_options_new(void) { return new (std::nothrow) winnow_options{}; }

void winnow_options_free(winnow_options* options) { delete options; }

winnow_status winnow_options_set_mode(winnow_options* options, winnow_mode mode) {
  return set_option(options, [&mode](winnow::Options& o) {
    switch (raw(mode)) {
      case WINNOW_MODE_AUTO: o.mode = winnow::Mode::Auto; return true;
      case WINNOW_MODE_TEXT: o.mode = winnow::Mode::Text; return true;
      case WINNOW_MODE_HTML: o.mode = winnow::Mode::Html; return true;
    }
    return false;
  });
}

winnow_status winnow_options_set_favor(winnow_options* options, winnow_favor favor) {
  return set_option(options, [&favor](winnow::Options& o) {
    switch (raw(favor)) {
      case WINNOW_FAVOR_BALANCED: o.favor = winnow::Favor::Balanced; return true;
      case WINNOW_FAVOR_PRECISION: o.favor = winnow::Favor::Precision; return true;
      case WINNOW_FAVOR_RECALL: o.favor = winnow::Favor::Recall; return true;
    }
    return false;
  });
}

winnow_status winnow_options_set_tables(winnow_options* options, int tables) {
  return set_option(options, [tables](winnow::Options& o) { return o.tables = tables != 0, true; });
}

winnow_status winnow_options_set_evidence(winnow_options* options, int evidence) {
  return set_option(options, [evidence](winnow::Options& o) { return o.evidence = evidence != 0, true; });
}

winnow_status winnow_options_set_dropped_text(winnow_options* options, int dropped_text) {
  return set_option(options, [dropped_text](winnow::Options& o) { return o.dropped_text = dropped_text != 0, true; });
}

winnow_status winnow_options_set_max_bytes(winnow_options* options, size_t max_bytes) {
  return set_option(options, [max_bytes](winnow::Options& o) { return o.max_bytes = max_bytes, true; });
}

winnow_status winnow_options_set_normalize(winnow_options* options, int enabled) {
  return set_option(options,
                    [enabled](winnow::Options& o) { return o.normalize.enabled = enabled != 0, true; });
}

winnow_status winnow_options_set_unicode_form(winnow_options* options, winnow_unicode_form form) {
  return set_option(options, [&form](winnow::Options& o) {
    switch (raw(form)) {
      case WINNOW_UNICODE_NFC: o.normalize.form = winnow::UnicodeForm::NFC; return true;
      case WINNOW_UNICODE_NFKC: o.normalize.form = winnow::UnicodeForm::NFKC; return true;
      case WINNOW_UNICODE_NONE: o.normalize.form = winnow::UnicodeForm::None; return true;
    }
    return false;
  });
}

winnow_status winnow_options_set_fix_mojibake(winnow_options* options, int fix) {
  return set_option(options,
                    [fix](winnow::Options& o) { return o.normalize.fix_mojibake = fix != 0, true; });
}

winnow_status winnow_options_set_ascii_punctuation(winnow_options* options, int ascii) {
  return set_option(options, [ascii](winnow::Options& o) {
    return o.normalize.ascii_punctuation = ascii != 0, true;
  });
}

winnow_status winnow_options_set_names(winnow_options* options, int names) {
  return set_option(options,
                    [names](winnow::Options& o) { return o.normalize.names = names != 0, true; });
}

winnow_status winnow_options_add_names(winnow_options* options, const char* text, size_t length,
                                       char** problems) {
  if (problems != nullptr) *problems = nullptr;
  if (options == nullptr || (text == nullptr && length != 0)) return WINNOW_INVALID_ARGUMENT;
  return guarded([&] {
    winnow::NormalizeOptions& n = options->options.normalize;
    // Options are values: edit a copy, never a dictionary another handle shares.
    auto names = std::make_shared<winnow::NameDictionary>(
        n.dictionary ? *n.dictionary : winnow::NameDictionary::builtin());
    std::vector<winnow::NameError> errors =
        names->merge(std::string_view(text == nullptr ? "" : text, length));
    n.dictionary = std::move(names);
    if (errors.empty() || problems == nullptr) return WINNOW_OK;
    std::string report;
    for (const winnow::NameError& e : errors) report += e.to_string() + "\n";
    return copy_out(report, problems, nullptr);
  });
}

winnow_status winnow_extract(const char* input, size_t length, const winnow_options* options,
                             winnow_result** result) {
  return run_extract(input, length, options, result,
                     [](std::string_view in, const winnow::Options& o) { return winnow::extract(in, o); });
}

winnow_status winnow_clean_text(const char* text, size_t length, const winnow_options* options,
                                winnow_result** result) {
  return run_extract(text, length, options, result, [](std::string_view in, const winnow::Options& o) {
    return winnow::clean_text(in, o);
  });
}

void winnow_result_free(winnow_result* result) { delete result; }

winnow_status winnow_result_status(const winnow_result* result) {
  return result == nullptr ? WINNOW_INVALID_ARGUMENT : from_status(result->result.status);
}

const char* winnow_result_error(const winnow_result* result) {
  return result == nullptr ? "" : result->result.error.c_str();
}

const char* winnow_result_text(const winnow_result* result, size_t* length) {
  static const std::string kEmpty;
  return borrowed(result == nullptr ? kEmpty : result->result.text, length);
}

const char* winnow_result_metadata(const winnow_result* result, winnow_metadata_field field) {
  if (result == nullptr) return "";
  const winnow::Metadata& m = result->result.metadata;
  switch (raw(field)) {
    case WINNOW_META_TITLE: return m.title.c_str();
    case WINNOW_META_AUTHOR: return m.author.c_str();
    case WINNOW_META_DATE: return m.date.c_str();
    case WINNOW_META_SITE_NAME: return m.site_name.c_str();
    case WINNOW_META_URL: return m.url.c_str();
    case WINNOW_META_LANGUAGE: return m.language.c_str();
    case WINNOW_META_DESCRIPTION: return m.description.c_str();
  }
  return "";
}

winnow_mode winnow_result_mode(const winnow_result* result) {
  if (result != nullptr && result->result.mode == winnow::Mode::Html) return WINNOW_MODE_HTML;
  return WINNOW_MODE_TEXT;
}

size_t winnow_result_block_count(const winnow_result* result) {
  return result == nullptr ? 0 : result->result.blocks.size();
}

const char* winnow_result_block_text(const winnow_result* result, size_t index, size_t* length) {
  static const std::string kEmpty;
  const winnow::Block* b = block_at(result, index);
  return borrowed(b == nullptr ? kEmpty : b->text, length);
}

int winnow_result_block_kept(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b != nullptr && b->kept ? 1 : 0;
}

const char* winnow_result_block_kind(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b == nullptr ? "" : enum_name(b->kind).c_str();
}

const char* winnow_result_block_reason(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b == nullptr ? "" : enum_name(b->reason).c_str();
}

const char* winnow_result_block_markdown(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b == nullptr ? "" : b->markdown.c_str();
}

const char* winnow_result_block_evidence(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b == nullptr ? "" : b->evidence.c_str();
}

int winnow_result_block_heading_level(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b == nullptr ? 0 : b->heading_level;
}

int winnow_result_block_list_number(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b == nullptr ? 0 : b->list_number;
}

int winnow_result_block_list_depth(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b == nullptr ? 0 : b->list_depth;
}

int winnow_result_block_table_start(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b != nullptr && b->table_start ? 1 : 0;
}

int winnow_result_block_table_header(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b != nullptr && b->table_header ? 1 : 0;
}

int winnow_result_block_opens_item(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b != nullptr && b->opens_item ? 1 : 0;
}

int winnow_result_block_quoted(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b != nullptr && b->quoted ? 1 : 0;
}

int winnow_result_block_quote_start(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b != nullptr && b->quote_start ? 1 : 0;
}

int winnow_result_block_after_line_break(const winnow_result* result, size_t index) {
  const winnow::Block* b = block_at(result, index);
  return b != nullptr && b->after_line_break ? 1 : 0;
}

size_t winnow_result_note_count(const winnow_result* result) {
  return result == nullptr ? 0 : result->result.notes.size();
}

const char* winnow_result_note(const winnow_result* result, size_t index) {
  if (result == nullptr || index >= result->result.notes.size()) return "";
  return result->result.notes[index].c_str();
}

winnow_status winnow_render(const winnow_result* result, winnow_format format, unsigned flags,
                            const char* input_name, char** out, size_t* out_length) {
  if (result == nullptr || out == nullptr) return WINNOW_INVALID_ARGUMENT;
  *out = nullptr;
  winnow::Format f;
  switch (raw(format)) {
    case WINNOW_FORMAT_TEXT: f = winnow::Format::Text; break;
    case WINNOW_FORMAT_MARKDOWN: f = winnow::Format::Markdown; break;
    case WINNOW_FORMAT_JSON: f = winnow::Format::Json; break;
    default: return WINNOW_INVALID_ARGUMENT;
  }
  return guarded([&] {
    winnow::RenderOptions ro;
    ro.title = (flags & WINNOW_RENDER_TITLE) != 0;
    ro.explain = (flags & WINNOW_RENDER_EXPLAIN) != 0;
    ro.pretty = (flags & WINNOW_RENDER_PRETTY) != 0;
    ro.links = (flags & WINNOW_RENDER_LINKS) != 0;
    if (input_name != nullptr) ro.input_name = input_name;
    return copy_out(winnow::render(result->result, f, ro), out, out_length);
  });
}

winnow_status winnow_normalize(const char* text, size_t length, const winnow_options* options,
                               char** out, size_t* out_length) {
  if (out == nullptr || (text == nullptr && length != 0)) return WINNOW_INVALID_ARGUMENT;
  *out = nullptr;
  return guarded([&] {
    static const winnow::NormalizeOptions kDefaults;
    std::string normalized = winnow::normalize(std::string_view(text == nullptr ? "" : text, length),
                                               options == nullptr ? kDefaults : options->options.normalize);
    return copy_out(normalized, out, out_length);
  });
}

void winnow_free(char* string) { std::free(string); }

}  // extern "C"
