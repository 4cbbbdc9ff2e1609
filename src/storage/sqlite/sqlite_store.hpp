#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>

#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_events.hpp"
#include "storage/sqlite/sqlite_rooms.hpp"
#include "storage/sqlite/sqlite_sessions.hpp"
#include "storage/sqlite/sqlite_templates.hpp"
#include "storage/sqlite/sqlite_users.hpp"
#include "storage/store.hpp"

namespace plenum::storage {

// The embedded default backend: one SQLite file in the data directory. One connection guarded
// by a mutex (SqliteConnection) shared by the repositories: enough for the control plane's
// write rate; a reader pool can follow if measurements ask for it.
class SqliteStore final : public Store, private SettingsRepository {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& file,
                                                   std::chrono::milliseconds busy_timeout);

  Result<void> ping() override;
  Result<MigrationReport> migrate() override;
  Result<int> schema_version() override;
  int latest_schema_version() const override;
  SettingsRepository& settings() override { return *this; }
  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  RoomRepository& rooms() override { return rooms_; }
  EventRepository& events() override { return events_; }
  TemplateRepository& templates() override { return templates_; }

 private:
  explicit SqliteStore(std::unique_ptr<SqliteDatabase> db)
      : connection_{{}, std::move(db)},
        users_(connection_),
        sessions_(connection_),
        rooms_(connection_),
        events_(connection_),
        templates_(connection_) {}
  Result<std::optional<std::string>> get(const std::string& key) override;
  Result<void> put(const std::string& key, const std::string& value) override;

  SqliteConnection connection_;
  SqliteUsers users_;
  SqliteSessions sessions_;
  SqliteRooms rooms_;
  SqliteEvents events_;
  SqliteTemplates templates_;
};

} // namespace plenum::storage
