#include "app/cli.hpp"

#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include "app/commands.hpp"
#include "base/version.hpp"

namespace plenum::app {
namespace {

// Options every command that touches the server's data understands, so that
// `plenum migrate` and `plenum user ...` work on the same database as `plenum serve`.
struct CommonOptions {
  std::string config_file;
  std::string data_dir;
  std::string listen;
};

void add_common(CLI::App* cmd, CommonOptions& o, bool with_listen) {
  cmd->add_option("--config", o.config_file, "TOML configuration file");
  cmd->add_option("--data-dir", o.data_dir, "Data directory (server.data_dir)");
  if (with_listen) cmd->add_option("--listen", o.listen, "HOST:PORT to listen on (server.listen)");
}

std::optional<LoadedConfig> load(const CommonOptions& o) {
  ConfigSources sources;
  if (!o.config_file.empty()) sources.file = o.config_file;
  sources.env = process_environment();
  if (!o.listen.empty()) sources.flags.push_back({"server.listen", o.listen, "--listen"});
  if (!o.data_dir.empty()) sources.flags.push_back({"server.data_dir", o.data_dir, "--data-dir"});
  auto loaded = load_config(sources);
  if (!loaded) {
    std::cerr << "plenum: " << loaded.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*loaded);
}

} // namespace

int run_cli(int argc, char** argv) {
  CLI::App cli{"Plenum: self-hosted video conferencing for councils, schools and companies.", "plenum"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", kVersion);

  CommonOptions common;
  auto* serve_cmd = cli.add_subcommand("serve", "Run the server (HTTP API, web app)");
  add_common(serve_cmd, common, true);

  cli.add_subcommand("version", "Print the version");

  bool reference = false;
  auto* check_cmd = cli.add_subcommand("check-config", "Print the effective configuration, secrets masked");
  add_common(check_cmd, common, true);
  check_cmd->add_flag("--reference", reference, "Print the reference of every key as Markdown");

  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations");
  add_common(migrate_cmd, common, false);

  auto* user_cmd = cli.add_subcommand("user", "Manage built-in accounts");
  user_cmd->require_subcommand(1);
  UserAddOptions add;
  std::string disable_email;
  auto* user_add = user_cmd->add_subcommand("add", "Create an account");
  add_common(user_add, common, false);
  user_add->add_option("--email", add.email, "E-mail address (the sign-in name)")->required();
  user_add->add_option("--name", add.name, "Display name")->required();
  user_add->add_flag("--password-stdin", add.password_stdin, "Read the password from standard input");
  user_add->add_flag("--admin", add.admin, "Make the account an administrator");
  auto* user_list = user_cmd->add_subcommand("list", "List accounts");
  add_common(user_list, common, false);
  auto* user_disable = user_cmd->add_subcommand("disable", "Disable an account");
  add_common(user_disable, common, false);
  user_disable->add_option("--email", disable_email, "E-mail address of the account")->required();

  auto* vote_cmd = cli.add_subcommand("vote", "Legal votes");
  vote_cmd->require_subcommand(1);
  VoteVerifyOptions verify;
  auto* vote_verify = vote_cmd->add_subcommand(
      "verify", "Check a vote protocol: hash chain, signature, eligibility, tally (exit 0: valid)");
  vote_verify->add_option("protocol", verify.file, "The protocol (JSON) as downloaded")->required();
  vote_verify->add_option("--public-key", verify.public_key,
                          "The server's public key (hex) the protocol must be signed with");
  vote_verify->add_option("--receipt", verify.receipt,
                          "A voter's receipt (hex) that must be in the protocol");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  if (cli.got_subcommand("version")) {
    std::cout << "plenum " << kVersion << "\n";
    return kExitOk;
  }
  if (check_cmd->parsed() && reference) {
    std::cout << config_reference_markdown();
    return kExitOk;
  }
  if (vote_verify->parsed()) return vote_verify_command(verify);
  auto loaded = load(common);
  if (!loaded) return kExitUsage;
  if (serve_cmd->parsed()) return serve(*loaded);
  if (check_cmd->parsed()) return check_config(*loaded);
  if (migrate_cmd->parsed()) return migrate(*loaded);
  if (user_add->parsed()) return user_add_command(*loaded, add);
  if (user_list->parsed()) return user_list_command(*loaded);
  if (user_disable->parsed()) return user_disable_command(*loaded, disable_email);
  return kExitUsage;
}

} // namespace plenum::app
