#pragma once

#include "api/context.hpp"
#include "http/router.hpp"

namespace plenum::api {

// Every route of the server, declared in one place (routes.cpp).
void add_routes(http::Router& router, ApiContext& ctx);

} // namespace plenum::api
