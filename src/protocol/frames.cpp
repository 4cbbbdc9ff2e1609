#include "protocol/frames.hpp"

#include <boost/json.hpp>

#include "base/utf8.hpp"

namespace plenum::proto {
namespace {

bool valid_frame_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxFrameIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

FrameError envelope_error(std::string field, std::string text) {
  return FrameError{Namespace::control, std::nullopt,
                    DecodeFailure{ErrorCode::invalid_envelope, std::move(field), std::move(text)}};
}

// Cuts to at most `max` bytes on a UTF-8 boundary.
std::string cut(std::string text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

} // namespace

std::variant<ClientFrame, FrameError> parse_client_frame(std::string_view text) {
  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::system::error_code ec;
  boost::json::value root = boost::json::parse(text, ec, {}, options);
  if (ec || !root.is_object())
    return FrameError{Namespace::control, std::nullopt,
                      DecodeFailure{ErrorCode::invalid_json, "", "the frame must be one JSON object"}};
  const auto& obj = root.get_object();

  std::optional<std::string> id;
  if (const auto* v = obj.if_contains("id")) {
    if (!v->is_string() || !valid_frame_id(v->get_string()))
      return envelope_error("id", "id must be 1-64 characters of A-Z a-z 0-9 - _ . :");
    id = std::string(v->get_string());
  }
  const auto* ns_value = obj.if_contains("namespace");
  if (ns_value == nullptr || !ns_value->is_string()) {
    auto e = envelope_error("namespace", "namespace must be a string");
    e.id = id;
    return e;
  }
  auto ns = namespace_from(ns_value->get_string());
  if (!ns)
    return FrameError{
        Namespace::control, id,
        DecodeFailure{ErrorCode::unknown_namespace, "namespace", "no module with that namespace"}};
  for (const auto& entry : obj) {
    if (entry.key() != "id" && entry.key() != "namespace" && entry.key() != "payload")
      return FrameError{
          *ns, id,
          DecodeFailure{ErrorCode::invalid_envelope, std::string(entry.key()), "unknown envelope field"}};
  }
  const auto* payload = obj.if_contains("payload");
  if (payload == nullptr || !payload->is_object())
    return FrameError{*ns, id,
                      DecodeFailure{ErrorCode::invalid_envelope, "payload", "payload must be an object"}};
  auto decoded = decode_command(*ns, payload->get_object());
  if (auto* failure = std::get_if<DecodeFailure>(&decoded)) return FrameError{*ns, id, std::move(*failure)};
  return ClientFrame{*ns, std::move(id), std::move(std::get<AnyCommand>(decoded))};
}

Frame encode_frame(Namespace ns, boost::json::object payload, int64_t timestamp_ms,
                   const std::optional<std::string>& id) {
  boost::json::object frame;
  frame.reserve(4);
  frame["namespace"] = to_string(ns);
  if (id) frame["id"] = *id;
  frame["timestamp"] = timestamp_ms;
  frame["payload"] = std::move(payload);
  return std::make_shared<const std::string>(boost::json::serialize(frame));
}

Frame encode_error(Namespace ns, ErrorCode code, std::string text, std::string field, int64_t timestamp_ms,
                   const std::optional<std::string>& id) {
  control::ErrorEvent event;
  event.code = code;
  event.text = cut(std::move(text), 500);
  if (!field.empty()) {
    field = cut(std::move(field), kMaxFrameIdLength);
    if (!utf8::valid(field) || utf8::has_control_chars(field)) field = "?";
    event.field = std::move(field);
  }
  return encode_frame(ns, control::to_json(event), timestamp_ms, id);
}

} // namespace plenum::proto
