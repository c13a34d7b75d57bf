#include "unicode_form.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

#include <utf8proc.h>

#include "byte_masks.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

constexpr char32_t kCodeSpace = 0x110000;

// Code points of combining class 0 that are not the first of a canonical
// decomposition (vowel signs and length marks of Indic and other scripts):
// they compose with the letter before them. Every other such tail has a
// non-zero combining class. unicode_quick_table_test.cpp rebuilds the whole
// table from utf8proc's data and checks that the two agree.
constexpr char32_t kStarterTails[] = {
    0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6, 0x0D3E,
    0x0D57, 0x0DCF, 0x0DDF, 0x0FB5, 0x0FB7, 0x102E, 0x1B35, 0x11127, 0x1133E, 0x11357, 0x114B0,
    0x114BA, 0x114BD, 0x115AF, 0x11930,
};

// For each code point, whether a normalization form may change it or the
// text next to it. A code point is "quick" when it maps to itself, has
// combining class 0 and never composes with a preceding character: text
// between quick code points normalizes independently, so such a code point
// is a safe place to cut. The table is a superset of Unicode's
// NFC_Quick_Check != Yes (plus non-starters): being over-cautious only costs
// a utf8proc call.
//
// The table is filled 64 code points at a time, when text first uses one of
// them: a page touches a few dozen such blocks, and filling all 17,408 took
// about 10 ms, paid by every process. Filling is done under a lock, once per
// block; a block is read only after its flag says it is filled.
class QuickTable {
 public:
  QuickTable()
      : nfc_(kBlocks, 0), nfkc_(kBlocks, 0), filled_(std::make_unique<std::atomic<bool>[]>(kBlocks)) {}

  bool slow(char32_t cp, UnicodeForm form) const { return Form(*this, form).slow(cp); }

  // The table of one form, for loops over many code points.
  class Form {
   public:
    Form(const QuickTable& table, UnicodeForm form)
        : table_(table), bits_(form == UnicodeForm::NFKC ? table.nfkc_.data() : table.nfc_.data()) {}
    bool slow(char32_t cp) const {
      const std::size_t block = cp >> 6;
      if (!table_.filled_[block].load(std::memory_order_acquire)) table_.fill(block);
      return (bits_[block] >> (cp & 63)) & 1U;
    }

   private:
    const QuickTable& table_;
    const std::uint64_t* bits_;  // the vector never grows, so this stays valid
  };

 private:
  static constexpr std::size_t kBlocks = kCodeSpace / 64;

  void fill(std::size_t block) const {
    std::lock_guard<std::mutex> lock(fill_mutex_);
    if (filled_[block].load(std::memory_order_relaxed)) return;
    const char32_t first = static_cast<char32_t>(block * 64), end = first + 64;
    for (char32_t cp = std::max(first, char32_t{0x80}); cp < end; ++cp) classify(cp);
    for (char32_t tail : kStarterTails) {
      if (tail >= first && tail < end) mark_both(tail);
    }
    for (char32_t cp = std::max(first, char32_t{0x1100}); cp < std::min(end, char32_t{0x1200}); ++cp) {
      mark_both(cp);  // Hangul jamo compose
    }
    filled_[block].store(true, std::memory_order_release);
  }

  void mark(std::vector<std::uint64_t>& bits, char32_t cp) const { bits[cp >> 6] |= std::uint64_t{1} << (cp & 63); }
  void mark_both(char32_t cp) const {
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

  // The code point's own properties; the tails of other code points'
  // decompositions are kStarterTails (or have a combining class).
  void classify(char32_t cp) const {
    const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
    if (p->combining_class != 0) mark_both(cp);
    if (p->decomp_seqindex == UINT16_MAX) return;
    bool canonical = p->decomp_type == 0;
    if (canonical && !maps_to_itself(cp, 0)) mark(nfc_, cp);
    if (!canonical || !maps_to_itself(cp, UTF8PROC_COMPAT)) mark(nfkc_, cp);
  }

  mutable std::vector<std::uint64_t> nfc_;
  mutable std::vector<std::uint64_t> nfkc_;
  std::unique_ptr<std::atomic<bool>[]> filled_;
  mutable std::mutex fill_mutex_;
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

bool unicode_form_may_change(char32_t cp, UnicodeForm form) {
  return cp >= 0x80 && cp < kCodeSpace && quick_table().slow(cp, form);
}

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

// Decodes the sequence at utf8[i] (valid UTF-8, not ASCII); advances i. One
// branch per sequence length, as non-Latin text is a sequence after a
// sequence.
inline char32_t decode_sequence(std::string_view utf8, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(utf8[k])); };
  char32_t b = byte(i);
  if (b < 0xE0) {
    char32_t cp = ((b & 0x1F) << 6) | (byte(i + 1) & 0x3F);
    i += 2;
    return cp;
  }
  if (b < 0xF0) {
    char32_t cp = ((b & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
    i += 3;
    return cp;
  }
  char32_t cp = ((b & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) | ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F);
  i += 4;
  return cp;
}

namespace {

// Whether nfc_maybe_slow_mask() holds for this table: every code point it
// passes over is quick for NFC. Checked once against the table itself, so a
// different utf8proc cannot make the skip wrong, only slower.
bool nfc_skip_holds() {
  static const bool holds = [] {
    const QuickTable::Form table(quick_table(), UnicodeForm::NFC);
    for (auto [first, end] : {std::pair<char32_t, char32_t>{0x80, 0x300}, {0x400, 0x480}, {0x2002, 0x2040}}) {
      for (char32_t cp = first; cp < end; ++cp) {
        if (table.slow(cp)) return false;
      }
    }
    return true;
  }();
  return holds;
}

// Whether the code point at utf8[i] (not ASCII) is one nfc_maybe_slow_mask()
// passes over.
bool nfc_certainly_quick(std::string_view utf8, std::size_t i) {
  auto b = static_cast<unsigned char>(utf8[i]);
  if (b < 0xE2) return b < 0xCC || b == 0xD0 || b == 0xD1;
  return b == 0xE2 && i + 2 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) == 0x80 &&
         static_cast<unsigned char>(utf8[i + 2]) >= 0x82;
}

// The first byte at or after i that may begin a code point NFC changes (see
// nfc_maybe_slow_mask()), or utf8.size(): 64 bytes at a time, the last ones
// in a copy padded with ASCII.
std::size_t skip_nfc_quick(std::string_view utf8, std::size_t i) {
  const std::size_t n = utf8.size();
  for (; i + kMaskBlock + 2 <= n; i += kMaskBlock) {
    std::uint64_t slow = nfc_maybe_slow_mask(utf8.data() + i);
    if (slow) return i + static_cast<std::size_t>(__builtin_ctzll(slow));
  }
  while (i < n) {
    const std::size_t size = std::min(n - i, kMaskBlock);
    char block[kMaskBlock + 2];
    __builtin_memset(block, 'a', sizeof block);
    __builtin_memcpy(block, utf8.data() + i, size);
    std::uint64_t slow = nfc_maybe_slow_mask(block);
    if (size < kMaskBlock) slow &= (std::uint64_t{1} << size) - 1;
    if (slow) return i + static_cast<std::size_t>(__builtin_ctzll(slow));
    i += size;
  }
  return n;
}

}  // namespace

bool unicode_form_changes(std::string_view utf8, UnicodeForm form, std::string& result) {
  if (form == UnicodeForm::None) return false;
  const QuickTable::Form table(quick_table(), form);
  // NFC passes over most Latin, Cyrillic and general punctuation 64 bytes at
  // a time; other text goes code point by code point.
  const bool skip_quick = form == UnicodeForm::NFC && nfc_skip_holds();
  std::string out;
  std::string stretch_buffer;
  bool changed = false;
  std::size_t copied = 0;   // utf8[0, copied) is already in `out`
  std::size_t boundary = 0;  // start of the last quick code point seen
  std::size_t i = 0;
  while (i < utf8.size()) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {
      // ASCII is quick whatever the form; skip it 64 bytes at a time.
      i = skip_ascii(utf8.data(), utf8.size(), i + 1);
      boundary = i - 1;
      continue;
    }
    if (skip_quick && nfc_certainly_quick(utf8, i)) {
      std::size_t end = skip_nfc_quick(utf8, i + 1);
      boundary = code_point_start_before(utf8, end);
      i = end;
      continue;
    }
    std::size_t start = i;
    if (!table.slow(decode_sequence(utf8, i))) {
      boundary = start;
      continue;
    }
    // A stretch that may change: from the last quick code point (which may
    // compose with what follows) up to the next quick code point.
    while (i < utf8.size() && static_cast<unsigned char>(utf8[i]) >= 0x80) {
      std::size_t next = i;
      if (!table.slow(decode_sequence(utf8, next))) break;
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
