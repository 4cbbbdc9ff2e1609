#pragma once
// An OpenID Connect provider's HTTP side for tests, served by the project's own HTTP server:
// discovery document and a JWK Set the test can rotate; counts key-set requests.

#include <atomic>
#include <mutex>
#include <string>

#include <boost/json.hpp>

#include "support/test_server.hpp"

namespace plenum::test {

class Provider {
 public:
  Provider()
      : server_([this](http::Request& req) -> boost::asio::awaitable<http::Response> {
          if (req.path == "/.well-known/openid-configuration") {
            co_return http::json_response(200, discovery_);
          }
          if (req.path == "/jwks") {
            ++jwks_requests_;
            std::lock_guard lock(mutex_);
            co_return http::json_response(200, jwks_);
          }
          co_return http::json_response(404, "{}");
        }) {
    issuer_ = server_.url("");
    discovery_ =
        boost::json::serialize(boost::json::object{{"issuer", issuer_}, {"jwks_uri", server_.url("/jwks")}});
  }
  void publish(const std::string& jwks) {
    std::lock_guard lock(mutex_);
    jwks_ = jwks;
  }
  void set_discovery_issuer(const std::string& issuer) {
    discovery_ =
        boost::json::serialize(boost::json::object{{"issuer", issuer}, {"jwks_uri", server_.url("/jwks")}});
  }
  const std::string& issuer() const { return issuer_; }
  int jwks_requests() const { return jwks_requests_; }

 private:
  std::mutex mutex_;
  std::string jwks_ = R"({"keys":[]})";
  std::string discovery_;
  std::string issuer_;
  std::atomic<int> jwks_requests_{0};
  TestServer server_;
};

} // namespace plenum::test
