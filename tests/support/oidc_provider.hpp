#pragma once
// An OpenID Connect provider's HTTP side for tests, served by the project's own HTTP server:
// discovery document, a JWK Set the test can rotate and a userinfo endpoint whose answer the test
// sets; counts key-set and userinfo requests and keeps the last userinfo Authorization header.

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
            std::lock_guard lock(mutex_);
            co_return http::json_response(200, discovery_);
          }
          if (req.path == "/jwks") {
            ++jwks_requests_;
            std::lock_guard lock(mutex_);
            co_return http::json_response(200, jwks_);
          }
          if (req.path == "/userinfo") {
            ++userinfo_requests_;
            std::lock_guard lock(mutex_);
            last_userinfo_authorization_ = std::string(req.headers.get("Authorization").value_or(""));
            co_return http::text_response(userinfo_status_, userinfo_type_, userinfo_body_);
          }
          co_return http::json_response(404, "{}");
        }) {
    issuer_ = server_.url("");
    set_discovery(issuer_, true);
  }
  void publish(const std::string& jwks) {
    std::lock_guard lock(mutex_);
    jwks_ = jwks;
  }
  void set_discovery_issuer(const std::string& issuer) { set_discovery(issuer, true); }
  // Discovery without userinfo_endpoint (it is only RECOMMENDED, Discovery 1.0 section 3).
  void remove_userinfo_endpoint() { set_discovery(issuer_, false); }
  void set_userinfo(int status, std::string body, std::string content_type = "application/json") {
    std::lock_guard lock(mutex_);
    userinfo_status_ = status;
    userinfo_body_ = std::move(body);
    userinfo_type_ = std::move(content_type);
  }
  const std::string& issuer() const { return issuer_; }
  int jwks_requests() const { return jwks_requests_; }
  int userinfo_requests() const { return userinfo_requests_; }
  std::string last_userinfo_authorization() {
    std::lock_guard lock(mutex_);
    return last_userinfo_authorization_;
  }

 private:
  void set_discovery(const std::string& issuer, bool userinfo) {
    boost::json::object doc{{"issuer", issuer}, {"jwks_uri", server_.url("/jwks")}};
    if (userinfo) doc["userinfo_endpoint"] = server_.url("/userinfo");
    std::lock_guard lock(mutex_);
    discovery_ = boost::json::serialize(doc);
  }

  std::mutex mutex_;
  std::string jwks_ = R"({"keys":[]})";
  std::string discovery_;
  std::string issuer_;
  int userinfo_status_ = 401; // until a test sets an answer: the provider does not know the token
  std::string userinfo_body_ = R"({"error":"invalid_token"})";
  std::string userinfo_type_ = "application/json";
  std::string last_userinfo_authorization_;
  std::atomic<int> jwks_requests_{0};
  std::atomic<int> userinfo_requests_{0};
  TestServer server_;
};

} // namespace plenum::test
