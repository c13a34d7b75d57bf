// Scraped-text extraction in process, stage by stage, on the benchmark's 181
// scraped pages: what the library costs without the CLI's files, threads and
// output around it. Each benchmark runs the stages up to one more than the
// one before, so the differences between rows are each stage's share (a
// stage's own timer would cost more than some stages); one row runs each
// page many times in a row instead, the bound of a machine that has learnt
// every page (compare its bytes/s with BM_Extract's). items/s = pages/s,
// bytes/s = input MB/s, single thread. Figures: docs/PERFORMANCE.md.
//
//   cmake -S . -B build -DWINNOW_BUILD_BENCH=ON && cmake --build build -j2
//   build/bench/text_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_pages.hpp"
#include "classify.hpp"
#include "decode.hpp"
#include "parse_text.hpp"
#include "select.hpp"
#include "winnow/site_boilerplate.hpp"
#include "winnow/winnow.hpp"

namespace {

const std::string kFolder = "scrapinghub-text";

const std::vector<std::string>& pages() {
  static const std::vector<std::string> all = winnow::bench::read_pages(kFolder, ".txt");
  return all;
}

bool have_pages(benchmark::State& state) { return winnow::bench::have_pages(state, pages(), kFolder); }

void count(benchmark::State& state, int passes = 1) { winnow::bench::count_pages(state, pages(), passes); }

// The options the CLI runs a batch with: no evidence, no dropped text, the
// site-learning keys made along the way.
winnow::Options batch_options() {
  winnow::Options options;
  options.mode = winnow::Mode::Text;
  options.evidence = false;
  options.dropped_text = false;
  options.block_keys = true;
  return options;
}

// The stages up to `last` (1 decode, 2 parse, 3 classify, 4 select) on
// every page.
void run_stages(benchmark::State& state, int last) {
  if (!have_pages(state)) return;
  const winnow::Options options = batch_options();
  for (auto _ : state) {
    for (const auto& p : pages()) {
      winnow::detail::Decoded decoded = winnow::detail::decode(p, options);
      benchmark::DoNotOptimize(decoded.mode);
      if (last < 2) continue;
      winnow::detail::Document doc = winnow::detail::parse_text(decoded.utf8());
      if (last >= 3) winnow::detail::classify(doc, options);
      if (last >= 4) winnow::detail::select(doc, options);
      benchmark::DoNotOptimize(doc.blocks.data());
    }
  }
  count(state);
}

void BM_Decode(benchmark::State& state) { run_stages(state, 1); }
BENCHMARK(BM_Decode)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_DecodeParse(benchmark::State& state) { run_stages(state, 2); }
BENCHMARK(BM_DecodeParse)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_DecodeParseClassify(benchmark::State& state) { run_stages(state, 3); }
BENCHMARK(BM_DecodeParseClassify)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_DecodeParseClassifySelect(benchmark::State& state) { run_stages(state, 4); }
BENCHMARK(BM_DecodeParseClassifySelect)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// extract() on every page, each `times_in_a_row` times before the next.
void run_extract(benchmark::State& state, int times_in_a_row) {
  if (!have_pages(state)) return;
  const winnow::Options options = batch_options();
  for (auto _ : state) {
    for (const auto& p : pages()) {
      for (int i = 0; i < times_in_a_row; ++i) {
        winnow::Result r = winnow::extract(p, options);
        benchmark::DoNotOptimize(r.text.data());
      }
    }
  }
  // Each iteration is `times_in_a_row` passes: compare the rows' bytes/s.
  count(state, times_in_a_row);
}

// Every stage: the above, then normalize and the Result (extract()).
void BM_Extract(benchmark::State& state) { run_extract(state, 1); }
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Each page 20 times in a row before the next: the same work as
// BM_Extract, on a machine that has learnt the page. Branch predictors
// learn a page's branches after a few runs and its tables stay in cache,
// so the gap between the two rows is what the text path loses to text
// being unpredictable: branches taken or not as each line goes, and table
// entries that each page touches anew (docs/PERFORMANCE.md).
void BM_ExtractEachPageInARow(benchmark::State& state) { run_extract(state, 20); }
BENCHMARK(BM_ExtractEachPageInARow)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// extract() and site learning on every page (observe, then apply), the
// pages taken as one site, the learner kept from one pass to the next as
// across a long batch.
void BM_ExtractAndLearn(benchmark::State& state) {
  if (!have_pages(state)) return;
  const winnow::Options options = batch_options();
  winnow::SiteBoilerplate learner;
  for (auto _ : state) {
    for (const auto& p : pages()) {
      winnow::Result r = winnow::extract(p, options);
      learner.observe("", r.block_keys);
      learner.apply("", r, r.block_keys);
      benchmark::DoNotOptimize(r.text.data());
    }
  }
  count(state);
}
BENCHMARK(BM_ExtractAndLearn)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
