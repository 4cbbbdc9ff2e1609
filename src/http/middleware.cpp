#include "http/middleware.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>

#include "base/random.hpp"

namespace plenum::http {
namespace {

using boost::asio::awaitable;

bool valid_request_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

} // namespace

Next chain(std::vector<Middleware> middleware, Next terminal) {
  Next next = std::move(terminal);
  for (auto it = middleware.rbegin(); it != middleware.rend(); ++it) {
    next = [mw = std::move(*it), inner = std::move(next)](Request& req) -> awaitable<Response> {
      return mw(req, inner);
    };
  }
  return next;
}

Middleware request_id() {
  return [](Request& req, const Next& next) -> awaitable<Response> {
    auto given = req.header("X-Request-Id");
    req.request_id = given && valid_request_id(*given) ? std::string(*given) : random_hex(8);
    Response res = co_await next(req);
    res.headers.set("X-Request-Id", req.request_id);
    co_return res;
  };
}

Middleware access_log(const std::shared_ptr<spdlog::logger>& logger) {
  return [logger](Request& req, const Next& next) -> awaitable<Response> {
    auto start = std::chrono::steady_clock::now();
    Response res = co_await next(req);
    auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start)
            .count();
    logger->info("{} {} route={} status={} bytes={} time={:.3f}ms id={} peer={}", req.method,
                 std::string_view(req.path).substr(0, 200), req.route, res.status, res.body.size(),
                 static_cast<double>(micros) / 1000.0, req.request_id, req.remote_address);
    co_return res;
  };
}

Middleware request_metrics(metrics::Registry& registry) {
  return [&registry](Request& req, const Next& next) -> awaitable<Response> {
    auto start = std::chrono::steady_clock::now();
    Response res = co_await next(req);
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    registry
        .counter("plenum_http_requests_total", "HTTP requests by route, method and status.",
                 {{"route", req.route}, {"method", req.method}, {"status", std::to_string(res.status)}})
        .inc();
    registry
        .histogram("plenum_http_request_duration_seconds", "HTTP request latency by route.",
                   metrics::latency_buckets(), {{"route", req.route}})
        .observe(elapsed.count());
    co_return res;
  };
}

Middleware recover(const std::shared_ptr<spdlog::logger>& logger) {
  return [logger](Request& req, const Next& next) -> awaitable<Response> {
    std::string what;
    try {
      co_return co_await next(req);
    } catch (const std::exception& e) {
      what = e.what();
    }
    logger->error("unhandled exception in {} {}: {} id={}", req.method, req.route, what, req.request_id);
    co_return error_response(ErrorCode::internal,
                             "internal error; quote request id " + req.request_id + " to the operator");
  };
}

std::string content_security_policy(std::string_view oidc_issuer) {
  std::string policy(kContentSecurityPolicy);
  const auto scheme = oidc_issuer.find("://");
  if (scheme == std::string_view::npos) return policy;
  const auto path = oidc_issuer.find('/', scheme + 3);
  const std::string_view origin = oidc_issuer.substr(0, path);
  // Only an origin made of URL characters may enter the header (no spaces, quotes or ';').
  const bool plain = std::all_of(origin.begin(), origin.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view(":/.-[]").find(c) != std::string_view::npos;
  });
  if (!plain) return policy;
  const std::string_view directive = "connect-src 'self' ws: wss:";
  const auto at = policy.find(directive);
  if (at != std::string::npos) policy.insert(at + directive.size(), " " + std::string(origin));
  return policy;
}

Middleware security_headers(std::string_view oidc_issuer) {
  return
      [policy = content_security_policy(oidc_issuer)](Request& req, const Next& next) -> awaitable<Response> {
        Response res = co_await next(req);
        auto& h = res.headers;
        h.set("Content-Security-Policy", policy);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Permissions-Policy",
              "camera=(self), microphone=(self), display-capture=(self), fullscreen=(self), "
              "geolocation=(), payment=()");
        if (req.secure) h.set("Strict-Transport-Security", "max-age=31536000");
        if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
        co_return res;
      };
}

Middleware cors(std::vector<std::string> allowed_origins) {
  return [allowed = std::move(allowed_origins)](Request& req, const Next& next) -> awaitable<Response> {
    auto origin = req.header("Origin");
    const bool allowed_origin = origin && std::find(allowed.begin(), allowed.end(), *origin) != allowed.end();
    const bool preflight = req.method == "OPTIONS" && req.header("Access-Control-Request-Method");
    if (preflight) {
      if (!allowed_origin) {
        req.route = "preflight";
        co_return error_response(ErrorCode::permission_denied, "origin not allowed (http.cors_origins)");
      }
      Response res;
      res.status = 204;
      res.headers.set("Access-Control-Allow-Origin", std::string(*origin));
      res.headers.set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
      res.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id");
      res.headers.set("Access-Control-Max-Age", "600");
      res.headers.set("Vary", "Origin");
      req.route = "preflight";
      co_return res;
    }
    Response res = co_await next(req);
    if (allowed_origin) {
      res.headers.set("Access-Control-Allow-Origin", std::string(*origin));
      res.headers.set("Access-Control-Expose-Headers", "X-Request-Id");
      res.headers.set("Vary", "Origin");
    }
    co_return res;
  };
}

} // namespace plenum::http
