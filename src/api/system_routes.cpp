#include "api/system_routes.hpp"

#include <openssl/crypto.h>

#include <boost/json.hpp>

#include "api/blocking.hpp"
#include "api/openapi_document.hpp"
#include "base/process_stats.hpp"
#include "base/version.hpp"

namespace plenum::api {

using boost::asio::awaitable;
using http::Request;
using http::Response;

namespace {

bool token_matches(std::string_view given, const std::string& expected) {
  return given.size() == expected.size() &&
         CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

} // namespace

http::Handler healthz() {
  return [](Request&) -> awaitable<Response> { co_return http::json_response(200, R"({"status":"ok"})"); };
}

http::Handler readyz(ApiContext& ctx) {
  return [&ctx](Request&) -> awaitable<Response> {
    Result<void> ping = co_await run_blocking(ctx.blocking, [&ctx] { return ctx.store.ping(); });
    if (!ping) {
      co_return http::error_response(ErrorCode::unavailable, "storage not ready: " + ping.error().message);
    }
    co_return http::json_response(200, R"({"status":"ready"})");
  };
}

http::Handler metrics_text(ApiContext& ctx) {
  return [&ctx](Request& req) -> awaitable<Response> {
    const auto& token = ctx.config.metrics.bearer_token;
    if (!token.empty()) {
      auto auth = req.header("Authorization").value_or("");
      constexpr std::string_view kBearer = "Bearer ";
      if (!auth.starts_with(kBearer) || !token_matches(auth.substr(kBearer.size()), token)) {
        Response res = http::error_response(ErrorCode::unauthenticated, "metrics need a bearer token");
        res.headers.set("WWW-Authenticate", "Bearer");
        co_return res;
      }
    }
    std::string text = ctx.registry.render();
    metrics::append_process_stats(text);
    co_return http::text_response(200, "text/plain; version=0.0.4; charset=utf-8", std::move(text));
  };
}

http::Handler version() {
  return [](Request&) -> awaitable<Response> {
    boost::json::object body;
    body["name"] = kProductName;
    body["version"] = kVersion;
    co_return http::json_response(200, boost::json::serialize(body));
  };
}

http::Handler openapi_document() {
  return [](Request&) -> awaitable<Response> {
    Response res = http::json_response(200, std::string(kOpenApiDocument));
    res.headers.set("Cache-Control", "no-cache");
    co_return res;
  };
}

} // namespace plenum::api
