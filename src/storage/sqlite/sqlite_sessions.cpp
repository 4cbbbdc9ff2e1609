#include "storage/sqlite/sqlite_sessions.hpp"

namespace plenum::storage {

Result<void> SqliteSessions::create(const Session& s) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)");
  if (!stmt) return stmt.error();
  return (*stmt)
      ->bind(1, std::string_view(s.token_hash))
      .bind(2, std::string_view(s.user_id))
      .bind(3, s.created_at)
      .bind(4, s.expires_at)
      .run();
}

Result<std::optional<Session>> SqliteSessions::find(const std::string& token_hash) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?1");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, std::string_view(token_hash));
  auto row = (*stmt)->step();
  if (!row) {
    (*stmt)->reset();
    return row.error();
  }
  std::optional<Session> found;
  if (*row) {
    found = Session{(*stmt)->column_text(0), (*stmt)->column_text(1), (*stmt)->column_int(2),
                    (*stmt)->column_int(3)};
  }
  (*stmt)->reset();
  return found;
}

Result<void> SqliteSessions::remove(const std::string& token_hash) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("DELETE FROM sessions WHERE token_hash = ?1");
  if (!stmt) return stmt.error();
  return (*stmt)->bind(1, std::string_view(token_hash)).run();
}

Result<void> SqliteSessions::remove_for_user(const std::string& user_id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("DELETE FROM sessions WHERE user_id = ?1");
  if (!stmt) return stmt.error();
  return (*stmt)->bind(1, std::string_view(user_id)).run();
}

Result<int64_t> SqliteSessions::remove_expired(int64_t now) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("DELETE FROM sessions WHERE expires_at <= ?1");
  if (!stmt) return stmt.error();
  if (auto r = (*stmt)->bind(1, now).run(); !r) return r.error();
  return (*stmt)->changes();
}

} // namespace plenum::storage
