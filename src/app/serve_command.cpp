#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json/serialize.hpp>

#include "api/routes.hpp"
#include "app/commands.hpp"
#include "app/media_metrics.hpp"
#include "app/template_loaders.hpp"
#include "auth/ticket_store.hpp"
#include "base/config_values.hpp"
#include "base/logging.hpp"
#include "base/version.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "media/server/media_server.hpp"
#include "modules/legal_vote_report.hpp"
#include "modules/modules.hpp"
#include "rooms/event_bus.hpp"
#include "rooms/registry.hpp"
#include "signaling/service.hpp"
#include "storage/live_state.hpp"
#include "storage/store.hpp"
#include "storage/vote_archive.hpp"

namespace plenum::app {
namespace {

namespace asio = boost::asio;

Result<void> store_vote_protocol(const std::filesystem::path& dir, const modules::ArchivedVote& vote) {
  return storage::store_vote(dir, vote.vote_id, vote.access_user_ids,
                             {{".json", boost::json::serialize(vote.protocol)},
                              {".en.pdf", modules::legal_vote::render_report(vote.protocol, "en")},
                              {".de.pdf", modules::legal_vote::render_report(vote.protocol, "de")}});
}

constexpr int kBlockingThreads = 2;
constexpr auto kForceCloseGrace = std::chrono::milliseconds(500);

// Connections need file descriptors: use the hard limit the operator allows.
void raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

std::string display_url(const Config& config, uint16_t port, bool tls) {
  ListenAddress shown = config.server.listen;
  shown.port = port;
  if (shown.host == "0.0.0.0") shown.host = "127.0.0.1";
  if (shown.host == "::") shown.host = "::1";
  return std::string(tls ? "https://" : "http://") + config_values::format_listen(shown) + "/";
}

} // namespace

int serve(const LoadedConfig& loaded) {
  const Config& config = loaded.config;
  log::init(config.log.level);
  auto logger = log::get("app");
  raise_fd_limit();

  auto store = storage::open_store(config);
  if (!store) {
    std::cerr << "plenum serve: " << store.error().message << "\n";
    return kExitFailure;
  }
  auto report = (*store)->migrate();
  if (!report) {
    std::cerr << "plenum serve: " << report.error().message << "\n";
    return kExitFailure;
  }
  for (const auto& m : report->applied) logger->info("applied migration {}", m);

  metrics::Registry registry;
  asio::io_context io(config.server.threads);
  asio::thread_pool blocking(kBlockingThreads);
  std::unique_ptr<services::OidcVerifier> oidc;
  if (config.oidc.enabled()) {
    services::OidcSettings settings{config.oidc.issuer, config.oidc.client_id};
    if (!config.oidc.ca_file.empty()) settings.ca_file = config.oidc.ca_file;
    oidc = std::make_unique<services::OidcVerifier>(settings);
  }
  services::Accounts accounts(**store, accounts_options(config), oidc.get());
  auth::InMemoryTicketStore tickets;
  storage::InMemoryLiveState live;
  services::Rooms rooms(**store, tickets, &live);
  services::Events events(**store, rooms);
  services::Templates templates(**store);

  // Live meetings: rooms (actors) and the bus that carries their frames to connections.
  rooms::InMemoryEventBus bus;
  auto now_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  storage::Store& db = **store;
  auto persist_ban = [&blocking, &db, logger](const std::string& room_id, const std::string& user_id) {
    asio::post(blocking, [&db, logger, room_id, user_id] {
      if (auto r = db.rooms().ban(room_id, user_id); !r)
        logger->error("storing a ban failed: {}", r.error().message);
    });
  };
  // The SFU: media workers with their UDP ports (media.workers = 0 runs signaling only).
  std::unique_ptr<media::server::MediaServer> media_server;
  if (config.media.workers != 0) {
    media::server::MediaOptions media_options;
    media_options.workers = config.media.workers > 0
                                ? config.media.workers
                                : static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 64u));
    media_options.listen_ip = config.media.listen_ip;
    media_options.announced_ip = config.media.announced_ip;
    media_options.port = static_cast<uint16_t>(config.media.port);
    media_options.room_transports_per_worker = config.media.room_transports_per_worker;
    media_options.udp_segmentation = config.media.udp_segmentation;
    auto started = media::server::MediaServer::start(media_options);
    if (!started) {
      std::cerr << "plenum serve: media: " << started.error().message << "\n";
      return kExitFailure;
    }
    media_server = std::move(*started);
    for (const auto& w : media_server->workers())
      logger->info("media worker on UDP {}:{}", config.media.listen_ip, w->port());
    add_media_metrics(registry, *media_server);
  }
  modules::MediaModuleOptions media_module{
      media_server.get(), config.media.turn_urls, config.media.turn_secret,
      std::chrono::duration_cast<std::chrono::seconds>(config.media.turn_credential_lifetime).count()};
  // Legal votes: the server's Ed25519 signing key (created once, 0600) and the archive of
  // finished protocols in <data dir>/votes/ (read by GET /api/v1/votes/{id}/protocol).
  modules::LegalVoteOptions legal_vote;
  {
    auto key = modules::legal_vote::load_or_create_signing_key(config.server.data_dir / "vote_signing.key");
    if (!key) {
      std::cerr << "plenum serve: legal votes: " << key.error().message << "\n";
      return kExitFailure;
    }
    legal_vote.key = std::make_shared<const modules::legal_vote::SigningKey>(*key);
    logger->info("legal votes are signed with Ed25519 key {}", key->public_hex());
    legal_vote.archive = [dir = config.server.data_dir / "votes"](modules::ArchivedVote vote) {
      auto stored = store_vote_protocol(dir, vote);
      if (!stored)
        log::get("legal_vote")
            ->error("vote {}: protocol not stored: {}", vote.vote_id, stored.error().message);
    };
  }
  // Prepared polls and votes of the room's event, read on the blocking pool.
  legal_vote.load_templates = vote_template_loader(blocking, templates);
  modules::PollsOptions polls;
  polls.load_templates = poll_template_loader(blocking, templates);
  const modules::SpeakersOptions speakers{config.rooms.wheel_spin.count()};
  rooms::RoomOptions room_options{config.rooms.resumption_window, config.rooms.idle_timeout,
                                  config.rooms.time_limit, config.rooms.time_limit_notice};
  rooms::Registry live_rooms(io, room_options, rooms::RoomDeps{bus, live, now_ms, persist_ban},
                             [media_module, legal_vote, polls, speakers] {
                               return modules::all_modules(modules::ChatOptions{}, media_module, legal_vote,
                                                           polls, speakers);
                             });
  signaling::SignalingOptions signaling_options;
  signaling_options.websocket.max_message_bytes = config.signaling.max_message_bytes;
  signaling_options.websocket.max_queued_bytes = config.signaling.max_queued_bytes;
  signaling_options.websocket.idle_timeout = config.signaling.heartbeat_timeout;
  signaling_options.frames_per_second = config.signaling.frames_per_second;
  signaling_options.frame_burst = config.signaling.frame_burst;

  api::ApiContext ctx{config, **store, blocking, registry, accounts, rooms, events, templates, &live_rooms};

  http::Router router;
  api::add_routes(router, ctx);
  auto pipeline =
      http::chain({http::request_id(), http::access_log(log::get("http")), http::request_metrics(registry),
                   http::recover(log::get("http")), http::security_headers(config.oidc.issuer),
                   http::cors(config.http.cors_origins)},
                  [&router](http::Request& req) { return router.dispatch(req); });

  http::Server server(io, http::ServerOptions::from(config), pipeline, registry);
  server.add_websocket(signaling::signaling_endpoint(
      signaling::SignalingDeps{tickets, live, live_rooms, bus, registry, now_ms}, signaling_options));
  // Installed before the URL is printed, so a signal right after start-up is handled too.
  // SIGTERM/SIGINT: stop accepting, let in-flight requests finish, then exit 0. A second
  // signal or the end of http.shutdown_timeout closes what is left.
  asio::signal_set signals(io, SIGINT, SIGTERM);
  asio::steady_timer deadline(io);
  asio::steady_timer final_stop(io);
  auto force = [&] {
    server.force_close();
    final_stop.expires_after(kForceCloseGrace);
    final_stop.async_wait([&](boost::system::error_code) { io.stop(); });
  };
  bool shutting_down = false;
  std::function<void(boost::system::error_code, int)> on_signal;
  on_signal = [&](boost::system::error_code ec, int signal) {
    if (ec) return;
    if (shutting_down) {
      logger->warn("second signal {}: closing remaining connections now", signal);
      force();
      return;
    }
    shutting_down = true;
    logger->info("signal {}: shutting down (up to {} for in-flight requests)", signal,
                 config_values::format_duration(config.http.shutdown_timeout));
    live_rooms.close_all("server_shutdown");
    server.shutdown([&] { io.stop(); });
    deadline.expires_after(config.http.shutdown_timeout);
    deadline.async_wait([&](boost::system::error_code wait_ec) {
      if (wait_ec) return;
      logger->warn("shutdown grace period over: closing remaining connections");
      force();
    });
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);

  auto port = server.start();
  if (!port) {
    std::cerr << "plenum serve: " << port.error().message << "\n";
    return kExitFailure;
  }
  logger->info("Plenum {} listening on {} (data in {})", kVersion, display_url(config, *port, server.tls()),
               config.server.data_dir.string());
  std::cout << "Plenum " << kVersion << " is running: open " << display_url(config, *port, server.tls())
            << std::endl;

  std::vector<std::thread> threads;
  for (int i = 1; i < config.server.threads; ++i) threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : threads) t.join();
  blocking.join();
  logger->info("stopped");
  return kExitOk;
}

} // namespace plenum::app
