#include "media/bwe/trendline_estimator.hpp"

#include <algorithm>
#include <cmath>

namespace plenum::media::bwe {

void TrendlineEstimator::update(double send_delta_ms, double arrival_delta_ms, int64_t arrival_us) noexcept {
  const double delta = arrival_delta_ms - send_delta_ms;
  num_deltas_ = std::min<size_t>(num_deltas_ + 1, 1000);
  accumulated_ += delta;
  smoothed_ = kSmoothing * smoothed_ + (1 - kSmoothing) * accumulated_;
  if (first_arrival_us_ < 0) first_arrival_us_ = arrival_us;
  window_[head_] = Sample{static_cast<double>(arrival_us - first_arrival_us_) / 1000.0, smoothed_};
  head_ = (head_ + 1) % kWindow;
  count_ = std::min(count_ + 1, kWindow);
  double trend = previous_trend_;
  if (count_ == kWindow) trend = slope();
  detect(trend, send_delta_ms, arrival_us / 1000);
}

double TrendlineEstimator::slope() const noexcept {
  double sum_x = 0;
  double sum_y = 0;
  for (const auto& s : window_) {
    sum_x += s.x;
    sum_y += s.y;
  }
  const double mean_x = sum_x / static_cast<double>(count_);
  const double mean_y = sum_y / static_cast<double>(count_);
  double numerator = 0;
  double denominator = 0;
  for (const auto& s : window_) {
    numerator += (s.x - mean_x) * (s.y - mean_y);
    denominator += (s.x - mean_x) * (s.x - mean_x);
  }
  return denominator == 0 ? previous_trend_ : numerator / denominator;
}

void TrendlineEstimator::detect(double trend, double send_delta_ms, int64_t now_ms) noexcept {
  if (num_deltas_ < 2) {
    state_ = BandwidthUsage::normal;
    return;
  }
  modified_trend_ = std::min(static_cast<double>(num_deltas_), kMaxSamplesForGain) * trend * kGain;
  if (modified_trend_ > threshold_) {
    time_over_using_ms_ = time_over_using_ms_ < 0 ? send_delta_ms / 2 : time_over_using_ms_ + send_delta_ms;
    ++overuse_count_;
    if (time_over_using_ms_ > kOveruseTimeMs && overuse_count_ > 1 && trend >= previous_trend_) {
      time_over_using_ms_ = 0;
      overuse_count_ = 0;
      state_ = BandwidthUsage::overusing;
    }
  } else if (modified_trend_ < -threshold_) {
    time_over_using_ms_ = -1;
    overuse_count_ = 0;
    state_ = BandwidthUsage::underusing;
  } else {
    time_over_using_ms_ = -1;
    overuse_count_ = 0;
    state_ = BandwidthUsage::normal;
  }
  previous_trend_ = trend;
  update_threshold(modified_trend_, now_ms);
}

void TrendlineEstimator::update_threshold(double modified_trend, int64_t now_ms) noexcept {
  if (last_threshold_update_ms_ < 0) last_threshold_update_ms_ = now_ms;
  const double magnitude = std::fabs(modified_trend);
  // A spike far above the threshold (a one-off reordering or a route change) must not drag it up.
  constexpr double kMaxAdaptOffset = 15;
  if (magnitude > threshold_ + kMaxAdaptOffset) {
    last_threshold_update_ms_ = now_ms;
    return;
  }
  const double k = magnitude < threshold_ ? kThresholdDown : kThresholdUp;
  constexpr int64_t kMaxTimeDeltaMs = 100;
  const auto dt = static_cast<double>(std::min(now_ms - last_threshold_update_ms_, kMaxTimeDeltaMs));
  threshold_ += k * (magnitude - threshold_) * dt;
  threshold_ = std::clamp(threshold_, kMinThreshold, kMaxThreshold);
  last_threshold_update_ms_ = now_ms;
}

} // namespace plenum::media::bwe
