#pragma once
// Built-in accounts: creation, sign-in with throttling and optional TOTP, sessions, profile.
// Blocking (password hashing, database): call from the blocking pool.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/login_throttle.hpp"
#include "auth/password.hpp"
#include "base/result.hpp"
#include "services/oidc_verifier.hpp"
#include "storage/store.hpp"

namespace plenum::services {

struct AccountsOptions {
  std::chrono::seconds session_ttl{std::chrono::hours(12)};
  auth::PasswordPolicy password_policy;
  auth::LoginThrottle::Policy throttle;
};

// The moment of a call: wall clock for expiry and TOTP, monotonic clock for throttling.
struct Now {
  int64_t unix_seconds;
  std::chrono::steady_clock::time_point steady;
  static Now current();
};

struct LoginRequest {
  std::string email;
  std::string password;
  std::optional<std::string> totp_code;
  std::string client_address;
};

struct LoginResult {
  std::string access_token; // shown once; only its hash is stored
  int64_t expires_at;       // unix seconds
  storage::User user;
};

// Input checks shared by the CLI and the API. Each error names the field.
Result<std::string> normalize_email(std::string_view email);
Result<std::string> normalize_display_name(std::string_view name);

class Accounts {
 public:
  // `oidc` (may be null: OIDC off) verifies bearer tokens that are not our own.
  Accounts(storage::Store& store, AccountsOptions options, OidcVerifier* oidc = nullptr);

  Result<storage::User> create_user(std::string_view email, std::string_view display_name,
                                    std::string_view password, bool admin);
  // Same answer for an unknown e-mail, a disabled account and a wrong password.
  Result<LoginResult> login(const LoginRequest& request, const Now& now);
  Result<void> logout(const std::string& access_token);
  // The account behind a bearer token, if the session is valid and the account enabled. Tokens
  // from the OpenID Connect provider create or update the account they name (by issuer+subject).
  Result<storage::User> authenticate(const std::string& access_token, const Now& now);
  Result<storage::User> update_profile(const std::string& user_id, const storage::ProfileUpdate& update);
  // Disables the account and ends all of its sessions.
  Result<void> disable(std::string_view email);
  Result<std::vector<storage::User>> list(size_t limit, size_t offset);
  Result<std::vector<storage::User>> search(std::string_view text, size_t limit);

  // Second factor (RFC 6238): a fresh secret to show as a QR code; nothing is stored yet.
  struct TotpEnrollment {
    std::string secret; // base32
    std::string uri;    // otpauth://
  };
  TotpEnrollment begin_totp(const storage::User& user);
  // Stores `secret` once the user proves with a current code that the app has it.
  Result<void> confirm_totp(const storage::User& user, const std::string& secret, const std::string& code,
                            const Now& now);
  // Needs a current code, so a stolen session alone cannot remove the second factor.
  Result<void> disable_totp(const storage::User& user, const std::string& code, const Now& now);

 private:
  Result<storage::User> authenticate_oidc(const std::string& token, const Now& now);
  Error login_failed(const LoginRequest& request, const std::string& email, const Now& now);

  storage::Store& store_;
  AccountsOptions options_;
  OidcVerifier* oidc_;
  auth::LoginThrottle throttle_;
  const std::string& dummy_hash();

  std::once_flag dummy_once_;
  std::string dummy_hash_; // verified against for unknown accounts: same work, same timing
};

} // namespace plenum::services
