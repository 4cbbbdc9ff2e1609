#pragma once
// What the SFU sent on one transport, by transport-wide sequence number
// (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 2): send time, size and probe
// cluster, so transport-wide CC feedback can be matched to packets. A fixed ring, no
// allocation per packet.

#include <array>
#include <cstddef>
#include <cstdint>

namespace plenum::media::bwe {

inline constexpr int32_t kNoProbeCluster = -1;

struct SentPacket {
  int64_t sequence = -1; // unwrapped; -1: empty slot
  int64_t send_ms = 0;
  uint32_t size = 0; // bytes on the wire (after SRTP)
  int32_t probe_cluster = kNoProbeCluster;
  bool acked = false;         // reported received once: later duplicates are ignored
  bool reported_lost = false; // reported missing once: counted as lost once
  bool is_probe() const noexcept { return probe_cluster != kNoProbeCluster; }
};

class SendHistory {
 public:
  // ~1 s at the 20 Mbit/s maximum with 1,200-byte packets; feedback comes every 50-100 ms.
  static constexpr size_t kCapacity = 2048;

  // Records a sent packet; returns its unwrapped sequence number.
  int64_t add(uint16_t sequence, int64_t send_ms, uint32_t size, int32_t probe_cluster) noexcept;
  // A 16-bit sequence number from feedback, unwrapped relative to the newest packet sent.
  int64_t unwrap(uint16_t sequence) const noexcept;
  // The packet, if it is still in the ring.
  SentPacket* find(int64_t sequence) noexcept;
  bool empty() const noexcept { return newest_ < 0; }
  int64_t newest() const noexcept { return newest_; }

 private:
  std::array<SentPacket, kCapacity> ring_{};
  int64_t newest_ = -1;
};

} // namespace plenum::media::bwe
