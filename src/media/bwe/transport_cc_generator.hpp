#pragma once
// The receive side of transport-wide congestion control (a publisher's uplink): records the
// arrival time of every packet carrying the transport-wide sequence number extension and builds
// RTPFB FMT 15 feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1) every
// 50 ms, so the publisher's browser can estimate its uplink. Fixed ring, no allocation.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "media/rtcp.hpp"

namespace plenum::media::bwe {

class TransportCcGenerator {
 public:
  static constexpr int64_t kIntervalMs = 50;
  static constexpr size_t kCapacity = 1024;             // sequence numbers not yet reported
  static constexpr size_t kMaxPacketsPerFeedback = 400; // keeps one feedback under ~1,000 bytes

  void on_packet(uint16_t sequence, int64_t arrival_us) noexcept;
  // Whether a feedback is due (something to report and the interval passed).
  bool due(int64_t now_ms) const noexcept;
  // Builds the next feedback into `out`; nullopt when there is nothing to report. Reports up to
  // the highest sequence number received so far; what it covers is never reported again.
  std::optional<size_t> build(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc,
                              int64_t now_ms) noexcept;
  uint64_t packets_recorded() const noexcept { return recorded_; }

 private:
  void clear() noexcept;

  std::array<int64_t, kCapacity> arrival_us_{}; // -1: not received
  std::array<TwccPacket, kMaxPacketsPerFeedback> scratch_{};
  bool started_ = false;
  int64_t next_ = 0;    // first unreported (unwrapped)
  int64_t highest_ = 0; // highest received (unwrapped)
  uint8_t feedback_count_ = 0;
  int64_t last_build_ms_ = -1;
  uint64_t recorded_ = 0;
};

} // namespace plenum::media::bwe
