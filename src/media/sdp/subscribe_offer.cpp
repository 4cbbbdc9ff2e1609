// The server's subscribe offer (the SFU sends, the client receives) and reading the answer.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "media/sdp/negotiation.hpp"
#include "media/sdp/negotiation_common.hpp"
#include "media/sdp/tokens.hpp"

namespace plenum::media::sdp {
namespace {

// `bundle_tag`: the first section, which carries the BUNDLE transport (RFC 9143 section 7.2.1)
// and therefore is never rejected: when its track stops it stays in the group as a=inactive.
// Otherwise an offer whose tracks have all stopped would have no BUNDLE group, which stacks
// using max-bundle (libwebrtc) refuse.
MediaSection offer_section(const SubscribeSection& s, const ServerTransportParams& server, bool bundle_tag) {
  MediaSection m;
  m.media = std::string(media_name(s.kind));
  m.port = s.active || bundle_tag ? kPlaceholderPort : 0;
  m.proto = kRtpProto;
  m.connection = Connection{};
  m.mid = s.mid;
  m.rtcp_mux = true;
  m.rtcp_rsize = true;
  add_codecs(m, s.codecs);
  if (!s.active) {
    // A stopped track (RFC 8829 section 5.2.2): port 0, no transport, no sources; the bundle
    // tag keeps its transport.
    m.direction = Direction::inactive;
    if (bundle_tag) set_server_transport(m, server, SetupRole::actpass);
    return m;
  }
  m.direction = Direction::sendonly;
  // RFC 8829 section 5.2.1: the offerer of a new DTLS association says actpass.
  set_server_transport(m, server, SetupRole::actpass);
  m.extmaps = extmaps_for(s.extensions);
  m.msids.push_back(s.msid);
  // a=ssrc lines (RFC 5576) for stacks that still read them; a=msid is what unified plan uses.
  const std::string msid =
      s.msid.track_id.empty() ? s.msid.stream_id : s.msid.stream_id + " " + s.msid.track_id;
  auto add_ssrc = [&](uint32_t ssrc) {
    m.ssrcs.push_back(SsrcLine{ssrc, "cname", s.cname});
    m.ssrcs.push_back(SsrcLine{ssrc, "msid", msid});
  };
  if (s.rtx_ssrc != 0) m.ssrc_groups.push_back(SsrcGroup{"FID", {s.ssrc, s.rtx_ssrc}});
  add_ssrc(s.ssrc);
  if (s.rtx_ssrc != 0) add_ssrc(s.rtx_ssrc);
  return m;
}

Error answer_error(const std::string& message) { return make_error(ErrorCode::invalid_argument, message); }

constexpr const char* kTransportCcFeedback = "transport-cc";

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Whether the answer's section asks for transport-wide feedback on one of the kept codecs.
bool answers_transport_cc(const MediaSection& m, const std::vector<uint8_t>& kept) {
  if (contains(m.rtcp_fb_wildcard, kTransportCcFeedback)) return true;
  for (const uint8_t pt : kept) {
    const Codec* c = m.find_codec(pt);
    if (c != nullptr && contains(c->rtcp_fb, kTransportCcFeedback)) return true;
  }
  return false;
}

} // namespace

bool offer_transport_cc(SubscribeSection& section, const CodecPolicy& policy, int ext_id) {
  if (ext_id < kMinExtmapId || ext_id > kMaxExtmapId) return false;
  if (!contains(policy.header_extensions, kExtTransportCc) ||
      !contains(policy.rtcp_feedback, kTransportCcFeedback))
    return false;
  section.extensions.transport_cc = ext_id;
  for (auto& codec : section.codecs) {
    if (!contains(codec.rtcp_fb, kTransportCcFeedback)) codec.rtcp_fb.emplace_back(kTransportCcFeedback);
  }
  return true;
}

std::string build_subscribe_offer(const SubscribeOffer& offer) {
  SessionDescription d = server_session(std::to_string(offer.session_id), offer.session_version);
  d.msid_semantic = "WMS *"; // older libwebrtc reads a=msid only with it
  Group bundle{"BUNDLE", {}};
  for (size_t i = 0; i < offer.sections.size(); ++i) {
    const auto& s = offer.sections[i];
    d.media.push_back(offer_section(s, offer.transport, i == 0));
    if (s.active || i == 0) bundle.mids.push_back(s.mid);
  }
  if (!bundle.mids.empty()) d.groups.push_back(std::move(bundle));
  const bool descriptor =
      std::any_of(offer.sections.begin(), offer.sections.end(),
                  [](const SubscribeSection& s) { return s.extensions.dependency_descriptor != 0; });
  if (descriptor) d.attributes.push_back(Attribute{kExtmapAllowMixed, std::nullopt});
  return serialize(d);
}

Result<SubscribeAnswerInfo> read_subscribe_answer(const SessionDescription& answer,
                                                  const SubscribeOffer& offer) {
  if (answer.media.size() != offer.sections.size()) {
    return answer_error("the answer has " + std::to_string(answer.media.size()) +
                        " m= sections, the offer had " + std::to_string(offer.sections.size()));
  }
  SubscribeAnswerInfo info;
  const MediaSection* transport_source = nullptr;
  const bool mixed = allows_mixed_extmaps(answer);
  for (size_t i = 0; i < answer.media.size(); ++i) {
    const MediaSection& m = answer.media[i];
    const SubscribeSection& s = offer.sections[i];
    if (m.mid != s.mid) {
      return answer_error("m= section " + std::to_string(i + 1) + " has mid \"" + m.mid +
                          "\", the offer has \"" + s.mid + "\"");
    }
    const Direction dir = answer.effective_direction(m);
    if (!s.active || m.port == 0 || (dir != Direction::recvonly && dir != Direction::sendrecv)) continue;
    AcceptedSection a;
    a.mid = m.mid;
    for (const auto& f : m.formats) {
      auto pt = parse_uint(f, kMaxPayloadType);
      if (!pt) continue;
      for (const auto& c : s.codecs) {
        if (c.payload_type == *pt || c.rtx_payload_type == static_cast<uint8_t>(*pt)) {
          a.payload_types.push_back(static_cast<uint8_t>(*pt));
          break;
        }
      }
    }
    a.extensions = extension_ids(m.extmaps);
    if (!mixed) a.extensions.dependency_descriptor = 0;
    a.transport_cc = a.extensions.transport_cc != 0 && answers_transport_cc(m, a.payload_types);
    info.accepted.push_back(std::move(a));
    if (transport_source == nullptr) transport_source = &m;
  }
  if (transport_source == nullptr) return info; // nothing accepted: no transport to set up

  const TransportAttributes t = answer.effective_transport(*transport_source);
  auto client = read_client_transport(t, "mid " + transport_source->mid);
  if (!client) return client.error();
  info.client_ice_ufrag = std::move(client->ice_ufrag);
  info.client_ice_pwd = std::move(client->ice_pwd);
  info.client_fingerprint = std::move(client->fingerprint);
  // RFC 5763 section 5: the answerer picks active or passive; without a=setup it is active
  // (RFC 4145 section 4).
  if (!t.setup || *t.setup == SetupRole::active) {
    info.dtls_role = dtls::DtlsRole::server;
  } else if (*t.setup == SetupRole::passive) {
    info.dtls_role = dtls::DtlsRole::client;
  } else {
    return answer_error("mid " + transport_source->mid + ": a=setup:" + std::string(to_string(*t.setup)) +
                        " is not allowed in an answer");
  }
  return info;
}

} // namespace plenum::media::sdp
