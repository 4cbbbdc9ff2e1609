#include "media/ice/ice_lite_agent.hpp"

#include <algorithm>

namespace plenum::media::ice {

IceLiteAgent::IceLiteAgent(std::string local_ufrag, std::string local_pwd)
    : ufrag_(std::move(local_ufrag)), pwd_(std::move(local_pwd)), key_(pwd_) {}

void IceLiteAgent::restart(std::string local_ufrag, std::string local_pwd) {
  ufrag_ = std::move(local_ufrag);
  pwd_ = std::move(local_pwd);
  key_ = StunIntegrityKey(pwd_);
}

IceReply IceLiteAgent::handle(const StunMessage& request, const SocketAddress& from, std::span<uint8_t> out,
                              int64_t now_ms) {
  IceReply reply;
  switch (check_ice_request(request, ufrag_, key_)) {
    case IceCheckResult::drop: return reply;
    case IceCheckResult::bad_request:
      reply.response_size = build_binding_error(out, request, 400, "Bad Request", nullptr).value_or(0);
      return reply;
    case IceCheckResult::unauthorized:
      reply.response_size = build_binding_error(out, request, 401, "Unauthorized", nullptr).value_or(0);
      return reply;
    case IceCheckResult::unknown_attribute:
      reply.response_size = build_binding_error(out, request, 420, "Unknown Attribute", &key_).value_or(0);
      return reply;
    case IceCheckResult::ok: break;
  }
  // A lite agent is always controlled (RFC 8445 section 6.1.1); a client that claims to be
  // controlled as well is in role conflict: 487 tells it to switch.
  if (request.ice_controlled()) {
    reply.response_size = build_binding_error(out, request, 487, "Role Conflict", &key_).value_or(0);
    return reply;
  }
  last_check_ms_ = now_ms;
  if (std::find(validated_.begin(), validated_.end(), from) == validated_.end()) {
    if (validated_.size() == kMaxValidatedAddresses) validated_.erase(validated_.begin());
    validated_.push_back(from);
  }
  if ((request.use_candidate() || !selected_) && selected_ != from) {
    selected_ = from;
    reply.selected_changed = true;
  }
  reply.response_size = build_binding_success(out, request, from, key_).value_or(0);
  return reply;
}

bool IceLiteAgent::validated(const SocketAddress& from) const noexcept {
  return std::find(validated_.begin(), validated_.end(), from) != validated_.end();
}

IceState IceLiteAgent::state(int64_t now_ms) const noexcept {
  if (last_check_ms_ < 0) return IceState::waiting;
  const int64_t quiet = now_ms - last_check_ms_;
  if (quiet >= kConsentTimeoutMs) return IceState::failed;
  if (quiet >= kDisconnectedAfterMs) return IceState::disconnected;
  return IceState::connected;
}

} // namespace plenum::media::ice
