#pragma once
// /api/v1/rooms: rooms, their guest links, and joining (tickets for the signaling WebSocket).

#include <boost/json/object.hpp>

#include "api/context.hpp"
#include "http/router.hpp"

namespace plenum::api {

// A room as its owner and administrators see it.
boost::json::object room_json(const storage::Room& room);
// Room settings from a JSON object (also nested in event bodies); errors name the field.
Result<services::RoomSettings> parse_room_settings(const boost::json::object& body);
Result<services::RoomSettings> parse_settings(const http::Request& req);

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
http::Handler get_dial_in(ApiContext& ctx);
http::Handler regenerate_dial_in(ApiContext& ctx);
http::Handler create_streaming_target(ApiContext& ctx);
http::Handler list_streaming_targets(ApiContext& ctx);
http::Handler delete_streaming_target(ApiContext& ctx);
http::Handler start_room_invited(ApiContext& ctx);

} // namespace plenum::api
