// SRTP protect/unprotect cost per 1,200-byte RTP packet: our OpenSSL EVP context
// (media/srtp/srtp_context) against libsrtp2 (Debian's build), both profiles. Issue 5 asks to
// keep the faster backend; the figures and the decision are in docs/benchmarks.md.
//
// Each iteration handles one packet in place. Unprotect replays a ring of pre-protected
// packets, copied into the work buffer first (the same copy for both backends); when the ring is
// used up the receiver is recreated outside the timed region, since every index may be
// accepted only once.
//
// Our benchmarks also report heap allocations per packet ("allocs"): operator new and OpenSSL's
// allocator (CRYPTO_set_mem_functions), which must stay 0 on the packet path. libsrtp2 allocates
// through NSS/libc, which this does not see, so its rows show no such counter.
#include <benchmark/benchmark.h>
#include <openssl/crypto.h>
#include <srtp2/srtp.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <random>
#include <vector>

#include "allocation_counter.hpp"
#include "media/srtp/srtp_context.hpp"
#include "media/srtp_libsrtp_peer.hpp"

namespace {

// operator new and OpenSSL's allocator together.
std::uint64_t allocations() { return plenum::bench::new_calls() + plenum::bench::openssl_allocations(); }

using plenum::media::srtp::SrtpContext;
using plenum::media::srtp::SrtpProfile;
using plenum::media::srtp::testing::LibSrtpSession;

constexpr std::size_t kPayload = 1200 - 12;
constexpr std::size_t kRing = 4096;

struct Material {
  std::vector<std::uint8_t> key = std::vector<std::uint8_t>(16, 0x5a);
  std::vector<std::uint8_t> salt;
  explicit Material(SrtpProfile p) : salt(plenum::media::srtp::master_salt_length(p), 0xa5) {}
};

std::vector<std::uint8_t> rtp_packet(std::uint16_t seq) {
  std::vector<std::uint8_t> p(12 + kPayload + SRTP_MAX_TRAILER_LEN);
  p[0] = 0x80;
  p[1] = 96;
  p[2] = static_cast<std::uint8_t>(seq >> 8);
  p[3] = static_cast<std::uint8_t>(seq);
  p[8] = 0x12;
  p[9] = 0x34;
  p[10] = 0x56;
  p[11] = 0x78;
  std::mt19937 rng(seq);
  for (std::size_t i = 12; i < 12 + kPayload; ++i) p[i] = static_cast<std::uint8_t>(rng());
  return p;
}

void set_seq(std::vector<std::uint8_t>& p, std::uint16_t seq) {
  p[2] = static_cast<std::uint8_t>(seq >> 8);
  p[3] = static_cast<std::uint8_t>(seq);
}

// --- ours --------------------------------------------------------------------------------------

SrtpContext our_context(SrtpProfile profile) {
  Material m(profile);
  auto c = SrtpContext::create(profile, m.key, m.salt);
  if (!c) std::abort();
  return std::move(c).value();
}

void BM_OursProtect(benchmark::State& state, SrtpProfile profile) {
  SrtpContext tx = our_context(profile);
  auto packet = rtp_packet(0);
  std::uint16_t seq = 0;
  const std::uint64_t before = allocations();
  for (auto _ : state) {
    set_seq(packet, seq++);
    auto out = tx.protect_rtp(packet, 12 + kPayload);
    benchmark::DoNotOptimize(out);
    if (!out.ok()) state.SkipWithError("protect failed");
  }
  state.counters["allocs"] =
      benchmark::Counter(static_cast<double>(allocations() - before), benchmark::Counter::kAvgIterations);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * (12 + kPayload)));
}

void BM_OursUnprotect(benchmark::State& state, SrtpProfile profile) {
  SrtpContext tx = our_context(profile);
  std::vector<std::vector<std::uint8_t>> ring;
  std::size_t wire_length = 0;
  for (std::size_t i = 0; i < kRing; ++i) {
    auto p = rtp_packet(static_cast<std::uint16_t>(i));
    wire_length = tx.protect_rtp(p, 12 + kPayload).size;
    ring.push_back(std::move(p));
  }
  auto rx = std::make_unique<SrtpContext>(our_context(profile));
  std::vector<std::uint8_t> work(ring[0].size());
  std::size_t next = 0;
  std::uint64_t untimed = 0; // allocations of the receivers made while the timer was paused
  const std::uint64_t before = allocations();
  for (auto _ : state) {
    if (next == kRing) {
      state.PauseTiming();
      const std::uint64_t pause_start = allocations();
      rx = std::make_unique<SrtpContext>(our_context(profile));
      next = 0;
      untimed += allocations() - pause_start;
      state.ResumeTiming();
    }
    std::memcpy(work.data(), ring[next++].data(), wire_length);
    auto out = rx->unprotect_rtp(std::span<std::uint8_t>(work.data(), wire_length));
    benchmark::DoNotOptimize(out);
    if (!out.ok()) state.SkipWithError("unprotect failed");
  }
  state.counters["allocs"] = benchmark::Counter(static_cast<double>(allocations() - before - untimed),
                                                benchmark::Counter::kAvgIterations);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * (12 + kPayload)));
}

// --- libsrtp2 ----------------------------------------------------------------------------------

// The interop tests' libsrtp2 session (one key, any SSRC) with this benchmark's key material.
std::unique_ptr<LibSrtpSession> lib_session(SrtpProfile profile, bool inbound) {
  Material m(profile);
  return std::make_unique<LibSrtpSession>(profile, m.key, m.salt, inbound);
}

void BM_LibsrtpProtect(benchmark::State& state, SrtpProfile profile) {
  auto tx = lib_session(profile, false);
  auto packet = rtp_packet(0);
  std::uint16_t seq = 0;
  for (auto _ : state) {
    set_seq(packet, seq++);
    int length = static_cast<int>(12 + kPayload);
    auto status = tx->protect_rtp(packet, length);
    benchmark::DoNotOptimize(status);
    if (status != srtp_err_status_ok) state.SkipWithError("protect failed");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * (12 + kPayload)));
}

void BM_LibsrtpUnprotect(benchmark::State& state, SrtpProfile profile) {
  auto tx = lib_session(profile, false);
  std::vector<std::vector<std::uint8_t>> ring;
  int wire_length = 0;
  for (std::size_t i = 0; i < kRing; ++i) {
    auto p = rtp_packet(static_cast<std::uint16_t>(i));
    wire_length = static_cast<int>(12 + kPayload);
    if (tx->protect_rtp(p, wire_length) != srtp_err_status_ok) std::abort();
    ring.push_back(std::move(p));
  }
  auto rx = lib_session(profile, true);
  std::vector<std::uint8_t> work(ring[0].size());
  std::size_t next = 0;
  for (auto _ : state) {
    if (next == kRing) {
      state.PauseTiming();
      rx = lib_session(profile, true);
      next = 0;
      state.ResumeTiming();
    }
    std::memcpy(work.data(), ring[next++].data(), static_cast<std::size_t>(wire_length));
    int length = wire_length;
    auto status = rx->unprotect_rtp(work, length);
    benchmark::DoNotOptimize(status);
    if (status != srtp_err_status_ok) state.SkipWithError("unprotect failed");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * (12 + kPayload)));
}

constexpr SrtpProfile kGcm = SrtpProfile::aead_aes_128_gcm;
constexpr SrtpProfile kCm = SrtpProfile::aes_cm_128_hmac_sha1_80;

BENCHMARK_CAPTURE(BM_OursProtect, gcm, kGcm);
BENCHMARK_CAPTURE(BM_LibsrtpProtect, gcm, kGcm);
BENCHMARK_CAPTURE(BM_OursUnprotect, gcm, kGcm);
BENCHMARK_CAPTURE(BM_LibsrtpUnprotect, gcm, kGcm);
BENCHMARK_CAPTURE(BM_OursProtect, aes_cm_sha1_80, kCm);
BENCHMARK_CAPTURE(BM_LibsrtpProtect, aes_cm_sha1_80, kCm);
BENCHMARK_CAPTURE(BM_OursUnprotect, aes_cm_sha1_80, kCm);
BENCHMARK_CAPTURE(BM_LibsrtpUnprotect, aes_cm_sha1_80, kCm);

} // namespace

int main(int argc, char** argv) {
  // Before OpenSSL's first allocation, or it refuses the change.
  if (!plenum::bench::count_openssl_allocations()) return 2;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
