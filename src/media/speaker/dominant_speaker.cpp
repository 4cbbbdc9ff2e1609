#include "media/speaker/dominant_speaker.hpp"

#include <algorithm>
#include <cmath>

namespace plenum::media::speaker {
namespace {

// Scores at or below zero mean "more likely not speech"; they are floored at this tiny positive
// value so that the log ratio of two scores stays defined.
constexpr double kMinScore = 1e-10;
constexpr uint8_t kNoLevel = 0xFF;

// ln of the activity score for n of `total` sub-units active: ln of the binomial (p = 0.5)
// probability minus ln of the exponential density λ e^(-λ n).
double log_score(int n, int total, double lambda) {
  const double log_binomial =
      std::lgamma(total + 1.0) - std::lgamma(n + 1.0) - std::lgamma(total - n + 1.0) + total * std::log(0.5);
  const double score = log_binomial - std::log(lambda) + lambda * n;
  return std::log(std::max(score, kMinScore));
}

template <size_t N>
void fill_table(std::array<double, N>& table, double lambda) {
  const int total = static_cast<int>(N) - 1;
  for (int n = 0; n <= total; ++n) table[static_cast<size_t>(n)] = log_score(n, total, lambda);
}

int64_t floor_div(int64_t a, int64_t b) noexcept { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// The history slot of a frame number (which may be negative early on).
size_t slot_of(int64_t frame, int64_t history) noexcept {
  return static_cast<size_t>(((frame % history) + history) % history);
}

} // namespace

DominantSpeaker::DominantSpeaker(const DominantSpeakerConfig& config)
    : config_(config), participants_(config.max_participants) {
  fill_table(log_immediate_, config.lambda_immediate);
  fill_table(log_medium_, config.lambda_medium);
  fill_table(log_long_, config.lambda_long);
}

bool DominantSpeaker::add_level(SpeakerKey key, uint8_t level_dbov, bool voice_activity,
                                int64_t now_ms) noexcept {
  Participant* p = find(key);
  if (p == nullptr) {
    if (count_ == participants_.size()) return false;
    p = &participants_[count_++];
    *p = Participant{};
    p->key = key;
    p->minima.fill(kNoLevel);
    p->floor = static_cast<uint8_t>(kDigitalSilence - kFloorDefaultDbov);
  }
  const auto loudness = static_cast<uint8_t>(kDigitalSilence - std::min(level_dbov, kDigitalSilence));
  update_floor(*p, loudness, now_ms);

  const int64_t frame = floor_div(now_ms, kFrameMs);
  if (frame <= p->last_frame - kHistoryFrames) return true; // older than the history
  advance_frames(*p, frame);
  int bands = 0;
  if (loudness > p->floor && (voice_activity || !config_.use_voice_activity)) {
    bands = std::min(kImmediateBands, (loudness - p->floor) / kBandDb);
  }
  uint8_t& slot = p->frames[slot_of(frame, kHistoryFrames)];
  slot = std::max(slot, static_cast<uint8_t>(bands));
  if (bands >= kActiveBands) p->last_active_ms = std::max(p->last_active_ms, now_ms);
  return true;
}

std::optional<SpeakerChange> DominantSpeaker::tick(int64_t now_ms) noexcept {
  const int64_t frame = floor_div(now_ms, kFrameMs);
  for (size_t i = 0; i < count_; ++i) advance_frames(participants_[i], frame);

  // Nobody speaking is the same as a speaker with no activity at all.
  Scores speaker{log_immediate_[0], log_medium_[0], log_long_[0]};
  const Participant* current = current_ ? find(*current_) : nullptr;
  if (current != nullptr) speaker = scores(*current);

  const Participant* best = nullptr;
  double best_medium = 0;
  for (size_t i = 0; i < count_; ++i) {
    const Participant& p = participants_[i];
    if (&p == current) continue;
    const Scores s = scores(p);
    const double d_immediate = s.immediate - speaker.immediate;
    const double d_medium = s.medium - speaker.medium;
    const double d_long = s.long_term - speaker.long_term;
    if (d_immediate > config_.c_immediate && d_medium > config_.c_medium && d_long > config_.c_long &&
        (best == nullptr || d_medium > best_medium)) {
      best = &p;
      best_medium = d_medium;
    }
  }
  if (best != nullptr) {
    current_ = best->key;
  } else if (current == nullptr || now_ms - current->last_active_ms >= config_.silence_timeout_ms) {
    current_.reset();
  }
  if (current_ == reported_) return std::nullopt;
  reported_ = current_;
  return SpeakerChange{reported_};
}

void DominantSpeaker::remove(SpeakerKey key) noexcept {
  Participant* p = find(key);
  if (p == nullptr) return;
  *p = participants_[--count_]; // keep [0, count_) dense
  if (current_ == key) current_.reset();
}

DominantSpeaker::Participant* DominantSpeaker::find(SpeakerKey key) noexcept {
  for (size_t i = 0; i < count_; ++i) {
    if (participants_[i].key == key) return &participants_[i];
  }
  return nullptr;
}

// Moves the participant's newest frame to `frame`; frames skipped had no packet: silence.
void DominantSpeaker::advance_frames(Participant& p, int64_t frame) noexcept {
  if (frame <= p.last_frame) return;
  if (frame - p.last_frame >= kHistoryFrames) {
    p.frames.fill(0);
  } else {
    for (int64_t f = p.last_frame + 1; f <= frame; ++f) p.frames[slot_of(f, kHistoryFrames)] = 0;
  }
  p.last_frame = frame;
}

void DominantSpeaker::update_floor(Participant& p, uint8_t loudness, int64_t now_ms) noexcept {
  const int64_t second = floor_div(now_ms, 1000);
  if (second > p.floor_second) {
    if (p.floor_second >= 0) {
      // Shift the finished second (and any empty ones after it) into the history.
      const int64_t shift = std::min<int64_t>(second - p.floor_second, kFloorSeconds);
      for (int i = kFloorSeconds - 1; i >= 0; --i) {
        p.minima[static_cast<size_t>(i)] = i >= shift ? p.minima[static_cast<size_t>(i - shift)] : kNoLevel;
      }
      p.minima[static_cast<size_t>(shift - 1)] = p.cur_min;
      const uint8_t quietest = *std::min_element(p.minima.begin(), p.minima.end());
      if (quietest != kNoLevel) {
        p.floor = static_cast<uint8_t>(std::clamp<int>(quietest, kDigitalSilence - kFloorQuietestDbov,
                                                       kDigitalSilence - kFloorLoudestDbov));
      }
    }
    p.floor_second = second;
    p.cur_min = kNoLevel;
  }
  if (loudness > 0) p.cur_min = std::min(p.cur_min, loudness); // digital silence does not count
}

DominantSpeaker::Scores DominantSpeaker::scores(const Participant& p) const noexcept {
  const auto at = [&p](int64_t back) { return p.frames[slot_of(p.last_frame - back, kHistoryFrames)]; };
  int immediate = 0;
  for (int64_t i = 0; i < kImmediateFrames; ++i) immediate = std::max<int>(immediate, at(i));
  int medium = 0;
  int long_term = 0;
  for (int64_t block = 0; block < kLongBlocks; ++block) {
    int active = 0;
    for (int64_t i = 0; i < kMediumFrames; ++i)
      active += at(block * kMediumFrames + i) >= kActiveBands ? 1 : 0;
    if (block == 0) medium = active;
    if (active >= kActiveFrames) ++long_term;
  }
  return {log_immediate_[static_cast<size_t>(immediate)], log_medium_[static_cast<size_t>(medium)],
          log_long_[static_cast<size_t>(long_term)]};
}

} // namespace plenum::media::speaker
