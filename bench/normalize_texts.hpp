// The texts the normalize benchmarks run on: the scraped-text pages of the
// shared benchmark set (and samples/), sorted by name, joined by script.
// Shared by normalize_bench.cpp and normalize_count.cpp so that their
// figures are of the same bytes.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace winnow::bench {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Share of the text in Cyrillic (lead bytes D0/D1) and in kana/CJK (E3..E9).
inline std::string script_of(const std::string& text) {
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

// "english", "russian", "japanese" and "other": the pages of that script,
// each followed by a blank line. Empty without the shared data and samples.
inline std::map<std::string, std::string> normalize_texts_by_script(const std::filesystem::path& source_dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& dir : {source_dir / ".." / "shared" / "bench" / "scrapinghub-text", source_dir / "samples"}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, std::string> by_script;
  for (const auto& f : files) {
    std::string text = read_file(f);
    by_script[script_of(text)] += text + "\n\n";
  }
  return by_script;
}

}  // namespace winnow::bench
