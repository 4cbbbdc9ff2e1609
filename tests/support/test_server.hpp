#pragma once
// The project's own HTTP server on 127.0.0.1 and a free port, its io_context on a background
// thread: a real peer for client-side tests.

#include <memory>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "base/error.hpp"
#include "base/metrics.hpp"
#include "http/middleware.hpp"
#include "http/server.hpp"

namespace plenum::test {

class TestServer {
 public:
  explicit TestServer(http::Next handler, http::ServerOptions options = {}) {
    options.listen = ListenAddress{"127.0.0.1", 0};
    server_ = std::make_unique<http::Server>(io_, std::move(options), http::chain({}, std::move(handler)),
                                             registry_);
    auto port = server_->start();
    if (!port) fatal(port.error().message);
    port_ = *port;
    thread_ = std::thread([this] { io_.run(); });
  }
  ~TestServer() {
    io_.stop();
    thread_.join();
    server_.reset();
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::string url(const std::string& target, bool https = false) const {
    return (https ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_) + target;
  }

 private:
  boost::asio::io_context io_;
  metrics::Registry registry_;
  std::unique_ptr<http::Server> server_;
  uint16_t port_ = 0;
  std::thread thread_;
};

} // namespace plenum::test
