#include "api/json_body.hpp"

#include <charconv>
#include <cstdint>

#include <boost/json/parse.hpp>

#include "base/utf8.hpp"
#include "http/path.hpp"

namespace plenum::api {
namespace {

constexpr unsigned kMaxDepth = 16;

} // namespace

Result<boost::json::object> parse_json_object(const http::Request& req) {
  auto type = req.header("Content-Type").value_or("");
  if (!type.starts_with("application/json")) {
    return make_error(ErrorCode::bad_request, "send the body as JSON (Content-Type: application/json)");
  }
  boost::json::parse_options options;
  options.max_depth = kMaxDepth;
  boost::system::error_code ec;
  auto value = boost::json::parse(req.body, ec, {}, options);
  if (ec) return make_error(ErrorCode::bad_request, "the body is not valid JSON: " + ec.message());
  if (!value.is_object()) return make_error(ErrorCode::bad_request, "the body must be a JSON object");
  return std::move(value.as_object());
}

Result<void> only_fields(const boost::json::object& body, std::initializer_list<std::string_view> allowed) {
  for (const auto& member : body) {
    bool known = false;
    for (auto name : allowed) known = known || member.key() == name;
    if (!known) {
      std::string key(member.key().substr(0, 64));
      return Error{ErrorCode::invalid_argument, "unknown field \"" + key + "\"", key, 0};
    }
  }
  return {};
}

Result<std::optional<std::string>> optional_string(const boost::json::object& body, std::string_view field,
                                                   size_t max_bytes) {
  const auto* value = body.if_contains(field);
  if (!value || value->is_null()) return std::optional<std::string>();
  if (!value->is_string()) return field_error(std::string(field), "must be a string");
  const auto& text = value->as_string();
  if (text.size() > max_bytes) {
    return field_error(std::string(field), "longer than " + std::to_string(max_bytes) + " bytes");
  }
  std::string out(text.data(), text.size());
  if (!utf8::valid(out)) return field_error(std::string(field), "not valid UTF-8");
  return std::optional<std::string>(std::move(out));
}

Result<std::string> required_string(const boost::json::object& body, std::string_view field,
                                    size_t max_bytes) {
  auto value = optional_string(body, field, max_bytes);
  if (!value) return value.error();
  if (!*value) return field_error(std::string(field), "is required");
  return std::move(**value);
}

Result<std::optional<bool>> optional_bool(const boost::json::object& body, std::string_view field) {
  const auto* value = body.if_contains(field);
  if (!value || value->is_null()) return std::optional<bool>();
  if (!value->is_bool()) return field_error(std::string(field), "must be true or false");
  return std::optional<bool>(value->as_bool());
}

Result<std::optional<int64_t>> optional_int(const boost::json::object& body, std::string_view field) {
  const auto* value = body.if_contains(field);
  if (!value || value->is_null()) return std::optional<int64_t>();
  if (value->is_int64()) return std::optional<int64_t>(value->as_int64());
  if (value->is_uint64() && value->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    return std::optional<int64_t>(static_cast<int64_t>(value->as_uint64()));
  }
  return field_error(std::string(field), "must be an integer");
}

namespace {

Result<size_t> number_param(const http::Request& req, std::string_view name, size_t fallback, size_t max) {
  auto text = query_param(req, name);
  if (!text) return fallback;
  size_t value = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc{} || ptr != text->data() + text->size() || value > max) {
    return field_error(std::string(name), "expected an integer from 0 to " + std::to_string(max));
  }
  return value;
}

} // namespace

Result<Page> page_params(const http::Request& req, size_t default_limit, size_t max_limit,
                         size_t max_offset) {
  auto limit = number_param(req, "limit", default_limit, max_limit);
  if (!limit) return limit.error();
  if (*limit == 0) return field_error("limit", "expected an integer from 1 to " + std::to_string(max_limit));
  auto offset = number_param(req, "offset", 0, max_offset);
  if (!offset) return offset.error();
  return Page{*limit, *offset};
}

std::optional<std::string> query_param(const http::Request& req, std::string_view name) {
  std::string_view query = req.query;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      std::string raw(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
      for (auto& c : raw) {
        if (c == '+') c = ' ';
      }
      auto decoded = http::percent_decode(raw);
      return decoded ? std::optional<std::string>(std::move(*decoded)) : std::nullopt;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

} // namespace plenum::api
