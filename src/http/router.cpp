#include "http/router.hpp"

#include <algorithm>

namespace plenum::http {

Router& Router::route(std::string_view method, std::string_view pattern, Handler handler) {
  auto parsed = PathPattern::parse(pattern);
  PLENUM_ASSERT(parsed.ok(), "invalid route pattern");
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const Entry& e) { return e.pattern.same_shape(*parsed); });
  if (it == entries_.end()) {
    Entry entry{std::move(*parsed), {}};
    auto pos = std::find_if(entries_.begin(), entries_.end(),
                            [&](const Entry& e) { return entry.pattern.more_specific_than(e.pattern); });
    it = entries_.insert(pos, std::move(entry));
  }
  PLENUM_ASSERT(it->pattern.text() == pattern, "two patterns of the same shape with other names");
  for (const auto& [m, h] : it->methods) PLENUM_ASSERT(m != method, "route declared twice");
  it->methods.emplace_back(std::string(method), std::move(handler));
  return *this;
}

void Router::set_fallback(Handler handler, std::string reserved_prefix) {
  fallback_ = std::move(handler);
  reserved_prefix_ = std::move(reserved_prefix);
}

Router::Lookup Router::lookup(std::string_view method, std::string_view raw_path, PathParams& params) const {
  Lookup out;
  out.pattern = "unmatched";
  auto segments = split_path(raw_path);
  if (!segments) {
    out.error = segments.error();
    return out;
  }
  const std::string_view effective = method == "HEAD" ? std::string_view("GET") : method;
  for (const auto& entry : entries_) {
    params.clear();
    if (!entry.pattern.match(*segments, params)) continue;
    out.pattern = entry.pattern.text();
    for (const auto& [m, h] : entry.methods) {
      if (m == method || m == effective) {
        out.handler = &h;
        return out;
      }
    }
    for (const auto& [m, h] : entry.methods) {
      out.allow += (out.allow.empty() ? "" : ", ") + m;
      if (m == "GET") out.allow += ", HEAD";
    }
    out.error = make_error(ErrorCode::method_not_allowed,
                           std::string(method) + " is not allowed here; allowed: " + out.allow);
    return out;
  }
  params.clear();
  const bool reserved = !segments->empty() && segments->front() == reserved_prefix_;
  if (fallback_ && !reserved && effective == "GET") {
    out.pattern = "fallback";
    out.handler = &fallback_;
    return out;
  }
  out.error = make_error(ErrorCode::not_found, "no such resource: " + std::string(method) + " " +
                                                   std::string(raw_path.substr(0, 200)));
  return out;
}

boost::asio::awaitable<Response> Router::dispatch(Request& req) const {
  auto found = lookup(req.method, req.path, req.params);
  req.route = found.pattern;
  if (!found.handler) {
    Response r = error_response(found.error);
    if (!found.allow.empty()) r.headers.set("Allow", found.allow);
    co_return r;
  }
  co_return co_await (*found.handler)(req);
}

} // namespace plenum::http
