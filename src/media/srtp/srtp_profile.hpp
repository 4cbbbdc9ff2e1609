#pragma once
// The two SRTP protection profiles the SFU negotiates over DTLS-SRTP (RFC 5764 §4.1.2, RFC 7714
// §14.2) and their key, salt and tag sizes.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace plenum::media::srtp {

enum class SrtpProfile : std::uint8_t {
  aead_aes_128_gcm,        // RFC 7714: AES-128-GCM, 96-bit salt, 128-bit tag (preferred)
  aes_cm_128_hmac_sha1_80, // RFC 3711: AES-128 counter mode, HMAC-SHA1 truncated to 80 bits
};

inline constexpr std::size_t kSrtpMasterKeyLength = 16;
inline constexpr std::size_t kSrtpMaxMasterSaltLength = 14;
// The largest amount protect() appends to an RTP packet / an RTCP packet (GCM tag; GCM tag +
// E-flag/index word): callers keep this much room behind the packet.
inline constexpr std::size_t kSrtpMaxRtpOverhead = 16;
inline constexpr std::size_t kSrtpMaxRtcpOverhead = 16 + 4;

constexpr std::size_t master_salt_length(SrtpProfile profile) noexcept {
  return profile == SrtpProfile::aead_aes_128_gcm ? 12 : 14;
}
constexpr std::size_t auth_tag_length(SrtpProfile profile) noexcept {
  return profile == SrtpProfile::aead_aes_128_gcm ? 16 : 10;
}
// Bytes of keying material one side needs (key + salt); DTLS-SRTP exports twice this.
constexpr std::size_t master_keying_length(SrtpProfile profile) noexcept {
  return kSrtpMasterKeyLength + master_salt_length(profile);
}

constexpr std::string_view to_string(SrtpProfile profile) noexcept {
  return profile == SrtpProfile::aead_aes_128_gcm ? "AEAD_AES_128_GCM" : "AES_CM_128_HMAC_SHA1_80";
}

} // namespace plenum::media::srtp
