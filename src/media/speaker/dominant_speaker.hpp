#pragma once
// Dominant speaker identification after Volfin and Cohen, "Dominant speaker identification for
// multipoint videoconferencing", Computer Speech and Language 27(4), 2013 (first presented at
// IEEEI 2012). The point is not "who is loudest now" but "who holds the floor": a speaker is
// replaced only when a challenger's speech activity dominates the speaker's on three time scales
// at once, so coughs, a door, or a short "mm-hm" do not steal the video.
//
// What the paper does, and how we feed it: each participant's signal is scored on an immediate,
// a medium and a long time interval. Each interval consists of sub-units that are either active
// or not; the activity score of an interval is the log-likelihood ratio of its number of active
// sub-units under a speech model (binomial, p = 0.5) and a non-speech model (exponential with a
// per-scale rate λ). The paper's immediate sub-units are frequency bands of one frame; we only
// have the RFC 6464 audio level of each packet (0..127 -dBov, lower is louder), so the
// immediate count is the level above the participant's noise floor in kBandDb steps (N1 =
// kImmediateBands). Medium sub-units are frames (kFrameMs each, N2 = kMediumFrames), active when
// their immediate count reaches kActiveBands; long sub-units are medium intervals (N3 =
// kLongBlocks), active when at least kActiveFrames of their frames were. At each decision
// (tick()) every challenger is compared with the current speaker by the log ratio of their
// scores on each scale, and the speaker changes only when all three ratios exceed their
// thresholds (C1, C2, C3 below). With the defaults a challenger takes over roughly a second
// after the speaker stops, and not while the speaker keeps talking.
//
// Our choices beyond the paper: the sizes, rates and thresholds below are tuned for audio
// levels (not the paper's values); among several qualifying challengers the one with the largest
// medium-scale ratio wins; time is cut into kFrameMs frames by the `now_ms` of each level
// (a frame with no packet is silence, which is what Opus DTX sends); the immediate count is the
// loudest of the last kImmediateFrames frames (packet jitter, 40/60 ms packets); the noise floor
// is the quietest level of the last kFloorSeconds seconds, clamped to [-kFloorQuietestDbov,
// -kFloorLoudestDbov]; level 127 (digital silence, a muted microphone) does not lower it; after
// `silence_timeout_ms` without activity from the speaker and no challenger, the result is
// "nobody".
//
// add_level() is a lookup and a few stores (called per audio packet); tick() does the scoring
// (call it every 100-300 ms). Storage for `max_participants` is allocated at construction.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace plenum::media::speaker {

using SpeakerKey = uint32_t;

inline constexpr int64_t kFrameMs = 20;
inline constexpr int kImmediateBands = 13; // N1
inline constexpr int kBandDb = 3;
inline constexpr int kImmediateFrames = 3;
inline constexpr int kActiveBands = 6;   // a frame is active 18 dB above the noise floor
inline constexpr int kMediumFrames = 10; // N2: 200 ms
inline constexpr int kActiveFrames = 5;  // a medium interval is active with half its frames
inline constexpr int kLongBlocks = 10;   // N3: 2 s
inline constexpr int kFloorSeconds = 4;
inline constexpr int kFloorQuietestDbov = 90;
inline constexpr int kFloorLoudestDbov = 50;
inline constexpr int kFloorDefaultDbov = 70; // before a second of levels has been seen
inline constexpr uint8_t kDigitalSilence = 127;

struct DominantSpeakerConfig {
  size_t max_participants = 256;
  int64_t silence_timeout_ms = 10'000; // speaker silent this long and nobody else: "nobody"
  // Treat levels whose RFC 6464 V flag is clear as silence. Off by default: not every client
  // runs a VAD, and one that does not may send V = 0 throughout.
  bool use_voice_activity = false;
  // Log-ratio thresholds C1, C2, C3 (immediate, medium, long) and the rates λ1..λ3.
  double c_immediate = 3.0;
  double c_medium = 2.0;
  double c_long = 0.0;
  double lambda_immediate = 3.0;
  double lambda_medium = 3.0;
  double lambda_long = 3.0;
};

struct SpeakerChange {
  std::optional<SpeakerKey> speaker; // nullopt: nobody
  friend bool operator==(const SpeakerChange&, const SpeakerChange&) = default;
};

class DominantSpeaker {
 public:
  explicit DominantSpeaker(const DominantSpeakerConfig& config = {});

  // One audio level (RFC 6464: `level_dbov` 0..127 meaning -0..-127 dBov) of participant `key`,
  // received at `now_ms`. An unknown key is added; false if the table is full.
  bool add_level(SpeakerKey key, uint8_t level_dbov, bool voice_activity, int64_t now_ms) noexcept;

  // Re-evaluates; returns the new dominant speaker if it changed since the last tick().
  std::optional<SpeakerChange> tick(int64_t now_ms) noexcept;

  // Forgets a participant; if it was the speaker, the next tick() picks another or nobody.
  void remove(SpeakerKey key) noexcept;

  std::optional<SpeakerKey> dominant() const noexcept { return reported_; }
  size_t participant_count() const noexcept { return count_; }

 private:
  static constexpr int kHistoryFrames = kMediumFrames * kLongBlocks;

  struct Participant {
    SpeakerKey key = 0;
    int64_t last_frame = std::numeric_limits<int64_t>::min() / 2; // newest frame number in `frames`
    int64_t last_active_ms = 0;
    std::array<uint8_t, kHistoryFrames> frames{}; // immediate band count per frame
    int64_t floor_second = -1;                    // the second cur_min covers
    uint8_t cur_min = 0xFF;                       // quietest loudness this second, 0xFF: none
    std::array<uint8_t, kFloorSeconds> minima{};  // of the previous seconds, 0xFF: none
    uint8_t floor = 0;                            // loudness (127 - dBov)
  };
  struct Scores {
    double immediate = 0;
    double medium = 0;
    double long_term = 0;
  };

  Participant* find(SpeakerKey key) noexcept;
  static void advance_frames(Participant& p, int64_t frame) noexcept;
  static void update_floor(Participant& p, uint8_t loudness, int64_t now_ms) noexcept;
  Scores scores(const Participant& p) const noexcept;

  DominantSpeakerConfig config_;
  std::vector<Participant> participants_; // [0, count_) in use
  size_t count_ = 0;
  std::optional<SpeakerKey> current_;
  std::optional<SpeakerKey> reported_;
  // ln(max(score(n), kMinScore)) for n active sub-units, per scale.
  std::array<double, kImmediateBands + 1> log_immediate_{};
  std::array<double, kMediumFrames + 1> log_medium_{};
  std::array<double, kLongBlocks + 1> log_long_{};
};

} // namespace plenum::media::speaker
