#pragma once
// What a probe cluster measured (draft-ietf-rmcat-gcc-02 leaves probing to the sender; this is
// the usual method): the bytes of the cluster that arrived divided by their receive duration,
// and the bytes sent divided by the send duration; the smaller wins, and a receive rate clearly
// below the send rate (the link was saturated) is taken at 95 %. The clusters go out in bursts
// (one per router tick), so the send side leaves out the last burst and the receive side the
// first packet: each measures the intervals between what it counts.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/bwe/send_history.hpp"

namespace plenum::media::bwe {

class ProbeBitrateEstimator {
 public:
  static constexpr size_t kSlots = 8;
  static constexpr size_t kMinReceived = 4;
  static constexpr double kMaxReceiveToSendRatio = 2.0; // more is a measuring artefact
  static constexpr double kSaturatedRatio = 0.9;
  static constexpr double kSaturatedFraction = 0.95;

  void on_packet(int32_t cluster, int64_t send_ms, int64_t arrival_us, uint32_t size) noexcept;
  // The cluster's bitrate once all `sent_packets` were reported (or given up); forgets it.
  std::optional<int64_t> take(int32_t cluster, size_t sent_packets) noexcept;

 private:
  struct Stats {
    int32_t cluster = kNoProbeCluster;
    size_t received = 0;
    int64_t first_send_ms = 0;
    int64_t last_send_ms = 0;
    uint64_t bytes_before_last_send = 0;
    uint64_t bytes_at_last_send = 0;
    int64_t first_arrival_us = 0;
    int64_t last_arrival_us = 0;
    uint32_t first_arrival_size = 0;
    uint64_t bytes_received = 0;
  };
  std::array<Stats, kSlots> slots_{};
};

} // namespace plenum::media::bwe
