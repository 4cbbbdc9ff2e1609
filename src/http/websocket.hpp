#pragma once
// WebSocket endpoints without Beast in sight: the server upgrades a request on a registered path
// after the application accepted it (e.g. redeemed a ticket), then feeds text messages to a
// WebSocketSession and gives it a WebSocketSink to answer through. Beast stays in server.cpp.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "base/result.hpp"
#include "http/request.hpp"

namespace plenum::http {

// RFC 6455 close codes we use, plus application codes (4000-4999).
enum class CloseCode : uint16_t {
  normal = 1000,
  going_away = 1001,       // server shutting down
  unsupported_data = 1003, // binary frame
  policy = 1008,           // kicked, banned, room closed
  too_big = 1009,          // frame over the size limit
  internal_error = 1011,
  too_slow = 4008, // outbound queue overflowed: the client does not read fast enough
  replaced = 4009, // the participant resumed on another connection
};

// The outbound half of an accepted WebSocket. Thread-safe; the messages are shared so a
// fan-out to many connections serialises once.
class WebSocketSink {
 public:
  using Message = std::shared_ptr<const std::string>;
  virtual ~WebSocketSink() = default;
  // Queues a text message. When the queue is over its limit the connection is closed with
  // CloseCode::too_slow instead. Does nothing once closed.
  virtual void send(Message text) = 0;
  // Sends what is queued, then a close frame, then closes.
  virtual void close(CloseCode code, std::string reason) = 0;
};

// The inbound half, written by the application. All calls for one connection come from that
// connection's strand, one at a time: on_open first, on_closed exactly once, last.
class WebSocketSession {
 public:
  virtual ~WebSocketSession() = default;
  virtual void on_open(std::shared_ptr<WebSocketSink> sink) = 0;
  virtual void on_text(std::string_view text) = 0;
  virtual void on_binary() = 0;
  virtual void on_closed() = 0;
};

struct WebSocketAccept {
  std::shared_ptr<WebSocketSession> session;
  std::string subprotocol; // echoed in Sec-WebSocket-Protocol; empty: none
};

// Called with the upgrade request before the handshake. An error becomes the HTTP response
// (e.g. 401 for a bad ticket), so a client learns why without a half-open socket.
using WebSocketAcceptor = std::function<boost::asio::awaitable<Result<WebSocketAccept>>(const Request&)>;

struct WebSocketOptions {
  size_t max_message_bytes = size_t{64} << 10;
  size_t max_queued_bytes = size_t{4} << 20;
  size_t max_queued_messages = 4096;
  // No frame (data or pong) for this long: the peer is gone. A ping goes out at half of it.
  std::chrono::milliseconds idle_timeout{20'000};
  // Called (on the connection's strand) when a connection's outbound queue overflows and it is
  // closed with 4008, e.g. to count it in /metrics.
  std::function<void()> on_too_slow;
};

struct WebSocketEndpoint {
  std::string path; // exact request path, e.g. "/signaling"
  WebSocketAcceptor accept;
  WebSocketOptions options;
};

// The subprotocols a client offered ("Sec-WebSocket-Protocol", comma separated, trimmed).
std::vector<std::string> offered_subprotocols(const Request& req);

} // namespace plenum::http
