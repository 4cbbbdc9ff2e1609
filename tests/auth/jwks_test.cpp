#include "auth/jwks.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "auth/fixtures/jws_signer.hpp"
#include "auth/jwt.hpp"

namespace plenum::auth {
namespace {

namespace json = boost::json;
using fixtures::base64url;
using fixtures::public_jwk;

struct Keys {
  EvpPkeyPtr rsa = fixtures::generate_rsa_key();
  EvpPkeyPtr rsa_next = fixtures::generate_rsa_key();
  EvpPkeyPtr rsa_1024 = fixtures::generate_rsa_key(1024);
  EvpPkeyPtr ec = fixtures::generate_ec_p256_key();
};

const Keys& keys() {
  static const Keys instance;
  return instance;
}

json::object with(json::object jwk, std::initializer_list<std::pair<std::string_view, json::value>> members) {
  for (const auto& [name, value] : members) jwk[name] = value;
  return jwk;
}

// A JSON string value from any text (the initializer lists below need json::value).
json::value text(std::string_view s) { return json::string(json::string_view(s.data(), s.size())); }

// The parsed set of a document the test knows to be usable.
JsonWebKeySet parse_ok(std::string_view document) {
  Result<JsonWebKeySet> set = JsonWebKeySet::parse(document);
  EXPECT_TRUE(set.ok()) << set.error().message;
  return std::move(set).value();
}

json::object without(json::object jwk, std::string_view name) {
  jwk.erase(name);
  return jwk;
}

// The reason the key with `kid` was ignored, or "" when it was not.
std::string ignored_reason(const JsonWebKeySet& set, std::string_view kid) {
  for (const IgnoredKey& key : set.ignored()) {
    if (key.kid == kid) return key.reason;
  }
  return "";
}

void expect_document_error(std::string_view document, std::string_view message) {
  const Result<JsonWebKeySet> set = JsonWebKeySet::parse(document);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code, ErrorCode::unavailable);
  EXPECT_EQ(set.error().message, "identity provider key set: " + std::string(message));
}

TEST(Jwks, ParsesARealisticDocument) {
  // Shaped like Keycloak's and Azure AD's: signature keys with extra members, an encryption
  // key, a key type we do not support, and a key too weak to trust.
  const std::string document = fixtures::jwks_document({
      with(public_jwk(keys().rsa.get(), "rsa-2024"),
           {{"use", "sig"}, {"alg", "RS256"}, {"x5t", "aGVsbG8"}, {"x5c", json::array{"MIIC..."}}}),
      with(public_jwk(keys().ec.get(), "ec-2024"), {{"use", "sig"}, {"alg", "ES256"}}),
      with(public_jwk(keys().rsa_next.get(), "rsa-enc"), {{"use", "enc"}, {"alg", "RSA-OAEP"}}),
      json::object{{"kty", "OKP"},
                   {"crv", "Ed25519"},
                   {"kid", "ed-1"},
                   {"x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}},
      json::object{{"kty", "oct"}, {"kid", "hmac"}, {"k", "c2VjcmV0"}},
      with(public_jwk(keys().rsa_1024.get(), "weak"), {{"use", "sig"}}),
  });
  const Result<JsonWebKeySet> set = JsonWebKeySet::parse(document);
  ASSERT_TRUE(set.ok()) << set.error().message;
  ASSERT_EQ(set->keys().size(), 2u);

  const PublicKey* rsa = set->find("rsa-2024", "RS256");
  ASSERT_NE(rsa, nullptr);
  EXPECT_EQ(rsa->kid(), "rsa-2024");
  EXPECT_EQ(rsa->algorithm(), JwsAlgorithm::rs256);
  EXPECT_EQ(EVP_PKEY_get_bits(rsa->evp()), 2048);
  const PublicKey* ec = set->find("ec-2024", "ES256");
  ASSERT_NE(ec, nullptr);
  EXPECT_EQ(ec->algorithm(), JwsAlgorithm::es256);

  EXPECT_EQ(set->find("rsa-enc", "RS256"), nullptr);
  EXPECT_EQ(set->find("weak", "RS256"), nullptr);
  EXPECT_EQ(ignored_reason(*set, "rsa-enc"), "\"use\" is not \"sig\"");
  EXPECT_EQ(ignored_reason(*set, "ed-1"), "kty \"OKP\" is not supported");
  EXPECT_EQ(ignored_reason(*set, "hmac"), "kty \"oct\" is not supported");
  EXPECT_EQ(ignored_reason(*set, "weak"), "RSA modulus of 1024 bits is below 2048");
  EXPECT_EQ(set->ignored().size(), 4u);
}

TEST(Jwks, FindMatchesKidAndAlgorithm) {
  const JsonWebKeySet set = parse_ok(
      fixtures::jwks_document({public_jwk(keys().rsa.get(), "rsa"), public_jwk(keys().ec.get(), "ec")}));
  EXPECT_NE(set.find("rsa", "RS256"), nullptr);
  EXPECT_EQ(set.find("rsa", "ES256"), nullptr);
  EXPECT_EQ(set.find("ec", "RS256"), nullptr);
  for (const char* alg : {"HS256", "none", "PS256", "rs256", ""}) {
    EXPECT_EQ(set.find("rsa", alg), nullptr) << alg;
  }
  EXPECT_EQ(set.find("other", "RS256"), nullptr);
  EXPECT_TRUE(set.contains_kid("ec"));
  EXPECT_FALSE(set.contains_kid("other"));
  EXPECT_FALSE(set.contains_kid(""));
}

TEST(Jwks, WithoutKidFindsTheOnlyKeyOfTheAlgorithm) {
  const JsonWebKeySet one_each = parse_ok(
      fixtures::jwks_document({public_jwk(keys().rsa.get(), ""), public_jwk(keys().ec.get(), "ec")}));
  ASSERT_NE(one_each.find("", "RS256"), nullptr);
  EXPECT_EQ(one_each.find("", "RS256")->kid(), "");
  EXPECT_EQ(one_each.find("", "ES256")->kid(), "ec");

  const JsonWebKeySet two_rsa = parse_ok(
      fixtures::jwks_document({public_jwk(keys().rsa.get(), "a"), public_jwk(keys().rsa_next.get(), "b")}));
  EXPECT_EQ(two_rsa.find("", "RS256"), nullptr);
  EXPECT_EQ(two_rsa.find("", "ES256"), nullptr);
}

TEST(Jwks, TheSameKidMayNameKeysOfDifferentTypes) {
  // RFC 7517 section 4.5 allows it for equivalent alternatives of different key types.
  const JsonWebKeySet set = parse_ok(
      fixtures::jwks_document({public_jwk(keys().rsa.get(), "k1"), public_jwk(keys().ec.get(), "k1")}));
  ASSERT_EQ(set.keys().size(), 2u);
  EXPECT_EQ(set.find("k1", "RS256")->algorithm(), JwsAlgorithm::rs256);
  EXPECT_EQ(set.find("k1", "ES256")->algorithm(), JwsAlgorithm::es256);
}

TEST(Jwks, ADuplicateKidOfTheSameTypeKeepsTheFirstKey) {
  const JsonWebKeySet set = parse_ok(
      fixtures::jwks_document({public_jwk(keys().rsa.get(), "k1"), public_jwk(keys().rsa_next.get(), "k1")}));
  ASSERT_EQ(set.keys().size(), 1u);
  EXPECT_EQ(ignored_reason(set, "k1"), "duplicate kid for RS256");
  EXPECT_EQ(EVP_PKEY_eq(set.find("k1", "RS256")->evp(), keys().rsa.get()), 1);
}

TEST(Jwks, KeyRotationFindsTheNewKidAfterReparsing) {
  TokenExpectations expect;
  expect.issuer = "https://id.example.org";
  expect.audience = "plenum";
  expect.now = 1'700'000'000;
  const json::object claims{
      {"iss", expect.issuer}, {"aud", expect.audience}, {"sub", "u1"}, {"exp", expect.now + 60}};
  const std::string token =
      fixtures::make_jwt(json::object{{"alg", "RS256"}, {"kid", "2025"}}, claims, keys().rsa_next.get());

  const JsonWebKeySet before = parse_ok(fixtures::jwks_document({public_jwk(keys().rsa.get(), "2024")}));
  EXPECT_EQ(before.find("2025", "RS256"), nullptr);
  const Result<VerifiedToken> stale = verify_jwt(token, before, expect);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().message, kUnknownSigningKeyMessage);

  // The provider publishes the new key next to the old one: a refetched set verifies.
  const JsonWebKeySet after = parse_ok(fixtures::jwks_document(
      {public_jwk(keys().rsa.get(), "2024"), public_jwk(keys().rsa_next.get(), "2025")}));
  EXPECT_NE(after.find("2025", "RS256"), nullptr);
  const Result<VerifiedToken> fresh = verify_jwt(token, after, expect);
  ASSERT_TRUE(fresh.ok()) << fresh.error().message;
  EXPECT_EQ(fresh->subject, "u1");
}

TEST(Jwks, RejectsUnusableDocuments) {
  expect_document_error("", "not a JSON object with a \"keys\" array");
  expect_document_error("{\"keys\": [", "not a JSON object with a \"keys\" array");
  expect_document_error("[]", "not a JSON object with a \"keys\" array");
  expect_document_error("{}", "not a JSON object with a \"keys\" array");
  expect_document_error("{\"keys\": {}}", "not a JSON object with a \"keys\" array");
  expect_document_error("{\"keys\": []}", "no usable RS256 or ES256 signature key");
  expect_document_error(fixtures::jwks_document({with(public_jwk(keys().rsa.get(), "e"), {{"use", "enc"}})}),
                        "no usable RS256 or ES256 signature key");
}

TEST(Jwks, LimitsTheDocumentSizeAndKeyCount) {
  const json::object ec = public_jwk(keys().ec.get(), "");
  json::array list;
  for (size_t i = 0; i < kMaxJwksKeys; ++i)
    list.emplace_back(with(ec, {{"kid", text("k" + std::to_string(i))}}));
  std::string document = json::serialize(json::object{{"keys", list}});
  ASSERT_LE(document.size(), kMaxJwksBytes);
  const Result<JsonWebKeySet> fifty = JsonWebKeySet::parse(document);
  ASSERT_TRUE(fifty.ok()) << fifty.error().message;
  EXPECT_EQ(fifty->keys().size(), kMaxJwksKeys);

  list.emplace_back(with(ec, {{"kid", "one-too-many"}}));
  expect_document_error(json::serialize(json::object{{"keys", list}}), "more than 50 keys");

  const std::string padded = "{\"keys\":[" + json::serialize(with(ec, {{"kid", "k"}})) + "]," + "\"x\":\"" +
                             std::string(kMaxJwksBytes, 'x') + "\"}";
  expect_document_error(padded, "larger than 65536 bytes");
}

TEST(Jwks, IgnoresMalformedKeys) {
  const json::object rsa = public_jwk(keys().rsa.get(), "");
  const json::object ec = public_jwk(keys().ec.get(), "");
  const std::string n = std::string(json::value_to<std::string>(rsa.at("n")));
  const std::string document = fixtures::jwks_document({
      with(rsa, {{"kid", "good"}}),
      with(rsa, {{"kid", "n-not-base64"}, {"n", text(n + "==")}}),
      without(with(rsa, {{"kid", "no-e"}}), "e"),
      with(rsa, {{"kid", "e-even"}, {"e", text(base64url(std::string_view("\x01\x00\x02", 3)))}}),
      with(rsa, {{"kid", "e-one"}, {"e", text(base64url("\x01"))}}),
      with(rsa, {{"kid", "n-huge"}, {"n", text(base64url(std::string(1200, '\x7f')))}}),
      with(rsa, {{"kid", "rs384"}, {"alg", "RS384"}}),
      with(rsa, {{"kid", "alg-es256"}, {"alg", "ES256"}}),
      with(rsa, {{"kid", "ops-encrypt"}, {"key_ops", json::array{"encrypt"}}}),
      with(rsa, {{"kid", "use-number"}, {"use", 1}}),
      with(ec, {{"kid", "p384"}, {"crv", "P-384"}}),
      with(ec, {{"kid", "x-short"}, {"x", text(base64url(std::string(31, '\x01')))}}),
      with(ec, {{"kid", "off-curve"},
                {"x", text(base64url(std::string(32, '\x01')))},
                {"y", text(base64url(std::string(32, '\x02')))}}),
      json::object{{"kid", "no-kty"}},
  });
  json::value parsed = json::parse(document);
  parsed.as_object()["keys"].as_array().emplace_back(42);
  parsed.as_object()["keys"].as_array().emplace_back(with(rsa, {{"kid", 7}}));
  const Result<JsonWebKeySet> set = JsonWebKeySet::parse(json::serialize(parsed));
  ASSERT_TRUE(set.ok()) << set.error().message;
  ASSERT_EQ(set->keys().size(), 1u);
  EXPECT_EQ(set->keys()[0].kid(), "good");

  EXPECT_EQ(ignored_reason(*set, "n-not-base64"), "RSA key \"n\" or \"e\" is not base64url");
  EXPECT_EQ(ignored_reason(*set, "no-e"), "RSA key needs string members \"n\" and \"e\"");
  EXPECT_EQ(ignored_reason(*set, "e-even"), "RSA exponent \"e\" is not a valid public exponent");
  EXPECT_EQ(ignored_reason(*set, "e-one"), "RSA exponent \"e\" is not a valid public exponent");
  EXPECT_EQ(ignored_reason(*set, "n-huge"), "RSA modulus of 9599 bits is above 8192");
  EXPECT_EQ(ignored_reason(*set, "rs384"), "alg \"RS384\" is not supported for kty \"RSA\"");
  EXPECT_EQ(ignored_reason(*set, "alg-es256"), "alg \"ES256\" is not supported for kty \"RSA\"");
  EXPECT_EQ(ignored_reason(*set, "ops-encrypt"), "\"key_ops\" does not allow \"verify\"");
  EXPECT_EQ(ignored_reason(*set, "use-number"), "\"kty\", \"use\" or \"alg\" is not a string");
  EXPECT_EQ(ignored_reason(*set, "p384"), "EC curve is not \"P-256\"");
  EXPECT_EQ(ignored_reason(*set, "x-short"), "EC \"x\" and \"y\" must be 32 bytes of base64url");
  EXPECT_EQ(ignored_reason(*set, "off-curve"), "EC point is not on the P-256 curve");
  EXPECT_EQ(ignored_reason(*set, "no-kty"), "no \"kty\"");
  EXPECT_EQ(ignored_reason(*set, ""), "not a JSON object");
}

TEST(Jwks, ToleratesALeadingZeroOctetInTheModulus) {
  json::object jwk = public_jwk(keys().rsa.get(), "k");
  const std::optional<std::string> n = decode_base64url(json::value_to<std::string>(jwk.at("n")));
  ASSERT_TRUE(n.has_value());
  jwk["n"] = base64url(std::string(1, '\0') + *n);
  const Result<JsonWebKeySet> set = JsonWebKeySet::parse(fixtures::jwks_document({jwk}));
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(EVP_PKEY_eq(set->keys()[0].evp(), keys().rsa.get()), 1);
}

TEST(Jwks, KeyOpsWithVerifyIsKept) {
  const Result<JsonWebKeySet> set = JsonWebKeySet::parse(fixtures::jwks_document(
      {with(public_jwk(keys().ec.get(), "k"), {{"key_ops", json::array{"verify"}}})}));
  ASSERT_TRUE(set.ok()) << set.error().message;
}

TEST(Base64Url, DecodesTheUrlSafeAlphabetWithoutPadding) {
  EXPECT_EQ(decode_base64url(""), std::string());
  EXPECT_EQ(decode_base64url("Zm9vYmFy"), "foobar");
  EXPECT_EQ(decode_base64url("Zm9vYg"), "foob");
  EXPECT_EQ(decode_base64url("-_-_"), std::string("\xfb\xff\xbf", 3));
}

TEST(Base64Url, RejectsPaddingOtherAlphabetsAndImpossibleLengths) {
  EXPECT_EQ(decode_base64url("Zm9vYg=="), std::nullopt);
  EXPECT_EQ(decode_base64url("+/+/"), std::nullopt);
  EXPECT_EQ(decode_base64url("Zm9vY"), std::nullopt);  // 5 characters cannot encode whole bytes
  EXPECT_EQ(decode_base64url("Zm9vYh"), std::nullopt); // non-zero trailing bits (not canonical)
  EXPECT_EQ(decode_base64url("Zm9v Yg"), std::nullopt);
  EXPECT_EQ(decode_base64url(std::string_view("Zm9v\0Yg", 7)), std::nullopt);
}

} // namespace
} // namespace plenum::auth
