#include "media/relay/relay_link.hpp"

#include <unistd.h>

#include <cstring>

namespace plenum::media::relay {

RelayLink::RelayLink(int wake_fd, uint32_t slots)
    : wake_fd_(wake_fd),
      slots_(slots),
      slab_(std::make_unique<Slot[]>(slots)), // NOLINT
      free_(slots),
      full_(slots) {
  for (uint32_t i = 0; i < slots; ++i) free_.push(i);
}

bool RelayLink::push(const RelayHeader& header, std::span<const uint8_t> packet) noexcept {
  uint32_t slot = 0;
  if (packet.size() > kRelaySlotBytes || !free_.pop(slot)) {
    counters_.dropped.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  Slot& s = slab_[slot];
  s.header = header;
  s.header.size = static_cast<uint16_t>(packet.size());
  std::memcpy(s.bytes.data(), packet.data(), packet.size());
  full_.push(slot); // cannot fail: there are as many indices as places in the queue
  pushed_ = true;
  counters_.relayed.fetch_add(1, std::memory_order_relaxed);
  return true;
}

bool RelayLink::wake_if_pushed() noexcept {
  if (!pushed_) return false;
  pushed_ = false;
  const uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wake_fd_, &one, sizeof one);
  return true;
}

} // namespace plenum::media::relay
