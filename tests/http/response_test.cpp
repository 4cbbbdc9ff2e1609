#include "http/response.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace plenum::http {
namespace {

TEST(ErrorResponse, IsJsonWithCodeAndMessage) {
  auto res = error_response(ErrorCode::not_found, "no \"room\"\nhere");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.headers.get("Content-Type"), "application/json");
  auto json = boost::json::parse(res.body).as_object();
  EXPECT_EQ(json.at("code").as_string(), "not_found");
  EXPECT_EQ(json.at("message").as_string(), "no \"room\"\nhere");
  EXPECT_EQ(json.size(), 2u);
}

TEST(ErrorResponse, NamesTheFieldAndRetryAfterWhenKnown) {
  Error e = field_error("display_name", "too long");
  auto json = boost::json::parse(error_response(e).body).as_object();
  EXPECT_EQ(json.at("field").as_string(), "display_name");
  EXPECT_EQ(error_response(e).status, 422);
  Error limited = make_error(ErrorCode::too_many_requests, "slow down");
  limited.retry_after_seconds = 7;
  auto res = error_response(limited);
  EXPECT_EQ(res.status, 429);
  EXPECT_EQ(res.headers.get("Retry-After"), "7");
}

TEST(ErrorResponse, EveryCodeHasItsStatus) {
  const std::pair<ErrorCode, int> expected[] = {
      {ErrorCode::bad_request, 400},
      {ErrorCode::invalid_argument, 422},
      {ErrorCode::unauthenticated, 401},
      {ErrorCode::permission_denied, 403},
      {ErrorCode::not_found, 404},
      {ErrorCode::method_not_allowed, 405},
      {ErrorCode::conflict, 409},
      {ErrorCode::payload_too_large, 413},
      {ErrorCode::request_timeout, 408},
      {ErrorCode::too_many_requests, 429},
      {ErrorCode::too_many_connections, 503},
      {ErrorCode::unavailable, 503},
      {ErrorCode::internal, 500},
      {ErrorCode::second_factor_required, 401},
      {ErrorCode::password_required, 401},
      {ErrorCode::wrong_password, 403},
  };
  for (const auto& [code, status] : expected) {
    EXPECT_EQ(status_for(code), status) << to_string(code);
    auto json = boost::json::parse(error_json(Error{code, "m"})).as_object();
    EXPECT_EQ(json.at("code").as_string(), to_string(code));
  }
}

} // namespace
} // namespace plenum::http
