#pragma once
// Sends one probe cluster at its target rate: every packet the transport sends while the
// cluster is active counts towards it (media and padding), and padding_due() says how many
// bytes of padding bring it up to the target rate by the next router tick. A cluster lasts
// 80 ms (four 20 ms ticks: small bursts, not one big one) and ends when its bytes are sent, or
// after 1 s when the router does not fill it.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/bwe/send_history.hpp"

namespace plenum::media::bwe {

struct ProbeCluster {
  int32_t id = kNoProbeCluster;
  int64_t target_bps = 0;
};

// A cluster that is sent and waits for feedback.
struct SentCluster {
  int32_t id = kNoProbeCluster;
  int64_t target_bps = 0;
  int64_t last_sequence = -1; // unwrapped transport-wide sequence number
  size_t packets = 0;
  int64_t done_ms = 0;
};

class ProbePacer {
 public:
  static constexpr int64_t kDurationMs = 80;
  static constexpr int64_t kAheadMs = 20; // one router tick of budget in advance
  static constexpr size_t kMinPackets = 5;
  static constexpr int64_t kMaxSendMs = 1'000;

  void start(const ProbeCluster& cluster, int64_t now_ms) noexcept;
  bool active() const noexcept { return cluster_.id != kNoProbeCluster; }
  int32_t active_id() const noexcept { return cluster_.id; }
  size_t padding_due(int64_t now_ms) const noexcept;
  // A packet of the active cluster was sent; returns the cluster once it is complete.
  std::optional<SentCluster> on_sent(int64_t sequence, uint32_t size, int64_t now_ms) noexcept;
  // Ends a cluster the router did not fill in time (with what was sent, if anything).
  std::optional<SentCluster> expire(int64_t now_ms) noexcept;

 private:
  int64_t total_bytes() const noexcept { return cluster_.target_bps * kDurationMs / 8'000; }
  SentCluster finish(int64_t now_ms) noexcept;

  ProbeCluster cluster_;
  int64_t start_ms_ = 0;
  int64_t bytes_sent_ = 0;
  size_t packets_ = 0;
  int64_t last_sequence_ = -1;
};

} // namespace plenum::media::bwe
