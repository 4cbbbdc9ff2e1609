// RetransmissionBuffer: lookup by sequence number across 65535 -> 0, age and overwrite limits,
// oversize packets, reordered stores and the per-packet resend throttle.
#include "media/stream/retransmission_buffer.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace plenum::media::stream {
namespace {

std::vector<uint8_t> packet(uint16_t seq, size_t size = 100) {
  std::vector<uint8_t> p(size, static_cast<uint8_t>(seq));
  p[0] = static_cast<uint8_t>(seq >> 8);
  return p;
}

bool holds(const RetransmissionBuffer& buffer, uint16_t seq, int64_t now_ms) {
  const auto found = buffer.find(seq, now_ms);
  if (!found) return false;
  const auto expected = packet(seq, found->size());
  return std::equal(found->begin(), found->end(), expected.begin());
}

TEST(StreamRetransmissionBuffer, StoresAndFindsPacketBytes) {
  RetransmissionBuffer buffer(16);
  const auto p = packet(7, 1200);
  EXPECT_TRUE(buffer.store(7, p, 0));
  const auto found = buffer.find(7, 10);
  ASSERT_TRUE(found);
  EXPECT_EQ(std::vector<uint8_t>(found->begin(), found->end()), p);
  EXPECT_FALSE(buffer.find(8, 10));
  EXPECT_FALSE(buffer.find(6, 10));
}

TEST(StreamRetransmissionBuffer, CapacityIsRoundedToPowerOfTwo) {
  EXPECT_EQ(RetransmissionBuffer(1000).capacity(), 1024U);
  EXPECT_EQ(RetransmissionBuffer(1).capacity(), 1U);
  EXPECT_EQ(RetransmissionBuffer(100000).capacity(), kRtxMaxCapacity);
}

TEST(StreamRetransmissionBuffer, ForgetsPacketsOlderThanMaxAge) {
  RetransmissionBuffer buffer(16, 1000);
  buffer.store(1, packet(1), 0);
  EXPECT_TRUE(holds(buffer, 1, 1000));
  EXPECT_FALSE(holds(buffer, 1, 1001));
}

TEST(StreamRetransmissionBuffer, OverwrittenSlotIsGone) {
  RetransmissionBuffer buffer(8);
  for (uint16_t seq = 0; seq <= 8; ++seq) buffer.store(seq, packet(seq), 0);
  EXPECT_FALSE(holds(buffer, 0, 0)); // slot now holds 8
  for (uint16_t seq = 1; seq <= 8; ++seq) EXPECT_TRUE(holds(buffer, seq, 0)) << seq;
}

TEST(StreamRetransmissionBuffer, WrapsAroundSequenceNumbers) {
  RetransmissionBuffer buffer(16);
  for (uint16_t seq = 65530; seq != 6; ++seq) buffer.store(seq, packet(seq), 0);
  for (uint16_t seq = 65530; seq != 6; ++seq) EXPECT_TRUE(holds(buffer, seq, 0)) << seq;
  EXPECT_FALSE(holds(buffer, 65529, 0));
  EXPECT_FALSE(holds(buffer, 6, 0));
  // 16 more: everything from before the wrap is overwritten.
  for (uint16_t seq = 6; seq != 22; ++seq) buffer.store(seq, packet(seq), 0);
  EXPECT_FALSE(holds(buffer, 65535, 0));
  EXPECT_FALSE(holds(buffer, 5, 0));
  EXPECT_TRUE(holds(buffer, 6, 0));
}

TEST(StreamRetransmissionBuffer, OversizePacketIsNotStoredAndClearsItsSlot) {
  RetransmissionBuffer buffer(4);
  EXPECT_TRUE(buffer.store(1, packet(1), 0));
  EXPECT_TRUE(buffer.store(5, packet(5, kRtxMaxPacketSize), 0));
  EXPECT_FALSE(buffer.store(9, packet(9, kRtxMaxPacketSize + 1), 0));
  EXPECT_FALSE(holds(buffer, 9, 0));
  EXPECT_FALSE(holds(buffer, 5, 0));
  EXPECT_FALSE(holds(buffer, 1, 0));
}

TEST(StreamRetransmissionBuffer, ReorderedStoresWithinWindowAreKept) {
  RetransmissionBuffer buffer(8);
  buffer.store(10, packet(10), 0);
  buffer.store(12, packet(12), 0);
  EXPECT_TRUE(buffer.store(11, packet(11), 0));
  EXPECT_TRUE(holds(buffer, 11, 0));
  EXPECT_TRUE(holds(buffer, 12, 0));           // the late store did not disturb the newest
  EXPECT_TRUE(buffer.store(5, packet(5), 0));  // 7 behind 12: still inside 8 slots
  EXPECT_FALSE(buffer.store(4, packet(4), 0)); // 8 behind: its slot belongs to 12
  EXPECT_TRUE(holds(buffer, 12, 0));
}

TEST(StreamRetransmissionBuffer, DuplicateStoreReplaces) {
  RetransmissionBuffer buffer(8);
  buffer.store(3, packet(3, 50), 0);
  buffer.store(3, packet(3, 80), 10);
  ASSERT_TRUE(buffer.find(3, 10));
  EXPECT_EQ(buffer.find(3, 10)->size(), 80U);
}

TEST(StreamRetransmissionBuffer, ResendIsThrottledPerPacket) {
  RetransmissionBuffer buffer(16);
  buffer.store(1, packet(1), 0);
  buffer.store(2, packet(2), 0);
  auto r = buffer.resend(1, 10, 100);
  EXPECT_EQ(r.status, ResendStatus::ok);
  EXPECT_EQ(r.packet.size(), 100U);
  EXPECT_EQ(buffer.resend(1, 50, 100).status, ResendStatus::throttled);
  EXPECT_EQ(buffer.resend(2, 50, 100).status, ResendStatus::ok); // independent per packet
  EXPECT_EQ(buffer.resend(1, 109, 100).status, ResendStatus::throttled);
  EXPECT_EQ(buffer.resend(1, 110, 100).status, ResendStatus::ok);
  EXPECT_EQ(buffer.resend(3, 110, 100).status, ResendStatus::missing);
  EXPECT_TRUE(buffer.find(1, 110)); // find() ignores the throttle
  buffer.store(1, packet(1), 120);  // a new copy starts unthrottled
  EXPECT_EQ(buffer.resend(1, 121, 100).status, ResendStatus::ok);
}

TEST(StreamRetransmissionBuffer, ClearForgetsEverything) {
  RetransmissionBuffer buffer(8);
  buffer.store(1, packet(1), 0);
  buffer.clear();
  EXPECT_FALSE(holds(buffer, 1, 0));
  EXPECT_TRUE(buffer.store(40000, packet(40000), 0));
  EXPECT_TRUE(holds(buffer, 40000, 0));
}

} // namespace
} // namespace plenum::media::stream
