#pragma once
// The signaling WebSocket endpoint: admits a connection with a join ticket (or a resumption
// token), then relays its frames to the room actor and the room's frames back. Limits per
// connection: frame size and outbound queue (http::WebSocketOptions), frames per second.

#include <chrono>
#include <functional>
#include <memory>

#include "auth/ticket_store.hpp"
#include "base/metrics.hpp"
#include "http/websocket.hpp"
#include "rooms/event_bus.hpp"
#include "rooms/registry.hpp"
#include "storage/live_state.hpp"

namespace plenum::signaling {

inline constexpr std::string_view kSubprotocol = "plenum.v1";
inline constexpr std::string_view kPath = "/signaling";

struct SignalingOptions {
  http::WebSocketOptions websocket;
  double frames_per_second = 20;
  double frame_burst = 40;
};

struct SignalingDeps {
  auth::TicketStore& tickets;
  storage::LiveState& live;
  rooms::Registry& rooms;
  rooms::EventBus& bus;
  metrics::Registry& metrics;
  std::function<int64_t()> now_ms;
};

// The endpoint to register with http::Server::add_websocket.
http::WebSocketEndpoint signaling_endpoint(SignalingDeps deps, const SignalingOptions& options);

} // namespace plenum::signaling
