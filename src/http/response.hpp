#pragma once

#include <string>
#include <string_view>

#include "base/error.hpp"
#include "http/request.hpp"

namespace plenum::http {

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  bool close = false; // ask the server to close the connection after this response
};

// A JSON body that the caller has already serialised.
Response json_response(int status, std::string json);
Response text_response(int status, std::string_view content_type, std::string body);

// {"code": "...", "message": "..."} with the status that belongs to the code.
Response error_response(const Error& error);
Response error_response(ErrorCode code, std::string message);
int status_for(ErrorCode code) noexcept;
// The JSON text of an error (also used for bodies written before routing, e.g. 400 and 413).
std::string error_json(const Error& error);

} // namespace plenum::http
