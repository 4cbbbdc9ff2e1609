#include "base/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace plenum {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::bad_request: return "bad_request";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::permission_denied: return "permission_denied";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::method_not_allowed: return "method_not_allowed";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::payload_too_large: return "payload_too_large";
    case ErrorCode::request_timeout: return "request_timeout";
    case ErrorCode::too_many_requests: return "too_many_requests";
    case ErrorCode::too_many_connections: return "too_many_connections";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::internal: return "internal";
    case ErrorCode::second_factor_required: return "second_factor_required";
    case ErrorCode::password_required: return "password_required";
    case ErrorCode::wrong_password: return "wrong_password";
  }
  return "internal";
}

void fatal(std::string_view message) noexcept {
  std::fprintf(stderr, "plenum: fatal: %.*s\n", static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
  std::abort();
}

} // namespace plenum
