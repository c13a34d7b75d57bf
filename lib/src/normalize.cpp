#include "normalize.hpp"

#include <bit>
#include <cstdint>

#include "byte_masks.hpp"
#include "charset.hpp"
#include "decode.hpp"
#include "entities.hpp"
#include "mojibake.hpp"
#include "name_matcher.hpp"
#include "winnow/names.hpp"
#include "unicode_form.hpp"
#include "utf8.hpp"
#include "whitespace.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// A <pre> block is code or laid-out text: the names in it are left as
// written (an identifier, a path, a quoted log line).
bool unifies_names(const NormalizeOptions& options, TextShape shape) {
  return options.names && !(shape & kPreformatted);
}

// The name variants step; true when it changed the text.
bool unify_names_of(const NameMatcher& matcher, PassText& t, NormalizeReport& local, TextShape shape) {
  if (shape & kMarkdown) return matcher.apply_markdown(t.view(), t.result(), &local.names, &local.name_examples);
  return matcher.apply(t.view(), t.result(), &local.names, &local.name_examples);
}

// The steps of a pass before the name variants.
void run_steps_before_names(PassText& t, const NormalizeOptions& options, NormalizeReport& local,
                            TextShape shape) {
  const bool decode_references = !(shape & kReferencesDecoded);
  if (decode_references) {
    std::size_t entities = decode_entities(t.view(), t.result());
    local.entities += entities;
    t.mark_changed(entities > 0);
  }
  if (options.fix_mojibake) {
    MojibakeRepair repair = repair_mojibake(t.view(), t.result());
    local.mojibake_spans += repair.spans;
    add_examples(local.mojibake_examples, repair.examples);
    t.mark_changed(repair.spans > 0);
  }
  CleanupOptions cleanup;
  cleanup.ascii_punctuation = options.ascii_punctuation;
  cleanup.keep_layout = (shape & kPreformatted) != 0;
  t.mark_changed(clean_characters_changes(t.view(), cleanup, t.result()));
  // NFKC can make new spaces and entity-like text ("＆amp;"); NFC cannot.
  if (unicode_form_changes(t.view(), options.form, t.result())) {
    t.mark_changed(true);
    if (options.form == UnicodeForm::NFKC) {
      std::string& out = t.result();
      if (decode_references) local.entities += decode_entities(out);
      out = unicode_form(clean_characters(out, cleanup), options.form);
    }
  }
}

// Whether s[at] begins common punctuation (kCommonPunctuation: dashes,
// curly quotes, the ellipsis). No step before the name variants changes it
// unless the clean-up folds it to ASCII or the form is NFKC (which spells
// the ellipsis "..."): no entity holds it; the clean-up writes it as it is;
// each is NFC and a starter that composes with nothing; and the mojibake
// repair finds no pair among them and ASCII: the Windows code pages read
// each as a continuation byte and none as a lead, Mac Roman reads each as a
// lead and none as a continuation, and none is a letter (a lead a space may
// complete) nor the byte C3 in any code page.
bool inert_punctuation_at(std::string_view s, std::size_t at) {
  return at + 3 <= s.size() && is_common_punctuation(reinterpret_cast<const unsigned char*>(s.data() + at));
}

// Printable ASCII with single spaces, none at either end, and no '&' (and,
// when `punctuation_inert`, the punctuation above): no entity, no mojibake,
// nothing for the clean-up, and every Unicode form of ASCII is itself. Only
// the name variants may change such text, and most lines of scraped text
// are like it.
bool only_names_may_change(std::string_view s, bool punctuation_inert) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  std::size_t i = 0;
  bool space_before = false;
#if defined(__SSE2__)
  // 16 bytes from s[i], the first `seen` of them looked at already (their
  // bits shifted out): how far the check goes on, or 0 when the line needs
  // more than the name variants.
  const auto step = [&](__m128i v, unsigned seen) -> std::size_t {
    // Bytes >= 0x80 are flagged apart.
    const __m128i odd = _mm_or_si128(sse2::below_from(v, 0, 0x20),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)),
                                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('&'))));
    const auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')))) >> seen;
    const unsigned stops = (static_cast<unsigned>(_mm_movemask_epi8(odd)) >> seen) |
                           (spaces & ((spaces << 1) | (space_before ? 1U : 0U)));
    const auto high = static_cast<unsigned>(_mm_movemask_epi8(v)) >> seen;
    if (high == 0) {
      if (stops != 0) return 0;
      space_before = (spaces >> 15) & 1;
      return 16;
    }
    // Up to the first byte >= 0x80, which must begin inert punctuation;
    // the next step starts after it.
    const auto first = static_cast<unsigned>(std::countr_zero(high));
    if (!punctuation_inert || (stops & ((1U << first) - 1)) != 0 || !inert_punctuation_at(s, i + first)) return 0;
    space_before = false;
    return first + 3;
  };
  while (i + 16 <= s.size()) {
    const std::size_t next = step(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)), 0);
    if (next == 0) return false;
    i += next;
  }
  // The last bytes, fewer than 16 (most lines end so), 16 at a time too:
  // the line's last 16, or a shorter line copied into a block filled out
  // with a letter, which stops nothing.
  while (i < s.size()) {
    __m128i v;
    unsigned seen = 0;
    if (s.size() >= 16) {
      seen = static_cast<unsigned>(i - (s.size() - 16));
      v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + s.size() - 16));
    } else {
      seen = static_cast<unsigned>(i);
      char line[16];
      __builtin_memset(line, 'a', sizeof line);
      __builtin_memcpy(line, s.data(), s.size());
      v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line));
    }
    const std::size_t next = step(v, seen);
    if (next == 0) return false;
    i += next;
  }
#endif
  while (i < s.size()) {  // without SSE2: byte by byte
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if (!punctuation_inert || !inert_punctuation_at(s, i)) return false;
      space_before = false;
      i += 3;
      continue;
    }
    if (c < 0x20 || c == 0x7F || c == '&' || (c == ' ' && space_before)) return false;
    space_before = c == ' ';
    ++i;
  }
  return true;
}

// One pass of every step over valid UTF-8. Returns false when nothing
// changed, else sets `out`. Unless `every_step`, the steps that cannot
// change the text are skipped (only_names_may_change()).
bool normalize_pass(std::string_view in, std::string& out, const NormalizeOptions& options,
                    NormalizeReport& local, TextShape shape, bool every_step) {
  PassText t(in, out);
  const bool punctuation_inert = !options.ascii_punctuation && options.form != UnicodeForm::NFKC;
  if (every_step || !only_names_may_change(in, punctuation_inert)) {
    run_steps_before_names(t, options, local, shape);
  }
  if (unifies_names(options, shape)) {
    const NameDictionary& dictionary =
        options.dictionary ? *options.dictionary : NameDictionary::builtin();
    if (!dictionary.empty()) {
      t.mark_changed(unify_names_of(name_matcher(dictionary), t, local, shape));
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

// The passes over the whole text, as one loop: what the chunked passes
// below must give exactly (with `every_step`, the definition).
// `current` is the text: `s`, or the input while no step changed it; on
// return it views the result, in `s` or still the input.
void whole_text_passes(std::string& s, std::string_view& current, const NormalizeOptions& options,
                       NormalizeReport& local, TextShape shape, bool every_step) {
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    std::string next;
    if (!normalize_pass(current, next, options, local, shape, every_step)) break;
    bool same = next == current;
    s = std::move(next);
    current = s;
    if (same) break;
  }
}

// ---------------------------------------------------------------------------
// Passes over chunks. Most of a page comes out of the first pass as it went
// in, yet the loop above runs every step over all of it a second time to
// find that out. Each step works line by line (an entity, a mojibake span,
// a name and a stretch the Unicode form rewrites never cross a line break),
// except the clean-up, which carries blank lines and spaces from one line to
// the next. So the text is cut into chunks at line breaks where that carry
// is known (see cut_holds_for_cleanup()), a pass over the chunks in turn
// gives what a pass over the whole text gives, and a chunk the pass left
// alone (no step changed it) is left alone by every later pass: only the
// chunks a pass changed go through the next one.
//
// Two couplings remain and are kept: entity decoding repeats its rounds
// over the whole text when one made a '&' (so the rounds are shared by the
// chunks of a pass), and the mojibake repair reports the first examples of
// the whole pass. NFKC, which runs the clean-up and entity decoding again
// over the whole text when it changes anything, keeps the whole-text loop.
// Should a step ever change the characters around a cut in a way the
// clean-up would see, the chunks are dropped and the whole-text loop runs.

// The steps of a pass, in order (a step an option turns off counts as one
// that changed nothing).
enum Step : int { kEntities, kMojibake, kCleanup, kUnicodeForm, kNames, kSteps };

struct Chunk {
  explicit Chunk(std::string_view text) : input(text) {}
  std::string_view input;  // its text while no pass changed it
  std::string own;         // else its text
  bool owned = false;
  bool active = true;      // the last pass changed it: the next must see it
  // Steps run since one last changed the text, and which one that was.
  // Each step depends on the chunk's text alone, so at kSteps the step
  // about to run has seen this very text and left it alone: it would
  // again, and is skipped. An idempotent step is skipped one step earlier
  // when it made the last change: the text is its own output.
  int quiet_steps = 0;
  int last_change = -1;
  std::string_view text() const { return owned ? std::string_view(own) : input; }
  bool step_may_change(Step step, bool idempotent) const {
    return quiet_steps < (idempotent && last_change == step ? kSteps - 1 : kSteps);
  }
  void count_step(Step step, bool changed) {
    quiet_steps = changed ? 0 : quiet_steps + 1;
    if (changed) last_change = step;
  }
};

// The code point that ends `left` before its final one or two line breaks,
// and the one that begins `right`; false when `left` does not end that way
// or `right` is empty.
bool code_points_around_cut(std::string_view left, std::string_view right, char32_t& before, char32_t& after) {
  if (right.empty() || left.empty() || left.back() != '\n') return false;
  std::size_t end = left.size() - 1;  // the text before the line breaks ends here
  if (end > 0 && left[end - 1] == '\n') --end;
  if (end == 0 || left[end - 1] == '\n') return false;
  std::size_t start = code_point_start_before(left, end);
  before = decode_valid_utf8(left, start);
  std::size_t i = 0;
  after = decode_valid_utf8(right, i);
  return true;
}

// What the clean-up needs at a cut: a character it writes as text and one
// or two line breaks before the cut, and a character it writes as text
// after it. Then, reaching the cut, it has written text and holds those
// line breaks, which the text after the cut writes out; nothing else carries
// over. Chunk by chunk, the chunk before the cut is cleaned up to its first
// line break (which the clean-up keeps as the text's last) and the second
// is put back (see clean_up_chunk()).
bool cut_holds_for_cleanup(std::string_view left, std::string_view right) {
  char32_t before = 0, after = 0;
  return code_points_around_cut(left, right, before, after) && cleanup_writes_as_text(before) &&
         cleanup_writes_as_text(after);
}

// Where to cut: where the clean-up's condition holds and the earlier steps
// of the pass are unlikely to change the characters around the cut (';'
// may end an entity, '?' a mojibake sequence, '&' begin an entity).
bool good_cut(std::string_view left, std::string_view right) {
  char32_t before = 0, after = 0;
  return code_points_around_cut(left, right, before, after) && before != ';' && before != '?' &&
         after != '&' && cleanup_writes_as_text(before) && cleanup_writes_as_text(after);
}

// The clean-up of a chunk that a cut follows (which cut_holds_for_cleanup()
// allowed): a blank line at its end is left out and put back.
bool clean_up_chunk(std::string_view text, const CleanupOptions& options, std::string& result) {
  bool blank_line = text.size() >= 2 && text[text.size() - 2] == '\n';
  if (!blank_line) return clean_characters_changes(text, options, result);
  if (!clean_characters_changes(text.substr(0, text.size() - 1), options, result)) return false;
  result.push_back('\n');
  return true;
}

std::vector<Chunk> cut_into_chunks(std::string_view text, std::size_t min_chunk) {
  std::vector<Chunk> chunks;
  std::size_t start = 0;
  for (std::size_t i = min_chunk; i < text.size();) {
    std::size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos || text.size() - nl <= min_chunk) break;
    if (!good_cut(text.substr(start, nl + 1 - start), text.substr(nl + 1))) {
      i = nl + 1;
      continue;
    }
    chunks.emplace_back(text.substr(start, nl + 1 - start));
    start = nl + 1;
    i = start + min_chunk;
  }
  chunks.emplace_back(text.substr(start));
  return chunks;
}

// Joins each chunk to the one before it when the cut between them no longer
// holds (a pass changed the characters around it). A cut between two
// chunks the pass left alone still holds.
void merge_broken_cuts(std::vector<Chunk>& chunks) {
  std::size_t kept = 0;  // chunks [0, kept) are the merged ones so far
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    Chunk& c = chunks[k];
    if (kept > 0) {
      Chunk& last = chunks[kept - 1];
      std::string_view left = last.text(), right = c.text();
      if ((last.active || c.active) && !good_cut(left, right)) {
        std::string joined;
        joined.reserve(left.size() + right.size());
        joined.append(left).append(right);
        last.own = std::move(joined);
        last.owned = true;
        last.active = last.active || c.active;
        last.quiet_steps = 0;  // new text (and maybe now the last chunk)
        last.last_change = -1;
        continue;
      }
    }
    if (kept != k) chunks[kept] = std::move(c);
    ++kept;
  }
  chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(kept), chunks.end());
}

// The clean-up's condition at each cut next to a chunk the pass works on.
bool cuts_hold_for_cleanup(const std::vector<Chunk>& chunks, const std::vector<PassText>& texts) {
  for (std::size_t k = 1; k < chunks.size(); ++k) {
    if (!chunks[k - 1].active && !chunks[k].active) continue;
    if (!cut_holds_for_cleanup(texts[k - 1].view(), texts[k].view())) return false;
  }
  return true;
}

enum class PassResult { Unchanged, Changed, Same, CutBroken };

// One pass over the active chunks, step by step (normalize_pass()'s steps,
// for NFC and no form). Updates the chunks and which are active.
PassResult chunked_pass(std::vector<Chunk>& chunks, const NormalizeOptions& options, NormalizeReport& local,
                        TextShape shape) {
  const std::size_t n = chunks.size();
  std::vector<std::string> outputs(n);
  std::vector<PassText> texts;
  texts.reserve(n);
  for (std::size_t k = 0; k < n; ++k) texts.emplace_back(chunks[k].text(), outputs[k]);
  // Runs `step` (which says whether it changed the text) over the active
  // chunks it may change, and counts it for every active chunk.
  auto each_active = [&](Step step, bool idempotent, auto&& run) {
    for (std::size_t k = 0; k < n; ++k) {
      Chunk& c = chunks[k];
      if (!c.active) continue;
      bool changed = c.step_may_change(step, idempotent) && run(k, texts[k]);
      texts[k].mark_changed(changed);
      c.count_step(step, changed);
    }
  };
  // Entity rounds repeat over every chunk while one made a '&'; a chunk's
  // rounds count as one step.
  std::vector<char> decoded_any(n, 0);
  for (bool made_ampersand = !(shape & kReferencesDecoded); made_ampersand;) {
    made_ampersand = false;
    for (std::size_t k = 0; k < n; ++k) {
      if (!chunks[k].active || !chunks[k].step_may_change(kEntities, false)) continue;
      std::size_t decoded = decode_entities_round(texts[k].view(), texts[k].result(), made_ampersand);
      local.entities += decoded;
      texts[k].mark_changed(decoded > 0);
      decoded_any[k] = decoded_any[k] || decoded > 0;
    }
  }
  each_active(kEntities, false, [&](std::size_t k, PassText&) { return decoded_any[k] != 0; });
  std::vector<std::pair<std::string, std::string>> examples;  // the pass's first mojibake repairs
  each_active(kMojibake, false, [&](std::size_t, PassText& t) {
    if (!options.fix_mojibake) return false;
    MojibakeRepair repair = repair_mojibake(t.view(), t.result());
    local.mojibake_spans += repair.spans;
    for (auto& e : repair.examples) {
      if (examples.size() < 3) examples.push_back(std::move(e));
    }
    return repair.spans > 0;
  });
  add_examples(local.mojibake_examples, examples);
  if (!cuts_hold_for_cleanup(chunks, texts)) return PassResult::CutBroken;
  CleanupOptions cleanup;
  cleanup.ascii_punctuation = options.ascii_punctuation;
  cleanup.keep_layout = (shape & kPreformatted) != 0;
  // Cleaning clean text changes nothing, unless folding to ASCII
  // punctuation puts a hyphen next to a joiner that a dash had kept.
  each_active(kCleanup, !options.ascii_punctuation, [&](std::size_t k, PassText& t) {
    return k + 1 < n ? clean_up_chunk(t.view(), cleanup, t.result())
                     : clean_characters_changes(t.view(), cleanup, t.result());
  });
  // NFC of NFC text is itself (so is no form at all).
  each_active(kUnicodeForm, true,
              [&](std::size_t, PassText& t) { return unicode_form_changes(t.view(), options.form, t.result()); });
  const NameDictionary* dictionary = nullptr;
  if (unifies_names(options, shape)) {
    dictionary = options.dictionary ? options.dictionary.get() : &NameDictionary::builtin();
  }
  const NameMatcher* matcher = dictionary && !dictionary->empty() ? &name_matcher(*dictionary) : nullptr;
  each_active(kNames, false, [&](std::size_t, PassText& t) {
    return matcher && unify_names_of(*matcher, t, local, shape);
  });
  bool changed = false, same = true;
  for (std::size_t k = 0; k < n; ++k) {
    Chunk& c = chunks[k];
    if (!c.active) continue;
    c.active = texts[k].changed();
    if (!c.active) continue;
    changed = true;
    same = same && texts[k].view() == c.text();
    c.own = std::move(outputs[k]);  // the changed view is this string
    c.owned = true;
  }
  if (!changed) return PassResult::Unchanged;
  return same ? PassResult::Same : PassResult::Changed;
}

// The passes over chunks; false when a cut broke (then nothing is set).
bool chunked_passes(std::string_view text, std::size_t min_chunk, const NormalizeOptions& options,
                    NormalizeReport& local, TextShape shape, std::string& result, bool& changed) {
  std::vector<Chunk> chunks = cut_into_chunks(text, min_chunk);
  NormalizeReport report;
  changed = false;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    if (pass > 0) merge_broken_cuts(chunks);
    PassResult r = chunked_pass(chunks, options, report, shape);
    if (r == PassResult::CutBroken) return false;
    if (r == PassResult::Unchanged) break;
    changed = true;
    if (r == PassResult::Same) break;
  }
  local += report;
  if (!changed) return true;
  std::size_t size = 0;
  for (const auto& c : chunks) size += c.text().size();
  result.clear();
  result.reserve(size);
  for (const auto& c : chunks) result.append(c.text());
  return true;
}

}  // namespace

std::string normalize_text_reference(std::string_view text, const NormalizeOptions& options,
                                     NormalizeReport* report, TextShape shape) {
  std::string s;
  std::string_view current = text;
  if (!is_valid_utf8(text)) {
    s = to_valid_utf8(text);
    current = s;
  }
  if (!options.enabled) return std::string(current);
  NormalizeReport local;
  whole_text_passes(s, current, options, local, shape, true);
  if (report) *report += local;
  return current.data() == s.data() ? std::move(s) : std::string(current);
}

namespace {

// normalize_text_changes(); `checked`: the caller knows the text is valid
// UTF-8.
bool normalize(std::string_view text, const NormalizeOptions& options, NormalizeReport* report,
               TextShape shape, std::size_t min_chunk, bool checked, std::string& result) {
  std::string s;
  std::string_view current = text;  // s, or the input while no step changed it
  if (!checked && !is_valid_utf8(text)) {
    s = to_valid_utf8(text);
    current = s;
  }
  if (options.enabled) {
    NormalizeReport local;
    std::string out;
    bool changed = false;
    if (min_chunk > 0 && current.size() >= 2 * min_chunk && options.form != UnicodeForm::NFKC &&
        chunked_passes(current, min_chunk, options, local, shape, out, changed)) {
      if (report) *report += local;
      if (changed) {
        result = std::move(out);
        return true;
      }
    } else {
      whole_text_passes(s, current, options, local, shape, false);
      if (report) *report += local;
    }
  }
  if (current.data() != s.data()) return false;
  result = std::move(s);
  return true;
}

}  // namespace

std::string normalize_text(std::string_view text, const NormalizeOptions& options,
                           NormalizeReport* report, TextShape shape, std::size_t min_chunk) {
  std::string result;
  if (!normalize(text, options, report, shape, min_chunk, false, result)) result.assign(text);
  return result;
}

bool normalize_text_changes(std::string_view text, const NormalizeOptions& options, NormalizeReport* report,
                            TextShape shape, std::string& result) {
  return normalize(text, options, report, shape, kMinChunk, false, result);
}

bool normalize_valid_text_changes(std::string_view text, const NormalizeOptions& options,
                                  NormalizeReport* report, TextShape shape, std::string& result) {
  return normalize(text, options, report, shape, kMinChunk, true, result);
}

namespace {

// The text with its inline code marked off for the name step.
std::string with_code_marked(std::string_view text, std::span<const CodeSpan> code) {
  std::string marked;
  marked.reserve(text.size() + code.size() * (kCodeOpenMark.size() + kCodeCloseMark.size()));
  std::size_t copied = 0;
  for (const CodeSpan& c : code) {
    marked.append(text.substr(copied, c.begin - copied));
    marked += kCodeOpenMark;
    marked.append(text.substr(c.begin, c.end - c.begin));
    marked += kCodeCloseMark;
    copied = c.end;
  }
  marked.append(text.substr(copied));
  return marked;
}

// In one pass: erasing the marks one by one moved the rest of the text
// each time, quadratic in a block with many code spans.
void erase_code_marks(std::string& text) {
  static_assert(kCodeOpenMark.size() == kCodeCloseMark.size());
  std::size_t kept = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, kCodeOpenMark.size(), kCodeOpenMark) == 0 ||
        text.compare(i, kCodeCloseMark.size(), kCodeCloseMark) == 0) {
      i += kCodeOpenMark.size();
    } else {
      text[kept++] = text[i++];
    }
  }
  text.resize(kept);
}

}  // namespace

bool normalize_text_keeping_code(std::string_view text, std::span<const CodeSpan> code,
                                 const NormalizeOptions& options, NormalizeReport* report, TextShape shape,
                                 std::string& result) {
  if (code.empty()) return normalize_text_changes(text, options, report, shape, result);
  NormalizeReport local;
  bool changed = normalize_text_changes(text, options, &local, shape, result);
  // A page's text never holds the marks (the HTML parser makes these
  // noncharacters U+FFFD); if one did, its code is read as prose.
  const bool marks_are_free =
      text.find(kCodeOpenMark) == std::string_view::npos && text.find(kCodeCloseMark) == std::string_view::npos;
  if (local.names > 0 && marks_are_free) {
    local = {};
    result = normalize_text(with_code_marked(text, code), options, &local, shape);
    erase_code_marks(result);
    changed = result != text;
  }
  if (report) *report += local;
  return changed;
}

}  // namespace winnow::detail

namespace winnow {

std::string normalize(std::string_view text, const NormalizeOptions& options,
                      std::vector<std::string>* notes) {
  // Text that is not UTF-8 is read as extraction reads scraped text.
  std::string read, note;
  text = detail::read_text(text, read, note);
  detail::NormalizeReport report;
  std::string out;
  if (!detail::normalize_valid_text_changes(text, options, &report, detail::kPlainText, out)) out.assign(text);
  if (notes) {
    if (!note.empty()) notes->push_back(std::move(note));
    report.append_notes(*notes);
  }
  return out;
}

}  // namespace winnow
