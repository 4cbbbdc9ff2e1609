#pragma once
// 16-bit RTP sequence numbers extended to 64 bits ("ROC-aware", RFC 3550 appendix A.1 keeps the
// cycle count the same way): a sequence number is placed in the cycle that brings it closest to
// a reference, so up to 32767 steps either side unwrap correctly across 65535 -> 0.

#include <cstdint>

namespace plenum::media::stream {

constexpr int64_t unwrap_seq(uint16_t seq, int64_t reference) noexcept {
  const auto delta = static_cast<int16_t>(static_cast<uint16_t>(seq - static_cast<uint16_t>(reference)));
  return reference + delta;
}

} // namespace plenum::media::stream
