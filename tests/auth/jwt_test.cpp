#include "auth/jwt.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "auth/fixtures/jws_signer.hpp"

namespace plenum::auth {
namespace {

namespace json = boost::json;
using fixtures::base64url;
using fixtures::make_jwt;

constexpr int64_t kNow = 1'700'000'000;
constexpr std::string_view kIssuer = "https://id.example.org/realms/plenum";
constexpr std::string_view kAudience = "plenum-web";

// Keys are generated once for the whole suite: RSA key generation takes a while.
struct Keys {
  EvpPkeyPtr rsa = fixtures::generate_rsa_key();
  EvpPkeyPtr rsa_other = fixtures::generate_rsa_key(); // same kid, not in the set
  EvpPkeyPtr ec = fixtures::generate_ec_p256_key();
  EvpPkeyPtr ec_other = fixtures::generate_ec_p256_key();
  JsonWebKeySet set = JsonWebKeySet::parse(fixtures::jwks_document({fixtures::public_jwk(rsa.get(), "rsa-1"),
                                                                    fixtures::public_jwk(ec.get(), "ec-1")}))
                          .value();
};

const Keys& keys() {
  static const Keys instance;
  return instance;
}

json::object rs256_header() { return {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "rsa-1"}}; }
json::object es256_header() { return {{"alg", "ES256"}, {"typ", "JWT"}, {"kid", "ec-1"}}; }

json::object claims() {
  return {
      {"iss", kIssuer},
      {"aud", kAudience},
      {"sub", "248289761001"},
      {"exp", kNow + 300},
      {"iat", kNow - 10},
      {"nbf", kNow - 10},
      {"email", "ada@example.org"},
      {"email_verified", true},
      {"name", "Ada Lovelace"},
      {"given_name", "Ada"},
      {"family_name", "Lovelace"},
      {"preferred_username", "ada"},
      {"groups", json::array{"council", "staff"}},
  };
}

std::string rs256(const json::object& payload) { return make_jwt(rs256_header(), payload, keys().rsa.get()); }
std::string es256(const json::object& payload) { return make_jwt(es256_header(), payload, keys().ec.get()); }

TokenExpectations expectations() {
  TokenExpectations expect;
  expect.issuer = kIssuer;
  expect.audience = kAudience;
  expect.now = kNow;
  return expect;
}

Result<VerifiedToken> verify(std::string_view token, const TokenExpectations& expect = expectations()) {
  return verify_jwt(token, keys().set, expect);
}

// The token is refused as unauthenticated with exactly `message`.
void expect_rejected(std::string_view token, std::string_view message,
                     const TokenExpectations& expect = expectations()) {
  const Result<VerifiedToken> result = verify(token, expect);
  ASSERT_FALSE(result.ok()) << "accepted a token that must be rejected with: " << message;
  EXPECT_EQ(result.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(result.error().message, message);
}

// `token` with the byte at `index` of segment `segment` (0, 1, 2) changed to another
// base64url character.
std::string flip(std::string token, int segment, size_t index) {
  size_t start = 0;
  for (int i = 0; i < segment; ++i) start = token.find('.', start) + 1;
  char& c = token[start + index];
  c = c == 'A' ? 'B' : 'A';
  return token;
}

std::string compact(std::string_view header, std::string_view payload, std::string_view signature) {
  std::string token(header);
  token.append(".").append(payload).append(".").append(signature);
  return token;
}

// The compact form with the header and payload given as JSON text and a signature by `key`.
std::string with_texts(std::string_view header, std::string_view payload, EVP_PKEY* key) {
  return make_jwt(header, payload, key);
}

TEST(Jwt, AcceptsValidRs256TokenAndReadsTheProfileClaims) {
  const Result<VerifiedToken> token = verify(rs256(claims()));
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->issuer, kIssuer);
  EXPECT_EQ(token->subject, "248289761001");
  EXPECT_EQ(token->email, "ada@example.org");
  EXPECT_TRUE(token->email_verified);
  EXPECT_EQ(token->name, "Ada Lovelace");
  EXPECT_EQ(token->given_name, "Ada");
  EXPECT_EQ(token->family_name, "Lovelace");
  EXPECT_EQ(token->preferred_username, "ada");
  EXPECT_THAT(token->groups, ::testing::ElementsAre("council", "staff"));
  EXPECT_EQ(token->expires_at, kNow + 300);
  EXPECT_EQ(token->claims.at("sub").as_string(), "248289761001");
}

TEST(Jwt, AcceptsValidEs256Token) {
  const Result<VerifiedToken> token = verify(es256(claims()));
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->subject, "248289761001");
}

TEST(Jwt, AbsentProfileClaimsAreEmpty) {
  json::object minimal = claims();
  for (const char* name :
       {"email", "email_verified", "name", "given_name", "family_name", "preferred_username"}) {
    minimal.erase(name);
  }
  minimal["groups"] = nullptr;
  minimal["name"] = nullptr; // some providers send null for unset claims
  const Result<VerifiedToken> token = verify(rs256(minimal));
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->email, "");
  EXPECT_FALSE(token->email_verified);
  EXPECT_EQ(token->name, "");
  EXPECT_TRUE(token->groups.empty());
}

TEST(Jwt, ProfileClaimTypes) {
  json::object payload = claims();
  payload["email_verified"] = "true"; // Amazon Cognito
  payload["groups"] = "council";
  Result<VerifiedToken> token = verify(rs256(payload));
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_TRUE(token->email_verified);
  EXPECT_THAT(token->groups, ::testing::ElementsAre("council"));

  payload = claims();
  payload["email"] = 42;
  expect_rejected(rs256(payload), "token claim \"email\" is not a string");
  payload = claims();
  payload["groups"] = json::array{"council", 7};
  expect_rejected(rs256(payload), "token claim \"groups\" is not a list of strings");
  payload = claims();
  payload["email_verified"] = "yes";
  expect_rejected(rs256(payload), "token claim \"email_verified\" is not a boolean");
}

TEST(Jwt, RejectsAFlippedSignatureByte) {
  expect_rejected(flip(rs256(claims()), 2, 10), "token signature is invalid");
  expect_rejected(flip(es256(claims()), 2, 10), "token signature is invalid");
}

TEST(Jwt, RejectsAModifiedPayload) {
  const std::string token = rs256(claims());
  json::object forged = claims();
  forged["sub"] = "admin";
  const std::string header = token.substr(0, token.find('.'));
  const std::string signature = token.substr(token.rfind('.'));
  expect_rejected(header + "." + base64url(json::serialize(forged)) + signature,
                  "token signature is invalid");
}

TEST(Jwt, RejectsATruncatedOrEmptySignature) {
  const std::string token = rs256(claims());
  expect_rejected(token.substr(0, token.size() - 4), "token signature is invalid");
  expect_rejected(token.substr(0, token.rfind('.') + 1), "token signature is invalid");
  const std::string ec_token = es256(claims());
  expect_rejected(ec_token.substr(0, ec_token.size() - 4), "token signature is invalid");
}

TEST(Jwt, RejectsATokenSignedByAnotherKeyWithTheSameKid) {
  expect_rejected(make_jwt(rs256_header(), claims(), keys().rsa_other.get()), "token signature is invalid");
  expect_rejected(make_jwt(es256_header(), claims(), keys().ec_other.get()), "token signature is invalid");
}

TEST(Jwt, RejectsAlgNone) {
  const std::string payload = base64url(json::serialize(claims()));
  for (const char* alg : {"none", "None", "NONE", "nOnE"}) {
    const std::string header = base64url(json::serialize(json::object{{"alg", alg}, {"kid", "rsa-1"}}));
    expect_rejected(compact(header, payload, ""), "token algorithm is not allowed (only RS256 and ES256)");
    expect_rejected(compact(header, payload, base64url("x")),
                    "token algorithm is not allowed (only RS256 and ES256)");
  }
}

// RFC 8725 section 2.1: a verifier that lets the header pick HMAC would use the RSA public key
// (which everyone has) as the shared secret.
TEST(Jwt, RejectsHs256SignedWithTheRsaPublicKeyAsSecret) {
  const std::string input = base64url(json::serialize(json::object{{"alg", "HS256"}, {"kid", "rsa-1"}})) +
                            "." + base64url(json::serialize(claims()));
  const std::string pem = fixtures::public_key_pem(keys().rsa.get());
  expect_rejected(input + "." + base64url(fixtures::hmac_sha256(pem, input)),
                  "token algorithm is not allowed (only RS256 and ES256)");
  const std::string jwk = json::serialize(fixtures::public_jwk(keys().rsa.get(), "rsa-1"));
  expect_rejected(input + "." + base64url(fixtures::hmac_sha256(jwk, input)),
                  "token algorithm is not allowed (only RS256 and ES256)");
}

TEST(Jwt, RejectsOtherAlgorithms) {
  for (const char* alg :
       {"HS256", "HS512", "RS384", "RS512", "PS256", "ES384", "ES512", "EdDSA", "rs256", ""}) {
    expect_rejected(make_jwt(json::object{{"alg", alg}, {"kid", "rsa-1"}}, claims(), keys().rsa.get()),
                    "token algorithm is not allowed (only RS256 and ES256)");
  }
  expect_rejected(make_jwt(json::object{{"kid", "rsa-1"}}, claims(), keys().rsa.get()),
                  "token algorithm is not allowed (only RS256 and ES256)");
  expect_rejected(make_jwt(json::object{{"alg", 256}, {"kid", "rsa-1"}}, claims(), keys().rsa.get()),
                  "token algorithm is not allowed (only RS256 and ES256)");
}

TEST(Jwt, RejectsAHeaderAlgorithmThatDoesNotMatchTheKeyType) {
  // RS256 naming the EC key's kid (and the other way round): the key type decides, never the
  // header, and neither is worth a key set refresh.
  expect_rejected(make_jwt(json::object{{"alg", "RS256"}, {"kid", "ec-1"}}, claims(), keys().rsa.get()),
                  "signing key does not match the token algorithm");
  expect_rejected(make_jwt(json::object{{"alg", "ES256"}, {"kid", "rsa-1"}}, claims(), keys().ec.get()),
                  "signing key does not match the token algorithm");
}

TEST(Jwt, UnknownKidHasItsOwnMessage) {
  const std::string token =
      make_jwt(json::object{{"alg", "RS256"}, {"kid", "rsa-2"}}, claims(), keys().rsa.get());
  expect_rejected(token, kUnknownSigningKeyMessage);
  EXPECT_EQ(kUnknownSigningKeyMessage, "unknown signing key");
}

TEST(Jwt, WithoutKidUsesTheOnlyKeyOfTheAlgorithm) {
  EXPECT_TRUE(verify(make_jwt(json::object{{"alg", "RS256"}}, claims(), keys().rsa.get())).ok());
  EXPECT_TRUE(verify(make_jwt(json::object{{"alg", "ES256"}}, claims(), keys().ec.get())).ok());
  expect_rejected(make_jwt(json::object{{"alg", "RS256"}}, claims(), keys().rsa_other.get()),
                  "token signature is invalid");

  const JsonWebKeySet two_rsa =
      JsonWebKeySet::parse(fixtures::jwks_document({fixtures::public_jwk(keys().rsa.get(), "a"),
                                                    fixtures::public_jwk(keys().rsa_other.get(), "b")}))
          .value();
  const Result<VerifiedToken> result = verify_jwt(
      make_jwt(json::object{{"alg", "RS256"}}, claims(), keys().rsa.get()), two_rsa, expectations());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "token header has no key id and several keys could have signed it");
}

TEST(Jwt, RejectsAnEmptyOrNonStringKid) {
  expect_rejected(make_jwt(json::object{{"alg", "RS256"}, {"kid", ""}}, claims(), keys().rsa.get()),
                  "token header has an invalid key id");
  expect_rejected(make_jwt(json::object{{"alg", "RS256"}, {"kid", 1}}, claims(), keys().rsa.get()),
                  "token header has an invalid key id");
}

TEST(Jwt, RejectsCriticalHeaderExtensions) {
  json::object header = rs256_header();
  header["crit"] = json::array{"b64"};
  header["b64"] = false;
  expect_rejected(make_jwt(header, claims(), keys().rsa.get()),
                  "token header has critical extensions we do not support");
}

TEST(Jwt, ExpiryAllowsTheLeewayAndNoMore) {
  json::object payload = claims();
  payload["exp"] = kNow - 30; // expired 30 s ago, leeway 60 s
  EXPECT_TRUE(verify(rs256(payload)).ok());
  payload["exp"] = kNow - 59;
  EXPECT_TRUE(verify(rs256(payload)).ok());
  payload["exp"] = kNow - 60;
  expect_rejected(rs256(payload), "token has expired");
  payload["exp"] = kNow - 3600;
  expect_rejected(rs256(payload), "token has expired");

  TokenExpectations strict = expectations();
  strict.leeway = std::chrono::seconds(0);
  payload["exp"] = kNow;
  expect_rejected(rs256(payload), "token has expired", strict);
  payload["exp"] = kNow + 1;
  EXPECT_TRUE(verify(rs256(payload), strict).ok());
}

TEST(Jwt, ExpiryIsRequiredAndANumber) {
  json::object payload = claims();
  payload.erase("exp");
  expect_rejected(rs256(payload), "token has no expiry time");
  payload["exp"] = std::to_string(kNow + 300);
  expect_rejected(rs256(payload), "token expiry time is not a number");
  payload["exp"] = 1e300;
  expect_rejected(rs256(payload), "token expiry time is not a number");
  payload["exp"] = static_cast<double>(kNow) + 300.5; // RFC 7519: NumericDate may have a fraction
  EXPECT_TRUE(verify(rs256(payload)).ok());
}

TEST(Jwt, NotBeforeInTheFutureIsRejectedBeyondTheLeeway) {
  json::object payload = claims();
  payload["nbf"] = kNow + 60;
  EXPECT_TRUE(verify(rs256(payload)).ok());
  payload["nbf"] = kNow + 61;
  expect_rejected(rs256(payload), "token is not valid yet");
  payload["nbf"] = "soon";
  expect_rejected(rs256(payload), "token not-before time is not a number");
  payload.erase("nbf");
  EXPECT_TRUE(verify(rs256(payload)).ok());
}

TEST(Jwt, IssuedInTheFutureIsRejectedBeyondTheLeeway) {
  json::object payload = claims();
  payload["iat"] = kNow + 60;
  EXPECT_TRUE(verify(rs256(payload)).ok());
  payload["iat"] = kNow + 3600;
  expect_rejected(rs256(payload), "token is issued in the future");
  payload.erase("iat");
  EXPECT_TRUE(verify(rs256(payload)).ok());
}

TEST(Jwt, RejectsAnotherIssuer) {
  json::object payload = claims();
  for (const char* issuer :
       {"https://evil.example.org/realms/plenum", "https://id.example.org/realms/plenum/", ""}) {
    payload["iss"] = issuer;
    expect_rejected(rs256(payload), "token issuer does not match");
  }
  payload["iss"] = json::array{kIssuer};
  expect_rejected(rs256(payload), "token issuer does not match");
  payload.erase("iss");
  expect_rejected(rs256(payload), "token issuer does not match");
}

TEST(Jwt, RejectsAnotherAudience) {
  json::object payload = claims();
  payload["aud"] = "another-client";
  expect_rejected(rs256(payload), "token audience does not match");
  payload.erase("aud");
  expect_rejected(rs256(payload), "token audience does not match");
  payload["aud"] = 5;
  expect_rejected(rs256(payload), "token audience does not match");
}

TEST(Jwt, AudienceArrayMustContainOurs) {
  json::object payload = claims();
  payload["aud"] = json::array{"another-client", kAudience};
  EXPECT_TRUE(verify(rs256(payload)).ok());
  payload["aud"] = json::array{kAudience};
  EXPECT_TRUE(verify(rs256(payload)).ok());
  payload["aud"] = json::array{"another-client", "third"};
  expect_rejected(rs256(payload), "token audience does not match");
  payload["aud"] = json::array{};
  expect_rejected(rs256(payload), "token audience does not match");
}

TEST(Jwt, AuthorizedPartyMustBeUsWhenThereAreSeveralAudiences) {
  json::object payload = claims();
  payload["aud"] = json::array{"another-client", kAudience};
  payload["azp"] = "another-client";
  expect_rejected(rs256(payload), "token authorized party does not match");
  payload["azp"] = kAudience;
  EXPECT_TRUE(verify(rs256(payload)).ok());
  // One audience: azp may name the client that obtained the token for us (Google does this).
  payload["aud"] = kAudience;
  payload["azp"] = "android-client";
  EXPECT_TRUE(verify(rs256(payload)).ok());
}

TEST(Jwt, RejectsAMissingOrEmptySubject) {
  json::object payload = claims();
  payload.erase("sub");
  expect_rejected(rs256(payload), "token has no subject");
  payload["sub"] = "";
  expect_rejected(rs256(payload), "token has no subject");
  payload["sub"] = 12345;
  expect_rejected(rs256(payload), "token has no subject");
}

TEST(Jwt, NonceMustMatchWhenExpected) {
  TokenExpectations expect = expectations();
  expect.nonce = "n-0S6_WzA2Mj";
  json::object payload = claims();
  expect_rejected(rs256(payload), "token nonce does not match", expect);
  payload["nonce"] = "n-0S6_WzA2Mk";
  expect_rejected(rs256(payload), "token nonce does not match", expect);
  payload["nonce"] = "n-0S6_WzA2Mj";
  EXPECT_TRUE(verify(rs256(payload), expect).ok());
  EXPECT_TRUE(verify(rs256(payload)).ok()); // not checked when not expected
}

TEST(Jwt, RejectsMalformedSegments) {
  const std::string message = "token is not a signed JWT (three base64url segments)";
  const std::string token = rs256(claims());
  for (const std::string& bad : {std::string(), std::string("abc"), std::string("a.b"), std::string(".."),
                                 std::string("..sig"), token + ".x", token + ".x.y", "." + token}) {
    expect_rejected(bad, message);
  }
}

TEST(Jwt, RejectsMalformedBase64) {
  const std::string token = rs256(claims());
  const size_t dot = token.find('.');
  expect_rejected("!!" + token, "token header is not valid base64url");
  expect_rejected(token.substr(0, dot) + "=" + token.substr(dot), "token header is not valid base64url");
  expect_rejected(" " + token, "token header is not valid base64url");
  // Standard base64 characters are not base64url (RFC 4648 section 5).
  std::string plus = token;
  plus[1] = '+';
  expect_rejected(plus, "token header is not valid base64url");
  expect_rejected(token + "=", "token signature is invalid");
  expect_rejected(token.substr(0, token.rfind('.') + 1) + "***", "token signature is invalid");
}

TEST(Jwt, RejectsMalformedJson) {
  const std::string payload = base64url(json::serialize(claims()));
  expect_rejected(base64url("{\"alg\":\"RS256\"") + "." + payload + ".sig",
                  "token header is not a JSON object");
  expect_rejected(base64url("[\"RS256\"]") + "." + payload + ".sig", "token header is not a JSON object");
  expect_rejected(base64url("{\"alg\":\"RS256\",\"kid\":\"\xff\"}") + "." + payload + ".sig",
                  "token header is not a JSON object");
  // A correctly signed token whose payload is not a JSON object.
  const std::string header = json::serialize(rs256_header());
  expect_rejected(with_texts(header, "{\"sub\":", keys().rsa.get()), "token payload is not a JSON object");
  expect_rejected(with_texts(header, "\"just a string\"", keys().rsa.get()),
                  "token payload is not a JSON object");
  expect_rejected(with_texts(header, "", keys().rsa.get()),
                  "token is not a signed JWT (three base64url segments)");
}

TEST(Jwt, DuplicateClaimsUseTheLastOne) {
  // RFC 7519 section 4: either reject or take the lexically last member; Boost.JSON takes the last.
  const std::string header = json::serialize(rs256_header());
  std::string payload = json::serialize(claims());
  payload.insert(1, "\"sub\":\"admin\",");
  const Result<VerifiedToken> token = verify(with_texts(header, payload, keys().rsa.get()));
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->subject, "248289761001");
}

TEST(Jwt, RejectsAnOversizedToken) {
  json::object payload = claims();
  payload["padding"] = std::string(kMaxJwtBytes, 'x');
  expect_rejected(rs256(payload), "token is too large");
  expect_rejected(std::string(kMaxJwtBytes + 1, 'a'), "token is too large");
  // Large but within the limit (providers put many groups into tokens).
  payload["padding"] = std::string(kMaxJwtBytes / 2, 'x');
  const std::string token = rs256(payload);
  ASSERT_LE(token.size(), kMaxJwtBytes);
  EXPECT_TRUE(verify(token).ok());
}

TEST(Jwt, NeedsAnIssuerAndAudienceToCompareWith) {
  TokenExpectations expect = expectations();
  expect.audience.clear();
  const Result<VerifiedToken> result = verify(rs256(claims()), expect);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::internal);
}

} // namespace
} // namespace plenum::auth
