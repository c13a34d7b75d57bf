#include "whitespace.hpp"

#include <cstdint>

#include "byte_masks.hpp"
#include "byte_masks_wide.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

enum class Kind : std::uint8_t { Keep, Space, Newline, Remove, Joiner };

// Printable ASCII other than the space.
struct VisibleTable {
  bool visible[256] = {};
  constexpr VisibleTable() {
    for (int c = 0x21; c < 0x7F; ++c) visible[c] = true;
  }
  constexpr bool operator[](unsigned char c) const { return visible[c]; }
};
constexpr VisibleTable kVisible;

Kind kind_of(char32_t cp) {
  if (cp < 0x20) {
    if (cp == '\t') return Kind::Keep;
    if (cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C) return Kind::Newline;
    return Kind::Remove;
  }
  if (cp < 0x7F) return cp == ' ' ? Kind::Space : Kind::Keep;
  if (cp < 0xA0) return cp == 0x85 ? Kind::Newline : Kind::Remove;
  switch (cp) {
    case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
      return Kind::Space;
    case 0x2028: case 0x2029:
      return Kind::Newline;
    case 0xAD: case 0x200B: case 0x2060: case 0xFEFF: case 0x115F: case 0x1160:
    case 0x3164: case 0xFFA0: case 0xFFFE: case 0xFFFF:
      return Kind::Remove;
    case 0x200C: case 0x200D:
      return Kind::Joiner;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return Kind::Space;
  if (cp >= 0x2061 && cp <= 0x2064) return Kind::Remove;  // invisible operators
  if (cp >= 0x206A && cp <= 0x206F) return Kind::Remove;  // deprecated format controls
  return Kind::Keep;
}

// ASCII replacement for typographic punctuation, or empty.
std::string_view ascii_fold(char32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: return "-";
    case 0x2014: case 0x2015: return "--";
    case 0x2026: return "...";
    default: return {};
  }
}

// Scripts written with ZWJ/ZWNJ inside words (Arabic, Indic, ...) and emoji
// sequences all lie above U+0590; Latin, Greek and Cyrillic never need them.
bool joins(char32_t cp) { return cp >= 0x0590 && kind_of(cp) == Kind::Keep; }

// The length of the character at s[i] when it stays exactly as it is (and
// then `cp` is set to it), else 0. `s` is valid UTF-8.
std::size_t kept_length(std::string_view s, std::size_t i, const CleanupOptions& options, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    if (!kVisible[b]) return 0;
    cp = b;
    return 1;
  }
  std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  if (i + len > s.size()) return 0;
  char32_t c = b & (0x3F >> (len - 1));
  for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  if (kind_of(c) != Kind::Keep) return 0;
  if (options.ascii_punctuation && !ascii_fold(c).empty()) return 0;
  cp = c;
  return len;
}

class Writer {
 public:
  Writer(std::size_t size, bool keep_layout) : keep_layout_(keep_layout) { out_.reserve(size); }

  void text(std::string_view bytes) {
    flush_breaks();
    out_.append(bytes);
  }
  void space() {
    if (keep_layout_) {
      out_.push_back(' ');
      return;
    }
    if (newlines_ == 0 && !out_.empty()) space_ = true;
  }
  void newline() {
    if (keep_layout_) {
      out_.push_back('\n');
      return;
    }
    space_ = false;
    ++newlines_;
  }
  std::string finish() {
    if (newlines_ > 0 && !out_.empty()) out_.push_back('\n');  // a file's final newline
    return std::move(out_);
  }
  // Text written and nothing pending (or layout kept): a space or line
  // break here would be copied as it is.
  bool settled() const { return keep_layout_ || (!out_.empty() && !space_ && newlines_ == 0); }

 private:
  void flush_breaks() {
    if (newlines_ > 0) {
      if (!out_.empty()) out_.append(newlines_ > 1 ? "\n\n" : "\n");
      newlines_ = 0;
    } else if (space_) {
      out_.push_back(' ');
    }
    space_ = false;
  }

  std::string out_;
  bool keep_layout_;
  bool space_ = false;
  int newlines_ = 0;
};

// One character the general way (anything but a verbatim run): advances i.
void clean_one(std::string_view s, std::size_t& i, const CleanupOptions& options, Writer& w, char32_t& previous) {
  std::size_t start = i;
  char32_t cp = next_code_point(s, i);
  if (cp == '\r' && i < s.size() && s[i] == '\n') ++i;
  switch (kind_of(cp)) {
    case Kind::Space: w.space(); break;
    case Kind::Newline: w.newline(); break;
    case Kind::Remove: break;
    case Kind::Joiner: {
      std::size_t j = i;
      char32_t next = j < s.size() ? next_code_point(s, j) : 0;
      if (joins(previous) && joins(next)) {
        w.text(s.substr(start, i - start));
        previous = cp;
      }
      break;
    }
    case Kind::Keep: {
      std::string_view folded = options.ascii_punctuation ? ascii_fold(cp) : std::string_view{};
      w.text(folded.empty() ? s.substr(start, i - start) : folded);
      previous = cp;
      break;
    }
  }
}

// Bytes the verbatim scan treats alike: printable ASCII and tab (kept as
// they are), space, line feed, and everything else.
enum ByteClass : std::uint8_t { kOther = 0, kPlain = 1, kBlank = 2, kLineFeed = 3 };
struct ByteClasses {
  std::uint8_t of[256] = {};
  constexpr ByteClasses() {
    for (int c = 0x21; c < 0x7F; ++c) of[c] = kPlain;
    of[static_cast<unsigned char>('\t')] = kPlain;
    of[static_cast<unsigned char>(' ')] = kBlank;
    of[static_cast<unsigned char>('\n')] = kLineFeed;
  }
};
constexpr ByteClasses kBytes;

// The length of the character at s[i] (i < s.size()) when it is kept as it
// is, else 0.
std::size_t verbatim_length(std::string_view s, std::size_t i, const CleanupOptions& options) {
  char32_t unused = 0;
  auto b = static_cast<unsigned char>(s[i]);
  if (b == '\t') return 1;
  return kept_length(s, i, options, unused);
}

// How many bytes of the 64 at s[i] (the run has reached i) a run takes: up to
// the first byte it cannot, less the spaces and line feeds just before it
// (they go with the run only when a kept character follows). At least 64
// when the block ends inside a kept character. `block` holds the 64 bytes:
// s.data() + i, or a copy of the text's last bytes padded with stops.
// Always inlined: run once per 64 bytes, a call's register saves cost about
// as much as its stop handling.
template <class Masks>
__attribute__((always_inline)) inline std::size_t block_run(std::string_view s, std::size_t i, const CleanupOptions& options,
                                                           const char* block) {
  CleanMasks m = Masks::clean(block);
  std::uint64_t breaks = m.space | m.newline;
  // Characters always kept (Cyrillic, Greek, Hebrew, Arabic, accented Latin,
  // CJK, kana) need no look; one cut by the end of the block gets one below.
  std::uint64_t lead2 = m.lead2 & ~(std::uint64_t{1} << 63);
  // Dashes and curly quotes are kept too unless folded to ASCII.
  std::uint64_t kept3 = options.ascii_punctuation ? m.kept3 : m.kept3 | m.punct3;
  std::uint64_t kept_high = lead2 | (lead2 << 1) | kept3 | (kept3 << 1) | (kept3 << 2);
  std::uint64_t stop = (m.high & ~kept_high) | m.control | (m.space & ((breaks << 1) | (breaks >> 1))) |
                       (m.newline & (m.newline << 1) & (m.newline << 2));
  std::size_t from = 0;  // bytes [0, from) are taken
  for (;;) {
    std::uint64_t ahead = from >= kMaskBlock ? 0 : stop & (~std::uint64_t{0} << from);
    if (ahead == 0) {
      if (from >= kMaskBlock) return from;
      break;
    }
    auto at = static_cast<std::size_t>(__builtin_ctzll(ahead));
    std::uint64_t bit = std::uint64_t{1} << at;
    std::size_t len = (m.high & bit) && !(m.control & bit) ? verbatim_length(s, i + at, options) : 0;
    if (len == 0) {
      stop = ahead;
      break;
    }
    from = at + len;
  }
  std::uint64_t before_stop = stop ? (std::uint64_t{1} << __builtin_ctzll(stop)) - 1 : ~std::uint64_t{0};
  std::uint64_t kept = ~breaks & before_stop;
  return kept ? 64 - static_cast<std::size_t>(__builtin_clzll(kept)) : 0;
}

// A byte the run stops at (a control character), to pad the last block.
constexpr char kStopByte = 0x01;

// block_run() over the last s.size() - i (< 64) bytes: a copy padded with
// stops, so the run ends where the text does, as it would before a control
// character (the byte loop then sees what is left: trailing spaces, a final
// line break). Takes at most the bytes that are there.
template <class Masks>
__attribute__((always_inline)) inline std::size_t last_block_run(std::string_view s, std::size_t i,
                                                                const CleanupOptions& options) {
  char block[kMaskBlock];
  __builtin_memset(block, kStopByte, kMaskBlock);
  __builtin_memcpy(block, s.data() + i, s.size() - i);
  return block_run<Masks>(s, i, options, block);
}

// The end of the run from s[i] that the general loop would copy unchanged:
// kept characters, with single spaces and one or two line breaks between two
// of them (anything else may be removed or merged). `settled`: the writer
// has output and nothing pending, so the run may begin with a space or line
// break; otherwise it must begin with a kept character. Built once per
// instruction set (below).
template <class Masks>
__attribute__((always_inline)) inline std::size_t verbatim_run_with(std::string_view s, std::size_t i,
                                                                   const CleanupOptions& options, bool settled) {
  const std::size_t n = s.size();
  if (!settled && (i >= n || verbatim_length(s, i, options) == 0)) return i;
  while (i < n) {
    if (!options.keep_layout) {
      // 64 bytes at a time, one bit per byte; a non-ASCII character inside
      // the block is checked on its own and passed over. The last bytes of
      // the text go as a padded block.
      while (i < n) {
        bool whole = i + kMaskBlock <= n;
        std::size_t take =
            whole ? block_run<Masks>(s, i, options, s.data() + i) : last_block_run<Masks>(s, i, options);
        i += take;
        if (!whole || take < kMaskBlock) break;
      }
      if (i >= n) break;
    }
    auto b = static_cast<unsigned char>(s[i]);
    std::uint8_t cls = kBytes.of[b];
    if (cls == kPlain) {
      ++i;
      continue;
    }
    if (options.keep_layout && (cls == kBlank || cls == kLineFeed)) {
      ++i;
      continue;
    }
    if (cls == kBlank) {
      if (i + 1 >= n || verbatim_length(s, i + 1, options) == 0) break;
      ++i;
      continue;
    }
    if (cls == kLineFeed) {
      if (i + 1 >= n) return n;  // one final line break stays
      if (verbatim_length(s, i + 1, options) > 0) {
        ++i;
        continue;
      }
      if (s[i + 1] == '\n' && i + 2 < n && verbatim_length(s, i + 2, options) > 0) {
        i += 2;
        continue;
      }
      break;
    }
    std::size_t len = b >= 0x80 ? verbatim_length(s, i, options) : 0;
    if (len == 0) break;
    i += len;
  }
  return i;
}

std::size_t verbatim_run_baseline(std::string_view s, std::size_t i, const CleanupOptions& options, bool settled) {
  return verbatim_run_with<BaselineMasks>(s, i, options, settled);
}

#if WINNOW_WIDE_SIMD
WINNOW_TARGET_AVX2 std::size_t verbatim_run_avx2(std::string_view s, std::size_t i, const CleanupOptions& options,
                                                 bool settled) {
  return verbatim_run_with<Avx2Masks>(s, i, options, settled);
}
#endif

// verbatim_run_with() as built for `level` (resolved: not kBest).
std::size_t verbatim_run(std::string_view s, std::size_t i, const CleanupOptions& options, bool settled,
                         SimdLevel level) {
  switch (level) {
#if WINNOW_WIDE_SIMD
    case SimdLevel::kAvx2: return verbatim_run_avx2(s, i, options, settled);
#endif
    default: return verbatim_run_baseline(s, i, options, settled);
  }
}

// The last code point written as text in the run s[begin, end): spaces and
// line breaks do not count (they are not text to a joiner).
void last_written(std::string_view s, std::size_t begin, std::size_t end, char32_t& previous) {
  while (end > begin && (s[end - 1] == ' ' || s[end - 1] == '\n')) --end;
  if (end == begin) return;
  std::size_t start = end - 1;
  while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  previous = next_code_point(s, start);
}

}  // namespace

bool cleanup_writes_as_text(char32_t cp) { return kind_of(cp) == Kind::Keep; }

bool clean_characters_changes(std::string_view s, const CleanupOptions& options, std::string& result) {
  const SimdLevel level = resolve_simd_level(options.simd);
  std::size_t i = verbatim_run(s, 0, options, options.keep_layout, level);
  if (i == s.size()) return false;
  Writer w(s.size(), options.keep_layout);
  char32_t previous = 0;  // the last code point written
  if (i > 0) {
    w.text(s.substr(0, i));
    last_written(s, 0, i, previous);
  }
  while (i < s.size()) {
    clean_one(s, i, options, w, previous);
    std::size_t run = verbatim_run(s, i, options, w.settled(), level);
    if (run > i) {
      w.text(s.substr(i, run - i));
      last_written(s, i, run, previous);
      i = run;
    }
  }
  result = w.finish();
  return true;
}

std::string clean_characters(std::string_view s, const CleanupOptions& options) {
  std::string out;
  if (!clean_characters_changes(s, options, out)) return std::string(s);
  return out;
}

std::string clean_characters_reference(std::string_view s, const CleanupOptions& options) {
  Writer w(s.size(), options.keep_layout);
  char32_t previous = 0;
  for (std::size_t i = 0; i < s.size();) clean_one(s, i, options, w, previous);
  return w.finish();
}

}  // namespace winnow::detail
