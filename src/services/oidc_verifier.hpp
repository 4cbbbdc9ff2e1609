#pragma once
// OpenID Connect bearer tokens: discovery (OpenID Connect Discovery 1.0, section 4), the
// provider's JWK Set with caching and key rotation, token verification (auth/jwt), and the
// userinfo endpoint (OpenID Connect Core 1.0, section 5.3) for tokens without profile claims.
// Blocking (HTTP fetches): call from the blocking pool. Thread-safe.

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "auth/jwks.hpp"
#include "auth/jwt.hpp"
#include "base/result.hpp"

namespace plenum::services {

struct OidcSettings {
  std::string issuer;                           // e.g. "https://id.example.org/realms/council"
  std::string audience;                         // our client id, as the provider puts it in "aud"
  std::optional<std::filesystem::path> ca_file; // extra trusted CA for the provider (PEM)
  std::chrono::milliseconds http_timeout{5000};
  // An unknown "kid" refetches the key set, but not more often than this (a token with a made-up
  // kid must not make us hammer the provider).
  std::chrono::seconds min_refresh_interval{60};
  // Userinfo answers (only their profile claims) are cached per access token until it expires; at
  // most this many tokens.
  size_t max_userinfo_cache_entries = 10000;
};

// Userinfo answers over this size are refused (the provider is unavailable for that request).
inline constexpr size_t kMaxUserinfoBytes = size_t{64} * 1024;

class OidcVerifier {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;
  explicit OidcVerifier(OidcSettings settings);

  Result<auth::VerifiedToken> verify(std::string_view token, int64_t now_unix, SteadyTime now);

  // When a verified access token lacks the e-mail address or every name claim, asks the
  // provider's userinfo endpoint (from discovery) with the token and fills in what the token
  // lacks (claims the token has win). The answer must name the token's subject (Core 5.3.2).
  // Answers, including a refusal of the token, are cached per token (by its SHA-256) until it
  // expires, so one token costs at most one request; failures to reach the provider are not
  // cached. Errors: unauthenticated (token refused at userinfo, subject mismatch, unusable
  // answer) or unavailable (provider unreachable, timeout, over kMaxUserinfoBytes, 5xx). A failure
  // is only reported when the e-mail address is still missing; without it no account can be
  // provisioned. Without a userinfo endpoint the token is left as it is.
  Result<void> complete_profile(std::string_view access_token, auth::VerifiedToken& token, int64_t now_unix);

  // How many times the key set / userinfo was fetched (for tests and metrics).
  int key_set_fetches() const;
  int userinfo_fetches() const;

 private:
  struct Discovery {
    std::string jwks_uri;
    std::string userinfo_endpoint; // empty when the provider has none
  };
  // A cached userinfo result for one token: the claims, or the error the provider's answer means.
  struct UserinfoEntry {
    std::optional<boost::json::object> claims;
    Error error;
    int64_t expires_at = 0;
  };

  Result<Discovery> discover(); // needs mutex_
  Result<std::shared_ptr<const auth::JsonWebKeySet>> fetch_keys(SteadyTime now);
  Result<std::string> get(const std::string& url, size_t max_bytes) const;
  Result<boost::json::object> fetch_userinfo(const std::string& endpoint, std::string_view access_token,
                                             const std::string& subject) const;
  void remember_userinfo(std::string key, UserinfoEntry entry, int64_t now_unix);

  OidcSettings settings_;
  mutable std::mutex mutex_; // guards the members below; held across fetches (one fetch at a time)
  std::optional<Discovery> discovery_;
  std::shared_ptr<const auth::JsonWebKeySet> keys_;
  std::optional<SteadyTime> last_fetch_;
  int fetches_ = 0;

  mutable std::mutex userinfo_mutex_; // guards the members below; never held across a fetch
  std::unordered_map<std::string, UserinfoEntry> userinfo_cache_; // by SHA-256 of the token
  int userinfo_fetches_ = 0;
};

} // namespace plenum::services
