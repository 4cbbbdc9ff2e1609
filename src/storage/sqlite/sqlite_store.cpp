#include "storage/sqlite/sqlite_store.hpp"

#include "storage/sqlite/migrations.hpp"

namespace plenum::storage {

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& file,
                                                       std::chrono::milliseconds busy_timeout) {
  auto db = SqliteDatabase::open(file, busy_timeout);
  if (!db) return db.error();
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(*db)));
}

Result<void> SqliteStore::ping() {
  std::lock_guard lock(connection_.mutex);
  auto version = current_schema_version(*connection_.db);
  if (!version) return version.error();
  if (*version != latest_schema_version()) {
    return make_error(ErrorCode::unavailable, "database schema is at version " + std::to_string(*version) +
                                                  ", expected " + std::to_string(latest_schema_version()));
  }
  return {};
}

Result<MigrationReport> SqliteStore::migrate() {
  std::lock_guard lock(connection_.mutex);
  return apply_migrations(*connection_.db, sqlite_migrations());
}

Result<int> SqliteStore::schema_version() {
  std::lock_guard lock(connection_.mutex);
  return current_schema_version(*connection_.db);
}

int SqliteStore::latest_schema_version() const { return sqlite_migrations().back().version; }

Result<std::optional<std::string>> SqliteStore::get(const std::string& key) {
  std::lock_guard lock(connection_.mutex);
  auto stmt = connection_.db->prepared("SELECT value FROM settings WHERE key = ?1");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, key);
  auto row = (*stmt)->step();
  if (!row) return row.error();
  std::optional<std::string> value;
  if (*row) value = (*stmt)->column_text(0);
  (*stmt)->reset();
  return value;
}

Result<void> SqliteStore::put(const std::string& key, const std::string& value) {
  std::lock_guard lock(connection_.mutex);
  auto stmt = connection_.db->prepared(
      "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET "
      "value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
  if (!stmt) return stmt.error();
  return (*stmt)->bind(1, key).bind(2, value).run();
}

} // namespace plenum::storage
