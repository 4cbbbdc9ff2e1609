#pragma once
// Send-side bandwidth estimation for one transport (issue 7), in the spirit of Google
// Congestion Control (draft-ietf-rmcat-gcc-02): the transport records every packet it sends
// with a transport-wide sequence number; transport-wide CC feedback
// (draft-holmer-rmcat-transport-wide-cc-extensions-01) then gives per packet whether and when it
// arrived. From that:
//  - delay-based: packet groups -> delay variation -> trendline -> overuse detector -> AIMD
//    rate control on the acknowledged bitrate;
//  - loss-based: an upper bound from the reported loss fraction;
//  - probing: clusters of padding at a target rate, measured on arrival, to find headroom.
// target_bps() = min(delay-based, loss-based) within BweLimits. A peer that sends REMB and no
// transport-wide feedback gets the REMB value instead. No I/O, no clock, no allocation: the
// caller passes the time (ms, one monotonic clock for all calls).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/bwe/acknowledged_bitrate.hpp"
#include "media/bwe/aimd_rate_control.hpp"
#include "media/bwe/bwe_limits.hpp"
#include "media/bwe/inter_arrival.hpp"
#include "media/bwe/loss_based_control.hpp"
#include "media/bwe/probe_bitrate_estimator.hpp"
#include "media/bwe/probe_controller.hpp"
#include "media/bwe/probe_pacer.hpp"
#include "media/bwe/send_history.hpp"
#include "media/bwe/trendline_estimator.hpp"
#include "media/rtcp.hpp"

namespace plenum::media::bwe {

// Padding the router should send now, marked with this cluster (send_rtp's probe_cluster).
struct PaddingDue {
  size_t bytes = 0;
  int32_t cluster = kNoProbeCluster;
};

struct BweCounters {
  uint64_t feedback_received = 0;
  uint64_t feedback_malformed = 0; // undecodable or too many statuses: ignored
  uint64_t packets_acked = 0;
  uint64_t packets_lost = 0;
  uint64_t packets_unknown = 0; // reported but not in the send history (too old or never sent)
  uint64_t probe_clusters = 0;
  uint64_t probe_results = 0; // clusters that measured a usable bitrate
  uint64_t remb_received = 0;
};

class BandwidthEstimator {
 public:
  // Feedback older than this (no transport-wide feedback at all): REMB drives the target.
  static constexpr int64_t kFeedbackTimeoutMs = 5'000;
  // More statuses in one feedback than the send history holds cannot be matched anyway.
  static constexpr size_t kMaxFeedbackPackets = SendHistory::kCapacity;
  static constexpr int64_t kInitialRttMs = 200;

  explicit BandwidthEstimator(BweLimits limits = {}) noexcept;

  // Every RTP packet sent with a transport-wide sequence number; `size` in bytes on the wire.
  // `probe_cluster`: the cluster of a padding packet from padding_bytes_due(); media sent while
  // a cluster is active counts towards it by itself.
  void on_packet_sent(uint16_t sequence, size_t size, int64_t now_ms,
                      int32_t probe_cluster = kNoProbeCluster) noexcept;
  void on_transport_feedback(const TransportCc& feedback, int64_t now_ms) noexcept;
  void on_remb(uint64_t bps, int64_t now_ms) noexcept;
  // What the allocation would like to send (drives probing); 0: unknown.
  void set_desired_bps(int64_t bps, int64_t now_ms = 0) noexcept;
  // Call every tick (and after sending): the probe padding due now, sent in small bursts.
  PaddingDue padding_bytes_due(int64_t now_ms) noexcept;

  int64_t target_bps() const noexcept { return target_bps_; }
  const BweLimits& limits() const noexcept { return limits_; }
  const BweCounters& counters() const noexcept { return counters_; }
  int64_t rtt_ms() const noexcept { return rtt_ms_; }
  std::optional<int64_t> acknowledged_bps() const noexcept { return acked_.bitrate_bps(); }
  BandwidthUsage usage() const noexcept { return trendline_.state(); }
  int64_t delay_based_bps() const noexcept { return aimd_.estimate(); }
  int64_t loss_based_bps() const noexcept { return loss_.bound_bps(); }
  bool probing() const noexcept { return pacer_.active(); }

 private:
  void on_cluster_sent(const SentCluster& cluster) noexcept;
  void finish_clusters(int64_t highest_reported, int64_t now_ms) noexcept;
  void update_target(int64_t now_ms) noexcept;
  int64_t unwrap_reference(int32_t reference) noexcept;

  BweLimits limits_;
  SendHistory history_;
  InterArrival inter_arrival_;
  TrendlineEstimator trendline_;
  AimdRateControl aimd_;
  LossBasedControl loss_;
  AcknowledgedBitrate acked_;
  ProbeController probes_;
  ProbePacer pacer_;
  ProbeBitrateEstimator probe_bitrate_;
  std::array<SentCluster, 4> awaiting_{};
  std::array<TwccPacket, kMaxFeedbackPackets> decoded_{};
  BweCounters counters_;
  int64_t target_bps_;
  int64_t rtt_ms_ = kInitialRttMs;
  int64_t last_feedback_ms_ = -1;
  int64_t reference_ = 0; // unwrapped feedback reference time (64 ms units)
  bool have_reference_ = false;
};

} // namespace plenum::media::bwe
