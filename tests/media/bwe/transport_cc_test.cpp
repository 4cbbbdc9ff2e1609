// Transport-wide CC feedback: our builder against the parser (RTPFB FMT 15,
// draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1), the receive-side generator,
// and sequence numbers across the 16-bit wrap.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "media/bwe/send_history.hpp"
#include "media/bwe/transport_cc_generator.hpp"
#include "media/rtcp.hpp"

namespace plenum::media::bwe {
namespace {

using Bytes = std::vector<uint8_t>;

std::optional<TransportCc> parse_one(std::span<const uint8_t> bytes) {
  RtcpReader reader(bytes);
  auto packet = reader.next();
  if (!packet || reader.next() || reader.error() != RtcpParseError::none) return std::nullopt;
  auto fb = RtcpFeedback::parse(*packet);
  if (!fb) return std::nullopt;
  return TransportCc::parse(*fb);
}

// The example of section 3.1.3/3.1.4: a run of 2 received (small), one lost, one large delta.
TEST(TransportCcBuilder, WritesTheDraftLayout) {
  const std::array<TwccPacket, 4> packets = {
      TwccPacket{0, TwccStatus::small_delta, 1'000}, TwccPacket{0, TwccStatus::small_delta, 250},
      TwccPacket{0, TwccStatus::not_received, 0}, TwccPacket{0, TwccStatus::large_delta, -500}};
  std::array<uint8_t, 64> out{};
  auto n = build_transport_cc(out, 0x504c4e4d, 0x11223344, 65'534, 0x123456, 7, packets);
  ASSERT_TRUE(n);
  const Bytes expected = {
      0xaf, 0xcd, 0x00, 0x06, // V=2, P=1, FMT=15, PT=205, length 6
      0x50, 0x4c, 0x4e, 0x4d, // sender SSRC
      0x11, 0x22, 0x33, 0x44, // media SSRC
      0xff, 0xfe, 0x00, 0x04, // base sequence 65534, 4 statuses
      0x12, 0x34, 0x56, 0x07, // reference time, feedback count 7
      0xd4, 0x80,             // 2-bit vector (11): 01 01 00 10, then 3 x 00 beyond the count
      0x04, 0x01,             // small deltas: 4 x 250 us, 1 x 250 us
      0xff, 0xfe,             // large delta: -2 x 250 us
      0x00, 0x02,             // padding, count 2
  };
  EXPECT_EQ(Bytes(out.begin(), out.begin() + static_cast<long>(*n)), expected);
}

TEST(TransportCcBuilder, RoundTripsThroughTheParser) {
  std::vector<TwccPacket> packets;
  for (int i = 0; i < 300; ++i) {
    TwccStatus status = TwccStatus::small_delta;
    int32_t delta = (i % 9) * 250;
    if (i % 17 == 3 || (i >= 100 && i < 140)) status = TwccStatus::not_received, delta = 0;
    if (i % 23 == 5) status = TwccStatus::large_delta, delta = -(i * 250);
    if (i % 31 == 7) status = TwccStatus::large_delta, delta = 300 * 250;
    packets.push_back(TwccPacket{0, status, delta});
  }
  std::array<uint8_t, 2'000> out{};
  auto n = build_transport_cc(out, 1, 2, 65'500, -5, 200, packets);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n % 4, 0u);
  auto tcc = parse_one(std::span(out).first(*n));
  ASSERT_TRUE(tcc);
  EXPECT_EQ(tcc->base_sequence(), 65'500);
  EXPECT_EQ(tcc->status_count(), 300);
  EXPECT_EQ(tcc->reference_time(), -5);
  EXPECT_EQ(tcc->feedback_count(), 200);
  std::vector<TwccPacket> decoded(300);
  ASSERT_EQ(tcc->decode(decoded), 300u);
  for (size_t i = 0; i < packets.size(); ++i) {
    EXPECT_EQ(decoded[i].sequence, static_cast<uint16_t>(65'500 + i)) << i; // wraps past 65535
    EXPECT_EQ(decoded[i].status, packets[i].status) << i;
    EXPECT_EQ(decoded[i].delta_us, packets[i].delta_us) << i;
  }
}

TEST(TransportCcBuilder, RefusesWhatItCannotEncode) {
  std::array<uint8_t, 256> out{};
  const std::array<TwccPacket, 1> too_big = {TwccPacket{0, TwccStatus::small_delta, 256 * 250}};
  EXPECT_FALSE(build_transport_cc(out, 1, 2, 0, 0, 0, too_big));
  const std::array<TwccPacket, 1> not_a_multiple = {TwccPacket{0, TwccStatus::large_delta, 100}};
  EXPECT_FALSE(build_transport_cc(out, 1, 2, 0, 0, 0, not_a_multiple));
  const std::array<TwccPacket, 1> reserved = {TwccPacket{0, TwccStatus::reserved, 0}};
  EXPECT_FALSE(build_transport_cc(out, 1, 2, 0, 0, 0, reserved));
  EXPECT_FALSE(build_transport_cc(out, 1, 2, 0, 0, 0, {}));
  const std::array<TwccPacket, 1> ok = {TwccPacket{0, TwccStatus::small_delta, 250}};
  EXPECT_FALSE(build_transport_cc(std::span(out).first(20), 1, 2, 0, 0, 0, ok)); // 24 bytes needed
}

TEST(TransportCcGenerator, ReportsArrivalsLossAndWrapsTheSequence) {
  TransportCcGenerator g;
  const int64_t t0 = 5'000'000'000; // receiver clock, us
  // 65533, 65534, (65535 lost), 0, 1: across the wrap.
  g.on_packet(65'533, t0);
  g.on_packet(65'534, t0 + 1'000);
  g.on_packet(0, t0 + 2'250);
  g.on_packet(1, t0 + 70'000); // more than 63.75 ms later: a large delta
  ASSERT_TRUE(g.due(0));
  std::array<uint8_t, 1'500> out{};
  auto n = g.build(out, 0x504c4e4d, 0xabcdef01, 0);
  ASSERT_TRUE(n);
  auto tcc = parse_one(std::span(out).first(*n));
  ASSERT_TRUE(tcc);
  EXPECT_EQ(tcc->base_sequence(), 65'533);
  EXPECT_EQ(tcc->status_count(), 5);
  std::array<TwccPacket, 5> p{};
  ASSERT_EQ(tcc->decode(p), 5u);
  EXPECT_EQ(p[0].status, TwccStatus::small_delta);
  EXPECT_EQ(static_cast<int64_t>(tcc->reference_time()) * 64'000 + p[0].delta_us,
            t0 % (int64_t{64'000} << 24));
  EXPECT_EQ(p[1].delta_us, 1'000);
  EXPECT_EQ(p[2].status, TwccStatus::not_received);
  EXPECT_EQ(p[3].delta_us, 1'250);
  EXPECT_EQ(p[4].status, TwccStatus::large_delta);
  EXPECT_EQ(p[4].delta_us, 67'750);
  // Reported once: nothing more until new packets, and old ones are not reported again.
  EXPECT_FALSE(g.due(100));
  g.on_packet(65'534, t0 + 80'000);
  EXPECT_FALSE(g.due(100));
  g.on_packet(2, t0 + 90'000);
  EXPECT_FALSE(g.due(20)); // the 50 ms interval
  ASSERT_TRUE(g.due(50));
  n = g.build(out, 0x504c4e4d, 0xabcdef01, 50);
  ASSERT_TRUE(n);
  tcc = parse_one(std::span(out).first(*n));
  ASSERT_TRUE(tcc);
  EXPECT_EQ(tcc->base_sequence(), 2);
  EXPECT_EQ(tcc->status_count(), 1);
  EXPECT_EQ(tcc->feedback_count(), 1);
}

TEST(SendHistory, FindsPacketsAcrossTheWrap) {
  SendHistory h;
  const int64_t a = h.add(65'535, 10, 1'200, kNoProbeCluster);
  const int64_t b = h.add(0, 11, 800, 3);
  EXPECT_EQ(b, a + 1);
  EXPECT_EQ(h.unwrap(65'535), a);
  EXPECT_EQ(h.unwrap(0), b);
  ASSERT_NE(h.find(b), nullptr);
  EXPECT_EQ(h.find(b)->size, 800u);
  EXPECT_EQ(h.find(b)->probe_cluster, 3);
  EXPECT_EQ(h.find(b + 1), nullptr);
  // Overwritten once the ring goes round.
  for (uint16_t s = 1; s <= SendHistory::kCapacity; ++s) h.add(s, 20, 100, kNoProbeCluster);
  EXPECT_EQ(h.find(a), nullptr);
}

} // namespace
} // namespace plenum::media::bwe
