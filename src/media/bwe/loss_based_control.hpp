#pragma once
// Loss-based bound (draft-ietf-rmcat-gcc-02 section 6): from the fraction of packets the
// receiver reported lost over at least 20 packets: above 10 % the bound drops to
// (1 - 0.5 x loss) of the current target (at most once per 300 ms + RTT); below 2 % it may grow
// 8 % per second; in between it holds. Random loss of a few percent therefore never lowers the
// target by itself; the delay-based estimate stays in charge.

#include <cstddef>
#include <cstdint>

#include "media/bwe/bwe_limits.hpp"

namespace plenum::media::bwe {

class LossBasedControl {
 public:
  static constexpr double kHighLoss = 0.10;
  static constexpr double kLowLoss = 0.02;
  static constexpr size_t kMinPackets = 20;
  static constexpr int64_t kMinDecreaseIntervalMs = 300;

  explicit LossBasedControl(const BweLimits& limits) noexcept : limits_(limits), bound_(limits.max_bps) {}

  void on_feedback(size_t received, size_t lost, int64_t target_bps, int64_t rtt_ms, int64_t now_ms) noexcept;
  // A probe proved this much gets through.
  void on_probe(int64_t bps) noexcept;
  int64_t bound_bps() const noexcept { return bound_; }
  double last_loss() const noexcept { return last_loss_; }

 private:
  BweLimits limits_;
  int64_t bound_;
  size_t received_ = 0;
  size_t lost_ = 0;
  double last_loss_ = 0;
  int64_t last_eval_ms_ = -1;
  int64_t last_decrease_ms_ = -1;
};

} // namespace plenum::media::bwe
