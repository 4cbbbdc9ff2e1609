#include "auth/password.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/common_passwords.hpp"

namespace plenum::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view kEmail = "anna.schmidt@example.org";
constexpr std::string_view kName = "Anna Schmidt";

// The message of the rejection, or "" when the password is accepted.
std::string rejection(std::string_view password, std::string_view email = kEmail,
                      std::string_view name = kName, const PasswordPolicy& policy = {}) {
  auto result = check_new_password(password, email, name, policy);
  if (result) return "";
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
  return result.error().message;
}

TEST(Password, HashVerifiesTheSamePasswordOnly) {
  auto hash = hash_password("violet tractor sings");
  ASSERT_TRUE(hash.ok());
  EXPECT_THAT(*hash, StartsWith("$argon2id$"));
  EXPECT_THAT(*hash, HasSubstr("m=65536,t=3,p=1"));
  EXPECT_TRUE(verify_password("violet tractor sings", *hash));
  EXPECT_FALSE(verify_password("violet tractor sing", *hash));
  EXPECT_FALSE(verify_password("Violet tractor sings", *hash));
  EXPECT_FALSE(verify_password("", *hash));
}

TEST(Password, SamePasswordHashesDifferentlyEachTime) {
  auto first = hash_password("violet tractor sings");
  auto second = hash_password("violet tractor sings");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*first, *second); // fresh salt
  EXPECT_TRUE(verify_password("violet tractor sings", *second));
}

TEST(Password, EmptyAndNonAsciiPasswordsRoundTrip) {
  auto empty = hash_password("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(verify_password("", *empty));
  auto umlauts = hash_password("\xC3\xA4\xC3\xB6\xC3\xBC gr\xC3\xBC\xC3\x9F\x65");
  ASSERT_TRUE(umlauts.ok());
  EXPECT_TRUE(verify_password("\xC3\xA4\xC3\xB6\xC3\xBC gr\xC3\xBC\xC3\x9F\x65", *umlauts));
}

TEST(Password, MalformedHashesNeverVerify) {
  auto hash = hash_password("violet tractor sings");
  ASSERT_TRUE(hash.ok());
  const std::string truncated = hash->substr(0, hash->size() - 5);
  std::string altered = *hash;
  char& middle = altered[altered.size() - 10]; // inside the base64 of the hash
  middle = middle == 'A' ? 'B' : 'A';
  std::string with_nul = *hash;
  with_nul.insert(10, 1, '\0');
  for (const std::string& bad :
       {std::string(), std::string("$argon2id$"), std::string("plain text"), truncated, altered, with_nul,
        std::string("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"),
        std::string(4096, '$')}) {
    EXPECT_FALSE(verify_password("violet tractor sings", bad)) << bad;
  }
}

TEST(Password, FreshHashNeedsNoRehashButOthersDo) {
  auto hash = hash_password("violet tractor sings");
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(needs_rehash(*hash));
  EXPECT_TRUE(needs_rehash(""));
  EXPECT_TRUE(needs_rehash("not a hash"));
  // The same password hashed with weaker parameters (t=2, 64 MiB).
  std::string weaker = *hash;
  weaker.replace(weaker.find("t=3"), 3, "t=2");
  EXPECT_TRUE(needs_rehash(weaker));
}

TEST(Password, AcceptsAGoodPassphrase) {
  EXPECT_EQ(rejection("violet tractor sings at midnight"), "");
  EXPECT_EQ(rejection("Tr0mb0ne-Kaffee-42"), "");
}

TEST(Password, RejectsShortPasswordsCountingCodePoints) {
  EXPECT_EQ(rejection("short"), "The password must be at least 10 characters long.");
  EXPECT_EQ(rejection("nine char"), "The password must be at least 10 characters long.");
  // "äöüäöüäöü": 9 code points but 18 bytes.
  EXPECT_EQ(rejection("\xC3\xA4\xC3\xB6\xC3\xBC\xC3\xA4\xC3\xB6\xC3\xBC\xC3\xA4\xC3\xB6\xC3\xBC"),
            "The password must be at least 10 characters long.");
  // "äöüäöüäöüä": 10 code points.
  EXPECT_EQ(rejection("\xC3\xA4\xC3\xB6\xC3\xBC\xC3\xA4\xC3\xB6\xC3\xBC\xC3\xA4\xC3\xB6\xC3\xBC\xC3\xA4"),
            "");
  EXPECT_EQ(rejection("violet", kEmail, kName, PasswordPolicy{.min_length = 6}), "");
}

TEST(Password, RejectsLongPasswordsCountingCodePoints) {
  EXPECT_EQ(rejection(std::string(255, 'x') + "y"), "");
  EXPECT_EQ(rejection(std::string(255, 'x') + "yz"), "The password must be at most 256 characters long.");
  std::string euros; // 256 code points, 768 bytes
  for (int i = 0; i < 128; ++i) euros += "\xE2\x82\xAC$";
  EXPECT_EQ(rejection(euros), "");
  EXPECT_EQ(rejection(euros + "$"), "The password must be at most 256 characters long.");
  EXPECT_EQ(rejection("violet tractor", kEmail, kName, PasswordPolicy{.max_length = 12}),
            "The password must be at most 12 characters long.");
}

TEST(Password, RejectsInvalidUtf8) {
  EXPECT_EQ(rejection("violet tractor \xFF sings"), "The password is not valid UTF-8 text.");
  EXPECT_EQ(rejection("violet tractor \xC3"), "The password is not valid UTF-8 text.");
}

TEST(Password, RejectsTheEmailLocalPart) {
  const std::string_view message = "The password must not contain your e-mail address.";
  EXPECT_EQ(rejection("anna.schmidt", kEmail, "Someone Else"), message);
  EXPECT_EQ(rejection("ANNA.SCHMIDT", kEmail, "Someone Else"), message);
  EXPECT_EQ(rejection("my anna.schmidt 2024", kEmail, "Someone Else"), message);
  EXPECT_EQ(rejection("schmidt2024!", kEmail, "Someone Else"), message); // a word of the local part
  EXPECT_EQ(rejection("violet tractor sings", "violet.tractor.sings@example.org", ""), message);
  // A short word of the local part only matters when it is the whole password.
  EXPECT_EQ(rejection("enjoyable tractor", "jo.x@example.org", ""), "");
}

TEST(Password, RejectsTheName) {
  const std::string_view message = "The password must not contain your name.";
  EXPECT_EQ(rejection("anna schmidt", "a1@example.org", kName), message);
  EXPECT_EQ(rejection("Anna Schmidt", "a1@example.org", kName), message);
  EXPECT_EQ(rejection("xx-anna schmidt-xx", "a1@example.org", kName), message);
  EXPECT_EQ(rejection("SCHMIDT-family-2024", "a1@example.org", kName), message);
  EXPECT_EQ(rejection("enjoyable tractor", "a1@example.org", "Jo Li"), "");
}

TEST(Password, RejectsCommonPasswords) {
  const std::string_view message =
      "This password is one of the most commonly used passwords; choose another one.";
  EXPECT_EQ(rejection("password123"), message);
  EXPECT_EQ(rejection("PassWord123"), message);
  EXPECT_EQ(rejection("qwertyuiop"), message);
  EXPECT_EQ(rejection("1q2w3e4r5t"), message);
  EXPECT_EQ(rejection("ichliebedich"), message);
}

TEST(Password, RejectsOneRepeatedCharacter) {
  const std::string_view message = "The password must not be one repeated character.";
  EXPECT_EQ(rejection("zzzzzzzzzzzz"), message);
  EXPECT_EQ(rejection("zZzZzZzZzZzZ"), message);
  EXPECT_EQ(rejection("\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4"),
            message); // "ää...ä"
  EXPECT_EQ(rejection("zzzzzzzzzzzy"), "");
}

TEST(Password, RejectsSimpleRuns) {
  const std::string_view message =
      "The password must not be a simple sequence such as \"1234567890\" or \"abcdefghij\".";
  EXPECT_EQ(rejection("2345678901"), message);
  EXPECT_EQ(rejection("3210987654"), message);
  EXPECT_EQ(rejection("bcdefghijklm"), message);
  EXPECT_EQ(rejection("ZYXWVUTSRQ"), message);
  EXPECT_EQ(rejection("2468024680"), ""); // steps of two are not a simple run
  EXPECT_EQ(rejection("uvwxyzabcd"), ""); // letters do not wrap around
}

TEST(CommonPasswords, MatchesCaseInsensitively) {
  EXPECT_TRUE(is_common_password("123456"));
  EXPECT_TRUE(is_common_password("password"));
  EXPECT_TRUE(is_common_password("PASSWORD"));
  EXPECT_TRUE(is_common_password("Passwort123"));
  EXPECT_TRUE(is_common_password("qwertz"));
  EXPECT_TRUE(is_common_password("1234567890"));
}

TEST(CommonPasswords, DoesNotMatchOtherPasswords) {
  EXPECT_FALSE(is_common_password(""));
  EXPECT_FALSE(is_common_password("violet tractor sings"));
  EXPECT_FALSE(is_common_password("password1234567"));
  EXPECT_FALSE(is_common_password(" password"));
  EXPECT_FALSE(is_common_password(std::string(1000, 'a')));
}

} // namespace
} // namespace plenum::auth
