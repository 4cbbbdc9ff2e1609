// The router's side of a room spread over several workers (docs/architecture.md, "a room over
// several workers"): the home router copies a producer's packets to relay sinks, and a relay
// producer on another worker feeds its consumers from them.
#include <algorithm>

#include "media/router/router_state.hpp"

namespace plenum::media::router {

void Router::on_relayed_rtp(uint32_t producer, size_t index, const RtpPacket& packet, bool keyframe,
                            int64_t now_ms) {
  now_ms_ = now_ms;
  auto it = producers_.find(producer);
  if (it == producers_.end() || !it->second->upstream || index >= it->second->streams.size()) {
    ++counters_.unknown_ssrc;
    return;
  }
  Producer& p = *it->second;
  ++counters_.relayed_in; // packets_in counts them at the home
  auto& s = p.streams[index];
  ++s.packets;
  s.last_packet_ms = now_ms;
  // Subscribers here NACK to this router: it keeps its own history (upstream loss is the home's).
  if (s.history) s.history->store(packet.sequence_number(), packet.bytes(), now_ms);
  std::optional<Vp8Descriptor> vp8;
  if (p.codec_by_pt[packet.payload_type()] == VideoCodec::vp8) vp8 = parse_vp8_descriptor(packet.payload());
  const auto svc = measure_packet(p, index, packet, keyframe, vp8);
  forward(p, index, packet, keyframe, vp8 ? &*vp8 : nullptr, now_ms, svc ? &*svc : nullptr);
}

void Router::add_relay(uint32_t producer, uint32_t worker, std::shared_ptr<RelaySink> sink) {
  auto it = producers_.find(producer);
  if (it == producers_.end() || it->second->upstream) return;
  auto& relays = it->second->relays;
  std::erase_if(relays, [worker](const Producer::Relay& r) { return r.worker == worker; });
  relays.push_back(Producer::Relay{worker, std::move(sink), ~0u});
  allocation_dirty_ = true;
}

void Router::remove_relay(uint32_t producer, uint32_t worker) {
  auto it = producers_.find(producer);
  if (it == producers_.end()) return;
  std::erase_if(it->second->relays, [worker](const Producer::Relay& r) { return r.worker == worker; });
  allocation_dirty_ = true;
}

void Router::set_relay_layers(uint32_t producer, uint32_t worker, uint32_t mask) {
  auto it = producers_.find(producer);
  if (it == producers_.end()) return;
  for (auto& r : it->second->relays)
    if (r.worker == worker && r.wanted != mask) {
      r.wanted = mask;
      allocation_dirty_ = true;
    }
}

void Router::request_relayed_keyframe(uint32_t producer, int stream) {
  auto it = producers_.find(producer);
  if (it == producers_.end() || it->second->upstream) return;
  ++counters_.relayed_keyframe_requests;
  request_keyframe(*it->second, now_ms_, stream);
}

void Router::add_relay_producer(ProducerParameters params, std::shared_ptr<RelayUpstream> upstream) {
  if (producers_.contains(params.id) || !upstream) return;
  auto p = std::make_unique<Producer>();
  p->upstream = std::move(upstream);
  for (const auto& codec : params.codecs)
    if (codec.payload_type < 128) p->codec_by_pt[codec.payload_type] = video_codec(codec.name);
  const size_t streams = std::max<size_t>(1, params.rids.empty() ? params.ssrcs.size() : params.rids.size());
  p->streams.resize(streams);
  for (size_t i = 0; i < streams; ++i) {
    if (i < params.rids.size()) p->streams[i].rid = params.rids[i];
    if (params.kind == MediaKind::video) {
      p->streams[i].history = std::make_unique<stream::RetransmissionBuffer>(kHistorySlots);
    }
  }
  p->params = std::move(params);
  producers_.emplace(p->params.id, std::move(p));
}

} // namespace plenum::media::router
