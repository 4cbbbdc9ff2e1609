#include "media/router/router.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "base/logging.hpp"
#include "media/bytes.hpp"
#include "media/router/allocation.hpp"
#include "media/router/router_state.hpp"
#include "media/rtcp.hpp"
#include "media/speaker/dominant_speaker.hpp"
#include "media/stream/keyframe_throttle.hpp"
#include "media/stream/nack_generator.hpp"
#include "media/stream/ntp.hpp"
#include "media/stream/receive_stats.hpp"
#include "media/stream/retransmission_buffer.hpp"
#include "media/stream/send_stats.hpp"

namespace plenum::media::router {

namespace {

uint64_t key(uint32_t transport, uint32_t ssrc) { return (static_cast<uint64_t>(transport) << 32) | ssrc; }

// REMB (draft-alvestrand-rmcat-remb-03): PSFB FMT 15 with "REMB", exponent and 18-bit mantissa.
std::optional<size_t> build_remb(std::span<uint8_t> out, uint64_t bitrate, std::span<const uint32_t> ssrcs) {
  const size_t size = 20 + 4 * ssrcs.size();
  if (out.size() < size || ssrcs.size() > 255) return std::nullopt;
  uint8_t exponent = 0;
  uint64_t mantissa = bitrate;
  while (mantissa > 0x3FFFF) {
    mantissa >>= 1;
    ++exponent;
  }
  out[0] = 0x80 | rtcp_fmt::kApplicationLayer;
  out[1] = rtcp_type::kPsfb;
  store_be16(&out[2], static_cast<uint16_t>(size / 4 - 1));
  store_be32(&out[4], kRouterSsrc);
  store_be32(&out[8], 0);
  std::memcpy(&out[12], "REMB", 4);
  out[16] = static_cast<uint8_t>(ssrcs.size());
  out[17] = static_cast<uint8_t>((exponent << 2) | ((mantissa >> 16) & 0x03));
  store_be16(&out[18], static_cast<uint16_t>(mantissa));
  for (size_t i = 0; i < ssrcs.size(); ++i) store_be32(&out[20 + 4 * i], ssrcs[i]);
  return size;
}

// Writes the fixed RTP header and an extension block (RFC 8285; one-byte header form, or the
// two-byte one with `profile` kRtpTwoByteProfile) holding the `ext_size` bytes of `ext` (padded to
// 32 bits); returns where the payload starts.
size_t write_rtp_header(uint8_t* out, uint8_t first_byte, uint8_t second_byte, uint16_t seq, uint32_t ts,
                        uint32_t ssrc, std::span<const uint8_t> ext, uint16_t profile = kRtpOneByteProfile) {
  const size_t ext_block = ext.empty() ? 0 : 4 + ((ext.size() + 3) / 4) * 4;
  out[0] = static_cast<uint8_t>(first_byte | (ext_block ? 0x10 : 0));
  out[1] = second_byte;
  store_be16(&out[2], seq);
  store_be32(&out[4], ts);
  store_be32(&out[8], ssrc);
  if (ext_block == 0) return 12;
  store_be16(&out[12], profile);
  store_be16(&out[14], static_cast<uint16_t>((ext_block - 4) / 4));
  std::memset(&out[16], 0, ext_block - 4);
  std::memcpy(&out[16], ext.data(), ext.size());
  return 12 + ext_block;
}

} // namespace

Router::Router(TransportHost& host, std::shared_ptr<RouterObserver> observer)
    : host_(host),
      observer_(std::move(observer)),
      speaker_(std::make_unique<speaker::DominantSpeaker>()),
      logger_(log::get("media")) {}

Router::~Router() {
  for (auto& [id, t] : transports_) host_.unregister(t.get());
}

void Router::create_transport(uint32_t id, const std::string& ufrag, std::string pwd) {
  if (transports_.contains(id)) return;
  auto t = std::make_unique<transport::WebRtcTransport>(id, ufrag, std::move(pwd), host_.certificate(),
                                                        host_.socket(), *this);
  host_.register_ufrag(ufrag, t.get());
  transports_.emplace(id, std::move(t));
}

void Router::set_remote_dtls(uint32_t id, const std::string& fingerprint, dtls::DtlsRole our_role) {
  auto it = transports_.find(id);
  if (it == transports_.end()) return;
  if (!it->second->set_remote_dtls(fingerprint, our_role))
    observer_->on_transport_state(id, transport::TransportState::failed);
}

void Router::restart_ice(uint32_t id, const std::string& ufrag, std::string pwd) {
  auto it = transports_.find(id);
  if (it == transports_.end()) return;
  const std::string old_ufrag = it->second->ice().local_ufrag();
  it->second->restart_ice(ufrag, std::move(pwd));
  host_.unregister_ufrag(old_ufrag);
  host_.register_ufrag(ufrag, it->second.get());
}

void Router::close_transport(uint32_t id) {
  auto it = transports_.find(id);
  if (it == transports_.end()) return;
  std::vector<uint32_t> producers, consumers;
  for (auto& [pid, p] : producers_)
    if (p->params.transport_id == id) producers.push_back(pid);
  for (auto& [cid, c] : consumers_)
    if (c->params.transport_id == id) consumers.push_back(cid);
  for (auto pid : producers) remove_producer(pid);
  for (auto cid : consumers) remove_consumer(cid);
  host_.unregister(it->second.get());
  transports_.erase(it);
  estimated_.erase(id);
}

void Router::add_producer(ProducerParameters params) {
  auto t = transports_.find(params.transport_id);
  if (t == transports_.end() || producers_.contains(params.id)) return;
  auto p = std::make_unique<Producer>();
  p->transport = t->second.get();
  // The publisher numbers its packets: its transport returns transport-wide feedback.
  if (params.extensions.transport_cc != 0)
    p->transport->set_receive_transport_cc(params.extensions.transport_cc);
  for (const auto& codec : params.codecs)
    if (codec.payload_type < 128) p->codec_by_pt[codec.payload_type] = video_codec(codec.name);
  const bool video = params.kind == MediaKind::video;
  auto make_stream = [video]() {
    Stream s;
    if (video) {
      s.history = std::make_unique<stream::RetransmissionBuffer>(kHistorySlots);
      s.nacks = std::make_unique<stream::NackGenerator>();
    }
    return s;
  };
  if (!params.rids.empty()) {
    for (const auto& rid : params.rids) {
      p->streams.push_back(make_stream());
      p->streams.back().rid = rid;
    }
    // Some stacks list the SSRCs of their rid encodings too (in order).
    for (size_t i = 0; i < params.ssrcs.size() && i < p->streams.size(); ++i)
      p->streams[i].ssrc = params.ssrcs[i];
  } else if (!params.ssrcs.empty()) {
    for (auto ssrc : params.ssrcs) {
      p->streams.push_back(make_stream());
      p->streams.back().ssrc = ssrc;
    }
  } else {
    p->streams.push_back(make_stream()); // learned from the mid extension
  }
  for (auto& s : p->streams) {
    for (const auto& [primary, rtx] : params.rtx)
      if (primary == s.ssrc && s.ssrc != 0) s.rtx_ssrc = rtx;
  }
  p->params = std::move(params);
  for (size_t i = 0; i < p->streams.size(); ++i) {
    if (p->streams[i].ssrc != 0) by_ssrc_[key(p->params.transport_id, p->streams[i].ssrc)] = {p.get(), i};
    if (p->streams[i].rtx_ssrc != 0)
      by_ssrc_[key(p->params.transport_id, p->streams[i].rtx_ssrc)] = {p.get(), i};
  }
  producers_.emplace(p->params.id, std::move(p));
}

void Router::remove_producer(uint32_t id) {
  auto it = producers_.find(id);
  if (it == producers_.end()) return;
  Producer* p = it->second.get();
  if (p->params.kind == MediaKind::audio) {
    const uint32_t speaker = p->params.speaker;
    const bool other_audio = std::any_of(producers_.begin(), producers_.end(), [&](const auto& e) {
      return e.second.get() != p && e.second->params.kind == MediaKind::audio &&
             e.second->params.speaker == speaker;
    });
    if (!other_audio) speaker_->remove(speaker);
  }
  std::erase_if(by_ssrc_, [p](const auto& entry) { return entry.second.first == p; });
  for (auto* c : p->consumers) c->producer = nullptr;
  producers_.erase(it);
  allocation_dirty_ = true;
}

void Router::set_producer_paused(uint32_t id, bool paused) {
  auto it = producers_.find(id);
  if (it == producers_.end()) return;
  it->second->params.paused = paused;
  if (paused && it->second->params.kind == MediaKind::audio) speaker_->remove(it->second->params.speaker);
}

void Router::add_consumer(ConsumerParameters params) {
  auto t = transports_.find(params.transport_id);
  auto p = producers_.find(params.producer_id);
  if (t == transports_.end() || p == producers_.end() || consumers_.contains(params.id)) return;
  auto c = std::make_unique<Consumer>();
  c->transport = t->second.get();
  c->producer = p->second.get();
  if (params.extensions.transport_cc != 0) {
    c->transport->set_send_transport_cc(params.extensions.transport_cc);
    estimated_.insert(params.transport_id);
  }
  const auto& source = p->second->params.codecs;
  for (size_t i = 0; i < source.size() && i < params.codecs.size(); ++i) {
    const uint8_t in = source[i].payload_type;
    if (in >= 128) continue;
    c->pt_map[in] = params.codecs[i].payload_type;
    c->rtx_pt_map[in] = params.codecs[i].rtx_payload_type;
    c->clock_by_pt[in] = source[i].clock_rate;
  }
  c->params = std::move(params);
  consumer_by_ssrc_[key(c->params.transport_id, c->params.ssrc)] = c.get();
  p->second->consumers.push_back(c.get());
  Producer& producer = *p->second;
  consumers_.emplace(c->params.id, std::move(c));
  allocation_dirty_ = true;
  // A new subscriber needs a key frame to start decoding.
  if (producer.params.kind == MediaKind::video) request_keyframe(producer, now_ms_);
}

void Router::set_consumer_paused(uint32_t id, bool paused) {
  auto it = consumers_.find(id);
  if (it == consumers_.end() || it->second->params.paused == paused) return;
  Consumer& c = *it->second;
  c.params.paused = paused;
  c.stream = -1; // on resume: pick a stream again, at a key frame
  allocation_dirty_ = true;
  if (!paused && c.producer != nullptr && c.producer->params.kind == MediaKind::video)
    request_keyframe(*c.producer, now_ms_, effective_layer(*c.producer, c, now_ms_));
}

void Router::set_consumer_layout(uint32_t id, ConsumerLayout layout) {
  auto it = consumers_.find(id);
  if (it == consumers_.end()) return;
  it->second->params.layout = layout;
  allocation_dirty_ = true;
}

void Router::remove_consumer(uint32_t id) {
  auto it = consumers_.find(id);
  if (it == consumers_.end()) return;
  Consumer* c = it->second.get();
  if (c->producer) std::erase(c->producer->consumers, c);
  consumer_by_ssrc_.erase(key(c->params.transport_id, c->params.ssrc));
  consumers_.erase(it);
  allocation_dirty_ = true;
}

void Router::on_state(transport::WebRtcTransport& t, transport::TransportState state) {
  observer_->on_transport_state(t.id(), state);
  if (state != transport::TransportState::connected) return;
  // A subscriber leg that just connected starts its video with a key frame.
  for (auto& [id, c] : consumers_)
    if (c->transport == &t && c->producer != nullptr && c->producer->params.kind == MediaKind::video)
      request_keyframe(*c->producer, now_ms_);
}

Router::Producer* Router::find_producer_for(transport::WebRtcTransport& t, RtpPacket& packet, size_t* stream,
                                            bool* rtx) {
  const uint32_t ssrc = packet.ssrc();
  if (auto it = by_ssrc_.find(key(t.id(), ssrc)); it != by_ssrc_.end()) {
    *stream = it->second.second;
    *rtx = it->second.first->streams[*stream].rtx_ssrc == ssrc;
    return it->second.first;
  }
  // Unknown SSRC: the mid (and rid / repaired rid) header extensions tell where it belongs
  // (RFC 8843 section 9.2, RFC 8852).
  for (auto& [id, p] : producers_) {
    if (p->params.transport_id != t.id() || p->params.extensions.mid == 0) continue;
    auto mid = packet.extension(p->params.extensions.mid);
    if (!mid || std::string_view(reinterpret_cast<const char*>(mid->data()), mid->size()) != p->params.mid)
      continue;
    size_t index = 0;
    bool is_rtx = false;
    if (p->params.rids.empty()) {
      // One stream: the first unknown SSRC is the media, a second one with the RTX payload type
      // is its retransmission stream.
      const uint8_t pt = packet.payload_type();
      is_rtx = std::any_of(p->params.codecs.begin(), p->params.codecs.end(),
                           [pt](const auto& c) { return c.rtx_payload_type == pt && pt != 0; });
    } else {
      std::optional<std::span<uint8_t>> rid;
      if (p->params.extensions.rid) rid = packet.extension(p->params.extensions.rid);
      if (!rid && p->params.extensions.repaired_rid) {
        rid = packet.extension(p->params.extensions.repaired_rid);
        is_rtx = rid.has_value();
      }
      if (!rid) return nullptr;
      const std::string_view name(reinterpret_cast<const char*>(rid->data()), rid->size());
      auto found = std::find_if(p->streams.begin(), p->streams.end(),
                                [name](const Stream& s) { return s.rid == name; });
      if (found == p->streams.end()) return nullptr;
      index = static_cast<size_t>(found - p->streams.begin());
    }
    auto& s = p->streams[index];
    if (is_rtx) {
      if (s.rtx_ssrc != 0) by_ssrc_.erase(key(t.id(), s.rtx_ssrc));
      s.rtx_ssrc = ssrc;
    } else {
      if (s.ssrc != 0) by_ssrc_.erase(key(t.id(), s.ssrc));
      s.ssrc = ssrc;
      s.seq_started = false;
      s.stats.reset();
    }
    by_ssrc_[key(t.id(), ssrc)] = {p.get(), index};
    *stream = index;
    *rtx = is_rtx;
    return p.get();
  }
  return nullptr;
}

void Router::on_rtp(transport::WebRtcTransport& t, RtpPacket& packet, int64_t now_ms) {
  now_ms_ = now_ms;
  size_t index = 0;
  bool rtx = false;
  Producer* p = find_producer_for(t, packet, &index, &rtx);
  if (p == nullptr) {
    ++counters_.unknown_ssrc;
    return;
  }
  ++counters_.packets_in;
  counters_.bytes_in += packet.bytes().size();
  auto& s = p->streams[index];
  if (rtx) {
    // RFC 4588: the payload starts with the original sequence number; restore the packet in
    // place (the original SSRC and payload type) and treat it like the original.
    auto payload = packet.payload();
    if (payload.size() < 2) return;
    const uint16_t osn = static_cast<uint16_t>((payload[0] << 8) | payload[1]);
    uint8_t original_pt = 0;
    for (const auto& c : p->params.codecs)
      if (c.rtx_payload_type == packet.payload_type()) original_pt = c.payload_type;
    if (original_pt == 0 || s.ssrc == 0) return;
    auto bytes = packet.bytes();
    const size_t header = packet.header_size();
    const size_t padding = packet.padding_size();
    std::memmove(bytes.data() + header, bytes.data() + header + 2, bytes.size() - header - 2);
    bytes[0] &= 0xDF; // the restored packet ends before the padding: no P bit
    auto restored = RtpPacket::parse(bytes.first(bytes.size() - 2 - padding));
    if (!restored) return;
    restored->set_sequence_number(osn);
    restored->set_ssrc(s.ssrc);
    restored->set_payload_type(original_pt);
    if (s.history && s.history->find(osn, now_ms)) return; // already have it
    if (s.history) s.history->store(osn, restored->bytes(), now_ms);
    if (s.nacks) s.nacks->on_packet(osn);
    std::optional<Vp8Descriptor> vp8;
    const bool keyframe = is_keyframe(p->codec_by_pt[original_pt], restored->payload(), vp8);
    const auto svc =
        s.svc.read(p->codec_by_pt[original_pt], restored->payload(), dependency_descriptor(*p, *restored));
    forward(*p, index, *restored, keyframe, vp8 ? &*vp8 : nullptr, now_ms, svc ? &*svc : nullptr);
    return;
  }
  const uint16_t seq = packet.sequence_number();
  if (s.seq_started) {
    const auto ahead = static_cast<uint16_t>(seq - s.highest_seq);
    if (ahead != 0 && ahead < 0x8000) {
      counters_.packets_lost += ahead - 1;
      s.highest_seq = seq;
    }
  } else {
    s.seq_started = true;
    s.highest_seq = seq;
  }
  ++s.packets;
  s.last_packet_ms = now_ms;
  if (!s.stats)
    s.stats.emplace(s.ssrc, p->params.codecs.empty() ? 90'000 : p->params.codecs.front().clock_rate, 1);
  s.stats->on_packet(seq, packet.timestamp(), now_ms);
  if (s.history) s.history->store(seq, packet.bytes(), now_ms);
  if (s.nacks) s.nacks->on_packet(seq);
  const VideoCodec codec = p->codec_by_pt[packet.payload_type()];
  std::optional<Vp8Descriptor> vp8;
  const bool keyframe = is_keyframe(codec, packet.payload(), vp8) && p->params.kind == MediaKind::video;
  const auto svc = measure_packet(*p, index, packet, keyframe, vp8);
  if (p->params.paused) return; // kept for statistics and NACKs, not forwarded
  if (p->params.kind == MediaKind::audio && p->params.extensions.audio_level != 0) {
    // RFC 6464: V flag and the level in -dBov (0 loudest, 127 silence).
    if (auto level = packet.extension(p->params.extensions.audio_level); level && !level->empty())
      speaker_->add_level(p->params.speaker, (*level)[0] & 0x7F, ((*level)[0] & 0x80) != 0, now_ms);
  }
  forward(*p, index, packet, keyframe, vp8 ? &*vp8 : nullptr, now_ms, svc ? &*svc : nullptr);
}

std::optional<SvcPacket> Router::measure_packet(Producer& p, size_t index, const RtpPacket& packet,
                                                bool keyframe, const std::optional<Vp8Descriptor>& vp8) {
  auto& s = p.streams[index];
  s.window_bytes += packet.bytes().size();
  const VideoCodec codec = p.codec_by_pt[packet.payload_type()];
  if (vp8 && vp8->has_tid) {
    if (!s.temporal) logger_->debug("producer {} stream {} has VP8 temporal layers", p.params.id, index);
    s.temporal = true;
    if (vp8->tid == 0) s.window_base_bytes += packet.bytes().size();
  }
  auto svc =
      s.svc.on_packet(codec, packet.payload(), dependency_descriptor(p, packet), packet.bytes().size());
  if (svc && svc->dd && svc->dd->has_structure && logger_->should_log(spdlog::level::debug))
    logger_->debug(
        "producer {} stream {}: dependency descriptor structure, {} decode targets, {} spatial layers",
        p.params.id, index, svc->dd->decode_targets, s.svc.spatial_layers());
  if (svc && s.svc.temporal() && svc_layers(p) == 0) { // one spatial layer, temporal ones (VP9 L1T3)
    s.temporal = true;
    if (svc->temporal() == 0) s.window_base_bytes += packet.bytes().size();
  }
  if (keyframe) {
    if (auto size = keyframe_size(codec, packet.payload())) {
      s.width = size->width;
      s.height = size->height;
    }
  }
  return svc;
}

std::optional<std::span<const uint8_t>> Router::dependency_descriptor(const Producer& p,
                                                                      const RtpPacket& packet) {
  if (p.params.extensions.dependency_descriptor == 0) return std::nullopt;
  return packet.extension(p.params.extensions.dependency_descriptor);
}

void Router::forward(Producer& p, size_t index, const RtpPacket& packet, bool keyframe,
                     const Vp8Descriptor* vp8, int64_t now_ms, const SvcPacket* svc) {
  for (const auto& r : p.relays) r.sink->relay(p.params.id, index, packet, keyframe);
  const bool video = p.params.kind == MediaKind::video;
  const uint8_t pt = packet.payload_type();
  for (Consumer* c : p.consumers) {
    // Nothing is decided for a leg that cannot send yet (DTLS still running): its first packet
    // must be a key frame, which it asks for when it connects (on_state).
    if (c->pt_map[pt] == 0 || c->params.paused || c->bandwidth_paused || !c->transport->sending()) continue;
    if (c->stream != static_cast<int>(index)) {
      // Switch to this stream only when it is the layer the consumer should get now (its target,
      // or the nearest one the publisher sends); until then the current one goes on. Video
      // switches at a key frame of the new layer, asked for at once (also when switching down).
      if (static_cast<int>(index) != effective_layer(p, *c, now_ms)) continue;
      if (video && !keyframe) {
        request_keyframe(p, now_ms, static_cast<int>(index));
        continue;
      }
      const uint32_t clock = c->clock_by_pt[pt] == 0 ? 90'000 : c->clock_by_pt[pt];
      c->seq.switch_source(packet.sequence_number(), packet.timestamp(), now_ms, clock);
      if (vp8 != nullptr) c->vp8.on_switch(*vp8);
      c->svc.reset();
      c->stream = static_cast<int>(index);
      c->clock_rate = clock;
    }
    if (vp8 != nullptr && !c->vp8.accept(*vp8, keyframe)) {
      // A temporal layer above what this leg gets: later packets close the gap. (A reordered
      // packet behind newer ones leaves a hole instead: their numbers went out already.)
      c->seq.drop(packet.sequence_number());
      continue;
    }
    // SVC: layers above what this leg gets are dropped the same way; the leg's picture ends
    // with the highest layer it gets (marker bit).
    const auto layers =
        svc != nullptr ? c->svc.accept(*svc, p.streams[index].svc, packet.marker()) : SvcLeg::Decision{};
    if (!layers.forward) {
      c->seq.drop(packet.sequence_number());
      continue;
    }
    const auto ids = c->seq.rewrite(packet.sequence_number(), packet.timestamp(), now_ms);
    if (!ids) continue;
    const Vp8Offsets offsets = vp8 != nullptr ? c->vp8.offsets() : Vp8Offsets{};
    if (!send_to(*c, packet, *ids, now_ms, false, vp8, offsets, layers.marker)) continue;
    c->started = true;
    c->out_map[ids->sequence % kOutMapSize] = {true,           static_cast<uint8_t>(index),
                                               ids->sequence,  packet.sequence_number(),
                                               ids->timestamp, offsets,
                                               layers.marker};
  }
}

bool Router::send_to(Consumer& c, const RtpPacket& packet, stream::RewrittenIds out_ids, int64_t now_ms,
                     bool rtx, const Vp8Descriptor* vp8, Vp8Offsets offsets, bool svc_marker) {
  const uint16_t out_seq = out_ids.sequence;
  const uint32_t out_ts = out_ids.timestamp;
  auto& t = *c.transport;
  if (!t.sending()) return false;
  const uint8_t in_pt = packet.payload_type();
  const uint8_t pt = rtx ? c.rtx_pt_map[in_pt] : c.pt_map[in_pt];
  auto slot = t.socket().acquire();
  const auto payload = packet.payload();
  // Header extensions this leg negotiated: mid (the subscriber's m-section), abs-send-time, audio
  // level and the dependency descriptor copied from the publisher's packet. A descriptor longer
  // than 16 bytes (a key frame's, with its template structure) needs the two-byte header form
  // (RFC 8285 section 4.3), which the leg allowed (a=extmap-allow-mixed) when it accepted it.
  const auto& in_ext = c.producer ? c.producer->params.extensions : ExtensionIds{};
  std::optional<std::span<uint8_t>> descriptor;
  if (in_ext.dependency_descriptor != 0 && c.params.extensions.dependency_descriptor != 0)
    descriptor = packet.extension(in_ext.dependency_descriptor);
  const bool two_byte = descriptor && descriptor->size() > 16;
  std::array<uint8_t, 320> ext{};
  size_t ext_size = 0;
  auto add = [&](uint8_t id, std::span<const uint8_t> value) {
    const size_t header = two_byte ? 2 : 1;
    if (id == 0 || id > 14 || value.empty() || value.size() > (two_byte ? 255u : 16u) ||
        ext_size + header + value.size() > ext.size())
      return;
    if (two_byte) {
      ext[ext_size++] = id;
      ext[ext_size++] = static_cast<uint8_t>(value.size());
    } else {
      ext[ext_size++] = static_cast<uint8_t>((id << 4) | (value.size() - 1));
    }
    std::memcpy(&ext[ext_size], value.data(), value.size());
    ext_size += value.size();
  };
  add(c.params.extensions.mid,
      {reinterpret_cast<const uint8_t*>(c.params.mid.data()), std::min<size_t>(c.params.mid.size(), 16)});
  // Room for the transport-wide sequence number, which the transport writes when it sends.
  constexpr std::array<uint8_t, 2> kTransportSequence{};
  add(c.params.extensions.transport_cc, kTransportSequence);
  if (in_ext.abs_send_time)
    if (auto v = packet.extension(in_ext.abs_send_time)) add(c.params.extensions.abs_send_time, *v);
  if (in_ext.audio_level)
    if (auto v = packet.extension(in_ext.audio_level)) add(c.params.extensions.audio_level, *v);
  if (descriptor) add(c.params.extensions.dependency_descriptor, *descriptor);
  const uint16_t profile = two_byte ? kRtpTwoByteProfile : kRtpOneByteProfile;
  const size_t ext_block = ext_size == 0 ? 0 : 4 + ((ext_size + 3) / 4) * 4;
  const size_t rtx_header = rtx ? 2 : 0;
  const size_t length = 12 + ext_block + rtx_header + payload.size();
  if (length + 16 + 4 > slot.size()) return false; // room for the SRTP tag
  uint8_t* out = slot.data();
  const auto second = static_cast<uint8_t>((packet.marker() || svc_marker ? 0x80 : 0) | (pt & 0x7F));
  size_t pos = rtx ? write_rtp_header(out, 0x80, second, c.rtx_seq++, out_ts, c.params.rtx_ssrc,
                                      std::span<const uint8_t>(ext.data(), ext_size), profile)
                   : write_rtp_header(out, 0x80, second, out_seq, out_ts, c.params.ssrc,
                                      std::span<const uint8_t>(ext.data(), ext_size), profile);
  if (rtx) {
    store_be16(&out[pos], out_seq);
    pos += 2;
  }
  std::memcpy(&out[pos], payload.data(), payload.size());
  if (vp8 != nullptr) rewrite_vp8(*vp8, offsets, std::span<uint8_t>(&out[pos], payload.size()));
  pos += payload.size();
  if (!t.send_rtp(slot, pos)) return false;
  ++counters_.packets_out;
  counters_.bytes_out += pos;
  if (!rtx) {
    if (!c.sent) c.sent.emplace(c.clock_rate);
    c.sent->on_packet_sent(out_ts, payload.size(), now_ms);
  }
  return true;
}

void Router::request_keyframe(Producer& p, int64_t now_ms, int stream) {
  if (p.upstream) {
    // A relay producer: the home router asks the publisher (each stream's throttle applies here
    // too, so a burst of requests is one command).
    bool allowed = false;
    for (size_t i = 0; i < p.streams.size(); ++i)
      if ((stream < 0 || static_cast<size_t>(stream) == i) && p.streams[i].keyframes.allow(now_ms))
        allowed = true;
    if (allowed) p.upstream->request_keyframe(p.params.id, stream);
    return;
  }
  auto& t = *p.transport;
  if (!t.sending()) return;
  for (size_t i = 0; i < p.streams.size(); ++i) {
    auto& s = p.streams[i];
    if (s.ssrc == 0 || (stream >= 0 && static_cast<size_t>(stream) != i) || !s.keyframes.allow(now_ms))
      continue;
    auto slot = t.socket().acquire();
    if (auto n = build_pli(slot, kRouterSsrc, s.ssrc)) {
      if (t.send_rtcp(slot, *n)) ++counters_.keyframe_requests_sent;
    }
  }
}

void Router::on_rtcp(transport::WebRtcTransport& t, std::span<const uint8_t> compound, int64_t now_ms) {
  now_ms_ = now_ms;
  on_feedback(t, compound, now_ms);
}

void Router::on_feedback(transport::WebRtcTransport& t, std::span<const uint8_t> compound, int64_t now_ms) {
  RtcpReader reader(compound);
  while (auto packet = reader.next()) {
    if (packet->type == rtcp_type::kSr) {
      // A publisher's sender report: remembered for the LSR/DLSR of our receiver reports.
      if (auto report = RtcpReport::parse(*packet); report && report->sender_info()) {
        if (auto it = by_ssrc_.find(key(t.id(), report->ssrc())); it != by_ssrc_.end()) {
          auto& s = it->second.first->streams[it->second.second];
          if (s.stats && s.ssrc == report->ssrc())
            s.stats->on_sender_report(report->sender_info()->ntp_timestamp, now_ms);
        }
      }
      continue;
    }
    if (packet->type != rtcp_type::kRtpfb && packet->type != rtcp_type::kPsfb) continue;
    auto fb = RtcpFeedback::parse(*packet);
    if (!fb) continue;
    if (fb->type == rtcp_type::kRtpfb && fb->fmt == rtcp_fmt::kNack) {
      auto it = consumer_by_ssrc_.find(key(t.id(), fb->media_ssrc));
      if (it == consumer_by_ssrc_.end() || it->second->producer == nullptr) continue;
      Consumer& c = *it->second;
      Producer& p = *c.producer;
      for (size_t i = 0; i < nack_item_count(*fb); ++i) {
        std::array<uint16_t, 17> lost{};
        const size_t n = nack_item(*fb, i).expand(lost);
        for (size_t k = 0; k < n; ++k) {
          ++counters_.nacks_received;
          const auto& entry = c.out_map[lost[k] % kOutMapSize];
          if (!entry.valid || entry.out_seq != lost[k] || entry.stream >= p.streams.size()) continue;
          auto& history = p.streams[entry.stream].history;
          if (!history) continue;
          auto stored = history->find(entry.in_seq, now_ms);
          if (!stored) continue;
          // Parsed read-only: send_to copies what it needs into the send slot.
          auto original = RtpPacket::parse(
              std::span<uint8_t>(const_cast<uint8_t*>(stored->data()), stored->size())); // NOLINT
          if (!original) continue;
          const bool use_rtx = c.params.rtx_ssrc != 0 && c.rtx_pt_map[original->payload_type()] != 0;
          std::optional<Vp8Descriptor> vp8;
          if (p.codec_by_pt[original->payload_type()] == VideoCodec::vp8)
            vp8 = parse_vp8_descriptor(original->payload());
          if (send_to(c, *original, {entry.out_seq, entry.out_ts}, now_ms, use_rtx, vp8 ? &*vp8 : nullptr,
                      entry.vp8, entry.svc_marker))
            ++counters_.retransmissions;
        }
      }
    } else if (fb->type == rtcp_type::kPsfb && (fb->fmt == rtcp_fmt::kPli || fb->fmt == rtcp_fmt::kFir)) {
      uint32_t media_ssrc = fb->media_ssrc;
      if (fb->fmt == rtcp_fmt::kFir && fir_item_count(*fb) > 0) media_ssrc = fir_item(*fb, 0).ssrc;
      auto it = consumer_by_ssrc_.find(key(t.id(), media_ssrc));
      if (it == consumer_by_ssrc_.end() || it->second->producer == nullptr) continue;
      ++counters_.plis_received;
      // Only the layer this subscriber decodes (or is about to).
      Consumer& c = *it->second;
      request_keyframe(*c.producer, now_ms,
                       c.stream >= 0 ? c.stream : effective_layer(*c.producer, c, now_ms));
    }
  }
}

void Router::send_reports(int64_t now_ms) {
  // To publishers: a bandwidth ceiling (REMB) for their video.
  std::unordered_map<transport::WebRtcTransport*, std::vector<uint32_t>> video_ssrcs;
  for (auto& [id, p] : producers_) {
    if (p->params.kind != MediaKind::video) continue;
    for (const auto& s : p->streams)
      if (s.ssrc != 0) video_ssrcs[p->transport].push_back(s.ssrc);
  }
  for (auto& [t, ssrcs] : video_ssrcs) {
    if (!t->sending()) continue;
    auto slot = t->socket().acquire();
    if (auto n = build_remb(slot, kRembBitrate, ssrcs)) t->send_rtcp(slot, *n);
  }
  // To publishers: receiver reports (loss, jitter, LSR/DLSR for their RTT).
  std::unordered_map<transport::WebRtcTransport*, std::vector<ReportBlock>> blocks;
  for (auto& [id, p] : producers_)
    for (auto& s : p->streams)
      if (s.stats)
        if (auto block = s.stats->report_block(now_ms)) blocks[p->transport].push_back(*block);
  for (auto& [t, list] : blocks) {
    if (!t->sending()) continue;
    for (size_t i = 0; i < list.size(); i += kRtcpMaxReportBlocks) {
      const size_t n = std::min(kRtcpMaxReportBlocks, list.size() - i);
      auto slot = t->socket().acquire();
      if (auto size =
              build_receiver_report(slot, kRouterSsrc, std::span<const ReportBlock>(list.data() + i, n)))
        t->send_rtcp(slot, *size);
    }
  }
  // To subscribers: a sender report per consumer (NTP/RTP mapping for lip sync).
  const uint64_t ntp = stream::ntp_from_unix_ms(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                    std::chrono::system_clock::now().time_since_epoch())
                                                    .count());
  for (auto& [id, c] : consumers_) {
    if (!c->sent || !c->transport->sending()) continue;
    const SenderInfo info = c->sent->sender_info(now_ms, ntp);
    auto slot = c->transport->socket().acquire();
    if (auto n = build_sender_report(slot, c->params.ssrc, info, {})) c->transport->send_rtcp(slot, *n);
  }
}

void Router::detect_speaker(int64_t now_ms) {
  if (now_ms - last_speaker_ms_ < kSpeakerIntervalMs) return;
  last_speaker_ms_ = now_ms;
  if (auto change = speaker_->tick(now_ms)) observer_->on_active_speaker(change->speaker);
}

void Router::request_retransmissions(int64_t now_ms) {
  // NACKs to publishers for what their leg lost (RFC 4585), so subscribers get repaired video
  // even when the loss was upstream.
  for (auto& [id, p] : producers_) {
    if (p->upstream) continue; // the home router asks the publisher
    auto& t = *p->transport;
    if (!t.sending()) continue;
    for (auto& s : p->streams) {
      if (!s.nacks || s.ssrc == 0) continue;
      std::array<NackItem, 32> items{};
      const size_t n = s.nacks->nack_items(now_ms, items);
      if (n > 0) {
        auto slot = t.socket().acquire();
        if (auto size = build_nack(slot, kRouterSsrc, s.ssrc, std::span<const NackItem>(items.data(), n)))
          if (t.send_rtcp(slot, *size)) counters_.nacks_sent += n;
      }
      if (s.nacks->take_keyframe_request()) request_keyframe(*p, now_ms);
    }
  }
}

void Router::tick(int64_t now_ms) {
  now_ms_ = now_ms;
  for (auto& [id, t] : transports_) t->tick(now_ms);
  if (now_ms - last_report_ms_ >= kReportIntervalMs) {
    last_report_ms_ = now_ms;
    send_reports(now_ms);
  }
  request_retransmissions(now_ms);
  detect_speaker(now_ms);
  measure_streams(now_ms);
  allocate(now_ms);
  send_padding(now_ms);
}

void Router::send_padding(int64_t now_ms) {
  for (const uint32_t id : estimated_) {
    auto it = transports_.find(id);
    if (it == transports_.end() || !it->second->sending()) continue;
    auto& t = *it->second;
    auto due = t.estimator().padding_bytes_due(now_ms);
    if (due.bytes == 0) continue;
    // A video consumer with RTX on this transport carries it (padding-only RTX packets are what
    // browsers expect for probes and drop after counting them for feedback), a started one if
    // there is one. A paused one will do: its SSRCs are in the subscriber's description, and a
    // video paused because the estimate is short is exactly what probing must be able to bring
    // back (without it, an estimate that fell while only audio flowed never rose again).
    Consumer* carrier = nullptr;
    for (auto& [cid, c] : consumers_)
      if (c->transport == &t && c->params.rtx_ssrc != 0 && c->producer != nullptr &&
          c->producer->params.kind == MediaKind::video && (carrier == nullptr || c->started)) {
        carrier = c.get();
        if (c->started) break;
      }
    if (carrier == nullptr) continue;
    uint8_t rtx_pt = 0;
    for (uint8_t pt : carrier->rtx_pt_map)
      if (pt != 0) rtx_pt = pt;
    if (rtx_pt == 0) continue;
    for (size_t n = 0; n < kMaxPaddingPacketsPerTick && due.bytes > 0; ++n) {
      const size_t padding = std::min(due.bytes, kMaxPaddingPacket);
      due.bytes -= padding;
      auto slot = t.socket().acquire();
      std::array<uint8_t, 8> ext{};
      size_t ext_size = 0;
      const auto& ids = carrier->params.extensions;
      if (ids.transport_cc != 0 && ids.transport_cc <= 14) {
        ext[0] = static_cast<uint8_t>((ids.transport_cc << 4) | 1); // two bytes, filled by the transport
        ext_size = 3;
      }
      const size_t ext_block = ext_size == 0 ? 0 : 4 + ((ext_size + 3) / 4) * 4;
      const size_t length = 12 + ext_block + padding;
      if (length + 16 + 4 > slot.size()) break;
      uint8_t* out = slot.data();
      // P: padding only.
      size_t pos =
          write_rtp_header(out, 0x80 | 0x20, rtx_pt & 0x7F, carrier->rtx_seq++, carrier->seq.last_timestamp(),
                           carrier->params.rtx_ssrc, std::span<const uint8_t>(ext.data(), ext_size));
      std::memset(&out[pos], 0, padding);
      out[pos + padding - 1] = static_cast<uint8_t>(padding);
      pos += padding;
      if (!t.send_rtp(slot, pos, due.cluster)) break;
      ++counters_.padding_packets;
    }
  }
}

} // namespace plenum::media::router
