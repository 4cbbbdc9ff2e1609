#pragma once
// The HTTP/1.1 server (Boost.Beast, C++20 coroutines). The only file that includes Beast.
// Every connection lives on its own strand; requests go through one pipeline (http::Next).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "base/config.hpp"
#include "base/metrics.hpp"
#include "base/result.hpp"
#include "http/middleware.hpp"
#include "http/websocket.hpp"

namespace boost::asio {
class io_context;
}

namespace plenum::http {

struct ServerOptions {
  ListenAddress listen;
  uint64_t max_body_bytes = uint64_t{1} << 20;
  uint64_t max_header_bytes = uint64_t{16} << 10;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
  int max_connections = 4096;
  std::filesystem::path tls_cert_file; // empty: plain HTTP
  std::filesystem::path tls_key_file;

  static ServerOptions from(const Config& config);
};

class Server {
 public:
  Server(boost::asio::io_context& io, ServerOptions options, Next pipeline, metrics::Registry& registry);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Serves WebSocket upgrades on `endpoint.path` (before start()). Other requests to that
  // path get 426 Upgrade Required.
  void add_websocket(WebSocketEndpoint endpoint);
  // Binds and starts accepting. Returns the bound port (useful with port 0).
  Result<uint16_t> start();
  // Graceful stop: no new connections, idle ones close now, in-flight requests finish and
  // get "Connection: close". `drained` runs once no connection is left.
  void shutdown(std::function<void()> drained);
  // Hard stop after the grace period: closes every remaining connection.
  void force_close();
  bool tls() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

} // namespace plenum::http
