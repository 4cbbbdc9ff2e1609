#include "media/stream/retransmission_buffer.hpp"

#include <algorithm>
#include <bit>

#include "media/stream/seq_unwrap.hpp"

namespace plenum::media::stream {

RetransmissionBuffer::RetransmissionBuffer(size_t capacity, int64_t max_age_ms)
    : slots_(std::bit_ceil(std::clamp<size_t>(capacity, 1, kRtxMaxCapacity))),
      storage_(std::make_unique_for_overwrite<uint8_t[]>(slots_.size() * kRtxMaxPacketSize)),
      mask_(slots_.size() - 1),
      max_age_ms_(max_age_ms) {}

bool RetransmissionBuffer::store(uint16_t seq, std::span<const uint8_t> packet, int64_t now_ms) noexcept {
  // The first packet starts in cycle 1 so that reordered predecessors stay non-negative.
  const int64_t ext = highest_ < 0 ? int64_t{65536} + seq : unwrap_seq(seq, highest_);
  if (highest_ >= 0 && ext <= highest_ - static_cast<int64_t>(slots_.size())) return false;
  highest_ = std::max(highest_, ext);
  Slot& slot = slots_[static_cast<size_t>(ext) & mask_];
  if (packet.size() > kRtxMaxPacketSize) {
    slot.ext_seq = -1; // whatever the slot held is older than the window now
    return false;
  }
  slot.ext_seq = ext;
  slot.stored_ms = now_ms;
  slot.resent_ms = kNever;
  slot.size = static_cast<uint16_t>(packet.size());
  std::copy(packet.begin(), packet.end(), storage_.get() + offset_of(slot));
  return true;
}

std::optional<std::span<const uint8_t>> RetransmissionBuffer::find(uint16_t seq,
                                                                   int64_t now_ms) const noexcept {
  const Slot* slot = lookup(seq, now_ms);
  if (slot == nullptr) return std::nullopt;
  return bytes_of(*slot);
}

ResendResult RetransmissionBuffer::resend(uint16_t seq, int64_t now_ms, int64_t min_interval_ms) noexcept {
  const Slot* found = lookup(seq, now_ms);
  if (found == nullptr) return {};
  Slot& slot = slots_[static_cast<size_t>(found - slots_.data())];
  if (slot.resent_ms != kNever && now_ms - slot.resent_ms < min_interval_ms) {
    return {ResendStatus::throttled, {}};
  }
  slot.resent_ms = now_ms;
  return {ResendStatus::ok, bytes_of(slot)};
}

void RetransmissionBuffer::clear() noexcept {
  for (Slot& slot : slots_) slot = Slot{};
  highest_ = -1;
}

const RetransmissionBuffer::Slot* RetransmissionBuffer::lookup(uint16_t seq, int64_t now_ms) const noexcept {
  if (highest_ < 0) return nullptr;
  const int64_t ext = unwrap_seq(seq, highest_);
  if (ext < 0) return nullptr;
  const Slot& slot = slots_[static_cast<size_t>(ext) & mask_];
  if (slot.ext_seq != ext || now_ms - slot.stored_ms > max_age_ms_) return nullptr;
  return &slot;
}

size_t RetransmissionBuffer::offset_of(const Slot& slot) const noexcept {
  return static_cast<size_t>(&slot - slots_.data()) * kRtxMaxPacketSize;
}

std::span<const uint8_t> RetransmissionBuffer::bytes_of(const Slot& slot) const noexcept {
  return {storage_.get() + offset_of(slot), slot.size};
}

} // namespace plenum::media::stream
