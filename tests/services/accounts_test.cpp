#include "services/accounts.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/totp.hpp"
#include "support/store.hpp"
#include "support/temp_dir.hpp"

namespace plenum::services {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::migrated_store(dir_.path());
    ASSERT_TRUE(store_);
    AccountsOptions options;
    options.session_ttl = 1h;
    accounts_ = std::make_unique<Accounts>(*store_, options);
    auto ada = accounts_->create_user("Ada@Example.org ", "Ada Lovelace", kPassword, false);
    ASSERT_TRUE(ada.ok()) << ada.error().message;
  }
  Now at(int64_t seconds) {
    return Now{1'800'000'000 + seconds, std::chrono::steady_clock::time_point(std::chrono::seconds(seconds))};
  }
  Result<LoginResult> login(const std::string& email, const std::string& password, int64_t t = 0,
                            std::string ip = "192.0.2.1") {
    return accounts_->login({email, password, std::nullopt, std::move(ip)}, at(t));
  }

  static constexpr const char* kPassword = "correct horse battery staple";
  test::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<Accounts> accounts_;
};

TEST_F(AccountsTest, InputIsNormalisedAndValidated) {
  EXPECT_EQ(*normalize_email("  Grace@Navy.Example "), "grace@navy.example");
  for (const char* bad : {"", "no-at-sign", "@example.org", "a@b", "a@@b.org", "a b@c.org", "a@b.org."}) {
    auto r = normalize_email(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "email");
  }
  EXPECT_EQ(*normalize_display_name("  Ada  "), "Ada");
  EXPECT_FALSE(normalize_display_name("").ok());
  EXPECT_FALSE(normalize_display_name("tab\tinside").ok());
  EXPECT_FALSE(normalize_display_name(std::string(101, 'x')).ok());
  EXPECT_TRUE(normalize_display_name(std::string(100, 'x')).ok());
}

TEST_F(AccountsTest, CreateRejectsWeakPasswordsAndDuplicates) {
  auto weak = accounts_->create_user("grace@navy.example", "Grace", "password123", false);
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().field, "password");
  auto dup = accounts_->create_user("ADA@example.org", "Ada 2", "another long passphrase", false);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
}

TEST_F(AccountsTest, LoginIssuesATokenThatAuthenticatesUntilLogout) {
  auto session = login("ada@example.org", kPassword);
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_THAT(session->access_token, ::testing::StartsWith("plm_"));
  EXPECT_EQ(session->expires_at, at(0).unix_seconds + 3600);
  auto who = accounts_->authenticate(session->access_token, at(10));
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->email, "ada@example.org");
  ASSERT_TRUE(accounts_->logout(session->access_token).ok());
  EXPECT_EQ(accounts_->authenticate(session->access_token, at(11)).error().code, ErrorCode::unauthenticated);
}

TEST_F(AccountsTest, TokensExpire) {
  auto session = login("ada@example.org", kPassword);
  ASSERT_TRUE(session.ok());
  EXPECT_TRUE(accounts_->authenticate(session->access_token, at(3599)).ok());
  EXPECT_FALSE(accounts_->authenticate(session->access_token, at(3600)).ok());
  EXPECT_FALSE(accounts_->authenticate("plm_forged", at(1)).ok());
  EXPECT_FALSE(accounts_->authenticate("", at(1)).ok());
}

TEST_F(AccountsTest, UnknownAccountAndWrongPasswordLookTheSame) {
  auto wrong = login("ada@example.org", "not the password at all");
  auto unknown = login("nobody@example.org", "not the password at all");
  auto garbage = login("not an address", "x");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(wrong.error(), unknown.error());
  EXPECT_EQ(wrong.error(), garbage.error());
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
}

TEST_F(AccountsTest, RepeatedFailuresAreThrottledPerAccountAndPerAddress) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(login("ada@example.org", "wrong", i).error().code, ErrorCode::unauthenticated);
  // The fourth failure starts the delay: even the right password waits now.
  EXPECT_EQ(login("ada@example.org", "wrong", 3).error().code, ErrorCode::unauthenticated);
  auto blocked = login("ada@example.org", kPassword, 3, "198.51.100.7");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::too_many_requests);
  EXPECT_GT(blocked.error().retry_after_seconds, 0);
  // From the same address, other accounts are throttled too.
  EXPECT_EQ(login("other@example.org", "x", 3).error().code, ErrorCode::too_many_requests);
  // After the delay the right password works and resets the account's counter.
  EXPECT_TRUE(login("ada@example.org", kPassword, 3 + 120, "198.51.100.7").ok());
}

TEST_F(AccountsTest, DisabledAccountsCannotSignInAndLoseTheirSessions) {
  auto session = login("ada@example.org", kPassword);
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(accounts_->disable("ADA@example.org").ok());
  EXPECT_FALSE(accounts_->authenticate(session->access_token, at(1)).ok());
  EXPECT_EQ(login("ada@example.org", kPassword, 2, "203.0.113.9").error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(accounts_->disable("nobody@example.org").error().code, ErrorCode::not_found);
}

TEST_F(AccountsTest, ProfileUpdatesAreValidated) {
  auto id = (**store_->users().find_by_email("ada@example.org")).id;
  auto updated = accounts_->update_profile(id, {" Countess Ada ", "de", "high_contrast"});
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->display_name, "Countess Ada");
  EXPECT_EQ(updated->language, "de");
  EXPECT_EQ(updated->theme, "high_contrast");
  EXPECT_EQ(accounts_->update_profile(id, {std::nullopt, "fr", std::nullopt}).error().field, "language");
  EXPECT_EQ(accounts_->update_profile(id, {std::nullopt, std::nullopt, "neon"}).error().field, "theme");
}

TEST_F(AccountsTest, SecondFactorIsEnrolledConfirmedAndRequired) {
  auto ada = **store_->users().find_by_email("ada@example.org");
  auto enrollment = accounts_->begin_totp(ada);
  EXPECT_THAT(enrollment.uri, ::testing::StartsWith("otpauth://totp/"));
  auto key = auth::base32_decode(enrollment.secret);
  ASSERT_TRUE(key.ok());
  const Now now = at(0);
  EXPECT_EQ(accounts_->confirm_totp(ada, enrollment.secret, "000000", now).error().field, "code");
  ASSERT_TRUE(
      accounts_->confirm_totp(ada, enrollment.secret, auth::totp_code(*key, now.unix_seconds), now).ok());
  // Now the password alone is not enough.
  auto without = login("ada@example.org", kPassword, 10);
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().code, ErrorCode::second_factor_required);
  const Now later = at(60);
  auto with = accounts_->login(
      {"ada@example.org", kPassword, auth::totp_code(*key, later.unix_seconds), "192.0.2.1"}, later);
  ASSERT_TRUE(with.ok()) << with.error().message;
  // The same code cannot be used twice.
  auto replay = accounts_->login(
      {"ada@example.org", kPassword, auth::totp_code(*key, later.unix_seconds), "192.0.2.2"}, later);
  EXPECT_EQ(replay.error().code, ErrorCode::unauthenticated);
  ada = **store_->users().find_by_email("ada@example.org");
  const Now much_later = at(300);
  ASSERT_TRUE(accounts_->disable_totp(ada, auth::totp_code(*key, much_later.unix_seconds), much_later).ok());
  EXPECT_TRUE(login("ada@example.org", kPassword, 310, "192.0.2.3").ok());
}

} // namespace
} // namespace plenum::services
