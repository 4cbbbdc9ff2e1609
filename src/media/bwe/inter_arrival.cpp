#include "media/bwe/inter_arrival.hpp"

#include <algorithm>

namespace plenum::media::bwe {

bool InterArrival::starts_group(int64_t send_us, int64_t arrival_us) const noexcept {
  const int64_t arrival_delta = arrival_us - current_.last_arrival_us;
  const int64_t send_delta = send_us - current_.last_send_us;
  const bool burst = arrival_delta <= kBurstDeltaUs && arrival_delta - send_delta < 0 &&
                     arrival_us - current_.first_arrival_us < kMaxBurstUs;
  if (burst) return false;
  return send_us - current_.first_send_us > kGroupLengthUs;
}

std::optional<GroupDelta> InterArrival::on_packet(int64_t send_us, int64_t arrival_us) noexcept {
  if (!current_.valid()) {
    current_ = Group{send_us, send_us, arrival_us, arrival_us};
    return std::nullopt;
  }
  if (send_us < current_.first_send_us) return std::nullopt; // reordered from an older group
  if (!starts_group(send_us, arrival_us)) {
    current_.last_send_us = std::max(current_.last_send_us, send_us);
    current_.last_arrival_us = std::max(current_.last_arrival_us, arrival_us);
    return std::nullopt;
  }
  std::optional<GroupDelta> out;
  if (previous_.valid()) {
    const int64_t arrival_delta = current_.last_arrival_us - previous_.last_arrival_us;
    const int64_t send_delta = current_.last_send_us - previous_.last_send_us;
    // Arrival going backwards means reordering across groups or a receiver clock jump: skip.
    if (arrival_delta >= 0) {
      out = GroupDelta{static_cast<double>(send_delta) / 1000.0, static_cast<double>(arrival_delta) / 1000.0,
                       current_.last_arrival_us};
    }
  }
  previous_ = current_;
  current_ = Group{send_us, send_us, arrival_us, arrival_us};
  return out;
}

} // namespace plenum::media::bwe
