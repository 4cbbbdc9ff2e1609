#pragma once
// Pieces shared by the publish answer and the subscribe offer/answer: our transport lines,
// codec lines, header extension ids, and reading the client's ICE/DTLS parameters.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "media/sdp/negotiation.hpp"
#include "media/sdp/session_description.hpp"

namespace plenum::media::sdp {

// The m= line's profile for DTLS-SRTP with RTCP feedback (RFC 5764 section 8, RFC 8829).
inline constexpr const char* kRtpProto = "UDP/TLS/RTP/SAVPF";
// The port of a bundled m= section when candidates carry the real addresses (RFC 8829 5.2.1).
inline constexpr uint16_t kPlaceholderPort = 9;

// "1 1 udp 2130706431 203.0.113.7 40000 typ host" (RFC 8839 section 5.1, component 1 only:
// rtcp-mux).
std::string format_candidate(const Candidate& c);

// The session part every description we write starts with.
SessionDescription server_session(std::string session_id, uint64_t version);

// ICE credentials, fingerprint, setup and candidates of the server on a section.
void set_server_transport(MediaSection& section, const ServerTransportParams& server, SetupRole setup);

// Payload types on the m= line and a=rtpmap/rtcp-fb/fmtp for each codec and its RTX.
void add_codecs(MediaSection& section, const std::vector<NegotiatedCodec>& codecs);

HeaderExtensionIds extension_ids(const std::vector<Extmap>& extmaps);
// a=extmap-allow-mixed at session level or in any section (RFC 8285 section 6).
bool allows_mixed_extmaps(const SessionDescription& d);
std::vector<Extmap> extmaps_for(const HeaderExtensionIds& ids);

// The client's side of the transport, read from a section's effective attributes.
struct ClientTransport {
  std::string ice_ufrag;
  std::string ice_pwd;
  std::string fingerprint; // "sha-256 AB:CD:..."
};
Result<ClientTransport> read_client_transport(const TransportAttributes& t, std::string_view where);

std::string_view media_name(MediaKind kind) noexcept;

} // namespace plenum::media::sdp
