// DominantSpeaker on simulated conferences: audio levels every 20 ms per participant (RFC 6464
// -dBov, lower is louder) and a tick every 300 ms, with deterministic time. A talker's speech
// is -30 dBov with a 60 ms pause every 300 ms; background is -75 dBov.
#include "media/speaker/dominant_speaker.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace plenum::media::speaker {
namespace {

constexpr uint8_t kSpeech = 30;
constexpr uint8_t kBackground = 75;
constexpr int64_t kTickMs = 300;

// Level of a talker at time t (ms since they started): syllables with short pauses.
uint8_t talking(int64_t t) { return t % 300 < 240 ? kSpeech : kBackground; }

// A participant's level at `now_ms`, or nullopt for no packet (DTX).
using Script = std::function<std::optional<uint8_t>(int64_t now_ms)>;

struct Change {
  int64_t at_ms;
  std::optional<SpeakerKey> speaker;
};

class Conference {
 public:
  explicit Conference(DominantSpeakerConfig config = {}) : speaker_(config) {}

  void add(SpeakerKey key, Script script) { scripts_.emplace_back(key, std::move(script)); }

  // Runs until `end_ms`: levels every 20 ms, a tick every kTickMs.
  void run_until(int64_t end_ms) {
    for (; now_ < end_ms; now_ += 20) {
      for (const auto& [key, script] : scripts_) {
        if (const auto level = script(now_)) speaker_.add_level(key, *level, true, now_);
      }
      if (now_ % kTickMs == 0) {
        if (const auto change = speaker_.tick(now_)) changes_.push_back({now_, change->speaker});
      }
    }
  }

  DominantSpeaker& detector() { return speaker_; }
  const std::vector<Change>& changes() const { return changes_; }
  int64_t now() const { return now_; }

 private:
  DominantSpeaker speaker_;
  std::vector<std::pair<SpeakerKey, Script>> scripts_;
  std::vector<Change> changes_;
  int64_t now_ = 0;
};

// Talks during [from, to), background otherwise.
Script talks(int64_t from, int64_t to) {
  return [from, to](int64_t now) -> std::optional<uint8_t> {
    return now >= from && now < to ? talking(now - from) : kBackground;
  };
}

TEST(SpeakerDominant, FirstTalkerBecomesSpeakerQuickly) {
  Conference c;
  c.add(1, talks(1000, 5000));
  c.add(2, talks(0, 0));
  c.add(3, talks(0, 0));
  c.run_until(5000);
  ASSERT_EQ(c.changes().size(), 1U);
  EXPECT_EQ(c.changes()[0].speaker, 1U);
  EXPECT_GE(c.changes()[0].at_ms, 1200);
  EXPECT_LE(c.changes()[0].at_ms, 1800);
}

TEST(SpeakerDominant, SteadyTalkerKeepsTheFloorAgainstNoiseBursts) {
  Conference c;
  c.add(1, talks(0, 20000));
  // A loud 160 ms burst (a cough, a door) every 1.1 s.
  c.add(2, [](int64_t now) -> std::optional<uint8_t> { return now % 1100 < 160 ? 15 : kBackground; });
  c.run_until(20000);
  ASSERT_EQ(c.changes().size(), 1U);
  EXPECT_EQ(c.changes()[0].speaker, 1U);
}

TEST(SpeakerDominant, InterruptionDoesNotStealTheFloorWhileTheSpeakerTalks) {
  Conference c;
  c.add(1, talks(0, 10000));
  c.add(2, talks(4000, 8000)); // talks over 1 for 4 s
  c.run_until(10000);
  ASSERT_EQ(c.changes().size(), 1U);
  EXPECT_EQ(c.changes()[0].speaker, 1U);
}

TEST(SpeakerDominant, SwitchesAboutASecondAfterTheOtherTakesOver) {
  Conference c;
  c.add(1, talks(0, 6000));
  c.add(2, talks(6000, 10000));
  c.run_until(10000);
  ASSERT_EQ(c.changes().size(), 2U);
  EXPECT_EQ(c.changes()[1].speaker, 2U);
  EXPECT_GE(c.changes()[1].at_ms, 6600);
  EXPECT_LE(c.changes()[1].at_ms, 7500);
}

TEST(SpeakerDominant, SwitchesWhenTheSpeakerGoesQuietWithDtx) {
  Conference c;
  // Silence sends no packets at all (Opus DTX).
  c.add(1, [](int64_t now) -> std::optional<uint8_t> {
    if (now < 6000) return talking(now);
    return std::nullopt;
  });
  c.add(2, [](int64_t now) -> std::optional<uint8_t> {
    if (now >= 6000) return talking(now - 6000);
    return std::nullopt;
  });
  c.run_until(10000);
  ASSERT_EQ(c.changes().size(), 2U);
  EXPECT_EQ(c.changes()[0].speaker, 1U);
  EXPECT_EQ(c.changes()[1].speaker, 2U);
  EXPECT_LE(c.changes()[1].at_ms, 7500);
}

TEST(SpeakerDominant, LongSilenceMeansNobody) {
  DominantSpeakerConfig config;
  config.silence_timeout_ms = 5000;
  Conference c(config);
  c.add(1, talks(0, 3000));
  c.add(2, talks(0, 0));
  c.run_until(12000);
  ASSERT_EQ(c.changes().size(), 2U);
  EXPECT_EQ(c.changes()[0].speaker, 1U);
  EXPECT_EQ(c.changes()[1].speaker, std::nullopt);
  // Speech ended at 3000 with 60 ms of pause before it; the tick after 8 s reports nobody.
  EXPECT_GE(c.changes()[1].at_ms, 7900);
  EXPECT_LE(c.changes()[1].at_ms, 8300);
  EXPECT_EQ(c.detector().dominant(), std::nullopt);
}

TEST(SpeakerDominant, RemovingTheSpeakerHandsOverOrReportsNobody) {
  Conference c;
  c.add(1, talks(0, 20000));
  c.add(2, talks(0, 0));
  c.run_until(3000);
  ASSERT_EQ(c.detector().dominant(), 1U);
  c.detector().remove(1);
  EXPECT_EQ(c.detector().participant_count(), 1U);
  const auto change = c.detector().tick(c.now());
  ASSERT_TRUE(change);
  EXPECT_EQ(change->speaker, std::nullopt);
  EXPECT_FALSE(c.detector().tick(c.now()));
}

TEST(SpeakerDominant, VoiceActivityFlagCanBeHonoured) {
  DominantSpeakerConfig config;
  config.use_voice_activity = true;
  DominantSpeaker speaker(config);
  for (int64_t now = 0; now < 3000; now += 20) {
    speaker.add_level(1, talking(now), false, now); // loud but flagged as no voice: music, noise
    if (now % kTickMs == 0) {
      EXPECT_FALSE(speaker.tick(now));
    }
  }
  for (int64_t now = 3000; now < 5000; now += 20) speaker.add_level(1, talking(now), true, now);
  const auto change = speaker.tick(5000);
  ASSERT_TRUE(change);
  EXPECT_EQ(change->speaker, 1U);
}

TEST(SpeakerDominant, TableIsBoundedAndRemoveFreesSlots) {
  DominantSpeakerConfig config;
  config.max_participants = 2;
  DominantSpeaker speaker(config);
  EXPECT_TRUE(speaker.add_level(10, 50, true, 0));
  EXPECT_TRUE(speaker.add_level(11, 50, true, 0));
  EXPECT_FALSE(speaker.add_level(12, 50, true, 0));
  speaker.remove(10);
  speaker.remove(99); // unknown: nothing happens
  EXPECT_TRUE(speaker.add_level(12, 50, true, 0));
  EXPECT_EQ(speaker.participant_count(), 2U);
}

TEST(SpeakerDominant, QuietRoomWithoutSpeechHasNoSpeaker) {
  Conference c;
  c.add(1, talks(0, 0));
  c.add(2,
        [](int64_t now) -> std::optional<uint8_t> { return now % 2000 < 20 ? 20 : kBackground; }); // clicks
  c.run_until(20000);
  EXPECT_TRUE(c.changes().empty());
}

} // namespace
} // namespace plenum::media::speaker
