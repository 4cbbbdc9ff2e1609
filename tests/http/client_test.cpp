#include "http/client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "base/metrics.hpp"
#include "http/middleware.hpp"
#include "http/server.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

namespace plenum::http {
namespace {

using test::TestServer;

namespace asio = boost::asio;
using asio::awaitable;
using namespace std::chrono_literals;

Next reply(int status, std::string body) {
  return [status, body](Request&) -> awaitable<Response> { co_return json_response(status, body); };
}

ClientRequest get(std::string url) {
  ClientRequest request;
  request.url = std::move(url);
  request.timeout = 5s;
  return request;
}

TEST(HttpGet, ReturnsStatusHeadersAndJsonBody) {
  std::promise<std::string> target;
  TestServer server([&target](Request& req) -> awaitable<Response> {
    target.set_value(req.target);
    co_return json_response(200, R"({"issuer":"https://id.example"})");
  });
  auto response = http_get(get(server.url("/.well-known/openid-configuration?x=1")));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"issuer":"https://id.example"})");
  EXPECT_EQ(response->headers.get("content-type"), "application/json");
  EXPECT_EQ(target.get_future().get(), "/.well-known/openid-configuration?x=1");
}

TEST(HttpGet, PassesErrorStatusesThrough) {
  TestServer server(reply(404, R"({"code":"not_found"})"));
  auto response = http_get(get(server.url("/missing")));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->body, R"({"code":"not_found"})");
}

TEST(HttpGet, SendsExtraRequestHeaders) {
  std::promise<std::string> authorization;
  TestServer server([&authorization](Request& req) -> awaitable<Response> {
    authorization.set_value(std::string(req.header("Authorization").value_or("<none>")));
    co_return json_response(200, "{}");
  });
  auto request = get(server.url("/"));
  request.headers = {{"Authorization", "Bearer abc"}};
  auto response = http_get(request);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(authorization.get_future().get(), "Bearer abc");
}

TEST(HttpGet, RejectsInjectedOrReservedRequestHeaders) {
  auto request = get("http://127.0.0.1:1/");
  request.headers = {{"X-A", "b\r\nX-Evil: 1"}};
  EXPECT_EQ(http_get(request).error().code, ErrorCode::invalid_argument);
  request.headers = {{"Bad Name", "x"}};
  EXPECT_EQ(http_get(request).error().code, ErrorCode::invalid_argument);
  request.headers = {{"Host", "elsewhere"}};
  EXPECT_EQ(http_get(request).error().code, ErrorCode::invalid_argument);
}

TEST(HttpGet, BodyOverTheLimitIsPayloadTooLarge) {
  TestServer server(reply(200, "\"" + std::string(2000, 'x') + "\""));
  auto request = get(server.url("/jwks"));
  request.max_body_bytes = 1000;
  auto response = http_get(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::payload_too_large);
  request.max_body_bytes = 2002;
  EXPECT_TRUE(http_get(request).ok());
}

TEST(HttpGet, SlowServerTimesOutWithinTheTimeout) {
  TestServer server([](Request&) -> awaitable<Response> {
    asio::steady_timer timer(co_await asio::this_coro::executor, 30s);
    co_await timer.async_wait(asio::use_awaitable);
    co_return json_response(200, "{}");
  });
  auto request = get(server.url("/slow"));
  request.timeout = 300ms;
  const auto start = std::chrono::steady_clock::now();
  auto response = http_get(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_NE(response.error().message.find("timed out"), std::string::npos) << response.error().message;
  EXPECT_GE(elapsed, 300ms);
  EXPECT_LT(elapsed, 2s);
}

TEST(HttpGet, ClosedPortIsUnavailable) {
  uint16_t port = 0;
  {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    port = acceptor.local_endpoint().port();
  }
  auto response = http_get(get("http://127.0.0.1:" + std::to_string(port) + "/"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_NE(response.error().message.find("connect"), std::string::npos) << response.error().message;
}

TEST(HttpGet, BadUrlsAreInvalidArguments) {
  for (const char* url :
       {"ftp://127.0.0.1/", "http://", "http:///path", "http://user@127.0.0.1/", "http://user:pw@127.0.0.1/",
        "http://127.0.0.1/#frag", "http://127.0.0.1:99999/", "http://127.0.0.1:8a/", "127.0.0.1/path",
        "http://[::1/", "http://[zz]/", "http://exa mple/", "http://127.0.0.1/a b"}) {
    auto response = http_get(get(url));
    ASSERT_FALSE(response.ok()) << url;
    EXPECT_EQ(response.error().code, ErrorCode::invalid_argument) << url;
  }
}

TEST(ParseUrl, SplitsSchemeHostPortAndTarget) {
  auto a = parse_url("HTTPS://Id.Example.com/.well-known/openid-configuration");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->https);
  EXPECT_EQ(a->host, "id.example.com");
  EXPECT_EQ(a->port, 443);
  EXPECT_EQ(a->target, "/.well-known/openid-configuration");
  auto b = parse_url("http://[::1]:8080?a=b");
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->https);
  EXPECT_EQ(b->host, "::1");
  EXPECT_EQ(b->port, 8080);
  EXPECT_EQ(b->target, "/?a=b");
  auto c = parse_url("http://127.0.0.1:");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->port, 80);
  EXPECT_EQ(c->target, "/");
}

// A self-signed certificate for 127.0.0.1 (CN and IP SAN), made with the openssl CLI.
class HttpsGet : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
        " -addext subjectAltName=IP:127.0.0.1 -keyout '" +
        key().string() + "' -out '" + cert().string() + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    ServerOptions options;
    options.tls_cert_file = cert();
    options.tls_key_file = key();
    server_ = std::make_unique<TestServer>(reply(200, R"({"keys":[]})"), options);
  }
  std::filesystem::path cert() const { return dir_.path() / "cert.pem"; }
  std::filesystem::path key() const { return dir_.path() / "key.pem"; }

  test::TempDir dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(HttpsGet, SucceedsWithTheCertificateAsExtraCa) {
  auto request = get(server_->url("/jwks", true));
  request.ca_file = cert();
  auto response = http_get(request);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"keys":[]})");
}

TEST_F(HttpsGet, RejectsAnUntrustedCertificate) {
  auto response = http_get(get(server_->url("/jwks", true)));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_NE(response.error().message.find("certificate"), std::string::npos) << response.error().message;
}

TEST_F(HttpsGet, RejectsACertificateForAnotherHost) {
  // Trusted, but issued for the IP 127.0.0.1, not for the name "localhost".
  auto url = server_->url("/jwks", true);
  url.replace(url.find("127.0.0.1"), 9, "localhost");
  auto request = get(url);
  request.ca_file = cert();
  auto response = http_get(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_NE(response.error().message.find("certificate"), std::string::npos) << response.error().message;
}

TEST_F(HttpsGet, MissingCaFileIsInvalidArgument) {
  auto request = get(server_->url("/jwks", true));
  request.ca_file = dir_.path() / "missing.pem";
  EXPECT_EQ(http_get(request).error().code, ErrorCode::invalid_argument);
}

} // namespace
} // namespace plenum::http
