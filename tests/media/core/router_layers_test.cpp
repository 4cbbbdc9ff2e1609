// The router's layer decisions as the control plane sees them (no media flows: transports are
// never connected): which simulcast encodings the publisher is told to keep (publish_layers), and
// which videos a subscriber's downlink estimate pauses (receive_quality).
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "media/router/router.hpp"
#include "router_test_util.hpp"

namespace plenum::media::router {
namespace {

using Rids = std::vector<std::string>;

class RouterLayers : public ::testing::Test {
 protected:
  RouterLayers() {
    router.create_transport(1, "publisher", "publisherpassword0123456");
    router.create_transport(2, "subscriber", "subscriberpassword012345");
    router.create_transport(3, "subscriber2", "subscriberpassword012345");
  }

  void camera(uint32_t id) { router.add_producer(simulcast_camera(id)); }

  void consumer(uint32_t id, uint32_t producer, uint32_t transport, ConsumerLayout layout,
                bool twcc = false) {
    router.add_consumer(vp8_consumer(id, producer, transport, layout, twcc));
  }

  Host host;
  std::shared_ptr<Recorder> recorder = std::make_shared<Recorder>();
  Router router{host, recorder};
};

TEST_F(RouterLayers, ThePublisherKeepsOnlyTheLayersTilesNeedPlusTheLowest) {
  camera(1);
  consumer(10, 1, 2, {160, 90, false}); // a thumbnail
  router.tick(1'000);
  // The first word about a producer is always sent; at first every layer is wanted.
  ASSERT_EQ(recorder->layers.size(), 1u);
  EXPECT_EQ(recorder->layers[0].second, (Rids{"q", "h", "f"}));
  router.tick(2'500); // h and f unneeded for 1.5 s: not yet (grace 2 s)
  EXPECT_EQ(recorder->layers.size(), 1u);
  router.tick(3'100);
  ASSERT_EQ(recorder->layers.size(), 2u);
  EXPECT_EQ(recorder->layers[1], (std::pair<uint32_t, Rids>{1, {"q"}}));

  // A second subscriber shows it large: f is wanted again at once, h stays off.
  consumer(11, 1, 3, {1280, 720, true});
  router.tick(3'120);
  ASSERT_EQ(recorder->layers.size(), 3u);
  EXPECT_EQ(recorder->layers[2].second, (Rids{"q", "f"}));

  // Nobody shows it any more: after the grace period nothing is encoded.
  router.set_consumer_paused(10, true);
  router.set_consumer_paused(11, true);
  router.tick(3'140);
  router.tick(5'200);
  ASSERT_EQ(recorder->layers.size(), 4u);
  EXPECT_EQ(recorder->layers[3].second, Rids{});
  // Shown again (a medium tile): h and the lowest.
  router.set_consumer_layout(10, {640, 360, false});
  router.set_consumer_paused(10, false);
  router.tick(5'220);
  ASSERT_EQ(recorder->layers.size(), 5u);
  EXPECT_EQ(recorder->layers[4].second, (Rids{"q", "h"}));
}

TEST_F(RouterLayers, WithoutAnEstimateNothingIsPausedAndNothingIsReported) {
  for (uint32_t i = 1; i <= 8; ++i) {
    camera(i);
    consumer(10 + i, i, 2, {1280, 720, false});
  }
  router.tick(1'000);
  router.tick(2'000);
  EXPECT_TRUE(recorder->quality.empty());
}

TEST_F(RouterLayers, AShortEstimatePausesWhatDoesNotFitHighPriorityLast) {
  // Eight cameras to one subscriber whose transport is numbered for transport-wide feedback:
  // its estimate starts at 1 Mbit/s. Unmeasured 320x180 layers cost ~138 kbit/s, ~152 kbit/s to
  // take (10 % headroom): six fit.
  for (uint32_t i = 1; i <= 8; ++i) {
    camera(i);
    consumer(10 + i, i, 2, {1280, 720, i == 8}, /*twcc=*/true);
  }
  router.tick(1'000);
  ASSERT_FALSE(recorder->quality.empty());
  const auto& q = recorder->quality.back();
  EXPECT_EQ(q.transport, 2u);
  ASSERT_TRUE(q.estimate.has_value());
  EXPECT_EQ(*q.estimate, 1'000'000u);
  // The high-priority one (the 8th) is served first; the last two normal ones do not fit.
  EXPECT_EQ(q.paused, (std::vector<uint32_t>{16, 17}));
  // The subscriber hides most of them: now the rest fit, and the paused ones come back once that
  // held in two allocations in a row (an estimate that wobbles does not make them flap).
  for (uint32_t i = 11; i <= 15; ++i) router.set_consumer_paused(i, true);
  router.tick(1'020);
  EXPECT_EQ(recorder->quality.back().paused, (std::vector<uint32_t>{16, 17}));
  router.tick(1'300); // no allocation yet (every 500 ms)
  EXPECT_EQ(recorder->quality.back().paused, (std::vector<uint32_t>{16, 17}));
  router.tick(1'600);
  EXPECT_TRUE(recorder->quality.back().paused.empty());
}

} // namespace
} // namespace plenum::media::router
