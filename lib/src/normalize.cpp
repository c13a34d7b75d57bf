#include "normalize.hpp"

#include <cstdint>

#include "byte_masks.hpp"
#include "decode.hpp"
#include "entities.hpp"
#include "mojibake.hpp"
#include "name_matcher.hpp"
#include "winnow/names.hpp"
#include "unicode_form.hpp"
#include "whitespace.hpp"

namespace winnow::detail {

namespace {

constexpr std::size_t kExamples = 3;

void add_examples(std::vector<std::pair<std::string, std::string>>& to,
                  const std::vector<std::pair<std::string, std::string>>& from) {
  for (const auto& e : from) {
    if (to.size() >= kExamples) return;
    bool seen = false;
    for (const auto& have : to) seen = seen || have == e;
    if (!seen) to.push_back(e);
  }
}

std::string describe(const std::vector<std::pair<std::string, std::string>>& examples) {
  std::string out;
  for (const auto& [before, after] : examples) {
    out += out.empty() ? " (" : ", ";
    out += "'" + before + "' -> '" + after + "'";
  }
  if (!out.empty()) out += ")";
  return out;
}

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

NormalizeReport& NormalizeReport::operator+=(const NormalizeReport& other) {
  entities += other.entities;
  mojibake_spans += other.mojibake_spans;
  names += other.names;
  add_examples(mojibake_examples, other.mojibake_examples);
  add_examples(name_examples, other.name_examples);
  return *this;
}

void NormalizeReport::append_notes(std::vector<std::string>& notes) const {
  if (mojibake_spans > 0) {
    notes.push_back("mojibake repaired: " + count(mojibake_spans, "span", "spans") + describe(mojibake_examples));
  }
  if (entities > 0) notes.push_back("HTML entities decoded: " + std::to_string(entities));
  if (names > 0) {
    notes.push_back("name variants unified: " + count(names, "name", "names") + describe(name_examples));
  }
}

namespace {

// Valid UTF-8 (ASCII checked 64 bytes at a time), or not.
bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    i = skip_ascii(s.data(), s.size(), i);
    if (i >= s.size()) break;
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (b < 0xC2 || b > 0xF4 || i + len > s.size()) return false;
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) ||
        (b == 0xF4 && b1 > 0x8F)) {
      return false;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// The text a pass works on: its input until a step changes it, then the
// pass's own string. Each step writes only when it changes something, so a
// pass over text that needs nothing copies nothing.
class PassText {
 public:
  PassText(std::string_view input, std::string& output) : input_(input), output_(output) {}
  std::string_view view() const { return changed_ ? std::string_view(output_) : input_; }
  // Where a step writes its result (it may read view() while it does).
  std::string& result() { return output_; }
  void mark_changed(bool changed) { changed_ = changed_ || changed; }
  bool changed() const { return changed_; }

 private:
  std::string_view input_;
  std::string& output_;
  bool changed_ = false;
};

// One pass of every step over valid UTF-8. Returns false when nothing
// changed, else sets `out`.
bool normalize_pass(std::string_view in, std::string& out, const NormalizeOptions& options,
                    NormalizeReport& local, bool preformatted) {
  PassText t(in, out);
  std::size_t entities = decode_entities(t.view(), t.result());
  local.entities += entities;
  t.mark_changed(entities > 0);
  if (options.fix_mojibake) {
    MojibakeRepair repair = repair_mojibake(t.view(), t.result());
    local.mojibake_spans += repair.spans;
    add_examples(local.mojibake_examples, repair.examples);
    t.mark_changed(repair.spans > 0);
  }
  CleanupOptions cleanup;
  cleanup.ascii_punctuation = options.ascii_punctuation;
  cleanup.keep_layout = preformatted;
  t.mark_changed(clean_characters_changes(t.view(), cleanup, t.result()));
  // NFKC can make new spaces and entity-like text ("＆amp;"); NFC cannot.
  if (unicode_form_changes(t.view(), options.form, t.result())) {
    t.mark_changed(true);
    if (options.form == UnicodeForm::NFKC) {
      local.entities += decode_entities(out);
      out = unicode_form(clean_characters(out, cleanup), options.form);
    }
  }
  if (options.names) {
    const NameDictionary& dictionary =
        options.dictionary ? *options.dictionary : NameDictionary::builtin();
    if (!dictionary.empty()) {
      t.mark_changed(name_matcher(dictionary).apply(t.view(), t.result(), &local.names, &local.name_examples));
    }
  }
  return t.changed();
}

// Mojibake repair and entity decoding weigh what surrounds them, and later
// steps change that (punctuation folding, NFKC, a repaired neighbour), so a
// second pass can find more. Passes repeat until nothing changes, so that
// normalizing twice is normalizing once; a pass whose steps all leave the
// text alone ends the loop without a comparison.
constexpr int kMaxPasses = 4;

}  // namespace

std::string normalize_text(std::string_view text, const NormalizeOptions& options,
                           NormalizeReport* report, bool preformatted) {
  std::string s;
  std::string_view current = text;  // s, or the input while no step changed it
  if (!is_valid_utf8(text)) {
    s = to_valid_utf8(text);
    current = s;
  }
  if (!options.enabled) return std::string(current);
  NormalizeReport local;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    std::string next;
    if (!normalize_pass(current, next, options, local, preformatted)) break;
    bool same = next == current;
    s = std::move(next);
    current = s;
    if (same) break;
  }
  if (report) *report += local;
  return current.data() == s.data() ? std::move(s) : std::string(current);
}

}  // namespace winnow::detail

namespace winnow {

std::string normalize(std::string_view text, const NormalizeOptions& options,
                      std::vector<std::string>* notes) {
  detail::NormalizeReport report;
  std::string out = detail::normalize_text(text, options, &report);
  if (notes) report.append_notes(*notes);
  return out;
}

}  // namespace winnow
