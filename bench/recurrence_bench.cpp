// Cost of `GET /events/instances` for the common case: one year of a weekly series, the window
// far from the series start (libical skips to it), with and without moved/cancelled occurrences.
#include <benchmark/benchmark.h>

#include "services/recurrence.hpp"

namespace {

using namespace plenum::services;

constexpr int64_t kFrom = 1767225600; // 2026-01-01T00:00:00Z
constexpr int64_t kTo = 1798761600;   // 2027-01-01T00:00:00Z

// Weekly since 2024, Mondays 09:00-10:00 in Berlin.
EventTiming weekly() { return {"2024-01-08T09:00:00", "2024-01-08T10:00:00", "Europe/Berlin", false}; }

void BM_ExpandWeeklyYear(benchmark::State& state) {
  const EventTiming event = weekly();
  const Recurrence rule{"FREQ=WEEKLY;BYDAY=MO", {}, {}};
  size_t instances = 0;
  for (auto _ : state) {
    auto r = expand(event, rule, {}, kFrom, kTo);
    instances += r->size();
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(instances));
}
BENCHMARK(BM_ExpandWeeklyYear)->Unit(benchmark::kMicrosecond);

void BM_ExpandWeeklyYearWithExceptions(benchmark::State& state) {
  const Recurrence rule{"FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20301231T230000Z",
                        {"2026-03-04T15:00:00", "2026-09-09T15:00:00"},
                        {"2026-04-06T09:00:00", "2026-12-28T09:00:00"}};
  const EventTiming event = weekly();
  std::vector<InstanceException> exceptions;
  for (int month = 1; month <= 9; ++month) {
    const std::string day = "2026-0" + std::to_string(month) + "-";
    exceptions.push_back({day + "01T09:00:00", month % 2 == 0, day + "02T11:00:00", std::nullopt});
  }
  for (auto _ : state) benchmark::DoNotOptimize(expand(event, rule, exceptions, kFrom, kTo));
}
BENCHMARK(BM_ExpandWeeklyYearWithExceptions)->Unit(benchmark::kMicrosecond);

void BM_ValidateWeekly(benchmark::State& state) {
  const EventTiming event = weekly();
  const Recurrence rule{"FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270101T000000Z", {}, {}};
  for (auto _ : state) benchmark::DoNotOptimize(validate(event, rule));
}
BENCHMARK(BM_ValidateWeekly)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
