#include "auth/jwks.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <bit>
#include <boost/json.hpp>

#include "auth/sodium_init.hpp"

namespace plenum::auth {
namespace {

namespace json = boost::json;

constexpr size_t kP256CoordinateBytes = 32; // RFC 7518 6.2.1.2: x and y are full-size

struct BignumDeleter {
  void operator()(BIGNUM* bn) const noexcept { BN_free(bn); }
};
struct ParamBuildDeleter {
  void operator()(OSSL_PARAM_BLD* bld) const noexcept { OSSL_PARAM_BLD_free(bld); }
};
struct ParamDeleter {
  void operator()(OSSL_PARAM* params) const noexcept { OSSL_PARAM_free(params); }
};
struct PkeyCtxDeleter {
  void operator()(EVP_PKEY_CTX* ctx) const noexcept { EVP_PKEY_CTX_free(ctx); }
};
using BignumPtr = std::unique_ptr<BIGNUM, BignumDeleter>;
using ParamBuildPtr = std::unique_ptr<OSSL_PARAM_BLD, ParamBuildDeleter>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, ParamDeleter>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter>;

Error document_error(std::string message) {
  return make_error(ErrorCode::unavailable, "identity provider key set: " + std::move(message));
}

std::string_view view_of(const json::string& s) noexcept { return {s.data(), s.size()}; }

// The string member `name`: nullptr when absent; `wrong_type` is set when present but not a
// string (the key is then skipped rather than guessed at).
const json::string* string_member(const json::object& object, std::string_view name, bool& wrong_type) {
  const json::value* value = object.if_contains(name);
  if (value == nullptr) return nullptr;
  const json::string* text = value->if_string();
  if (text == nullptr) wrong_type = true;
  return text;
}

std::string_view strip_leading_zeros(std::string_view bytes) noexcept {
  while (!bytes.empty() && bytes.front() == '\0') bytes.remove_prefix(1);
  return bytes;
}

const unsigned char* unsigned_bytes(std::string_view bytes) noexcept {
  return reinterpret_cast<const unsigned char*>(bytes.data());
}

// Whatever OpenSSL queued while rejecting our input must not surface in an unrelated caller
// (TLS code reads the thread's error queue).
template <class T>
T with_cleared_errors(T value) {
  ERR_clear_error();
  return value;
}

Result<EvpPkeyPtr> pkey_from_params(const char* type, const OSSL_PARAM* params) {
  const PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) != 1) {
    return with_cleared_errors(
        make_error(ErrorCode::invalid_argument, "OpenSSL rejected the key parameters"));
  }
  return EvpPkeyPtr(raw);
}

// RFC 7518 section 6.3.1: modulus "n" and exponent "e", unsigned big-endian, base64url.
Result<EvpPkeyPtr> rsa_key(const json::object& jwk) {
  bool wrong_type = false;
  const json::string* n_text = string_member(jwk, "n", wrong_type);
  const json::string* e_text = string_member(jwk, "e", wrong_type);
  if (n_text == nullptr || e_text == nullptr) {
    return make_error(ErrorCode::invalid_argument, "RSA key needs string members \"n\" and \"e\"");
  }
  const std::optional<std::string> n_bytes = decode_base64url(view_of(*n_text));
  const std::optional<std::string> e_bytes = decode_base64url(view_of(*e_text));
  if (!n_bytes || !e_bytes) {
    return make_error(ErrorCode::invalid_argument, "RSA key \"n\" or \"e\" is not base64url");
  }
  // Some libraries emit a leading zero octet (RFC 7518 6.3.1.1 notes it); tolerate it.
  const std::string_view n = strip_leading_zeros(*n_bytes);
  const std::string_view e = strip_leading_zeros(*e_bytes);
  const int n_bits = n.empty() ? 0
                               : static_cast<int>((n.size() - 1) * 8) +
                                     std::bit_width(static_cast<unsigned char>(n.front()));
  if (n_bits < kMinRsaModulusBits) {
    return make_error(
        ErrorCode::invalid_argument,
        "RSA modulus of " + std::to_string(n_bits) + " bits is below " + std::to_string(kMinRsaModulusBits));
  }
  if (n_bits > kMaxRsaModulusBits) {
    return make_error(
        ErrorCode::invalid_argument,
        "RSA modulus of " + std::to_string(n_bits) + " bits is above " + std::to_string(kMaxRsaModulusBits));
  }
  const bool e_odd = !e.empty() && (static_cast<unsigned char>(e.back()) & 1U) != 0;
  const bool e_one = e.size() == 1 && e.front() == '\x01';
  if (e.size() > kMaxRsaExponentBytes || !e_odd || e_one) {
    return make_error(ErrorCode::invalid_argument, "RSA exponent \"e\" is not a valid public exponent");
  }

  const BignumPtr n_bn(BN_bin2bn(unsigned_bytes(n), static_cast<int>(n.size()), nullptr));
  const BignumPtr e_bn(BN_bin2bn(unsigned_bytes(e), static_cast<int>(e.size()), nullptr));
  const ParamBuildPtr build(OSSL_PARAM_BLD_new());
  if (!n_bn || !e_bn || !build ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n_bn.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e_bn.get()) != 1) {
    return with_cleared_errors(make_error(ErrorCode::internal, "out of memory building an RSA key"));
  }
  const ParamPtr params(OSSL_PARAM_BLD_to_param(build.get()));
  if (!params)
    return with_cleared_errors(make_error(ErrorCode::internal, "out of memory building an RSA key"));
  return pkey_from_params("RSA", params.get());
}

// RFC 7518 section 6.2.1: P-256 point from "x" and "y", checked to lie on the curve.
Result<EvpPkeyPtr> ec_p256_key(const json::object& jwk) {
  bool wrong_type = false;
  const json::string* crv = string_member(jwk, "crv", wrong_type);
  if (crv == nullptr || view_of(*crv) != "P-256") {
    return make_error(ErrorCode::invalid_argument, "EC curve is not \"P-256\"");
  }
  const json::string* x_text = string_member(jwk, "x", wrong_type);
  const json::string* y_text = string_member(jwk, "y", wrong_type);
  if (x_text == nullptr || y_text == nullptr) {
    return make_error(ErrorCode::invalid_argument, "EC key needs string members \"x\" and \"y\"");
  }
  const std::optional<std::string> x = decode_base64url(view_of(*x_text));
  const std::optional<std::string> y = decode_base64url(view_of(*y_text));
  if (!x || !y || x->size() != kP256CoordinateBytes || y->size() != kP256CoordinateBytes) {
    return make_error(ErrorCode::invalid_argument, "EC \"x\" and \"y\" must be 32 bytes of base64url");
  }
  // SEC 1 section 2.3.3 uncompressed point: 0x04 || x || y.
  std::array<unsigned char, 1 + 2 * kP256CoordinateBytes> point{};
  point[0] = 0x04;
  std::copy(x->begin(), x->end(), point.begin() + 1);
  std::copy(y->begin(), y->end(), point.begin() + 1 + kP256CoordinateBytes);
  std::array<char, 11> group{"prime256v1"};
  const std::array<OSSL_PARAM, 3> params{
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group.data(), 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
      OSSL_PARAM_construct_end(),
  };
  Result<EvpPkeyPtr> key = pkey_from_params("EC", params.data());
  if (!key) return make_error(ErrorCode::invalid_argument, "EC point is not on the P-256 curve");
  const PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key->get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    return with_cleared_errors(make_error(ErrorCode::invalid_argument, "EC point is not on the P-256 curve"));
  }
  return key;
}

// The algorithm a key may verify, from its kty (and "alg" when present), or why it is skipped.
Result<JwsAlgorithm> key_algorithm(const json::object& jwk) {
  bool wrong_type = false;
  const json::string* kty = string_member(jwk, "kty", wrong_type);
  const json::string* use = string_member(jwk, "use", wrong_type);
  const json::string* alg = string_member(jwk, "alg", wrong_type);
  if (wrong_type)
    return make_error(ErrorCode::invalid_argument, "\"kty\", \"use\" or \"alg\" is not a string");
  if (kty == nullptr) return make_error(ErrorCode::invalid_argument, "no \"kty\"");
  // RFC 7517 4.2: "sig" or "enc"; an encryption key must never verify a signature.
  if (use != nullptr && view_of(*use) != "sig") {
    return make_error(ErrorCode::invalid_argument, "\"use\" is not \"sig\"");
  }
  // RFC 7517 4.3: when "key_ops" is given, it must allow "verify".
  if (const json::value* ops = jwk.if_contains("key_ops"); ops != nullptr) {
    const json::array* list = ops->if_array();
    const bool verify = list != nullptr && std::any_of(list->begin(), list->end(), [](const json::value& op) {
                          return op.is_string() && view_of(op.get_string()) == "verify";
                        });
    if (!verify) return make_error(ErrorCode::invalid_argument, "\"key_ops\" does not allow \"verify\"");
  }
  JwsAlgorithm algorithm{};
  if (view_of(*kty) == "RSA") {
    algorithm = JwsAlgorithm::rs256;
  } else if (view_of(*kty) == "EC") {
    algorithm = JwsAlgorithm::es256;
  } else {
    return make_error(ErrorCode::invalid_argument,
                      "kty \"" + std::string(view_of(*kty)) + "\" is not supported");
  }
  // RFC 7517 4.4: a key bound to another algorithm (RS384, PS256, ...) is not used for ours.
  if (alg != nullptr && parse_jws_algorithm(view_of(*alg)) != algorithm) {
    return make_error(ErrorCode::invalid_argument, "alg \"" + std::string(view_of(*alg)) +
                                                       "\" is not supported for kty \"" +
                                                       std::string(view_of(*kty)) + "\"");
  }
  return algorithm;
}

} // namespace

void EvpPkeyDeleter::operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }

std::optional<JwsAlgorithm> parse_jws_algorithm(std::string_view name) noexcept {
  // Names are case-sensitive (RFC 7515 section 4.1.1).
  if (name == "RS256") return JwsAlgorithm::rs256;
  if (name == "ES256") return JwsAlgorithm::es256;
  return std::nullopt;
}

std::string_view to_string(JwsAlgorithm algorithm) noexcept {
  switch (algorithm) {
    case JwsAlgorithm::rs256: return "RS256";
    case JwsAlgorithm::es256: return "ES256";
  }
  return "RS256";
}

std::optional<std::string> decode_base64url(std::string_view text) {
  ensure_sodium();
  std::string out(text.size() / 4 * 3 + 3, '\0'); // never empty: libsodium needs a buffer
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

Result<JsonWebKeySet> JsonWebKeySet::parse(std::string_view text) {
  if (text.size() > kMaxJwksBytes) {
    return document_error("larger than " + std::to_string(kMaxJwksBytes) + " bytes");
  }
  boost::system::error_code ec;
  const json::value document = json::parse(json::string_view(text.data(), text.size()), ec);
  const json::object* root = ec ? nullptr : document.if_object();
  const json::value* keys_value = root == nullptr ? nullptr : root->if_contains("keys");
  const json::array* entries = keys_value == nullptr ? nullptr : keys_value->if_array();
  if (entries == nullptr) return document_error("not a JSON object with a \"keys\" array");
  if (entries->size() > kMaxJwksKeys) {
    return document_error("more than " + std::to_string(kMaxJwksKeys) + " keys");
  }

  JsonWebKeySet set;
  for (const json::value& entry : *entries) {
    const json::object* jwk = entry.if_object();
    if (jwk == nullptr) {
      set.ignored_.push_back({"", "not a JSON object"});
      continue;
    }
    bool wrong_type = false;
    const json::string* kid_text = string_member(*jwk, "kid", wrong_type);
    std::string kid = kid_text == nullptr ? std::string() : std::string(view_of(*kid_text));
    if (wrong_type) {
      set.ignored_.push_back({std::move(kid), "\"kid\" is not a string"});
      continue;
    }
    const Result<JwsAlgorithm> algorithm = key_algorithm(*jwk);
    if (!algorithm) {
      set.ignored_.push_back({std::move(kid), algorithm.error().message});
      continue;
    }
    // RFC 7517 section 5: kids should be distinct; the same kid may name keys of other types.
    // A second key with the same kid and algorithm cannot be told apart: the first one wins.
    if (!kid.empty() && set.find(kid, to_string(*algorithm)) != nullptr) {
      set.ignored_.push_back({std::move(kid), "duplicate kid for " + std::string(to_string(*algorithm))});
      continue;
    }
    Result<EvpPkeyPtr> key = *algorithm == JwsAlgorithm::rs256 ? rsa_key(*jwk) : ec_p256_key(*jwk);
    if (!key) {
      set.ignored_.push_back({std::move(kid), key.error().message});
      continue;
    }
    set.keys_.emplace_back(std::move(kid), *algorithm, std::move(*key));
  }
  if (set.keys_.empty()) return document_error("no usable RS256 or ES256 signature key");
  return set;
}

const PublicKey* JsonWebKeySet::find(std::string_view kid, std::string_view alg) const noexcept {
  const std::optional<JwsAlgorithm> algorithm = parse_jws_algorithm(alg);
  if (!algorithm) return nullptr;
  const PublicKey* only = nullptr;
  size_t candidates = 0;
  for (const PublicKey& key : keys_) {
    if (key.algorithm() != *algorithm) continue;
    if (!kid.empty() && key.kid() == kid) return &key;
    ++candidates;
    only = &key;
  }
  // Without a kid the key is unambiguous only when the set has one key for this algorithm
  // (OpenID Connect Core 1.0 section 10.1).
  return kid.empty() && candidates == 1 ? only : nullptr;
}

bool JsonWebKeySet::contains_kid(std::string_view kid) const noexcept {
  return !kid.empty() &&
         std::any_of(keys_.begin(), keys_.end(), [&](const PublicKey& k) { return k.kid() == kid; });
}

} // namespace plenum::auth
