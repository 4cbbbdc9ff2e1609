#pragma once
// The signing keys of an OpenID Connect identity provider: a JWK Set (RFC 7517 section 5) as
// served at the provider's `jwks_uri`. Only keys that can verify the two token algorithms we
// accept are kept (RS256 and ES256, RFC 7518 section 3.1); everything else is ignored and listed
// in `ignored()` so an operator can see why a key was not used.
//
// A parsed set is immutable. Verification only reads the keys (an EVP_PKEY may be used from
// several threads at once), so the fetching code can publish a new set as
// `std::shared_ptr<const JsonWebKeySet>` on key rotation while tokens are being verified.

#include <openssl/types.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace plenum::auth {

inline constexpr size_t kMaxJwksBytes = size_t{64} * 1024; // fetchers cap the HTTP body at this too
inline constexpr size_t kMaxJwksKeys = 50;                 // entries in "keys", usable or not
inline constexpr int kMinRsaModulusBits = 2048;            // RFC 7518 section 3.3: 2048 or larger
inline constexpr int kMaxRsaModulusBits = 8192;            // bounds the cost of one verification
inline constexpr size_t kMaxRsaExponentBytes = 8;          // RFC 7518 6.3.1.2; 65537 in practice

// The JWS algorithms we verify (RFC 7518 section 3.1). Each key type maps to exactly one of
// them, so a token's header can never make us use a key in a way its owner did not intend.
enum class JwsAlgorithm {
  rs256, // RSASSA-PKCS1-v1_5 with SHA-256, kty "RSA"
  es256, // ECDSA P-256 with SHA-256, kty "EC", crv "P-256"
};

// "RS256" / "ES256"; nullopt for anything else ("none", "HS256", "PS256", "rs256", ...).
std::optional<JwsAlgorithm> parse_jws_algorithm(std::string_view name) noexcept;
std::string_view to_string(JwsAlgorithm algorithm) noexcept;

// base64url without padding (RFC 7515 section 2, RFC 4648 section 5). nullopt for padding,
// characters outside the alphabet, an impossible length or non-zero trailing bits.
std::optional<std::string> decode_base64url(std::string_view text);

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const noexcept;
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

// One public key usable for signatures.
class PublicKey {
 public:
  PublicKey(std::string kid, JwsAlgorithm algorithm, EvpPkeyPtr key)
      : kid_(std::move(kid)), algorithm_(algorithm), key_(std::move(key)) {}

  const std::string& kid() const noexcept { return kid_; } // empty when the JWK has none
  JwsAlgorithm algorithm() const noexcept { return algorithm_; }
  EVP_PKEY* evp() const noexcept { return key_.get(); }

 private:
  std::string kid_;
  JwsAlgorithm algorithm_;
  EvpPkeyPtr key_;
};

// A JWK that was not kept, and why ("kty \"oct\" is not supported", ...).
struct IgnoredKey {
  std::string kid;
  std::string reason;
};

class JsonWebKeySet {
 public:
  // Errors (ErrorCode::unavailable: the identity provider's document is unusable, signing in
  // cannot work until it is fixed): over kMaxJwksBytes, not a JSON object with a "keys" array,
  // over kMaxJwksKeys entries, or no usable signature key at all. Individual keys that are not
  // usable (encryption keys, other key types or curves, RSA below kMinRsaModulusBits, malformed
  // parameters) are skipped and listed in ignored().
  static Result<JsonWebKeySet> parse(std::string_view text);

  // The key with this kid whose algorithm is `alg` ("RS256" or "ES256"), or nullptr. An empty
  // kid (the token names none) finds the only key for `alg` when there is exactly one.
  const PublicKey* find(std::string_view kid, std::string_view alg) const noexcept;
  // Whether any kept key has this (non-empty) kid, whatever its algorithm.
  bool contains_kid(std::string_view kid) const noexcept;

  const std::vector<PublicKey>& keys() const noexcept { return keys_; }
  const std::vector<IgnoredKey>& ignored() const noexcept { return ignored_; }

 private:
  std::vector<PublicKey> keys_;
  std::vector<IgnoredKey> ignored_;
};

} // namespace plenum::auth
