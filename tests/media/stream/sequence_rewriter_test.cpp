// SequenceRewriter: one continuous output across source switches (sequence numbers and
// timestamps), reordering, deliberate drops and the 65535 -> 0 wrap on both sides.
#include "media/stream/sequence_rewriter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace plenum::media::stream {
namespace {

constexpr uint32_t kVideoClock = 90000;

RewrittenIds ids(uint16_t seq, uint32_t ts) { return RewrittenIds{seq, ts}; }

TEST(StreamSequenceRewriter, NothingIsForwardedBeforeASource) {
  SequenceRewriter rewriter;
  EXPECT_FALSE(rewriter.rewrite(1, 1, 0));
  EXPECT_FALSE(rewriter.has_source());
}

TEST(StreamSequenceRewriter, FirstSourceStartsAtTheInitialValues) {
  SequenceRewriter rewriter(1000, 5000);
  rewriter.switch_source(40000, 123456, 0, kVideoClock);
  EXPECT_EQ(rewriter.rewrite(40000, 123456, 0), ids(1000, 5000));
  EXPECT_EQ(rewriter.rewrite(40001, 123456, 0), ids(1001, 5000)); // same frame
  EXPECT_EQ(rewriter.rewrite(40002, 126456, 33), ids(1002, 8000));
  EXPECT_EQ(rewriter.last_sequence(), 1002);
  EXPECT_EQ(rewriter.last_timestamp(), 8000U);
}

TEST(StreamSequenceRewriter, StaysContinuousAcrossTwoSwitches) {
  SequenceRewriter rewriter(65530, 4'294'960'000U); // both wrap during the test
  int64_t now = 0;
  // Source A: 30 fps, 3000 ticks per frame, one packet per frame.
  rewriter.switch_source(100, 1'000'000, now, kVideoClock);
  uint32_t expected_ts = 4'294'960'000U;
  for (uint16_t i = 0; i < 5; ++i, now += 33) {
    EXPECT_EQ(rewriter.rewrite(static_cast<uint16_t>(100 + i), 1'000'000 + 3000U * i, now),
              ids(static_cast<uint16_t>(65530 + i), expected_ts + 3000U * i));
  }
  // Last A packet went out at now - 33 with output 65534; B starts 50 ms after it.
  const uint32_t last_a_ts = expected_ts + 3000U * 4;
  now += 17;
  rewriter.switch_source(60000, 777, now, kVideoClock);
  const uint32_t b_ts = last_a_ts + 50 * 90;
  EXPECT_EQ(rewriter.rewrite(60000, 777, now), ids(65535, b_ts));
  EXPECT_EQ(rewriter.rewrite(60001, 777 + 3000, now + 33), ids(0, b_ts + 3000));
  EXPECT_EQ(rewriter.rewrite(60002, 777 + 6000, now + 66), ids(1, b_ts + 6000));
  // Source C, whose own numbers wrap, switched in 1 s later.
  now += 66 + 1000;
  rewriter.switch_source(65534, 10, now, kVideoClock);
  const uint32_t c_ts = b_ts + 6000 + 1000 * 90;
  EXPECT_EQ(rewriter.rewrite(65534, 10, now), ids(2, c_ts));
  EXPECT_EQ(rewriter.rewrite(65535, 10, now), ids(3, c_ts));
  EXPECT_EQ(rewriter.rewrite(0, 3010, now + 33), ids(4, c_ts + 3000));
  EXPECT_EQ(rewriter.rewrite(1, 3010, now + 33), ids(5, c_ts + 3000));
}

TEST(StreamSequenceRewriter, SwitchAdvancesTimestampByAtLeastOneTick) {
  SequenceRewriter rewriter(0, 0);
  rewriter.switch_source(10, 500, 0, 48000);
  ASSERT_EQ(rewriter.rewrite(10, 500, 0), ids(0, 0));
  rewriter.switch_source(20, 900, 0, 48000); // same millisecond
  EXPECT_EQ(rewriter.rewrite(20, 900, 0), ids(1, 1));
}

TEST(StreamSequenceRewriter, ReorderedPacketsMapByTheSameOffset) {
  SequenceRewriter rewriter(0, 0);
  rewriter.switch_source(500, 0, 0, kVideoClock);
  EXPECT_EQ(rewriter.rewrite(500, 0, 0)->sequence, 0);
  EXPECT_EQ(rewriter.rewrite(503, 0, 0)->sequence, 3);
  EXPECT_EQ(rewriter.rewrite(501, 0, 0)->sequence, 1);
  EXPECT_EQ(rewriter.rewrite(502, 0, 0)->sequence, 2);
  EXPECT_EQ(rewriter.rewrite(502, 0, 0)->sequence, 2); // a duplicate maps to the same number
  EXPECT_EQ(rewriter.last_sequence(), 3);
  EXPECT_FALSE(rewriter.rewrite(499, 0, 0)); // from before the switch
}

TEST(StreamSequenceRewriter, PacketsOfTheOldSourceAfterASwitchPointAreRefused) {
  SequenceRewriter rewriter(0, 0);
  rewriter.switch_source(100, 0, 0, kVideoClock);
  rewriter.rewrite(100, 0, 0);
  rewriter.rewrite(101, 0, 0);
  rewriter.switch_source(2000, 0, 10, kVideoClock);
  EXPECT_FALSE(rewriter.rewrite(1999, 0, 10));
  EXPECT_EQ(rewriter.rewrite(2000, 0, 10)->sequence, 2);
  EXPECT_EQ(rewriter.rewrite(2002, 0, 10)->sequence, 4);
  EXPECT_EQ(rewriter.rewrite(2001, 0, 10)->sequence, 3);
}

TEST(StreamSequenceRewriter, DroppedPacketsLeaveNoGap) {
  SequenceRewriter rewriter(0, 0);
  rewriter.switch_source(10, 0, 0, kVideoClock);
  EXPECT_EQ(rewriter.rewrite(10, 0, 0)->sequence, 0);
  rewriter.drop(11);
  EXPECT_EQ(rewriter.rewrite(12, 0, 0)->sequence, 1);
  rewriter.drop(13);
  rewriter.drop(14);
  EXPECT_EQ(rewriter.rewrite(15, 0, 0)->sequence, 2);
  EXPECT_FALSE(rewriter.rewrite(11, 0, 0)); // a retransmission of a dropped packet stays dropped
  EXPECT_FALSE(rewriter.rewrite(14, 0, 0));
}

TEST(StreamSequenceRewriter, ReorderedPacketAroundADropGetsItsInOrderNumber) {
  SequenceRewriter rewriter(0, 0);
  rewriter.switch_source(10, 0, 0, kVideoClock);
  EXPECT_EQ(rewriter.rewrite(10, 0, 0)->sequence, 0);
  rewriter.drop(12); // 11 not here yet
  EXPECT_EQ(rewriter.rewrite(13, 0, 0)->sequence, 2);
  EXPECT_EQ(rewriter.rewrite(11, 0, 0)->sequence, 1); // fills the hole: output 0, 1, 2
  rewriter.drop(11);                                  // too late: 11 was sent; ignored
  EXPECT_EQ(rewriter.rewrite(14, 0, 0)->sequence, 3);
}

TEST(StreamSequenceRewriter, DropsAcrossTheWrap) {
  SequenceRewriter rewriter(100, 0);
  rewriter.switch_source(65533, 0, 0, kVideoClock);
  EXPECT_EQ(rewriter.rewrite(65533, 0, 0)->sequence, 100);
  rewriter.drop(65534);
  rewriter.drop(65535);
  EXPECT_EQ(rewriter.rewrite(0, 0, 0)->sequence, 101);
  EXPECT_EQ(rewriter.rewrite(2, 0, 0)->sequence, 103);
  EXPECT_EQ(rewriter.rewrite(1, 0, 0)->sequence, 102);
}

TEST(StreamSequenceRewriter, PacketsBeyondTheWindowAreRefused) {
  SequenceRewriter rewriter(0, 0);
  rewriter.switch_source(0, 0, 0, kVideoClock);
  for (uint16_t seq = 0; seq < 1000; ++seq) {
    if (seq % 7 == 3) {
      rewriter.drop(seq);
    } else {
      rewriter.rewrite(seq, 0, 0);
    }
  }
  const uint16_t newest = 999;
  const auto oldest_kept = static_cast<uint16_t>(newest - kRewriteWindow + 1);
  EXPECT_TRUE(rewriter.rewrite(oldest_kept, 0, 0)); // 488 % 7 != 3
  EXPECT_FALSE(rewriter.rewrite(static_cast<uint16_t>(oldest_kept - 1), 0, 0));
  // In-window reordered packets still agree with their in-order numbers: 999 - dropped ones.
  const int dropped_up_to_999 = 1000 / 7 + (1000 % 7 > 3 ? 1 : 0);
  EXPECT_EQ(rewriter.rewrite(999, 0, 0)->sequence, 999 - dropped_up_to_999);
  EXPECT_EQ(rewriter.rewrite(998, 0, 0)->sequence, 998 - dropped_up_to_999);
}

// Random drops and reordering (each packet at most 8 places late) across the wrap: the output
// numbers are exactly a contiguous range, each used once.
TEST(StreamSequenceRewriter, OutputIsContiguousUnderRandomDropsAndReordering) {
  uint32_t state = 12345;
  auto random = [&state](uint32_t n) {
    state = state * 1103515245U + 12345U;
    return (state >> 16) % n;
  };
  std::vector<uint16_t> arrival;
  for (uint32_t i = 0; i < 3000; ++i) arrival.push_back(static_cast<uint16_t>(64000 + i));
  for (size_t i = 0; i + 8 < arrival.size(); i += 8) std::swap(arrival[i], arrival[i + random(8)]);

  SequenceRewriter rewriter(65000, 0); // the output wraps too
  rewriter.switch_source(arrival.front(), 0, 0, kVideoClock);
  std::vector<int> outputs;
  int newest = -1;
  for (const uint16_t seq : arrival) {
    const int index = static_cast<uint16_t>(seq - 64000);
    const bool in_order = index > newest;
    newest = std::max(newest, index);
    if (in_order && random(4) == 0 && rewriter.drop(seq)) continue;
    const auto out = rewriter.rewrite(seq, 0, 0);
    if (!out && index < static_cast<int>(arrival.front() - 64000)) continue; // before the switch point
    ASSERT_TRUE(out) << seq;
    outputs.push_back(static_cast<uint16_t>(out->sequence - 65000));
  }
  std::sort(outputs.begin(), outputs.end());
  ASSERT_GT(outputs.size(), 2000U);
  for (size_t i = 0; i < outputs.size(); ++i) ASSERT_EQ(outputs[i], static_cast<int>(i));
}

} // namespace
} // namespace plenum::media::stream
