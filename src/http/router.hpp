#pragma once
// Routes declared in one place (api/routes.cpp) with typed path parameters (http/path.hpp).
// Matching picks the most specific pattern; a path that matches with another method gets 405
// with an Allow header; a path that matches nothing gets a JSON 404, or the fallback handler
// (static files + SPA) when it is a GET/HEAD outside the reserved API prefix.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "http/path.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace plenum::http {

using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;

class Router {
 public:
  // A bad pattern or a second handler for the same method and shape is a programming error.
  Router& route(std::string_view method, std::string_view pattern, Handler handler);
  Router& get(std::string_view pattern, Handler h) { return route("GET", pattern, std::move(h)); }
  Router& post(std::string_view pattern, Handler h) { return route("POST", pattern, std::move(h)); }
  Router& put(std::string_view pattern, Handler h) { return route("PUT", pattern, std::move(h)); }
  Router& patch(std::string_view pattern, Handler h) { return route("PATCH", pattern, std::move(h)); }
  Router& del(std::string_view pattern, Handler h) { return route("DELETE", pattern, std::move(h)); }

  // Serves GET/HEAD requests that no route matched, except below /<reserved_prefix>/.
  void set_fallback(Handler handler, std::string reserved_prefix);

  struct Lookup {
    const Handler* handler = nullptr; // null: see status
    std::string pattern;              // matched pattern, "fallback" or "unmatched"
    std::string allow;                // for 405: "GET, HEAD"
    Error error;                      // when handler is null
  };
  // Pure lookup (no I/O); fills req.params. Exposed for tests and the benchmark.
  Lookup lookup(std::string_view method, std::string_view raw_path, PathParams& params) const;

  // Looks up and runs the handler, or answers 400/404/405 as JSON.
  boost::asio::awaitable<Response> dispatch(Request& req) const;

 private:
  struct Entry {
    PathPattern pattern;
    std::vector<std::pair<std::string, Handler>> methods;
  };
  std::vector<Entry> entries_; // sorted most specific first
  Handler fallback_;
  std::string reserved_prefix_;
};

} // namespace plenum::http
