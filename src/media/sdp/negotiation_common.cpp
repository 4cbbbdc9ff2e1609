#include "media/sdp/negotiation_common.hpp"

#include <algorithm>

#include "media/dtls/dtls_certificate.hpp"
#include "media/sdp/tokens.hpp"

namespace plenum::media::sdp {

std::string format_candidate(const Candidate& c) {
  std::string v = c.foundation + " 1 " + c.protocol + " " + std::to_string(c.priority) + " " + c.address +
                  " " + std::to_string(c.port) + " typ host";
  if (!c.tcp_type.empty()) v += " tcptype " + c.tcp_type;
  return v;
}

SessionDescription server_session(std::string session_id, uint64_t version) {
  SessionDescription d;
  d.origin.username = "-";
  d.origin.session_id = std::move(session_id);
  d.origin.session_version = version;
  d.session_name = "-";
  d.timing = "0 0";
  d.ice_lite = true;
  return d;
}

void set_server_transport(MediaSection& section, const ServerTransportParams& server, SetupRole setup) {
  section.transport.ice_ufrag = server.ice_ufrag;
  section.transport.ice_pwd = server.ice_pwd;
  auto [hash, value] = cut(server.fingerprint, ' ');
  section.transport.fingerprints = {Fingerprint{std::string(hash), std::string(value.value_or(""))}};
  section.transport.setup = setup;
  for (const auto& c : server.candidates) section.candidates.push_back(format_candidate(c));
  section.end_of_candidates = true; // ICE-lite: these are all our candidates (RFC 8838 13)
}

void add_codecs(MediaSection& section, const std::vector<NegotiatedCodec>& codecs) {
  for (const auto& c : codecs) {
    section.formats.push_back(std::to_string(c.payload_type));
    if (c.rtx_payload_type) section.formats.push_back(std::to_string(*c.rtx_payload_type));
  }
  for (const auto& c : codecs) {
    section.codecs.push_back(Codec{c.payload_type, c.name, c.clock_rate, c.channels, c.fmtp, c.rtcp_fb});
    if (c.rtx_payload_type) {
      std::string fmtp = c.rtx_fmtp.empty() ? "apt=" + std::to_string(c.payload_type) : c.rtx_fmtp;
      section.codecs.push_back(Codec{*c.rtx_payload_type, "rtx", c.clock_rate, 0, std::move(fmtp), {}});
    }
  }
}

HeaderExtensionIds extension_ids(const std::vector<Extmap>& extmaps) {
  HeaderExtensionIds ids;
  for (const auto& e : extmaps) {
    int* slot = e.uri == kExtMid                    ? &ids.mid
                : e.uri == kExtRid                  ? &ids.rid
                : e.uri == kExtRepairedRid          ? &ids.repaired_rid
                : e.uri == kExtAbsSendTime          ? &ids.abs_send_time
                : e.uri == kExtTransportCc          ? &ids.transport_cc
                : e.uri == kExtAudioLevel           ? &ids.audio_level
                : e.uri == kExtDependencyDescriptor ? &ids.dependency_descriptor
                                                    : nullptr;
    if (slot != nullptr && *slot == 0) *slot = e.id;
  }
  return ids;
}

std::vector<Extmap> extmaps_for(const HeaderExtensionIds& ids) {
  std::vector<Extmap> out;
  auto add = [&out](int id, const char* uri) {
    if (id >= kMinExtmapId && id <= kMaxExtmapId) out.push_back(Extmap{id, std::nullopt, uri, {}});
  };
  add(ids.mid, kExtMid);
  add(ids.rid, kExtRid);
  add(ids.repaired_rid, kExtRepairedRid);
  add(ids.abs_send_time, kExtAbsSendTime);
  add(ids.transport_cc, kExtTransportCc);
  add(ids.audio_level, kExtAudioLevel);
  add(ids.dependency_descriptor, kExtDependencyDescriptor);
  return out;
}

bool allows_mixed_extmaps(const SessionDescription& d) {
  auto has = [](const std::vector<Attribute>& attributes) {
    return std::any_of(attributes.begin(), attributes.end(),
                       [](const Attribute& a) { return a.name == kExtmapAllowMixed; });
  };
  return has(d.attributes) || std::any_of(d.media.begin(), d.media.end(),
                                          [&](const MediaSection& m) { return has(m.attributes); });
}

bool carries_dependency_descriptor(std::string_view codec) {
  return equals_ignore_case(codec, "VP9") || equals_ignore_case(codec, "AV1");
}

Result<ClientTransport> read_client_transport(const TransportAttributes& t, std::string_view where) {
  auto fail = [where](const std::string& what) {
    return make_error(ErrorCode::invalid_argument, std::string(where) + ": " + what);
  };
  if (t.ice_ufrag.empty()) return fail("missing a=ice-ufrag");
  if (t.ice_pwd.empty()) return fail("missing a=ice-pwd");
  if (t.fingerprints.empty()) return fail("missing a=fingerprint");
  for (const auto& f : t.fingerprints) {
    if (f.hash_function != "sha-256") continue;
    std::string fingerprint = "sha-256 " + f.value;
    if (!dtls::parse_sdp_fingerprint(fingerprint)) return fail("a=fingerprint: not a SHA-256 digest");
    return ClientTransport{t.ice_ufrag, t.ice_pwd, std::move(fingerprint)};
  }
  return fail("a=fingerprint: only sha-256 is supported, the client offered " +
              t.fingerprints.front().hash_function);
}

std::string_view media_name(MediaKind kind) noexcept {
  switch (kind) {
    case MediaKind::audio: return "audio";
    case MediaKind::video: return "video";
    case MediaKind::application: return "application";
    case MediaKind::other: break;
  }
  return "video";
}

} // namespace plenum::media::sdp
