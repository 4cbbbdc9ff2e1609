#include "media/bwe/probe_bitrate_estimator.hpp"

#include <algorithm>

namespace plenum::media::bwe {

void ProbeBitrateEstimator::on_packet(int32_t cluster, int64_t send_ms, int64_t arrival_us,
                                      uint32_t size) noexcept {
  if (cluster < 0) return;
  auto& s = slots_[static_cast<size_t>(cluster) % kSlots];
  if (s.cluster != cluster) s = Stats{cluster, 0, send_ms, send_ms, 0, 0, arrival_us, arrival_us, size, 0};
  ++s.received;
  s.bytes_received += size;
  if (s.received == 1) {
    s.bytes_at_last_send = size;
    return;
  }
  if (send_ms > s.last_send_ms) {
    s.bytes_before_last_send += s.bytes_at_last_send;
    s.bytes_at_last_send = size;
    s.last_send_ms = send_ms;
  } else if (send_ms == s.last_send_ms) {
    s.bytes_at_last_send += size;
  } else {
    s.bytes_before_last_send += size;
    s.first_send_ms = std::min(s.first_send_ms, send_ms);
  }
  if (arrival_us < s.first_arrival_us) {
    s.first_arrival_us = arrival_us;
    s.first_arrival_size = size;
  }
  s.last_arrival_us = std::max(s.last_arrival_us, arrival_us);
}

std::optional<int64_t> ProbeBitrateEstimator::take(int32_t cluster, size_t sent_packets) noexcept {
  if (cluster < 0) return std::nullopt;
  auto& s = slots_[static_cast<size_t>(cluster) % kSlots];
  if (s.cluster != cluster) return std::nullopt;
  const Stats stats = s;
  s = Stats{};
  if (stats.received < kMinReceived || stats.received * 2 < sent_packets) return std::nullopt;
  const int64_t send_ms = stats.last_send_ms - stats.first_send_ms;
  const int64_t receive_us = stats.last_arrival_us - stats.first_arrival_us;
  constexpr int64_t kMaxIntervalMs = 1'000;
  if (send_ms <= 0 || send_ms > kMaxIntervalMs || receive_us <= 0 || receive_us > kMaxIntervalMs * 1000)
    return std::nullopt;
  const double send_bps =
      static_cast<double>(stats.bytes_before_last_send) * 8'000.0 / static_cast<double>(send_ms);
  const double receive_bps = static_cast<double>(stats.bytes_received - stats.first_arrival_size) *
                             8'000'000.0 / static_cast<double>(receive_us);
  if (receive_bps > kMaxReceiveToSendRatio * send_bps) return std::nullopt;
  double result = std::min(send_bps, receive_bps);
  if (receive_bps < kSaturatedRatio * send_bps) result = kSaturatedFraction * receive_bps;
  return static_cast<int64_t>(result);
}

} // namespace plenum::media::bwe
