#pragma once
// Accumulated speaking time per participant: the time each one was the dominant speaker
// (DominantSpeaker's changes fed in as they happen), plus the total over everyone. Storage for
// `max_participants` is allocated at construction; a speaker beyond that is not counted.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "media/speaker/dominant_speaker.hpp"

namespace plenum::media::speaker {

struct SpeakingTimeEntry {
  SpeakerKey key = 0;
  int64_t ms = 0;
  friend bool operator==(const SpeakingTimeEntry&, const SpeakingTimeEntry&) = default;
};

class SpeakingTime {
 public:
  explicit SpeakingTime(size_t max_participants = 256);

  // From `now_ms` on the dominant speaker is `speaker` (nullopt: nobody); closes the previous
  // speaker's turn.
  void set_speaker(std::optional<SpeakerKey> speaker, int64_t now_ms) noexcept;

  // Time as dominant speaker up to `now_ms`, the running turn included; 0 for unknown keys.
  int64_t ms(SpeakerKey key, int64_t now_ms) const noexcept;
  // Sum over all participants (equals the time anyone was speaking).
  int64_t total_ms(int64_t now_ms) const noexcept;

  // Copies up to out.size() entries (the running turn included); returns how many.
  size_t snapshot(int64_t now_ms, std::span<SpeakingTimeEntry> out) const noexcept;

  // Forgets a participant (its time leaves the total too).
  void remove(SpeakerKey key) noexcept;

 private:
  SpeakingTimeEntry* find(SpeakerKey key) noexcept;
  const SpeakingTimeEntry* find(SpeakerKey key) const noexcept;
  int64_t running(SpeakerKey key, int64_t now_ms) const noexcept;

  std::vector<SpeakingTimeEntry> entries_; // [0, count_) in use
  size_t count_ = 0;
  std::optional<SpeakerKey> speaker_;
  int64_t since_ms_ = 0;
  int64_t closed_total_ms_ = 0; // sum of entries_[].ms
};

} // namespace plenum::media::speaker
