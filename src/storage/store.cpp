#include "storage/store.hpp"

#include <system_error>

#include "storage/sqlite/sqlite_store.hpp"

namespace plenum::storage {

Result<std::unique_ptr<Store>> open_store(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.server.data_dir, ec);
  if (ec) {
    return make_error(ErrorCode::unavailable, "cannot create data directory \"" +
                                                  config.server.data_dir.string() + "\": " + ec.message());
  }
  if (config.storage.backend == "sqlite") {
    auto store = SqliteStore::open(config.server.data_dir / "plenum.db", config.storage.busy_timeout);
    if (!store) return store.error();
    return std::unique_ptr<Store>(std::move(*store));
  }
  return make_error(ErrorCode::invalid_argument, "unknown storage backend " + config.storage.backend);
}

} // namespace plenum::storage
