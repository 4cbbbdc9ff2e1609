#pragma once
// /api/v1/events/{id}/poll_templates and /vote_templates: polls and votes prepared on an event
// (services/templates.hpp says who may use them).

#include "api/context.hpp"
#include "http/router.hpp"

namespace plenum::api {

http::Handler list_poll_templates(ApiContext& ctx);
http::Handler create_poll_template(ApiContext& ctx);
http::Handler get_poll_template(ApiContext& ctx);
http::Handler update_poll_template(ApiContext& ctx);
http::Handler delete_poll_template(ApiContext& ctx);
http::Handler list_vote_templates(ApiContext& ctx);
http::Handler create_vote_template(ApiContext& ctx);
http::Handler get_vote_template(ApiContext& ctx);
http::Handler update_vote_template(ApiContext& ctx);
http::Handler delete_vote_template(ApiContext& ctx);

} // namespace plenum::api
