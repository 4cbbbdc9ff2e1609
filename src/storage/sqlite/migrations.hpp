#pragma once
// Versioned schema migrations for SQLite. Each migration runs once, in its own transaction, and
// is recorded with a checksum of its SQL so an edited migration is detected instead of ignored.

#include <span>
#include <string_view>

#include "base/result.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/store.hpp"

namespace plenum::storage {

struct Migration {
  int version;           // 1, 2, 3, ... without gaps
  std::string_view name; // "settings"
  std::string_view sql;
};

// The migrations of this build, in order.
std::span<const Migration> sqlite_migrations();

Result<int> current_schema_version(SqliteDatabase& db);
Result<MigrationReport> apply_migrations(SqliteDatabase& db, std::span<const Migration> migrations);

} // namespace plenum::storage
