// Which JSON library to read JSON Lines records with: parse one record per
// page of the benchmark set (page in "html", plus "url" and "id"), take the
// page string and the raw text of every other field, as cli/jsonl.cpp does.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace {

std::vector<std::string> load_records() {
  std::vector<std::string> records;
  std::filesystem::path dir = WINNOW_SOURCE_DIR "/../shared/bench/scrapinghub/html";
  std::error_code ec;
  for (auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json j;
    j["id"] = e.path().stem().string();
    j["url"] = "https://example.com/" + e.path().stem().string();
    j["html"] = ss.str();
    j["n"] = 1.5;
    records.push_back(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return records;
}

const std::vector<std::string>& records() {
  static const std::vector<std::string> r = load_records();
  return r;
}

std::int64_t total_bytes() {
  std::int64_t n = 0;
  for (auto& r : records()) n += static_cast<std::int64_t>(r.size());
  return n;
}

void BM_nlohmann(benchmark::State& state) {
  if (records().empty()) return state.SkipWithError("benchmark pages not found");
  for (auto _ : state) {
    for (const auto& line : records()) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      std::string other;
      std::string_view page;
      for (auto& [k, v] : j.items()) {
        if (k == "html") page = v.get_ref<const std::string&>();
        else other += v.dump();
      }
      benchmark::DoNotOptimize(page.data());
      benchmark::DoNotOptimize(other);
    }
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}

void BM_simdjson_ondemand(benchmark::State& state) {
  if (records().empty()) return state.SkipWithError("benchmark pages not found");
  std::vector<simdjson::padded_string> padded;
  for (auto& r : records()) padded.emplace_back(r);
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    for (auto& line : padded) {
      auto doc = parser.iterate(line);
      std::string other;
      std::string_view page;
      for (auto f : doc.get_object()) {
        std::string_view k = f.unescaped_key().value_unsafe();
        auto v = f.value().value_unsafe();
        if (k == "html") page = v.get_string().value_unsafe();
        else other += v.raw_json_token();
      }
      benchmark::DoNotOptimize(page.data());
      benchmark::DoNotOptimize(other);
    }
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}

}  // namespace

BENCHMARK(BM_nlohmann)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_simdjson_ondemand)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
