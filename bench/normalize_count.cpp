// One winnow::normalize() call over one of normalize_bench's texts, for an
// instruction count that does not move with the machine's load:
//
//   valgrind --tool=callgrind --toggle-collect='measured_call*' \
//       build-bench/bench/normalize_count english [default|no-names|unicode-only]
//
// The texts are built as normalize_bench builds them (the scraped-text
// pages of the shared benchmark set, sorted by script). A first call fills
// the lazily built tables, so the measured call is a steady one, as the
// benchmark's repetitions are.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "winnow/winnow.hpp"

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// As in normalize_bench.cpp.
std::string script_of(const std::string& text) {
  std::size_t cyrillic = 0, cjk = 0;
  for (unsigned char c : text) {
    cyrillic += c == 0xD0 || c == 0xD1;
    cjk += c >= 0xE3 && c <= 0xE9;
  }
  if (cyrillic * 10 > text.size()) return "russian";
  if (cjk * 10 > text.size()) return "japanese";
  if ((cyrillic + cjk) * 200 < text.size()) return "english";
  return "other";
}

}  // namespace

// Not inlined, so that callgrind can count this call alone.
__attribute__((noinline)) std::string measured_call(const std::string& text, const winnow::NormalizeOptions& o) {
  return winnow::normalize(text, o);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: normalize_count english|russian|japanese [default|no-names|unicode-only]\n");
    return 2;
  }
  const std::string script = argv[1], mode = argc > 2 ? argv[2] : "default";
  std::vector<fs::path> files;
  fs::path root(WINNOW_SOURCE_DIR);
  for (const auto& dir : {root / ".." / "shared" / "bench" / "scrapinghub-text", root / "samples"}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::string text;
  for (const auto& f : files) {
    std::string page = read_file(f);
    if (script_of(page) == script) text += page + "\n\n";
  }
  if (text.empty()) {
    std::fprintf(stderr, "normalize_count: no %s text found (shared/bench/scrapinghub-text)\n", script.c_str());
    return 1;
  }
  winnow::NormalizeOptions options;
  if (mode != "default") options.names = false;
  if (mode == "unicode-only") options.fix_mojibake = false;
  winnow::normalize(text, options);
  std::string out = measured_call(text, options);
  std::printf("%s, %s: %zu bytes in, %zu out\n", script.c_str(), mode.c_str(), text.size(), out.size());
  return 0;
}
