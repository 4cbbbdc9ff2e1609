#include "signaling/service.hpp"

#include <algorithm>

#include "auth/token.hpp"
#include "signaling/session.hpp"

namespace plenum::signaling {
namespace {

rooms::RoomSettings settings_from(const auth::TicketClaims& claims) {
  rooms::RoomSettings s;
  s.room_id = claims.room_id;
  s.name = claims.room_name;
  s.waiting_room = claims.waiting_room;
  s.max_participants = static_cast<size_t>(std::max(1, claims.max_participants));
  return s;
}

rooms::JoinRequest join_from(const auth::TicketClaims& claims) {
  rooms::JoinRequest r;
  r.user_id = claims.user_id;
  r.display_name = claims.display_name;
  r.kind = claims.kind == "guest" ? rooms::Kind::guest : rooms::Kind::user;
  r.role = claims.owner ? rooms::Role::owner : claims.moderator ? rooms::Role::moderator : rooms::Role::user;
  return r;
}

Error unauthenticated(std::string message) {
  return make_error(ErrorCode::unauthenticated, std::move(message));
}

Result<http::WebSocketAccept> accept(const std::shared_ptr<const Shared>& shared, const http::Request& req) {
  const auto offered = http::offered_subprotocols(req);
  if (std::find(offered.begin(), offered.end(), kSubprotocol) == offered.end())
    return make_error(ErrorCode::bad_request,
                      "offer the WebSocket subprotocols plenum.v1 and ticket.<ticket>");
  const auto& deps = shared->deps;
  for (const auto& p : offered) {
    if (p.starts_with("ticket.")) {
      auto claims = deps.tickets.redeem(std::string_view(p).substr(7), std::chrono::steady_clock::now());
      if (!claims) return unauthenticated("the ticket is unknown, used or expired: call start again");
      auto room = deps.rooms.get_or_create(settings_from(*claims));
      Entry entry;
      entry.join = join_from(*claims);
      return http::WebSocketAccept{std::make_shared<Session>(shared, std::move(room), std::move(entry)),
                                   std::string(kSubprotocol)};
    }
    if (p.starts_with("resume.")) {
      const std::string hash = auth::hash_token(std::string_view(p).substr(7));
      auto found = deps.live.find_resumption(hash, std::chrono::steady_clock::now());
      if (!found) return unauthenticated("the resumption token is unknown or expired: join again");
      auto room = deps.rooms.find(found->room_id);
      if (!room) return unauthenticated("the meeting is over: join again");
      Entry entry;
      entry.resume = std::move(*found);
      entry.token_hash = hash;
      return http::WebSocketAccept{std::make_shared<Session>(shared, std::move(room), std::move(entry)),
                                   std::string(kSubprotocol)};
    }
  }
  return unauthenticated("offer ticket.<ticket> or resume.<token> as a WebSocket subprotocol");
}

} // namespace

http::WebSocketEndpoint signaling_endpoint(SignalingDeps deps, const SignalingOptions& options) {
  auto shared = std::make_shared<const Shared>(Shared{std::move(deps), options});
  http::WebSocketEndpoint endpoint;
  endpoint.path = std::string(kPath);
  endpoint.options = options.websocket;
  auto& too_slow =
      shared->deps.metrics.counter("plenum_signaling_too_slow_total",
                                   "Connections closed with 4008 because they did not read fast enough.");
  endpoint.options.on_too_slow = [&too_slow] { too_slow.inc(); };
  endpoint.accept =
      [shared](const http::Request& req) -> boost::asio::awaitable<Result<http::WebSocketAccept>> {
    co_return accept(shared, req);
  };
  return endpoint;
}

} // namespace plenum::signaling
