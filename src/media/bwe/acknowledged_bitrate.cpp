#include "media/bwe/acknowledged_bitrate.hpp"

namespace plenum::media::bwe {

void AcknowledgedBitrate::pop() noexcept {
  bytes_ -= ring_[head_].size;
  head_ = (head_ + 1) % kCapacity;
  --count_;
}

void AcknowledgedBitrate::on_packet(int64_t arrival_us, uint32_t size) noexcept {
  // A silence longer than the window (nothing sent): start over.
  if (count_ > 0 && arrival_us - newest_us_ > kWindowUs) {
    count_ = 0;
    bytes_ = 0;
  }
  if (count_ == kCapacity) pop();
  ring_[(head_ + count_) % kCapacity] = Entry{arrival_us, size};
  ++count_;
  bytes_ += size;
  if (count_ == 1 || arrival_us > newest_us_) newest_us_ = arrival_us;
  while (count_ > 1 && ring_[head_].arrival_us < newest_us_ - kWindowUs) pop();
}

std::optional<int64_t> AcknowledgedBitrate::bitrate_bps() const noexcept {
  if (count_ < 2) return std::nullopt;
  const int64_t span_us = newest_us_ - ring_[head_].arrival_us;
  if (span_us < kMinSpanUs) return std::nullopt;
  // The oldest packet's bytes arrived before the span began.
  const uint64_t bytes = bytes_ - ring_[head_].size;
  return static_cast<int64_t>(bytes * 8 * 1'000'000 / static_cast<uint64_t>(span_us));
}

std::optional<int64_t> AcknowledgedBitrate::recent_bps() const noexcept {
  if (count_ < 2) return std::nullopt;
  const int64_t from_us = newest_us_ - kRecentWindowUs;
  uint64_t bytes = 0;
  int64_t oldest_us = newest_us_;
  uint32_t oldest_size = 0;
  for (size_t i = 0; i < count_; ++i) {
    const Entry& entry = ring_[(head_ + i) % kCapacity];
    if (entry.arrival_us < from_us) continue;
    bytes += entry.size;
    if (entry.arrival_us <= oldest_us) {
      oldest_us = entry.arrival_us;
      oldest_size = entry.size;
    }
  }
  const int64_t span_us = newest_us_ - oldest_us;
  if (span_us < kRecentMinSpanUs) return std::nullopt;
  return static_cast<int64_t>((bytes - oldest_size) * 8 * 1'000'000 / static_cast<uint64_t>(span_us));
}

} // namespace plenum::media::bwe
