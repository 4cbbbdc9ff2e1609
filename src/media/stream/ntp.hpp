#pragma once
// NTP timestamps as RTCP carries them (RFC 3550 section 4): 64-bit fixed point, seconds since
// 1900-01-01 in the upper 32 bits, the fraction in the lower 32. LSR, DLSR and the RTT of
// section 6.4.1 use the "compact" form, the middle 32 bits (units of 1/65536 s).

#include <cstdint>

namespace plenum::media::stream {

// Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch).
inline constexpr uint64_t kNtpUnixEpochOffsetS = 2'208'988'800;

constexpr uint64_t ntp_from_unix_ms(int64_t unix_ms) noexcept {
  const auto ms = static_cast<uint64_t>(unix_ms);
  const uint64_t seconds = ms / 1000 + kNtpUnixEpochOffsetS;
  const uint64_t fraction = ((ms % 1000) << 32) / 1000;
  return (seconds << 32) | fraction;
}

constexpr uint32_t compact_ntp(uint64_t ntp) noexcept { return static_cast<uint32_t>(ntp >> 16); }

// Milliseconds <-> units of 1/65536 s (DLSR), rounding to nearest.
constexpr uint32_t ms_to_compact_ntp(int64_t ms) noexcept {
  return static_cast<uint32_t>((static_cast<uint64_t>(ms) * 65536 + 500) / 1000);
}
constexpr int64_t compact_ntp_to_ms(uint32_t units) noexcept {
  return static_cast<int64_t>((static_cast<uint64_t>(units) * 1000 + 32768) / 65536);
}

} // namespace plenum::media::stream
