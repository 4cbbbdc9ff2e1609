#include "services/oidc_verifier.hpp"

#include <algorithm>
#include <array>

#include <boost/json/parse.hpp>

#include "auth/token.hpp"
#include "http/client.hpp"

namespace plenum::services {
namespace {

constexpr size_t kMaxDiscoveryBytes = size_t{64} * 1024;

Error provider_error(std::string message) {
  return make_error(ErrorCode::unavailable, "identity provider: " + std::move(message));
}

Error userinfo_refused(std::string why) {
  return make_error(ErrorCode::unauthenticated,
                    "the identity provider's userinfo endpoint " + std::move(why));
}

constexpr std::array<std::string_view, 8> kProfileClaims = {
    "sub", "email", "email_verified", "name", "given_name", "family_name", "preferred_username", "groups"};

bool lacks_profile(const auth::VerifiedToken& t) {
  return t.email.empty() ||
         (t.name.empty() && t.given_name.empty() && t.family_name.empty() && t.preferred_username.empty());
}

// The string value of a claim, or empty (absent, null or not a string).
std::string string_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

void fill(std::string& target, const boost::json::object& claims, std::string_view name) {
  if (target.empty()) target = string_claim(claims, name);
}

// Claims from userinfo fill in what the token lacks; what the token says wins.
void merge_userinfo(auth::VerifiedToken& t, const boost::json::object& userinfo) {
  if (t.email.empty()) {
    t.email = string_claim(userinfo, "email");
    // email_verified belongs to the address it came with.
    const auto* verified = userinfo.if_contains("email_verified");
    t.email_verified = verified != nullptr && verified->is_bool() && verified->get_bool();
  }
  fill(t.name, userinfo, "name");
  fill(t.given_name, userinfo, "given_name");
  fill(t.family_name, userinfo, "family_name");
  fill(t.preferred_username, userinfo, "preferred_username");
  if (const auto* groups = userinfo.if_contains("groups"); groups != nullptr && t.groups.empty()) {
    if (groups->is_string()) t.groups.emplace_back(groups->get_string());
    if (const auto* list = groups->if_array(); list != nullptr) {
      for (const auto& g : *list) {
        if (g.is_string()) t.groups.emplace_back(g.get_string());
      }
    }
  }
  for (const auto& [key, value] : userinfo) {
    if (!t.claims.contains(key)) t.claims.emplace(key, value);
  }
}

} // namespace

OidcVerifier::OidcVerifier(OidcSettings settings) : settings_(std::move(settings)) {}

int OidcVerifier::key_set_fetches() const {
  std::lock_guard lock(mutex_);
  return fetches_;
}

int OidcVerifier::userinfo_fetches() const {
  std::lock_guard lock(userinfo_mutex_);
  return userinfo_fetches_;
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

Result<OidcVerifier::Discovery> OidcVerifier::discover() {
  if (discovery_) return *discovery_;
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
  const auto* userinfo = object.if_contains("userinfo_endpoint");
  // Discovery section 4.3: the document's issuer must be exactly the one we asked.
  if (!issuer || !issuer->is_string() || issuer->as_string() != settings_.issuer) {
    return provider_error("the discovery document names another issuer than " + settings_.issuer);
  }
  if (!jwks_uri || !jwks_uri->is_string()) return provider_error("the discovery document has no jwks_uri");
  if (userinfo && !userinfo->is_string())
    return provider_error("the discovery document's userinfo_endpoint is not a string");
  discovery_ = Discovery{std::string(jwks_uri->as_string()),
                         userinfo ? std::string(userinfo->as_string()) : std::string()};
  return *discovery_;
}

Result<std::shared_ptr<const auth::JsonWebKeySet>> OidcVerifier::fetch_keys(SteadyTime now) {
  auto discovery = discover();
  if (!discovery) return discovery.error();
  last_fetch_ = now;
  ++fetches_;
  auto body = get(discovery->jwks_uri, auth::kMaxJwksBytes);
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

Result<boost::json::object> OidcVerifier::fetch_userinfo(const std::string& endpoint,
                                                         std::string_view access_token,
                                                         const std::string& subject) const {
  http::ClientRequest request;
  request.url = endpoint;
  request.timeout = settings_.http_timeout;
  request.max_body_bytes = kMaxUserinfoBytes;
  request.ca_file = settings_.ca_file;
  // RFC 6750 section 2.1: the token travels in the Authorization header, never in the URL.
  request.headers.emplace_back("Authorization", "Bearer " + std::string(access_token));
  auto response = http::http_get(request);
  if (!response) return provider_error(response.error().message);
  if (response->status == 401 || response->status == 403) {
    return userinfo_refused("refused the access token (" + std::to_string(response->status) + ")");
  }
  if (response->status != 200) {
    return provider_error("userinfo answered " + std::to_string(response->status));
  }
  // A signed or encrypted answer (application/jwt, Core 5.3.2) would need its own verification.
  const auto type = response->headers.get("Content-Type").value_or("");
  if (!type.starts_with("application/json")) {
    return userinfo_refused("answered with " + std::string(type.empty() ? "no content type" : type) +
                            ", not application/json");
  }
  boost::system::error_code ec;
  auto doc = boost::json::parse(response->body, ec);
  if (ec || !doc.is_object()) return userinfo_refused("answered with something other than a JSON object");
  // Core 5.3.2: the sub in the answer must be the token's, or the answer must not be used.
  if (string_claim(doc.as_object(), "sub") != subject)
    return userinfo_refused("answered for another subject");
  // Only the profile claims are kept (and cached): what an account is made of.
  boost::json::object profile;
  for (std::string_view name : kProfileClaims) {
    if (const auto* v = doc.as_object().if_contains(name); v != nullptr) profile.emplace(name, *v);
  }
  return profile;
}

void OidcVerifier::remember_userinfo(std::string key, UserinfoEntry entry, int64_t now_unix) {
  std::lock_guard lock(userinfo_mutex_);
  if (userinfo_cache_.size() >= settings_.max_userinfo_cache_entries) {
    std::erase_if(userinfo_cache_, [&](const auto& item) { return item.second.expires_at <= now_unix; });
  }
  if (userinfo_cache_.size() >= settings_.max_userinfo_cache_entries && !userinfo_cache_.empty()) {
    // Still full of live tokens: drop the one that expires first.
    auto first = std::min_element(
        userinfo_cache_.begin(), userinfo_cache_.end(),
        [](const auto& a, const auto& b) { return a.second.expires_at < b.second.expires_at; });
    userinfo_cache_.erase(first);
  }
  if (settings_.max_userinfo_cache_entries > 0)
    userinfo_cache_.insert_or_assign(std::move(key), std::move(entry));
}

Result<void> OidcVerifier::complete_profile(std::string_view access_token, auth::VerifiedToken& token,
                                            int64_t now_unix) {
  if (!lacks_profile(token)) return {};
  std::string endpoint;
  {
    std::lock_guard lock(mutex_);
    auto discovery = discover();
    if (!discovery) return token.email.empty() ? Result<void>(discovery.error()) : Result<void>();
    endpoint = discovery->userinfo_endpoint;
  }
  if (endpoint.empty()) return {};

  std::string key = auth::hash_token(access_token);
  std::optional<UserinfoEntry> cached;
  {
    std::lock_guard lock(userinfo_mutex_);
    if (auto it = userinfo_cache_.find(key);
        it != userinfo_cache_.end() && it->second.expires_at > now_unix) {
      cached = it->second;
    }
  }
  if (!cached) {
    {
      std::lock_guard lock(userinfo_mutex_);
      ++userinfo_fetches_;
    }
    auto answer = fetch_userinfo(endpoint, access_token, token.subject);
    if (!answer && answer.error().code == ErrorCode::unavailable) {
      // Not the token's fault: the next request tries again.
      return token.email.empty() ? Result<void>(answer.error()) : Result<void>();
    }
    cached = UserinfoEntry{};
    cached->expires_at = token.expires_at;
    if (answer) {
      cached->claims = std::move(*answer);
    } else {
      cached->error = answer.error();
    }
    remember_userinfo(key, *cached, now_unix);
  }
  if (!cached->claims) return token.email.empty() ? Result<void>(cached->error) : Result<void>();
  merge_userinfo(token, *cached->claims);
  return {};
}

} // namespace plenum::services
