#pragma once
// Storage seam: backend-neutral repository interfaces. SQLite (embedded default) implements
// them today; a PostgreSQL backend will implement the same interfaces (ARCHITECTURE.md).
// All calls block: run them on the blocking pool, never on a room strand or media worker.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/config.hpp"
#include "base/result.hpp"
#include "storage/events.hpp"
#include "storage/rooms.hpp"
#include "storage/sessions.hpp"
#include "storage/templates.hpp"
#include "storage/users.hpp"

namespace plenum::storage {

struct MigrationReport {
  int version_before = 0;
  int version_after = 0;
  std::vector<std::string> applied; // "0001_settings", ...
};

// Instance-wide key/value settings (e.g. the instance id; later signing keys).
class SettingsRepository {
 public:
  virtual ~SettingsRepository() = default;
  virtual Result<std::optional<std::string>> get(const std::string& key) = 0;
  virtual Result<void> put(const std::string& key, const std::string& value) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // A cheap round trip that fails when the database cannot answer queries.
  virtual Result<void> ping() = 0;
  // Applies pending migrations, each in its own transaction.
  virtual Result<MigrationReport> migrate() = 0;
  virtual Result<int> schema_version() = 0;
  virtual int latest_schema_version() const = 0;
  virtual SettingsRepository& settings() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual RoomRepository& rooms() = 0;
  virtual EventRepository& events() = 0;
  virtual TemplateRepository& templates() = 0;
};

// Opens the configured backend (creating server.data_dir when needed). Does not migrate.
Result<std::unique_ptr<Store>> open_store(const Config& config);

} // namespace plenum::storage
