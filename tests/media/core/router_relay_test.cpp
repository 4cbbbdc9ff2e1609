// The relay between a room's routers on two workers, router side (no media flows: transports
// are never connected). The relay producer on the other worker reports the layers its consumers
// want to the home, whose publish_layers is the union over both; its key frame requests go to
// the home (throttled); only relay producers take relayed packets.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "media/router/router.hpp"
#include "router_test_util.hpp"

namespace plenum::media::router {
namespace {

using Rids = std::vector<std::string>;

class RecordingUpstream final : public RelayUpstream {
 public:
  void request_keyframe(uint32_t producer, int stream) override { keyframes.emplace_back(producer, stream); }
  void want_layers(uint32_t producer, uint32_t mask) override { layers.emplace_back(producer, mask); }
  std::vector<std::pair<uint32_t, int>> keyframes;
  std::vector<std::pair<uint32_t, uint32_t>> layers;
};

class NullSink final : public RelaySink {
 public:
  void relay(uint32_t, size_t, const RtpPacket&, bool) override { ++packets; }
  int packets = 0;
};

class RouterRelay : public ::testing::Test {
 protected:
  RouterRelay() {
    home.create_transport(1, "publisher", "publisherpassword0123456");
    remote.create_transport(2, "subscriber", "subscriberpassword012345");
    home.add_producer(simulcast_camera(5));
    remote.add_relay_producer(simulcast_camera(5), upstream);
    home.add_relay(5, 1, sink);
  }
  Host home_host;
  Host remote_host;
  std::shared_ptr<Recorder> home_events = std::make_shared<Recorder>();
  std::shared_ptr<Recorder> remote_events = std::make_shared<Recorder>();
  Router home{home_host, home_events};
  Router remote{remote_host, remote_events};
  std::shared_ptr<RecordingUpstream> upstream = std::make_shared<RecordingUpstream>();
  std::shared_ptr<NullSink> sink = std::make_shared<NullSink>();
};

TEST_F(RouterRelay, PublishLayersAreTheUnionOverWorkers) {
  remote.add_consumer(vp8_consumer(10, 5, 2, {160, 90, false})); // a thumbnail on the other worker
  remote.tick(1'000);
  home.tick(1'000);
  // The relay producer's word goes to the home, not to the control plane.
  EXPECT_TRUE(remote_events->layers.empty());
  ASSERT_EQ(upstream->layers.size(), 1u);
  EXPECT_EQ(upstream->layers[0], (std::pair<uint32_t, uint32_t>{5, 0b111}));
  ASSERT_EQ(home_events->layers.size(), 1u);
  EXPECT_EQ(home_events->layers[0].second, (Rids{"q", "h", "f"}));
  // After the grace period the other worker wants the lowest layer only.
  remote.tick(3'100);
  ASSERT_EQ(upstream->layers.size(), 2u);
  EXPECT_EQ(upstream->layers[1].second, 0b001u);
  home.set_relay_layers(5, 1, 0b001);
  home.tick(3'100);
  home.tick(5'200); // the home's own grace period
  ASSERT_EQ(home_events->layers.size(), 2u);
  EXPECT_EQ(home_events->layers[1].second, Rids{"q"});
  // It shows the video large now: the full layer is wanted again at once.
  home.set_relay_layers(5, 1, 0b101);
  home.tick(5'220);
  ASSERT_EQ(home_events->layers.size(), 3u);
  EXPECT_EQ(home_events->layers[2].second, (Rids{"q", "f"}));
  // Without the relay the home's own (no) consumers decide: nothing after the grace period.
  home.remove_relay(5, 1);
  home.tick(5'240);
  home.tick(7'300);
  ASSERT_EQ(home_events->layers.size(), 4u);
  EXPECT_EQ(home_events->layers[3].second, Rids{});
}

TEST_F(RouterRelay, KeyFrameRequestsGoUpstreamThrottled) {
  remote.tick(1'000);
  remote.add_consumer(vp8_consumer(10, 5, 2, {640, 360, false})); // wants a key frame to start
  remote.add_consumer(vp8_consumer(11, 5, 2, {640, 360, false})); // within 500 ms: the same one
  ASSERT_EQ(upstream->keyframes.size(), 1u);
  EXPECT_EQ(upstream->keyframes[0], (std::pair<uint32_t, int>{5, -1}));
  remote.tick(1'600);
  remote.add_consumer(vp8_consumer(12, 5, 2, {640, 360, false}));
  EXPECT_EQ(upstream->keyframes.size(), 2u);
  // The home takes it like a subscriber's PLI.
  home.request_relayed_keyframe(5, 0);
  EXPECT_EQ(home.counters().relayed_keyframe_requests, 1u);
  // Unknown producers are ignored, and a relay producer does not take them.
  home.request_relayed_keyframe(99, 0);
  remote.request_relayed_keyframe(5, 0);
  EXPECT_EQ(home.counters().relayed_keyframe_requests, 1u);
  EXPECT_EQ(remote.counters().relayed_keyframe_requests, 0u);
}

TEST_F(RouterRelay, OnlyRelayProducersTakeRelayedPackets) {
  std::array<uint8_t, 20> bytes{0x80, 96, 0,    1,    0,    0,    0,    9,    0,    0,
                                0,    42, 0x90, 0x80, 0x01, 0x10, 0x01, 0x02, 0x03, 0x04};
  auto packet = RtpPacket::parse(bytes);
  ASSERT_TRUE(packet.has_value());
  remote.on_relayed_rtp(5, 0, *packet, false, 1'000);
  EXPECT_EQ(remote.counters().relayed_in, 1u);
  EXPECT_EQ(remote.counters().packets_in, 0u); // counted where the publisher sent it
  EXPECT_EQ(remote.counters().unknown_ssrc, 0u);
  // A producer it does not relay, a stream it does not have, or a local producer: counted, dropped.
  remote.on_relayed_rtp(6, 0, *packet, false, 1'000);
  remote.on_relayed_rtp(5, 3, *packet, false, 1'000);
  home.on_relayed_rtp(5, 0, *packet, false, 1'000);
  EXPECT_EQ(remote.counters().unknown_ssrc, 2u);
  EXPECT_EQ(home.counters().unknown_ssrc, 1u);
  // The relay producer is removed like any producer.
  remote.remove_producer(5);
  remote.on_relayed_rtp(5, 0, *packet, false, 1'000);
  EXPECT_EQ(remote.counters().unknown_ssrc, 3u);
}

} // namespace
} // namespace plenum::media::router
