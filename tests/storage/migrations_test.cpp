#include "storage/sqlite/migrations.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>

#include "support/temp_dir.hpp"

namespace plenum::storage {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

class MigrationsTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteDatabase> open() {
    auto db = SqliteDatabase::open(dir_.path() / "test.db", 1000ms);
    EXPECT_TRUE(db.ok());
    return std::move(*db);
  }
  int count(SqliteDatabase& db, const std::string& sql) {
    auto stmt = db.prepared(sql);
    EXPECT_TRUE(stmt.ok());
    auto row = (*stmt)->step();
    EXPECT_TRUE(row.ok() && *row);
    int n = static_cast<int>((*stmt)->column_int(0));
    (*stmt)->reset();
    return n;
  }
  test::TempDir dir_;
};

TEST_F(MigrationsTest, FreshDatabaseGetsEveryMigration) {
  auto db = open();
  EXPECT_EQ(*current_schema_version(*db), 0);
  auto report = apply_migrations(*db, sqlite_migrations());
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->version_before, 0);
  EXPECT_EQ(report->version_after, sqlite_migrations().back().version);
  EXPECT_EQ(report->applied.size(), sqlite_migrations().size());
  EXPECT_EQ(report->applied.front(), "0001_settings");
  EXPECT_EQ(*current_schema_version(*db), sqlite_migrations().back().version);
  EXPECT_EQ(count(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'settings'"), 1);
}

TEST_F(MigrationsTest, AlreadyMigratedDatabaseIsLeftAlone) {
  {
    auto db = open();
    ASSERT_TRUE(apply_migrations(*db, sqlite_migrations()).ok());
    ASSERT_TRUE(db->exec("INSERT INTO settings (key, value) VALUES ('k', 'v')").ok());
  }
  auto db = open(); // a restart
  auto report = apply_migrations(*db, sqlite_migrations());
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_TRUE(report->applied.empty());
  EXPECT_EQ(report->version_before, report->version_after);
  EXPECT_EQ(count(*db, "SELECT count(*) FROM settings"), 1); // data kept
}

TEST_F(MigrationsTest, NewMigrationsApplyOnTopInOrder) {
  auto db = open();
  ASSERT_TRUE(apply_migrations(*db, sqlite_migrations()).ok());
  std::vector<Migration> next(sqlite_migrations().begin(), sqlite_migrations().end());
  const int v = next.back().version;
  next.push_back({v + 1, "widgets", "CREATE TABLE widgets (id INTEGER PRIMARY KEY);"});
  next.push_back({v + 2, "widget_names", "ALTER TABLE widgets ADD COLUMN name TEXT;"});
  auto report = apply_migrations(*db, next);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->applied.size(), 2u);
  EXPECT_EQ(*current_schema_version(*db), v + 2);
}

TEST_F(MigrationsTest, FailingMigrationRollsBackCompletely) {
  auto db = open();
  ASSERT_TRUE(apply_migrations(*db, sqlite_migrations()).ok());
  std::vector<Migration> next(sqlite_migrations().begin(), sqlite_migrations().end());
  const int v = next.back().version;
  next.push_back({v + 1, "broken", "CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;"});
  auto report = apply_migrations(*db, next);
  ASSERT_FALSE(report.ok());
  char label[64];
  std::snprintf(label, sizeof label, "migration %04d_broken failed", v + 1);
  EXPECT_THAT(report.error().message, HasSubstr(label));
  EXPECT_EQ(*current_schema_version(*db), v);
  EXPECT_EQ(count(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"), 0);
}

TEST_F(MigrationsTest, EditedMigrationIsDetected) {
  auto db = open();
  std::array<Migration, 1> original = {Migration{1, "t", "CREATE TABLE t (a INTEGER);"}};
  ASSERT_TRUE(apply_migrations(*db, original).ok());
  std::array<Migration, 1> edited = {Migration{1, "t", "CREATE TABLE t (a TEXT);"}};
  auto report = apply_migrations(*db, edited);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::conflict);
  EXPECT_THAT(report.error().message, HasSubstr("0001_t was changed after it was applied"));
}

TEST_F(MigrationsTest, DatabaseFromANewerBuildIsRefused) {
  auto db = open();
  std::array<Migration, 2> newer = {Migration{1, "a", "CREATE TABLE a (x INTEGER);"},
                                    Migration{2, "b", "CREATE TABLE b (x INTEGER);"}};
  ASSERT_TRUE(apply_migrations(*db, newer).ok());
  auto report = apply_migrations(*db, std::span(newer).first(1));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::conflict);
  EXPECT_THAT(report.error().message,
              HasSubstr("schema version 2 is newer than this Plenum build knows (1)"));
}

TEST_F(MigrationsTest, ForeignKeysAreEnforced) {
  auto db = open();
  ASSERT_TRUE(db->exec("CREATE TABLE p (id INTEGER PRIMARY KEY);"
                       "CREATE TABLE c (p INTEGER REFERENCES p(id));")
                  .ok());
  auto r = db->exec("INSERT INTO c (p) VALUES (99)");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("FOREIGN KEY"));
  EXPECT_EQ(count(*db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
}

} // namespace
} // namespace plenum::storage
