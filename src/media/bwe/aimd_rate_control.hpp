#pragma once
// Delay-based rate control (draft-ietf-rmcat-gcc-02 section 5.5): additive/multiplicative
// increase while the detector says normal, hold on underuse, and on overuse a decrease to 0.85
// of the acknowledged bitrate (what actually got through; the higher of the last 500 ms and
// the last 250 ms, so a key frame after a quiet moment does not take the estimate far below the
// link). Far from the last known link capacity it grows 8 % per second; near it, by about one
// packet per response time (RTT + 100 ms). It never grows beyond 1.5 x the acknowledged bitrate + 10 kbit/s,
// so an application-limited sender does not inflate it; a probe result (set_estimate) may lift it above that,
// and holds for kProbeHoldMs; after that an estimate above the cap comes down to it (half the gap per
// kDecayHalfLifeMs): what was proven seconds ago while little was sent says little about the link now, and a
// link that shrank meanwhile is then found at once.

#include <cstdint>
#include <optional>

#include "media/bwe/bwe_limits.hpp"
#include "media/bwe/trendline_estimator.hpp"

namespace plenum::media::bwe {

class AimdRateControl {
 public:
  static constexpr double kBeta = 0.85;
  static constexpr double kMultiplicativeIncreasePerSecond = 0.08;
  static constexpr int64_t kPacketBits = int64_t{1'200} * 8;
  static constexpr int64_t kProbeHoldMs = 3'000;
  static constexpr int64_t kDecayHalfLifeMs = 1'000;
  static constexpr int64_t kCapAllowanceBps = 10'000;

  // The most the estimate grows to without a probe: 1.5 x acknowledged + 10 kbit/s.
  static int64_t increase_cap(int64_t acked_bps) noexcept { return acked_bps * 3 / 2 + kCapAllowanceBps; }

  explicit AimdRateControl(const BweLimits& limits) noexcept;

  // Probe results (and REMB in fallback) set the estimate directly.
  void set_estimate(int64_t bps, int64_t now_ms) noexcept;
  // One feedback's outcome; returns the new estimate. `recent_bps`: the acknowledged bitrate of
  // the last 250 ms, the base of a decrease when it is higher (see AcknowledgedBitrate).
  int64_t update(BandwidthUsage usage, std::optional<int64_t> acked_bps, int64_t rtt_ms, int64_t now_ms,
                 std::optional<int64_t> recent_bps = std::nullopt) noexcept;
  int64_t estimate() const noexcept { return estimate_; }
  // The average acknowledged bitrate at overuse (the link capacity), if known.
  std::optional<double> link_capacity_bps() const noexcept;

 private:
  enum class State : uint8_t { hold, increase, decrease };
  void update_link_capacity(double acked_bps) noexcept;

  BweLimits limits_;
  int64_t estimate_;
  State state_ = State::hold;
  int64_t last_update_ms_ = -1;
  int64_t last_decrease_ms_ = -1;
  int64_t last_set_ms_ = -1;  // the last probe result (or REMB) that set the estimate
  double capacity_kbps_ = -1; // exponential average of the acknowledged bitrate at overuse
  double capacity_var_ = 0.4; // its normalised variance
};

} // namespace plenum::media::bwe
