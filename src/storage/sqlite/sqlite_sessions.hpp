#pragma once

#include "storage/sessions.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace plenum::storage {

class SqliteSessions final : public SessionRepository {
 public:
  explicit SqliteSessions(SqliteConnection& connection) : c_(connection) {}
  Result<void> create(const Session& session) override;
  Result<std::optional<Session>> find(const std::string& token_hash) override;
  Result<void> remove(const std::string& token_hash) override;
  Result<void> remove_for_user(const std::string& user_id) override;
  Result<int64_t> remove_expired(int64_t now) override;

 private:
  SqliteConnection& c_;
};

} // namespace plenum::storage
