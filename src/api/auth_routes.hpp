#pragma once
// /api/v1/auth: which sign-in methods are on, sign-in with e-mail and password, sign-out.

#include "api/context.hpp"
#include "http/router.hpp"

namespace plenum::api {

http::Handler auth_config(ApiContext& ctx);
http::Handler login(ApiContext& ctx);
http::Handler logout(ApiContext& ctx);

} // namespace plenum::api
