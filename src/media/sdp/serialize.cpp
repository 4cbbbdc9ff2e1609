// SDP text from a SessionDescription: v, o, s, c, t, then attributes in the order libwebrtc
// writes them (what browsers parse most reliably).
#include <string>

#include "media/sdp/session_description.hpp"

namespace plenum::media::sdp {
namespace {

class Writer {
 public:
  void line(char type, std::string_view value) {
    out_.push_back(type);
    out_.push_back('=');
    out_.append(value);
    out_.append("\r\n");
  }
  void attribute(std::string_view name) { line('a', name); }
  void attribute(std::string_view name, std::string_view value) {
    out_.append("a=");
    out_.append(name);
    out_.push_back(':');
    out_.append(value);
    out_.append("\r\n");
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string connection_value(const Connection& c) {
  return c.net_type + " " + c.address_type + " " + c.address;
}

void write_transport(Writer& w, const TransportAttributes& t) {
  if (!t.ice_ufrag.empty()) w.attribute("ice-ufrag", t.ice_ufrag);
  if (!t.ice_pwd.empty()) w.attribute("ice-pwd", t.ice_pwd);
  if (!t.ice_options.empty()) {
    std::string v;
    for (const auto& o : t.ice_options) v += (v.empty() ? "" : " ") + o;
    w.attribute("ice-options", v);
  }
  for (const auto& f : t.fingerprints) w.attribute("fingerprint", f.hash_function + " " + f.value);
  if (t.setup) w.attribute("setup", to_string(*t.setup));
}

void write_unknown(Writer& w, const std::vector<Attribute>& attributes) {
  for (const auto& a : attributes) {
    if (a.value) {
      w.attribute(a.name, *a.value);
    } else {
      w.attribute(a.name);
    }
  }
}

std::string simulcast_list(const std::vector<std::vector<SimulcastRid>>& streams) {
  std::string v;
  for (size_t i = 0; i < streams.size(); ++i) {
    if (i > 0) v.push_back(';');
    for (size_t k = 0; k < streams[i].size(); ++k) {
      if (k > 0) v.push_back(',');
      if (streams[i][k].paused) v.push_back('~');
      v += streams[i][k].id;
    }
  }
  return v;
}

void write_codecs(Writer& w, const MediaSection& m) {
  for (const auto& c : m.codecs) {
    const std::string pt = std::to_string(c.payload_type);
    if (!c.encoding_name.empty()) {
      std::string v = pt + " " + c.encoding_name + "/" + std::to_string(c.clock_rate);
      if (c.channels != 0) v += "/" + std::to_string(c.channels);
      w.attribute("rtpmap", v);
    }
    for (const auto& fb : c.rtcp_fb) {
      std::string v = pt;
      v.push_back(' ');
      v += fb;
      w.attribute("rtcp-fb", v);
    }
    if (!c.fmtp.empty()) w.attribute("fmtp", pt + " " + c.fmtp);
  }
  for (const auto& fb : m.rtcp_fb_wildcard) w.attribute("rtcp-fb", "* " + fb);
}

void write_section(Writer& w, const MediaSection& m) {
  std::string mline = m.media + " " + std::to_string(m.port);
  if (m.port_count != 0) mline += "/" + std::to_string(m.port_count);
  mline += " " + m.proto;
  for (const auto& f : m.formats) mline += " " + f;
  w.line('m', mline);
  if (m.connection) w.line('c', connection_value(*m.connection));
  for (const auto& l : m.other_lines) w.line(l.type, l.value);

  write_transport(w, m.transport);
  if (!m.mid.empty()) w.attribute("mid", m.mid);
  for (const auto& e : m.extmaps) {
    std::string v = std::to_string(e.id);
    if (e.direction) v += "/" + std::string(to_string(*e.direction));
    v += " " + e.uri;
    if (!e.attributes.empty()) v += " " + e.attributes;
    w.attribute("extmap", v);
  }
  if (m.direction) w.attribute(to_string(*m.direction));
  for (const auto& s : m.msids)
    w.attribute("msid", s.track_id.empty() ? s.stream_id : s.stream_id + " " + s.track_id);
  if (m.rtcp_mux) w.attribute("rtcp-mux");
  if (m.rtcp_rsize) w.attribute("rtcp-rsize");
  write_codecs(w, m);
  for (const auto& g : m.ssrc_groups) {
    std::string v = g.semantics;
    for (const uint32_t s : g.ssrcs) v += " " + std::to_string(s);
    w.attribute("ssrc-group", v);
  }
  for (const auto& s : m.ssrcs) {
    std::string v = std::to_string(s.ssrc) + " " + s.attribute;
    if (!s.value.empty()) v += ":" + s.value;
    w.attribute("ssrc", v);
  }
  for (const auto& r : m.rids) {
    std::string v = r.id + (r.direction == RidDirection::send ? " send" : " recv");
    if (!r.restrictions.empty()) v += " " + r.restrictions;
    w.attribute("rid", v);
  }
  if (m.simulcast) {
    std::string v;
    if (!m.simulcast->send.empty()) v = "send " + simulcast_list(m.simulcast->send);
    if (!m.simulcast->recv.empty()) v += (v.empty() ? "recv " : " recv ") + simulcast_list(m.simulcast->recv);
    w.attribute("simulcast", v);
  }
  for (const auto& c : m.candidates) w.attribute("candidate", c);
  if (m.end_of_candidates) w.attribute("end-of-candidates");
  write_unknown(w, m.attributes);
}

} // namespace

std::string serialize(const SessionDescription& d) {
  Writer w;
  w.line('v', "0");
  const Origin& o = d.origin;
  w.line('o', o.username + " " + o.session_id + " " + std::to_string(o.session_version) + " " + o.net_type +
                  " " + o.address_type + " " + o.address);
  w.line('s', d.session_name);
  if (d.connection) w.line('c', connection_value(*d.connection));
  w.line('t', d.timing);
  // Other lines (i=, b=, r=, ...) keep their relative order, which is what a round trip needs;
  // the descriptions we write ourselves have none.
  for (const auto& l : d.other_lines) w.line(l.type, l.value);

  for (const auto& g : d.groups) {
    std::string v = g.semantics;
    for (const auto& mid : g.mids) v += " " + mid;
    w.attribute("group", v);
  }
  if (d.ice_lite) w.attribute("ice-lite");
  write_transport(w, d.transport);
  if (d.direction) w.attribute(to_string(*d.direction));
  if (d.msid_semantic) w.attribute("msid-semantic", d.msid_semantic->empty() ? "" : " " + *d.msid_semantic);
  write_unknown(w, d.attributes);

  for (const auto& m : d.media) write_section(w, m);
  return w.take();
}

} // namespace plenum::media::sdp
