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

// An access token with only the registered claims, as lean providers issue them.
std::string lean_token(EVP_PKEY* key, const std::string& issuer, const std::string& sub = "u-1",
                       int64_t exp = kNow + 300) {
  return jws::make_jwt(boost::json::object{{"alg", "ES256"}, {"kid", "k1"}, {"typ", "at+jwt"}},
                       boost::json::object{{"iss", issuer}, {"aud", "plenum"}, {"sub", sub}, {"exp", exp}},
                       key);
}

std::string userinfo(const std::string& sub) {
  return boost::json::serialize(boost::json::object{{"sub", sub},
                                                    {"email", "ada@example.org"},
                                                    {"email_verified", true},
                                                    {"given_name", "Ada"},
                                                    {"family_name", "Lovelace"},
                                                    {"groups", boost::json::array{"council", "finance"}}});
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

class OidcUserinfo : public ::testing::Test {
 protected:
  void SetUp() override { provider_.publish(jws::jwks_document({jws::public_jwk(key_.get(), "k1")})); }
  auth::VerifiedToken verified(OidcVerifier& verifier, const std::string& compact) {
    auto v = verifier.verify(compact, kNow, at(0));
    EXPECT_TRUE(v.ok()) << v.error().message;
    return v.ok() ? *v : auth::VerifiedToken{};
  }

  Provider provider_;
  auth::EvpPkeyPtr key_ = jws::generate_ec_p256_key();
};

TEST_F(OidcUserinfo, LeanTokensAreCompletedFromUserinfoOncePerToken) {
  provider_.set_userinfo(200, userinfo("u-1"));
  OidcVerifier verifier({provider_.issuer(), "plenum"});
  const std::string compact = lean_token(key_.get(), provider_.issuer());
  auto t = verified(verifier, compact);
  ASSERT_TRUE(verifier.complete_profile(compact, t, kNow).ok());
  EXPECT_EQ(t.email, "ada@example.org");
  EXPECT_TRUE(t.email_verified);
  EXPECT_EQ(t.given_name, "Ada");
  EXPECT_EQ(t.family_name, "Lovelace");
  EXPECT_THAT(t.groups, ::testing::ElementsAre("council", "finance"));
  EXPECT_TRUE(t.claims.contains("email"));
  EXPECT_EQ(provider_.last_userinfo_authorization(), "Bearer " + compact); // RFC 6750 2.1
  // The same token again: answered from the cache.
  auto again = verified(verifier, compact);
  ASSERT_TRUE(verifier.complete_profile(compact, again, kNow + 10).ok());
  EXPECT_EQ(again.email, "ada@example.org");
  EXPECT_EQ(provider_.userinfo_requests(), 1);
  EXPECT_EQ(verifier.userinfo_fetches(), 1);
  // Another token is another request; after its expiry a token is not answered from the cache.
  const std::string other = lean_token(key_.get(), provider_.issuer(), "u-1", kNow + 60);
  auto o = verified(verifier, other);
  ASSERT_TRUE(verifier.complete_profile(other, o, kNow).ok());
  EXPECT_EQ(provider_.userinfo_requests(), 2);
  auto late = verified(verifier, other);
  ASSERT_TRUE(verifier.complete_profile(other, late, kNow + 61).ok());
  EXPECT_EQ(provider_.userinfo_requests(), 3);
}

TEST_F(OidcUserinfo, TokensWithAProfileDoNotAskAndTheTokenWins) {
  provider_.set_userinfo(200, userinfo("u-1"));
  OidcVerifier verifier({provider_.issuer(), "plenum"});
  const std::string full = token(key_.get(), "k1", provider_.issuer()); // has an e-mail address, no name
  auto t = verified(verifier, full);
  t.name = "Ada from the token";
  ASSERT_TRUE(verifier.complete_profile(full, t, kNow).ok());
  EXPECT_EQ(provider_.userinfo_requests(), 0);
  // E-mail but no name: userinfo fills in the names, the token's address stays.
  provider_.set_userinfo(200, boost::json::serialize(boost::json::object{
                                  {"sub", "u-1"}, {"email", "other@example.org"}, {"name", "Ada L."}}));
  auto named = verified(verifier, full);
  ASSERT_TRUE(verifier.complete_profile(full, named, kNow).ok());
  EXPECT_EQ(named.email, "ada@example.org");
  EXPECT_EQ(named.name, "Ada L.");
  EXPECT_EQ(provider_.userinfo_requests(), 1);
}

TEST_F(OidcUserinfo, AnswersForAnotherSubjectOrInAnotherFormAreRefused) {
  OidcVerifier verifier({provider_.issuer(), "plenum"});
  provider_.set_userinfo(200, userinfo("someone-else"));
  const std::string a = lean_token(key_.get(), provider_.issuer(), "u-1");
  auto t = verified(verifier, a);
  auto r = verifier.complete_profile(a, t, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::unauthenticated);
  EXPECT_THAT(r.error().message, ::testing::HasSubstr("another subject"));
  EXPECT_TRUE(t.email.empty()); // nothing of that answer was used

  provider_.set_userinfo(200, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "application/jwt");
  const std::string b = lean_token(key_.get(), provider_.issuer(), "u-2");
  auto tb = verified(verifier, b);
  r = verifier.complete_profile(b, tb, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::unauthenticated);
  EXPECT_THAT(r.error().message, ::testing::HasSubstr("application/jwt"));

  provider_.set_userinfo(200, "[1,2]");
  const std::string c = lean_token(key_.get(), provider_.issuer(), "u-3");
  auto tc = verified(verifier, c);
  EXPECT_EQ(verifier.complete_profile(c, tc, kNow).error().code, ErrorCode::unauthenticated);
}

TEST_F(OidcUserinfo, RefusalsAreCachedUnavailabilityIsNot) {
  OidcVerifier verifier({provider_.issuer(), "plenum"});
  provider_.set_userinfo(401, R"({"error":"invalid_token"})");
  const std::string refused = lean_token(key_.get(), provider_.issuer(), "u-1");
  auto t = verified(verifier, refused);
  for (int i = 0; i < 2; ++i) {
    auto r = verifier.complete_profile(refused, t, kNow);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::unauthenticated);
    EXPECT_THAT(r.error().message, ::testing::HasSubstr("userinfo endpoint refused the access token (401)"));
    EXPECT_THAT(r.error().message, ::testing::Not(::testing::HasSubstr(refused)));
  }
  EXPECT_EQ(provider_.userinfo_requests(), 1);

  provider_.set_userinfo(503, "{}");
  const std::string unlucky = lean_token(key_.get(), provider_.issuer(), "u-2");
  auto u = verified(verifier, unlucky);
  EXPECT_EQ(verifier.complete_profile(unlucky, u, kNow).error().code, ErrorCode::unavailable);
  provider_.set_userinfo(200, userinfo("u-2"));
  ASSERT_TRUE(verifier.complete_profile(unlucky, u, kNow).ok()); // asked again, now answered
  EXPECT_EQ(u.email, "ada@example.org");
  EXPECT_EQ(provider_.userinfo_requests(), 3);
}

TEST_F(OidcUserinfo, OversizeAnswersAreRefused) {
  OidcVerifier verifier({provider_.issuer(), "plenum"});
  boost::json::object big{
      {"sub", "u-1"}, {"email", "ada@example.org"}, {"padding", std::string(kMaxUserinfoBytes, 'x')}};
  provider_.set_userinfo(200, boost::json::serialize(big));
  const std::string compact = lean_token(key_.get(), provider_.issuer());
  auto t = verified(verifier, compact);
  auto r = verifier.complete_profile(compact, t, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::unavailable);
  EXPECT_TRUE(t.email.empty());
}

TEST_F(OidcUserinfo, WithoutAnEndpointTheTokenStaysAsItIs) {
  provider_.remove_userinfo_endpoint();
  OidcVerifier verifier({provider_.issuer(), "plenum"});
  const std::string compact = lean_token(key_.get(), provider_.issuer());
  auto t = verified(verifier, compact);
  ASSERT_TRUE(verifier.complete_profile(compact, t, kNow).ok());
  EXPECT_TRUE(t.email.empty());
  EXPECT_EQ(provider_.userinfo_requests(), 0);
}

TEST_F(OidcUserinfo, TheCacheIsBoundedAndDropsTheTokenThatExpiresFirst) {
  provider_.set_userinfo(200, userinfo("u-1"));
  OidcSettings settings{provider_.issuer(), "plenum"};
  settings.max_userinfo_cache_entries = 2;
  OidcVerifier verifier(settings);
  const std::string soon = lean_token(key_.get(), provider_.issuer(), "u-1", kNow + 100);
  const std::string later = lean_token(key_.get(), provider_.issuer(), "u-1", kNow + 200);
  const std::string latest = lean_token(key_.get(), provider_.issuer(), "u-1", kNow + 300);
  for (const auto* compact : {&soon, &later, &latest}) {
    auto t = verified(verifier, *compact);
    ASSERT_TRUE(verifier.complete_profile(*compact, t, kNow).ok());
  }
  EXPECT_EQ(provider_.userinfo_requests(), 3);
  auto t = verified(verifier, later);
  ASSERT_TRUE(verifier.complete_profile(later, t, kNow).ok()); // still cached
  EXPECT_EQ(provider_.userinfo_requests(), 3);
  t = verified(verifier, soon);
  ASSERT_TRUE(verifier.complete_profile(soon, t, kNow).ok()); // was dropped: asked again
  EXPECT_EQ(provider_.userinfo_requests(), 4);
}

} // namespace
} // namespace plenum::services
