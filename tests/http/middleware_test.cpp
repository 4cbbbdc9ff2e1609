#include "http/middleware.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "base/logging.hpp"
#include "support/run_sync.hpp"

namespace plenum::http {
namespace {

using boost::asio::awaitable;

Next ok_handler() {
  return [](Request&) -> awaitable<Response> { co_return json_response(200, "{}"); };
}

Response run(const Next& next, Request& req) { return test::run_sync(next(req)); }

TEST(Chain, RunsMiddlewareOutsideIn) {
  std::string order;
  auto mark = [&order](char c) -> Middleware {
    return [&order, c](Request& req, const Next& next) -> awaitable<Response> {
      order += c;
      Response res = co_await next(req);
      order += static_cast<char>(c - 'a' + 'A');
      co_return res;
    };
  };
  auto next = chain({mark('a'), mark('b')}, [&order](Request&) -> awaitable<Response> {
    order += '*';
    co_return Response{};
  });
  Request req;
  run(next, req);
  EXPECT_EQ(order, "ab*BA");
}

TEST(RequestId, KeepsAWellFormedIdAndReplacesOthers) {
  auto next = chain({request_id()}, ok_handler());
  Request given;
  given.headers.add("x-request-id", "abc-123_X.y");
  EXPECT_EQ(run(next, given).headers.get("X-Request-Id"), "abc-123_X.y");
  Request evil;
  evil.headers.add("X-Request-Id", "bad id\r\nSet-Cookie: x");
  Response evil_res = run(next, evil);
  auto id = evil_res.headers.get("X-Request-Id");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->size(), 16u);
  EXPECT_EQ(id->find(' '), std::string_view::npos);
  Request none;
  Response none_res = run(next, none);
  EXPECT_EQ(none_res.headers.get("X-Request-Id")->size(), 16u);
}

TEST(SecurityHeaders, StrictPolicyOnEveryResponse) {
  auto next = chain({security_headers()}, ok_handler());
  Request req;
  auto res = run(next, req);
  EXPECT_EQ(res.headers.get("Content-Security-Policy"), kContentSecurityPolicy);
  EXPECT_NE(std::string(kContentSecurityPolicy).find("script-src 'self';"), std::string::npos);
  EXPECT_EQ(std::string(kContentSecurityPolicy).find("unsafe"), std::string::npos);
  EXPECT_EQ(res.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res.headers.get("X-Frame-Options"), "DENY");
  EXPECT_EQ(res.headers.get("Cache-Control"), "no-store");
  EXPECT_FALSE(res.headers.has("Strict-Transport-Security"));
  Request tls;
  tls.secure = true;
  EXPECT_TRUE(run(next, tls).headers.has("Strict-Transport-Security"));
}

TEST(SecurityHeaders, OidcIssuerOriginJoinsConnectSrcOnly) {
  const auto policy = content_security_policy("https://id.example.org:8443/realms/council");
  EXPECT_NE(policy.find("connect-src 'self' ws: wss: https://id.example.org:8443;"), std::string::npos)
      << policy;
  EXPECT_EQ(policy.find("script-src 'self';"), policy.find("script-src"));
  EXPECT_EQ(policy.find("realms"), std::string::npos);
  // Nothing that could smuggle another directive into the header.
  EXPECT_EQ(content_security_policy("https://evil.example; script-src *"),
            std::string(kContentSecurityPolicy));
  EXPECT_EQ(content_security_policy(""), std::string(kContentSecurityPolicy));
}

TEST(Cors, AllowedOriginGetsHeadersOthersDoNot) {
  auto next = chain({cors({"https://app.example"})}, ok_handler());
  Request allowed;
  allowed.method = "GET";
  allowed.headers.add("Origin", "https://app.example");
  auto res = run(next, allowed);
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_EQ(res.headers.get("Vary"), "Origin");
  Request other;
  other.method = "GET";
  other.headers.add("Origin", "https://evil.example");
  EXPECT_FALSE(run(next, other).headers.has("Access-Control-Allow-Origin"));
}

TEST(Cors, PreflightIsAnsweredOrRefused) {
  auto next = chain({cors({"https://app.example"})}, ok_handler());
  Request pre;
  pre.method = "OPTIONS";
  pre.headers.add("Origin", "https://app.example");
  pre.headers.add("Access-Control-Request-Method", "POST");
  auto res = run(next, pre);
  EXPECT_EQ(res.status, 204);
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_TRUE(res.headers.has("Access-Control-Allow-Methods"));
  Request bad = pre;
  bad.headers.set("Origin", "https://evil.example");
  auto refused = run(next, bad);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("permission_denied"), std::string::npos);
}

TEST(Recover, ExceptionBecomesJson500WithRequestId) {
  auto next = chain({request_id(), recover(log::get("test"))}, [](Request&) -> awaitable<Response> {
    throw std::runtime_error("boom with secret detail");
    co_return Response{};
  });
  Request req;
  req.headers.add("X-Request-Id", "req-1");
  auto res = run(next, req);
  EXPECT_EQ(res.status, 500);
  EXPECT_NE(res.body.find("\"code\":\"internal\""), std::string::npos);
  EXPECT_NE(res.body.find("req-1"), std::string::npos);
  EXPECT_EQ(res.body.find("secret detail"), std::string::npos);
}

TEST(RequestMetrics, CountsByRouteMethodAndStatus) {
  metrics::Registry registry;
  auto next = chain({request_metrics(registry)}, [](Request& req) -> awaitable<Response> {
    req.route = "/things/{id:int}";
    co_return json_response(201, "{}");
  });
  Request req;
  req.method = "POST";
  run(next, req);
  run(next, req);
  auto text = registry.render();
  EXPECT_NE(
      text.find("plenum_http_requests_total{route=\"/things/{id:int}\",method=\"POST\",status=\"201\"} 2"),
      std::string::npos);
  EXPECT_NE(text.find("plenum_http_request_duration_seconds_count{route=\"/things/{id:int}\"} 2"),
            std::string::npos);
}

} // namespace
} // namespace plenum::http
