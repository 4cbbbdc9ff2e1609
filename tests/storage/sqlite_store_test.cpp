#include "storage/store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "support/temp_dir.hpp"

namespace plenum::storage {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> open() {
    Config config;
    config.server.data_dir = dir_.path() / "data";
    auto store = open_store(config);
    EXPECT_TRUE(store.ok()) << store.error().message;
    return std::move(*store);
  }
  test::TempDir dir_;
};

TEST_F(StoreTest, CreatesTheDataDirectoryAndIsReadyAfterMigrating) {
  auto store = open();
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "data" / "plenum.db"));
  auto before = store->ping();
  EXPECT_FALSE(before.ok()); // not migrated yet: not ready
  EXPECT_EQ(before.error().code, ErrorCode::unavailable);
  ASSERT_TRUE(store->migrate().ok());
  EXPECT_TRUE(store->ping().ok());
  EXPECT_EQ(*store->schema_version(), store->latest_schema_version());
}

TEST_F(StoreTest, SettingsPersistAcrossReopen) {
  {
    auto store = open();
    ASSERT_TRUE(store->migrate().ok());
    EXPECT_FALSE(store->settings().get("instance_id")->has_value());
    ASSERT_TRUE(store->settings().put("instance_id", "abc").ok());
    ASSERT_TRUE(store->settings().put("instance_id", "def").ok());
  }
  auto store = open();
  ASSERT_TRUE(store->migrate().ok());
  auto value = store->settings().get("instance_id");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value->value_or(""), "def");
}

TEST_F(StoreTest, InvalidKeysAreRejectedByTheSchema) {
  auto store = open();
  ASSERT_TRUE(store->migrate().ok());
  auto r = store->settings().put("", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::conflict); // CHECK constraint
}

TEST_F(StoreTest, ConcurrentWritersDoNotLoseUpdates) {
  auto store = open();
  ASSERT_TRUE(store->migrate().ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        ASSERT_TRUE(store->settings().put("k" + std::to_string(t) + "_" + std::to_string(i), "v").ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) {
    EXPECT_TRUE(store->settings().get("k" + std::to_string(t) + "_49")->has_value());
  }
}

TEST(StoreOpen, UnwritableDataDirectoryIsAClearError) {
  Config config;
  config.server.data_dir = "/proc/plenum-cannot-create";
  auto store = open_store(config);
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(store.error().message, ::testing::HasSubstr("cannot create data directory"));
}

} // namespace
} // namespace plenum::storage
