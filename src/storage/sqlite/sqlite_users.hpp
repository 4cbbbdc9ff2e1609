#pragma once

#include "storage/sqlite/sqlite_database.hpp"
#include "storage/users.hpp"

namespace plenum::storage {

class SqliteUsers final : public UserRepository {
 public:
  explicit SqliteUsers(SqliteConnection& connection) : c_(connection) {}
  Result<User> create(const NewUser& user) override;
  Result<std::optional<User>> find_by_id(const std::string& id) override;
  Result<std::optional<User>> find_by_email(const std::string& email) override;
  Result<std::vector<User>> list(size_t limit, size_t offset) override;
  Result<std::vector<User>> search(const std::string& text, size_t limit) override;
  Result<void> set_disabled(const std::string& id, bool disabled) override;
  Result<void> update_profile(const std::string& id, const ProfileUpdate& update) override;
  Result<void> set_totp_last_step(const std::string& id, int64_t step) override;
  Result<std::optional<User>> find_by_oidc(const std::string& issuer, const std::string& subject) override;
  Result<void> set_oidc_identity(const std::string& id, const std::string& issuer, const std::string& subject,
                                 const std::string& email, const std::string& display_name) override;
  Result<void> set_totp(const std::string& id, const std::optional<std::string>& secret,
                        int64_t last_step) override;

 private:
  Result<std::vector<User>> query(const std::string& sql, const std::vector<std::string>& text_args,
                                  const std::vector<int64_t>& int_args);
  SqliteConnection& c_;
};

} // namespace plenum::storage
