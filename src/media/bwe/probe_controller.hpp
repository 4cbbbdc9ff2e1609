#pragma once
// When to probe and how high (draft-ietf-rmcat-gcc-02 leaves this to the sender; the rules
// follow what libwebrtc does, in our own terms):
//  - at start: two clusters at 2x and 3x the initial estimate;
//  - while a probe succeeds (it measured at least 70 % of its target), the next one at twice
//    the measured rate ("exponential probing"), up to twice what the allocation wants (headroom
//    for its hysteresis and for layers whose rate varies) and the maximum;
//  - while the allocation wants more than the estimate (set_desired_bps), a probe at twice the
//    estimate after 1 s, starting the exponential series again; a rising desire probes at once
//    (at most one request per second). A probe that failed (the link is full) makes the next
//    one wait 1.5 x longer, up to 2 s: a full link is not probed endlessly, and a link that
//    recovers (a limit lifted) is still found within about 3 s. A large drop of the estimate
//    (below 66 % of the recent high) starts again at 1 s.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/bwe/bwe_limits.hpp"
#include "media/bwe/probe_pacer.hpp"

namespace plenum::media::bwe {

class ProbeController {
 public:
  static constexpr double kFurtherProbeFraction = 0.7;
  static constexpr int64_t kProbeIntervalMs = 1'000;
  static constexpr int64_t kMaxProbeIntervalMs = 2'000;
  static constexpr double kBackoffFactor = 1.5;
  static constexpr double kLargeDropFraction = 0.66;
  static constexpr int64_t kMinRequestGapMs = 1'000;
  static constexpr int64_t kResultTimeoutMs = 3'000;
  static constexpr size_t kMaxPending = 4;

  explicit ProbeController(const BweLimits& limits) noexcept : limits_(limits) {}

  // The first packet is about to go out.
  void start(int64_t now_ms) noexcept;
  bool started() const noexcept { return started_; }
  void set_desired(int64_t bps, int64_t estimate_bps, int64_t now_ms) noexcept;
  void on_estimate(int64_t estimate_bps, int64_t now_ms) noexcept;
  // How long after the last request the next periodic probe goes out (with the backoff).
  int64_t probe_interval_ms() const noexcept;
  int failed_probes() const noexcept { return failures_; }
  // A cluster's outcome: its bitrate, or nullopt if it measured nothing usable.
  void on_result(int32_t cluster, std::optional<int64_t> bps, int64_t estimate_bps, int64_t now_ms) noexcept;
  void process(int64_t estimate_bps, int64_t now_ms) noexcept;
  // The next cluster to send, if any.
  std::optional<ProbeCluster> next_cluster() noexcept;

 private:
  int64_t cap() const noexcept;
  void request(int64_t target_bps, int64_t now_ms) noexcept;

  BweLimits limits_;
  bool started_ = false;
  int64_t desired_bps_ = 0;
  int32_t next_id_ = 0;
  std::array<ProbeCluster, kMaxPending> pending_{};
  size_t pending_count_ = 0;
  int32_t waiting_id_ = kNoProbeCluster; // the cluster whose result decides on the next one
  int64_t waiting_target_bps_ = 0;
  int64_t last_request_ms_ = -1;
  int64_t high_estimate_bps_ = 0; // recent highest estimate, decays
  int64_t high_estimate_ms_ = 0;
  int failures_ = 0; // probes in a row that measured less than 70 % of their target
};

} // namespace plenum::media::bwe
