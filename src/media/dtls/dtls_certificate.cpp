#include "media/dtls/dtls_certificate.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

namespace plenum::media::dtls {

namespace {

Error failure(const char* what) {
  return make_error(ErrorCode::internal, std::string("dtls certificate: ") + what);
}

EVP_PKEY* generate_p256() {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  EVP_PKEY* key = nullptr;
  if (ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1 && EVP_PKEY_CTX_set_group_name(ctx, "P-256") == 1) {
    if (EVP_PKEY_generate(ctx, &key) != 1) key = nullptr;
  }
  EVP_PKEY_CTX_free(ctx);
  return key;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

} // namespace

DtlsCertificate::DtlsCertificate(EVP_PKEY* key, X509* x509, std::string fingerprint) noexcept
    : key_(key), x509_(x509), fingerprint_(std::move(fingerprint)) {}

DtlsCertificate::~DtlsCertificate() {
  X509_free(x509_);
  EVP_PKEY_free(key_);
}

Result<std::shared_ptr<const DtlsCertificate>> DtlsCertificate::generate() {
  EVP_PKEY* key = generate_p256();
  if (key == nullptr) return failure("P-256 key generation");
  X509* x509 = X509_new();
  if (x509 == nullptr) {
    EVP_PKEY_free(key);
    return failure("X509_new");
  }
  // Own the pair from here on, so every early return frees it.
  std::shared_ptr<const DtlsCertificate> owner(new DtlsCertificate(key, x509, {}));
  std::uint64_t serial = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof(serial)) != 1)
    return failure("RAND_bytes");
  X509_NAME* name = X509_NAME_new();
  const bool ok =
      name != nullptr && X509_set_version(x509, 2) == 1 &&
      ASN1_INTEGER_set_uint64(X509_get_serialNumber(x509), serial >> 1) == 1 &&
      X509_gmtime_adj(X509_getm_notBefore(x509), -86400L) != nullptr &&
      X509_gmtime_adj(X509_getm_notAfter(x509), 86400L * kDtlsCertificateValidityDays) != nullptr &&
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("plenum"),
                                 -1, -1, 0) == 1 &&
      X509_set_subject_name(x509, name) == 1 && X509_set_issuer_name(x509, name) == 1 &&
      X509_set_pubkey(x509, key) == 1 && X509_sign(x509, key, EVP_sha256()) > 0;
  X509_NAME_free(name);
  if (!ok) return failure("building the certificate");
  auto digest = certificate_sha256(x509);
  if (!digest) return failure("digest");
  const_cast<DtlsCertificate&>(*owner).fingerprint_ = format_sdp_fingerprint(*digest);
  return owner;
}

std::optional<Sha256Digest> certificate_sha256(X509* certificate) {
  Sha256Digest digest{};
  unsigned int length = 0;
  if (certificate == nullptr || X509_digest(certificate, EVP_sha256(), digest.data(), &length) != 1 ||
      length != digest.size()) {
    return std::nullopt;
  }
  return digest;
}

std::string format_sdp_fingerprint(const Sha256Digest& digest) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out = "sha-256 ";
  for (std::size_t i = 0; i < digest.size(); ++i) {
    if (i > 0) out.push_back(':');
    out.push_back(kDigits[digest[i] >> 4]);
    out.push_back(kDigits[digest[i] & 0x0f]);
  }
  return out;
}

std::optional<Sha256Digest> parse_sdp_fingerprint(std::string_view text) {
  constexpr std::string_view kPrefix = "sha-256 ";
  if (text.size() != kPrefix.size() + std::size_t{32} * 3 - 1) return std::nullopt;
  for (std::size_t i = 0; i < kPrefix.size(); ++i) {
    const char c = text[i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != kPrefix[i]) return std::nullopt;
  }
  Sha256Digest digest{};
  std::string_view hex = text.substr(kPrefix.size());
  for (std::size_t i = 0; i < digest.size(); ++i) {
    const std::size_t at = i * 3;
    const int high = hex_value(hex[at]);
    const int low = hex_value(hex[at + 1]);
    if (high < 0 || low < 0 || (i + 1 < digest.size() && hex[at + 2] != ':')) return std::nullopt;
    digest[i] = static_cast<std::uint8_t>(high * 16 + low);
  }
  return digest;
}

} // namespace plenum::media::dtls
