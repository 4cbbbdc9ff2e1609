#pragma once
// Who is calling: the account behind "Authorization: Bearer <token>".

#include <boost/asio/awaitable.hpp>

#include "api/context.hpp"
#include "http/request.hpp"
#include "storage/users.hpp"

namespace plenum::api {

// ErrorCode::unauthenticated without a valid token. Runs the lookup on the blocking pool.
boost::asio::awaitable<Result<storage::User>> authenticate(ApiContext& ctx, const http::Request& req);
// The bearer token of the request, or "".
std::string bearer_token(const http::Request& req);

} // namespace plenum::api
