#include "http/client.hpp"

// The second file (after server.cpp) that includes Beast: the client needs the HTTP/1.1 parser
// and TLS. Kept out of client.hpp so callers stay cheap to compile.

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace plenum::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

Error unavailable(std::string message) { return make_error(ErrorCode::unavailable, std::move(message)); }
Error bad_url(std::string_view why) {
  return make_error(ErrorCode::invalid_argument, "bad URL: " + std::string(why));
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// RFC 3986 reg-name, restricted to what DNS names use (letters, digits, '-', '.', '_'); no
// percent-encoding, so the name we resolve is the name we verify in the certificate.
bool valid_reg_name(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_';
  });
}

// Path and query: visible ASCII only (RFC 3986 characters are all in that range); anything else
// would have to be percent-encoded by the caller.
bool valid_target(std::string_view target) {
  return std::all_of(target.begin(), target.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

bool is_ip_literal(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

// Header names are RFC 9110 tokens; values may not contain CR, LF or NUL (header injection).
bool valid_token(std::string_view s) {
  constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](unsigned char c) {
    return std::isalnum(c) || kSpecials.find(static_cast<char>(c)) != std::string_view::npos;
  });
}
bool valid_field_value(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// Starts an asynchronous operation on `io` and runs the loop in the calling thread until it
// completes or the whole exchange's deadline passes. On the deadline `cancel` aborts the
// operation (closing the socket) and the loop runs once more so no handler outlives this call.
template <class Start, class Cancel>
boost::system::error_code run_until(asio::io_context& io, Clock::time_point deadline, Start start,
                                    Cancel cancel) {
  std::optional<boost::system::error_code> result;
  start([&result](boost::system::error_code ec) { result = ec; });
  io.restart();
  io.run_until(deadline);
  if (result) return *result;
  cancel();
  io.restart();
  io.run();
  return asio::error::timed_out;
}

std::string where(const ParsedUrl& url) {
  const bool v6 = url.host.find(':') != std::string::npos;
  return (v6 ? "[" + url.host + "]" : url.host) + ":" + std::to_string(url.port);
}

std::string host_header(const ParsedUrl& url) {
  const bool v6 = url.host.find(':') != std::string::npos;
  std::string host = v6 ? "[" + url.host + "]" : url.host;
  if (url.port != (url.https ? 443 : 80)) host += ":" + std::to_string(url.port);
  return host;
}

// Writes the GET and reads the response on an open (and, for HTTPS, handshaken) stream.
template <class Stream>
Result<ClientResponse> exchange(Stream& stream, tcp::socket& socket, asio::io_context& io,
                                Clock::time_point deadline, const ParsedUrl& url,
                                const ClientRequest& request) {
  auto close = [&socket] {
    boost::system::error_code ignored;
    socket.close(ignored);
  };
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, url.target, 11};
  req.set(bhttp::field::host, host_header(url));
  req.set(bhttp::field::user_agent, "plenum");
  req.set(bhttp::field::accept, "application/json");
  // One request per connection: the body ends at Content-Length or at the close (RFC 9112 §9.6).
  req.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : request.headers) req.set(name, value);

  auto ec = run_until(
      io, deadline,
      [&](auto done) {
        bhttp::async_write(stream, req, [done](boost::system::error_code e, std::size_t) { done(e); });
      },
      close);
  if (ec == asio::error::timed_out) return unavailable("timed out sending the request to " + where(url));
  if (ec) return unavailable("sending the request to " + where(url) + " failed: " + ec.message());

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(kClientMaxHeaderBytes);
  parser.body_limit(request.max_body_bytes);
  ec = run_until(
      io, deadline,
      [&](auto done) {
        bhttp::async_read(stream, buffer, parser,
                          [done](boost::system::error_code e, std::size_t) { done(e); });
      },
      close);
  if (ec == asio::error::timed_out)
    return unavailable("timed out waiting for the response from " + where(url));
  if (ec == bhttp::error::body_limit) {
    return make_error(ErrorCode::payload_too_large, "response body from " + where(url) + " is over " +
                                                        std::to_string(request.max_body_bytes) + " bytes");
  }
  if (ec && ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category()) {
    return unavailable("malformed response from " + where(url) + ": " + ec.message());
  }
  if (ec) return unavailable("reading the response from " + where(url) + " failed: " + ec.message());
  close();

  auto message = parser.release();
  ClientResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message)
    response.headers.add(std::string(field.name_string()), std::string(field.value()));
  response.body = std::move(message.body());
  return response;
}

} // namespace

// Hand-written rather than Boost.URL: we accept only absolute http(s) URLs with a host, an
// optional port and a path/query (what OIDC discovery and jwks_uri values are), and reject
// userinfo and fragments outright. That narrow grammar is a few lines, and Debian's Boost.URL
// would have to be compiled into the build from its sources (boost/url/src.hpp).
Result<ParsedUrl> parse_url(std::string_view url) {
  ParsedUrl out;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return bad_url("not an absolute http(s) URL");
  const std::string scheme = lower(url.substr(0, scheme_end));
  if (scheme == "https") {
    out.https = true;
  } else if (scheme != "http") {
    return bad_url("scheme must be http or https");
  }
  std::string_view rest = url.substr(scheme_end + 3);
  if (rest.find('#') != std::string_view::npos) return bad_url("fragments are not allowed");
  const auto authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view target = authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return bad_url("userinfo is not allowed");
  if (authority.empty()) return bad_url("no host");

  std::string_view port;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_url("unterminated IPv6 literal");
    out.host = std::string(authority.substr(1, close - 1));
    boost::system::error_code ec;
    // No zone ids ("%eth0"): they name a local interface, never a remote issuer.
    if (out.host.find('%') != std::string::npos) return bad_url("IPv6 zone ids are not allowed");
    asio::ip::make_address_v6(out.host, ec);
    if (ec) return bad_url("bad IPv6 literal");
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_url("junk after IPv6 literal");
      port = after.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    out.host = lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    if (out.host.empty()) return bad_url("no host");
    if (!valid_reg_name(out.host)) return bad_url("bad host name");
  }

  out.port = out.https ? 443 : 80;
  // An empty port after ':' means the default (RFC 3986 §3.2.3).
  if (!port.empty()) {
    if (port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); })) {
      return bad_url("bad port");
    }
    const int value = std::stoi(std::string(port));
    if (value < 1 || value > 65535) return bad_url("bad port");
    out.port = static_cast<uint16_t>(value);
  }

  if (!valid_target(target)) return bad_url("path or query contains characters that must be percent-encoded");
  out.target = target.empty() || target.front() == '?' ? "/" + std::string(target) : std::string(target);
  return out;
}

Result<ClientResponse> http_get(const ClientRequest& request) {
  const auto deadline = Clock::now() + request.timeout;
  auto url = parse_url(request.url);
  if (!url) return url.error();
  for (const auto& [name, value] : request.headers) {
    if (!valid_token(name) || !valid_field_value(value)) {
      return make_error(ErrorCode::invalid_argument, "bad request header " + name);
    }
    // Framing and routing headers are ours: a caller's value would break the exchange.
    for (std::string_view reserved : {"host", "connection", "content-length", "transfer-encoding"}) {
      if (iequals(name, reserved))
        return make_error(ErrorCode::invalid_argument, "reserved request header " + name);
    }
  }

  asio::io_context io(1);
  tcp::resolver resolver(io);
  tcp::resolver::results_type endpoints;
  // Note: a cancelled getaddrinfo still runs to its end on asio's resolver thread, which the
  // io_context joins on destruction; a hanging DNS server can hold this call past the deadline.
  auto ec = run_until(
      io, deadline,
      [&](auto done) {
        resolver.async_resolve(
            url->host, std::to_string(url->port),
            [done, &endpoints](boost::system::error_code e, tcp::resolver::results_type r) {
              endpoints = std::move(r);
              done(e);
            });
      },
      [&resolver] { resolver.cancel(); });
  if (ec == asio::error::timed_out) return unavailable("timed out resolving " + url->host);
  if (ec) return unavailable("cannot resolve " + url->host + ": " + ec.message());

  auto connect = [&](tcp::socket& socket) -> Result<void> {
    auto e = run_until(
        io, deadline,
        [&](auto done) {
          asio::async_connect(socket, endpoints,
                              [done](boost::system::error_code c, const tcp::endpoint&) { done(c); });
        },
        [&socket] {
          boost::system::error_code ignored;
          socket.close(ignored);
        });
    if (e == asio::error::timed_out) return unavailable("timed out connecting to " + where(*url));
    if (e) return unavailable("cannot connect to " + where(*url) + ": " + e.message());
    return {};
  };

  if (!url->https) {
    tcp::socket socket(io);
    if (auto connected = connect(socket); !connected) return connected.error();
    return exchange(socket, socket, io, deadline, *url, request);
  }

  // The one throwing constructor here (only when OpenSSL cannot allocate a context).
  std::optional<asio::ssl::context> tls;
  try {
    tls.emplace(asio::ssl::context::tls_client);
  } catch (const boost::system::system_error& e) {
    return make_error(ErrorCode::internal, std::string("cannot create a TLS context: ") + e.what());
  }
  asio::ssl::context& ctx = *tls;
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                  asio::ssl::context::no_tlsv1_1);
  boost::system::error_code ctx_ec;
  ctx.set_default_verify_paths(ctx_ec);
  if (ctx_ec) return make_error(ErrorCode::internal, "cannot load the system CA store: " + ctx_ec.message());
  if (request.ca_file) {
    ctx.load_verify_file(request.ca_file->string(), ctx_ec);
    if (ctx_ec) {
      return make_error(ErrorCode::invalid_argument,
                        "cannot load CA file " + request.ca_file->string() + ": " + ctx_ec.message());
    }
  }
  ctx.set_verify_mode(asio::ssl::verify_peer);

  asio::ssl::stream<tcp::socket> stream(io, ctx);
  SSL* ssl = stream.native_handle();
  // OpenSSL's own checks (not a verify callback) so that a mismatch shows up in
  // SSL_get_verify_result with a readable reason. IP literals are matched against IP SANs and
  // get no SNI (RFC 6066 §3 allows only host names there).
  if (is_ip_literal(url->host)) {
    if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url->host.c_str()) != 1) {
      return make_error(ErrorCode::internal, "cannot set the expected IP address for verification");
    }
  } else {
    SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (SSL_set1_host(ssl, url->host.c_str()) != 1 ||
        SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(url->host.c_str())) != 1) {
      return make_error(ErrorCode::internal, "cannot set the expected host name for verification");
    }
  }

  if (auto connected = connect(stream.next_layer()); !connected) return connected.error();
  ec = run_until(
      io, deadline, [&](auto done) { stream.async_handshake(asio::ssl::stream_base::client, done); },
      [&stream] {
        boost::system::error_code ignored;
        stream.next_layer().close(ignored);
      });
  if (ec == asio::error::timed_out) return unavailable("timed out in the TLS handshake with " + where(*url));
  if (ec) {
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
      return unavailable("TLS handshake with " + where(*url) + " failed: certificate verification failed: " +
                         X509_verify_cert_error_string(verify));
    }
    return unavailable("TLS handshake with " + where(*url) + " failed: " + ec.message());
  }
  return exchange(stream, stream.next_layer(), io, deadline, *url, request);
}

} // namespace plenum::http
