#include "auth/jwt.hpp"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

namespace plenum::auth {
namespace {

namespace json = boost::json;

constexpr size_t kEs256CoordinateBytes = 32; // RFC 7518 3.4: R and S, 32 octets each

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
struct EcdsaSigDeleter {
  void operator()(ECDSA_SIG* sig) const noexcept { ECDSA_SIG_free(sig); }
};
struct BignumDeleter {
  void operator()(BIGNUM* bn) const noexcept { BN_free(bn); }
};

Error fail(std::string_view message) { return make_error(ErrorCode::unauthenticated, std::string(message)); }

std::string_view view_of(const json::string& s) noexcept { return {s.data(), s.size()}; }

const unsigned char* unsigned_bytes(std::string_view bytes) noexcept {
  return reinterpret_cast<const unsigned char*>(bytes.data());
}

std::optional<json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

// RFC 7518 section 3.4: JWS carries R || S; OpenSSL verifies the DER form (SEC 1 / X9.62).
std::optional<std::string> es256_raw_to_der(std::string_view raw) {
  if (raw.size() != 2 * kEs256CoordinateBytes) return std::nullopt;
  const std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(ECDSA_SIG_new());
  std::unique_ptr<BIGNUM, BignumDeleter> r(BN_bin2bn(unsigned_bytes(raw), kEs256CoordinateBytes, nullptr));
  std::unique_ptr<BIGNUM, BignumDeleter> s(
      BN_bin2bn(unsigned_bytes(raw.substr(kEs256CoordinateBytes)), kEs256CoordinateBytes, nullptr));
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return std::nullopt;
  (void)r.release(); // owned by sig now
  (void)s.release();
  const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (length <= 0) return std::nullopt;
  std::string der(static_cast<size_t>(length), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(sig.get(), &out) != length) return std::nullopt;
  return der;
}

bool signature_valid(const PublicKey& key, std::string_view signing_input, std::string_view signature) {
  std::optional<std::string> der;
  if (key.algorithm() == JwsAlgorithm::es256) {
    der = es256_raw_to_der(signature);
    if (!der) return false;
    signature = *der;
  } else if (signature.size() != static_cast<size_t>(EVP_PKEY_get_size(key.evp()))) {
    return false; // RFC 8017 8.2.2 step 1: exactly the modulus length
  }
  const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pkey_ctx = nullptr; // owned by ctx
  bool valid = ctx && EVP_DigestVerifyInit_ex(ctx.get(), &pkey_ctx, "SHA256", nullptr, nullptr, key.evp(),
                                              nullptr) == 1;
  if (valid && key.algorithm() == JwsAlgorithm::rs256) {
    valid = EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PADDING) == 1; // not PSS: that is PS256
  }
  valid = valid && EVP_DigestVerify(ctx.get(), unsigned_bytes(signature), signature.size(),
                                    unsigned_bytes(signing_input), signing_input.size()) == 1;
  // A rejected signature leaves errors queued; they must not surface in unrelated TLS code.
  ERR_clear_error();
  return valid;
}

// RFC 7519 section 2 NumericDate: seconds since the epoch, possibly with a fraction.
std::optional<int64_t> numeric_date(const json::value& value) noexcept {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64()) {
    if (value.get_uint64() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(value.get_uint64());
  }
  if (value.is_double()) {
    const double seconds = std::floor(value.get_double());
    constexpr double kLimit = 9.0e18; // well inside int64_t, far beyond any real date
    if (!(seconds > -kLimit && seconds < kLimit)) return std::nullopt;
    return static_cast<int64_t>(seconds);
  }
  return std::nullopt;
}

int64_t saturating_add(int64_t a, int64_t b) noexcept {
  int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
}

// An optional string claim: absent or null is empty; any other type is an error.
Result<std::string> string_claim(const json::object& claims, std::string_view name) {
  const json::value* value = claims.if_contains(name);
  if (value == nullptr || value->is_null()) return std::string();
  if (const json::string* text = value->if_string(); text != nullptr) return std::string(view_of(*text));
  return fail("token claim \"" + std::string(name) + "\" is not a string");
}

Result<bool> email_verified_claim(const json::object& claims) {
  const json::value* value = claims.if_contains("email_verified");
  if (value == nullptr || value->is_null()) return false;
  if (value->is_bool()) return value->get_bool();
  // Some providers (Amazon Cognito, older Azure AD) send the boolean as a string.
  if (const json::string* text = value->if_string(); text != nullptr) {
    if (view_of(*text) == "true") return true;
    if (view_of(*text) == "false") return false;
  }
  return fail("token claim \"email_verified\" is not a boolean");
}

Result<std::vector<std::string>> groups_claim(const json::object& claims) {
  std::vector<std::string> groups;
  const json::value* value = claims.if_contains("groups");
  if (value == nullptr || value->is_null()) return groups;
  if (const json::string* one = value->if_string(); one != nullptr) {
    groups.emplace_back(view_of(*one));
    return groups;
  }
  const json::array* list = value->if_array();
  if (list == nullptr) return fail("token claim \"groups\" is not a list of strings");
  for (const json::value& entry : *list) {
    const json::string* group = entry.if_string();
    if (group == nullptr) return fail("token claim \"groups\" is not a list of strings");
    groups.emplace_back(view_of(*group));
  }
  return groups;
}

// RFC 7519 4.1.3 and OpenID Connect Core 3.1.3.7 items 3 to 5.
Result<void> check_audience(const json::object& claims, std::string_view audience) {
  const json::value* aud = claims.if_contains("aud");
  if (aud == nullptr) return fail("token audience does not match");
  if (const json::string* one = aud->if_string(); one != nullptr) {
    if (view_of(*one) != audience) return fail("token audience does not match");
    return {};
  }
  const json::array* list = aud->if_array();
  if (list == nullptr || std::none_of(list->begin(), list->end(), [&](const json::value& entry) {
        return entry.is_string() && view_of(entry.get_string()) == audience;
      })) {
    return fail("token audience does not match");
  }
  // With several audiences, the party the token was issued to must be us.
  if (const json::value* azp = claims.if_contains("azp"); azp != nullptr && list->size() > 1) {
    if (!azp->is_string() || view_of(azp->get_string()) != audience) {
      return fail("token authorized party does not match");
    }
  }
  return {};
}

// RFC 7519 4.1.4, 4.1.5, 4.1.6, each with the configured clock skew.
Result<int64_t> check_times(const json::object& claims, const TokenExpectations& expect) {
  const int64_t leeway = expect.leeway.count();
  const json::value* exp = claims.if_contains("exp");
  if (exp == nullptr) return fail("token has no expiry time");
  const std::optional<int64_t> expires_at = numeric_date(*exp);
  if (!expires_at) return fail("token expiry time is not a number");
  if (*expires_at <= saturating_add(expect.now, -leeway)) return fail("token has expired");

  const int64_t latest = saturating_add(expect.now, leeway);
  if (const json::value* nbf = claims.if_contains("nbf"); nbf != nullptr) {
    const std::optional<int64_t> not_before = numeric_date(*nbf);
    if (!not_before) return fail("token not-before time is not a number");
    if (*not_before > latest) return fail("token is not valid yet");
  }
  if (const json::value* iat = claims.if_contains("iat"); iat != nullptr) {
    const std::optional<int64_t> issued_at = numeric_date(*iat);
    if (!issued_at) return fail("token issue time is not a number");
    if (*issued_at > latest) return fail("token is issued in the future");
  }
  return *expires_at;
}

Result<VerifiedToken> check_claims(json::object claims, const TokenExpectations& expect) {
  const json::value* iss = claims.if_contains("iss");
  if (iss == nullptr || !iss->is_string() || view_of(iss->get_string()) != expect.issuer) {
    return fail("token issuer does not match");
  }
  if (Result<void> audience = check_audience(claims, expect.audience); !audience) return audience.error();
  Result<int64_t> expires_at = check_times(claims, expect);
  if (!expires_at) return expires_at.error();

  const json::value* sub = claims.if_contains("sub");
  if (sub == nullptr || !sub->is_string() || sub->get_string().empty()) return fail("token has no subject");
  if (!expect.nonce.empty()) {
    // The nonce is not secret (it travelled in the authorization request), but comparing in
    // constant time costs nothing.
    const json::value* nonce = claims.if_contains("nonce");
    const bool match =
        nonce != nullptr && nonce->is_string() && nonce->get_string().size() == expect.nonce.size() &&
        CRYPTO_memcmp(nonce->get_string().data(), expect.nonce.data(), expect.nonce.size()) == 0;
    if (!match) return fail("token nonce does not match");
  }

  VerifiedToken token;
  token.issuer = expect.issuer;
  token.subject = std::string(view_of(sub->get_string()));
  token.expires_at = *expires_at;
  const std::pair<std::string_view, std::string*> strings[] = {
      {"email", &token.email},
      {"name", &token.name},
      {"given_name", &token.given_name},
      {"family_name", &token.family_name},
      {"preferred_username", &token.preferred_username},
  };
  for (const auto& [name, field] : strings) {
    Result<std::string> value = string_claim(claims, name);
    if (!value) return value.error();
    *field = std::move(*value);
  }
  Result<bool> email_verified = email_verified_claim(claims);
  if (!email_verified) return email_verified.error();
  token.email_verified = *email_verified;
  Result<std::vector<std::string>> groups = groups_claim(claims);
  if (!groups) return groups.error();
  token.groups = std::move(*groups);
  token.claims = std::move(claims);
  return token;
}

// The key for the header's kid and alg (RFC 7515 4.1.4); the error tells a caller whether a
// refreshed key set might help.
Result<const PublicKey*> select_key(const JsonWebKeySet& keys, std::string_view kid, std::string_view alg) {
  if (const PublicKey* key = keys.find(kid, alg); key != nullptr) return key;
  if (kid.empty()) {
    const auto algorithm = parse_jws_algorithm(alg);
    const auto candidates = std::count_if(keys.keys().begin(), keys.keys().end(),
                                          [&](const PublicKey& k) { return k.algorithm() == algorithm; });
    if (candidates > 1) return fail("token header has no key id and several keys could have signed it");
  } else if (keys.contains_kid(kid)) {
    // The kid exists for another key type: the header must not choose how a key is used.
    return fail("signing key does not match the token algorithm");
  }
  return fail(kUnknownSigningKeyMessage);
}

} // namespace

Result<VerifiedToken> verify_jwt(std::string_view compact, const JsonWebKeySet& keys,
                                 const TokenExpectations& expect) {
  if (expect.issuer.empty() || expect.audience.empty()) {
    return make_error(ErrorCode::internal, "token verification needs an issuer and an audience");
  }
  if (compact.size() > kMaxJwtBytes) return fail("token is too large");

  // RFC 7515 7.1: BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature).
  const size_t first_dot = compact.find('.');
  const size_t second_dot =
      first_dot == std::string_view::npos ? first_dot : compact.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos)
    return fail("token is not a signed JWT (three base64url segments)");
  if (compact.find('.', second_dot + 1) != std::string_view::npos) {
    // Five segments are an encrypted token (RFC 7516 section 7.1), which we do not accept.
    return fail("token is not a signed JWT (three base64url segments)");
  }
  const std::string_view header_text = compact.substr(0, first_dot);
  const std::string_view payload_text = compact.substr(first_dot + 1, second_dot - first_dot - 1);
  const std::string_view signature_text = compact.substr(second_dot + 1);
  if (header_text.empty() || payload_text.empty()) {
    return fail("token is not a signed JWT (three base64url segments)");
  }

  const std::optional<std::string> header_json = decode_base64url(header_text);
  if (!header_json) return fail("token header is not valid base64url");
  const std::optional<json::object> header = parse_object(*header_json);
  if (!header) return fail("token header is not a JSON object");

  // RFC 8725 3.1 and 3.2: an allow-list of algorithms; "none" and HS256 are not on it.
  const json::value* alg = header->if_contains("alg");
  if (alg == nullptr || !alg->is_string() || !parse_jws_algorithm(view_of(alg->get_string()))) {
    return fail("token algorithm is not allowed (only RS256 and ES256)");
  }
  // RFC 7515 4.1.11: we understand no extension, so any "crit" entry means reject.
  if (header->contains("crit")) return fail("token header has critical extensions we do not support");
  std::string_view kid;
  if (const json::value* kid_value = header->if_contains("kid"); kid_value != nullptr) {
    if (!kid_value->is_string() || kid_value->get_string().empty())
      return fail("token header has an invalid key id");
    kid = view_of(kid_value->get_string());
  }
  Result<const PublicKey*> key = select_key(keys, kid, view_of(alg->get_string()));
  if (!key) return key.error();

  const std::optional<std::string> signature = decode_base64url(signature_text);
  const std::string_view signing_input = compact.substr(0, second_dot);
  if (!signature || !signature_valid(**key, signing_input, *signature))
    return fail("token signature is invalid");

  // Only now, with the signature checked, is the payload worth reading.
  const std::optional<std::string> payload_json = decode_base64url(payload_text);
  if (!payload_json) return fail("token payload is not valid base64url");
  std::optional<json::object> claims = parse_object(*payload_json);
  if (!claims) return fail("token payload is not a JSON object");
  return check_claims(std::move(*claims), expect);
}

} // namespace plenum::auth
