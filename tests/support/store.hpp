#pragma once
// A migrated SQLite store in a test's temporary directory.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "storage/store.hpp"

namespace plenum::test {

inline std::unique_ptr<storage::Store> migrated_store(const std::filesystem::path& dir) {
  Config config;
  config.server.data_dir = dir;
  auto store = storage::open_store(config);
  EXPECT_TRUE(store.ok()) << store.error().message;
  if (!store) return nullptr;
  auto migrated = (*store)->migrate();
  EXPECT_TRUE(migrated.ok()) << migrated.error().message;
  return std::move(*store);
}

} // namespace plenum::test
