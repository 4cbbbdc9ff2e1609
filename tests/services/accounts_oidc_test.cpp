#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/fixtures/jws_signer.hpp"
#include "services/accounts.hpp"
#include "support/oidc_provider.hpp"
#include "support/store.hpp"
#include "support/temp_dir.hpp"

namespace plenum::services {
namespace {

namespace jws = plenum::auth::fixtures;
constexpr int64_t kNow = 1'800'000'000;

class AccountsOidcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::migrated_store(dir_.path());
    ASSERT_TRUE(store_);
    provider_.publish(jws::jwks_document({jws::public_jwk(key_.get(), "k1")}));
    verifier_ = std::make_unique<OidcVerifier>(OidcSettings{provider_.issuer(), "plenum"});
    accounts_ = std::make_unique<Accounts>(*store_, AccountsOptions{}, verifier_.get());
  }
  std::string token(const std::string& sub, const std::string& email, bool verified,
                    const std::string& name) {
    return jws::make_jwt(boost::json::object{{"alg", "ES256"}, {"kid", "k1"}},
                         boost::json::object{{"iss", provider_.issuer()},
                                             {"aud", "plenum"},
                                             {"sub", sub},
                                             {"email", email},
                                             {"email_verified", verified},
                                             {"name", name},
                                             {"exp", kNow + 300}},
                         key_.get());
  }
  Now now() { return Now{kNow, std::chrono::steady_clock::time_point(std::chrono::seconds(1))}; }

  test::TempDir dir_;
  test::Provider provider_;
  auth::EvpPkeyPtr key_ = jws::generate_ec_p256_key();
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<OidcVerifier> verifier_;
  std::unique_ptr<Accounts> accounts_;
};

TEST_F(AccountsOidcTest, FirstSignInCreatesTheAccountLaterOnesUpdateIt) {
  auto first = accounts_->authenticate(token("sub-1", "Ada@Example.org", true, "Ada Lovelace"), now());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->email, "ada@example.org");
  EXPECT_EQ(first->display_name, "Ada Lovelace");
  EXPECT_FALSE(first->password_hash.has_value()); // no password: signs in through the provider only
  auto again = accounts_->authenticate(token("sub-1", "ada@example.org", true, "Countess Ada"), now());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->display_name, "Countess Ada");
  EXPECT_EQ(store_->users().list(10, 0)->size(), 1u);
}

TEST_F(AccountsOidcTest, ExistingAccountIsLinkedOnlyWithAVerifiedAddress) {
  ASSERT_TRUE(
      accounts_->create_user("grace@navy.example", "Grace", "compilers are my favourite", false).ok());
  auto unverified = accounts_->authenticate(token("sub-2", "grace@navy.example", false, "G"), now());
  ASSERT_FALSE(unverified.ok());
  EXPECT_EQ(unverified.error().code, ErrorCode::conflict);
  auto linked = accounts_->authenticate(token("sub-2", "grace@navy.example", true, "Grace Hopper"), now());
  ASSERT_TRUE(linked.ok()) << linked.error().message;
  EXPECT_EQ(linked->oidc_subject, "sub-2");
  EXPECT_TRUE(linked->password_hash.has_value()); // the built-in sign-in still works
}

TEST_F(AccountsOidcTest, DisabledAccountsAndBadTokensAreRefused) {
  auto user = accounts_->authenticate(token("sub-3", "eve@example.org", true, "Eve"), now());
  ASSERT_TRUE(user.ok());
  ASSERT_TRUE(accounts_->disable("eve@example.org").ok());
  EXPECT_EQ(accounts_->authenticate(token("sub-3", "eve@example.org", true, "Eve"), now()).error().code,
            ErrorCode::unauthenticated);
  EXPECT_EQ(accounts_->authenticate("not-a-jwt", now()).error().code, ErrorCode::unauthenticated);
  auto no_mail = accounts_->authenticate(token("sub-4", "", true, "Nobody"), now());
  EXPECT_EQ(no_mail.error().code, ErrorCode::unauthenticated);
}

TEST_F(AccountsOidcTest, LeanTokensProvisionTheAccountFromUserinfo) {
  provider_.set_userinfo(200, boost::json::serialize(boost::json::object{{"sub", "sub-5"},
                                                                         {"email", "Lin@Example.org"},
                                                                         {"email_verified", true},
                                                                         {"given_name", "Lin"},
                                                                         {"family_name", "Yu"}}));
  const std::string lean = jws::make_jwt(
      boost::json::object{{"alg", "ES256"}, {"kid", "k1"}},
      boost::json::object{
          {"iss", provider_.issuer()}, {"aud", "plenum"}, {"sub", "sub-5"}, {"exp", kNow + 300}},
      key_.get());
  auto user = accounts_->authenticate(lean, now());
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_EQ(user->email, "lin@example.org");
  EXPECT_EQ(user->display_name, "Lin Yu");
  EXPECT_EQ(user->oidc_subject, "sub-5");
  // Every API request with the same token: no further userinfo request.
  ASSERT_TRUE(accounts_->authenticate(lean, now()).ok());
  EXPECT_EQ(provider_.userinfo_requests(), 1);

  provider_.set_userinfo(401, R"({"error":"invalid_token"})");
  const std::string refused = jws::make_jwt(
      boost::json::object{{"alg", "ES256"}, {"kid", "k1"}},
      boost::json::object{
          {"iss", provider_.issuer()}, {"aud", "plenum"}, {"sub", "sub-6"}, {"exp", kNow + 300}},
      key_.get());
  auto r = accounts_->authenticate(refused, now());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::unauthenticated);
  EXPECT_THAT(r.error().message, ::testing::HasSubstr("userinfo"));
}

} // namespace
} // namespace plenum::services
