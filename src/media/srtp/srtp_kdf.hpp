#pragma once
// SRTP key derivation (RFC 3711 §4.3 with the AES-CM PRF of §4.3.3; RFC 7714 §11 uses the same
// KDF for AEAD_AES_128_GCM with its 96-bit master salt). The key derivation rate is 0, the
// only rate DTLS-SRTP uses (RFC 5764 §4.1.2), so session keys are derived once.

#include <array>
#include <cstdint>
#include <span>

#include "base/result.hpp"
#include "media/srtp/srtp_profile.hpp"

namespace plenum::media::srtp {

// Session keys for one direction of RTP or RTCP.
struct SrtpSessionKeys {
  std::array<std::uint8_t, 16> cipher_key{};
  std::array<std::uint8_t, 20> auth_key{}; // HMAC-SHA1 key; unused for GCM
  std::array<std::uint8_t, 14> salt{};     // 14 bytes for AES-CM, the first 12 for GCM
};

struct SrtpSessionKeySet {
  SrtpSessionKeys rtp;
  SrtpSessionKeys rtcp;
};

// Writes the AES-128 counter-mode keystream for the 16-byte initial counter block `iv` into
// `out` (RFC 3711 §4.1.1). Exposed for the Appendix B.2 test vectors.
Result<void> aes_cm_keystream(std::span<const std::uint8_t, 16> key, std::span<const std::uint8_t, 16> iv,
                              std::span<std::uint8_t> out);

// The PRF output for one label (RFC 3711 §4.3.1, kdr = 0): 0x00..0x02 SRTP cipher/auth/salt,
// 0x03..0x05 SRTCP cipher/auth/salt. `master_salt` is 12 or 14 bytes; a 12-byte (GCM) salt is
// padded with zeros on the right to 112 bits (RFC 7714 §11).
Result<void> derive_session_key(std::span<const std::uint8_t> master_key,
                                std::span<const std::uint8_t> master_salt, std::uint8_t label,
                                std::span<std::uint8_t> out);

// All six session keys of a profile.
Result<SrtpSessionKeySet> derive_session_keys(SrtpProfile profile, std::span<const std::uint8_t> master_key,
                                              std::span<const std::uint8_t> master_salt);

} // namespace plenum::media::srtp
