#include "media/hmac_sha1.hpp"

#include <openssl/crypto.h>

#include <algorithm>

// The SHA1_* functions are deprecated in OpenSSL 3.0 in favour of EVP, whose per-message
// context duplication allocates (see the header). They remain part of the 3.x API.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace plenum::media {

namespace {
constexpr std::size_t kBlock = 64;
}

HmacSha1::~HmacSha1() {
  OPENSSL_cleanse(&inner_, sizeof(inner_));
  OPENSSL_cleanse(&outer_, sizeof(outer_));
}

bool HmacSha1::set_key(std::span<const std::uint8_t> key) noexcept {
  // RFC 2104: keys longer than the block are hashed first; then K is zero-padded to the block.
  std::array<std::uint8_t, kBlock> block{};
  bool ok = true;
  if (key.size() > kBlock) {
    ok = SHA1(key.data(), key.size(), block.data()) != nullptr;
  } else {
    std::copy(key.begin(), key.end(), block.begin());
  }
  std::array<std::uint8_t, kBlock> pad{};
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = block[i] ^ 0x36U;
  ok = ok && SHA1_Init(&inner_) == 1 && SHA1_Update(&inner_, pad.data(), pad.size()) == 1;
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = block[i] ^ 0x5cU;
  ok = ok && SHA1_Init(&outer_) == 1 && SHA1_Update(&outer_, pad.data(), pad.size()) == 1;
  OPENSSL_cleanse(block.data(), block.size());
  OPENSSL_cleanse(pad.data(), pad.size());
  return ok;
}

bool HmacSha1::compute(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b,
                       std::span<const std::uint8_t> c, std::span<std::uint8_t, kSize> out) const noexcept {
  SHA_CTX ctx = inner_;
  std::array<std::uint8_t, kSize> inner_digest{};
  bool ok = SHA1_Update(&ctx, a.data(), a.size()) == 1;
  if (!b.empty()) ok = ok && SHA1_Update(&ctx, b.data(), b.size()) == 1;
  if (!c.empty()) ok = ok && SHA1_Update(&ctx, c.data(), c.size()) == 1;
  ok = ok && SHA1_Final(inner_digest.data(), &ctx) == 1;
  ctx = outer_;
  ok = ok && SHA1_Update(&ctx, inner_digest.data(), inner_digest.size()) == 1 &&
       SHA1_Final(out.data(), &ctx) == 1;
  OPENSSL_cleanse(&ctx, sizeof(ctx));
  return ok;
}

} // namespace plenum::media

#pragma GCC diagnostic pop
