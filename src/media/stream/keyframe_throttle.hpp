#pragma once
// Key frame requests (PLI, RFC 4585 section 6.3.1; FIR, RFC 5104 section 4.3.1) from many
// subscribers are folded into at most one request to the publisher per interval and stream: a
// key frame answers every subscriber that asked, and each one costs the publisher a large frame.
// A request refused inside the interval is not queued: the key frame of the request that went
// out covers it. FIR carries a command sequence number that increases by one per new request
// (RFC 5104 section 4.3.1.2); a repetition of the same request reuses it.

#include <cstdint>
#include <limits>

namespace plenum::media::stream {

inline constexpr int64_t kKeyframeDefaultIntervalMs = 500;

class KeyframeThrottle {
 public:
  explicit KeyframeThrottle(int64_t min_interval_ms = kKeyframeDefaultIntervalMs) noexcept
      : interval_ms_(min_interval_ms) {}

  // True if a request may go to the publisher now; it then counts as sent at `now_ms`.
  bool allow(int64_t now_ms) noexcept {
    if (last_ms_ != kNever && now_ms - last_ms_ < interval_ms_) return false;
    last_ms_ = now_ms;
    return true;
  }

  // The FIR command sequence number for a new request (wraps at 256).
  uint8_t next_fir_sequence() noexcept { return ++fir_sequence_; }
  // The one last used, for repeating a request.
  uint8_t fir_sequence() const noexcept { return fir_sequence_; }

  void reset() noexcept { last_ms_ = kNever; }

 private:
  static constexpr int64_t kNever = std::numeric_limits<int64_t>::min();

  int64_t interval_ms_ = 0;
  int64_t last_ms_ = kNever;
  uint8_t fir_sequence_ = 0;
};

} // namespace plenum::media::stream
