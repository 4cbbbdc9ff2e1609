// The SDP parser: splits lines, checks them (length, UTF-8, control characters), and builds a
// SessionDescription. Attribute values are parsed by attributes.cpp.
#include "media/sdp/session_description.hpp"

#include <array>
#include <string>

#include "base/utf8.hpp"
#include "media/sdp/attributes.hpp"
#include "media/sdp/tokens.hpp"

namespace plenum::media::sdp {

std::string_view to_string(Direction direction) noexcept {
  switch (direction) {
    case Direction::sendrecv: return "sendrecv";
    case Direction::sendonly: return "sendonly";
    case Direction::recvonly: return "recvonly";
    case Direction::inactive: return "inactive";
  }
  return "sendrecv";
}

std::string_view to_string(SetupRole role) noexcept {
  switch (role) {
    case SetupRole::actpass: return "actpass";
    case SetupRole::active: return "active";
    case SetupRole::passive: return "passive";
    case SetupRole::holdconn: return "holdconn";
  }
  return "actpass";
}

Direction reverse(Direction direction) noexcept {
  if (direction == Direction::sendonly) return Direction::recvonly;
  if (direction == Direction::recvonly) return Direction::sendonly;
  return direction;
}

MediaKind MediaSection::kind() const noexcept {
  if (media == "audio") return MediaKind::audio;
  if (media == "video") return MediaKind::video;
  if (media == "application") return MediaKind::application;
  return MediaKind::other;
}

bool MediaSection::is_rtp() const noexcept { return proto.find("RTP/") != std::string::npos; }

const Codec* MediaSection::find_codec(uint8_t payload_type) const noexcept {
  for (const auto& c : codecs) {
    if (c.payload_type == payload_type) return &c;
  }
  return nullptr;
}

std::vector<SsrcInfo> MediaSection::ssrc_infos() const {
  std::vector<SsrcInfo> infos;
  for (const auto& line : ssrcs) {
    SsrcInfo* info = nullptr;
    for (auto& i : infos) {
      if (i.ssrc == line.ssrc) info = &i;
    }
    if (info == nullptr) info = &infos.emplace_back(SsrcInfo{line.ssrc, {}, {}});
    if (line.attribute == "cname" && info->cname.empty()) info->cname = line.value;
    if (line.attribute == "msid" && info->msid.empty()) info->msid = line.value;
  }
  return infos;
}

const std::vector<std::string>* SessionDescription::bundle_group() const noexcept {
  for (const auto& g : groups) {
    if (g.semantics == "BUNDLE") return &g.mids;
  }
  return nullptr;
}

TransportAttributes SessionDescription::effective_transport(const MediaSection& section) const {
  TransportAttributes t = transport;
  const TransportAttributes& m = section.transport;
  if (!m.ice_ufrag.empty()) t.ice_ufrag = m.ice_ufrag;
  if (!m.ice_pwd.empty()) t.ice_pwd = m.ice_pwd;
  if (!m.ice_options.empty()) t.ice_options = m.ice_options;
  if (!m.fingerprints.empty()) t.fingerprints = m.fingerprints;
  if (m.setup) t.setup = m.setup;
  return t;
}

Direction SessionDescription::effective_direction(const MediaSection& section) const noexcept {
  return section.direction.value_or(direction.value_or(Direction::sendrecv));
}

namespace {

Error too_large(std::string message) { return make_error(ErrorCode::payload_too_large, std::move(message)); }

// a=fmtp and a=rtcp-fb may come before their a=rtpmap (Firefox writes all rtpmaps last), so
// they are attached when the section ends.
struct PendingValue {
  uint8_t payload_type = 0;
  std::string value;
  std::string raw; // the attribute value as written, kept if the payload type is unknown
};

class Parser {
 public:
  Result<SessionDescription> run(std::string_view text);

 private:
  Result<void> line(char type, std::string_view value);
  Result<void> session_line(char type, std::string_view value);
  Result<void> session_attribute(std::string_view name, std::optional<std::string_view> value);
  Result<void> media_attribute(std::string_view name, std::optional<std::string_view> value);
  // ICE/DTLS attributes valid at both levels; sets *handled.
  Result<void> transport_attribute(TransportAttributes& t, std::string_view name,
                                   std::optional<std::string_view> value, bool* handled);
  Result<void> start_section(std::string_view value);
  Result<void> finish_section();

  Error error(const std::string& what) const { return at(ErrorCode::bad_request, what); }
  Error at(ErrorCode code, const std::string& what) const {
    return make_error(code, "line " + std::to_string(line_) + ": " + what);
  }
  // Prefixes a parser error with the line number and the attribute name.
  Error wrap(const Error& e, std::string_view what) const {
    return at(e.code, std::string(what) + ": " + e.message);
  }

  SessionDescription d_;
  MediaSection* section_ = nullptr;
  size_t line_ = 0;
  bool have_origin_ = false;
  bool have_session_name_ = false;
  bool have_timing_ = false;
  std::vector<PendingValue> fmtps_;
  std::vector<PendingValue> feedback_;
};

Result<SessionDescription> Parser::run(std::string_view text) {
  if (text.size() > kMaxSdpSize) {
    return too_large("SDP is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                     std::to_string(kMaxSdpSize));
  }
  bool have_version = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.size() > kMaxLineLength) {
      return at(ErrorCode::payload_too_large, "longer than " + std::to_string(kMaxLineLength) + " bytes");
    }
    if (l.empty()) continue; // tolerated: some stacks end with a blank line
    if (!utf8::valid(l)) return error("not valid UTF-8");
    if (utf8::has_control_chars(l)) return error("control character");
    if (l.size() < 2 || l[1] != '=' || l[0] < 'a' || l[0] > 'z') return error("expected <type>=<value>");
    if (!have_version) {
      if (l != "v=0") return error("an SDP starts with v=0");
      have_version = true;
      continue;
    }
    if (auto r = line(l[0], l.substr(2)); !r) return r.error();
  }
  if (!have_version) return make_error(ErrorCode::bad_request, "empty SDP");
  if (auto r = finish_section(); !r) return r.error();
  if (!have_origin_) return make_error(ErrorCode::bad_request, "missing o= line");
  return std::move(d_);
}

Result<void> Parser::line(char type, std::string_view value) {
  if (type == 'm') return start_section(value);
  if (section_ == nullptr) return session_line(type, value);
  if (type == 'v' || type == 'o' || type == 's')
    return error(std::string(1, type) + "= inside a media section");
  if (type == 'c') {
    if (section_->connection) return error("second c= line in a media section");
    auto c = parse_connection(value);
    if (!c) return wrap(c.error(), "c= line");
    section_->connection = std::move(*c);
    return {};
  }
  if (type == 'a') {
    auto [name, attr_value] = cut(value, ':');
    if (!is_token(name)) return error("bad attribute name");
    return media_attribute(name, attr_value);
  }
  section_->other_lines.push_back(Line{type, std::string(value)});
  return {};
}

Result<void> Parser::session_line(char type, std::string_view value) {
  switch (type) {
    case 'v': return error("second v= line");
    case 'o': {
      if (have_origin_) return error("second o= line");
      auto o = parse_origin(value);
      if (!o) return wrap(o.error(), "o= line");
      d_.origin = std::move(*o);
      have_origin_ = true;
      return {};
    }
    case 's':
      if (have_session_name_) return error("second s= line");
      have_session_name_ = true;
      d_.session_name = std::string(value);
      return {};
    case 'c': {
      if (d_.connection) return error("second c= line");
      auto c = parse_connection(value);
      if (!c) return wrap(c.error(), "c= line");
      d_.connection = std::move(*c);
      return {};
    }
    case 't':
      if (have_timing_) break; // repeated t= lines are kept as other lines
      have_timing_ = true;
      d_.timing = std::string(value);
      return {};
    case 'a': {
      auto [name, attr_value] = cut(value, ':');
      if (!is_token(name)) return error("bad attribute name");
      return session_attribute(name, attr_value);
    }
    default: break;
  }
  d_.other_lines.push_back(Line{type, std::string(value)});
  return {};
}

Result<void> Parser::transport_attribute(TransportAttributes& t, std::string_view name,
                                         std::optional<std::string_view> value, bool* handled) {
  *handled = true;
  const std::string_view v = value.value_or(std::string_view{});
  const std::string label = "a=" + std::string(name);
  if (name == "ice-ufrag" || name == "ice-pwd") {
    std::string& field = name == "ice-ufrag" ? t.ice_ufrag : t.ice_pwd;
    if (!field.empty()) return error("second " + label);
    auto c = parse_ice_credential(v);
    if (!c) return wrap(c.error(), label);
    field = std::move(*c);
    return {};
  }
  if (name == "ice-options") {
    if (!t.ice_options.empty()) return error("second " + label);
    const auto words = split_words(v);
    if (words.empty()) return error(label + ": empty");
    for (const auto w : words) {
      if (!is_token(w)) return error(label + ": bad option");
      t.ice_options.emplace_back(w);
    }
    return {};
  }
  if (name == "fingerprint") {
    if (t.fingerprints.size() >= kMaxFingerprints) {
      return at(ErrorCode::payload_too_large, "more than " + std::to_string(kMaxFingerprints) + " " + label);
    }
    auto f = parse_fingerprint(v);
    if (!f) return wrap(f.error(), label);
    t.fingerprints.push_back(std::move(*f));
    return {};
  }
  if (name == "setup") {
    if (t.setup) return error("second " + label);
    auto s = parse_setup(v);
    if (!s) return wrap(s.error(), label);
    t.setup = *s;
    return {};
  }
  *handled = false;
  return {};
}

Result<void> Parser::session_attribute(std::string_view name, std::optional<std::string_view> value) {
  bool handled = false;
  if (auto r = transport_attribute(d_.transport, name, value, &handled); !r || handled) return r;
  if (name == "group" && value) {
    auto g = parse_group(*value);
    if (!g) return wrap(g.error(), "a=group");
    d_.groups.push_back(std::move(*g));
    return {};
  }
  if (name == "ice-lite" && !value) {
    d_.ice_lite = true;
    return {};
  }
  if (name == "msid-semantic" && value && !d_.msid_semantic) {
    std::string_view v = *value;
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    d_.msid_semantic = std::string(v);
    return {};
  }
  if (auto dir = parse_direction(name); dir && !value) {
    if (d_.direction) return error("second direction attribute");
    d_.direction = dir;
    return {};
  }
  d_.attributes.push_back(
      Attribute{std::string(name), value ? std::optional<std::string>(*value) : std::nullopt});
  return {};
}

Result<void> Parser::media_attribute(std::string_view name, std::optional<std::string_view> value) {
  MediaSection& m = *section_;
  bool handled = false;
  if (auto r = transport_attribute(m.transport, name, value, &handled); !r || handled) return r;
  const std::string_view v = value.value_or(std::string_view{});
  const std::string label = "a=" + std::string(name);
  auto limit = [&](size_t count, size_t max) -> Result<void> {
    if (count < max) return {};
    return at(ErrorCode::payload_too_large, "more than " + std::to_string(max) + " " + label + " lines");
  };
  if (!value) {
    if (auto dir = parse_direction(name)) {
      if (m.direction) return error("second direction attribute");
      m.direction = dir;
      return {};
    }
    bool* flag = name == "rtcp-mux"            ? &m.rtcp_mux
                 : name == "rtcp-rsize"        ? &m.rtcp_rsize
                 : name == "end-of-candidates" ? &m.end_of_candidates
                                               : nullptr;
    if (flag != nullptr) {
      *flag = true;
      return {};
    }
  } else if (name == "mid") {
    if (!m.mid.empty()) return error("second a=mid");
    if (!is_token(v)) return error("a=mid: bad identification tag");
    for (const auto& other : d_.media) {
      if (&other != &m && other.mid == v) return error("a=mid: \"" + std::string(v) + "\" used twice");
    }
    m.mid = std::string(v);
    return {};
  } else if (name == "rtpmap") {
    if (auto r = limit(m.codecs.size(), kMaxCodecsPerSection); !r) return r;
    auto r = parse_rtpmap(v);
    if (!r) return wrap(r.error(), label);
    if (m.find_codec(r->payload_type) != nullptr) {
      return error(label + ": payload type " + std::to_string(r->payload_type) + " mapped twice");
    }
    m.codecs.push_back(
        Codec{r->payload_type, std::move(r->encoding_name), r->clock_rate, r->channels, {}, {}});
    return {};
  } else if (name == "fmtp" || name == "rtcp-fb") {
    const bool feedback = name == "rtcp-fb";
    auto p = parse_payload_type_value(v, feedback);
    if (!p) return wrap(p.error(), label);
    if (!p->payload_type) {
      m.rtcp_fb_wildcard.push_back(std::move(p->value));
      return {};
    }
    auto& pending = feedback ? feedback_ : fmtps_;
    if (!feedback) {
      for (const auto& f : pending) {
        if (f.payload_type == *p->payload_type) {
          return error(label + ": second a=fmtp for payload type " + std::to_string(f.payload_type));
        }
      }
    }
    // Bounded: at most 128 distinct fmtp payload types; feedback lines by the text size.
    pending.push_back(PendingValue{*p->payload_type, std::move(p->value), std::string(v)});
    return {};
  } else if (name == "extmap") {
    if (auto r = limit(m.extmaps.size(), kMaxExtmapsPerSection); !r) return r;
    auto e = parse_extmap(v);
    if (!e) return wrap(e.error(), label);
    for (const auto& other : m.extmaps) {
      if (other.id == e->id) return error(label + ": id " + std::to_string(e->id) + " used twice");
    }
    m.extmaps.push_back(std::move(*e));
    return {};
  } else if (name == "ssrc") {
    if (auto r = limit(m.ssrcs.size(), kMaxSsrcLinesPerSection); !r) return r;
    auto s = parse_ssrc(v);
    if (!s) return wrap(s.error(), label);
    m.ssrcs.push_back(std::move(*s));
    return {};
  } else if (name == "ssrc-group") {
    if (auto r = limit(m.ssrc_groups.size(), kMaxSsrcGroupsPerSection); !r) return r;
    auto g = parse_ssrc_group(v);
    if (!g) return wrap(g.error(), label);
    m.ssrc_groups.push_back(std::move(*g));
    return {};
  } else if (name == "rid") {
    if (auto r = limit(m.rids.size(), kMaxRidsPerSection); !r) return r;
    auto rid = parse_rid(v);
    if (!rid) return wrap(rid.error(), label);
    for (const auto& other : m.rids) {
      if (other.id == rid->id) return error(label + ": rid \"" + rid->id + "\" used twice");
    }
    m.rids.push_back(std::move(*rid));
    return {};
  } else if (name == "simulcast") {
    if (m.simulcast) return error("second " + label);
    auto s = parse_simulcast(v);
    if (!s) return wrap(s.error(), label);
    m.simulcast = std::move(*s);
    return {};
  } else if (name == "msid") {
    if (auto r = limit(m.msids.size(), kMaxMsidsPerSection); !r) return r;
    auto s = parse_msid(v);
    if (!s) return wrap(s.error(), label);
    m.msids.push_back(std::move(*s));
    return {};
  } else if (name == "candidate") {
    if (auto r = limit(m.candidates.size(), kMaxCandidatesPerSection); !r) return r;
    const std::string_view c = trim_spaces(v);
    if (c.empty()) return error(label + ": empty");
    m.candidates.emplace_back(c);
    return {};
  }
  m.attributes.push_back(
      Attribute{std::string(name), value ? std::optional<std::string>(*value) : std::nullopt});
  return {};
}

Result<void> Parser::start_section(std::string_view value) {
  if (auto r = finish_section(); !r) return r;
  if (d_.media.size() >= kMaxMediaSections) {
    return at(ErrorCode::payload_too_large,
              "more than " + std::to_string(kMaxMediaSections) + " media sections");
  }
  auto m = parse_media_line(value);
  if (!m) return wrap(m.error(), "m= line");
  section_ = &d_.media.emplace_back(std::move(*m));
  return {};
}

Result<void> Parser::finish_section() {
  if (section_ == nullptr) return {};
  MediaSection& m = *section_;
  // A payload type of the m= line without a=rtpmap (a static type) still gets its fmtp and
  // rtcp-fb; those codecs follow the mapped ones in the order of the m= line.
  std::array<bool, kMaxPayloadType + 1> orphan{};
  for (const auto* list : {&fmtps_, &feedback_}) {
    for (const auto& p : *list) {
      if (m.find_codec(p.payload_type) == nullptr && !(list == &fmtps_ && p.value.empty())) {
        orphan.at(p.payload_type) = true;
      }
    }
  }
  for (const auto& f : m.formats) {
    auto pt = parse_uint(f, kMaxPayloadType);
    if (pt && orphan.at(*pt) && m.find_codec(static_cast<uint8_t>(*pt)) == nullptr) {
      m.codecs.push_back(Codec{static_cast<uint8_t>(*pt), {}, 0, 0, {}, {}});
    }
  }
  auto attach = [&m](std::vector<PendingValue>& list, std::string_view name, bool feedback) {
    for (auto& p : list) {
      if (!feedback && p.value.empty()) continue; // an empty a=fmtp says nothing
      Codec* codec = nullptr;
      for (auto& c : m.codecs) {
        if (c.payload_type == p.payload_type) codec = &c;
      }
      if (codec == nullptr) {
        m.attributes.push_back(Attribute{std::string(name), std::move(p.raw)});
      } else if (feedback) {
        codec->rtcp_fb.push_back(std::move(p.value));
      } else {
        codec->fmtp = std::move(p.value);
      }
    }
    list.clear();
  };
  attach(fmtps_, "fmtp", false);
  attach(feedback_, "rtcp-fb", true);
  section_ = nullptr;
  return {};
}

} // namespace

Result<SessionDescription> parse(std::string_view text) { return Parser().run(text); }

} // namespace plenum::media::sdp
