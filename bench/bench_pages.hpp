// The benchmark pages the page-level micro-benchmarks run over (the shared
// set, ../shared/bench/ beside the project), and the counters they report:
// items/s = pages/s, bytes/s = input bytes/s.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace winnow::bench {

// Every file of ../shared/bench/`folder` whose name ends in `extension`,
// read whole, in name order; none when the folder is absent.
inline std::vector<std::string> read_pages(const std::string& folder, const std::string& extension) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  const fs::path dir = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "bench" / folder;
  if (!fs::is_directory(dir)) return out;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == extension) paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    out.push_back(s.str());
  }
  return out;
}

// False, with the benchmark marked skipped and the folder named, when there
// are no pages.
inline bool have_pages(benchmark::State& state, const std::vector<std::string>& pages, const std::string& folder) {
  if (!pages.empty()) return true;
  state.SkipWithError(("benchmark pages not found (../shared/bench/" + folder + ")").c_str());
  return false;
}

// Pages and bytes processed: every page `passes` times per iteration.
inline void count_pages(benchmark::State& state, const std::vector<std::string>& pages, int passes = 1) {
  std::size_t bytes = 0;
  for (const auto& p : pages) bytes += p.size();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * passes * pages.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * passes * bytes));
}

}  // namespace winnow::bench
