#pragma once
// /api/v1/events: scheduled meetings, their occurrences, favourites and invitations.

#include "api/context.hpp"
#include "http/router.hpp"

namespace plenum::api {

http::Handler create_event(ApiContext& ctx);
http::Handler list_events(ApiContext& ctx);
http::Handler get_event(ApiContext& ctx);
http::Handler update_event(ApiContext& ctx);
http::Handler delete_event(ApiContext& ctx);
http::Handler event_instances(ApiContext& ctx);
http::Handler all_event_instances(ApiContext& ctx);
http::Handler set_event_exception(ApiContext& ctx);
http::Handler add_favourite(ApiContext& ctx);
http::Handler remove_favourite(ApiContext& ctx);
http::Handler create_event_invite(ApiContext& ctx);
http::Handler list_event_invites(ApiContext& ctx);
http::Handler delete_event_invite(ApiContext& ctx);
http::Handler respond_event_invite(ApiContext& ctx);
http::Handler my_event_invites(ApiContext& ctx);

} // namespace plenum::api
