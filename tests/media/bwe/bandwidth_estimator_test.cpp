// The estimator against a simulated bottleneck (simulated_link.hpp): what a subscriber would
// notice — the estimate finds the link, follows it down fast and back up by probing.
#include "media/bwe/bandwidth_estimator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "media/bwe/simulated_link.hpp"

namespace plenum::media::bwe {
namespace {

using testing::SimulatedLink;

constexpr int64_t kHigh = 2'500'000;
constexpr int64_t kLow = 500'000;

// The estimator holds fixed rings (tens of KiB): on the heap in tests as in a transport.
std::unique_ptr<BandwidthEstimator> make_estimator() { return std::make_unique<BandwidthEstimator>(); }

TEST(BandwidthEstimator, StartsAtTheInitialEstimate) {
  auto e = make_estimator();
  EXPECT_EQ(e->target_bps(), 1'000'000);
  EXPECT_EQ(e->limits().min_bps, 100'000);
  EXPECT_EQ(e->limits().max_bps, 20'000'000);
}

TEST(BandwidthEstimator, ConvergesToTheBottleneckAndFollowsItDownAndUp) {
  auto e = make_estimator();
  e->set_desired_bps(5'000'000);
  SimulatedLink link(*e, kHigh);

  int64_t reached_ms = -1;
  int64_t max_after = 0;
  link.run_until(20'000, [&](int64_t now, int64_t target) {
    if (reached_ms < 0 && target >= kHigh * 7 / 10) reached_ms = now;
    max_after = std::max(max_after, target);
  });
  std::printf("2.5 Mbit/s: >= 70 %% after %lld ms, highest %lld bps, probes %llu/%llu\n",
              static_cast<long long>(reached_ms), static_cast<long long>(max_after),
              static_cast<unsigned long long>(e->counters().probe_results),
              static_cast<unsigned long long>(e->counters().probe_clusters));
  ASSERT_GE(reached_ms, 0);
  EXPECT_LE(reached_ms, 10'000);
  EXPECT_LE(max_after, kHigh * 11 / 10);
  EXPECT_GE(e->target_bps(), kHigh * 7 / 10);

  // The link drops to 500 kbit/s.
  link.set_capacity(kLow);
  const int64_t drop_ms = link.now_ms();
  int64_t below_ms = -1;
  int64_t max_low = 0;
  // 20 s: long after the drop, so the ordinary probe interval (not the recovery one) finds the
  // link again below.
  link.run_until(drop_ms + 20'000, [&](int64_t now, int64_t target) {
    if (below_ms < 0 && target <= 600'000) below_ms = now;
    if (below_ms >= 0) max_low = std::max(max_low, target);
  });
  std::printf("500 kbit/s: <= 600 kbit/s after %lld ms, highest after that %lld bps\n",
              static_cast<long long>(below_ms - drop_ms), static_cast<long long>(max_low));
  ASSERT_GE(below_ms, 0);
  EXPECT_LE(below_ms - drop_ms, 2'000);
  EXPECT_LE(max_low, 600'000);
  EXPECT_GE(e->target_bps(), kLow / 2);

  // And back up: probing finds it.
  link.set_capacity(kHigh);
  const int64_t up_ms = link.now_ms();
  int64_t recovered_ms = -1;
  int64_t max_up = 0;
  link.run_until(up_ms + 10'000, [&](int64_t now, int64_t target) {
    if (recovered_ms < 0 && target >= kHigh * 7 / 10) recovered_ms = now;
    max_up = std::max(max_up, target);
  });
  std::printf("back to 2.5 Mbit/s: >= 70 %% after %lld ms, highest %lld bps\n",
              static_cast<long long>(recovered_ms - up_ms), static_cast<long long>(max_up));
  ASSERT_GE(recovered_ms, 0);
  EXPECT_LE(recovered_ms - up_ms, 5'000);
  EXPECT_LE(max_up, kHigh * 11 / 10);
}

TEST(BandwidthEstimator, RandomLossAloneDoesNotCollapseTheEstimate) {
  auto e = make_estimator();
  e->set_desired_bps(5'000'000);
  SimulatedLink link(*e, kHigh);
  link.set_loss(0.05);
  int64_t lowest_late = kHigh;
  link.run_until(30'000, [&](int64_t now, int64_t target) {
    if (now >= 10'000) lowest_late = std::min(lowest_late, target);
  });
  std::printf("5 %% loss: lowest estimate after 10 s %lld bps, final %lld bps, lost %llu\n",
              static_cast<long long>(lowest_late), static_cast<long long>(e->target_bps()),
              static_cast<unsigned long long>(e->counters().packets_lost));
  EXPECT_GT(e->counters().packets_lost, 0u);
  EXPECT_GE(lowest_late, kHigh / 2);
  EXPECT_LE(e->target_bps(), kHigh * 11 / 10);
}

TEST(BandwidthEstimator, MalformedFeedbackIsIgnored) {
  auto e = make_estimator();
  for (uint16_t seq = 0; seq < 10; ++seq) e->on_packet_sent(seq, 1'000, seq, kNoProbeCluster);
  // Claims 5 statuses (a run of "small delta") but carries no delta bytes.
  const std::vector<uint8_t> bad = {0x8f, 0xcd, 0x00, 0x05, 0x50, 0x4c, 0x4e, 0x4d, 0x00, 0x00, 0x12, 0x34,
                                    0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x01, 0x00, 0x20, 0x05, 0x00, 0x00};
  RtcpReader reader(bad);
  auto packet = reader.next();
  ASSERT_TRUE(packet);
  auto fb = RtcpFeedback::parse(*packet);
  ASSERT_TRUE(fb);
  auto tcc = TransportCc::parse(*fb);
  ASSERT_TRUE(tcc);
  e->on_transport_feedback(*tcc, 100);
  EXPECT_EQ(e->counters().feedback_malformed, 1u);
  EXPECT_EQ(e->counters().packets_acked, 0u);
  EXPECT_EQ(e->target_bps(), 1'000'000);
}

TEST(BandwidthEstimator, ProbesAtStartInBurstsPacedAtTheClusterRate) {
  auto e = make_estimator();
  e->on_packet_sent(1, 1'200, 0);
  // The first cluster: 2 x 1 Mbit/s for 80 ms = 20,000 bytes, a tick's worth at a time.
  auto due = e->padding_bytes_due(0);
  EXPECT_NE(due.cluster, kNoProbeCluster);
  EXPECT_GT(due.bytes, 0u);
  EXPECT_LT(due.bytes, 20'000u / 2);
  size_t total = 0;
  uint16_t seq = 2;
  for (int64_t now = 0; now <= 100; now += 20) {
    auto d = e->padding_bytes_due(now);
    if (d.cluster != due.cluster) break;
    for (size_t left = d.bytes; left > 0;) {
      const size_t size = std::min<size_t>(left, 1'000);
      e->on_packet_sent(seq++, size, now, d.cluster);
      total += size;
      left -= size;
    }
  }
  EXPECT_GE(total, 18'000u);
  EXPECT_LE(total, 21'200u);
  EXPECT_EQ(e->counters().probe_clusters, 1u);
}

TEST(BandwidthEstimator, RembOnlyPeersFollowTheRembValue) {
  auto e = make_estimator();
  e->on_remb(800'000, 1'000);
  EXPECT_EQ(e->target_bps(), 800'000);
  e->on_remb(1'700'000, 2'000);
  EXPECT_EQ(e->target_bps(), 1'700'000);
  e->on_remb(10'000, 3'000); // below the minimum
  EXPECT_EQ(e->target_bps(), 100'000);
  e->on_remb(uint64_t{1} << 40, 4'000); // above the maximum
  EXPECT_EQ(e->target_bps(), 20'000'000);
  EXPECT_EQ(e->counters().remb_received, 4u);
  EXPECT_EQ(e->padding_bytes_due(5'000).bytes, 0u); // nothing sent with transport-wide numbers: no probes
}

} // namespace
} // namespace plenum::media::bwe
