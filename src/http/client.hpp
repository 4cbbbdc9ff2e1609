#pragma once
// A small blocking HTTP/1.1 client (GET only) for fetching OpenID Connect discovery documents and
// JWK Sets. Beast stays inside client.cpp; this header is cheap to include.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "http/request.hpp"

namespace plenum::http {

struct ClientRequest {
  std::string url;                             // http:// or https://, absolute
  std::chrono::milliseconds timeout{5000};     // whole exchange: resolve, connect, TLS, write, read
  uint64_t max_body_bytes = uint64_t{1} << 20; // larger bodies -> ErrorCode::payload_too_large
  std::vector<std::pair<std::string, std::string>> headers; // extra request headers (e.g. Authorization)
  std::optional<std::filesystem::path> ca_file; // extra trusted CA (PEM), e.g. a test's self-signed cert
};

struct ClientResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

// Response headers over this size are a malformed response (unavailable).
inline constexpr uint32_t kClientMaxHeaderBytes = 64 * 1024;

// GET. Blocking: call it on the blocking pool. Follows no redirects (a 3xx is returned as is).
// HTTPS verifies the peer certificate chain against the system store (OpenSSL default paths) plus
// `ca_file`, and the host name (SNI + hostname verification, RFC 6125; IP literals against the
// certificate's IP SANs). Errors: ErrorCode::unavailable for resolve/connect/TLS/timeouts/
// malformed responses (the message says which), payload_too_large for a body over
// `max_body_bytes`, invalid_argument for a bad URL, a bad extra header or an unreadable ca_file.
Result<ClientResponse> http_get(const ClientRequest& request);

// The parts of an absolute http(s) URL, as http_get understands it (exposed for tests).
struct ParsedUrl {
  bool https = false;
  std::string host;   // without brackets for IPv6 literals
  uint16_t port = 0;  // explicit or the scheme's default
  std::string target; // path and query, at least "/"
};
Result<ParsedUrl> parse_url(std::string_view url);

} // namespace plenum::http
