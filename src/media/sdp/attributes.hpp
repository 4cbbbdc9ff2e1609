#pragma once
// Parsers for the values of single SDP lines and attributes (what follows "a=name:"). Each
// returns the parsed value or an Error whose message says what is wrong, without the line
// number: the caller (session_description.cpp) prefixes "line N: a=name: ".

#include <string_view>

#include "base/result.hpp"
#include "media/sdp/session_description.hpp"

namespace plenum::media::sdp {

struct Rtpmap {
  uint8_t payload_type = 0;
  std::string encoding_name;
  uint32_t clock_rate = 0;
  uint32_t channels = 0;
};

// "<pt> <rest>" as in a=fmtp and a=rtcp-fb; pt "*" gives nullopt as payload type.
struct PayloadTypeValue {
  std::optional<uint8_t> payload_type;
  std::string value;
};

// The m= line: media, port, proto and formats (codecs are filled in later).
Result<MediaSection> parse_media_line(std::string_view value);
Result<Origin> parse_origin(std::string_view value);
Result<Connection> parse_connection(std::string_view value);

Result<Rtpmap> parse_rtpmap(std::string_view value);
Result<PayloadTypeValue> parse_payload_type_value(std::string_view value, bool allow_wildcard);
Result<Extmap> parse_extmap(std::string_view value);
Result<SsrcLine> parse_ssrc(std::string_view value);
Result<SsrcGroup> parse_ssrc_group(std::string_view value);
Result<Rid> parse_rid(std::string_view value);
Result<Simulcast> parse_simulcast(std::string_view value);
Result<Msid> parse_msid(std::string_view value);
Result<Group> parse_group(std::string_view value);
Result<Fingerprint> parse_fingerprint(std::string_view value);
Result<SetupRole> parse_setup(std::string_view value);
std::optional<Direction> parse_direction(std::string_view name) noexcept;
// ice-ufrag and ice-pwd: visible ASCII, at most kMaxIceCredential characters.
Result<std::string> parse_ice_credential(std::string_view value);

} // namespace plenum::media::sdp
