#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>

#include "storage/sqlite/sqlite_database.hpp"
#include "storage/store.hpp"

namespace plenum::storage {

// The embedded default backend: one SQLite file in the data directory. One connection guarded
// by a mutex: enough for the control plane's write rate; a reader pool can follow if needed.
class SqliteStore final : public Store, private SettingsRepository {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& file,
                                                   std::chrono::milliseconds busy_timeout);

  Result<void> ping() override;
  Result<MigrationReport> migrate() override;
  Result<int> schema_version() override;
  int latest_schema_version() const override;
  SettingsRepository& settings() override { return *this; }

 private:
  explicit SqliteStore(std::unique_ptr<SqliteDatabase> db) : db_(std::move(db)) {}
  Result<std::optional<std::string>> get(const std::string& key) override;
  Result<void> put(const std::string& key, const std::string& value) override;

  std::mutex mutex_;
  std::unique_ptr<SqliteDatabase> db_;
};

} // namespace plenum::storage
