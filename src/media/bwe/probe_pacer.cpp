#include "media/bwe/probe_pacer.hpp"

#include <algorithm>

namespace plenum::media::bwe {

void ProbePacer::start(const ProbeCluster& cluster, int64_t now_ms) noexcept {
  cluster_ = cluster;
  start_ms_ = now_ms;
  bytes_sent_ = 0;
  packets_ = 0;
  last_sequence_ = -1;
}

size_t ProbePacer::padding_due(int64_t now_ms) const noexcept {
  if (!active()) return 0;
  const int64_t elapsed = std::clamp<int64_t>(now_ms - start_ms_ + kAheadMs, 0, kDurationMs);
  const int64_t due = std::min(cluster_.target_bps * elapsed / 8'000, total_bytes()) - bytes_sent_;
  return due > 0 ? static_cast<size_t>(due) : 0;
}

SentCluster ProbePacer::finish(int64_t now_ms) noexcept {
  SentCluster done{cluster_.id, cluster_.target_bps, last_sequence_, packets_, now_ms};
  cluster_ = ProbeCluster{};
  return done;
}

std::optional<SentCluster> ProbePacer::on_sent(int64_t sequence, uint32_t size, int64_t now_ms) noexcept {
  if (!active()) return std::nullopt;
  bytes_sent_ += size;
  ++packets_;
  last_sequence_ = std::max(last_sequence_, sequence);
  if (bytes_sent_ >= total_bytes() && (packets_ >= kMinPackets || now_ms - start_ms_ >= kDurationMs))
    return finish(now_ms);
  return std::nullopt;
}

std::optional<SentCluster> ProbePacer::expire(int64_t now_ms) noexcept {
  if (!active()) return std::nullopt;
  const bool filled = bytes_sent_ >= total_bytes() && now_ms - start_ms_ >= kDurationMs;
  if (!filled && now_ms - start_ms_ < kMaxSendMs) return std::nullopt;
  return finish(now_ms);
}

} // namespace plenum::media::bwe
