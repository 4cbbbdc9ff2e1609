#pragma once
// The subcommands of the `plenum` binary. Each returns the process exit code:
// 0 success, 1 runtime failure, 2 bad usage, configuration or input.

#include <string>

#include "base/config.hpp"
#include "services/accounts.hpp"

namespace plenum::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int serve(const LoadedConfig& loaded);
int check_config(const LoadedConfig& loaded);
int migrate(const LoadedConfig& loaded);

struct UserAddOptions {
  std::string email;
  std::string name;
  bool password_stdin = false;
  bool admin = false;
};
int user_add_command(const LoadedConfig& loaded, const UserAddOptions& options);
int user_list_command(const LoadedConfig& loaded);
int user_disable_command(const LoadedConfig& loaded, const std::string& email);

struct VoteVerifyOptions {
  std::string file;
  std::string public_key; // hex; empty: any key (the protocol names its own)
  std::string receipt;    // hex; empty: none to look up
};
// Exit 0 and "valid", or 1 and the first inconsistency.
int vote_verify_command(const VoteVerifyOptions& options);

// Account settings from the configuration (shared by `serve` and `user`).
services::AccountsOptions accounts_options(const Config& config);

} // namespace plenum::app
