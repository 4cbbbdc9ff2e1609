#pragma once
// HMAC-SHA1 (RFC 2104) with the key's inner and outer pad states computed once, so that each
// message costs two SHA-1 passes and a struct copy. Used by STUN MESSAGE-INTEGRITY (the ICE
// password) and SRTP's AES-CM authentication tag. OpenSSL 3's EVP_MAC duplicates a provider
// digest context (a heap allocation) on every EVP_MAC_init, and EVP digests allocate per
// init/copy (measured: bench/media_packet_bench.cpp); the packet path must not allocate, so this
// uses OpenSSL's SHA1_* functions on caller-owned state (deprecated in 3.0, still shipped).

#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <span>

namespace plenum::media {

class HmacSha1 {
 public:
  static constexpr std::size_t kSize = 20;

  HmacSha1() = default;
  ~HmacSha1();
  HmacSha1(const HmacSha1&) = default;
  HmacSha1& operator=(const HmacSha1&) = default;

  // False if OpenSSL failed (the key is then unusable).
  bool set_key(std::span<const std::uint8_t> key) noexcept;
  // HMAC over the concatenation `a || b || c` (empty parts allowed); false if OpenSSL failed.
  bool compute(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b,
               std::span<const std::uint8_t> c, std::span<std::uint8_t, kSize> out) const noexcept;
  // SRTP: HMAC over `packet || ROC`.
  void compute(std::span<const std::uint8_t> first, std::span<const std::uint8_t> second,
               std::array<std::uint8_t, kSize>& out) const noexcept {
    (void)compute(first, second, {}, out);
  }

 private:
  SHA_CTX inner_{};
  SHA_CTX outer_{};
};

} // namespace plenum::media
