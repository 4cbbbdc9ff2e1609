// NackGenerator: which sequence numbers are requested when, packed as RFC 4585 PID + BLP, the
// retry limit, wrap-around, and the key frame request when the list overflows.
#include "media/stream/nack_generator.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace plenum::media::stream {
namespace {

std::vector<uint16_t> requested(NackGenerator& nack, int64_t now_ms, size_t room = 16) {
  std::array<NackItem, 64> items{};
  const size_t n = nack.nack_items(now_ms, std::span<NackItem>(items).first(room));
  std::vector<uint16_t> seqs;
  for (size_t i = 0; i < n; ++i) {
    std::array<uint16_t, 17> lost{};
    const size_t count = items[i].expand(lost);
    seqs.insert(seqs.end(), lost.begin(), lost.begin() + static_cast<ptrdiff_t>(count));
  }
  return seqs;
}

using Seqs = std::vector<uint16_t>;

TEST(StreamNackGenerator, GapIsRequestedAsPidAndBitmask) {
  NackGenerator nack;
  for (const uint16_t seq : {0, 1, 2, 5, 6}) nack.on_packet(seq);
  std::array<NackItem, 4> items{};
  ASSERT_EQ(nack.nack_items(0, items), 1U);
  EXPECT_EQ(items[0].pid, 3);
  EXPECT_EQ(items[0].blp, 0b1);
  EXPECT_EQ(nack.missing_count(), 2U);
}

TEST(StreamNackGenerator, RequestsAgainOnlyAfterAnRtt) {
  NackGenerator nack;
  nack.set_rtt_ms(80);
  for (const uint16_t seq : {10, 12}) nack.on_packet(seq);
  EXPECT_EQ(requested(nack, 1000), Seqs{11});
  EXPECT_EQ(requested(nack, 1079), Seqs{});
  nack.on_packet(14); // a new gap is due at once, 11 is not
  EXPECT_EQ(requested(nack, 1079), Seqs{13});
  EXPECT_EQ(requested(nack, 1080), Seqs{11});
}

TEST(StreamNackGenerator, ArrivalRemovesTheRequest) {
  NackGenerator nack;
  for (const uint16_t seq : {0, 4}) nack.on_packet(seq);
  EXPECT_EQ(requested(nack, 0), (Seqs{1, 2, 3}));
  nack.on_packet(2);
  EXPECT_EQ(requested(nack, 100), (Seqs{1, 3}));
  nack.on_packet(1);
  nack.on_packet(3);
  EXPECT_EQ(nack.missing_count(), 0U);
  nack.on_packet(3); // duplicate: nothing happens
  EXPECT_EQ(requested(nack, 200), Seqs{});
}

TEST(StreamNackGenerator, GivesUpAfterTenRequests) {
  NackGenerator nack;
  for (const uint16_t seq : {0, 2}) nack.on_packet(seq);
  int sent = 0;
  for (int64_t t = 0; t < 2000; t += 100) sent += static_cast<int>(requested(nack, t).size());
  EXPECT_EQ(sent, static_cast<int>(kNackMaxRetries));
  EXPECT_EQ(nack.missing_count(), 0U);
  EXPECT_EQ(nack.given_up(), 1U);
  EXPECT_FALSE(nack.take_keyframe_request());
}

TEST(StreamNackGenerator, WrapsAround) {
  NackGenerator nack;
  for (const uint16_t seq : {65533, 65534, 2}) nack.on_packet(seq);
  std::array<NackItem, 4> items{};
  ASSERT_EQ(nack.nack_items(0, items), 1U);
  EXPECT_EQ(items[0].pid, 65535);
  EXPECT_EQ(items[0].blp, 0b11); // 0 and 1
}

TEST(StreamNackGenerator, ItemsThatDoNotFitStayDue) {
  NackGenerator nack;
  for (const uint16_t seq : {0, 2, 40, 80}) nack.on_packet(seq); // missing 1, 3..39, 41..79
  const Seqs first = requested(nack, 0, 1);
  EXPECT_EQ(first.size(), 16U); // PID 1 + BLP for 3..17
  EXPECT_EQ(first.front(), 1);
  EXPECT_EQ(first.back(), 17);
  const Seqs second = requested(nack, 0, 1);
  EXPECT_EQ(second.front(), 18); // continues where the first stopped
  EXPECT_EQ(second.size(), 17U);
  const Seqs rest = requested(nack, 0, 64);
  EXPECT_EQ(first.size() + second.size() + rest.size(), 1U + 37 + 39);
}

TEST(StreamNackGenerator, OverflowRequestsAKeyFrame) {
  NackGenerator nack;
  nack.on_packet(0);
  nack.on_packet(static_cast<uint16_t>(kNackMaxMissing + 1)); // exactly fills the list
  EXPECT_EQ(nack.missing_count(), kNackMaxMissing);
  EXPECT_FALSE(nack.take_keyframe_request());
  nack.on_packet(static_cast<uint16_t>(kNackMaxMissing + 3)); // one more missing
  EXPECT_EQ(nack.missing_count(), 0U);
  EXPECT_TRUE(nack.take_keyframe_request());
  EXPECT_FALSE(nack.take_keyframe_request()); // once
  EXPECT_EQ(nack.given_up(), kNackMaxMissing);
  nack.on_packet(static_cast<uint16_t>(kNackMaxMissing + 5)); // tracking continues from there
  EXPECT_EQ(requested(nack, 0), Seqs{kNackMaxMissing + 4});
}

TEST(StreamNackGenerator, FarOlderPacketMeansRestart) {
  NackGenerator nack;
  for (const uint16_t seq : {10000, 10002}) nack.on_packet(seq);
  nack.on_packet(5000);
  EXPECT_EQ(nack.missing_count(), 0U);
  nack.on_packet(5002);
  EXPECT_EQ(requested(nack, 0), Seqs{5001});
}

} // namespace
} // namespace plenum::media::stream
