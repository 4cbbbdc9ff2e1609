#include "media/speaker/speaking_time.hpp"

#include <algorithm>

namespace plenum::media::speaker {

SpeakingTime::SpeakingTime(size_t max_participants) : entries_(max_participants) {}

void SpeakingTime::set_speaker(std::optional<SpeakerKey> speaker, int64_t now_ms) noexcept {
  if (speaker_) {
    if (SpeakingTimeEntry* entry = find(*speaker_)) {
      const int64_t turn = std::max<int64_t>(0, now_ms - since_ms_);
      entry->ms += turn;
      closed_total_ms_ += turn;
    }
  }
  speaker_ = speaker;
  since_ms_ = now_ms;
  if (speaker && find(*speaker) == nullptr && count_ < entries_.size()) entries_[count_++] = {*speaker, 0};
}

int64_t SpeakingTime::ms(SpeakerKey key, int64_t now_ms) const noexcept {
  const SpeakingTimeEntry* entry = find(key);
  return entry == nullptr ? 0 : entry->ms + running(key, now_ms);
}

int64_t SpeakingTime::total_ms(int64_t now_ms) const noexcept {
  return closed_total_ms_ + (speaker_ && find(*speaker_) != nullptr ? running(*speaker_, now_ms) : 0);
}

size_t SpeakingTime::snapshot(int64_t now_ms, std::span<SpeakingTimeEntry> out) const noexcept {
  const size_t n = std::min(out.size(), count_);
  for (size_t i = 0; i < n; ++i)
    out[i] = {entries_[i].key, entries_[i].ms + running(entries_[i].key, now_ms)};
  return n;
}

void SpeakingTime::remove(SpeakerKey key) noexcept {
  SpeakingTimeEntry* entry = find(key);
  if (entry == nullptr) return;
  closed_total_ms_ -= entry->ms;
  *entry = entries_[--count_];
  if (speaker_ == key) speaker_.reset();
}

SpeakingTimeEntry* SpeakingTime::find(SpeakerKey key) noexcept {
  for (size_t i = 0; i < count_; ++i) {
    if (entries_[i].key == key) return &entries_[i];
  }
  return nullptr;
}

const SpeakingTimeEntry* SpeakingTime::find(SpeakerKey key) const noexcept {
  for (size_t i = 0; i < count_; ++i) {
    if (entries_[i].key == key) return &entries_[i];
  }
  return nullptr;
}

int64_t SpeakingTime::running(SpeakerKey key, int64_t now_ms) const noexcept {
  return speaker_ == key ? std::max<int64_t>(0, now_ms - since_ms_) : 0;
}

} // namespace plenum::media::speaker
