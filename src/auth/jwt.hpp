#pragma once
// Verification of signed JSON Web Tokens (RFC 7519) in the compact JWS form (RFC 7515
// section 7.1), as OpenID Connect identity providers issue ID tokens (OpenID Connect Core 1.0
// section 3.1.3.7). Only RS256 and ES256 are accepted, following RFC 8725 (JWT Best Current
// Practices): the algorithm is never taken on trust from the token, "none" and HMAC are refused
// outright, and the key found for the token must be of the type its header names.

#include <boost/json/object.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/jwks.hpp"
#include "base/result.hpp"

namespace plenum::auth {

inline constexpr size_t kMaxJwtBytes = size_t{16} * 1024;

// The message of the error for a token whose kid (or key type) is not in the key set. The
// caller may refresh the JWKS once (rate-limited: identity providers rotate keys rarely) and
// verify again; every other failure is final.
inline constexpr std::string_view kUnknownSigningKeyMessage = "unknown signing key";

struct TokenExpectations {
  std::string issuer;              // "iss" must equal this exactly (the provider's issuer identifier)
  std::string audience;            // "aud" must be or contain this (our client_id)
  int64_t now = 0;                 // seconds since the Unix epoch
  std::chrono::seconds leeway{60}; // clock skew allowed on exp, nbf and iat (RFC 7519 4.1.4)
  // When not empty, the "nonce" claim must equal it (OpenID Connect Core 3.1.3.7 item 11): the
  // value the sign-in request carried, so a token cannot be replayed into another sign-in.
  std::string nonce;
};

// What a verified token says about the user. String claims that are absent or null are empty.
struct VerifiedToken {
  boost::json::object claims; // the whole payload, for claims mapped by configuration
  std::string issuer;
  std::string subject; // never empty; unique per issuer (OpenID Connect Core 2)
  std::string email;
  bool email_verified = false;
  std::string name;
  std::string given_name;
  std::string family_name;
  std::string preferred_username;
  std::vector<std::string> groups; // the "groups" claim (an array of strings, or one string)
  int64_t expires_at = 0;          // "exp", seconds since the Unix epoch
};

// Verifies the signature with a key from `keys` and the registered claims against `expect`.
// Every failure is ErrorCode::unauthenticated with a fixed English message that never echoes
// token contents; kUnknownSigningKeyMessage marks the one failure a JWKS refresh may cure.
Result<VerifiedToken> verify_jwt(std::string_view compact, const JsonWebKeySet& keys,
                                 const TokenExpectations& expect);

} // namespace plenum::auth
