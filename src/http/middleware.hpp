#pragma once
// The request pipeline: an onion of middleware around the router
// (`auto response = co_await next(request)`), each step small and named.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/logger.h>
#include <boost/asio/awaitable.hpp>

#include "base/metrics.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace plenum::http {

using Next = std::function<boost::asio::awaitable<Response>(Request&)>;
using Middleware = std::function<boost::asio::awaitable<Response>(Request&, const Next&)>;

// Wraps `terminal` so that middleware[0] runs first.
Next chain(std::vector<Middleware> middleware, Next terminal);

// Takes a well-formed X-Request-Id from the client (1-64 of [A-Za-z0-9._-]) or makes one;
// echoes it in the response.
Middleware request_id();
// One line per request: method, path (never the query), route, status, size, time, id, peer.
Middleware access_log(const std::shared_ptr<spdlog::logger>& logger);
// Counts requests by route/method/status and observes latency per route.
Middleware request_metrics(metrics::Registry& registry);
// Turns an exception escaping a handler into a JSON 500 (logged with the request id).
Middleware recover(const std::shared_ptr<spdlog::logger>& logger);
// CSP and the other security headers; HSTS when served over TLS; no-store for the API.
// `oidc_issuer` (may be empty): the web app talks to that provider directly (discovery, token
// exchange of the code + PKCE sign-in), so its origin joins the policy's connect-src.
Middleware security_headers(std::string_view oidc_issuer = {});
// The policy sent with every response: kContentSecurityPolicy, plus the issuer's origin in
// connect-src when OpenID Connect is on.
std::string content_security_policy(std::string_view oidc_issuer);
// CORS for the configured origins (exact match); answers preflight requests.
Middleware cors(std::vector<std::string> allowed_origins);

// The Content-Security-Policy the web app is built for (web/scripts/check-dist.mjs). The one
// hash admits the single <style> element react-aria inserts at run time (touch-action for
// pressable elements: `@layer { [data-react-aria-pressable] { touch-action: pan-x pan-y
// pinch-zoom; } }`); nothing else may add styles.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' "
    "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='; "
    "img-src 'self' data: blob:; "
    "media-src 'self' blob:; font-src 'self'; connect-src 'self' ws: wss:; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

} // namespace plenum::http
