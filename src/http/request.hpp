#pragma once
// Plenum's own request/response types: handlers and middleware never see Beast, so Beast stays
// in server.cpp (build time) and handlers are plain functions of data (testable without sockets).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace plenum::http {

// Header fields in arrival order; names compare case-insensitively.
class Headers {
 public:
  void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  // Replaces every field of that name.
  void set(std::string_view name, std::string value);
  std::optional<std::string_view> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& all() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

bool iequals(std::string_view a, std::string_view b) noexcept;

// A typed path parameter, as declared in a route pattern ("{id:int}", "{id:uuid}", "{name}").
using PathValue = std::variant<int64_t, std::string>;

class PathParams {
 public:
  void add(std::string name, PathValue value) { values_.emplace_back(std::move(name), std::move(value)); }
  // The value of an {x:int} parameter; a fatal error if the route did not declare it so.
  int64_t integer(std::string_view name) const;
  // The value of an {x} or {x:uuid} parameter.
  const std::string& text(std::string_view name) const;
  size_t size() const { return values_.size(); }
  void clear() { values_.clear(); }

 private:
  const PathValue& find(std::string_view name) const;
  std::vector<std::pair<std::string, PathValue>> values_;
};

struct Request {
  std::string method; // "GET", "POST", ... as sent
  std::string target; // raw request target; contains the query: never log it
  std::string path;   // target before '?', still percent-encoded
  std::string query;  // after '?', raw
  Headers headers;
  std::string body;
  std::string remote_address; // peer IP
  bool secure = false;        // arrived over TLS
  // Set by the pipeline:
  std::string request_id;
  std::string route = "unmatched"; // the matched pattern, for metrics and logs
  PathParams params;

  std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
};

} // namespace plenum::http
