#include "media/session/room_media.hpp"

#include <algorithm>
#include <cctype>

#include "base/random.hpp"

namespace plenum::media::session {

namespace {

// The subscribe side's payload types, the same in every section of every subscriber: forwarded
// tracks from different publishers share one BUNDLE, where a payload type must mean one codec.
struct CanonicalType {
  const char* name;
  uint8_t pt;
  uint8_t rtx;
};
constexpr CanonicalType kCanonical[] = {
    {"opus", 111, 0}, {"vp8", 96, 97}, {"vp9", 98, 99}, {"h264", 102, 103}, {"av1", 45, 46}};
// Header extension ids we offer subscribers (one-byte form).
constexpr int kSubscribeMidId = 1;
constexpr int kSubscribeAbsSendTimeId = 2;
constexpr int kSubscribeAudioLevelId = 3;
constexpr int kSubscribeTransportCcId = 4;
constexpr int kSubscribeDependencyDescriptorId = 5;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

uint32_t random_ssrc() {
  const std::string hex = random_hex(4);
  return static_cast<uint32_t>(std::stoul(hex, nullptr, 16)) | 1u;
}

router::ExtensionIds to_router(const sdp::HeaderExtensionIds& e) {
  auto id = [](int v) { return static_cast<uint8_t>(v > 0 && v <= 14 ? v : 0); };
  return {id(e.mid),          id(e.rid),         id(e.repaired_rid),         id(e.abs_send_time),
          id(e.transport_cc), id(e.audio_level), id(e.dependency_descriptor)};
}

} // namespace

std::string_view to_string(Source source) noexcept {
  switch (source) {
    case Source::microphone: return "microphone";
    case Source::camera: return "camera";
    case Source::screen: return "screen";
    case Source::screen_audio: return "screen_audio";
  }
  return "microphone";
}

struct RoomMedia::Track {
  uint32_t producer = 0;
  DeviceRef device;
  Source source = Source::microphone;
  bool muted = false;
  sdp::PublishedTrack published;
};

struct RoomMedia::Publisher {
  server::TransportInfo transport;
  std::string client_ufrag;
  std::string client_fingerprint; // a different one means a new peer connection
  bool dtls_set = false;
  std::map<std::string, uint32_t> producers; // mid -> producer id
};

struct RoomMedia::Subscriber {
  struct Section {
    uint32_t producer = 0;
    uint32_t consumer = 0;
    TrackInfo info;
    bool paused = false; // the device does not show this video (set_receive)
    uint32_t width = 0;  // the size the device renders it at (0: not said)
    uint32_t height = 0;
    bool high = false; // the user looks at it (set_receive priority)
    router::ConsumerLayout layout() const { return {width, height, high || info.source == Source::screen}; }
  };
  DeviceRef device;
  std::optional<server::TransportInfo> transport;
  bool dtls_set = false;
  sdp::SubscribeOffer offer;
  std::vector<Section> sections; // aligned with offer.sections
  bool pending = false;
  bool dirty = false;
  bool force = false;
  uint64_t next_mid = 0;
};

sdp::CodecPolicy RoomMedia::publish_policy() { return {}; }

RoomMedia::RoomMedia(std::shared_ptr<server::MediaRoom> room, sdp::CodecPolicy policy)
    : room_(std::move(room)), policy_(std::move(policy)) {}

RoomMedia::~RoomMedia() = default;

sdp::ServerTransportParams RoomMedia::transport_params(const server::TransportInfo& info) const {
  sdp::ServerTransportParams p;
  p.ice_ufrag = info.ufrag;
  p.ice_pwd = info.pwd;
  p.fingerprint = info.fingerprint;
  for (const auto& c : info.candidates) {
    sdp::Candidate candidate;
    candidate.foundation = c.foundation;
    candidate.priority = c.priority;
    candidate.address = c.address;
    candidate.port = c.port;
    candidate.protocol = c.protocol;
    if (c.protocol == "tcp") candidate.tcp_type = "passive";
    p.candidates.push_back(candidate);
  }
  return p;
}

uint32_t RoomMedia::speaker_key(const std::string& participant) {
  auto [it, inserted] = speakers_.try_emplace(participant, static_cast<uint32_t>(speakers_.size() + 1));
  return it->second;
}

std::optional<std::string> RoomMedia::participant_for_speaker(uint32_t speaker) const {
  for (const auto& [participant, key] : speakers_)
    if (key == speaker) return participant;
  return std::nullopt;
}

Result<std::string> RoomMedia::publish(const DeviceRef& device, const std::string& offer_sdp,
                                       const std::map<std::string, Source>& sources,
                                       std::vector<SubscribeOfferOut>& offers) {
  auto offer = sdp::parse(offer_sdp);
  if (!offer) return offer.error();
  auto& slot = publishers_[device];
  const bool fresh = !slot;
  if (fresh) {
    slot = std::make_unique<Publisher>();
    slot->transport = room_->create_transport(server::TransportRole::publish);
  }
  Publisher& pub = *slot;
  // An offer with new ICE credentials is an ICE restart (RFC 8445 section 9): new ones for us too.
  std::string client_ufrag;
  for (const auto& m : offer->media)
    if (auto t = offer->effective_transport(m); !t.ice_ufrag.empty()) {
      client_ufrag = t.ice_ufrag;
      break;
    }
  if (!fresh && !pub.client_ufrag.empty() && client_ufrag != pub.client_ufrag)
    pub.transport = room_->restart_ice(pub.transport.id);
  auto negotiated = sdp::answer_publish(*offer, transport_params(pub.transport), policy_);
  if (!negotiated) {
    if (fresh) {
      room_->close_transport(pub.transport.id);
      publishers_.erase(device);
    }
    return negotiated.error();
  }
  // A source the client named must be on a section we receive; say why not instead of
  // silently publishing less.
  for (const auto& [mid, source] : sources) {
    const std::string& wanted = mid;
    if (std::any_of(negotiated->tracks.begin(), negotiated->tracks.end(),
                    [&wanted](const auto& t) { return t.mid == wanted; }))
      continue;
    std::string why = "no such m-section";
    for (const auto& section : negotiated->sections)
      if (section.mid == wanted) why = section.reason.empty() ? "not received" : section.reason;
    if (fresh) {
      room_->close_transport(pub.transport.id);
      publishers_.erase(device);
    }
    std::string message = "mid " + wanted;
    message += " (";
    message += to_string(source);
    message += ") cannot be received: ";
    message += why;
    return make_error(ErrorCode::invalid_argument, std::move(message));
  }
  // Which source each receiving section carries: named by the client, else the obvious one.
  std::map<std::string, Source> assigned;
  std::vector<Source> taken;
  taken.reserve(sources.size() + negotiated->tracks.size());
  for (const auto& [mid, source] : sources) taken.push_back(source);
  for (const auto& track : negotiated->tracks) {
    if (auto it = sources.find(track.mid); it != sources.end()) {
      assigned[track.mid] = it->second;
      continue;
    }
    const Source guess = track.kind == sdp::MediaKind::audio ? Source::microphone : Source::camera;
    if (std::find(taken.begin(), taken.end(), guess) != taken.end())
      return make_error(ErrorCode::invalid_argument,
                        "m-section " + track.mid + " sends, but no source names its mid");
    taken.push_back(guess);
    assigned[track.mid] = guess;
  }
  if (negotiated->tracks.size() > kMaxTracksPerDevice)
    return make_error(ErrorCode::invalid_argument, "at most 4 tracks per device");
  if (!fresh && pub.dtls_set && negotiated->client_fingerprint != pub.client_fingerprint) {
    // Another peer connection (the page was reloaded): start over on a new transport.
    drop_publisher(device);
    return publish(device, offer_sdp, sources, offers);
  }
  if (fresh || !pub.dtls_set) {
    room_->set_remote_dtls(pub.transport.id, negotiated->client_fingerprint, negotiated->dtls_role);
    pub.dtls_set = true;
    pub.client_fingerprint = negotiated->client_fingerprint;
  }
  pub.client_ufrag = client_ufrag;
  // Tracks that stopped (or changed source or codec) end; new ones start.
  bool changed = false;
  std::vector<std::string> gone;
  for (const auto& [mid, producer] : pub.producers) {
    const std::string& name = mid;
    auto t = std::find_if(negotiated->tracks.begin(), negotiated->tracks.end(),
                          [&name](const auto& track) { return track.mid == name; });
    const auto& existing = *tracks_.at(producer);
    if (t == negotiated->tracks.end() || t->codecs.empty() || assigned[mid] != existing.source ||
        t->codecs.front().payload_type != existing.published.codecs.front().payload_type ||
        t->ssrcs != existing.published.ssrcs || t->rids != existing.published.rids)
      gone.push_back(mid);
  }
  for (const auto& mid : gone) {
    remove_track(pub.producers[mid]);
    pub.producers.erase(mid);
    changed = true;
  }
  for (const auto& track : negotiated->tracks) {
    if (pub.producers.contains(track.mid) || track.codecs.empty()) continue;
    // One track per source and participant: a second camera replaces the first.
    for (auto& [id, other] : tracks_)
      if (other->device.participant == device.participant && other->source == assigned[track.mid]) {
        const uint32_t old = id;
        for (auto& [d, p] : publishers_)
          std::erase_if(p->producers, [old](const auto& e) { return e.second == old; });
        remove_track(old);
        break;
      }
    router::ProducerParameters params;
    params.id = room_->next_id();
    params.transport_id = pub.transport.id;
    params.kind = track.kind == sdp::MediaKind::audio ? router::MediaKind::audio : router::MediaKind::video;
    params.mid = track.mid;
    for (const auto& c : track.codecs)
      params.codecs.push_back({c.payload_type, c.rtx_payload_type.value_or(0), c.clock_rate, c.name});
    params.extensions = to_router(track.extensions);
    params.ssrcs = track.simulcast_ssrcs.empty() ? track.ssrcs : track.simulcast_ssrcs;
    params.rtx = track.rtx_ssrcs;
    params.rids = track.rids;
    params.speaker = speaker_key(device.participant);
    params.paused =
        assigned[track.mid] == Source::microphone && microphone_blocked_.contains(device.participant);
    auto t = std::make_unique<Track>();
    t->producer = params.id;
    t->device = device;
    t->source = assigned[track.mid];
    t->published = track;
    pub.producers[track.mid] = params.id;
    tracks_.emplace(params.id, std::move(t));
    room_->add_producer(std::move(params));
    changed = true;
  }
  if (changed) offer_all(offers, nullptr);
  return negotiated->answer;
}

void RoomMedia::remove_track(uint32_t producer) {
  auto it = tracks_.find(producer);
  if (it == tracks_.end()) return;
  for (auto& [device, s] : subscribers_)
    for (auto& section : s->sections)
      if (section.producer == producer) {
        if (section.consumer != 0) room_->remove_consumer(section.consumer);
        section.consumer = 0;
        section.producer = 0;
      }
  room_->remove_producer(producer);
  tracks_.erase(it);
}

RoomMedia::Subscriber& RoomMedia::subscriber(const DeviceRef& device) {
  auto& slot = subscribers_[device];
  if (!slot) {
    slot = std::make_unique<Subscriber>();
    slot->device = device;
    slot->offer.session_id = random_ssrc();
    slot->offer.session_version = 0;
  }
  return *slot;
}

void RoomMedia::add_device(const DeviceRef& device, std::vector<SubscribeOfferOut>& offers) {
  maybe_offer(subscriber(device), offers);
}

void RoomMedia::offer_all(std::vector<SubscribeOfferOut>& offers, const DeviceRef* except) {
  for (auto& [device, s] : subscribers_)
    if (except == nullptr || !(device == *except)) maybe_offer(*s, offers);
}

void RoomMedia::maybe_offer(Subscriber& s, std::vector<SubscribeOfferOut>& offers) {
  if (s.pending) {
    s.dirty = true;
    return;
  }
  bool changed = s.force;
  // Sections whose track ended become inactive (mids are never reused).
  for (size_t i = 0; i < s.sections.size(); ++i) {
    if (s.sections[i].producer == 0 && s.offer.sections[i].active) {
      s.offer.sections[i].active = false;
      changed = true;
    }
  }
  for (const auto& [producer, track] : tracks_) {
    if (track->device.participant == s.device.participant) continue; // not one's own tracks
    const bool present = std::any_of(s.sections.begin(), s.sections.end(),
                                     [producer = producer](const auto& x) { return x.producer == producer; });
    if (present || s.sections.size() >= kMaxSubscribeSections) continue;
    const auto& published = track->published;
    const auto& codec = published.codecs.front();
    const std::string name = lower(codec.name);
    const auto* canonical = std::find_if(std::begin(kCanonical), std::end(kCanonical),
                                         [&](const CanonicalType& c) { return name == c.name; });
    if (canonical == std::end(kCanonical)) continue;
    sdp::SubscribeSection section;
    section.mid = std::to_string(s.next_mid++);
    section.kind = published.kind;
    sdp::NegotiatedCodec out = codec;
    out.payload_type = canonical->pt;
    const bool video = published.kind == sdp::MediaKind::video;
    out.rtcp_fb =
        video ? std::vector<std::string>{"nack", "nack pli", "ccm fir"} : std::vector<std::string>{};
    if (video && codec.rtx_payload_type && canonical->rtx != 0) {
      out.rtx_payload_type = canonical->rtx;
      out.rtx_fmtp = "apt=" + std::to_string(canonical->pt);
    } else {
      out.rtx_payload_type.reset();
      out.rtx_fmtp.clear();
    }
    section.codecs.push_back(out);
    section.extensions.mid = kSubscribeMidId;
    if (video)
      section.extensions.abs_send_time = kSubscribeAbsSendTimeId;
    else
      section.extensions.audio_level = kSubscribeAudioLevelId;
    // Scalable AV1's layering, when the publisher sends it (the router forwards it as is; an AV1
    // receiver has no other source of it). Not for VP9, whose receiver reads the payload
    // descriptor: with the publisher's descriptor as well, a subscriber on a lower layer stalled
    // for 3-4 s in 2 of 5 limited-downlink e2e runs, without it in none of 3.
    if (video && published.extensions.dependency_descriptor != 0 && name == "av1")
      section.extensions.dependency_descriptor = kSubscribeDependencyDescriptorId;
    // Every packet of the subscribe connection is numbered: the router's bandwidth estimate.
    sdp::offer_transport_cc(section, policy_, kSubscribeTransportCcId);
    section.ssrc = random_ssrc();
    section.rtx_ssrc = out.rtx_payload_type ? random_ssrc() : 0;
    section.cname = "plenum";
    section.msid.stream_id = track->device.participant;
    section.msid.track_id = std::string(to_string(track->source)) + "-" + std::to_string(producer);
    s.offer.sections.push_back(section);
    Subscriber::Section state;
    state.producer = producer;
    state.info = {section.mid, track->device.participant, track->source, video};
    s.sections.push_back(state);
    changed = true;
  }
  if (!changed || s.offer.sections.empty()) return;
  if (!s.transport) s.transport = room_->create_transport();
  s.offer.transport = transport_params(*s.transport);
  ++s.offer.session_version;
  s.pending = true;
  s.dirty = false;
  s.force = false;
  SubscribeOfferOut out;
  out.to = s.device;
  out.sdp = sdp::build_subscribe_offer(s.offer);
  out.version = s.offer.session_version;
  for (size_t i = 0; i < s.sections.size(); ++i)
    if (s.offer.sections[i].active) out.tracks.push_back(s.sections[i].info);
  offers.push_back(std::move(out));
}

Result<void> RoomMedia::subscribe_answer(const DeviceRef& device, const std::string& answer_sdp,
                                         uint64_t version, std::vector<SubscribeOfferOut>& offers) {
  auto it = subscribers_.find(device);
  if (it == subscribers_.end() || !it->second->pending || it->second->offer.session_version != version)
    return make_error(ErrorCode::conflict, "no offer of this version is waiting for an answer");
  Subscriber& s = *it->second;
  auto answer = sdp::parse(answer_sdp);
  if (!answer) return answer.error();
  auto info = sdp::read_subscribe_answer(*answer, s.offer);
  if (!info) return info.error();
  if (!s.dtls_set) {
    room_->set_remote_dtls(s.transport->id, info->client_fingerprint, info->dtls_role);
    s.dtls_set = true;
  }
  for (size_t i = 0; i < s.sections.size(); ++i) {
    auto& section = s.sections[i];
    const auto& offered = s.offer.sections[i];
    if (!offered.active || section.producer == 0 || section.consumer != 0) continue;
    auto accepted = std::find_if(info->accepted.begin(), info->accepted.end(),
                                 [&](const auto& a) { return a.mid == offered.mid; });
    if (accepted == info->accepted.end()) continue;
    auto track = tracks_.find(section.producer);
    if (track == tracks_.end()) continue;
    router::ConsumerParameters params;
    params.id = room_->next_id();
    params.producer_id = section.producer;
    params.transport_id = s.transport->id;
    params.mid = offered.mid;
    params.ssrc = offered.ssrc;
    params.rtx_ssrc = offered.rtx_ssrc;
    // Index-aligned with the producer's codecs: only the first (what the publisher sends) is
    // forwarded, under the canonical payload type.
    const auto& codecs = track->second->published.codecs;
    for (size_t k = 0; k < codecs.size(); ++k) {
      router::CodecParameters c;
      c.clock_rate = codecs[k].clock_rate;
      c.name = codecs[k].name;
      if (k == 0) {
        c.payload_type = offered.codecs.front().payload_type;
        c.rtx_payload_type = offered.codecs.front().rtx_payload_type.value_or(0);
      }
      params.codecs.push_back(c);
    }
    params.extensions = to_router(accepted->extensions);
    if (!accepted->transport_cc) params.extensions.transport_cc = 0; // no feedback will come
    params.paused = section.paused;
    params.layout = section.layout();
    section.consumer = params.id;
    room_->add_consumer(std::move(params));
  }
  s.pending = false;
  if (s.dirty) maybe_offer(s, offers);
  return {};
}

Result<void> RoomMedia::set_receive(const DeviceRef& device, const std::vector<std::string>& mids,
                                    bool enabled, uint32_t width, uint32_t height,
                                    std::optional<bool> high_priority) {
  auto it = subscribers_.find(device);
  std::vector<Subscriber::Section*> chosen;
  for (const auto& mid : mids) {
    Subscriber::Section* found = nullptr;
    if (it != subscribers_.end())
      for (auto& section : it->second->sections)
        if (section.producer != 0 && section.info.mid == mid) found = &section;
    if (found == nullptr)
      return Error{ErrorCode::not_found, "no subscribed track has the mid " + mid, "mids"};
    if (!found->info.video) return field_error("mids", "only video can be paused: " + mid);
    chosen.push_back(found);
  }
  for (auto* section : chosen) {
    const router::ConsumerLayout before = section->layout();
    section->width = width;
    section->height = height;
    if (high_priority) section->high = *high_priority;
    const router::ConsumerLayout after = section->layout();
    if (section->consumer != 0 && (before.width != after.width || before.height != after.height ||
                                   before.high_priority != after.high_priority))
      room_->set_consumer_layout(section->consumer, after);
    if (section->paused == !enabled) continue;
    section->paused = !enabled;
    if (section->consumer != 0) room_->set_consumer_paused(section->consumer, section->paused);
  }
  return {};
}

void RoomMedia::restart_subscribe(const DeviceRef& device, bool fresh,
                                  std::vector<SubscribeOfferOut>& offers) {
  if (fresh) drop_subscriber(device);
  auto& s = subscriber(device);
  if (s.transport) s.transport = room_->restart_ice(s.transport->id);
  s.force = true;
  s.pending = false; // the client asks again: an offer it never answered is lost (its answer is stale)
  maybe_offer(s, offers);
}

void RoomMedia::drop_publisher(const DeviceRef& device) {
  auto it = publishers_.find(device);
  if (it == publishers_.end()) return;
  for (const auto& [mid, producer] : it->second->producers) remove_track(producer);
  room_->close_transport(it->second->transport.id);
  publishers_.erase(it);
}

void RoomMedia::drop_subscriber(const DeviceRef& device) {
  auto it = subscribers_.find(device);
  if (it == subscribers_.end()) return;
  for (const auto& section : it->second->sections)
    if (section.consumer != 0) room_->remove_consumer(section.consumer);
  if (it->second->transport) room_->close_transport(it->second->transport->id);
  subscribers_.erase(it);
}

void RoomMedia::remove_device(const DeviceRef& device, std::vector<SubscribeOfferOut>& offers) {
  drop_publisher(device);
  drop_subscriber(device);
  offer_all(offers, nullptr);
}

bool RoomMedia::unpublish(const std::string& participant, Source source,
                          std::vector<SubscribeOfferOut>& offers) {
  for (auto& [id, track] : tracks_) {
    if (track->device.participant != participant || track->source != source) continue;
    const uint32_t producer = id;
    for (auto& [d, p] : publishers_)
      std::erase_if(p->producers, [producer](const auto& e) { return e.second == producer; });
    remove_track(producer);
    offer_all(offers, nullptr);
    return true;
  }
  return false;
}

void RoomMedia::set_microphone_blocked(const std::string& participant, bool blocked) {
  const bool was = microphone_blocked_.contains(participant);
  if (was == blocked) return;
  if (blocked)
    microphone_blocked_.insert(participant);
  else
    microphone_blocked_.erase(participant);
  for (const auto& [id, track] : tracks_)
    if (track->device.participant == participant && track->source == Source::microphone)
      room_->set_producer_paused(id, blocked);
}

bool RoomMedia::set_muted(const std::string& participant, Source source, bool muted) {
  bool found = false;
  for (auto& [id, track] : tracks_)
    if (track->device.participant == participant && track->source == source) {
      track->muted = muted;
      found = true;
    }
  return found;
}

std::vector<PublicationInfo> RoomMedia::publications(const std::string& participant) const {
  std::vector<PublicationInfo> out;
  for (const auto& [id, track] : tracks_)
    if (track->device.participant == participant) out.push_back({track->source, track->muted});
  return out;
}

std::vector<std::string> RoomMedia::publishing_participants() const {
  std::vector<std::string> out;
  for (const auto& [id, track] : tracks_)
    if (std::find(out.begin(), out.end(), track->device.participant) == out.end())
      out.push_back(track->device.participant);
  return out;
}

std::optional<RoomMedia::TrackRef> RoomMedia::producer_track(uint32_t producer) const {
  for (const auto& [device, p] : publishers_)
    for (const auto& [mid, id] : p->producers)
      if (id == producer) return TrackRef{device, mid};
  return std::nullopt;
}

std::optional<DeviceRef> RoomMedia::subscriber_device(uint32_t transport) const {
  for (const auto& [device, s] : subscribers_)
    if (s->transport && s->transport->id == transport) return device;
  return std::nullopt;
}

std::vector<std::string> RoomMedia::consumer_mids(uint32_t transport,
                                                  const std::vector<uint32_t>& consumers) const {
  std::vector<std::string> mids;
  for (const auto& [device, s] : subscribers_) {
    if (!s->transport || s->transport->id != transport) continue;
    for (const auto& section : s->sections)
      if (section.consumer != 0 &&
          std::find(consumers.begin(), consumers.end(), section.consumer) != consumers.end())
        mids.push_back(section.info.mid);
  }
  return mids;
}

std::optional<ConnectionEvent> RoomMedia::connection_event(uint32_t transport,
                                                           transport::TransportState state) const {
  for (const auto& [device, p] : publishers_)
    if (p->transport.id == transport) return ConnectionEvent{device, Connection::publish, state};
  for (const auto& [device, s] : subscribers_)
    if (s->transport && s->transport->id == transport)
      return ConnectionEvent{device, Connection::subscribe, state};
  return std::nullopt;
}

} // namespace plenum::media::session
