#pragma once
// Delay-based rate control (draft-ietf-rmcat-gcc-02 section 5.5): additive/multiplicative
// increase while the detector says normal, hold on underuse, and on overuse a decrease to 0.85
// of the acknowledged bitrate (what actually got through). Far from the last known link
// capacity it grows 8 % per second; near it, by about one packet per response time (RTT +
// 100 ms). It never grows beyond 1.5 x the acknowledged bitrate, so an application-limited
// sender does not inflate it.

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

  explicit AimdRateControl(const BweLimits& limits) noexcept;

  // Probe results (and REMB in fallback) set the estimate directly.
  void set_estimate(int64_t bps, int64_t now_ms) noexcept;
  // One feedback's outcome; returns the new estimate.
  int64_t update(BandwidthUsage usage, std::optional<int64_t> acked_bps, int64_t rtt_ms,
                 int64_t now_ms) noexcept;
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
  double capacity_kbps_ = -1; // exponential average of the acknowledged bitrate at overuse
  double capacity_var_ = 0.4; // its normalised variance
};

} // namespace plenum::media::bwe
