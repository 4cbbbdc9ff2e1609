#pragma once
// A token bucket: `rate` frames per second on average, bursts of `burst`.

#include <algorithm>
#include <chrono>

namespace plenum::signaling {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;
  TokenBucket(double rate, double burst, Clock::time_point now)
      : rate_(rate), burst_(burst), tokens_(burst), last_(now) {}

  bool take(Clock::time_point now) {
    const double elapsed = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }
  // Milliseconds until one token is available.
  int64_t retry_after_ms() const {
    return tokens_ >= 1.0 ? 0 : static_cast<int64_t>((1.0 - tokens_) / rate_ * 1000.0) + 1;
  }

 private:
  double rate_;
  double burst_;
  double tokens_;
  Clock::time_point last_;
};

} // namespace plenum::signaling
