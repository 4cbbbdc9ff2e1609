#include "media/srtp/srtp_hmac_sha1.hpp"

#include <openssl/crypto.h>

// The SHA1_* functions are deprecated in OpenSSL 3.0 in favour of EVP, whose per-message
// context duplication allocates (see the header). They remain part of the 3.x API.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace plenum::media::srtp {

namespace {
constexpr std::size_t kBlock = 64;
}

void HmacSha1::set_key(std::span<const std::uint8_t> key) noexcept {
  std::array<std::uint8_t, kBlock> block{};
  if (key.size() > kBlock) {
    SHA_CTX ctx;
    SHA1_Init(&ctx);
    SHA1_Update(&ctx, key.data(), key.size());
    SHA1_Final(block.data(), &ctx);
  } else {
    std::copy(key.begin(), key.end(), block.begin());
  }
  std::array<std::uint8_t, kBlock> pad{};
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = block[i] ^ 0x36U;
  SHA1_Init(&inner_);
  SHA1_Update(&inner_, pad.data(), pad.size());
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = block[i] ^ 0x5cU;
  SHA1_Init(&outer_);
  SHA1_Update(&outer_, pad.data(), pad.size());
  OPENSSL_cleanse(block.data(), block.size());
  OPENSSL_cleanse(pad.data(), pad.size());
}

void HmacSha1::compute(std::span<const std::uint8_t> first, std::span<const std::uint8_t> second,
                       std::array<std::uint8_t, 20>& out) const noexcept {
  SHA_CTX ctx = inner_;
  SHA1_Update(&ctx, first.data(), first.size());
  if (!second.empty()) SHA1_Update(&ctx, second.data(), second.size());
  std::array<std::uint8_t, 20> inner_digest{};
  SHA1_Final(inner_digest.data(), &ctx);
  ctx = outer_;
  SHA1_Update(&ctx, inner_digest.data(), inner_digest.size());
  SHA1_Final(out.data(), &ctx);
}

} // namespace plenum::media::srtp

#pragma GCC diagnostic pop
