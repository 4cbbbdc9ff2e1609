#pragma once
// Accounts as stored. Blocking calls: run them on the blocking pool.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace plenum::storage {

struct User {
  std::string id;    // UUID
  std::string email; // normalised to lowercase
  std::string display_name;
  std::optional<std::string> password_hash; // none for accounts that sign in through OIDC only
  bool admin = false;
  bool disabled = false;
  std::string language = "en";  // "de" | "en"
  std::string theme = "system"; // "system" | "light" | "dark" | "high_contrast"
  std::optional<std::string> totp_secret;
  int64_t totp_last_step = 0; // last accepted TOTP time step (a code is never accepted twice)
  std::string created_at;     // RFC 3339 UTC
  std::optional<std::string> oidc_issuer, oidc_subject; // the linked OpenID Connect identity
};

struct NewUser {
  std::string email;
  std::string display_name;
  std::optional<std::string> password_hash;
  bool admin = false;
};

struct ProfileUpdate {
  std::optional<std::string> display_name;
  std::optional<std::string> language;
  std::optional<std::string> theme;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // ErrorCode::conflict when the e-mail address is taken.
  virtual Result<User> create(const NewUser& user) = 0;
  virtual Result<std::optional<User>> find_by_id(const std::string& id) = 0;
  virtual Result<std::optional<User>> find_by_email(const std::string& email) = 0;
  // Ordered by e-mail; `limit` at most 1000.
  virtual Result<std::vector<User>> list(size_t limit, size_t offset) = 0;
  // Enabled accounts whose e-mail or display name contains `text` (case-insensitive for ASCII).
  virtual Result<std::vector<User>> search(const std::string& text, size_t limit) = 0;
  // ErrorCode::not_found when there is no such account.
  virtual Result<void> set_disabled(const std::string& id, bool disabled) = 0;
  virtual Result<void> update_profile(const std::string& id, const ProfileUpdate& update) = 0;
  virtual Result<std::optional<User>> find_by_oidc(const std::string& issuer, const std::string& subject) = 0;
  // Links an account to an OpenID Connect identity and refreshes e-mail and name from it.
  virtual Result<void> set_oidc_identity(const std::string& id, const std::string& issuer,
                                         const std::string& subject, const std::string& email,
                                         const std::string& display_name) = 0;
  virtual Result<void> set_totp_last_step(const std::string& id, int64_t step) = 0;
  // Turns the second factor on (a secret) or off (none).
  virtual Result<void> set_totp(const std::string& id, const std::optional<std::string>& secret,
                                int64_t last_step) = 0;
};

} // namespace plenum::storage
