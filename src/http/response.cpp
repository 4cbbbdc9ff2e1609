#include "http/response.hpp"

#include <boost/json.hpp>

namespace plenum::http {

Response json_response(int status, std::string json) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/json");
  r.body = std::move(json);
  return r;
}

Response text_response(int status, std::string_view content_type, std::string body) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", std::string(content_type));
  r.body = std::move(body);
  return r;
}

int status_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::bad_request: return 400;
    case ErrorCode::invalid_argument: return 422;
    case ErrorCode::unauthenticated: return 401;
    case ErrorCode::permission_denied: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::method_not_allowed: return 405;
    case ErrorCode::conflict: return 409;
    case ErrorCode::payload_too_large: return 413;
    case ErrorCode::request_timeout: return 408;
    case ErrorCode::too_many_requests: return 429;
    case ErrorCode::too_many_connections:
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
    case ErrorCode::second_factor_required:
    case ErrorCode::password_required: return 401;
    case ErrorCode::wrong_password: return 403;
  }
  return 500;
}

std::string error_json(const Error& error) {
  boost::json::object body;
  body["code"] = to_string(error.code);
  body["message"] = error.message;
  if (!error.field.empty()) body["field"] = error.field;
  return boost::json::serialize(body);
}

Response error_response(const Error& error) {
  Response res = json_response(status_for(error.code), error_json(error));
  if (error.retry_after_seconds > 0)
    res.headers.set("Retry-After", std::to_string(error.retry_after_seconds));
  return res;
}

Response error_response(ErrorCode code, std::string message) {
  return error_response(Error{code, std::move(message)});
}

} // namespace plenum::http
