#include "http/server.hpp"

#include <atomic>
#include <map>
#include <mutex>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "base/logging.hpp"
#include "base/random.hpp"
#include "http/websocket_connection.hpp"

namespace plenum::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr auto kErrorWriteTimeout = 2s;

// What the server keeps of a connection to stop it from another thread. `cancel_now` and
// `idle` are only touched on the connection's strand.
struct Connection {
  asio::any_io_executor executor;
  std::function<void(bool force)> cancel_now;
  bool idle = true;
};

Request to_request(bhttp::request<bhttp::string_body>&& msg, const std::string& peer, bool secure) {
  Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  auto q = req.target.find('?');
  req.path = req.target.substr(0, q);
  if (q != std::string::npos) req.query = req.target.substr(q + 1);
  for (const auto& field : msg) req.headers.add(std::string(field.name_string()), std::string(field.value()));
  req.body = std::move(msg.body());
  req.remote_address = peer;
  req.secure = secure;
  return req;
}

bhttp::response<bhttp::string_body> to_beast(Response&& res, unsigned version, bool head, bool close) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  for (const auto& [name, value] : res.headers.all()) out.insert(name, value);
  out.keep_alive(!close);
  const bool no_body = res.status == 204 || res.status == 304 || (res.status >= 100 && res.status < 200);
  if (head) {
    out.content_length(res.body.size());
  } else if (!no_body) {
    out.body() = std::move(res.body);
    out.prepare_payload();
  }
  return out;
}

// Cancels a socket's pending reads when a request phase (headers, body) takes too long.
// Disarming bumps a generation so that a timer completion already queued does nothing.
class PhaseDeadline {
 public:
  explicit PhaseDeadline(const asio::any_io_executor& executor) : timer_(executor) {}
  ~PhaseDeadline() { disarm(); }
  PhaseDeadline(const PhaseDeadline&) = delete;
  PhaseDeadline& operator=(const PhaseDeadline&) = delete;

  void arm(std::chrono::milliseconds after, tcp::socket& socket) {
    disarm();
    timer_.expires_after(after);
    timer_.async_wait([state = state_, generation = state_->generation, &socket](beast::error_code ec) {
      if (ec || state->generation != generation) return;
      state->expired = true;
      beast::error_code ignored;
      socket.cancel(ignored);
    });
  }
  void disarm() {
    ++state_->generation;
    timer_.cancel();
  }
  bool expired() const { return state_->expired; }

 private:
  struct State {
    uint64_t generation = 0;
    bool expired = false;
  };
  asio::steady_timer timer_;
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

// The response for a request that could not be read, or none (silent close).
std::optional<Error> read_failure(const beast::error_code& ec, uint64_t body_limit, uint64_t header_limit,
                                  int& status) {
  if (ec == bhttp::error::body_limit) {
    status = 413;
    return make_error(ErrorCode::payload_too_large,
                      "request body larger than " + std::to_string(body_limit) + " bytes");
  }
  if (ec == bhttp::error::header_limit) {
    status = 431;
    return make_error(ErrorCode::payload_too_large,
                      "request headers larger than " + std::to_string(header_limit) + " bytes");
  }
  if (ec == beast::error::timeout) {
    status = 408;
    return make_error(ErrorCode::request_timeout, "request not received in time");
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
      ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
    status = 400;
    return make_error(ErrorCode::bad_request, "malformed HTTP request (" + ec.message() + ")");
  }
  return std::nullopt; // peer went away or we cancelled: nobody to answer
}

} // namespace

ServerOptions ServerOptions::from(const Config& c) {
  ServerOptions o;
  o.listen = c.server.listen;
  o.max_body_bytes = c.http.max_body_bytes;
  o.max_header_bytes = c.http.max_header_bytes;
  o.header_timeout = c.http.header_timeout;
  o.body_timeout = c.http.body_timeout;
  o.idle_timeout = c.http.idle_timeout;
  o.max_connections = c.http.max_connections;
  o.tls_cert_file = c.tls.cert_file;
  o.tls_key_file = c.tls.key_file;
  return o;
}

struct Server::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& io_in, ServerOptions o, Next p, metrics::Registry& r)
      : io(io_in),
        opts(std::move(o)),
        pipeline(std::move(p)),
        acceptor(asio::make_strand(io_in)),
        active(r.gauge("plenum_http_connections_active", "Open HTTP connections.")),
        accepted(r.counter("plenum_http_connections_total", "Accepted HTTP connections.")),
        rejected(r.counter("plenum_http_connections_rejected_total",
                           "Connections refused because http.max_connections was reached.")),
        registry(r) {}

  asio::io_context& io;
  ServerOptions opts;
  Next pipeline;
  tcp::acceptor acceptor;
  std::unique_ptr<asio::ssl::context> ssl;
  std::shared_ptr<spdlog::logger> logger = log::get("http");
  std::atomic<bool> stopping{false};

  std::vector<WebSocketEndpoint> websockets; // fixed before start()

  const WebSocketEndpoint* websocket_at(std::string_view path) const {
    for (const auto& e : websockets)
      if (e.path == path) return &e;
    return nullptr;
  }

  std::mutex mutex; // guards the members below
  std::map<uint64_t, std::shared_ptr<Connection>> connections;
  uint64_t next_id = 0;
  std::function<void()> drained;

  metrics::Gauge& active;
  metrics::Counter& accepted;
  metrics::Counter& rejected;
  metrics::Registry& registry;

  void count_read_error(int status) {
    registry
        .counter("plenum_http_read_errors_total", "Requests rejected before routing, by status.",
                 {{"status", std::to_string(status)}})
        .inc();
  }

  void remove(uint64_t id) {
    std::function<void()> done;
    {
      std::lock_guard lock(mutex);
      connections.erase(id);
      if (stopping && connections.empty() && drained) done = std::exchange(drained, nullptr);
    }
    active.add(-1);
    if (done) asio::post(io, std::move(done));
  }

  static asio::awaitable<void> accept_loop(std::shared_ptr<Impl> self) {
    for (;;) {
      auto [ec, socket] = co_await self->acceptor.async_accept(asio::make_strand(self->io), kNoThrow);
      if (self->stopping) co_return;
      if (ec) {
        self->logger->warn("accept failed: {}", ec.message());
        asio::steady_timer pause(self->acceptor.get_executor(), 50ms); // e.g. EMFILE: back off
        co_await pause.async_wait(kNoThrow);
        continue;
      }
      auto exec = socket.get_executor();
      asio::co_spawn(exec, run_connection(self, std::move(socket)), asio::detached);
    }
  }

  static asio::awaitable<void> reject(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(kErrorWriteTimeout);
    std::string body = error_json(
        make_error(ErrorCode::too_many_connections, "the server is at its connection limit; try again"));
    bhttp::response<bhttp::string_body> res{bhttp::status::service_unavailable, 11};
    res.set(bhttp::field::content_type, "application/json");
    res.set(bhttp::field::retry_after, "1");
    res.keep_alive(false);
    res.body() = std::move(body);
    res.prepare_payload();
    co_await bhttp::async_write(stream, res, kNoThrow);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  static asio::awaitable<void> run_connection(std::shared_ptr<Impl> self, tcp::socket socket) {
    beast::error_code ec;
    // Small frames (signaling events, API replies) must not wait for the peer's delayed ACK.
    socket.set_option(tcp::no_delay(true), ec);
    auto endpoint = socket.remote_endpoint(ec);
    const std::string peer = ec ? std::string("unknown") : endpoint.address().to_string();
    auto conn = std::make_shared<Connection>();
    conn->executor = socket.get_executor();
    uint64_t id = 0;
    bool over_limit = false;
    {
      std::lock_guard lock(self->mutex);
      over_limit = self->connections.size() >= static_cast<size_t>(self->opts.max_connections);
      if (!over_limit) {
        id = self->next_id++;
        self->connections.emplace(id, conn);
      }
    }
    if (over_limit) {
      self->rejected.inc();
      co_await reject(std::move(socket));
      co_return;
    }
    self->accepted.inc();
    self->active.add(1);
    try {
      beast::tcp_stream stream(std::move(socket));
      if (self->ssl) {
        beast::ssl_stream<beast::tcp_stream> tls(std::move(stream), *self->ssl);
        conn->cancel_now = [&tls, conn_raw = conn.get()](bool force) {
          if (force || conn_raw->idle) beast::get_lowest_layer(tls).socket().close();
        };
        beast::get_lowest_layer(tls).expires_after(self->opts.header_timeout);
        auto [hec] = co_await tls.async_handshake(asio::ssl::stream_base::server, kNoThrow);
        if (!hec && !self->stopping) co_await self->serve(tls, *conn, peer, true);
        if (!hec) {
          beast::get_lowest_layer(tls).expires_after(kErrorWriteTimeout);
          co_await tls.async_shutdown(kNoThrow);
        }
      } else {
        conn->cancel_now = [&stream, conn_raw = conn.get()](bool force) {
          if (force || conn_raw->idle) stream.socket().close();
        };
        co_await self->serve(stream, *conn, peer, false);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      }
    } catch (const std::exception& e) {
      self->logger->error("connection from {} failed: {}", peer, e.what());
    }
    conn->cancel_now = nullptr; // the stream is gone; still on this connection's strand
    self->remove(id);
  }

  // Reads and discards what the client still sends (up to 1 s) before closing, so an error
  // response is not destroyed by a TCP reset when unread request bytes are pending.
  template <class Stream>
  static asio::awaitable<void> linger(Stream& stream) {
    auto& layer = beast::get_lowest_layer(stream);
    beast::error_code ignored;
    layer.socket().shutdown(tcp::socket::shutdown_send, ignored);
    layer.expires_after(1s);
    std::array<char, 4096> sink{};
    for (size_t total = 0; total < (1u << 20);) {
      auto [ec, n] = co_await layer.async_read_some(asio::buffer(sink), kNoThrow);
      if (ec) break;
      total += n;
    }
  }

  // Asks the application first (it may refuse with an HTTP error), then hands the stream to
  // the WebSocket loop. Shutdown closes it with 1001 like any other open connection.
  template <class Stream>
  asio::awaitable<void> upgrade(Stream& stream, Connection& conn, bhttp::request<bhttp::string_body> message,
                                const WebSocketEndpoint& endpoint, const std::string& peer, bool secure) {
    auto& layer = beast::get_lowest_layer(stream);
    bhttp::request<bhttp::string_body> copy = message; // the handshake needs Beast's request
    Request req = to_request(std::move(copy), peer, secure);
    req.route = endpoint.path;
    auto decision = co_await endpoint.accept(req);
    if (!decision) {
      auto out = to_beast(error_response(decision.error()), message.version(), false, true);
      layer.expires_after(kErrorWriteTimeout);
      co_await bhttp::async_write(stream, out, kNoThrow);
      co_return;
    }
    count_websocket(1);
    co_await detail::run_websocket(stream, message, std::move(*decision), endpoint.options,
                                   [&conn, &layer](std::function<void()> close) {
                                     if (!close) {
                                       conn.cancel_now = nullptr;
                                       return;
                                     }
                                     conn.idle = false;
                                     conn.cancel_now = [close = std::move(close), &layer](bool force) {
                                       beast::error_code ignored;
                                       if (force)
                                         layer.socket().close(ignored);
                                       else
                                         close();
                                     };
                                   });
    count_websocket(-1);
  }

  void count_websocket(int delta) {
    registry.gauge("plenum_websocket_connections_active", "Open WebSocket connections.").add(delta);
  }

  template <class Stream>
  asio::awaitable<void> serve(Stream& stream, Connection& conn, const std::string& peer, bool secure) {
    auto& layer = beast::get_lowest_layer(stream);
    beast::flat_buffer buffer;
    for (;;) {
      // Between requests: the idle timeout applies until the first byte of the next one.
      conn.idle = true;
      if (stopping) co_return;
      if (buffer.size() == 0) {
        layer.expires_after(opts.idle_timeout);
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kNoThrow);
        if (ec) co_return; // idle timeout, peer closed, or cancelled by shutdown
        buffer.commit(n);
      }
      conn.idle = false;

      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<uint32_t>(opts.max_header_bytes));
      parser.body_limit(opts.max_body_bytes);
      // Our own deadline instead of the stream's: Beast closes the socket on its timeout,
      // and a client that is too slow should still be told so with a 408.
      layer.expires_never();
      PhaseDeadline deadline(layer.get_executor());
      deadline.arm(opts.header_timeout, layer.socket());
      auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kNoThrow);
      if (!hec && !parser.is_done()) {
        deadline.arm(opts.body_timeout, layer.socket());
        if (auto expect = parser.get()[bhttp::field::expect]; iequals(expect, "100-continue")) {
          bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
          auto [cec, cn] = co_await bhttp::async_write(stream, go_on, kNoThrow);
          if (cec) co_return;
        }
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
        hec = bec;
      }
      deadline.disarm();
      if (deadline.expired()) {
        hec = beast::error::timeout;
        if (secure) co_return; // a cancelled TLS read leaves no usable session to answer on
      }
      if (hec) {
        int status = 400;
        auto error = read_failure(hec, opts.max_body_bytes, opts.max_header_bytes, status);
        if (!error) co_return;
        count_read_error(status);
        Response res = error_response(*error);
        res.status = status;
        res.headers.set("X-Request-Id", random_hex(8));
        auto out = to_beast(std::move(res), 11, false, true);
        layer.expires_after(kErrorWriteTimeout);
        co_await bhttp::async_write(stream, out, kNoThrow);
        co_await linger(stream);
        co_return;
      }

      auto message = parser.release();
      if (const auto* endpoint = websocket_at(message.target().substr(0, message.target().find('?')))) {
        if (beast::websocket::is_upgrade(message)) {
          co_await upgrade(stream, conn, std::move(message), *endpoint, peer, secure);
          co_return;
        }
        Response res = error_response(make_error(ErrorCode::bad_request, "this path speaks WebSocket only"));
        res.status = 426;
        res.headers.set("Upgrade", "websocket");
        auto out = to_beast(std::move(res), message.version(), false, true);
        layer.expires_after(kErrorWriteTimeout);
        co_await bhttp::async_write(stream, out, kNoThrow);
        co_return;
      }
      const unsigned version = message.version();
      const bool keep_alive = message.keep_alive();
      Request req = to_request(std::move(message), peer, secure);
      const bool head = req.method == "HEAD";
      Response res = co_await pipeline(req);
      const bool close = !keep_alive || res.close || stopping;
      auto out = to_beast(std::move(res), version, head, close);
      layer.expires_after(opts.body_timeout);
      auto [wec, wn] = co_await bhttp::async_write(stream, out, kNoThrow);
      if (wec || close) co_return;
    }
  }
};

void Server::add_websocket(WebSocketEndpoint endpoint) { impl_->websockets.push_back(std::move(endpoint)); }

Server::Server(asio::io_context& io, ServerOptions options, Next pipeline, metrics::Registry& registry)
    : impl_(std::make_shared<Impl>(io, std::move(options), std::move(pipeline), registry)) {}

Server::~Server() = default;

bool Server::tls() const { return impl_->ssl != nullptr; }

Result<uint16_t> Server::start() {
  auto& o = impl_->opts;
  const std::string where = o.listen.host + ":" + std::to_string(o.listen.port);
  if (!o.tls_cert_file.empty()) {
    auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                     asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                     asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
    beast::error_code ec;
    ctx->use_certificate_chain_file(o.tls_cert_file.string(), ec);
    if (ec) return make_error(ErrorCode::invalid_argument, "tls.cert_file: " + ec.message());
    ctx->use_private_key_file(o.tls_key_file.string(), asio::ssl::context::pem, ec);
    if (ec) return make_error(ErrorCode::invalid_argument, "tls.key_file: " + ec.message());
    impl_->ssl = std::move(ctx);
  }
  beast::error_code ec;
  auto address = asio::ip::make_address(o.listen.host, ec);
  if (ec) return make_error(ErrorCode::invalid_argument, "server.listen: bad address " + o.listen.host);
  tcp::endpoint endpoint(address, o.listen.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return make_error(ErrorCode::unavailable, "cannot listen on " + where + ": " + ec.message());
  const uint16_t port = acceptor.local_endpoint().port();
  asio::co_spawn(acceptor.get_executor(), Impl::accept_loop(impl_), asio::detached);
  return port;
}

void Server::shutdown(std::function<void()> drained) {
  auto impl = impl_;
  impl->stopping = true;
  asio::post(impl->acceptor.get_executor(), [impl] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(impl->mutex);
    for (const auto& entry : impl->connections) open.push_back(entry.second);
    if (impl->connections.empty())
      asio::post(impl->io, std::move(drained));
    else
      impl->drained = std::move(drained);
  }
  for (auto& c : open) {
    asio::post(c->executor, [c] {
      if (c->cancel_now) c->cancel_now(false);
    });
  }
}

void Server::force_close() {
  std::lock_guard lock(impl_->mutex);
  for (const auto& entry : impl_->connections) {
    asio::post(entry.second->executor, [c = entry.second] {
      if (c->cancel_now) c->cancel_now(true);
    });
  }
}

} // namespace plenum::http
