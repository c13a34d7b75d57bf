#include "charset.hpp"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

#include "byte_masks.hpp"
#include "utf8.hpp"

#if WINNOW_WIDE_SIMD
#include <immintrin.h>
#endif

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

namespace {

// Valid UTF-8 (ASCII checked 64 bytes at a time), or not. One branch per
// sequence length: non-Latin text is a sequence after a sequence.
bool valid_utf8_baseline(std::string_view s) {
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

#if WINNOW_WIDE_SIMD
// The same 32 bytes at a time, after Keiser and Lemire, "Validating UTF-8
// in less than one instruction per byte" (Software: Practice and
// Experience, 2021). Every error shows in a pair of bytes, save two that
// need three or four: a byte and the one before it are looked up by three
// nibbles (the earlier byte's high and low, the later byte's high), each
// giving the error classes it allows, and the pair is in error when all
// three allow one. The one class that is no error, a continuation after a
// continuation, must be there exactly where a lead two or three bytes back
// asks for a third or fourth byte.
namespace utf8_pairs {

constexpr std::uint8_t kTooShort = 1 << 0;   // a lead, then no continuation
constexpr std::uint8_t kTooLong = 1 << 1;    // ASCII, then a continuation
constexpr std::uint8_t kOverlong3 = 1 << 2;  // E0 80..9F
constexpr std::uint8_t kTooLarge = 1 << 3;   // F4 90..BF, F5..FF 90..BF
constexpr std::uint8_t kSurrogate = 1 << 4;  // ED A0..BF
constexpr std::uint8_t kOverlong2 = 1 << 5;  // C0 or C1, then a continuation
constexpr std::uint8_t kTooLarge80 = 1 << 6;  // F5..FF 80..8F; with F0, overlong
constexpr std::uint8_t kTwoContinuations = 1 << 7;
// The classes the earlier byte's low nibble says nothing about.
constexpr std::uint8_t kAnyLow = kTooShort | kTooLong | kTwoContinuations;

// By the earlier byte's high nibble.
constexpr std::uint8_t kFirstHigh[16] = {
    kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,  // ASCII
    kTwoContinuations, kTwoContinuations, kTwoContinuations, kTwoContinuations,      // 8..B
    kTooShort | kOverlong2,                                                          // C
    kTooShort,                                                                       // D
    kTooShort | kOverlong3 | kSurrogate,                                             // E
    kTooShort | kTooLarge | kTooLarge80,                                             // F
};
// By the earlier byte's low nibble.
constexpr std::uint8_t kFirstLow[16] = {
    kAnyLow | kOverlong3 | kOverlong2 | kTooLarge80,  // C0, E0, F0
    kAnyLow | kOverlong2,                             // C1
    kAnyLow, kAnyLow,
    kAnyLow | kTooLarge,                              // F4
    kAnyLow | kTooLarge | kTooLarge80, kAnyLow | kTooLarge | kTooLarge80, kAnyLow | kTooLarge | kTooLarge80,
    kAnyLow | kTooLarge | kTooLarge80, kAnyLow | kTooLarge | kTooLarge80, kAnyLow | kTooLarge | kTooLarge80,
    kAnyLow | kTooLarge | kTooLarge80, kAnyLow | kTooLarge | kTooLarge80,
    kAnyLow | kTooLarge | kTooLarge80 | kSurrogate,  // ED
    kAnyLow | kTooLarge | kTooLarge80, kAnyLow | kTooLarge | kTooLarge80,
};
// By the later byte's high nibble.
constexpr std::uint8_t kSecondHigh[16] = {
    kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,  // ASCII
    kTooLong | kOverlong2 | kTwoContinuations | kOverlong3 | kTooLarge80,                    // 80..8F
    kTooLong | kOverlong2 | kTwoContinuations | kOverlong3 | kTooLarge,                      // 90..9F
    kTooLong | kOverlong2 | kTwoContinuations | kSurrogate | kTooLarge,                      // A0..AF
    kTooLong | kOverlong2 | kTwoContinuations | kSurrogate | kTooLarge,                      // B0..BF
    kTooShort, kTooShort, kTooShort, kTooShort,                                              // leads
};

WINNOW_TARGET_AVX2 inline __m256i table(const std::uint8_t (&t)[16]) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t)));
}

WINNOW_TARGET_AVX2 inline __m256i high_nibbles(__m256i v) {
  return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

// The bytes of `v` each moved `k` places later, the last `k` of `before`
// coming in first.
template <int k>
WINNOW_TARGET_AVX2 inline __m256i earlier(__m256i v, __m256i before) {
  return _mm256_alignr_epi8(v, _mm256_permute2x128_si256(before, v, 0x21), 16 - k);
}

// Nonzero bytes where the 32 bytes at `v`, after `before`, go wrong.
WINNOW_TARGET_AVX2 inline __m256i errors(__m256i v, __m256i before) {
  const __m256i prev1 = earlier<1>(v, before);
  const __m256i pairs = _mm256_and_si256(
      _mm256_and_si256(_mm256_shuffle_epi8(table(kFirstHigh), high_nibbles(prev1)),
                       _mm256_shuffle_epi8(table(kFirstLow), _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)))),
      _mm256_shuffle_epi8(table(kSecondHigh), high_nibbles(v)));
  // A third byte is due two after E0..FF, a fourth three after F0..FF:
  // bit 7 set by the saturating subtraction exactly there.
  const __m256i third = _mm256_subs_epu8(earlier<2>(v, before), _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80)));
  const __m256i fourth = _mm256_subs_epu8(earlier<3>(v, before), _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80)));
  const __m256i due = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  return _mm256_xor_si256(due, pairs);
}

// Nonzero when the 32 bytes end inside a sequence: a lead among the last
// three that asks for more bytes than are left.
WINNOW_TARGET_AVX2 inline __m256i unfinished(__m256i v) {
  const __m256i most = _mm256_setr_epi8(
      -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
      -1, static_cast<char>(0xF0 - 1), static_cast<char>(0xE0 - 1), static_cast<char>(0xC0 - 1));
  return _mm256_subs_epu8(v, most);
}

// The check of consecutive 32-byte blocks.
struct Avx2Check {
  __m256i before;   // the block before
  __m256i pending;  // unfinished() of the block before, if it was not ASCII
  __m256i error;

  WINNOW_TARGET_AVX2 Avx2Check()
      : before(_mm256_setzero_si256()), pending(_mm256_setzero_si256()), error(_mm256_setzero_si256()) {}

  WINNOW_TARGET_AVX2 void add(__m256i v) {
    if (_mm256_movemask_epi8(v) == 0) {
      // ASCII: right unless the block before ended inside a sequence.
      error = _mm256_or_si256(error, pending);
      pending = _mm256_setzero_si256();
    } else {
      error = _mm256_or_si256(error, errors(v, before));
      pending = unfinished(v);
    }
    before = v;
  }

  WINNOW_TARGET_AVX2 bool failed() const { return !_mm256_testz_si256(error, error); }
};

}  // namespace utf8_pairs

WINNOW_TARGET_AVX2 bool valid_utf8_avx2(std::string_view s) {
  utf8_pairs::Avx2Check check;
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    check.add(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)));
    // Invalid text stops the check early rather than read all of a large
    // input.
    if ((i & 4095) == 0 && check.failed()) return false;
  }
  if (i < n) {
    // The rest, then zeros: ASCII, which ends any sequence left open.
    alignas(32) char last[32] = {};
    std::memcpy(last, p + i, n - i);
    check.add(_mm256_load_si256(reinterpret_cast<const __m256i*>(last)));
  }
  check.error = _mm256_or_si256(check.error, check.pending);
  return !check.failed();
}
#endif

}  // namespace

bool is_valid_utf8(std::string_view s, SimdLevel simd) {
  switch (resolve_simd_level(simd)) {
#if WINNOW_WIDE_SIMD
    case SimdLevel::kAvx2: return valid_utf8_avx2(s);
#endif
    default: return valid_utf8_baseline(s);
  }
}

std::string detect_charset(std::string_view bytes) {
  if (auto bom = charset_from_bom(bytes)) return *bom;
  if (is_valid_utf8(bytes)) return "utf-8";
  return label_or_guess(bytes, declared_charset(bytes));
}

std::string label_or_guess(std::string_view bytes, const std::string& declared) {
  if (!declared.empty() && declared != "utf-8") return declared;
  // No label, or a UTF-8 label on bytes that are not: what the bytes point
  // to. Where they point nowhere, a UTF-8 label stands (its bad bytes are
  // replaced) and a page without one is Windows-1252, the browsers' default.
  TextCharset guess = guess_text_charset(bytes);
  if (guess.charset != "utf-8" || guess.mostly_utf8) return guess.charset;
  return declared.empty() ? "windows-1252" : declared;
}

namespace {

bool is_ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// A byte that Windows-1252, Windows-1251 and KOI8-R all read as a letter
// (0xD7 and 0xF7 are × and ÷ in Windows-1252).
bool is_high_letter(unsigned char c) { return c >= 0xC0 && c != 0xD7 && c != 0xF7; }

// Single-byte code pages of non-Latin alphabets, each with the bytes of its
// language's ten commonest letters (lower case), which make half or more of
// the letters of running text. The text is read with the one whose letters
// make most of its bytes.
struct AlphabetCodePage {
  std::string_view charset;
  std::array<unsigned char, 10> common_letters;
};
constexpr std::array<AlphabetCodePage, 5> kAlphabetCodePages = {{
    // Russian о е а и н т с р в л
    {"windows-1251", {0xEE, 0xE5, 0xE0, 0xE8, 0xED, 0xF2, 0xF1, 0xF0, 0xE2, 0xEB}},
    {"koi8-r", {0xCF, 0xC5, 0xC1, 0xC9, 0xCE, 0xD4, 0xD3, 0xD2, 0xD7, 0xCC}},
    // Greek α ο ι ε τ σ ν η ρ κ
    {"windows-1253", {0xE1, 0xEF, 0xE9, 0xE5, 0xF4, 0xF3, 0xED, 0xE7, 0xF1, 0xEA}},
    // Hebrew י ו ה ל א ר ת ב ש מ
    {"windows-1255", {0xE9, 0xE5, 0xE4, 0xEC, 0xE0, 0xF8, 0xFA, 0xE1, 0xF9, 0xEE}},
    // Arabic ا ل ي م و ن ر ت ب ع
    {"windows-1256", {0xC7, 0xE1, 0xED, 0xE3, 0xE6, 0xE4, 0xD1, 0xCA, 0xC8, 0xDA}},
}};

// Below this many letters a count of the commonest ones says nothing: one
// short word ("да") is too little, a stray byte or two is damage.
constexpr std::size_t kFewestAlphabetLetters = 6;

// Clues gathered from the bytes that are not UTF-8.
struct BadByteClues {
  std::size_t valid_sequences = 0;  // good multi-byte UTF-8 sequences
  std::size_t invalid = 0;
  std::size_t high_letters = 0;     // bad bytes that are letters in the code pages
  std::size_t in_latin_words = 0;   // ... with an ASCII letter beside them
  std::array<std::size_t, 256> counts{};
};

BadByteClues gather_clues(std::string_view bytes) {
  BadByteClues clues;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (std::size_t i = 0; i < bytes.size();) {
    const unsigned char c = at(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (next_code_point_multibyte(bytes, i) != 0xFFFD || i - start == 3) {
      ++clues.valid_sequences;  // (EF BF BD is U+FFFD itself)
      continue;
    }
    ++clues.invalid;
    ++clues.counts[c];
    if (!is_high_letter(c)) continue;
    ++clues.high_letters;
    const bool letter_before = start > 0 && is_ascii_letter(at(start - 1));
    const bool letter_after = start + 1 < bytes.size() && is_ascii_letter(at(start + 1));
    clues.in_latin_words += letter_before || letter_after;
  }
  return clues;
}

std::size_t count_of(const BadByteClues& clues, const std::array<unsigned char, 10>& letters) {
  std::size_t n = 0;
  for (unsigned char c : letters) n += clues.counts[c];
  return n;
}

}  // namespace

TextCharset guess_text_charset(std::string_view bytes) {
  const BadByteClues clues = gather_clues(bytes);
  TextCharset guess{"utf-8", clues.invalid, true};
  // Legacy text has no good multi-byte sequences but by chance.
  if (clues.invalid == 0 || clues.valid_sequences * 4 > clues.invalid) return guess;
  guess.mostly_utf8 = false;
  // Accented Latin letters sit inside ASCII words (caf\xE9); another
  // alphabet's letters make words of their own, however much ASCII (markup,
  // say) is around them. A few stray bytes are too few to tell which.
  if (clues.in_latin_words * 2 < clues.high_letters) {
    if (clues.high_letters < kFewestAlphabetLetters) return guess;
    std::size_t best = 0;
    for (const AlphabetCodePage& page : kAlphabetCodePages) {
      const std::size_t common = count_of(clues, page.common_letters);
      if (common > best) {
        best = common;
        guess.charset = page.charset;
      }
    }
    // The right code page gives 50-70%; a wrong one about 30% or less.
    if (best * 100 < clues.high_letters * 45) guess.charset = "utf-8";
    return guess;
  }
  if (clues.in_latin_words >= 2 && clues.in_latin_words * 2 >= clues.invalid) {
    guess.charset = "windows-1252";
  }
  return guess;
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
