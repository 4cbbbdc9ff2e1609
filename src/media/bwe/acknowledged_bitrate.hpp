#pragma once
// The bitrate that got through: bytes of the packets the receiver reported, over their arrival
// times in the last 500 ms (and the last 250 ms: recent_bps) (a fixed ring, no allocation per
// packet).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace plenum::media::bwe {

class AcknowledgedBitrate {
 public:
  static constexpr size_t kCapacity = 1024; // ~500 ms at 20 Mbit/s of 1,200-byte packets
  static constexpr int64_t kWindowUs = 500'000;
  static constexpr int64_t kMinSpanUs = 150'000; // less says little

  static constexpr int64_t kRecentWindowUs = 250'000;
  static constexpr int64_t kRecentMinSpanUs = 100'000;

  void on_packet(int64_t arrival_us, uint32_t size) noexcept;
  std::optional<int64_t> bitrate_bps() const noexcept;
  // Over the last 250 ms only: while a queue builds up, what arrives now is the link's rate,
  // and a quiet moment earlier in the 500 ms window (application-limited) does not hide it.
  std::optional<int64_t> recent_bps() const noexcept;

 private:
  struct Entry {
    int64_t arrival_us = 0;
    uint32_t size = 0;
  };
  void pop() noexcept;

  std::array<Entry, kCapacity> ring_{};
  size_t head_ = 0; // oldest
  size_t count_ = 0;
  int64_t newest_us_ = 0;
  uint64_t bytes_ = 0;
};

} // namespace plenum::media::bwe
