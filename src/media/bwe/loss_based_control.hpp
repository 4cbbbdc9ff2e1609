#pragma once
// Loss-based bound (draft-ietf-rmcat-gcc-02 section 6, with what libwebrtc learned since), from
// the fraction of packets the receiver reported lost over at least 20 packets:
//  - above 10 % loss (over at least 60 packets: in 20, 3 lost happen by chance in 1 window of 13
//    at 5 % random loss) the bound becomes (1 - 0.5 x loss) x what was allowed (the bound or the
//    target, at most once per 300 ms + RTT), as in the draft. A sender below that
//    (application-limited: a thumbnail, a paused video) learns nothing about the link's capacity
//    from its loss, so what a probe found is not thrown away. It never goes below what got
//    through (the acknowledged bitrate) less the same share, nor below what was delivered at low
//    loss in the last kDeliveredMemoryMs: a bottleneck with a short drop-tail queue loses packets
//    whenever the sender overshoots, and decreases compounding on each other would take the
//    bound to the minimum while the link still delivers its full rate;
//  - below 2 % it grows 8 % per second, and is at least 1.5 x acknowledged + 10 kbit/s (the
//    delay-based cap: at low loss the loss-based bound does not hold the target down);
//  - in between it holds.
// Random loss of a few percent therefore does not lower the target by itself; the delay-based
// estimate stays in charge.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/bwe/bwe_limits.hpp"

namespace plenum::media::bwe {

class LossBasedControl {
 public:
  static constexpr double kHighLoss = 0.10;
  static constexpr double kLowLoss = 0.02;
  static constexpr size_t kMinPackets = 20;
  static constexpr size_t kMinPacketsToDecrease = 60;
  static constexpr int64_t kMinDecreaseIntervalMs = 300;
  static constexpr int64_t kDeliveredMemoryMs = 5'000;

  explicit LossBasedControl(const BweLimits& limits) noexcept : limits_(limits), bound_(limits.max_bps) {}

  // One feedback's packets; `acked_bps`: the acknowledged bitrate after it (if measured).
  void on_feedback(size_t received, size_t lost, std::optional<int64_t> acked_bps, int64_t target_bps,
                   int64_t rtt_ms, int64_t now_ms) noexcept;
  // A probe proved this much gets through.
  void on_probe(int64_t bps) noexcept;
  int64_t bound_bps() const noexcept { return bound_; }
  double last_loss() const noexcept { return last_loss_; }
  // The most delivered at low loss recently (0: nothing known).
  int64_t delivered_bps(int64_t now_ms) const noexcept;

 private:
  void remember_delivered(int64_t bps, int64_t now_ms) noexcept;

  BweLimits limits_;
  int64_t bound_;
  size_t received_ = 0;
  size_t lost_ = 0;
  double last_loss_ = 0;
  int64_t last_eval_ms_ = -1;
  int64_t last_decrease_ms_ = -1;
  int64_t delivered_bps_ = 0;
  int64_t delivered_ms_ = -1;
};

} // namespace plenum::media::bwe
