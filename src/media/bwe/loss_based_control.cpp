#include "media/bwe/loss_based_control.hpp"

#include <algorithm>
#include <cmath>

namespace plenum::media::bwe {

void LossBasedControl::on_feedback(size_t received, size_t lost, int64_t target_bps, int64_t rtt_ms,
                                   int64_t now_ms) noexcept {
  received_ += received;
  lost_ += lost;
  if (received_ + lost_ < kMinPackets) return;
  const double loss = static_cast<double>(lost_) / static_cast<double>(received_ + lost_);
  received_ = 0;
  lost_ = 0;
  last_loss_ = loss;
  const int64_t elapsed_ms = last_eval_ms_ < 0 ? 0 : std::clamp<int64_t>(now_ms - last_eval_ms_, 0, 1'000);
  last_eval_ms_ = now_ms;
  if (loss > kHighLoss) {
    if (last_decrease_ms_ >= 0 && now_ms - last_decrease_ms_ < kMinDecreaseIntervalMs + rtt_ms) return;
    const double from = static_cast<double>(std::min(bound_, target_bps));
    bound_ = static_cast<int64_t>(from * (1 - 0.5 * loss));
    last_decrease_ms_ = now_ms;
  } else if (loss < kLowLoss) {
    const double factor = std::pow(1.08, static_cast<double>(elapsed_ms) / 1000.0);
    bound_ = static_cast<int64_t>(static_cast<double>(bound_) * factor) + 1'000 * elapsed_ms / 1000;
  }
  bound_ = std::clamp(bound_, limits_.min_bps, limits_.max_bps);
}

void LossBasedControl::on_probe(int64_t bps) noexcept {
  bound_ = std::clamp(std::max(bound_, bps), limits_.min_bps, limits_.max_bps);
}

} // namespace plenum::media::bwe
