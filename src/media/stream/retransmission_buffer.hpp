#pragma once
// The last packets sent on one outgoing stream, kept so a subscriber's generic NACK (RFC 4585
// section 6.2.1) can be answered (RFC 4588 RTX or a plain resend). A ring indexed by the
// extended sequence number: slot storage is allocated once at construction, store() copies
// into it, find() returns a view. A packet is gone once it is older than the maximum age, its
// slot was reused (more than `capacity` newer sequence numbers), or it was larger than
// kRtxMaxPacketSize. Each slot also remembers when the packet was last resent so a burst of
// NACKs for the same packet (several subscribers, or one repeating before our resend arrived)
// costs one resend per RTT-ish interval.
//
// Memory: capacity * kRtxMaxPacketSize bytes (1.5 MB at the default), so size it to the
// stream: ~1 s of packets (audio at 50 packets/s needs 64).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace plenum::media::stream {

inline constexpr size_t kRtxMaxPacketSize = 1500;    // bytes per slot (an Ethernet MTU)
inline constexpr size_t kRtxDefaultCapacity = 1024;  // ~1 s of a 10 Mbit/s stream of 1,200-byte packets
inline constexpr size_t kRtxMaxCapacity = 32768;     // half the sequence space: unwrap stays unambiguous
inline constexpr int64_t kRtxDefaultMaxAgeMs = 1000; // a resend later than that is useless to a decoder

enum class ResendStatus : uint8_t {
  ok,        // `packet` holds the bytes; the slot's "last resent" is now
  missing,   // never stored, too old, overwritten or too large
  throttled, // resent less than `min_interval_ms` ago
};

struct ResendResult {
  ResendStatus status = ResendStatus::missing;
  std::span<const uint8_t> packet; // valid until the next store()
};

class RetransmissionBuffer {
 public:
  // `capacity` is rounded up to a power of two and capped at kRtxMaxCapacity.
  explicit RetransmissionBuffer(size_t capacity = kRtxDefaultCapacity,
                                int64_t max_age_ms = kRtxDefaultMaxAgeMs);

  // Copies the packet into the slot of `seq`. Returns false (and keeps nothing for `seq`) if the
  // packet is larger than kRtxMaxPacketSize or so much older than the newest stored sequence
  // number that its slot already belongs to a newer one.
  bool store(uint16_t seq, std::span<const uint8_t> packet, int64_t now_ms) noexcept;

  // The stored packet, if present and not older than the maximum age.
  std::optional<std::span<const uint8_t>> find(uint16_t seq, int64_t now_ms) const noexcept;

  // find() for answering a NACK: also refuses (throttled) when the packet was resent less than
  // `min_interval_ms` ago, and otherwise records `now_ms` as its last resend.
  ResendResult resend(uint16_t seq, int64_t now_ms, int64_t min_interval_ms) noexcept;

  void clear() noexcept;
  size_t capacity() const noexcept { return slots_.size(); }

 private:
  static constexpr int64_t kNever = std::numeric_limits<int64_t>::min();

  struct Slot {
    int64_t ext_seq = -1; // extended sequence number held, -1 when empty
    int64_t stored_ms = 0;
    int64_t resent_ms = kNever;
    uint16_t size = 0;
  };

  const Slot* lookup(uint16_t seq, int64_t now_ms) const noexcept;
  size_t offset_of(const Slot& slot) const noexcept;
  std::span<const uint8_t> bytes_of(const Slot& slot) const noexcept;

  std::vector<Slot> slots_;
  // capacity * kRtxMaxPacketSize, left uninitialised: the pages of a large allocation are only
  // committed once a packet is written there (a low-rate stream that never fills the ring costs
  // what it uses).
  std::unique_ptr<uint8_t[]> storage_;
  size_t mask_ = 0;
  int64_t max_age_ms_ = 0;
  int64_t highest_ = -1; // highest extended sequence number stored, -1 before the first
};

} // namespace plenum::media::stream
