// The relay link between two media workers: packets pass in order with their header, a full
// link drops (and counts) instead of blocking the sender, and the receiver is woken once per
// burst through its eventfd, not per packet.
#include "media/relay/relay_link.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <thread>
#include <vector>

namespace plenum::media::relay {
namespace {

class RelayLinkTest : public ::testing::Test {
 protected:
  RelayLinkTest() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}
  ~RelayLinkTest() override { ::close(fd_); }
  // Wake-ups since the last call (0: none).
  uint64_t wakes() {
    uint64_t n = 0;
    return ::read(fd_, &n, sizeof n) == sizeof n ? n : 0;
  }
  int fd_;
};

std::vector<uint8_t> packet(uint8_t fill, size_t size) { return std::vector<uint8_t>(size, fill); }

TEST_F(RelayLinkTest, PacketsPassInOrderWithTheirHeader) {
  RelayLink link(fd_, 8);
  ASSERT_TRUE(link.push({7, 3, 2, true, 0}, packet(0xAA, 100)));
  ASSERT_TRUE(link.push({7, 4, 0, false, 0}, packet(0xBB, 1200)));
  std::vector<RelayHeader> headers;
  std::vector<std::vector<uint8_t>> bytes;
  EXPECT_EQ(link.drain([&](const RelayHeader& h, std::span<uint8_t> b) {
    headers.push_back(h);
    bytes.emplace_back(b.begin(), b.end());
  }),
            2u);
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].room, 7u);
  EXPECT_EQ(headers[0].producer, 3u);
  EXPECT_EQ(headers[0].stream, 2);
  EXPECT_TRUE(headers[0].keyframe);
  EXPECT_EQ(bytes[0], packet(0xAA, 100));
  EXPECT_EQ(headers[1].producer, 4u);
  EXPECT_FALSE(headers[1].keyframe);
  EXPECT_EQ(bytes[1], packet(0xBB, 1200));
  EXPECT_EQ(link.counters().relayed, 2u);
  EXPECT_EQ(link.counters().received, 2u);
  EXPECT_EQ(link.drain([](const RelayHeader&, std::span<uint8_t>) { FAIL(); }), 0u);
}

TEST_F(RelayLinkTest, AFullLinkDropsAndCountsWithoutBlocking) {
  RelayLink link(fd_, 4);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(link.push({1, 1, 0, false, 0}, packet(1, 50)));
  EXPECT_FALSE(link.push({1, 1, 0, false, 0}, packet(2, 50)));
  EXPECT_EQ(link.counters().dropped, 1u);
  // Too large for a slot: dropped too.
  link.drain([](const RelayHeader&, std::span<uint8_t>) {});
  EXPECT_FALSE(link.push({1, 1, 0, false, 0}, packet(3, kRelaySlotBytes + 1)));
  EXPECT_EQ(link.counters().dropped, 2u);
  // The drained slots are free again.
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(link.push({1, 1, 0, false, 0}, packet(4, 50)));
  EXPECT_EQ(link.counters().relayed, 8u);
}

TEST_F(RelayLinkTest, OneWakePerBurst) {
  RelayLink link(fd_, 64);
  EXPECT_FALSE(link.wake_if_pushed()); // nothing pushed: no wake
  EXPECT_EQ(wakes(), 0u);
  for (int i = 0; i < 20; ++i) link.push({1, 1, 0, false, 0}, packet(1, 10));
  EXPECT_TRUE(link.wake_if_pushed());
  EXPECT_FALSE(link.wake_if_pushed());
  EXPECT_EQ(wakes(), 1u);
  link.push({1, 1, 0, false, 0}, packet(1, 10));
  EXPECT_TRUE(link.wake_if_pushed());
  EXPECT_EQ(wakes(), 1u);
}

TEST_F(RelayLinkTest, TwoThreadsLoseNothingTheyDoNotCount) {
  RelayLink link(fd_, 64);
  constexpr uint32_t kPackets = 100'000;
  std::thread sender([&] {
    for (uint32_t i = 0; i < kPackets; ++i) {
      std::array<uint8_t, 4> b{static_cast<uint8_t>(i >> 24), static_cast<uint8_t>(i >> 16),
                               static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)};
      link.push({1, i, 0, false, 0}, b);
      if (i % 16 == 0) link.wake_if_pushed();
    }
    link.wake_if_pushed();
  });
  uint64_t received = 0;
  int64_t last = -1;
  bool ordered = true;
  while (received + link.counters().dropped < kPackets) {
    link.drain([&](const RelayHeader& h, std::span<uint8_t> b) {
      const uint32_t value = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
      ordered = ordered && value == h.producer && static_cast<int64_t>(value) > last;
      last = value;
      ++received;
    });
  }
  sender.join();
  received += link.drain([&](const RelayHeader&, std::span<uint8_t>) {});
  EXPECT_TRUE(ordered);
  EXPECT_EQ(received + link.counters().dropped, kPackets);
  EXPECT_EQ(link.counters().relayed, received);
}

} // namespace
} // namespace plenum::media::relay
