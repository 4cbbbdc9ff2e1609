#pragma once
// One SQLite connection: WAL journal, foreign keys on, busy timeout, prepared-statement cache.
// Not thread-safe by itself; SqliteStore serialises access with a mutex.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "storage/sqlite/statement.hpp"

struct sqlite3;

namespace plenum::storage {

class SqliteDatabase {
 public:
  static Result<std::unique_ptr<SqliteDatabase>> open(const std::filesystem::path& file,
                                                      std::chrono::milliseconds busy_timeout);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  // Runs one or more statements without parameters or results.
  Result<void> exec(std::string_view sql);
  // A prepared statement kept for the life of the connection, reset and ready to bind.
  Result<Statement*> prepared(const std::string& sql);

  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it returns an error.
  template <class Body>
  Result<void> transaction(Body&& body) {
    if (auto r = exec("BEGIN IMMEDIATE"); !r) return r;
    Result<void> result = body();
    if (!result) {
      (void)exec("ROLLBACK");
      return result;
    }
    if (auto r = exec("COMMIT"); !r) {
      (void)exec("ROLLBACK");
      return r;
    }
    return {};
  }

 private:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

// The connection and the mutex that serialises every use of it.
struct SqliteConnection {
  std::mutex mutex;
  std::unique_ptr<SqliteDatabase> db;
};

} // namespace plenum::storage
