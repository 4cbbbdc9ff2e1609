#pragma once
// Plenum's configuration: one typed struct, filled from (lowest to highest precedence) the
// built-in defaults, a TOML file, PLENUM_* environment variables and command-line flags.
// Every key is declared once in config_schema.cpp with its type, limits, default and help;
// the loader, `plenum check-config` and docs/configuration.md all come from that table.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/logging.hpp"
#include "base/result.hpp"

namespace plenum {

struct ListenAddress {
  std::string host = "127.0.0.1"; // a literal IPv4 or IPv6 address
  uint16_t port = 8080;           // 0 picks a free port
  friend bool operator==(const ListenAddress&, const ListenAddress&) = default;
};

struct Config {
  struct Server {
    ListenAddress listen;
    std::filesystem::path data_dir = "data";
    int threads = 2;
  } server;
  struct Http {
    uint64_t max_body_bytes = uint64_t{1} << 20;
    uint64_t max_header_bytes = uint64_t{16} << 10;
    std::chrono::milliseconds header_timeout{10'000};
    std::chrono::milliseconds body_timeout{30'000};
    std::chrono::milliseconds idle_timeout{60'000};
    std::chrono::milliseconds shutdown_timeout{8'000};
    int max_connections = 4096;
    std::vector<std::string> cors_origins;
    std::filesystem::path web_root = "web/dist";
  } http;
  struct Tls {
    std::filesystem::path cert_file;
    std::filesystem::path key_file;
    bool enabled() const { return !cert_file.empty(); }
  } tls;
  struct Log {
    log::Level level = log::Level::info;
  } log;
  struct Metrics {
    std::string bearer_token; // secret; empty = /metrics is open
  } metrics;
  struct Auth {
    std::chrono::milliseconds session_ttl{12LL * 3'600'000};
    int password_min_length = 10;
  } auth;
  struct Oidc {
    std::string issuer;    // empty: OpenID Connect sign-in is off
    std::string client_id; // the web app's client at the provider; tokens must be for it
    std::string resource;  // RFC 8707 resource indicator the web app asks tokens for (optional)
    std::filesystem::path ca_file;
    bool enabled() const { return !issuer.empty(); }
  } oidc;
  struct Signaling {
    uint64_t max_message_bytes = uint64_t{64} << 10;
    uint64_t max_queued_bytes = uint64_t{4} << 20;
    int frames_per_second = 20;
    int frame_burst = 40;
    std::chrono::milliseconds heartbeat_timeout{20'000};
  } signaling;
  struct Rooms {
    std::chrono::milliseconds resumption_window{60'000};
    std::chrono::milliseconds idle_timeout{30'000};
    std::chrono::milliseconds time_limit{0};
    std::chrono::milliseconds time_limit_notice{300'000};
    std::chrono::milliseconds wheel_spin{6'000};
  } rooms;
  struct Media {
    int workers = -1; // media threads, each with its own UDP port; -1 (default): one per core; 0: no media
    std::string listen_ip = "127.0.0.1";
    std::string announced_ip;             // what clients connect to; empty: listen_ip
    int port = 0;                         // the first worker's UDP port; 0: any free port
    int room_transports_per_worker = 150; // then a room's new subscribers go to another worker
    bool udp_segmentation = true;         // UDP GSO for runs of datagrams to one address
    std::string turn_urls;                // comma-separated turn: URLs handed to clients
    std::string turn_secret;              // coturn's static-auth-secret (TURN REST credentials)
    std::chrono::milliseconds turn_credential_lifetime{86'400'000};
  } media;
  struct Storage {
    std::string backend = "sqlite";
    std::chrono::milliseconds busy_timeout{5'000};
  } storage;
};

// Where the configuration comes from. `env` is the whole process environment (only PLENUM_*
// entries are read); `flags` are key/value pairs set by command-line options, e.g.
// {"server.listen", "127.0.0.1:0", "--listen"}.
struct ConfigFlag {
  std::string key;
  std::string value;
  std::string flag_name;
};
struct ConfigSources {
  std::optional<std::filesystem::path> file;
  std::optional<std::string> file_text; // contents of `file` when already in memory (fuzzers)
  std::vector<std::pair<std::string, std::string>> env;
  std::vector<ConfigFlag> flags;
};

struct LoadedConfig {
  Config config;
  std::map<std::string, std::string> origin; // key -> "default", "file", "env NAME", "flag --x"
};

// Loads and validates. The error message names the key, the source and the expected form.
Result<LoadedConfig> load_config(const ConfigSources& sources);

// The effective configuration as TOML with secrets masked, each line commented with its origin.
std::string render_config(const LoadedConfig& loaded);

// A Markdown reference of every key (docs/configuration.md is generated from it).
std::string config_reference_markdown();

// Reads the process environment into ConfigSources::env form.
std::vector<std::pair<std::string, std::string>> process_environment();

} // namespace plenum
