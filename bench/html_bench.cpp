// HTML extraction throughput on the benchmark's 181 pages, side by side with
// a bare gumbo_parse of the same bytes (what any Gumbo-based extractor pays
// before it starts). items/s = pages/s, bytes/s = input MB/s, single thread.
//
//   cmake -S . -B build -DWINNOW_BUILD_BENCH=ON && cmake --build build -j2
//   build/bench/html_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <gumbo.h>

#include <string>
#include <vector>

#include "bench_pages.hpp"
#include "html_prescan.hpp"
#include "winnow/winnow.hpp"

namespace {

const std::string kFolder = "scrapinghub/html";

const std::vector<std::string>& pages() {
  static const std::vector<std::string> all = winnow::bench::read_pages(kFolder, ".html");
  return all;
}

bool have_pages(benchmark::State& state) { return winnow::bench::have_pages(state, pages(), kFolder); }

void count(benchmark::State& state) { winnow::bench::count_pages(state, pages()); }

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
