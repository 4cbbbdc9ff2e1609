#include "api/authenticate.hpp"

#include "api/blocking.hpp"

namespace plenum::api {

std::string bearer_token(const http::Request& req) {
  auto header = req.header("Authorization").value_or("");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() || !http::iequals(header.substr(0, kBearer.size()), kBearer)) return {};
  return std::string(header.substr(kBearer.size()));
}

boost::asio::awaitable<Result<storage::User>> authenticate(ApiContext& ctx, const http::Request& req) {
  std::string token = bearer_token(req);
  if (token.empty()) {
    co_return make_error(ErrorCode::unauthenticated, "sign in first (Authorization: Bearer <token>)");
  }
  co_return co_await run_blocking(
      ctx.blocking, [&ctx, &token] { return ctx.accounts.authenticate(token, services::Now::current()); });
}

} // namespace plenum::api
