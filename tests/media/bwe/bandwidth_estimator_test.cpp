// The estimator against a simulated bottleneck (simulated_link.hpp): what a subscriber would
// notice — the estimate finds the link, follows it down fast and back up by probing.
#include "media/bwe/bandwidth_estimator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <vector>

#include "media/bwe/loss_based_control.hpp"
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

// One subscriber as the router serves it (router/allocation.cpp, router.cpp): audio (40 kbit/s
// in 20 ms packets) and a camera in three simulcast layers. Every 500 ms the allocation tells the
// estimator what it would like (audio + the layer the tile wants) and picks the highest layer up
// to that which fits into the estimate minus audio (the current layer and those below it count
// 75 %, going up must fit for 1 s); when not even the lowest fits, the video is paused. A new
// layer starts with its key frame 300 ms later (the old one goes on until then). Frames at 30 fps
// split into packets of at most 1,200 bytes; a key frame (5 frames' worth) at every switch and
// every 4 s.
class SimulatedSubscriber {
 public:
  static constexpr std::array<int64_t, 3> kLayerBps{150'000, 500'000, 1'500'000};
  static constexpr int64_t kAudioBps = 40'000;
  static constexpr size_t kTop = kLayerBps.size() - 1;
  static constexpr int64_t kKeyFrameDelayMs = 300;

  explicit SimulatedSubscriber(BandwidthEstimator& estimator) : estimator_(estimator) {}

  void operator()(SimulatedLink& link, int64_t now) {
    if (now - last_allocation_ms_ >= 500) allocate(now);
    // The consumer switches at the new layer's key frame, which the publisher sends a little
    // later; until then the current layer goes on.
    if (next_layer_ != layer_ && now >= switch_at_ms_) {
      layer_ = next_layer_;
      key_frame_due_ = true;
    }
    if (now % 20 == 0) link.send_media(static_cast<size_t>(kAudioBps / 8 / 50));
    if (layer_ >= 0 && now % 100 % 33 == 0 && now % 100 != 99) send_frame(link, now);
  }

  // What the tile wants: the top layer (large tile) or a lower one (a thumbnail).
  void set_preferred(int layer) { preferred_ = layer; }
  // The camera's first packets reach the router only then (until then: audio alone).
  void set_video_from(int64_t ms) { video_from_ms_ = ms; }
  int layer() const { return layer_; }
  uint64_t pauses() const { return pauses_; }
  uint64_t switches() const { return switches_; }

 private:
  void allocate(int64_t now) {
    last_allocation_ms_ = now;
    if (now < video_from_ms_) {
      estimator_.set_desired_bps(kAudioBps, now);
      return;
    }
    estimator_.set_desired_bps(kAudioBps + kLayerBps[static_cast<size_t>(preferred_)], now);
    const int64_t budget = estimator_.target_bps() - kAudioBps;
    int chosen = -1;
    for (int i = 0; i <= preferred_; ++i) {
      const int64_t full = kLayerBps[static_cast<size_t>(i)];
      const int64_t cost = next_layer_ >= 0 && i <= next_layer_ ? full * 3 / 4 : full;
      if (cost > budget) break;
      chosen = i;
    }
    if (chosen > next_layer_ && started_) {
      if (upgrade_since_ms_ < 0) upgrade_since_ms_ = now;
      if (now - upgrade_since_ms_ < 1'000) chosen = next_layer_;
    } else {
      upgrade_since_ms_ = -1;
    }
    if (chosen != next_layer_) {
      if (chosen < 0) ++pauses_;
      ++switches_;
      next_layer_ = chosen;
      // A pause takes effect at once; a layer when its key frame arrives.
      switch_at_ms_ = chosen < 0 || !started_ ? now : now + kKeyFrameDelayMs;
    }
    started_ = true;
  }

  void send_frame(SimulatedLink& link, int64_t now) {
    size_t bytes = static_cast<size_t>(kLayerBps[static_cast<size_t>(layer_)] / 8 / 30);
    if (key_frame_due_ || now - last_key_frame_ms_ >= 4'000) {
      key_frame_due_ = false;
      last_key_frame_ms_ = now;
      bytes *= 5;
    }
    while (bytes > 0) {
      const size_t size = std::min<size_t>(bytes, SimulatedLink::kPacketSize);
      link.send_media(size);
      bytes -= size;
    }
  }

  BandwidthEstimator& estimator_;
  int preferred_ = static_cast<int>(kTop);
  int layer_ = -1;
  int next_layer_ = -1;
  int64_t switch_at_ms_ = 0;
  bool started_ = false;
  bool key_frame_due_ = true;
  int64_t last_key_frame_ms_ = 0;
  int64_t last_allocation_ms_ = -1'000;
  int64_t upgrade_since_ms_ = -1;
  int64_t video_from_ms_ = 0;
  uint64_t pauses_ = 0;
  uint64_t switches_ = 0;
};

// A subscriber's link as the router uses it: a drop-tail queue of 30 packets (tc htb + pfifo in
// the e2e test), probes of at most 255 bytes of padding (+ headers), and what is lost sent again
// on NACK up to 3 times.
void as_the_router_sends(SimulatedLink& link) {
  link.set_queue_packets(30);
  link.set_max_padding_packet(255 + 12 + 8 + 10);
  link.set_retransmissions(3);
}

// The e2e quality test's situation (tests/e2e/quality.test.mjs): a subscriber of one camera on
// a fast link, for a while watching it as a thumbnail (application-limited: little is sent),
// then behind a 300 kbit/s bottleneck with a 30-packet drop-tail queue (tc htb + pfifo), then
// without the limit again. Probes are padding of at most 255 bytes (+ headers), as the router
// sends them; what the queue drops is retransmitted (NACK), up to 3 times.
TEST(BandwidthEstimator, HoldsSteadyBehindA300KbitBottleneckAndRecoversWhenItIsLifted) {
  auto e = make_estimator();
  SimulatedLink link(*e, 50'000'000);
  as_the_router_sends(link);
  SimulatedSubscriber subscriber(*e);
  link.set_source([&subscriber](SimulatedLink& l, int64_t now) { subscriber(l, now); });

  // 0-8 s: large tile on a fast link.
  int64_t full_ms = -1;
  link.run_until(8'000, [&](int64_t now, int64_t target) {
    if (full_ms < 0 && target >= 2'000'000) full_ms = now;
  });
  std::printf("fast link: estimate >= 2 Mbit/s after %lld ms, at 8 s %lld bps, layer %d\n",
              static_cast<long long>(full_ms), static_cast<long long>(e->target_bps()), subscriber.layer());
  ASSERT_GE(full_ms, 0);
  EXPECT_EQ(subscriber.layer(), 2);

  // 8-16 s: a thumbnail (the low layer only, ~190 kbit/s with audio): the estimate must come down
  // towards what is delivered (1.5 x acknowledged + 10 kbit/s) once a probe's word is old (3 s),
  // half the gap each second.
  subscriber.set_preferred(0);
  int64_t highest_late = 0;
  int64_t highest_acked = 0;
  std::vector<int64_t> limited_per_second;
  link.run_until(16'000, [&](int64_t now, int64_t target) {
    if (now % 1'000 == 0) limited_per_second.push_back(target / 1000);
    if (now < 15'000) return;
    highest_late = std::max(highest_late, target);
    highest_acked = std::max(highest_acked, e->acknowledged_bps().value_or(0));
  });
  std::printf(
      "application-limited: highest estimate 15-16 s %lld bps (acknowledged at most %lld bps); each second:",
      static_cast<long long>(highest_late), static_cast<long long>(highest_acked));
  for (int64_t v : limited_per_second) std::printf(" %lld", static_cast<long long>(v));
  std::printf(" kbit/s\n");
  EXPECT_LE(highest_late, highest_acked * 3 / 2 + 10'000 + 50'000);

  // 16-24 s: the large tile again: probing finds the fast link again.
  subscriber.set_preferred(2);
  int64_t again_ms = -1;
  link.run_until(24'000, [&](int64_t now, int64_t target) {
    if (again_ms < 0 && target >= 2'000'000) again_ms = now;
  });
  std::printf("large again: estimate >= 2 Mbit/s after %lld ms, layer %d\n",
              static_cast<long long>(again_ms < 0 ? -1 : again_ms - 16'000), subscriber.layer());
  ASSERT_GE(again_ms, 0);
  EXPECT_LE(again_ms - 16'000, 3'000);
  EXPECT_EQ(subscriber.layer(), 2);

  // 24-54 s: 300 kbit/s, 30 packets of queue.
  link.set_capacity(300'000);
  const uint64_t lost_before = e->counters().packets_lost;
  const uint64_t pauses_before = subscriber.pauses();
  const uint64_t delivered_before = link.delivered_bytes();
  int64_t down_ms = -1;
  int64_t lowest = INT64_MAX;
  int64_t highest = 0;
  int64_t lowest_loss_bound = INT64_MAX;
  double sum = 0;
  int64_t samples = 0;
  std::vector<int64_t> per_second;
  std::vector<uint64_t> lost_per_second;
  uint64_t lost_last = lost_before;
  link.run_until(54'000, [&](int64_t now, int64_t target) {
    if (down_ms < 0 && target <= 400'000) down_ms = now;
    if (now % 1'000 == 0) {
      per_second.push_back(target / 1000);
      lost_per_second.push_back(e->counters().packets_lost - lost_last);
      lost_last = e->counters().packets_lost;
    }
    if (now < 30'000) return; // settled after 6 s
    lowest = std::min(lowest, target);
    highest = std::max(highest, target);
    lowest_loss_bound = std::min(lowest_loss_bound, e->loss_based_bps());
    sum += static_cast<double>(target);
    ++samples;
  });
  const double mean = sum / static_cast<double>(samples);
  const double delivered_kbps = static_cast<double>(link.delivered_bytes() - delivered_before) * 8 / 30'000.0;
  std::printf(
      "300 kbit/s: estimate <= 400 kbit/s after %lld ms; 30-54 s: lowest %lld, mean %.0f, highest %lld bps; "
      "lowest loss bound %lld bps; delivered %.0f kbit/s; lost %llu packets; retransmitted %llu; pauses "
      "%llu; layer %d\n",
      static_cast<long long>(down_ms < 0 ? -1 : down_ms - 24'000), static_cast<long long>(lowest), mean,
      static_cast<long long>(highest), static_cast<long long>(lowest_loss_bound), delivered_kbps,
      static_cast<unsigned long long>(e->counters().packets_lost - lost_before),
      static_cast<unsigned long long>(link.retransmitted()),
      static_cast<unsigned long long>(subscriber.pauses() - pauses_before), subscriber.layer());
  std::printf("estimate each second (kbit/s):");
  for (int64_t v : per_second) std::printf(" %lld", static_cast<long long>(v));
  std::printf("\npackets lost each second:");
  for (uint64_t v : lost_per_second) std::printf(" %llu", static_cast<unsigned long long>(v));
  std::printf("\n");
  ASSERT_GE(down_ms, 0);
  EXPECT_LE(down_ms - 24'000, 3'000);
  EXPECT_GE(lowest, 180'000);
  EXPECT_LE(highest, 360'000);
  EXPECT_GE(mean, 220'000);
  EXPECT_LE(mean, 300'000);
  EXPECT_GE(lowest_loss_bound, 180'000);
  EXPECT_EQ(subscriber.pauses(), pauses_before);
  EXPECT_EQ(subscriber.layer(), 0);

  // 54 s: the limit is lifted: back above 2 Mbit/s within 3 s, the top layer soon after.
  link.set_capacity(50'000'000);
  int64_t lifted_ms = -1;
  int64_t top_ms = -1;
  link.run_until(64'000, [&](int64_t now, int64_t target) {
    if (lifted_ms < 0 && target >= 2'000'000) lifted_ms = now;
    if (top_ms < 0 && subscriber.layer() == 2) top_ms = now;
  });
  std::printf("lifted: estimate >= 2 Mbit/s after %lld ms, top layer after %lld ms\n",
              static_cast<long long>(lifted_ms < 0 ? -1 : lifted_ms - 54'000),
              static_cast<long long>(top_ms < 0 ? -1 : top_ms - 54'000));
  ASSERT_GE(lifted_ms, 0);
  EXPECT_LE(lifted_ms - 54'000, 3'000);
  ASSERT_GE(top_ms, 0);
  EXPECT_LE(top_ms - 54'000, 4'500);
}

// The loss test's situation (tests/integration/test_media.py, test_media_loss_nack): 5 % of the
// packets lost at random in each direction (media, padding and feedback) on a fast link. The
// camera reaches the router 2 s after the subscriber joined; until then only audio (40 kbit/s)
// flows, so the estimator is application-limited while it sees the loss. Random loss of a few
// percent is not congestion: the video must start, reach its top layer and not be paused.
TEST(BandwidthEstimator, RandomLossInBothDirectionsDoesNotKeepTheVideoAway) {
  auto e = make_estimator();
  SimulatedLink link(*e, 50'000'000);
  as_the_router_sends(link);
  link.set_loss(0.05);
  link.set_feedback_loss(0.05);
  SimulatedSubscriber subscriber(*e);
  subscriber.set_video_from(2'000);
  link.set_source([&subscriber](SimulatedLink& l, int64_t now) { subscriber(l, now); });
  int64_t video_ms = -1;
  int64_t top_ms = -1;
  int64_t lowest_late = INT64_MAX;
  std::vector<int64_t> per_second;
  uint64_t pauses_at_top = 0;
  link.run_until(40'000, [&](int64_t now, int64_t target) {
    if (now % 1'000 == 0) per_second.push_back(target / 1000);
    if (video_ms < 0 && subscriber.layer() >= 0) video_ms = now;
    if (top_ms < 0 && subscriber.layer() == 2) {
      top_ms = now;
      pauses_at_top = subscriber.pauses();
    }
    if (now >= 10'000) lowest_late = std::min(lowest_late, target);
  });
  std::printf(
      "5 %% loss each way: video after %lld ms, top layer after %lld ms, lowest estimate 10-40 s %lld bps, "
      "pauses %llu (after the top layer %llu), layer at 40 s %d, lost %llu of %llu\nestimate each second "
      "(kbit/s):",
      static_cast<long long>(video_ms), static_cast<long long>(top_ms), static_cast<long long>(lowest_late),
      static_cast<unsigned long long>(subscriber.pauses()),
      static_cast<unsigned long long>(subscriber.pauses() - pauses_at_top), subscriber.layer(),
      static_cast<unsigned long long>(e->counters().packets_lost),
      static_cast<unsigned long long>(e->counters().packets_lost + e->counters().packets_acked));
  for (int64_t v : per_second) std::printf(" %lld", static_cast<long long>(v));
  std::printf("\n");
  EXPECT_GT(e->counters().packets_lost, 0u);
  ASSERT_GE(video_ms, 0);
  EXPECT_LE(video_ms, 5'000);
  ASSERT_GE(top_ms, 0);
  EXPECT_LE(top_ms, 10'000);
  EXPECT_EQ(subscriber.pauses() - pauses_at_top, 0u);
  EXPECT_EQ(subscriber.layer(), 2);
  EXPECT_GE(lowest_late, 1'200'000);

  // 40-80 s: a thumbnail (the low layer, ~190 kbit/s with audio): application-limited under the
  // same loss. The estimate comes down towards what is sent, but chance loss must not take it
  // below what the thumbnail needs: it is never paused.
  subscriber.set_preferred(0);
  const uint64_t pauses_before = subscriber.pauses();
  int64_t lowest_small = INT64_MAX;
  per_second.clear();
  link.run_until(80'000, [&](int64_t now, int64_t target) {
    if (now % 1'000 == 0) per_second.push_back(target / 1000);
    if (now >= 45'000) lowest_small = std::min(lowest_small, target);
  });
  std::printf(
      "thumbnail, 5 %% loss each way: lowest estimate 45-80 s %lld bps, pauses %llu, layer %d\n"
      "estimate each second (kbit/s):",
      static_cast<long long>(lowest_small),
      static_cast<unsigned long long>(subscriber.pauses() - pauses_before), subscriber.layer());
  for (int64_t v : per_second) std::printf(" %lld", static_cast<long long>(v));
  std::printf("\n");
  EXPECT_EQ(subscriber.pauses(), pauses_before);
  EXPECT_EQ(subscriber.layer(), 0);
  EXPECT_GE(lowest_small, 200'000);
}

// The loss-based bound at heavy loss: what was allowed less half the loss, compounding, but not
// below what arrives (~280 kbit/s at a full link) less that share nor what was delivered at low
// loss lately: decreases must not compound down to the minimum.
TEST(LossBasedControl, DecreasesFromWhatWasAllowedDownToWhatArrivesAndKeepsWhatWasDelivered) {
  LossBasedControl loss(BweLimits{});
  int64_t now = 0;
  // Low loss, 270 kbit/s delivered.
  for (int i = 0; i < 20; ++i, now += 100) loss.on_feedback(30, 0, 270'000, 1'000'000, 100, now);
  EXPECT_GE(loss.bound_bps(), 270'000 * 3 / 2);
  EXPECT_EQ(loss.delivered_bps(now), 270'000);
  // Then 50 % loss for 3 s while 280 kbit/s still arrive and the delay-based target is 400 kbit/s:
  // 0.75 x 400 = 300, then 0.75 x 300 = 225 kbit/s, but not below the 270 kbit/s delivered at
  // low loss moments ago.
  int64_t lowest = INT64_MAX;
  std::vector<int64_t> bounds;
  for (int i = 0; i < 30; ++i, now += 100) {
    loss.on_feedback(15, 15, 280'000, 400'000, 400, now);
    lowest = std::min(lowest, loss.bound_bps());
    if (bounds.empty() || bounds.back() != loss.bound_bps()) bounds.push_back(loss.bound_bps());
  }
  std::printf("50 %% loss at 280 kbit/s acknowledged: lowest bound %lld bps\n",
              static_cast<long long>(lowest));
  ASSERT_GE(bounds.size(), 3u);
  EXPECT_EQ(bounds[1], 300'000);
  EXPECT_EQ(lowest, 270'000);
  // Once that memory is old (5 s), the acknowledged rate less half the loss.
  for (int i = 0; i < 40; ++i, now += 100) loss.on_feedback(15, 15, 280'000, 400'000, 400, now);
  EXPECT_EQ(loss.bound_bps(), 210'000);
}

// A sender far below what a probe found (a thumbnail: 100 kbit/s of 3 Mbit/s allowed) learns
// nothing about the link from loss: 12 % loss takes 6 % off what was allowed, not the bound down
// to the 100 kbit/s that arrive. And 3 of 20 lost is not yet "high loss" (at 5 % random loss that
// happens in 1 window of 13): a decrease waits for 60 packets.
TEST(LossBasedControl, ChanceLossAndApplicationLimitedSendersKeepWhatAProbeFound) {
  LossBasedControl loss(BweLimits{});
  loss.on_probe(3'000'000);
  int64_t now = 0;
  for (int i = 0; i < 10; ++i, now += 100) loss.on_feedback(20, 0, 100'000, 3'000'000, 50, now);
  const int64_t before = loss.bound_bps();
  EXPECT_GE(before, 3'000'000);
  // 3 of 20 lost, then 1 of 40: 4 of 60 (6.7 %) holds.
  loss.on_feedback(17, 3, 100'000, 3'000'000, 50, now += 100);
  EXPECT_EQ(loss.bound_bps(), before);
  loss.on_feedback(39, 1, 100'000, 3'000'000, 50, now += 100);
  EXPECT_EQ(loss.bound_bps(), before);
  EXPECT_NEAR(loss.last_loss(), 4.0 / 60.0, 1e-9);
  // 12 % over 60 packets while 100 kbit/s arrive and 3 Mbit/s are allowed.
  loss.on_feedback(53, 7, 100'000, 3'000'000, 50, now += 100);
  EXPECT_EQ(loss.bound_bps(), static_cast<int64_t>(3'000'000 * (1 - 0.5 * 7.0 / 60.0)));
}

// A sender that does not follow the estimate (the allocation keeps a layer that costs more than
// the link, plus retransmissions) into 300 kbit/s with a 30-packet queue: constant loss. The
// estimate must stay near what is delivered, not fall to the minimum.
TEST(BandwidthEstimator, PersistentOvershootAtAFullLinkDoesNotCollapseTheEstimate) {
  auto e = make_estimator();
  SimulatedLink link(*e, 300'000);
  link.set_queue_packets(30);
  double budget = 0;
  link.set_source([&budget](SimulatedLink& l, int64_t) {
    budget += 420'000.0 / 8'000.0; // 420 kbit/s in 1,000-byte packets: ~28 % lost
    while (budget >= 1'000) {
      l.send_media(1'000);
      budget -= 1'000;
    }
  });
  int64_t lowest = INT64_MAX;
  int64_t lowest_loss_bound = INT64_MAX;
  link.run_until(20'000, [&](int64_t now, int64_t target) {
    if (now < 5'000) return;
    lowest = std::min(lowest, target);
    lowest_loss_bound = std::min(lowest_loss_bound, e->loss_based_bps());
  });
  std::printf(
      "420 kbit/s into 300 kbit/s: lowest estimate after 5 s %lld bps, lowest loss bound %lld bps, "
      "lost %llu of %llu\n",
      static_cast<long long>(lowest), static_cast<long long>(lowest_loss_bound),
      static_cast<unsigned long long>(e->counters().packets_lost),
      static_cast<unsigned long long>(e->counters().packets_lost + e->counters().packets_acked));
  EXPECT_GT(e->counters().packets_lost, 200u);
  EXPECT_GE(lowest_loss_bound, 180'000);
  EXPECT_GE(lowest, 180'000);
  EXPECT_LE(e->target_bps(), 320'000);
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
