#pragma once
// Offer/answer (RFC 3264, JSEP RFC 8829) for the SFU's two peer connections per device:
//  - publish: the client offers what it sends, the server answers (answer_publish);
//  - subscribe: the server offers what the client receives (build_subscribe_offer), the client
//    answers (read_subscribe_answer).
// The server side is always ICE-lite (RFC 8445 section 2.5), BUNDLE (RFC 9143) on one
// transport, rtcp-mux (RFC 5761), unified plan (one track per m= section, RFC 8829 section
// 5.2), DTLS-SRTP with a SHA-256 certificate fingerprint (RFC 5763). Anything else a WebRTC
// stack puts into its SDP that the SFU does not need is ignored, not refused.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "media/dtls/dtls_transport.hpp"
#include "media/sdp/session_description.hpp"

namespace plenum::media::sdp {

// One of the server's ICE candidates (host candidates: the server has a public address).
struct Candidate {
  std::string foundation = "1";
  uint32_t priority = 0;
  std::string address;
  uint16_t port = 0;
  std::string protocol = "udp"; // "udp" or "tcp"
  std::string tcp_type;         // "passive" for tcp (RFC 6544), empty for udp
};

// The server's side of the transport, the same for every section (BUNDLE).
struct ServerTransportParams {
  std::string ice_ufrag;
  std::string ice_pwd;
  std::string fingerprint; // "sha-256 AB:CD:..." as in a=fingerprint
  std::vector<Candidate> candidates;
};

inline constexpr const char* kExtMid = "urn:ietf:params:rtp-hdrext:sdes:mid";
inline constexpr const char* kExtRid = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
inline constexpr const char* kExtRepairedRid = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
inline constexpr const char* kExtAbsSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
inline constexpr const char* kExtTransportCc =
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
inline constexpr const char* kExtAudioLevel = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
// AV1 RTP specification appendix A: the frame layering of scalable video (AV1, VP9). Accepted only
// on sections whose codec is VP9 or AV1, with a=extmap-allow-mixed (RFC 8285 section 6): a key
// frame's descriptor carries the template structure and is longer than the 16 bytes of the
// one-byte header form.
inline constexpr const char* kExtDependencyDescriptor =
    "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension";
inline constexpr const char* kExtmapAllowMixed = "extmap-allow-mixed";
// Whether a section sending `codec` may carry the dependency descriptor (VP9, AV1).
bool carries_dependency_descriptor(std::string_view codec);

// What the SFU forwards. Codecs are matched by name (case-insensitive) with these rules:
// opus only as 48000/2; VP9 only profile-id 0 or 2; H264 only packetization-mode=1 (any
// profile-level-id); each video codec's RTX (apt=) when the client offers it.
struct CodecPolicy {
  // In order of preference: the answer lists accepted codecs in this order (the client then
  // sends the first), several entries of one name (H264 profiles) in the client's order.
  std::vector<std::string> audio_codecs = {"opus"};
  std::vector<std::string> video_codecs = {"VP8", "VP9", "H264", "AV1"};
  bool rtx = true;
  std::vector<std::string> rtcp_feedback = {"nack", "nack pli", "ccm fir", "goog-remb", "transport-cc"};
  std::vector<std::string> header_extensions = {
      kExtMid,         kExtRid,        kExtRepairedRid,         kExtAbsSendTime,
      kExtTransportCc, kExtAudioLevel, kExtDependencyDescriptor};
};

struct NegotiatedCodec {
  uint8_t payload_type = 0;
  std::string name; // as the client wrote it
  uint32_t clock_rate = 0;
  uint32_t channels = 0; // 0: not given
  std::string fmtp;
  std::vector<std::string> rtcp_fb;
  std::optional<uint8_t> rtx_payload_type;
  std::string rtx_fmtp; // "apt=96" or "apt=96;rtx-time=3000" as offered; empty: "apt=<pt>"
  friend bool operator==(const NegotiatedCodec&, const NegotiatedCodec&) = default;
};

// RTP header extension ids (RFC 8285) per URI; 0 = not negotiated.
struct HeaderExtensionIds {
  int mid = 0;
  int rid = 0;
  int repaired_rid = 0;
  int abs_send_time = 0;
  int transport_cc = 0;
  int audio_level = 0;
  int dependency_descriptor = 0;
  friend bool operator==(const HeaderExtensionIds&, const HeaderExtensionIds&) = default;
};

// What the client will send in one m= section of its publish offer.
struct PublishedTrack {
  std::string mid;
  MediaKind kind = MediaKind::audio;
  std::vector<NegotiatedCodec> codecs; // in the answer's order: the first is what it sends
  HeaderExtensionIds extensions;
  std::vector<uint32_t> ssrcs;                          // primary SSRCs (SIM order if any)
  std::vector<std::pair<uint32_t, uint32_t>> rtx_ssrcs; // (primary, rtx) from ssrc-group FID
  std::vector<uint32_t> simulcast_ssrcs;                // ssrc-group SIM, in order
  std::vector<std::string> rids;                        // simulcast send order (RFC 8853)
  Msid msid;
  std::string cname;
};

enum class SectionOutcome : uint8_t {
  receiving, // accepted: the client sends, we receive
  inactive,  // kept in BUNDLE but nothing flows (the client does not send on it)
  rejected,  // port 0 in the answer
};

struct SectionResult {
  std::string mid;
  SectionOutcome outcome = SectionOutcome::rejected;
  std::string reason; // why it was rejected or inactive, for logs and the client
};

struct PublishNegotiation {
  std::string answer;                  // SDP text
  std::vector<PublishedTrack> tracks;  // one per receiving section, in offer order
  std::vector<SectionResult> sections; // one per offered section, in offer order
  std::string client_ice_ufrag;
  std::string client_ice_pwd;
  std::string client_fingerprint;                    // "sha-256 AB:CD:..."
  dtls::DtlsRole dtls_role = dtls::DtlsRole::server; // the role the SFU takes
};

// An error when nothing can be negotiated at all (bad_request or invalid_argument, the message
// says why); a section the SFU cannot take (no common codec, not in BUNDLE, not SRTP) is
// answered with port 0 and reported in `sections` instead. The answer's o= line carries a
// session id derived from our ICE ufrag and the offer's session version (which only grows).
Result<PublishNegotiation> answer_publish(const SessionDescription& offer,
                                          const ServerTransportParams& server,
                                          const CodecPolicy& policy = {});

// One m= section of a subscribe offer: one forwarded track.
struct SubscribeSection {
  std::string mid; // never reused once a section has been offered
  MediaKind kind = MediaKind::audio;
  bool active = true; // false: the track is gone (port 0, a=inactive; the first section keeps its port)
  std::vector<NegotiatedCodec> codecs;
  HeaderExtensionIds extensions;
  uint32_t ssrc = 0;
  uint32_t rtx_ssrc = 0; // 0: no RTX
  std::string cname;
  Msid msid;
};

struct SubscribeOffer {
  uint64_t session_id = 0;
  uint64_t session_version = 1; // increment for every renegotiation (RFC 3264 section 8)
  ServerTransportParams transport;
  std::vector<SubscribeSection> sections; // every section ever offered, in order
};

// Transport-wide congestion control on a subscribe section (the SFU sends, the subscriber's
// browser returns transport-wide feedback; docs/architecture.md "Bandwidth estimation"): when
// `policy` lists both the header extension (kExtTransportCc) and the "transport-cc" feedback,
// sets the extension id (use the same id in every section: one BUNDLE transport) and adds the
// feedback to every codec. Returns whether it did; otherwise the section is unchanged.
bool offer_transport_cc(SubscribeSection& section, const CodecPolicy& policy, int ext_id);

// The SDP text of the server's offer: a=ice-lite, a=setup:actpass, BUNDLE of the active
// sections (and always the first, the bundle tag, which stays as a=inactive when its track
// stopped), sendonly, rtcp-mux, rtcp-rsize, a=msid, a=ssrc cname/msid and a=ssrc-group:FID;
// a=extmap-allow-mixed when a section offers the dependency descriptor.
// With no sections at all there is nothing to receive yet and the caller should not send an
// offer.
std::string build_subscribe_offer(const SubscribeOffer& offer);

struct AcceptedSection {
  std::string mid;
  std::vector<uint8_t> payload_types; // offered payload types the answer kept, in its order
  HeaderExtensionIds extensions;      // the ids the answer kept (the dependency descriptor only
                                      // with a=extmap-allow-mixed: else it could not be sent whole)
  // The answer kept the transport-wide sequence extension and "transport-cc" feedback (on a
  // kept codec or a=rtcp-fb:*): the client will send transport-wide feedback.
  bool transport_cc = false;
};

struct SubscribeAnswerInfo {
  std::string client_ice_ufrag;
  std::string client_ice_pwd;
  std::string client_fingerprint;                    // "sha-256 AB:CD:..."
  dtls::DtlsRole dtls_role = dtls::DtlsRole::server; // the role the SFU takes
  std::vector<AcceptedSection> accepted;             // port != 0 and recvonly/sendrecv, in offer order
};

// Checks the client's answer against our offer (same mids in the same order) and reads its
// transport and what it accepted.
Result<SubscribeAnswerInfo> read_subscribe_answer(const SessionDescription& answer,
                                                  const SubscribeOffer& offer);

} // namespace plenum::media::sdp
