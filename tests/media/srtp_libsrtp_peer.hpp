#pragma once
// libsrtp2 (Debian's libsrtp2-dev, an independent implementation) as the peer of our SRTP
// context in the interop tests: one session with one key, for any SSRC, protect or unprotect.

#include <srtp2/srtp.h>

#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <vector>

#include "media/srtp/srtp_profile.hpp"

namespace plenum::media::srtp::testing {

class LibSrtpSession {
 public:
  // `inbound`: the session unprotects; otherwise it protects.
  LibSrtpSession(SrtpProfile profile, std::span<const std::uint8_t> key, std::span<const std::uint8_t> salt,
                 bool inbound) {
    // libsrtp's crypto kernel is process-wide; a second srtp_init fails.
    static const bool initialized = srtp_init() == srtp_err_status_ok;
    if (!initialized) throw std::runtime_error("srtp_init");
    key_.assign(key.begin(), key.end());
    key_.insert(key_.end(), salt.begin(), salt.end());
    srtp_policy_t policy;
    std::memset(&policy, 0, sizeof(policy));
    if (profile == SrtpProfile::aead_aes_128_gcm) {
      srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
      srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
    } else {
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
      srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
    }
    policy.ssrc.type = inbound ? ssrc_any_inbound : ssrc_any_outbound;
    policy.key = key_.data();
    policy.window_size = 128;
    policy.allow_repeat_tx = 0;
    policy.next = nullptr;
    if (srtp_create(&session_, &policy) != srtp_err_status_ok) throw std::runtime_error("srtp_create");
  }
  LibSrtpSession(const LibSrtpSession&) = delete;
  LibSrtpSession& operator=(const LibSrtpSession&) = delete;
  ~LibSrtpSession() { srtp_dealloc(session_); }

  // In place; `buffer` needs SRTP_MAX_TRAILER_LEN bytes of room. Returns the status and
  // updates `length`.
  srtp_err_status_t protect_rtp(std::vector<std::uint8_t>& buffer, int& length) {
    return srtp_protect(session_, buffer.data(), &length);
  }
  srtp_err_status_t unprotect_rtp(std::vector<std::uint8_t>& buffer, int& length) {
    return srtp_unprotect(session_, buffer.data(), &length);
  }
  srtp_err_status_t protect_rtcp(std::vector<std::uint8_t>& buffer, int& length) {
    return srtp_protect_rtcp(session_, buffer.data(), &length);
  }
  srtp_err_status_t unprotect_rtcp(std::vector<std::uint8_t>& buffer, int& length) {
    return srtp_unprotect_rtcp(session_, buffer.data(), &length);
  }

 private:
  srtp_t session_ = nullptr;
  std::vector<std::uint8_t> key_;
};

} // namespace plenum::media::srtp::testing
