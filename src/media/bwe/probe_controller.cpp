#include "media/bwe/probe_controller.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plenum::media::bwe {

int64_t ProbeController::cap() const noexcept {
  return desired_bps_ > 0 ? std::min(2 * desired_bps_, limits_.max_bps) : limits_.max_bps;
}

int64_t ProbeController::probe_interval_ms() const noexcept {
  const double backoff = std::pow(kBackoffFactor, std::min(failures_, 8));
  return std::min(kMaxProbeIntervalMs, static_cast<int64_t>(static_cast<double>(kProbeIntervalMs) * backoff));
}

void ProbeController::request(int64_t target_bps, int64_t now_ms) noexcept {
  target_bps = std::min(target_bps, limits_.max_bps);
  if (target_bps <= 0 || pending_count_ == kMaxPending) return;
  const ProbeCluster cluster{next_id_, target_bps};
  next_id_ = next_id_ == std::numeric_limits<int32_t>::max() ? 0 : next_id_ + 1;
  pending_[pending_count_++] = cluster;
  waiting_id_ = cluster.id;
  waiting_target_bps_ = target_bps;
  last_request_ms_ = now_ms;
}

void ProbeController::start(int64_t now_ms) noexcept {
  if (started_) return;
  started_ = true;
  request(2 * limits_.initial_bps, now_ms);
  request(3 * limits_.initial_bps, now_ms);
}

void ProbeController::set_desired(int64_t bps, int64_t estimate_bps, int64_t now_ms) noexcept {
  const int64_t previous = desired_bps_;
  desired_bps_ = std::max<int64_t>(bps, 0);
  if (!started_ || waiting_id_ != kNoProbeCluster || desired_bps_ <= previous) return;
  if (desired_bps_ > estimate_bps * 11 / 10 && now_ms - last_request_ms_ >= kMinRequestGapMs)
    request(std::min(cap(), 2 * estimate_bps), now_ms);
}

void ProbeController::on_estimate(int64_t estimate_bps, int64_t now_ms) noexcept {
  // The highest estimate of the last few seconds; a fall below 66 % of it is a large drop.
  constexpr int64_t kHighMemoryMs = 5'000;
  if (estimate_bps >= high_estimate_bps_ || now_ms - high_estimate_ms_ > kHighMemoryMs) {
    high_estimate_bps_ = estimate_bps;
    high_estimate_ms_ = now_ms;
  }
  if (static_cast<double>(estimate_bps) < kLargeDropFraction * static_cast<double>(high_estimate_bps_)) {
    failures_ = 0;
    high_estimate_bps_ = estimate_bps;
    high_estimate_ms_ = now_ms;
  }
}

void ProbeController::on_result(int32_t cluster, std::optional<int64_t> bps, int64_t estimate_bps,
                                int64_t now_ms) noexcept {
  if (cluster != waiting_id_) return;
  waiting_id_ = kNoProbeCluster;
  if (!bps || static_cast<double>(*bps) < kFurtherProbeFraction * static_cast<double>(waiting_target_bps_)) {
    ++failures_;
    return;
  }
  failures_ = 0;
  const int64_t base = std::max(*bps, estimate_bps);
  const int64_t next = std::min(cap(), 2 * base);
  // Only worth it when it asks for clearly more than what is already known.
  if (next > base * 11 / 10) request(next, now_ms);
}

void ProbeController::process(int64_t estimate_bps, int64_t now_ms) noexcept {
  if (!started_) return;
  if (waiting_id_ != kNoProbeCluster) {
    if (now_ms - last_request_ms_ < kResultTimeoutMs) return;
    waiting_id_ = kNoProbeCluster; // lost or never sent
  }
  if (pending_count_ > 0 || desired_bps_ <= estimate_bps * 11 / 10) return;
  if (now_ms - last_request_ms_ < probe_interval_ms()) return;
  request(std::min(cap(), 2 * estimate_bps), now_ms);
}

std::optional<ProbeCluster> ProbeController::next_cluster() noexcept {
  if (pending_count_ == 0) return std::nullopt;
  const ProbeCluster first = pending_[0];
  for (size_t i = 1; i < pending_count_; ++i) pending_[i - 1] = pending_[i];
  --pending_count_;
  return first;
}

} // namespace plenum::media::bwe
