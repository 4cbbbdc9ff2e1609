// Route lookup cost for a table shaped like the REST API we are heading for (~40 routes).
#include <benchmark/benchmark.h>

#include "http/router.hpp"

namespace {

using namespace plenum::http;

Router make_router() {
  Router r;
  Handler h = [](Request&) -> boost::asio::awaitable<Response> { co_return Response{}; };
  const char* resources[] = {"rooms", "events", "users", "invites", "assets", "polls", "votes", "streams"};
  for (const char* res : resources) {
    std::string base = std::string("/api/v1/") + res;
    r.get(base, h);
    r.post(base, h);
    r.get(base + "/{id:uuid}", h);
    r.patch(base + "/{id:uuid}", h);
    r.del(base + "/{id:uuid}", h);
  }
  r.get("/api/v1/rooms/{id:uuid}/start", h);
  r.get("/healthz", h);
  r.set_fallback(h, "api");
  return r;
}

void BM_LookupStatic(benchmark::State& state) {
  Router r = make_router();
  PathParams params;
  for (auto _ : state) benchmark::DoNotOptimize(r.lookup("GET", "/healthz", params));
}
BENCHMARK(BM_LookupStatic);

void BM_LookupTypedParam(benchmark::State& state) {
  Router r = make_router();
  PathParams params;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        r.lookup("PATCH", "/api/v1/streams/0f8fad5b-d9cb-469f-a165-70867728950e", params));
  }
}
BENCHMARK(BM_LookupTypedParam);

void BM_LookupFallback(benchmark::State& state) {
  Router r = make_router();
  PathParams params;
  for (auto _ : state) benchmark::DoNotOptimize(r.lookup("GET", "/meetings/town-hall/2026", params));
}
BENCHMARK(BM_LookupFallback);

} // namespace

BENCHMARK_MAIN();
