#pragma once
// Decoding of JSON request bodies with explicit limits; every error names the field.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "base/result.hpp"
#include "http/request.hpp"

namespace plenum::api {

// The body as a JSON object. Needs Content-Type application/json; nesting is limited to 16.
Result<boost::json::object> parse_json_object(const http::Request& req);
// Fails on a member that is not in `allowed` (typos must not be silently ignored).
Result<void> only_fields(const boost::json::object& body, std::initializer_list<std::string_view> allowed);
// A string member of at most `max_bytes` valid UTF-8 bytes.
Result<std::string> required_string(const boost::json::object& body, std::string_view field,
                                    size_t max_bytes);
Result<std::optional<std::string>> optional_string(const boost::json::object& body, std::string_view field,
                                                   size_t max_bytes);
Result<std::optional<bool>> optional_bool(const boost::json::object& body, std::string_view field);
Result<std::optional<int64_t>> optional_int(const boost::json::object& body, std::string_view field);

struct Page {
  size_t limit;
  size_t offset;
};
inline constexpr size_t kMaxPageOffset = 1'000'000;
// ?limit=1..max_limit (default `default_limit`) and ?offset=0..max_offset; errors name the parameter.
Result<Page> page_params(const http::Request& req, size_t default_limit, size_t max_limit,
                         size_t max_offset = kMaxPageOffset);

// The page's slice of a list the service returned whole (lists that are small by nature).
template <class T>
std::vector<T> page_of(std::vector<T> all, const Page& page) {
  if (page.offset >= all.size()) return {};
  all.erase(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(page.offset));
  if (all.size() > page.limit) all.resize(page.limit);
  return all;
}

// A query parameter (percent-decoded; '+' is a space), or nullopt.
std::optional<std::string> query_param(const http::Request& req, std::string_view name);

} // namespace plenum::api
