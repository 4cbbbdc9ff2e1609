#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/store.hpp"
#include "support/temp_dir.hpp"

namespace plenum::storage {
namespace {

class UsersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::migrated_store(dir_.path());
    ASSERT_TRUE(store_);
  }
  User add(const std::string& email, const std::string& name) {
    auto u = store_->users().create({email, name, "$argon2id$fake", false});
    EXPECT_TRUE(u.ok()) << u.error().message;
    return *u;
  }
  test::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(UsersTest, CreateAndFind) {
  User ada = add("ada@example.org", "Ada Lovelace");
  EXPECT_EQ(ada.id.size(), 36u);
  EXPECT_EQ(ada.id[14], '4'); // UUID version 4
  EXPECT_EQ(ada.language, "en");
  EXPECT_EQ(ada.theme, "system");
  EXPECT_FALSE(ada.disabled);
  EXPECT_EQ(ada.created_at.size(), 20u);
  auto by_email = store_->users().find_by_email("ada@example.org");
  ASSERT_TRUE(by_email.ok() && by_email->has_value());
  EXPECT_EQ((*by_email)->id, ada.id);
  EXPECT_EQ((*by_email)->password_hash, "$argon2id$fake");
  EXPECT_FALSE(store_->users().find_by_email("nobody@example.org")->has_value());
}

TEST_F(UsersTest, DuplicateEmailIsAConflictNamingTheField) {
  add("ada@example.org", "Ada");
  auto again = store_->users().create({"ada@example.org", "Other", std::nullopt, false});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().field, "email");
}

TEST_F(UsersTest, SchemaRejectsUnnormalisedEmail) {
  auto r = store_->users().create({"Ada@Example.org", "Ada", std::nullopt, false});
  ASSERT_FALSE(r.ok());
}

TEST_F(UsersTest, SearchMatchesNameOrEmailAndSkipsDisabled) {
  add("ada@example.org", "Ada Lovelace");
  User grace = add("grace@navy.example", "Grace Hopper");
  add("alan@example.org", "Alan Turing");
  auto found = store_->users().search("LOVE", 10);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().email, "ada@example.org");
  EXPECT_EQ(store_->users().search("navy", 10)->size(), 1u);
  EXPECT_EQ(store_->users().search("example", 10)->size(), 3u);
  EXPECT_EQ(store_->users().search("example", 2)->size(), 2u);
  EXPECT_EQ(store_->users().search("%", 10)->size(), 0u); // LIKE wildcards are literal
  ASSERT_TRUE(store_->users().set_disabled(grace.id, true).ok());
  EXPECT_EQ(store_->users().search("navy", 10)->size(), 0u);
}

TEST_F(UsersTest, ProfileUpdateChangesOnlyGivenFields) {
  User ada = add("ada@example.org", "Ada");
  ASSERT_TRUE(store_->users().update_profile(ada.id, {std::nullopt, "de", std::nullopt}).ok());
  auto u = **store_->users().find_by_id(ada.id);
  EXPECT_EQ(u.language, "de");
  EXPECT_EQ(u.display_name, "Ada");
  EXPECT_FALSE(store_->users().update_profile(ada.id, {std::nullopt, "fr", std::nullopt}).ok());
  auto missing = store_->users().update_profile("00000000-0000-4000-8000-000000000000", {"X", {}, {}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_F(UsersTest, SessionsExpireAndFollowTheirUser) {
  User ada = add("ada@example.org", "Ada");
  const std::string h1(64, 'a'), h2(64, 'b');
  ASSERT_TRUE(store_->sessions().create({h1, ada.id, 100, 200}).ok());
  ASSERT_TRUE(store_->sessions().create({h2, ada.id, 100, 300}).ok());
  auto s = store_->sessions().find(h1);
  ASSERT_TRUE(s.ok() && s->has_value());
  EXPECT_EQ((*s)->user_id, ada.id);
  EXPECT_EQ(*store_->sessions().remove_expired(250), 1);
  EXPECT_FALSE(store_->sessions().find(h1)->has_value());
  ASSERT_TRUE(store_->sessions().remove_for_user(ada.id).ok());
  EXPECT_FALSE(store_->sessions().find(h2)->has_value());
  // A session needs an existing user (foreign key).
  EXPECT_FALSE(store_->sessions().create({h1, "00000000-0000-4000-8000-000000000000", 1, 2}).ok());
}

TEST_F(UsersTest, ListPagesInEmailOrder) {
  add("c@example.org", "C");
  add("a@example.org", "A");
  add("b@example.org", "B");
  auto page = store_->users().list(2, 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].email, "b@example.org");
  EXPECT_EQ((*page)[1].email, "c@example.org");
}

} // namespace
} // namespace plenum::storage
