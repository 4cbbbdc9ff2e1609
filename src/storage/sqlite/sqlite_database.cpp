#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

namespace plenum::storage {
namespace {

Error sqlite_error(sqlite3* db, std::string_view what) {
  return make_error(ErrorCode::unavailable,
                    std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

} // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::filesystem::path& file,
                                                             std::chrono::milliseconds busy_timeout) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(raw));
  if (rc != SQLITE_OK) return sqlite_error(raw, "cannot open database " + file.string());
  sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout.count()));
  sqlite3_extended_result_codes(raw, 1);
  // WAL lets readers run beside one writer; NORMAL sync is durable across process crashes in
  // WAL mode (only an OS crash may lose the last transactions).
  if (auto r = db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                        "PRAGMA foreign_keys=ON;");
      !r) {
    return r.error();
  }
  return db;
}

SqliteDatabase::~SqliteDatabase() {
  cache_.clear(); // statements must be finalised before the connection closes
  sqlite3_close(db_);
}

Result<void> SqliteDatabase::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    ErrorCode code = (rc & 0xff) == SQLITE_BUSY ? ErrorCode::unavailable : ErrorCode::internal;
    return make_error(code, "sqlite: " + detail);
  }
  return {};
}

Result<Statement*> SqliteDatabase::prepared(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db_, "prepare");
    it = cache_.emplace(sql, std::make_unique<Statement>(db_, stmt)).first;
  }
  it->second->reset();
  return it->second.get();
}

} // namespace plenum::storage
