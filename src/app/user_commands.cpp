#include <iomanip>
#include <iostream>
#include <string>

#include "app/commands.hpp"
#include "services/accounts.hpp"
#include "storage/store.hpp"

namespace plenum::app {
namespace {

// Opens and migrates the store of `loaded`, then runs `body` with an Accounts service on it.
template <class Body>
int with_accounts(const LoadedConfig& loaded, std::string_view command, Body&& body) {
  auto store = storage::open_store(loaded.config);
  if (!store) {
    std::cerr << "plenum " << command << ": " << store.error().message << "\n";
    return kExitFailure;
  }
  if (auto migrated = (*store)->migrate(); !migrated) {
    std::cerr << "plenum " << command << ": " << migrated.error().message << "\n";
    return kExitFailure;
  }
  services::Accounts accounts(**store, accounts_options(loaded.config));
  return body(accounts);
}

int report(std::string_view command, const Error& error) {
  std::cerr << "plenum " << command << ": " << (error.field.empty() ? "" : error.field + ": ")
            << error.message << "\n";
  return error.code == ErrorCode::invalid_argument || error.code == ErrorCode::conflict ? kExitUsage
                                                                                        : kExitFailure;
}

} // namespace

services::AccountsOptions accounts_options(const Config& config) {
  services::AccountsOptions options;
  options.session_ttl = std::chrono::duration_cast<std::chrono::seconds>(config.auth.session_ttl);
  options.password_policy.min_length = static_cast<size_t>(config.auth.password_min_length);
  return options;
}

int user_add_command(const LoadedConfig& loaded, const UserAddOptions& o) {
  if (!o.password_stdin) {
    std::cerr << "plenum user add: pass the password on standard input with --password-stdin "
                 "(never on the command line, where other users can see it)\n";
    return kExitUsage;
  }
  std::string password;
  std::getline(std::cin, password);
  while (!password.empty() && (password.back() == '\r' || password.back() == '\n')) password.pop_back();
  return with_accounts(loaded, "user add", [&](services::Accounts& accounts) {
    auto user = accounts.create_user(o.email, o.name, password, o.admin);
    if (!user) return report("user add", user.error());
    std::cout << "created " << (user->admin ? "administrator " : "account ") << user->email << " ("
              << user->display_name << ")\n";
    return kExitOk;
  });
}

int user_list_command(const LoadedConfig& loaded) {
  return with_accounts(loaded, "user list", [&](services::Accounts& accounts) {
    constexpr size_t kPage = 1000;
    std::cout << std::left << std::setw(40) << "E-MAIL" << std::setw(32) << "NAME" << std::setw(10) << "ROLE"
              << std::setw(10) << "STATE"
              << "CREATED\n";
    for (size_t offset = 0;; offset += kPage) {
      auto users = accounts.list(kPage, offset);
      if (!users) return report("user list", users.error());
      for (const auto& u : *users) {
        std::cout << std::left << std::setw(40) << u.email << std::setw(32) << u.display_name << std::setw(10)
                  << (u.admin ? "admin" : "user") << std::setw(10) << (u.disabled ? "disabled" : "active")
                  << u.created_at << "\n";
      }
      if (users->size() < kPage) return kExitOk;
    }
  });
}

int user_disable_command(const LoadedConfig& loaded, const std::string& email) {
  return with_accounts(loaded, "user disable", [&](services::Accounts& accounts) {
    auto done = accounts.disable(email);
    if (!done) return report("user disable", done.error());
    std::cout << "disabled " << email << " and ended its sessions\n";
    return kExitOk;
  });
}

} // namespace plenum::app
