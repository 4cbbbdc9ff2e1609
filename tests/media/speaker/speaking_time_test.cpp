// SpeakingTime: per-participant and total time as dominant speaker, fed by speaker changes.
#include "media/speaker/speaking_time.hpp"

#include <gtest/gtest.h>

#include <array>

namespace plenum::media::speaker {
namespace {

TEST(SpeakerSpeakingTime, SumsTurnsPerParticipant) {
  SpeakingTime time;
  time.set_speaker(1, 0);
  time.set_speaker(2, 1000);
  time.set_speaker(std::nullopt, 2500);
  time.set_speaker(1, 3000);
  EXPECT_EQ(time.ms(1, 4000), 2000); // 0..1000 and the running 3000..4000
  EXPECT_EQ(time.ms(2, 4000), 1500);
  EXPECT_EQ(time.ms(3, 4000), 0);
  EXPECT_EQ(time.total_ms(4000), 3500);
  std::array<SpeakingTimeEntry, 4> out{};
  ASSERT_EQ(time.snapshot(4000, out), 2U);
  EXPECT_EQ(out[0], (SpeakingTimeEntry{1, 2000}));
  EXPECT_EQ(out[1], (SpeakingTimeEntry{2, 1500}));
}

TEST(SpeakerSpeakingTime, SameSpeakerAgainDoesNotDoubleCount) {
  SpeakingTime time;
  time.set_speaker(5, 100);
  time.set_speaker(5, 600);
  EXPECT_EQ(time.ms(5, 1100), 1000);
  EXPECT_EQ(time.total_ms(1100), 1000);
}

TEST(SpeakerSpeakingTime, RemoveTakesTimeOutOfTheTotal) {
  SpeakingTime time;
  time.set_speaker(1, 0);
  time.set_speaker(2, 1000);
  time.remove(1);
  EXPECT_EQ(time.total_ms(3000), 2000);
  time.remove(2); // the running speaker
  EXPECT_EQ(time.total_ms(5000), 0);
  EXPECT_EQ(time.ms(2, 5000), 0);
}

TEST(SpeakerSpeakingTime, BoundedTable) {
  SpeakingTime time(1);
  time.set_speaker(1, 0);
  time.set_speaker(2, 1000); // no room: not counted
  time.set_speaker(1, 2000);
  EXPECT_EQ(time.ms(1, 3000), 2000);
  EXPECT_EQ(time.ms(2, 3000), 0);
  EXPECT_EQ(time.total_ms(3000), 2000);
}

TEST(SpeakerSpeakingTime, FedByTheDetector) {
  DominantSpeaker detector;
  SpeakingTime time;
  for (int64_t now = 0; now < 12000; now += 20) {
    const bool first = now < 6000;
    detector.add_level(1, first && now % 300 < 240 ? 30 : 75, true, now);
    detector.add_level(2, !first && now % 300 < 240 ? 30 : 75, true, now);
    if (now % 300 == 0) {
      if (const auto change = detector.tick(now)) time.set_speaker(change->speaker, now);
    }
  }
  const int64_t end = 12000;
  EXPECT_GT(time.ms(1, end), 5000);
  EXPECT_GT(time.ms(2, end), 4000);
  EXPECT_EQ(time.ms(1, end) + time.ms(2, end), time.total_ms(end));
}

} // namespace
} // namespace plenum::media::speaker
