#include "media/srtp/srtp_kdf.hpp"

#include <openssl/evp.h>

#include <memory>
#include <string>

namespace plenum::media::srtp {

namespace {

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};

Error crypto_error(const char* what) {
  return make_error(ErrorCode::internal, std::string("srtp kdf: ") + what);
}

// RFC 3711 §4.3.3 labels.
constexpr std::uint8_t kLabelRtpCipher = 0x00;
constexpr std::uint8_t kLabelRtpAuth = 0x01;
constexpr std::uint8_t kLabelRtpSalt = 0x02;
constexpr std::uint8_t kLabelRtcpCipher = 0x03;
constexpr std::uint8_t kLabelRtcpAuth = 0x04;
constexpr std::uint8_t kLabelRtcpSalt = 0x05;

} // namespace

Result<void> aes_cm_keystream(std::span<const std::uint8_t, 16> key, std::span<const std::uint8_t, 16> iv,
                              std::span<std::uint8_t> out) {
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter> ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_ctr(), nullptr, key.data(), iv.data()) != 1) {
    return crypto_error("AES-CTR init");
  }
  // The keystream is the encryption of zeros.
  std::fill(out.begin(), out.end(), std::uint8_t{0});
  int written = 0;
  if (EVP_EncryptUpdate(ctx.get(), out.data(), &written, out.data(), static_cast<int>(out.size())) != 1) {
    return crypto_error("AES-CTR update");
  }
  return {};
}

Result<void> derive_session_key(std::span<const std::uint8_t> master_key,
                                std::span<const std::uint8_t> master_salt, std::uint8_t label,
                                std::span<std::uint8_t> out) {
  if (master_key.size() != kSrtpMasterKeyLength || (master_salt.size() != 12 && master_salt.size() != 14)) {
    return make_error(ErrorCode::invalid_argument, "srtp kdf: master key must be 16 bytes, salt 12 or 14");
  }
  // x = key_id XOR master_salt, key_id = label || r (r = 0 for kdr = 0), both aligned right in
  // 112 bits: the label lands on byte 7. IV = x * 2^16.
  std::array<std::uint8_t, 16> iv{};
  std::copy(master_salt.begin(), master_salt.end(), iv.begin());
  iv[7] ^= label;
  return aes_cm_keystream(std::span<const std::uint8_t, 16>(master_key.data(), 16), iv, out);
}

Result<SrtpSessionKeySet> derive_session_keys(SrtpProfile profile, std::span<const std::uint8_t> master_key,
                                              std::span<const std::uint8_t> master_salt) {
  if (master_salt.size() != master_salt_length(profile)) {
    return make_error(ErrorCode::invalid_argument, "srtp kdf: master salt length does not match the profile");
  }
  const std::size_t salt_length = master_salt_length(profile);
  SrtpSessionKeySet set;
  struct Job {
    std::uint8_t label;
    std::span<std::uint8_t> out;
  };
  const bool with_auth = profile == SrtpProfile::aes_cm_128_hmac_sha1_80;
  const Job jobs[] = {
      {kLabelRtpCipher, set.rtp.cipher_key},
      {kLabelRtpSalt, std::span<std::uint8_t>(set.rtp.salt).first(salt_length)},
      {kLabelRtcpCipher, set.rtcp.cipher_key},
      {kLabelRtcpSalt, std::span<std::uint8_t>(set.rtcp.salt).first(salt_length)},
      {kLabelRtpAuth, with_auth ? std::span<std::uint8_t>(set.rtp.auth_key) : std::span<std::uint8_t>()},
      {kLabelRtcpAuth, with_auth ? std::span<std::uint8_t>(set.rtcp.auth_key) : std::span<std::uint8_t>()},
  };
  for (const Job& job : jobs) {
    if (job.out.empty()) continue;
    if (auto r = derive_session_key(master_key, master_salt, job.label, job.out); !r) return r.error();
  }
  return set;
}

} // namespace plenum::media::srtp
