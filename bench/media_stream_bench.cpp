// Per-stream RTP state and the active-speaker detector, per call: retransmission store + find
// (+ throttled resend), sequence rewriting, receive statistics and NACK tracking per packet,
// and DominantSpeaker::add_level per audio packet (plus a tick over a full room). Counts
// operator new per iteration to show these paths do not allocate.
#include <benchmark/benchmark.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <vector>

#include "allocation_counter.hpp"
#include "media/speaker/dominant_speaker.hpp"
#include "media/stream/nack_generator.hpp"
#include "media/stream/receive_stats.hpp"
#include "media/stream/retransmission_buffer.hpp"
#include "media/stream/sequence_rewriter.hpp"

namespace {

using namespace plenum::media;
using namespace plenum::media::stream;
using namespace plenum::media::speaker;

using plenum::bench::AllocationCounter;

// A typical 1,100-byte video packet stored, then the packet 100 behind it looked up (a NACK).
void BM_RetransmissionStoreFind(benchmark::State& state) {
  RetransmissionBuffer buffer;
  const std::vector<uint8_t> packet(1100, 0x5a);
  uint16_t seq = 0;
  int64_t now = 0;
  AllocationCounter count(state);
  for (auto _ : state) {
    buffer.store(seq, packet, now);
    benchmark::DoNotOptimize(buffer.find(static_cast<uint16_t>(seq - 100), now));
    ++seq;
    ++now;
  }
}
BENCHMARK(BM_RetransmissionStoreFind);

void BM_RetransmissionResend(benchmark::State& state) {
  RetransmissionBuffer buffer;
  const std::vector<uint8_t> packet(1100, 0x5a);
  for (uint16_t seq = 0; seq < 1024; ++seq) buffer.store(seq, packet, 0);
  uint16_t seq = 0;
  int64_t now = 0;
  AllocationCounter count(state);
  for (auto _ : state) {
    benchmark::DoNotOptimize(buffer.resend(static_cast<uint16_t>(seq++ & 1023), now, 100));
    now = (now + 1) % 1000;
  }
}
BENCHMARK(BM_RetransmissionResend);

// In order, with one packet in 32 deliberately dropped.
void BM_SequenceRewrite(benchmark::State& state) {
  SequenceRewriter rewriter(1000, 5000);
  rewriter.switch_source(0, 0, 0, 90000);
  uint16_t seq = 0;
  uint32_t ts = 0;
  int64_t now = 0;
  AllocationCounter count(state);
  for (auto _ : state) {
    if ((seq & 31) == 31) {
      rewriter.drop(seq);
    } else {
      benchmark::DoNotOptimize(rewriter.rewrite(seq, ts, now));
    }
    ++seq;
    ts += 3000;
    ++now;
  }
}
BENCHMARK(BM_SequenceRewrite);

// A reordered packet behind 64 newer ones, with drops in between (the popcount path).
void BM_SequenceRewriteReordered(benchmark::State& state) {
  SequenceRewriter rewriter(1000, 5000);
  rewriter.switch_source(0, 0, 0, 90000);
  for (uint16_t seq = 0; seq < 400; ++seq) {
    if (seq % 5 == 0) {
      rewriter.drop(seq);
    } else {
      rewriter.rewrite(seq, 0, 0);
    }
  }
  uint16_t back = 0;
  AllocationCounter count(state);
  for (auto _ : state) {
    benchmark::DoNotOptimize(rewriter.rewrite(static_cast<uint16_t>(399 - 64 - (back++ & 7)), 0, 0));
  }
}
BENCHMARK(BM_SequenceRewriteReordered);

// ReceiveStats::on_packet (A.1 + A.8) for an in-order stream, one report block per 1000.
void BM_ReceiveStatsUpdate(benchmark::State& state) {
  ReceiveStats stats(0x1234, 90000, 1);
  uint16_t seq = 0;
  uint32_t ts = 0;
  int64_t now = 0;
  AllocationCounter count(state);
  for (auto _ : state) {
    stats.on_packet(seq, ts, now);
    if ((seq & 1023) == 0) benchmark::DoNotOptimize(stats.report_block(now));
    ++seq;
    ts += 1800;
    now += 20;
  }
}
BENCHMARK(BM_ReceiveStatsUpdate);

// NackGenerator::on_packet with 1 % loss and nack_items every 20 packets.
void BM_NackGeneratorUpdate(benchmark::State& state) {
  NackGenerator nack;
  std::array<NackItem, 16> items{};
  uint16_t seq = 0;
  int64_t now = 0;
  AllocationCounter count(state);
  for (auto _ : state) {
    if (seq % 100 != 7) nack.on_packet(seq);
    if (seq % 20 == 0) benchmark::DoNotOptimize(nack.nack_items(now, items));
    ++seq;
    now += 2;
  }
}
BENCHMARK(BM_NackGeneratorUpdate);

// add_level for one of `participants` in turn (a 20 ms packet each).
void BM_DominantSpeakerAddLevel(benchmark::State& state) {
  const auto participants = static_cast<uint32_t>(state.range(0));
  DominantSpeaker speaker;
  for (uint32_t key = 0; key < participants; ++key) speaker.add_level(key, 80, true, 0);
  uint32_t i = 0;
  AllocationCounter count(state);
  for (auto _ : state) {
    const uint32_t key = i % participants;
    const int64_t now = int64_t{i / participants} * 20;
    benchmark::DoNotOptimize(speaker.add_level(key, static_cast<uint8_t>(30 + (i & 15)), true, now));
    ++i;
  }
}
BENCHMARK(BM_DominantSpeakerAddLevel)->Arg(2)->Arg(10)->Arg(100);

// tick() over a room of `participants`, everyone sending levels.
void BM_DominantSpeakerTick(benchmark::State& state) {
  const auto participants = static_cast<uint32_t>(state.range(0));
  DominantSpeaker speaker;
  int64_t now = 0;
  AllocationCounter count(state);
  for (auto _ : state) {
    state.PauseTiming();
    for (int step = 0; step < 15; ++step, now += 20) {
      for (uint32_t key = 0; key < participants; ++key) {
        speaker.add_level(key, static_cast<uint8_t>(key == 0 ? 30 : 80), true, now);
      }
    }
    state.ResumeTiming();
    benchmark::DoNotOptimize(speaker.tick(now));
  }
}
BENCHMARK(BM_DominantSpeakerTick)->Arg(10)->Arg(100);

} // namespace

BENCHMARK_MAIN();
