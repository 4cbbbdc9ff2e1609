// Cost of counting one request (labelled counter lookup + increment) and of one scrape.
#include <benchmark/benchmark.h>

#include "base/metrics.hpp"

namespace {

using namespace plenum::metrics;

void BM_LabelledCounterIncrement(benchmark::State& state) {
  Registry r;
  for (auto _ : state) {
    r.counter("plenum_http_requests_total", "Requests.",
              {{"route", "/api/v1/rooms/{id:uuid}"}, {"method", "GET"}, {"status", "200"}})
        .inc();
  }
}
BENCHMARK(BM_LabelledCounterIncrement);

void BM_RenderHundredSeries(benchmark::State& state) {
  Registry r;
  for (int i = 0; i < 100; ++i) r.counter("c_total", "C.", {{"route", "/r" + std::to_string(i)}}).inc();
  for (auto _ : state) benchmark::DoNotOptimize(r.render());
}
BENCHMARK(BM_RenderHundredSeries);

} // namespace

BENCHMARK_MAIN();
