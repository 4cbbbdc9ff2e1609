#include "allocation_counter.hpp"

#include <openssl/crypto.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace plenum::bench {
namespace {

std::atomic<std::uint64_t> g_new_calls{0};
std::atomic<std::uint64_t> g_openssl_allocations{0};
bool g_openssl_counted = false;

void* counting_malloc(std::size_t n, const char* /*file*/, int /*line*/) {
  g_openssl_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n);
}
void* counting_realloc(void* p, std::size_t n, const char* /*file*/, int /*line*/) {
  g_openssl_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::realloc(p, n);
}
void counting_free(void* p, const char* /*file*/, int /*line*/) { std::free(p); }

} // namespace

std::uint64_t new_calls() { return g_new_calls.load(std::memory_order_relaxed); }
std::uint64_t openssl_allocations() { return g_openssl_allocations.load(std::memory_order_relaxed); }

bool count_openssl_allocations() {
  g_openssl_counted = CRYPTO_set_mem_functions(counting_malloc, counting_realloc, counting_free) == 1;
  return g_openssl_counted;
}

AllocationCounter::AllocationCounter(benchmark::State& state)
    : state_(state), news_(new_calls()), openssl_(openssl_allocations()) {}

AllocationCounter::~AllocationCounter() {
  const auto iterations = static_cast<double>(state_.iterations());
  state_.counters["new/op"] = static_cast<double>(new_calls() - news_) / iterations;
  if (g_openssl_counted)
    state_.counters["openssl_alloc/op"] = static_cast<double>(openssl_allocations() - openssl_) / iterations;
}

} // namespace plenum::bench

// Counting replacements of the global allocation functions. GCC flags free() on what operator
// new returned once both are inlined into one caller; they are a matched malloc/free pair.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
  plenum::bench::g_new_calls.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t /*n*/) noexcept { std::free(p); }
#pragma GCC diagnostic pop
