#pragma once
// The subcommands of the `plenum` binary. Each returns the process exit code:
// 0 success, 1 runtime failure, 2 bad usage or configuration, 3 not available in this build.

#include "base/config.hpp"

namespace plenum::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnavailable = 3;

int serve(const LoadedConfig& loaded);
int check_config(const LoadedConfig& loaded);
int migrate(const LoadedConfig& loaded);

} // namespace plenum::app
