#pragma once
// Overuse detection from one-way delay variation (draft-ietf-rmcat-gcc-02 sections 5.3-5.4, in
// the trendline form libwebrtc uses instead of the draft's Kalman filter): the accumulated
// delay variation of packet groups is smoothed, the slope of a least-squares line over the last
// 20 groups is the delay trend, and the trend (scaled by the number of samples) is compared with
// an adaptive threshold. The threshold follows the trend slowly (up) or faster (down), so a
// concurrent TCP flow does not starve us and a noisy link does not trigger on every wiggle.

#include <array>
#include <cstddef>
#include <cstdint>

namespace plenum::media::bwe {

enum class BandwidthUsage : uint8_t { normal, underusing, overusing };

class TrendlineEstimator {
 public:
  static constexpr size_t kWindow = 20;
  static constexpr double kSmoothing = 0.9;
  static constexpr double kGain = 4.0;
  static constexpr double kMaxSamplesForGain = 60;
  static constexpr double kInitialThreshold = 12.5;
  static constexpr double kMinThreshold = 6;
  static constexpr double kMaxThreshold = 600;
  static constexpr double kThresholdUp = 0.0087;  // per ms, when the trend is above
  static constexpr double kThresholdDown = 0.039; // per ms, when it is below
  static constexpr double kOveruseTimeMs = 10;    // the trend must stay high this long

  void update(double send_delta_ms, double arrival_delta_ms, int64_t arrival_us) noexcept;
  BandwidthUsage state() const noexcept { return state_; }
  double modified_trend() const noexcept { return modified_trend_; }
  double threshold() const noexcept { return threshold_; }

 private:
  void detect(double trend, double send_delta_ms, int64_t now_ms) noexcept;
  void update_threshold(double modified_trend, int64_t now_ms) noexcept;
  double slope() const noexcept;

  struct Sample {
    double x = 0; // arrival time since the first sample, ms
    double y = 0; // smoothed accumulated delay, ms
  };
  std::array<Sample, kWindow> window_{};
  size_t count_ = 0;
  size_t head_ = 0;
  int64_t first_arrival_us_ = -1;
  size_t num_deltas_ = 0;
  double accumulated_ = 0;
  double smoothed_ = 0;
  double previous_trend_ = 0;
  double modified_trend_ = 0;
  double threshold_ = kInitialThreshold;
  int64_t last_threshold_update_ms_ = -1;
  double time_over_using_ms_ = -1;
  int overuse_count_ = 0;
  BandwidthUsage state_ = BandwidthUsage::normal;
};

} // namespace plenum::media::bwe
