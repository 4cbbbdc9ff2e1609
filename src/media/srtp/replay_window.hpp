#pragma once
// Sliding replay window over 64-bit packet indices (RFC 3711 §3.3.2): remembers the highest
// authenticated index and which of the kReplayWindowSize indices below it were seen.

#include <array>
#include <cstddef>
#include <cstdint>

namespace plenum::media::srtp {

// 128 like libsrtp's default: RFC 3711 asks for at least 64; video bursts reorder more.
inline constexpr std::uint64_t kReplayWindowSize = 128;

class ReplayWindow {
 public:
  // True when `index` is new and not older than the window. Does not record it: call accept()
  // only after the packet authenticated.
  bool check(std::uint64_t index) const noexcept {
    if (!started_ || index > top_) return true;
    const std::uint64_t delta = top_ - index;
    if (delta >= kReplayWindowSize) return false;
    return !bit(delta);
  }

  void accept(std::uint64_t index) noexcept {
    if (!started_) {
      started_ = true;
      top_ = index;
      bits_ = {1, 0};
      return;
    }
    if (index > top_) {
      shift(index - top_);
      top_ = index;
      bits_[0] |= 1;
      return;
    }
    const std::uint64_t delta = top_ - index;
    if (delta < kReplayWindowSize) bits_[delta / 64] |= std::uint64_t{1} << (delta % 64);
  }

 private:
  bool bit(std::uint64_t delta) const noexcept { return ((bits_[delta / 64] >> (delta % 64)) & 1U) != 0; }

  // Moves every remembered index `n` places further from the top. bits_[0] holds deltas 0..63.
  void shift(std::uint64_t n) noexcept {
    if (n >= 128) {
      bits_ = {0, 0};
    } else if (n >= 64) {
      bits_[1] = bits_[0] << (n - 64);
      bits_[0] = 0;
    } else if (n > 0) {
      bits_[1] = (bits_[1] << n) | (bits_[0] >> (64 - n));
      bits_[0] <<= n;
    }
  }

  bool started_ = false;
  std::uint64_t top_ = 0;
  std::array<std::uint64_t, 2> bits_{};
};

} // namespace plenum::media::srtp
