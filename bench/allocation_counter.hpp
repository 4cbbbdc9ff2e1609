#pragma once
// Heap allocations counted for the media benchmarks (0 per packet is the goal): a counting
// replacement of the global operator new (allocation_counter.cpp, linked into every
// bench/media_*_bench) and, optionally, OpenSSL's allocator.

#include <benchmark/benchmark.h>

#include <cstdint>

namespace plenum::bench {

std::uint64_t new_calls();           // operator new since the program started
std::uint64_t openssl_allocations(); // OpenSSL malloc/realloc since count_openssl_allocations()
// Routes OpenSSL's allocations through the counter. Call first in main(): OpenSSL refuses once
// it has allocated (then false).
bool count_openssl_allocations();

// Reports "new/op" (and "openssl_alloc/op" when OpenSSL is counted) for one benchmark run.
class AllocationCounter {
 public:
  explicit AllocationCounter(benchmark::State& state);
  ~AllocationCounter();
  AllocationCounter(const AllocationCounter&) = delete;
  AllocationCounter& operator=(const AllocationCounter&) = delete;

 private:
  benchmark::State& state_;
  std::uint64_t news_;
  std::uint64_t openssl_;
};

} // namespace plenum::bench
