// KeyframeThrottle: one request per interval, FIR command sequence numbers.
#include "media/stream/keyframe_throttle.hpp"

#include <gtest/gtest.h>

namespace plenum::media::stream {
namespace {

TEST(StreamKeyframeThrottle, OneRequestPerInterval) {
  KeyframeThrottle throttle;
  EXPECT_TRUE(throttle.allow(1000));
  EXPECT_FALSE(throttle.allow(1000));
  EXPECT_FALSE(throttle.allow(1499));
  EXPECT_TRUE(throttle.allow(1500));
  EXPECT_FALSE(throttle.allow(1600)); // the interval restarts at the request that went out
  throttle.reset();
  EXPECT_TRUE(throttle.allow(1600));
}

TEST(StreamKeyframeThrottle, CustomInterval) {
  KeyframeThrottle throttle(100);
  EXPECT_TRUE(throttle.allow(0));
  EXPECT_FALSE(throttle.allow(99));
  EXPECT_TRUE(throttle.allow(100));
}

TEST(StreamKeyframeThrottle, FirSequenceIncrementsPerNewRequestAndWraps) {
  KeyframeThrottle throttle;
  EXPECT_EQ(throttle.next_fir_sequence(), 1);
  EXPECT_EQ(throttle.fir_sequence(), 1); // a repetition reuses it
  EXPECT_EQ(throttle.next_fir_sequence(), 2);
  for (int i = 0; i < 253; ++i) throttle.next_fir_sequence();
  EXPECT_EQ(throttle.fir_sequence(), 255);
  EXPECT_EQ(throttle.next_fir_sequence(), 0);
}

} // namespace
} // namespace plenum::media::stream
