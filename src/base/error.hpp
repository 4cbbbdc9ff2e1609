#pragma once
// The one error model of Plenum (docs/style.md, "Errors"): expected failures travel as
// `Error` values inside `Result<T>`; "cannot happen" is a fatal assertion. Every error has a
// stable machine code that clients may rely on and a human message that they may show.

#include <string>
#include <string_view>

namespace plenum {

// Stable error codes. The string form (to_string) is part of the public API: never rename one,
// only add. The HTTP layer maps each code to a status (http/error_response.cpp).
enum class ErrorCode {
  bad_request,            // malformed input (syntax)
  invalid_argument,       // well-formed but invalid input (semantics)
  unauthenticated,        // no or bad credentials
  permission_denied,      // authenticated but not allowed
  not_found,              // no such resource or route
  method_not_allowed,     // route exists, method does not
  conflict,               // state conflict (duplicate, version mismatch)
  payload_too_large,      // body or message over a documented limit
  request_timeout,        // client too slow to send a request
  too_many_requests,      // rate limit
  too_many_connections,   // connection limit
  unavailable,            // dependency (storage, ...) not reachable right now
  internal,               // a bug or an unexpected environment failure
  second_factor_required, // sign-in needs the TOTP code as well
  password_required,      // the room has a password and none was given
  wrong_password,         // the room password does not match
};

std::string_view to_string(ErrorCode code) noexcept;

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string field;           // the request field at fault (JSON pointer-like "display_name"), or empty
  int retry_after_seconds = 0; // > 0: when the client may try again (rate limits)

  friend bool operator==(const Error&, const Error&) = default;
};

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message), {}}; }
inline Error field_error(std::string field, std::string message) {
  return Error{ErrorCode::invalid_argument, std::move(message), std::move(field)};
}

// Aborts with a message: for broken invariants only, never for bad input.
[[noreturn]] void fatal(std::string_view message) noexcept;

#define PLENUM_ASSERT(cond, msg)                                                         \
  do {                                                                                   \
    if (!(cond)) ::plenum::fatal(std::string_view{"assertion failed: " #cond ": " msg}); \
  } while (false)

} // namespace plenum
