#include "media/bwe/send_history.hpp"

#include "media/stream/seq_unwrap.hpp"

namespace plenum::media::bwe {
namespace {
// Start far from 0 so sequence numbers "before" the first one still unwrap to positive values.
constexpr int64_t kFirstCycle = int64_t{1} << 20;
} // namespace

int64_t SendHistory::add(uint16_t sequence, int64_t send_ms, uint32_t size, int32_t probe_cluster) noexcept {
  const int64_t unwrapped = newest_ < 0 ? kFirstCycle + sequence : stream::unwrap_seq(sequence, newest_);
  if (unwrapped > newest_) newest_ = unwrapped;
  auto& slot = ring_[static_cast<size_t>(unwrapped) % kCapacity];
  slot = SentPacket{unwrapped, send_ms, size, probe_cluster, false, false};
  return unwrapped;
}

int64_t SendHistory::unwrap(uint16_t sequence) const noexcept {
  return newest_ < 0 ? -1 : stream::unwrap_seq(sequence, newest_);
}

SentPacket* SendHistory::find(int64_t sequence) noexcept {
  if (sequence < 0) return nullptr;
  auto& slot = ring_[static_cast<size_t>(sequence) % kCapacity];
  return slot.sequence == sequence ? &slot : nullptr;
}

} // namespace plenum::media::bwe
