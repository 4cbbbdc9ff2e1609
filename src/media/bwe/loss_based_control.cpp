#include "media/bwe/loss_based_control.hpp"

#include <algorithm>
#include <cmath>

namespace plenum::media::bwe {

int64_t LossBasedControl::delivered_bps(int64_t now_ms) const noexcept {
  if (delivered_ms_ < 0 || now_ms - delivered_ms_ > kDeliveredMemoryMs) return 0;
  return delivered_bps_;
}

void LossBasedControl::remember_delivered(int64_t bps, int64_t now_ms) noexcept {
  // The highest value of the last few seconds; an older one gives way to any newer one.
  if (bps >= delivered_bps(now_ms)) {
    delivered_bps_ = bps;
    delivered_ms_ = now_ms;
  }
}

void LossBasedControl::on_feedback(size_t received, size_t lost, std::optional<int64_t> acked_bps,
                                   int64_t target_bps, int64_t rtt_ms, int64_t now_ms) noexcept {
  received_ += received;
  lost_ += lost;
  const size_t packets = received_ + lost_;
  if (packets < kMinPackets) return;
  const double loss = static_cast<double>(lost_) / static_cast<double>(packets);
  // High loss in a short window is often chance (3 of 20 at 5 % random loss: 1 window in 13):
  // a decrease waits for a window long enough to tell.
  if (loss > kHighLoss && packets < kMinPacketsToDecrease) return;
  received_ = 0;
  lost_ = 0;
  last_loss_ = loss;
  const int64_t elapsed_ms = last_eval_ms_ < 0 ? 0 : std::clamp<int64_t>(now_ms - last_eval_ms_, 0, 1'000);
  last_eval_ms_ = now_ms;
  if (loss > kHighLoss) {
    if (last_decrease_ms_ >= 0 && now_ms - last_decrease_ms_ < kMinDecreaseIntervalMs + rtt_ms) return;
    // Less a share of what was lost, from what was allowed (a sender below it, application-
    // limited, learns nothing about the link's capacity from loss), but not below what got
    // through less that share nor what was delivered at low loss lately.
    const double factor = 1 - 0.5 * loss;
    const auto from_allowed =
        static_cast<int64_t>(static_cast<double>(std::min(bound_, target_bps)) * factor);
    const auto from_acked = acked_bps ? static_cast<int64_t>(static_cast<double>(*acked_bps) * factor) : 0;
    bound_ = std::max({from_allowed, from_acked, delivered_bps(now_ms)});
    last_decrease_ms_ = now_ms;
  } else if (loss < kLowLoss) {
    if (acked_bps) remember_delivered(*acked_bps, now_ms);
    const double factor = std::pow(1.08, static_cast<double>(elapsed_ms) / 1000.0);
    bound_ = static_cast<int64_t>(static_cast<double>(bound_) * factor) + 1'000 * elapsed_ms / 1000;
    if (acked_bps) bound_ = std::max(bound_, *acked_bps * 3 / 2 + 10'000);
  }
  bound_ = std::clamp(bound_, limits_.min_bps, limits_.max_bps);
}

void LossBasedControl::on_probe(int64_t bps) noexcept {
  bound_ = std::clamp(std::max(bound_, bps), limits_.min_bps, limits_.max_bps);
}

} // namespace plenum::media::bwe
