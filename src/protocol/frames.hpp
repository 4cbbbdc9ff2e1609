#pragma once
// The signaling envelope: client frames {namespace, id?, payload:{action,...}} are parsed and
// decoded into typed commands; server frames {namespace, id?, timestamp, payload:{message,...}}
// are serialised once and shared by every receiver.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <boost/json/object.hpp>

#include "protocol/protocol.hpp"

namespace plenum::proto {

using Frame = std::shared_ptr<const std::string>;

inline constexpr size_t kMaxFrameIdLength = 64;
inline constexpr size_t kMaxJsonDepth = 8;

struct ClientFrame {
  Namespace ns = Namespace::control;
  std::optional<std::string> id;
  AnyCommand command;
};

struct FrameError {
  Namespace ns = Namespace::control; // the frame's namespace when it had a known one
  std::optional<std::string> id;     // the frame's id when it had a valid one
  DecodeFailure failure;
};

std::variant<ClientFrame, FrameError> parse_client_frame(std::string_view text);

Frame encode_frame(Namespace ns, boost::json::object payload, int64_t timestamp_ms,
                   const std::optional<std::string>& id = std::nullopt);

template <class Event>
Frame encode(const Event& event, int64_t timestamp_ms, const std::optional<std::string>& id = std::nullopt) {
  return encode_frame(Event::kNamespace, to_json(event), timestamp_ms, id);
}

// An `error` event in namespace `ns` (field names are cut to the protocol's 64 characters).
Frame encode_error(Namespace ns, ErrorCode code, std::string text, std::string field, int64_t timestamp_ms,
                   const std::optional<std::string>& id);

} // namespace plenum::proto
