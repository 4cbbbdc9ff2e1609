#include "services/oidc_verifier.hpp"

#include <boost/json/parse.hpp>

#include "http/client.hpp"

namespace plenum::services {
namespace {

constexpr size_t kMaxDiscoveryBytes = size_t{64} * 1024;

Error provider_error(std::string message) {
  return make_error(ErrorCode::unavailable, "identity provider: " + std::move(message));
}

} // namespace

OidcVerifier::OidcVerifier(OidcSettings settings) : settings_(std::move(settings)) {}

int OidcVerifier::key_set_fetches() const {
  std::lock_guard lock(mutex_);
  return fetches_;
}

Result<std::string> OidcVerifier::get(const std::string& url, size_t max_bytes) const {
  http::ClientRequest request;
  request.url = url;
  request.timeout = settings_.http_timeout;
  request.max_body_bytes = max_bytes;
  request.ca_file = settings_.ca_file;
  auto response = http::http_get(request);
  if (!response) return provider_error(response.error().message);
  if (response->status != 200) {
    return provider_error("GET " + url + " answered " + std::to_string(response->status));
  }
  return std::move(response->body);
}

Result<std::string> OidcVerifier::discover_jwks_uri() {
  if (jwks_uri_) return *jwks_uri_;
  std::string base = settings_.issuer;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto body = get(base + "/.well-known/openid-configuration", kMaxDiscoveryBytes);
  if (!body) return body.error();
  boost::system::error_code ec;
  auto doc = boost::json::parse(*body, ec);
  if (ec || !doc.is_object()) return provider_error("the discovery document is not a JSON object");
  const auto& object = doc.as_object();
  const auto* issuer = object.if_contains("issuer");
  const auto* jwks_uri = object.if_contains("jwks_uri");
  // Discovery section 4.3: the document's issuer must be exactly the one we asked.
  if (!issuer || !issuer->is_string() || issuer->as_string() != settings_.issuer) {
    return provider_error("the discovery document names another issuer than " + settings_.issuer);
  }
  if (!jwks_uri || !jwks_uri->is_string()) return provider_error("the discovery document has no jwks_uri");
  jwks_uri_ = std::string(jwks_uri->as_string());
  return *jwks_uri_;
}

Result<std::shared_ptr<const auth::JsonWebKeySet>> OidcVerifier::fetch_keys(SteadyTime now) {
  auto uri = discover_jwks_uri();
  if (!uri) return uri.error();
  last_fetch_ = now;
  ++fetches_;
  auto body = get(*uri, auth::kMaxJwksBytes);
  if (!body) return body.error();
  auto keys = auth::JsonWebKeySet::parse(*body);
  if (!keys) return keys.error();
  keys_ = std::make_shared<const auth::JsonWebKeySet>(std::move(*keys));
  return keys_;
}

Result<auth::VerifiedToken> OidcVerifier::verify(std::string_view token, int64_t now_unix, SteadyTime now) {
  const auth::TokenExpectations expect{settings_.issuer, settings_.audience, now_unix};
  std::shared_ptr<const auth::JsonWebKeySet> keys;
  {
    std::lock_guard lock(mutex_);
    if (!keys_) {
      auto fetched = fetch_keys(now);
      if (!fetched) return fetched.error();
    }
    keys = keys_;
  }
  auto verified = auth::verify_jwt(token, *keys, expect);
  if (verified || verified.error().message != auth::kUnknownSigningKeyMessage) return verified;
  {
    // The provider may have rotated its keys: fetch them again, at most once per interval.
    std::lock_guard lock(mutex_);
    const bool recently = last_fetch_ && now - *last_fetch_ < settings_.min_refresh_interval;
    if (recently) return verified;
    auto fetched = fetch_keys(now);
    if (!fetched) return fetched.error();
    keys = keys_;
  }
  return auth::verify_jwt(token, *keys, expect);
}

} // namespace plenum::services
