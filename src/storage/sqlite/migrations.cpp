#include "storage/sqlite/migrations.hpp"

#include <array>
#include <cstdio>

namespace plenum::storage {
namespace {

// Never edit a migration that has shipped; add a new one.
constexpr std::array kMigrations = {
    Migration{1, "settings", R"sql(
CREATE TABLE settings (
  key        TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
)sql"},
    Migration{2, "users_and_sessions", R"sql(
CREATE TABLE users (
  id             TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
  email          TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
  display_name   TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  password_hash  TEXT,
  is_admin       INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  language       TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('de', 'en')),
  theme          TEXT NOT NULL DEFAULT 'system'
                 CHECK (theme IN ('system', 'light', 'dark', 'high_contrast')),
  totp_secret    TEXT,
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY NOT NULL CHECK (length(token_hash) = 64),
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
)sql"},
    Migration{3, "rooms", R"sql(
CREATE TABLE rooms (
  id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
  owner_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name             TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  password         TEXT CHECK (password IS NULL OR length(password) BETWEEN 1 AND 64),
  waiting_room     TEXT NOT NULL DEFAULT 'off' CHECK (waiting_room IN ('off', 'guests', 'everyone')),
  guest_access     TEXT NOT NULL DEFAULT 'waiting_room'
                   CHECK (guest_access IN ('disabled', 'waiting_room', 'direct')),
  e2ee             INTEGER NOT NULL DEFAULT 0 CHECK (e2ee IN (0, 1)),
  max_participants INTEGER NOT NULL DEFAULT 100 CHECK (max_participants BETWEEN 1 AND 1000),
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX rooms_by_owner ON rooms (owner_id, created_at);

CREATE TABLE room_invites (
  code       TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 16 AND 64),
  room_id    TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX room_invites_by_room ON room_invites (room_id);
)sql"},
    Migration{4, "events", R"sql(
CREATE TABLE events (
  id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
  room_id          TEXT NOT NULL UNIQUE REFERENCES rooms (id) ON DELETE CASCADE,
  created_by       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description      TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 4096),
  time_independent INTEGER NOT NULL DEFAULT 0 CHECK (time_independent IN (0, 1)),
  all_day          INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
  adhoc            INTEGER NOT NULL DEFAULT 0 CHECK (adhoc IN (0, 1)),
  starts_at        TEXT,
  ends_at          TEXT,
  time_zone        TEXT,
  rrule            TEXT,
  rdates           TEXT NOT NULL DEFAULT '',
  exdates          TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (time_independent = 1 OR (starts_at IS NOT NULL AND ends_at IS NOT NULL AND time_zone IS NOT NULL))
) STRICT;
CREATE INDEX events_by_creator ON events (created_by, created_at);

CREATE TABLE event_exceptions (
  event_id       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  original_start TEXT NOT NULL,
  cancelled      INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  starts_at      TEXT,
  ends_at        TEXT,
  PRIMARY KEY (event_id, original_start),
  CHECK (cancelled = 1 OR (starts_at IS NOT NULL AND ends_at IS NOT NULL))
) STRICT;

CREATE TABLE event_favourites (
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, event_id)
) STRICT;

CREATE TABLE event_invites (
  event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_id    TEXT REFERENCES users (id) ON DELETE CASCADE,
  email      TEXT CHECK (email IS NULL OR (length(email) BETWEEN 3 AND 254 AND email = lower(email))),
  role       TEXT NOT NULL CHECK (role IN ('user', 'moderator', 'guest')),
  status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'tentative')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((user_id IS NULL) <> (email IS NULL)),
  CHECK (user_id IS NULL OR role IN ('user', 'moderator')),
  CHECK (email IS NULL OR role IN ('guest', 'moderator'))
) STRICT;
CREATE UNIQUE INDEX event_invites_user ON event_invites (event_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX event_invites_email ON event_invites (event_id, email) WHERE email IS NOT NULL;
CREATE INDEX event_invites_by_user ON event_invites (user_id, status);
)sql"},
    Migration{5, "dial_in_and_streaming", R"sql(
CREATE TABLE room_dial_in (
  room_id    TEXT PRIMARY KEY NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  numeric_id TEXT NOT NULL UNIQUE CHECK (length(numeric_id) = 10 AND numeric_id NOT GLOB '*[^0-9]*'),
  pin        TEXT NOT NULL CHECK (length(pin) = 10 AND pin NOT GLOB '*[^0-9]*')
) STRICT;

CREATE TABLE room_streaming_targets (
  id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
  room_id    TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  endpoint   TEXT NOT NULL CHECK (length(endpoint) <= 2048),
  stream_key TEXT NOT NULL CHECK (length(stream_key) BETWEEN 1 AND 512),
  public_url TEXT CHECK (public_url IS NULL OR length(public_url) <= 2048),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX room_streaming_targets_by_room ON room_streaming_targets (room_id);
)sql"},
    Migration{6, "oidc_identities", R"sql(
ALTER TABLE users ADD COLUMN oidc_issuer TEXT;
ALTER TABLE users ADD COLUMN oidc_subject TEXT;
CREATE UNIQUE INDEX users_by_oidc ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;
)sql"},
    Migration{7, "room_bans", R"sql(
CREATE TABLE room_bans (
  room_id    TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (room_id, user_id)
) STRICT;
)sql"},
    // rooms.max_participants was checked against 1..1000; one room must hold 5,000 and more.
    // SQLite cannot change a CHECK in place, and rebuilding `rooms` would mean switching foreign
    // keys off; so the limit moves to a new column and the old one is no longer read or written.
    Migration{8, "room_participant_limit", R"sql(
ALTER TABLE rooms ADD COLUMN participant_limit INTEGER NOT NULL DEFAULT 100
  CHECK (participant_limit BETWEEN 1 AND 10000);
UPDATE rooms SET participant_limit = max_participants;
)sql"},
    // Poll and vote templates prepared on an event (services/templates.cpp checks the fields as
    // the signaling commands polls.start and legal_vote.start do; these CHECKs are the backstop).
    Migration{9, "procedure_templates", R"sql(
CREATE TABLE poll_templates (
  id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
  event_id         TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  position         INTEGER NOT NULL CHECK (position BETWEEN 0 AND 1000000),
  topic            TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 500),
  choices          TEXT NOT NULL CHECK (json_valid(choices) AND json_type(choices) = 'array'
                                        AND json_array_length(choices) BETWEEN 2 AND 64),
  multiple         INTEGER NOT NULL CHECK (multiple IN (0, 1)),
  live             INTEGER NOT NULL CHECK (live IN (0, 1)),
  duration_seconds INTEGER CHECK (duration_seconds IS NULL OR duration_seconds BETWEEN 10 AND 86400),
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX poll_templates_by_event ON poll_templates (event_id, position);

CREATE TABLE vote_templates (
  id               TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
  event_id         TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL CHECK (position BETWEEN 0 AND 1000000),
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 150),
  subtitle         TEXT CHECK (subtitle IS NULL OR length(subtitle) BETWEEN 1 AND 255),
  topic            TEXT CHECK (topic IS NULL OR length(topic) BETWEEN 1 AND 2000),
  kind             TEXT NOT NULL CHECK (kind IN ('roll_call', 'secret')),
  allow_abstain    INTEGER NOT NULL CHECK (allow_abstain IN (0, 1)),
  live_results     INTEGER NOT NULL CHECK (live_results IN (0, 1)),
  auto_close       INTEGER NOT NULL CHECK (auto_close IN (0, 1)),
  duration_seconds INTEGER CHECK (duration_seconds IS NULL OR duration_seconds BETWEEN 60 AND 86400),
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (kind = 'roll_call' OR live_results = 0)
) STRICT;
CREATE INDEX vote_templates_by_event ON vote_templates (event_id, position);
)sql"},
};

constexpr std::string_view kCreateMeta = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY NOT NULL,
  name       TEXT NOT NULL,
  checksum   TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
)sql";

// FNV-1a 64: detects edits to a migration's text; not a security measure.
std::string checksum(std::string_view sql) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : sql) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string label(const Migration& m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d_", m.version);
  return buf + std::string(m.name);
}

} // namespace

std::span<const Migration> sqlite_migrations() { return kMigrations; }

Result<int> current_schema_version(SqliteDatabase& db) {
  auto exists =
      db.prepared("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  if (!exists) return exists.error();
  auto found = (*exists)->step();
  if (!found) return found.error();
  const bool has_table = (*exists)->column_int(0) > 0;
  (*exists)->reset();
  if (!has_table) return 0;
  auto stmt = db.prepared("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!stmt) return stmt.error();
  auto row = (*stmt)->step();
  if (!row) return row.error();
  int version = static_cast<int>((*stmt)->column_int(0));
  (*stmt)->reset();
  return version;
}

Result<MigrationReport> apply_migrations(SqliteDatabase& db, std::span<const Migration> migrations) {
  MigrationReport report;
  if (auto r = db.exec(kCreateMeta); !r) return r.error();
  auto before = current_schema_version(db);
  if (!before) return before.error();
  report.version_before = *before;
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (*before > latest) {
    return make_error(ErrorCode::conflict, "database schema version " + std::to_string(*before) +
                                               " is newer than this Plenum build knows (" +
                                               std::to_string(latest) +
                                               "); run a newer Plenum or restore a matching backup");
  }
  auto check = db.prepared("SELECT checksum FROM schema_migrations WHERE version = ?1");
  if (!check) return check.error();
  for (const auto& m : migrations) {
    (*check)->reset();
    (*check)->bind(1, int64_t{m.version});
    auto row = (*check)->step();
    if (!row) return row.error();
    if (*row) {
      auto stored = (*check)->column_text(0);
      if (stored != checksum(m.sql)) {
        return make_error(ErrorCode::conflict, "migration " + label(m) +
                                                   " was changed after it was applied (checksum " + stored +
                                                   " in the database)");
      }
      continue;
    }
    auto applied = db.transaction([&]() -> Result<void> {
      if (auto r = db.exec(m.sql); !r) return r;
      auto insert =
          db.prepared("INSERT INTO schema_migrations (version, name, checksum) VALUES (?1, ?2, ?3)");
      if (!insert) return insert.error();
      return (*insert)->bind(1, int64_t{m.version}).bind(2, m.name).bind(3, checksum(m.sql)).run();
    });
    if (!applied) {
      return make_error(applied.error().code,
                        "migration " + label(m) + " failed: " + applied.error().message);
    }
    report.applied.push_back(label(m));
  }
  (*check)->reset();
  report.version_after = latest;
  return report;
}

} // namespace plenum::storage
