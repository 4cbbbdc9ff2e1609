#pragma once
// HMAC-SHA1 (RFC 2104) with the key's inner and outer pad states computed once, so that each
// message costs two SHA-1 passes and a struct copy. OpenSSL 3's EVP_MAC duplicates a provider
// digest context (a heap allocation) on every EVP_MAC_init; the packet path must not allocate.

#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <span>

namespace plenum::media::srtp {

class HmacSha1 {
 public:
  void set_key(std::span<const std::uint8_t> key) noexcept;
  // HMAC over `first || second` (SRTP: packet || ROC), the full 20-byte digest.
  void compute(std::span<const std::uint8_t> first, std::span<const std::uint8_t> second,
               std::array<std::uint8_t, 20>& out) const noexcept;

 private:
  SHA_CTX inner_{};
  SHA_CTX outer_{};
};

} // namespace plenum::media::srtp
