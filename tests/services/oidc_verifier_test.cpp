#include "services/oidc_verifier.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include <boost/json.hpp>

#include "auth/fixtures/jws_signer.hpp"
#include "support/oidc_provider.hpp"

namespace plenum::services {
namespace {

using boost::asio::awaitable;
using namespace std::chrono_literals;
namespace jws = plenum::auth::fixtures;
using test::Provider;

constexpr int64_t kNow = 1'800'000'000;

std::string token(EVP_PKEY* key, const std::string& kid, const std::string& issuer,
                  const std::string& sub = "u-1") {
  return jws::make_jwt(boost::json::object{{"alg", "ES256"}, {"kid", kid}, {"typ", "JWT"}},
                       boost::json::object{{"iss", issuer},
                                           {"aud", "plenum"},
                                           {"sub", sub},
                                           {"email", "ada@example.org"},
                                           {"exp", kNow + 300},
                                           {"iat", kNow}},
                       key);
}

OidcVerifier::SteadyTime at(int seconds) { return OidcVerifier::SteadyTime(std::chrono::seconds(seconds)); }

TEST(OidcVerifier, DiscoversTheKeySetAndVerifiesTokens) {
  Provider provider;
  auto key = jws::generate_ec_p256_key();
  provider.publish(jws::jwks_document({jws::public_jwk(key.get(), "k1")}));
  OidcVerifier verifier({provider.issuer(), "plenum"});
  auto verified = verifier.verify(token(key.get(), "k1", provider.issuer()), kNow, at(0));
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_EQ(verified->subject, "u-1");
  EXPECT_EQ(verified->email, "ada@example.org");
  // The key set is cached.
  EXPECT_TRUE(verifier.verify(token(key.get(), "k1", provider.issuer(), "u-2"), kNow, at(1)).ok());
  EXPECT_EQ(provider.jwks_requests(), 1);
}

TEST(OidcVerifier, FollowsKeyRotationButRateLimitsRefreshes) {
  Provider provider;
  auto old_key = jws::generate_ec_p256_key();
  auto new_key = jws::generate_ec_p256_key();
  provider.publish(jws::jwks_document({jws::public_jwk(old_key.get(), "old")}));
  OidcVerifier verifier({provider.issuer(), "plenum"});
  ASSERT_TRUE(verifier.verify(token(old_key.get(), "old", provider.issuer()), kNow, at(0)).ok());
  provider.publish(jws::jwks_document({jws::public_jwk(new_key.get(), "new")}));
  // Within the interval an unknown kid does not refetch ...
  auto early = verifier.verify(token(new_key.get(), "new", provider.issuer()), kNow, at(10));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().message, auth::kUnknownSigningKeyMessage);
  EXPECT_EQ(provider.jwks_requests(), 1);
  // ... after it, the rotated key set is fetched and the token accepted.
  auto later = verifier.verify(token(new_key.get(), "new", provider.issuer()), kNow, at(61));
  ASSERT_TRUE(later.ok()) << later.error().message;
  EXPECT_EQ(provider.jwks_requests(), 2);
  // A made-up kid right after does not cause another fetch.
  EXPECT_FALSE(verifier.verify(token(new_key.get(), "forged", provider.issuer()), kNow, at(62)).ok());
  EXPECT_EQ(provider.jwks_requests(), 2);
}

TEST(OidcVerifier, RejectsTokensOfOtherIssuersAndKeys) {
  Provider provider;
  auto key = jws::generate_ec_p256_key();
  auto stranger = jws::generate_ec_p256_key();
  provider.publish(jws::jwks_document({jws::public_jwk(key.get(), "k1")}));
  OidcVerifier verifier({provider.issuer(), "plenum"});
  EXPECT_EQ(verifier.verify(token(key.get(), "k1", "https://evil.example"), kNow, at(0)).error().code,
            ErrorCode::unauthenticated);
  EXPECT_EQ(verifier.verify(token(stranger.get(), "k1", provider.issuer()), kNow, at(0)).error().code,
            ErrorCode::unauthenticated);
}

TEST(OidcVerifier, DiscoveryMustNameTheConfiguredIssuer) {
  Provider provider;
  provider.set_discovery_issuer("https://someone-else.example");
  OidcVerifier verifier({provider.issuer(), "plenum"});
  auto key = jws::generate_ec_p256_key();
  auto r = verifier.verify(token(key.get(), "k1", provider.issuer()), kNow, at(0));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::unavailable);
  EXPECT_THAT(r.error().message, ::testing::HasSubstr("names another issuer"));
}

TEST(OidcVerifier, UnreachableProviderIsUnavailable) {
  OidcVerifier verifier({"http://127.0.0.1:1", "plenum", std::nullopt, 500ms});
  auto key = jws::generate_ec_p256_key();
  auto r = verifier.verify(token(key.get(), "k1", "http://127.0.0.1:1"), kNow, at(0));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::unavailable);
}

} // namespace
} // namespace plenum::services
