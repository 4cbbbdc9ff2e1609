#include "media/server/relay_endpoints.hpp"

#include "media/server/worker.hpp"

namespace plenum::media::server {

void RoomRelaySink::relay(uint32_t producer, size_t stream, const RtpPacket& packet, bool keyframe) {
  link_->push({room_, producer, static_cast<uint8_t>(stream), keyframe, 0}, packet.bytes());
}

void HomeUpstream::request_keyframe(uint32_t producer, int stream) {
  Worker* home = &home_;
  home_.loop().post([home, room = room_, producer, stream] {
    if (auto* r = home->find_router(room)) r->request_relayed_keyframe(producer, stream);
  });
}

void HomeUpstream::want_layers(uint32_t producer, uint32_t mask) {
  Worker* home = &home_;
  home_.loop().post([home, room = room_, worker = worker_, producer, mask] {
    if (auto* r = home->find_router(room)) r->set_relay_layers(producer, worker, mask);
  });
}

} // namespace plenum::media::server
