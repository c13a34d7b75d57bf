// The quick-check table of the NFC/NFKC fast path (unicode_form.cpp) is
// filled lazily, 64 code points at a time, with the tails of other code
// points' decompositions taken from a short list. Here the whole table is
// built the direct way, from every code point's utf8proc data, and the two
// must agree on every code point.
#include <gtest/gtest.h>

#include <cstdint>
#include <thread>
#include <vector>

#include <utf8proc.h>

#include "unicode_form.hpp"

namespace {

using winnow::UnicodeForm;
using winnow::detail::unicode_form_may_change;

constexpr char32_t kCodeSpace = 0x110000;

struct DirectTable {
  std::vector<bool> nfc = std::vector<bool>(kCodeSpace), nfkc = std::vector<bool>(kCodeSpace);

  void mark_both(char32_t cp) { nfc[cp] = nfkc[cp] = true; }

  static bool maps_to_itself(char32_t cp, int options) {
    auto one = static_cast<utf8proc_int32_t>(cp);
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

  // A code point may change (or join what precedes it) when it has a
  // combining class, does not map to itself, or is anything but the first
  // code point of some canonical decomposition.
  DirectTable() {
    for (char32_t cp = 0x80; cp < kCodeSpace; ++cp) {
      const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
      if (p->combining_class != 0) mark_both(cp);
      if (p->decomp_seqindex == UINT16_MAX) continue;
      bool canonical = p->decomp_type == 0;
      if (canonical) {
        utf8proc_int32_t decomposed[32];
        int last_boundclass = 0;
        auto len = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), decomposed, 32,
                                           UTF8PROC_DECOMPOSE, &last_boundclass);
        for (utf8proc_ssize_t i = 1; i > 0 && i < len && len <= 32; ++i) {
          mark_both(static_cast<char32_t>(decomposed[i]));
        }
        if (!maps_to_itself(cp, 0)) nfc[cp] = true;
      }
      if (!canonical || !maps_to_itself(cp, UTF8PROC_COMPAT)) nfkc[cp] = true;
    }
    for (char32_t cp = 0x1100; cp < 0x1200; ++cp) mark_both(cp);  // Hangul jamo compose
  }
};

TEST(UnicodeQuickTable, LazyTableEqualsTheDirectOne) {
  const DirectTable direct;
  std::size_t slow = 0;
  for (char32_t cp = 0; cp < kCodeSpace; ++cp) {
    const bool ascii = cp < 0x80;
    ASSERT_EQ(unicode_form_may_change(cp, UnicodeForm::NFC), !ascii && direct.nfc[cp]) << "U+" << std::hex
                                                                                         << static_cast<unsigned>(cp);
    ASSERT_EQ(unicode_form_may_change(cp, UnicodeForm::NFKC), !ascii && direct.nfkc[cp])
        << "U+" << std::hex << static_cast<unsigned>(cp);
    slow += direct.nfc[cp];
  }
  EXPECT_GT(slow, 1000u);  // the table is not trivially empty
}

// Threads filling the same blocks at once read the same answers.
TEST(UnicodeQuickTable, ConcurrentFillingAgrees) {
  auto count = [](char32_t from, std::size_t& out) {
    for (char32_t cp = from; cp < from + 0x3000; ++cp) out += unicode_form_may_change(cp, UnicodeForm::NFKC);
  };
  std::size_t a = 0, b = 0, alone = 0;
  std::thread ta(count, 0x2E000, std::ref(a)), tb(count, 0x2E000, std::ref(b));
  ta.join();
  tb.join();
  count(0x2E000, alone);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, alone);
  EXPECT_GT(a, 500u);  // U+2F800.. CJK compatibility ideographs all change
}

}  // namespace
