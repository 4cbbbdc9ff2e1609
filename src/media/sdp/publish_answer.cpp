// The server's answer to a client's publish offer (the client sends, the SFU receives).
#include <algorithm>
#include <string>

#include "media/sdp/negotiation.hpp"
#include "media/sdp/negotiation_common.hpp"
#include "media/sdp/tokens.hpp"

namespace plenum::media::sdp {
namespace {

// a=bundle-only: offered with port 0 but meant to share the BUNDLE transport (Firefox with
// max-bundle offers every section but the first this way).
bool bundle_only(const MediaSection& m) {
  return std::any_of(m.attributes.begin(), m.attributes.end(),
                     [](const Attribute& a) { return a.name == "bundle-only"; });
}

// The value of one "key=value" parameter in an fmtp string (RFC 8866 section 6.15).
std::optional<std::string_view> fmtp_param(std::string_view fmtp, std::string_view key) {
  for (const std::string_view part : split_on(fmtp, ';')) {
    auto [k, v] = cut(trim_spaces(part), '=');
    if (equals_ignore_case(trim_spaces(k), key)) return trim_spaces(v.value_or(""));
  }
  return std::nullopt;
}

// The codec-specific rules of CodecPolicy.
bool acceptable(const Codec& c, MediaKind kind) {
  if (kind == MediaKind::audio) {
    if (equals_ignore_case(c.encoding_name, "opus")) return c.clock_rate == 48000 && c.channels == 2;
    return true;
  }
  if (c.clock_rate != 90000) return false;
  if (equals_ignore_case(c.encoding_name, "VP9")) {
    auto profile = fmtp_param(c.fmtp, "profile-id");
    return !profile || *profile == "0" || *profile == "2";
  }
  if (equals_ignore_case(c.encoding_name, "H264")) {
    auto mode = fmtp_param(c.fmtp, "packetization-mode");
    return mode && *mode == "1";
  }
  return true;
}

std::vector<std::string> supported_feedback(const std::vector<std::string>& offered,
                                            const CodecPolicy& policy) {
  std::vector<std::string> out;
  for (const auto& fb : offered) {
    const bool known =
        std::find(policy.rtcp_feedback.begin(), policy.rtcp_feedback.end(), fb) != policy.rtcp_feedback.end();
    if (known && std::find(out.begin(), out.end(), fb) == out.end()) out.push_back(fb);
  }
  return out;
}

// The offered codecs the SFU takes, in policy order, each with its RTX if offered.
std::vector<NegotiatedCodec> match_codecs(const MediaSection& m, const CodecPolicy& policy) {
  const auto& names = m.kind() == MediaKind::audio ? policy.audio_codecs : policy.video_codecs;
  std::vector<const Codec*> offered; // in the order of the m= line (the client's preference)
  for (const auto& f : m.formats) {
    auto pt = parse_uint(f, kMaxPayloadType);
    const Codec* c = pt ? m.find_codec(static_cast<uint8_t>(*pt)) : nullptr;
    if (c != nullptr && !c->encoding_name.empty() &&
        std::find(offered.begin(), offered.end(), c) == offered.end()) {
      offered.push_back(c);
    }
  }
  std::vector<NegotiatedCodec> out;
  for (const auto& name : names) {
    for (const Codec* c : offered) {
      if (!equals_ignore_case(c->encoding_name, name) || !acceptable(*c, m.kind())) continue;
      std::vector<std::string> fb = c->rtcp_fb;
      fb.insert(fb.end(), m.rtcp_fb_wildcard.begin(), m.rtcp_fb_wildcard.end());
      NegotiatedCodec n{c->payload_type, c->encoding_name,
                        c->clock_rate,   c->channels,
                        c->fmtp,         supported_feedback(fb, policy),
                        std::nullopt,    {}};
      if (policy.rtx && m.kind() == MediaKind::video) {
        for (const Codec* r : offered) {
          auto apt = fmtp_param(r->fmtp, "apt");
          if (equals_ignore_case(r->encoding_name, "rtx") && apt &&
              parse_uint(*apt, kMaxPayloadType) == c->payload_type) {
            n.rtx_payload_type = r->payload_type;
            n.rtx_fmtp = r->fmtp;
            break;
          }
        }
      }
      out.push_back(std::move(n));
    }
  }
  return out;
}

std::vector<Extmap> match_extensions(const MediaSection& m, const CodecPolicy& policy) {
  std::vector<Extmap> out;
  for (const auto& e : m.extmaps) {
    // The direction is the offerer's (RFC 8285 section 8): one it only receives is of no use.
    if (e.direction == Direction::recvonly || e.direction == Direction::inactive) continue;
    const auto& accepted = policy.header_extensions;
    if (std::find(accepted.begin(), accepted.end(), e.uri) == accepted.end()) continue;
    out.push_back(Extmap{e.id, std::nullopt, e.uri, {}});
  }
  return out;
}

bool is_srtp(std::string_view proto) {
  auto ends_with = [proto](std::string_view s) {
    return proto.size() >= s.size() && proto.substr(proto.size() - s.size()) == s;
  };
  return ends_with("RTP/SAVPF") || ends_with("RTP/SAVP");
}

// SSRCs, RTX pairs, rids, msid and cname of a section the client sends on.
void describe_sources(const MediaSection& m, PublishedTrack& t) {
  std::vector<uint32_t> secondary;
  for (const auto& g : m.ssrc_groups) {
    if (g.semantics == "SIM" && t.simulcast_ssrcs.empty()) t.simulcast_ssrcs = g.ssrcs;
    if ((g.semantics == "FID" || g.semantics == "FEC-FR") && g.ssrcs.size() == 2) {
      if (g.semantics == "FID") t.rtx_ssrcs.emplace_back(g.ssrcs[0], g.ssrcs[1]);
      secondary.push_back(g.ssrcs[1]);
    }
  }
  const auto infos = m.ssrc_infos();
  if (!t.simulcast_ssrcs.empty()) {
    t.ssrcs = t.simulcast_ssrcs;
  } else {
    for (const auto& i : infos) {
      if (std::find(secondary.begin(), secondary.end(), i.ssrc) == secondary.end()) t.ssrcs.push_back(i.ssrc);
    }
  }
  for (const auto& i : infos) {
    if (t.cname.empty()) t.cname = i.cname;
  }
  if (!m.msids.empty()) {
    t.msid = m.msids.front();
  } else {
    for (const auto& i : infos) {
      if (i.msid.empty()) continue;
      auto [stream, track] = cut(i.msid, ' ');
      t.msid = Msid{std::string(stream), std::string(trim_spaces(track.value_or("")))};
      break;
    }
  }
  if (m.simulcast && !m.simulcast->send.empty()) {
    for (const auto& stream : m.simulcast->send) t.rids.push_back(stream.front().id);
  } else {
    for (const auto& r : m.rids) {
      if (r.direction == RidDirection::send) t.rids.push_back(r.id);
    }
  }
}

MediaSection rejected_section(const MediaSection& offered) {
  MediaSection a;
  a.media = offered.media;
  a.port = 0;
  a.proto = offered.proto;
  a.formats = offered.formats;
  a.connection = Connection{};
  a.mid = offered.mid;
  return a;
}

// FNV-1a: a stable o= session id for the answers of one transport, without randomness here.
std::string session_id_for(std::string_view ufrag) {
  uint64_t h = 14695981039346656037ULL;
  for (const char c : ufrag) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return std::to_string(h >> 1); // below 2^63, as libwebrtc's ids
}

} // namespace

Result<PublishNegotiation> answer_publish(const SessionDescription& offer,
                                          const ServerTransportParams& server, const CodecPolicy& policy) {
  if (server.ice_ufrag.empty() || server.ice_pwd.empty() || server.fingerprint.empty()) {
    return make_error(ErrorCode::internal, "server transport parameters are incomplete");
  }
  const std::vector<std::string>* bundle = offer.bundle_group();
  if (bundle == nullptr) return make_error(ErrorCode::invalid_argument, "the offer has no a=group:BUNDLE");
  bool any_media = false;
  for (size_t i = 0; i < offer.media.size(); ++i) {
    const auto& m = offer.media[i];
    if (m.mid.empty()) {
      return make_error(ErrorCode::invalid_argument, "m= section " + std::to_string(i + 1) + " has no a=mid");
    }
    any_media = any_media || m.kind() == MediaKind::audio || m.kind() == MediaKind::video;
  }
  if (!any_media) return make_error(ErrorCode::invalid_argument, "the offer has no audio or video section");

  PublishNegotiation result;
  SessionDescription answer = server_session(session_id_for(server.ice_ufrag), offer.origin.session_version);
  const bool mixed = allows_mixed_extmaps(offer);
  Group answer_bundle{"BUNDLE", {}};
  const MediaSection* transport_source = nullptr;
  std::optional<SetupRole> our_setup;

  for (const auto& m : offer.media) {
    SectionResult r{m.mid, SectionOutcome::rejected, {}};
    const bool av = m.kind() == MediaKind::audio || m.kind() == MediaKind::video;
    std::vector<NegotiatedCodec> codecs;
    if (!av) {
      r.reason = "only audio and video are received";
    } else if (m.port == 0 && !bundle_only(m)) {
      // Port 0 without a=bundle-only (RFC 8843 section 6) is a section the client stopped.
      r.reason = "rejected in the offer (port 0)";
    } else if (std::find(bundle->begin(), bundle->end(), m.mid) == bundle->end()) {
      r.reason = "not in the BUNDLE group";
    } else if (!is_srtp(m.proto)) {
      r.reason = "transport " + m.proto + " is not DTLS-SRTP";
    } else if (codecs = match_codecs(m, policy); codecs.empty()) {
      r.reason = "no codec in common";
    } else if (!m.rtcp_mux) {
      return make_error(ErrorCode::invalid_argument, "mid " + m.mid + ": a=rtcp-mux is required");
    } else {
      const Direction dir = offer.effective_direction(m);
      const bool sends = dir == Direction::sendonly || dir == Direction::sendrecv;
      r.outcome = sends ? SectionOutcome::receiving : SectionOutcome::inactive;
      if (!sends) r.reason = "the client does not send on it";
    }
    if (transport_source == nullptr && r.outcome != SectionOutcome::rejected) transport_source = &m;
    if (r.outcome == SectionOutcome::rejected) {
      answer.media.push_back(rejected_section(m));
      result.sections.push_back(std::move(r));
      continue;
    }
    if (!our_setup) {
      const auto setup = offer.effective_transport(m).setup;
      if (setup == SetupRole::holdconn) {
        return make_error(ErrorCode::invalid_argument,
                          "mid " + m.mid + ": a=setup:holdconn is not supported");
      }
      // RFC 5763 section 5: the offerer says actpass; we take passive (DTLS server). A client
      // that insists on passive makes us the DTLS client.
      our_setup = setup == SetupRole::passive ? SetupRole::active : SetupRole::passive;
    }

    MediaSection a;
    a.media = m.media;
    a.port = kPlaceholderPort;
    a.proto = m.proto;
    a.connection = Connection{};
    a.mid = m.mid;
    a.direction = r.outcome == SectionOutcome::receiving ? Direction::recvonly : Direction::inactive;
    a.rtcp_mux = true;
    a.rtcp_rsize = m.rtcp_rsize;
    set_server_transport(a, server, *our_setup);
    add_codecs(a, codecs);
    a.extmaps = match_extensions(m, policy);
    // The dependency descriptor: only where the client sends VP9 or AV1 (what the router reads
    // it for) and can write its long form (two-byte headers).
    if (!mixed || !carries_dependency_descriptor(codecs.front().name))
      std::erase_if(a.extmaps, [](const Extmap& e) { return e.uri == kExtDependencyDescriptor; });
    if (r.outcome == SectionOutcome::receiving) {
      for (const auto& rid : m.rids) {
        if (rid.direction == RidDirection::send) a.rids.push_back(Rid{rid.id, RidDirection::recv, {}});
      }
      if (m.simulcast && !m.simulcast->send.empty()) a.simulcast = Simulcast{{}, m.simulcast->send};

      PublishedTrack t;
      t.mid = m.mid;
      t.kind = m.kind();
      t.codecs = codecs;
      t.extensions = extension_ids(a.extmaps);
      describe_sources(m, t);
      result.tracks.push_back(std::move(t));
    }
    answer_bundle.mids.push_back(m.mid);
    answer.media.push_back(std::move(a));
    result.sections.push_back(std::move(r));
  }

  // Every section shares the transport of the BUNDLE group; with none accepted, the first
  // audio or video section still has to describe the client's transport correctly.
  if (transport_source == nullptr) {
    for (const auto& m : offer.media) {
      if (m.kind() == MediaKind::audio || m.kind() == MediaKind::video) {
        transport_source = &m;
        break;
      }
    }
  }
  auto client =
      read_client_transport(offer.effective_transport(*transport_source), "mid " + transport_source->mid);
  if (!client) return client.error();
  result.client_ice_ufrag = std::move(client->ice_ufrag);
  result.client_ice_pwd = std::move(client->ice_pwd);
  result.client_fingerprint = std::move(client->fingerprint);
  result.dtls_role = our_setup == SetupRole::active ? dtls::DtlsRole::client : dtls::DtlsRole::server;

  if (!answer_bundle.mids.empty()) answer.groups.push_back(std::move(answer_bundle));
  if (mixed) answer.attributes.push_back(Attribute{kExtmapAllowMixed, std::nullopt});
  result.answer = serialize(answer);
  return result;
}

} // namespace plenum::media::sdp
