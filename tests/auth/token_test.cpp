#include "auth/token.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace plenum::auth {
namespace {

using ::testing::MatchesRegex;
using ::testing::StartsWith;

TEST(Token, KeepsThePrefixAndHas43UrlSafeCharacters) {
  const IssuedToken issued = issue_token("plsess_");
  EXPECT_THAT(issued.token, StartsWith("plsess_"));
  ASSERT_EQ(issued.token.size(), std::string("plsess_").size() + 43);
  EXPECT_THAT(issued.token.substr(7), MatchesRegex("[A-Za-z0-9_-]{43}"));
}

TEST(Token, WorksWithoutPrefix) {
  const IssuedToken issued = issue_token("");
  EXPECT_EQ(issued.token.size(), 43u);
  EXPECT_EQ(issued.token.find('='), std::string::npos);
}

TEST(Token, ThousandTokensAreAllDistinct) {
  std::set<std::string> tokens;
  std::set<std::string> hashes;
  for (int i = 0; i < 1000; ++i) {
    const IssuedToken issued = issue_token("t_");
    tokens.insert(issued.token);
    hashes.insert(issued.hash);
  }
  EXPECT_EQ(tokens.size(), 1000u);
  EXPECT_EQ(hashes.size(), 1000u);
}

TEST(Token, HashIsLowercaseHexSha256OfTheWholeToken) {
  const IssuedToken issued = issue_token("plsess_");
  EXPECT_THAT(issued.hash, MatchesRegex("[0-9a-f]{64}"));
  EXPECT_EQ(issued.hash, hash_token(issued.token));
  EXPECT_NE(issued.hash, hash_token(issued.token.substr(7))); // the prefix is hashed too
}

TEST(Token, HashTokenMatchesKnownSha256) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(hash_token("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hash_token(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_NE(hash_token("plsess_a"), hash_token("plsess_b"));
}

TEST(Token, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("", "a"));
  const IssuedToken issued = issue_token("x_");
  EXPECT_TRUE(constant_time_equal(issued.hash, hash_token(issued.token)));
}

} // namespace
} // namespace plenum::auth
