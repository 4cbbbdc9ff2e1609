#include "media/bwe/aimd_rate_control.hpp"

#include <algorithm>
#include <cmath>

namespace plenum::media::bwe {

AimdRateControl::AimdRateControl(const BweLimits& limits) noexcept
    : limits_(limits), estimate_(limits.initial_bps) {}

void AimdRateControl::set_estimate(int64_t bps, int64_t now_ms) noexcept {
  estimate_ = std::clamp(bps, limits_.min_bps, limits_.max_bps);
  last_update_ms_ = now_ms;
  last_set_ms_ = now_ms;
}

std::optional<double> AimdRateControl::link_capacity_bps() const noexcept {
  if (capacity_kbps_ < 0) return std::nullopt;
  return capacity_kbps_ * 1000;
}

void AimdRateControl::update_link_capacity(double acked_bps) noexcept {
  const double kbps = acked_bps / 1000;
  constexpr double kAlpha = 0.05;
  if (capacity_kbps_ < 0) {
    capacity_kbps_ = kbps;
  } else {
    capacity_kbps_ = (1 - kAlpha) * capacity_kbps_ + kAlpha * kbps;
  }
  const double norm = std::max(capacity_kbps_, 1.0);
  capacity_var_ =
      (1 - kAlpha) * capacity_var_ + kAlpha * (capacity_kbps_ - kbps) * (capacity_kbps_ - kbps) / norm;
  capacity_var_ = std::clamp(capacity_var_, 0.4, 2.5);
}

int64_t AimdRateControl::update(BandwidthUsage usage, std::optional<int64_t> acked_bps, int64_t rtt_ms,
                                int64_t now_ms, std::optional<int64_t> recent_bps) noexcept {
  if (last_update_ms_ < 0) last_update_ms_ = now_ms;
  const int64_t elapsed_ms = std::clamp<int64_t>(now_ms - last_update_ms_, 0, 1'000);
  last_update_ms_ = now_ms;

  switch (usage) {
    case BandwidthUsage::overusing:
      if (state_ != State::decrease) state_ = State::decrease;
      break;
    case BandwidthUsage::underusing: state_ = State::hold; break;
    case BandwidthUsage::normal:
      if (state_ == State::hold) state_ = State::increase;
      break;
  }

  switch (state_) {
    case State::hold: break;
    case State::increase: {
      const double acked = acked_bps ? static_cast<double>(*acked_bps) : 0;
      if (acked_bps && capacity_kbps_ >= 0) {
        // Far above the old capacity: the link changed, go back to multiplicative increase.
        const double sigma = std::sqrt(capacity_var_ * capacity_kbps_);
        if (acked / 1000 > capacity_kbps_ + 3 * sigma) capacity_kbps_ = -1;
      }
      const double seconds = static_cast<double>(elapsed_ms) / 1000.0;
      double increase = 0;
      if (capacity_kbps_ >= 0) {
        const double response_s = static_cast<double>(rtt_ms + 100) / 1000.0;
        increase = std::max(4'000.0, static_cast<double>(kPacketBits) / response_s) * seconds;
      } else {
        const double factor = std::pow(1 + kMultiplicativeIncreasePerSecond, seconds) - 1;
        increase = std::max(1'000.0 * seconds, static_cast<double>(estimate_) * factor);
      }
      auto next = static_cast<int64_t>(static_cast<double>(estimate_) + increase);
      if (acked_bps) {
        const int64_t cap = increase_cap(*acked_bps);
        if (next > cap) next = std::max(estimate_, cap);
      }
      estimate_ = next;
      break;
    }
    case State::decrease: {
      // At most once per RTT (clamped to 10-200 ms) unless the estimate is far above what gets
      // through: the queue needs that long to show the effect of the last decrease.
      const int64_t wait_ms = std::clamp<int64_t>(rtt_ms, 10, 200);
      const bool far_above = acked_bps && *acked_bps * 2 < estimate_;
      if (last_decrease_ms_ >= 0 && now_ms - last_decrease_ms_ < wait_ms && !far_above) break;
      std::optional<int64_t> through = acked_bps;
      if (recent_bps && (!through || *recent_bps > *through)) through = recent_bps;
      const double base = through ? static_cast<double>(*through) : static_cast<double>(estimate_);
      auto next = static_cast<int64_t>(kBeta * base);
      if (next > estimate_ && capacity_kbps_ >= 0) next = static_cast<int64_t>(kBeta * capacity_kbps_ * 1000);
      if (next < estimate_) estimate_ = next;
      if (acked_bps) update_link_capacity(static_cast<double>(*acked_bps));
      last_decrease_ms_ = now_ms;
      state_ = State::hold;
      break;
    }
  }
  // Application-limited for a while (little sent, nothing proven lately): come down towards
  // what the link was seen to carry.
  if (acked_bps && state_ != State::decrease && (last_set_ms_ < 0 || now_ms - last_set_ms_ >= kProbeHoldMs)) {
    const int64_t cap = increase_cap(*acked_bps);
    if (estimate_ > cap) {
      const double keep = std::exp2(-static_cast<double>(elapsed_ms) / static_cast<double>(kDecayHalfLifeMs));
      estimate_ = cap + static_cast<int64_t>(static_cast<double>(estimate_ - cap) * keep);
    }
  }
  estimate_ = std::clamp(estimate_, limits_.min_bps, limits_.max_bps);
  return estimate_;
}

} // namespace plenum::media::bwe
