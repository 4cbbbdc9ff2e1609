#include "media/sdp/attributes.hpp"

#include <string>

#include "media/sdp/tokens.hpp"

namespace plenum::media::sdp {
namespace {

Error bad(std::string message) { return make_error(ErrorCode::bad_request, std::move(message)); }

std::optional<uint8_t> payload_type(std::string_view text) noexcept {
  auto v = parse_uint(text, kMaxPayloadType);
  if (!v) return std::nullopt;
  return static_cast<uint8_t>(*v);
}

bool is_hex_fingerprint(std::string_view text) noexcept {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
    if (!ok) return false;
  }
  return true;
}

Result<std::vector<std::vector<SimulcastRid>>> parse_simulcast_streams(std::string_view text) {
  // RFC 8853 section 5.1: sc-str-list = sc-alt-list *(";" sc-alt-list), sc-alt-list = sc-id
  // *("," sc-id), sc-id = ["~"] rid-id. Early Firefox wrote "rid=" in front of the list.
  if (text.substr(0, 4) == "rid=") text.remove_prefix(4);
  std::vector<std::vector<SimulcastRid>> streams;
  for (const std::string_view stream : split_on(text, ';')) {
    std::vector<SimulcastRid> alternatives;
    for (std::string_view id : split_on(stream, ',')) {
      SimulcastRid rid;
      if (!id.empty() && id.front() == '~') {
        rid.paused = true;
        id.remove_prefix(1);
      }
      if (!is_rid_id(id)) return bad("bad rid \"" + std::string(id) + "\"");
      rid.id = std::string(id);
      alternatives.push_back(std::move(rid));
    }
    streams.push_back(std::move(alternatives));
  }
  if (streams.size() > kMaxRidsPerSection) return bad("more than 16 simulcast streams");
  return streams;
}

} // namespace

Result<MediaSection> parse_media_line(std::string_view value) {
  const auto words = split_words(value);
  if (words.size() < 3) return bad("expected <media> <port> <proto> <formats>");
  MediaSection m;
  if (!is_token(words[0])) return bad("bad media type");
  m.media = std::string(words[0]);
  auto [port_text, count_text] = cut(words[1], '/');
  auto port = parse_uint(port_text, 65535);
  if (!port) return bad("port must be 0-65535");
  m.port = static_cast<uint16_t>(*port);
  if (count_text) {
    auto count = parse_uint(*count_text, 65535);
    if (!count || *count == 0) return bad("bad number of ports");
    m.port_count = static_cast<uint16_t>(*count);
  }
  // proto = token *("/" token) (RFC 8866 section 9)
  for (const auto part : split_on(words[2], '/')) {
    if (!is_token(part)) return bad("bad transport protocol");
  }
  m.proto = std::string(words[2]);
  if (words.size() - 3 > kMaxCodecsPerSection) {
    return make_error(ErrorCode::payload_too_large, "more than 128 formats");
  }
  const bool rtp = m.is_rtp();
  for (size_t i = 3; i < words.size(); ++i) {
    if (rtp && !payload_type(words[i])) return bad("payload type must be 0-127");
    if (!is_token(words[i])) return bad("bad format");
    m.formats.emplace_back(words[i]);
  }
  return m;
}

Result<Origin> parse_origin(std::string_view value) {
  const auto words = split_words(value);
  if (words.size() != 6) return bad("expected 6 fields");
  for (const auto w : words) {
    if (!is_visible_ascii(w)) return bad("bad field");
  }
  Origin o;
  o.username = std::string(words[0]);
  o.session_id = std::string(words[1]);
  auto version = parse_uint(words[2], UINT64_MAX);
  if (!version) return bad("session version must be a number");
  o.session_version = *version;
  o.net_type = std::string(words[3]);
  o.address_type = std::string(words[4]);
  o.address = std::string(words[5]);
  return o;
}

Result<Connection> parse_connection(std::string_view value) {
  const auto words = split_words(value);
  if (words.size() != 3) return bad("expected <nettype> <addrtype> <address>");
  for (const auto w : words) {
    if (!is_visible_ascii(w)) return bad("bad field");
  }
  return Connection{std::string(words[0]), std::string(words[1]), std::string(words[2])};
}

Result<Rtpmap> parse_rtpmap(std::string_view value) {
  const auto words = split_words(value);
  if (words.size() != 2) return bad("expected <payload type> <encoding>/<clock rate>");
  Rtpmap r;
  auto pt = payload_type(words[0]);
  if (!pt) return bad("payload type must be 0-127");
  r.payload_type = *pt;
  const auto parts = split_on(words[1], '/');
  if (parts.size() < 2 || parts.size() > 3) return bad("expected <encoding>/<clock rate>[/<channels>]");
  if (!is_token(parts[0])) return bad("bad encoding name");
  r.encoding_name = std::string(parts[0]);
  auto rate = parse_uint(parts[1], UINT32_MAX);
  if (!rate || *rate == 0) return bad("bad clock rate");
  r.clock_rate = static_cast<uint32_t>(*rate);
  if (parts.size() == 3) {
    auto channels = parse_uint(parts[2], 255);
    if (!channels || *channels == 0) return bad("channels must be 1-255");
    r.channels = static_cast<uint32_t>(*channels);
  }
  return r;
}

Result<PayloadTypeValue> parse_payload_type_value(std::string_view value, bool allow_wildcard) {
  auto [pt_text, rest] = cut(value, ' ');
  PayloadTypeValue v;
  if (allow_wildcard && pt_text == "*") {
    v.payload_type = std::nullopt;
  } else {
    v.payload_type = payload_type(pt_text);
    if (!v.payload_type) return bad("payload type must be 0-127");
  }
  v.value = std::string(trim_spaces(rest.value_or(std::string_view{})));
  if (allow_wildcard && v.value.empty()) return bad("missing feedback type");
  return v;
}

Result<Extmap> parse_extmap(std::string_view value) {
  const auto words = split_words(value);
  if (words.size() < 2) return bad("expected <id>[/<direction>] <uri>");
  Extmap e;
  auto [id_text, direction] = cut(words[0], '/');
  auto id = parse_uint(id_text, kMaxExtmapId);
  if (!id || *id < kMinExtmapId) return bad("id must be 1-255");
  e.id = static_cast<int>(*id);
  if (direction) {
    e.direction = parse_direction(*direction);
    if (!e.direction) return bad("bad direction");
  }
  if (!is_visible_ascii(words[1])) return bad("bad URI");
  e.uri = std::string(words[1]);
  // Extension attributes are free text (RFC 8285 section 8); keep them after one space.
  const size_t uri_end = static_cast<size_t>(words[1].data() - value.data()) + words[1].size();
  e.attributes = std::string(trim_spaces(value.substr(uri_end)));
  return e;
}

Result<SsrcLine> parse_ssrc(std::string_view value) {
  auto [ssrc_text, rest] = cut(value, ' ');
  auto ssrc = parse_uint(ssrc_text, UINT32_MAX);
  if (!ssrc) return bad("SSRC must be 0-4294967295");
  if (!rest) return bad("expected <ssrc> <attribute>[:<value>]");
  auto [name, attr_value] = cut(trim_spaces(*rest), ':');
  if (!is_token(name)) return bad("bad attribute name");
  return SsrcLine{static_cast<uint32_t>(*ssrc), std::string(name), std::string(attr_value.value_or(""))};
}

Result<SsrcGroup> parse_ssrc_group(std::string_view value) {
  const auto words = split_words(value);
  if (words.size() < 2) return bad("expected <semantics> <ssrc> ...");
  if (!is_token(words[0])) return bad("bad semantics");
  SsrcGroup g;
  g.semantics = std::string(words[0]);
  for (size_t i = 1; i < words.size(); ++i) {
    auto ssrc = parse_uint(words[i], UINT32_MAX);
    if (!ssrc) return bad("SSRC must be 0-4294967295");
    g.ssrcs.push_back(static_cast<uint32_t>(*ssrc));
  }
  return g;
}

Result<Rid> parse_rid(std::string_view value) {
  const auto words = split_words(value);
  if (words.size() < 2) return bad("expected <id> send|recv [<restrictions>]");
  Rid r;
  if (!is_rid_id(words[0])) return bad("bad rid id");
  r.id = std::string(words[0]);
  if (words[1] == "send") {
    r.direction = RidDirection::send;
  } else if (words[1] == "recv") {
    r.direction = RidDirection::recv;
  } else {
    return bad("direction must be send or recv");
  }
  const size_t dir_end = static_cast<size_t>(words[1].data() - value.data()) + words[1].size();
  r.restrictions = std::string(trim_spaces(value.substr(dir_end)));
  return r;
}

Result<Simulcast> parse_simulcast(std::string_view value) {
  const auto words = split_words(value);
  if (words.empty() || words.size() % 2 != 0) return bad("expected send|recv <rid list>");
  Simulcast s;
  bool have_send = false;
  bool have_recv = false;
  for (size_t i = 0; i < words.size(); i += 2) {
    auto streams = parse_simulcast_streams(words[i + 1]);
    if (!streams) return streams.error();
    if (words[i] == "send" && !have_send) {
      have_send = true;
      s.send = std::move(*streams);
    } else if (words[i] == "recv" && !have_recv) {
      have_recv = true;
      s.recv = std::move(*streams);
    } else {
      return bad("expected one send and at most one recv list");
    }
  }
  return s;
}

Result<Msid> parse_msid(std::string_view value) {
  const auto words = split_words(value);
  if (words.empty() || words.size() > 2) return bad("expected <stream id> [<track id>]");
  for (const auto w : words) {
    if (!is_visible_ascii(w)) return bad("bad id");
  }
  return Msid{std::string(words[0]), words.size() == 2 ? std::string(words[1]) : std::string()};
}

Result<Group> parse_group(std::string_view value) {
  const auto words = split_words(value);
  if (words.empty() || !is_token(words[0])) return bad("expected <semantics> <mid> ...");
  Group g;
  g.semantics = std::string(words[0]);
  for (size_t i = 1; i < words.size(); ++i) {
    if (!is_token(words[i])) return bad("bad mid");
    g.mids.emplace_back(words[i]);
  }
  if (g.mids.size() > kMaxMediaSections) return make_error(ErrorCode::payload_too_large, "too many mids");
  return g;
}

Result<Fingerprint> parse_fingerprint(std::string_view value) {
  const auto words = split_words(value);
  if (words.size() != 2) return bad("expected <hash function> <value>");
  if (!is_token(words[0])) return bad("bad hash function");
  if (!is_hex_fingerprint(words[1])) return bad("value must be hex bytes separated by colons");
  Fingerprint f;
  for (const char c : words[0])
    f.hash_function.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  f.value = std::string(words[1]);
  return f;
}

Result<SetupRole> parse_setup(std::string_view value) {
  if (value == "actpass") return SetupRole::actpass;
  if (value == "active") return SetupRole::active;
  if (value == "passive") return SetupRole::passive;
  if (value == "holdconn") return SetupRole::holdconn;
  return bad("must be actpass, active, passive or holdconn");
}

std::optional<Direction> parse_direction(std::string_view name) noexcept {
  if (name == "sendrecv") return Direction::sendrecv;
  if (name == "sendonly") return Direction::sendonly;
  if (name == "recvonly") return Direction::recvonly;
  if (name == "inactive") return Direction::inactive;
  return std::nullopt;
}

Result<std::string> parse_ice_credential(std::string_view value) {
  if (!is_visible_ascii(value)) return bad("must be visible ASCII without spaces");
  if (value.size() > kMaxIceCredential) return bad("longer than 256 characters");
  return std::string(value);
}

} // namespace plenum::media::sdp
