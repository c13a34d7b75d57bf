// HTML extraction throughput on the benchmark's 181 pages, side by side with
// a bare gumbo_parse of the same bytes (what any Gumbo-based extractor pays
// before it starts). items/s = pages/s, bytes/s = input MB/s, single thread.
//
//   cmake -S . -B build -DWINNOW_BUILD_BENCH=ON && cmake --build build -j2
//   build/bench/html_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <gumbo.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "html_prescan.hpp"
#include "winnow/winnow.hpp"

namespace {

namespace fs = std::filesystem;

const std::vector<std::string>& pages() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    fs::path dir = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "bench" / "scrapinghub" / "html";
    if (!fs::is_directory(dir)) return out;
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() == ".html") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      out.push_back(s.str());
    }
    return out;
  }();
  return all;
}

bool have_pages(benchmark::State& state) {
  if (pages().empty()) {
    state.SkipWithError("benchmark pages not found (../shared/bench/scrapinghub/html)");
    return false;
  }
  return true;
}

void count(benchmark::State& state) {
  std::size_t bytes = 0;
  for (const auto& p : pages()) bytes += p.size();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pages().size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

// Full extraction: decode, prescan, parse, walk, select, normalize.
void BM_Extract(benchmark::State& state) {
  if (!have_pages(state)) return;
  winnow::Options options;
  options.mode = winnow::Mode::Html;
  for (auto _ : state) {
    for (const auto& p : pages()) {
      winnow::Result r = winnow::extract(p, options);
      benchmark::DoNotOptimize(r.text.data());
    }
  }
  count(state);
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// A bare Gumbo parse and teardown with default options.
void BM_GumboParse(benchmark::State& state) {
  if (!have_pages(state)) return;
  for (auto _ : state) {
    for (const auto& p : pages()) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, p.data(), p.size());
      benchmark::DoNotOptimize(out->root);
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
  }
  count(state);
}
BENCHMARK(BM_GumboParse)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// The prescanner alone, for where the time goes.
void BM_Prescan(benchmark::State& state) {
  if (!have_pages(state)) return;
  for (auto _ : state) {
    for (const auto& p : pages()) {
      auto scanned = winnow::detail::prescan_html(p);
      benchmark::DoNotOptimize(scanned.html.data());
    }
  }
  count(state);
}
BENCHMARK(BM_Prescan)->Unit(benchmark::kMillisecond)->MinTime(1.0);

}  // namespace

BENCHMARK_MAIN();
