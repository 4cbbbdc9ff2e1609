#pragma once
// SDP (RFC 8866) as WebRTC stacks write it (JSEP, RFC 8829): parse text into a SessionDescription
// and serialize one back (CRLF line endings). Attributes the SFU understands get fields; every
// other line is kept (`attributes`, `other_lines`) so that nothing is lost on a round trip.
//
// Input is untrusted (it comes from browsers through signaling): parsing is total, bounded by
// the limits below, and an error names the line number and what is wrong
// ("line 12: a=rtpmap: payload type must be 0-127"). Values must be UTF-8 without control
// characters; LF and CRLF line endings are both accepted.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace plenum::media::sdp {

// Limits (the signaling protocol already caps an SDP at 60,000 characters).
inline constexpr size_t kMaxSdpSize = size_t{64} * 1024;   // bytes of text
inline constexpr size_t kMaxLineLength = size_t{4} * 1024; // bytes per line, without the line break
inline constexpr size_t kMaxMediaSections = 1000;          // m= sections per description
inline constexpr size_t kMaxCodecsPerSection = 128;        // a=rtpmap (and formats on the m= line)
inline constexpr size_t kMaxExtmapsPerSection = 64;        // a=extmap
inline constexpr size_t kMaxSsrcLinesPerSection = 64;      // a=ssrc
inline constexpr size_t kMaxSsrcGroupsPerSection = 32;     // a=ssrc-group
inline constexpr size_t kMaxRidsPerSection = 16;           // a=rid
inline constexpr size_t kMaxCandidatesPerSection = 64;     // a=candidate
inline constexpr size_t kMaxMsidsPerSection = 16;          // a=msid
inline constexpr size_t kMaxFingerprints = 8;              // a=fingerprint per level
inline constexpr size_t kMaxIceCredential = 256;           // ice-ufrag/ice-pwd chars (RFC 8839 5.4)
inline constexpr int kMaxPayloadType = 127;                // RTP payload types are 7 bits (RFC 3550)
inline constexpr int kMinExtmapId = 1;                     // RFC 8285 section 5: 1-14 one-byte,
inline constexpr int kMaxExtmapId = 255;                   // 1-255 two-byte header extensions

enum class Direction : uint8_t { sendrecv, sendonly, recvonly, inactive };
// a=setup (RFC 4145 section 4, RFC 5763 section 5).
enum class SetupRole : uint8_t { actpass, active, passive, holdconn };
enum class MediaKind : uint8_t { audio, video, application, other };

std::string_view to_string(Direction direction) noexcept;
std::string_view to_string(SetupRole role) noexcept;
// The direction as seen from the other side (sendonly <-> recvonly).
Direction reverse(Direction direction) noexcept;

// o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
struct Origin {
  std::string username = "-";
  std::string session_id = "0"; // digits; kept as text (stacks use up to 20 digits)
  uint64_t session_version = 0;
  std::string net_type = "IN";
  std::string address_type = "IP4";
  std::string address = "0.0.0.0";
  friend bool operator==(const Origin&, const Origin&) = default;
};

// c=<nettype> <addrtype> <connection-address>
struct Connection {
  std::string net_type = "IN";
  std::string address_type = "IP4";
  std::string address = "0.0.0.0";
  friend bool operator==(const Connection&, const Connection&) = default;
};

// a=fingerprint:<hash-function> <value> (RFC 8122 section 5); hash_function is lower case.
struct Fingerprint {
  std::string hash_function;
  std::string value; // "AB:CD:..."
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

// a=group:<semantics> <mid> ... (RFC 5888, RFC 9143 for BUNDLE).
struct Group {
  std::string semantics;
  std::vector<std::string> mids;
  friend bool operator==(const Group&, const Group&) = default;
};

// A payload type with its a=rtpmap, a=fmtp and a=rtcp-fb lines. A payload type of the m= line
// with fmtp or rtcp-fb but no rtpmap (a static type) has an empty encoding_name.
struct Codec {
  uint8_t payload_type = 0;
  std::string encoding_name; // as written ("opus", "VP8", "H264", "rtx")
  uint32_t clock_rate = 0;
  uint32_t channels = 0;            // 0: not given (audio means 1)
  std::string fmtp;                 // "minptime=10;useinbandfec=1", empty if none
  std::vector<std::string> rtcp_fb; // "nack", "nack pli", "ccm fir", "transport-cc"
  friend bool operator==(const Codec&, const Codec&) = default;
};

// a=extmap:<id>[/<direction>] <uri> [<attributes>] (RFC 8285 section 8).
struct Extmap {
  int id = 0;
  std::optional<Direction> direction;
  std::string uri;
  std::string attributes;
  friend bool operator==(const Extmap&, const Extmap&) = default;
};

// a=ssrc:<ssrc> <attribute>[:<value>] (RFC 5576 section 4.1).
struct SsrcLine {
  uint32_t ssrc = 0;
  std::string attribute; // "cname", "msid", "mslabel", ...
  std::string value;
  friend bool operator==(const SsrcLine&, const SsrcLine&) = default;
};

// a=ssrc-group:<semantics> <ssrc> ... (RFC 5576 section 4.2): FID (RTX), SIM, FEC-FR.
struct SsrcGroup {
  std::string semantics;
  std::vector<uint32_t> ssrcs;
  friend bool operator==(const SsrcGroup&, const SsrcGroup&) = default;
};

// The a=ssrc lines of one SSRC, collected.
struct SsrcInfo {
  uint32_t ssrc = 0;
  std::string cname;
  std::string msid; // "<stream id> <track id>"
  friend bool operator==(const SsrcInfo&, const SsrcInfo&) = default;
};

enum class RidDirection : uint8_t { send, recv };

// a=rid:<id> <send|recv> [<restrictions>] (RFC 8851 section 10).
struct Rid {
  std::string id;
  RidDirection direction = RidDirection::send;
  std::string restrictions; // "pt=96;max-width=1280", empty if none
  friend bool operator==(const Rid&, const Rid&) = default;
};

// One rid inside a=simulcast; paused is the "~" prefix (RFC 8853 section 5.1).
struct SimulcastRid {
  std::string id;
  bool paused = false;
  friend bool operator==(const SimulcastRid&, const SimulcastRid&) = default;
};

// a=simulcast:send <streams> recv <streams>: streams separated by ";", each a list of
// alternative rids separated by ",".
struct Simulcast {
  std::vector<std::vector<SimulcastRid>> send;
  std::vector<std::vector<SimulcastRid>> recv;
  friend bool operator==(const Simulcast&, const Simulcast&) = default;
};

// a=msid:<stream id> [<track id>] (RFC 8830 section 2).
struct Msid {
  std::string stream_id;
  std::string track_id;
  friend bool operator==(const Msid&, const Msid&) = default;
};

// Any other attribute, kept as written: "a=name" (no value) or "a=name:value".
struct Attribute {
  std::string name;
  std::optional<std::string> value;
  friend bool operator==(const Attribute&, const Attribute&) = default;
};

// Any other line (i=, u=, e=, p=, b=, r=, z=, k=, ...), kept as written.
struct Line {
  char type = 0;
  std::string value;
  friend bool operator==(const Line&, const Line&) = default;
};

// ICE and DTLS attributes that may be given at session level, media level or both.
struct TransportAttributes {
  std::string ice_ufrag;                // empty: absent
  std::string ice_pwd;                  // empty: absent
  std::vector<std::string> ice_options; // "trickle", "renomination"
  std::vector<Fingerprint> fingerprints;
  std::optional<SetupRole> setup;
  friend bool operator==(const TransportAttributes&, const TransportAttributes&) = default;
};

struct MediaSection {
  std::string media; // "audio", "video", "application", ...
  uint16_t port = 0;
  uint16_t port_count = 0; // the "/<n>" after the port, 0 if absent
  std::string proto;       // "UDP/TLS/RTP/SAVPF", "UDP/DTLS/SCTP"
  std::vector<std::string> formats;
  std::optional<Connection> connection;
  std::vector<Line> other_lines;

  std::string mid; // empty: absent
  std::optional<Direction> direction;
  TransportAttributes transport;
  bool rtcp_mux = false;
  bool rtcp_rsize = false;
  std::vector<Codec> codecs;
  std::vector<std::string> rtcp_fb_wildcard; // a=rtcp-fb:* <value>
  std::vector<Extmap> extmaps;
  std::vector<SsrcLine> ssrcs;
  std::vector<SsrcGroup> ssrc_groups;
  std::vector<Rid> rids;
  std::optional<Simulcast> simulcast;
  std::vector<Msid> msids;
  std::vector<std::string> candidates; // the values of a=candidate, as written
  bool end_of_candidates = false;
  std::vector<Attribute> attributes; // everything else

  MediaKind kind() const noexcept;
  bool is_rtp() const noexcept; // proto contains "RTP/"
  const Codec* find_codec(uint8_t payload_type) const noexcept;
  // The a=ssrc lines collected per SSRC, in order of first appearance.
  std::vector<SsrcInfo> ssrc_infos() const;

  friend bool operator==(const MediaSection&, const MediaSection&) = default;
};

struct SessionDescription {
  Origin origin;
  std::string session_name = "-";
  std::string timing = "0 0";
  std::optional<Connection> connection;
  std::vector<Line> other_lines;

  std::vector<Group> groups;
  bool ice_lite = false;
  TransportAttributes transport; // session-level defaults for every media section
  std::optional<Direction> direction;
  std::optional<std::string> msid_semantic; // "WMS *", "WMS"
  std::vector<Attribute> attributes;

  std::vector<MediaSection> media;

  // The mids of the first a=group:BUNDLE, empty if there is none.
  const std::vector<std::string>* bundle_group() const noexcept;
  // Media-level values, falling back to the session level (RFC 8839 section 5.4, RFC 8122
  // section 5; aiortc and others write ICE and DTLS attributes at session level).
  TransportAttributes effective_transport(const MediaSection& section) const;
  Direction effective_direction(const MediaSection& section) const noexcept;

  friend bool operator==(const SessionDescription&, const SessionDescription&) = default;
};

Result<SessionDescription> parse(std::string_view text);
// SDP text with CRLF line endings; parse(serialize(d)) == d for every d that parse returned.
std::string serialize(const SessionDescription& description);

} // namespace plenum::media::sdp
