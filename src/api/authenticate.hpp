#pragma once
// Who is calling: the account behind "Authorization: Bearer <token>".

#include <boost/asio/awaitable.hpp>

#include "api/context.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "storage/users.hpp"

namespace plenum::api {

// ErrorCode::unauthenticated without a valid token. Runs the lookup on the blocking pool.
boost::asio::awaitable<Result<storage::User>> authenticate(ApiContext& ctx, const http::Request& req);
// The bearer token of the request, or "".
std::string bearer_token(const http::Request& req);

// A handler for signed-in callers only: `body(req, user)` runs after authentication.
template <class Body>
http::Handler signed_in(ApiContext& ctx, Body body) {
  return [&ctx, body](http::Request& req) -> boost::asio::awaitable<http::Response> {
    auto user = co_await authenticate(ctx, req);
    if (!user) co_return http::error_response(user.error());
    co_return co_await body(req, *user);
  };
}

} // namespace plenum::api
