#pragma once
// /api/v1/rooms: rooms, their guest links, and joining (tickets for the signaling WebSocket).

#include "api/context.hpp"
#include "http/router.hpp"

namespace plenum::api {

http::Handler create_room(ApiContext& ctx);
http::Handler list_rooms(ApiContext& ctx);
http::Handler get_room(ApiContext& ctx);
http::Handler update_room(ApiContext& ctx);
http::Handler delete_room(ApiContext& ctx);
http::Handler create_invite(ApiContext& ctx);
http::Handler list_invites(ApiContext& ctx);
http::Handler delete_invite(ApiContext& ctx);
http::Handler verify_invite(ApiContext& ctx);
http::Handler start_room(ApiContext& ctx);
http::Handler start_room_invited(ApiContext& ctx);

} // namespace plenum::api
