#pragma once
// Small response helpers shared by the REST handlers.

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/response.hpp"

namespace plenum::api {

inline http::Response json(int status, const boost::json::object& body) {
  return http::json_response(status, boost::json::serialize(body));
}

inline http::Response no_content() {
  http::Response res;
  res.status = 204;
  return res;
}

} // namespace plenum::api
