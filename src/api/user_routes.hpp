#pragma once
// /api/v1/users: the caller's own profile and the search used when inviting people.

#include <boost/json/object.hpp>

#include "api/context.hpp"
#include "http/router.hpp"
#include "storage/users.hpp"

namespace plenum::api {

http::Handler get_me(ApiContext& ctx);
http::Handler patch_me(ApiContext& ctx);
http::Handler search_users(ApiContext& ctx);
http::Handler begin_totp(ApiContext& ctx);
http::Handler confirm_totp(ApiContext& ctx);
http::Handler disable_totp(ApiContext& ctx);

// The full profile, for its owner only.
boost::json::object own_profile_json(const storage::User& user);
// "2026-11-22T06:10:00Z"
std::string rfc3339(int64_t unix_seconds);

} // namespace plenum::api
