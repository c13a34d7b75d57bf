// One winnow::normalize() call over one of normalize_bench's texts, for an
// instruction count that does not move with the machine's load:
//
//   valgrind --tool=callgrind --toggle-collect='measured_call*' \
//       build-bench/bench/normalize_count english [default|no-names|unicode-only]
//
// With a count after the mode, the call is made that many times: a process
// whose wall time two builds can be compared by, run in turn.
//
// The texts are normalize_bench's (normalize_texts.hpp). A first call fills
// the lazily built tables, so the measured call is a steady one, as the
// benchmark's repetitions are.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "normalize_texts.hpp"
#include "winnow/winnow.hpp"

// Not inlined, so that callgrind can count this call alone.
__attribute__((noinline)) std::string measured_call(const std::string& text, const winnow::NormalizeOptions& o) {
  return winnow::normalize(text, o);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: normalize_count english|russian|japanese [default|no-names|unicode-only [CALLS]]\n");
    return 2;
  }
  const std::string script = argv[1], mode = argc > 2 ? argv[2] : "default";
  const long calls = argc > 3 ? std::atol(argv[3]) : 1;
  auto texts = winnow::bench::normalize_texts_by_script(WINNOW_SOURCE_DIR);
  const std::string& text = texts[script];
  if (text.empty()) {
    std::fprintf(stderr, "normalize_count: no %s text found (shared/bench/scrapinghub-text)\n", script.c_str());
    return 1;
  }
  winnow::NormalizeOptions options;
  if (mode != "default") options.names = false;
  if (mode == "unicode-only") options.fix_mojibake = false;
  winnow::normalize(text, options);
  std::string out;
  for (long k = 0; k < calls; ++k) out = measured_call(text, options);
  std::printf("%s, %s: %zu bytes in, %zu out\n", script.c_str(), mode.c_str(), text.size(), out.size());
  return 0;
}
