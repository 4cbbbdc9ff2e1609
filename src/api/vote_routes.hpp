#pragma once
// /api/v1/votes/{id}: a finished legal vote's signed protocol (JSON) and its PDF report, for the
// voters, the initiator and the moderators present at its end (everyone else: 404).

#include "api/context.hpp"
#include "http/router.hpp"

namespace plenum::api {

http::Handler get_vote_protocol(ApiContext& ctx);
http::Handler get_vote_report(ApiContext& ctx);

} // namespace plenum::api
