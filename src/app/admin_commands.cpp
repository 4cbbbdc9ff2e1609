#include <iostream>

#include "app/commands.hpp"
#include "storage/store.hpp"

namespace plenum::app {

int check_config(const LoadedConfig& loaded) {
  std::cout << render_config(loaded);
  return kExitOk;
}

int migrate(const LoadedConfig& loaded) {
  auto store = storage::open_store(loaded.config);
  if (!store) {
    std::cerr << "plenum migrate: " << store.error().message << "\n";
    return kExitFailure;
  }
  auto report = (*store)->migrate();
  if (!report) {
    std::cerr << "plenum migrate: " << report.error().message << "\n";
    return kExitFailure;
  }
  if (report->applied.empty()) {
    std::cout << "database is up to date at schema version " << report->version_after << "\n";
  } else {
    std::cout << "migrated database from schema version " << report->version_before << " to "
              << report->version_after << ":";
    for (const auto& m : report->applied) std::cout << " " << m;
    std::cout << "\n";
  }
  return kExitOk;
}

} // namespace plenum::app
