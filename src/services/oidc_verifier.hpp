#pragma once
// OpenID Connect bearer tokens: discovery (OpenID Connect Discovery 1.0, section 4), the
// provider's JWK Set with caching and key rotation, and token verification (auth/jwt).
// Blocking (HTTP fetches): call from the blocking pool. Thread-safe.

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

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
};

class OidcVerifier {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;
  explicit OidcVerifier(OidcSettings settings);

  Result<auth::VerifiedToken> verify(std::string_view token, int64_t now_unix, SteadyTime now);
  // How many times the key set was fetched (for tests and metrics).
  int key_set_fetches() const;

 private:
  Result<std::string> discover_jwks_uri();
  Result<std::shared_ptr<const auth::JsonWebKeySet>> fetch_keys(SteadyTime now);
  Result<std::string> get(const std::string& url, size_t max_bytes) const;

  OidcSettings settings_;
  mutable std::mutex mutex_; // guards the members below; held across fetches (one fetch at a time)
  std::optional<std::string> jwks_uri_;
  std::shared_ptr<const auth::JsonWebKeySet> keys_;
  std::optional<SteadyTime> last_fetch_;
  int fetches_ = 0;
};

} // namespace plenum::services
