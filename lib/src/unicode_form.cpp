#include "unicode_form.hpp"

#include <cstdint>
#include <cstdlib>
#include <vector>

#include <utf8proc.h>

#include "byte_masks.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

constexpr char32_t kCodeSpace = 0x110000;

// For each code point, whether a normalization form may change it or the
// text next to it. A code point is "quick" when it maps to itself, has
// combining class 0 and never composes with a preceding character: text
// between quick code points normalizes independently, so such a code point
// is a safe place to cut. The table is a superset of Unicode's
// NFC_Quick_Check != Yes (plus non-starters): being over-cautious only costs
// a utf8proc call.
class QuickTable {
 public:
  QuickTable() : nfc_(kCodeSpace / 64, 0), nfkc_(kCodeSpace / 64, 0) {
    for (char32_t cp = 0x80; cp < kCodeSpace; ++cp) classify(cp);
    for (char32_t cp = 0x1100; cp < 0x1200; ++cp) mark_both(cp);  // Hangul jamo compose
  }

  bool slow(char32_t cp, UnicodeForm form) const {
    const auto& bits = form == UnicodeForm::NFKC ? nfkc_ : nfc_;
    return (bits[cp >> 6] >> (cp & 63)) & 1U;
  }

 private:
  void mark(std::vector<std::uint64_t>& bits, char32_t cp) { bits[cp >> 6] |= std::uint64_t{1} << (cp & 63); }
  void mark_both(char32_t cp) {
    mark(nfc_, cp);
    mark(nfkc_, cp);
  }

  static bool maps_to_itself(char32_t cp, int options) {
    utf8proc_int32_t one = static_cast<utf8proc_int32_t>(cp);
    utf8proc_int32_t decomposed[32];
    int last_boundclass = 0;
    auto len = utf8proc_decompose_char(one, decomposed, 32,
                                       static_cast<utf8proc_option_t>(options | UTF8PROC_DECOMPOSE),
                                       &last_boundclass);
    if (len < 0 || len > 32) return false;
    auto composed = utf8proc_normalize_utf32(
        decomposed, len, static_cast<utf8proc_option_t>(options | UTF8PROC_COMPOSE | UTF8PROC_STABLE));
    return composed == 1 && decomposed[0] == one;
  }

  // Every code point after the first in a canonical decomposition may be
  // composed with what precedes it.
  void mark_composable_tail(char32_t cp) {
    utf8proc_int32_t decomposed[32];
    int last_boundclass = 0;
    auto len = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), decomposed, 32,
                                       UTF8PROC_DECOMPOSE, &last_boundclass);
    for (utf8proc_ssize_t i = 1; i > 0 && i < len && len <= 32; ++i) {
      mark_both(static_cast<char32_t>(decomposed[i]));
    }
  }

  void classify(char32_t cp) {
    const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
    if (p->combining_class != 0) mark_both(cp);
    if (p->decomp_seqindex == UINT16_MAX) return;
    bool canonical = p->decomp_type == 0;
    if (canonical) {
      mark_composable_tail(cp);
      if (!maps_to_itself(cp, 0)) mark(nfc_, cp);
    }
    if (!canonical || !maps_to_itself(cp, UTF8PROC_COMPAT)) mark(nfkc_, cp);
  }

  std::vector<std::uint64_t> nfc_;
  std::vector<std::uint64_t> nfkc_;
};

const QuickTable& quick_table() {
  static const QuickTable table;
  return table;
}

int form_options(UnicodeForm form) {
  int flags = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  if (form == UnicodeForm::NFKC) flags |= UTF8PROC_COMPAT;
  return flags;
}

void append_normalized(std::string& out, std::string_view utf8, UnicodeForm form) {
  utf8proc_uint8_t* mapped = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                        static_cast<utf8proc_ssize_t>(utf8.size()), &mapped,
                        static_cast<utf8proc_option_t>(form_options(form)));
  if (n < 0) {
    out.append(utf8);  // cannot happen on valid UTF-8; keep the text rather than lose it
    return;
  }
  out.append(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
  std::free(mapped);
}


}  // namespace

std::string unicode_form_reference(std::string_view utf8, UnicodeForm form) {
  if (form == UnicodeForm::None) return std::string(utf8);
  std::string out;
  append_normalized(out, utf8, form);
  return out;
}

std::string unicode_form(std::string_view utf8, UnicodeForm form) {
  std::string out;
  if (!unicode_form_changes(utf8, form, out)) return std::string(utf8);
  return out;
}

bool unicode_form_changes(std::string_view utf8, UnicodeForm form, std::string& result) {
  if (form == UnicodeForm::None) return false;
  const QuickTable& table = quick_table();
  std::string out;
  std::string stretch_buffer;
  bool changed = false;
  std::size_t copied = 0;   // utf8[0, copied) is already in `out`
  std::size_t boundary = 0;  // start of the last quick code point seen
  std::size_t i = 0;
  while (i < utf8.size()) {
    // ASCII is quick whatever the form; skip it 64 bytes at a time.
    std::size_t non_ascii = skip_ascii(utf8.data(), utf8.size(), i);
    if (non_ascii > i) {
      boundary = non_ascii - 1;
      i = non_ascii;
    }
    if (i >= utf8.size()) break;
    std::size_t start = i;
    char32_t cp = decode_valid_utf8(utf8, i);
    if (cp < 0x80 || !table.slow(cp, form)) {
      boundary = start;
      continue;
    }
    // A stretch that may change: from the last quick code point (which may
    // compose with what follows) up to the next quick code point.
    while (i < utf8.size()) {
      std::size_t next = i;
      char32_t c = decode_valid_utf8(utf8, next);
      if (c < 0x80 || !table.slow(c, form)) break;
      i = next;
    }
    // Most such stretches are already normalized ("é" precomposed): the
    // text is only copied from the first one that is not.
    std::string_view stretch = utf8.substr(boundary, i - boundary);
    stretch_buffer.clear();
    append_normalized(stretch_buffer, stretch, form);
    if (stretch_buffer != stretch) {
      if (!changed) out.reserve(utf8.size() + utf8.size() / 8);
      changed = true;
      out.append(utf8.data() + copied, boundary - copied);
      out += stretch_buffer;
      copied = i;
    }
    boundary = i;
  }
  if (!changed) return false;
  out.append(utf8.data() + copied, utf8.size() - copied);
  result = std::move(out);
  return true;
}

}  // namespace winnow::detail
