#pragma once
// The SFU's DTLS identity (RFC 5763 §5): a self-signed ECDSA P-256 certificate made at start,
// and its SHA-256 fingerprint as it goes into SDP (RFC 8122 §5: "sha-256 AB:CD:...").

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

using X509 = struct x509_st;
using EVP_PKEY = struct evp_pkey_st;

namespace plenum::media::dtls {

using Sha256Digest = std::array<std::uint8_t, 32>;

class DtlsCertificate {
 public:
  // A fresh key pair and a certificate valid from a day ago for kDtlsCertificateValidityDays.
  static Result<std::shared_ptr<const DtlsCertificate>> generate();

  DtlsCertificate(const DtlsCertificate&) = delete;
  DtlsCertificate& operator=(const DtlsCertificate&) = delete;
  ~DtlsCertificate();

  X509* x509() const noexcept { return x509_; }
  EVP_PKEY* key() const noexcept { return key_; }
  // "sha-256 AB:CD:..." for a=fingerprint.
  const std::string& sdp_fingerprint() const noexcept { return fingerprint_; }

 private:
  DtlsCertificate(EVP_PKEY* key, X509* x509, std::string fingerprint) noexcept;
  EVP_PKEY* key_;
  X509* x509_;
  std::string fingerprint_;
};

inline constexpr int kDtlsCertificateValidityDays = 30;

// The SHA-256 digest of a certificate's DER encoding.
std::optional<Sha256Digest> certificate_sha256(X509* certificate);
std::string format_sdp_fingerprint(const Sha256Digest& digest);
// Parses "sha-256 AB:CD:..." (hash name case-insensitive, hex either case). Other hash
// functions are refused: every WebRTC stack offers sha-256.
std::optional<Sha256Digest> parse_sdp_fingerprint(std::string_view text);

} // namespace plenum::media::dtls
