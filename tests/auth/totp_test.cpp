#include "auth/totp.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

namespace plenum::auth {
namespace {

using ::testing::MatchesRegex;

std::vector<uint8_t> bytes(std::string_view text) { return {text.begin(), text.end()}; }

std::string decoded_text(std::string_view base32) {
  auto decoded = base32_decode(base32);
  EXPECT_TRUE(decoded.ok()) << base32;
  if (!decoded) return "<error>";
  return {decoded->begin(), decoded->end()};
}

// The RFC 6238 Appendix B key for SHA1, "12345678901234567890", in base32.
std::string rfc_secret() { return base32_encode(bytes("12345678901234567890")); }

TEST(Totp, MatchesRfc6238TestVectorsForSha1) {
  const auto key = bytes("12345678901234567890");
  EXPECT_EQ(totp_code(key, 59, 8), "94287082");
  EXPECT_EQ(totp_code(key, 1111111109, 8), "07081804");
  EXPECT_EQ(totp_code(key, 1111111111, 8), "14050471");
  EXPECT_EQ(totp_code(key, 1234567890, 8), "89005924");
  EXPECT_EQ(totp_code(key, 2000000000, 8), "69279037");
  EXPECT_EQ(totp_code(key, 20000000000, 8), "65353130");
}

TEST(Totp, SixDigitCodesAreTheLastSixDigits) {
  const auto key = bytes("12345678901234567890");
  EXPECT_EQ(totp_code(key, 59), "287082");
  EXPECT_EQ(totp_code(key, 1111111109), "081804"); // keeps the leading zero
  EXPECT_EQ(totp_code(key, 1111111109, 7), "7081804");
}

TEST(Totp, Base32MatchesRfc4648TestVectors) {
  EXPECT_EQ(base32_encode(bytes("")), "");
  EXPECT_EQ(base32_encode(bytes("f")), "MY");
  EXPECT_EQ(base32_encode(bytes("fo")), "MZXQ");
  EXPECT_EQ(base32_encode(bytes("foo")), "MZXW6");
  EXPECT_EQ(base32_encode(bytes("foob")), "MZXW6YQ");
  EXPECT_EQ(base32_encode(bytes("fooba")), "MZXW6YTB");
  EXPECT_EQ(base32_encode(bytes("foobar")), "MZXW6YTBOI");

  EXPECT_EQ(decoded_text("MY======"), "f");
  EXPECT_EQ(decoded_text("MZXQ===="), "fo");
  EXPECT_EQ(decoded_text("MZXW6==="), "foo");
  EXPECT_EQ(decoded_text("MZXW6YQ="), "foob");
  EXPECT_EQ(decoded_text("MZXW6YTB"), "fooba");
  EXPECT_EQ(decoded_text("MZXW6YTBOI======"), "foobar");
  EXPECT_EQ(decoded_text(""), "");
}

TEST(Totp, Base32DecodeAcceptsLowerCaseSpacesAndMissingPadding) {
  EXPECT_EQ(decoded_text("MZXW6YTBOI"), "foobar");
  EXPECT_EQ(decoded_text("mzxw6ytboi"), "foobar");
  EXPECT_EQ(decoded_text("mzxw 6ytb oi"), "foobar");
  EXPECT_EQ(decoded_text(" MZXW 6YTB OI== ==== "), "foobar");
}

TEST(Totp, Base32DecodeRejectsInvalidInput) {
  for (const std::string_view bad :
       {"MZXW6YTB0I", "MZXW6YTB1I", "MZ=XW6YTBOI", "MZXW-6YTB", "M", "MZX", "MZXW6Y"}) {
    auto decoded = base32_decode(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.error().code, ErrorCode::invalid_argument);
  }
}

TEST(Totp, Base32RoundTripsEveryLength) {
  std::vector<uint8_t> data;
  for (int length = 0; length < 64; ++length) {
    auto decoded = base32_decode(base32_encode(data));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, data);
    data.push_back(static_cast<uint8_t>(length * 37 + 11));
  }
}

TEST(Totp, GeneratedSecretsAre160BitsOfBase32) {
  const std::string secret = generate_totp_secret();
  EXPECT_THAT(secret, MatchesRegex("[A-Z2-7]{32}"));
  auto key = base32_decode(secret);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->size(), 20u);
  EXPECT_NE(generate_totp_secret(), secret);
}

TEST(Totp, VerifyAcceptsCodesWithinOneStep) {
  const auto key = bytes("12345678901234567890");
  const int64_t now = 1111111111; // step 37037037
  const int64_t step = now / 30;
  EXPECT_EQ(verify_totp(rfc_secret(), totp_code(key, now), now, 0), step);
  EXPECT_EQ(verify_totp(rfc_secret(), totp_code(key, now - 30), now, 0), step - 1);
  EXPECT_EQ(verify_totp(rfc_secret(), totp_code(key, now + 30), now, 0), step + 1);
  // The secret may be given as the user typed it.
  std::string typed = rfc_secret();
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(verify_totp(typed.substr(0, 8) + " " + typed.substr(8), totp_code(key, now), now, 0), step);
}

TEST(Totp, VerifyRejectsCodesOutsideTheWindow) {
  const auto key = bytes("12345678901234567890");
  const int64_t now = 1111111111;
  EXPECT_EQ(verify_totp(rfc_secret(), totp_code(key, now - 60), now, 0), std::nullopt);
  EXPECT_EQ(verify_totp(rfc_secret(), totp_code(key, now + 60), now, 0), std::nullopt);
  EXPECT_EQ(verify_totp(rfc_secret(), totp_code(key, now + 30), now, 0, 0), std::nullopt);
  EXPECT_EQ(verify_totp(rfc_secret(), totp_code(key, now + 60), now, 0, 2), now / 30 + 2);
}

TEST(Totp, VerifyRejectsReuseOfAStep) {
  const auto key = bytes("12345678901234567890");
  const int64_t now = 1111111111;
  const std::string code = totp_code(key, now);
  const auto step = verify_totp(rfc_secret(), code, now, 0);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(verify_totp(rfc_secret(), code, now, *step), std::nullopt);     // replay
  EXPECT_EQ(verify_totp(rfc_secret(), code, now + 5, *step), std::nullopt); // replay, a bit later
  EXPECT_EQ(verify_totp(rfc_secret(), totp_code(key, now - 30), now, *step), std::nullopt);   // older step
  EXPECT_EQ(verify_totp(rfc_secret(), totp_code(key, now + 30), now + 30, *step), *step + 1); // next code
}

TEST(Totp, VerifyRejectsMalformedCodesAndSecrets) {
  const auto key = bytes("12345678901234567890");
  const int64_t now = 1111111111;
  const std::string code = totp_code(key, now);
  for (const std::string& bad : {std::string(), code.substr(0, 5), code + "0", " " + code.substr(1),
                                 code.substr(0, 3) + " " + code.substr(3), std::string("12a456"),
                                 std::string("-12345"), totp_code(key, now, 8)}) {
    EXPECT_EQ(verify_totp(rfc_secret(), bad, now, 0), std::nullopt) << bad;
  }
  EXPECT_EQ(verify_totp("not base32!", code, now, 0), std::nullopt);
  EXPECT_EQ(verify_totp("", code, now, 0), std::nullopt);
  // An 80-bit key is below RFC 4226's 128-bit minimum.
  const auto short_key = bytes("1234567890");
  EXPECT_EQ(verify_totp(base32_encode(short_key), totp_code(short_key, now), now, 0), std::nullopt);
}

TEST(Totp, UriPercentEncodesLabelAndParameters) {
  EXPECT_EQ(totp_uri("JBSWY3DPEHPK3PXP", "anna@example.org", "Plenum"),
            "otpauth://totp/Plenum:anna%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Plenum");
  EXPECT_EQ(totp_uri("JBSWY3DPEHPK3PXP", "j\xC3\xBCrgen m+x@example.org", "Stadt K\xC3\xB6ln & Rat"),
            "otpauth://totp/Stadt%20K%C3%B6ln%20%26%20Rat:j%C3%BCrgen%20m%2Bx%40example.org"
            "?secret=JBSWY3DPEHPK3PXP&issuer=Stadt%20K%C3%B6ln%20%26%20Rat");
  EXPECT_EQ(totp_uri("JBSWY3DPEHPK3PXP", "a:b?c", ""), "otpauth://totp/a%3Ab%3Fc?secret=JBSWY3DPEHPK3PXP");
}

} // namespace
} // namespace plenum::auth
