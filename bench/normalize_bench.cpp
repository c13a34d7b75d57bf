// Throughput of the normalize stage (MB/s, one core) on English news text and
// on Russian and Japanese pages, next to a bare utf8proc NFC call on the same
// bytes. The texts are the scraped-text pages of the shared benchmark set,
// sorted by script at start-up; without them only the samples are used.
//
//   cmake -S . -B build-bench -DWINNOW_BUILD_BENCH=ON && cmake --build build-bench -j2
//   build-bench/bench/normalize_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <string>

#include <utf8proc.h>

#include "normalize_texts.hpp"
#include "unicode_form.hpp"
#include "winnow/winnow.hpp"

namespace {

const std::map<std::string, std::string>& corpora() {
  static const std::map<std::string, std::string> texts =
      winnow::bench::normalize_texts_by_script(WINNOW_SOURCE_DIR);
  return texts;
}

const std::string* corpus(benchmark::State& state, const std::string& script) {
  auto it = corpora().find(script);
  if (it == corpora().end() || it->second.empty()) {
    state.SkipWithError(("no " + script + " text found (shared/bench/scrapinghub-text)").c_str());
    return nullptr;
  }
  return &it->second;
}

void normalize_with(benchmark::State& state, const std::string& script, winnow::NormalizeOptions options) {
  const std::string* text = corpus(state, script);
  if (!text) return;
  for (auto _ : state) benchmark::DoNotOptimize(winnow::normalize(*text, options));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text->size()));
}

void BM_Normalize(benchmark::State& state, const std::string& script) { normalize_with(state, script, {}); }

void BM_NormalizeNoNames(benchmark::State& state, const std::string& script) {
  winnow::NormalizeOptions o;
  o.names = false;
  normalize_with(state, script, o);
}

// The Unicode stage alone: valid UTF-8, entities, clean-up, NFC.
void BM_NormalizeUnicodeOnly(benchmark::State& state, const std::string& script) {
  winnow::NormalizeOptions o;
  o.names = false;
  o.fix_mojibake = false;
  normalize_with(state, script, o);
}

void BM_NfcFastPath(benchmark::State& state, const std::string& script) {
  const std::string* text = corpus(state, script);
  if (!text) return;
  for (auto _ : state) benchmark::DoNotOptimize(winnow::detail::unicode_form(*text, winnow::UnicodeForm::NFC));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text->size()));
}

void BM_Utf8procNfc(benchmark::State& state, const std::string& script) {
  const std::string* text = corpus(state, script);
  if (!text) return;
  for (auto _ : state) {
    utf8proc_uint8_t* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(text->c_str()));
    benchmark::DoNotOptimize(out);
    std::free(out);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text->size()));
}

}  // namespace

#define WINNOW_BENCH_SCRIPT(fn)                          \
  BENCHMARK_CAPTURE(fn, english, std::string("english")); \
  BENCHMARK_CAPTURE(fn, russian, std::string("russian")); \
  BENCHMARK_CAPTURE(fn, japanese, std::string("japanese"))

WINNOW_BENCH_SCRIPT(BM_Normalize);
WINNOW_BENCH_SCRIPT(BM_NormalizeNoNames);
WINNOW_BENCH_SCRIPT(BM_NormalizeUnicodeOnly);
WINNOW_BENCH_SCRIPT(BM_NfcFastPath);
WINNOW_BENCH_SCRIPT(BM_Utf8procNfc);

BENCHMARK_MAIN();
