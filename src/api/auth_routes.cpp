#include "api/auth_routes.hpp"

#include <boost/json/serialize.hpp>

#include "api/authenticate.hpp"
#include "api/blocking.hpp"
#include "api/json_body.hpp"
#include "api/replies.hpp"
#include "api/user_routes.hpp"

namespace plenum::api {

using boost::asio::awaitable;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxEmailBytes = 254;
constexpr size_t kMaxPasswordBytes = 1024;
constexpr size_t kMaxTotpBytes = 16;

} // namespace

http::Handler auth_config(ApiContext& ctx) {
  return [&ctx](Request&) -> awaitable<Response> {
    boost::json::object body{
        {"password", true},
        {"oidc", ctx.config.oidc.enabled()},
        {"oidc_issuer", ctx.config.oidc.enabled() ? boost::json::value(ctx.config.oidc.issuer) : nullptr},
        {"oidc_client_id",
         ctx.config.oidc.enabled() ? boost::json::value(ctx.config.oidc.client_id) : nullptr},
        {"oidc_resource", ctx.config.oidc.enabled() && !ctx.config.oidc.resource.empty()
                              ? boost::json::value(ctx.config.oidc.resource)
                              : nullptr},
        {"password_min_length", ctx.config.auth.password_min_length},
    };
    co_return http::json_response(200, boost::json::serialize(body));
  };
}

http::Handler login(ApiContext& ctx) {
  return [&ctx](Request& req) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"email", "password", "totp"}); !r)
      co_return http::error_response(r.error());
    auto email = required_string(*body, "email", kMaxEmailBytes);
    if (!email) co_return http::error_response(email.error());
    auto password = required_string(*body, "password", kMaxPasswordBytes);
    if (!password) co_return http::error_response(password.error());
    auto totp = optional_string(*body, "totp", kMaxTotpBytes);
    if (!totp) co_return http::error_response(totp.error());

    services::LoginRequest request{std::move(*email), std::move(*password), std::move(*totp),
                                   req.remote_address};
    auto result = co_await run_blocking(
        ctx.blocking, [&ctx, &request] { return ctx.accounts.login(request, services::Now::current()); });
    if (!result) co_return http::error_response(result.error());
    boost::json::object out{
        {"access_token", result->access_token},
        {"token_type", "Bearer"},
        {"expires_at", rfc3339(result->expires_at)},
        {"user", own_profile_json(result->user)},
    };
    co_return http::json_response(200, boost::json::serialize(out));
  };
}

http::Handler logout(ApiContext& ctx) {
  return [&ctx](Request& req) -> awaitable<Response> {
    auto user = co_await authenticate(ctx, req);
    if (!user) co_return http::error_response(user.error());
    const std::string token = bearer_token(req);
    auto done = co_await run_blocking(ctx.blocking, [&ctx, &token] { return ctx.accounts.logout(token); });
    if (!done) co_return http::error_response(done.error());
    co_return no_content();
  };
}

} // namespace plenum::api
