// OpenID Connect sign-in reads two kinds of untrusted input: ID tokens (from the browser's
// callback) and JWK Sets (from the identity provider, over the network). Each input is used
//  1. as a token against a fixed key set: must never verify (nobody can sign without the
//     private keys, which this process generated and never shows);
//  2. as a JWK Set: every kept key must be findable, and fixed tokens are verified against it;
//  3. when it holds a newline, as "header JSON \n payload JSON", signed with the fixed EC key
//     and verified: this reaches the claim checks, which sit behind the signature check.
// None of it may crash, and errors must carry the documented codes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/fixtures/jws_signer.hpp"
#include "auth/jwks.hpp"
#include "auth/jwt.hpp"
#include "base/error.hpp"

namespace {

using namespace plenum;
using namespace plenum::auth;

constexpr int64_t kNow = 1'700'000'000;

struct Fixture {
  EvpPkeyPtr rsa = fixtures::generate_rsa_key();
  EvpPkeyPtr ec = fixtures::generate_ec_p256_key();
  JsonWebKeySet keys = JsonWebKeySet::parse(fixtures::jwks_document({fixtures::public_jwk(rsa.get(), "rsa-1"),
                                                                     fixtures::public_jwk(ec.get(), "ec-1")}))
                           .value();
  std::string rs256_token = token(R"({"alg":"RS256","kid":"rsa-1"})", rsa.get());
  std::string es256_token = token(R"({"alg":"ES256","kid":"ec-1"})", ec.get());

  static std::string token(std::string_view header, EVP_PKEY* key) {
    return fixtures::make_jwt(
        header, R"({"iss":"https://id.example.org","aud":"plenum","sub":"u","exp":1700000300})", key);
  }
};

TokenExpectations expectations() {
  TokenExpectations expect;
  expect.issuer = "https://id.example.org";
  expect.audience = "plenum";
  expect.now = kNow;
  return expect;
}

void check_rejection(const Result<VerifiedToken>& result) {
  if (!result.ok()) {
    PLENUM_ASSERT(result.error().code == ErrorCode::unauthenticated, "token error is not unauthenticated");
    PLENUM_ASSERT(!result.error().message.empty(), "token error without a message");
  }
}

} // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Fixture fixture;
  static const TokenExpectations expect = expectations();
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const Result<VerifiedToken> as_token = verify_jwt(input, fixture.keys, expect);
  PLENUM_ASSERT(!as_token.ok(), "a token verified without a signature by our keys");
  check_rejection(as_token);

  const Result<JsonWebKeySet> as_keys = JsonWebKeySet::parse(input);
  if (as_keys.ok()) {
    PLENUM_ASSERT(!as_keys->keys().empty(), "a key set without keys parsed");
    for (const PublicKey& key : as_keys->keys()) {
      PLENUM_ASSERT(key.evp() != nullptr, "a kept key without an EVP_PKEY");
      if (!key.kid().empty()) {
        PLENUM_ASSERT(as_keys->find(key.kid(), to_string(key.algorithm())) != nullptr,
                      "a kept key is not found");
      }
    }
    check_rejection(verify_jwt(fixture.rs256_token, *as_keys, expect));
    check_rejection(verify_jwt(fixture.es256_token, *as_keys, expect));
  } else {
    PLENUM_ASSERT(as_keys.error().code == ErrorCode::unavailable, "key set error is not unavailable");
  }

  if (const size_t newline = input.find('\n'); newline != std::string_view::npos) {
    const std::string token =
        fixtures::make_jwt(input.substr(0, newline), input.substr(newline + 1), fixture.ec.get());
    const Result<VerifiedToken> signed_token = verify_jwt(token, fixture.keys, expect);
    check_rejection(signed_token);
    if (signed_token.ok()) {
      PLENUM_ASSERT(!signed_token->subject.empty(), "verified token without a subject");
      PLENUM_ASSERT(signed_token->expires_at > kNow - expect.leeway.count(), "verified an expired token");
    }
  }
  return 0;
}
