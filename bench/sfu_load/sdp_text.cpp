#include "sdp_text.hpp"

#include <sstream>
#include <stdexcept>

#include "media/sdp/negotiation.hpp"
#include "peer.hpp"

namespace plenum::bench::sfu {
namespace {

constexpr int kMidExt = 4;
constexpr int kRidExt = 10;

void transport_lines(std::ostringstream& s, const Peer& peer) {
  s << "c=IN IP4 " << peer.ip() << "\r\n"
    << "a=candidate:1 1 udp 2130706431 " << peer.ip() << " " << peer.port() << " typ host\r\n"
    << "a=end-of-candidates\r\n"
    << "a=ice-ufrag:" << peer.ufrag() << "\r\n"
    << "a=ice-pwd:" << peer.pwd() << "\r\n"
    << "a=fingerprint:" << peer.fingerprint() << "\r\n"
    << "a=setup:active\r\n" // the generator is always the DTLS client
    << "a=rtcp-mux\r\n";
}

std::string session_head(const Peer& peer, const std::vector<std::string>& bundle) {
  std::ostringstream s;
  s << "v=0\r\no=- " << (1000 + peer.id()) << " 2 IN IP4 " << peer.ip() << "\r\ns=-\r\nt=0 0\r\n";
  if (!bundle.empty()) {
    s << "a=group:BUNDLE";
    for (const auto& m : bundle) s << " " << m;
    s << "\r\n";
  }
  s << "a=msid-semantic: WMS\r\n";
  return s.str();
}

} // namespace

media::sdp::SessionDescription parse_sdp(const std::string& text) {
  auto parsed = media::sdp::parse(text);
  if (!parsed) throw std::runtime_error("server SDP: " + parsed.error().message);
  return std::move(*parsed);
}

std::string publish_offer(const Peer& peer, const PublishSpec& spec) {
  std::vector<std::string> mids;
  if (spec.audio) mids.emplace_back("0");
  if (spec.video) mids.emplace_back("1");
  std::ostringstream s;
  s << session_head(peer, mids);
  const std::string stream = "load" + std::to_string(peer.id());
  if (spec.audio) {
    s << "m=audio " << peer.port() << " UDP/TLS/RTP/SAVPF 111\r\n";
    transport_lines(s, peer);
    s << "a=mid:0\r\na=extmap:" << kMidExt << " " << media::sdp::kExtMid << "\r\n"
      << "a=sendonly\r\na=msid:" << stream << " audio\r\n"
      << "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"
      << "a=ssrc:" << spec.audio_ssrc << " cname:" << stream << "\r\n"
      << "a=ssrc:" << spec.audio_ssrc << " msid:" << stream << " audio\r\n";
  }
  if (spec.video) {
    s << "m=video " << peer.port() << " UDP/TLS/RTP/SAVPF 96\r\n";
    transport_lines(s, peer);
    s << "a=mid:1\r\na=extmap:" << kMidExt << " " << media::sdp::kExtMid << "\r\n"
      << "a=extmap:" << kRidExt << " " << media::sdp::kExtRid << "\r\n"
      << "a=sendonly\r\na=msid:" << stream << " video\r\n"
      << "a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 ccm fir\r\n"
      << "a=rid:q send\r\na=rid:h send\r\na=rid:f send\r\na=simulcast:send q;h;f\r\n";
  }
  return s.str();
}

std::string answer_offer(const Peer& peer, const media::sdp::SessionDescription& offer) {
  std::vector<std::string> bundle;
  std::ostringstream body;
  for (const auto& m : offer.media) {
    const auto kind = m.kind();
    const media::sdp::Codec* codec = nullptr;
    for (const auto& c : m.codecs) {
      if ((kind == media::sdp::MediaKind::audio &&
           (c.encoding_name == "opus" || c.encoding_name == "OPUS")) ||
          (kind == media::sdp::MediaKind::video && (c.encoding_name == "VP8" || c.encoding_name == "vp8"))) {
        codec = &c;
        break;
      }
    }
    const bool take = codec && m.port != 0 && offer.effective_direction(m) != media::sdp::Direction::inactive;
    if (!take) {
      body << "m=" << m.media << " 0 " << m.proto << " " << (m.formats.empty() ? "0" : m.formats.front())
           << "\r\n"
           << "c=IN IP4 0.0.0.0\r\n";
      if (!m.mid.empty()) body << "a=mid:" << m.mid << "\r\n";
      body << "a=inactive\r\n";
      continue;
    }
    bundle.push_back(m.mid);
    body << "m=" << m.media << " " << peer.port() << " " << m.proto << " " << int{codec->payload_type}
         << "\r\n";
    transport_lines(body, peer);
    body << "a=mid:" << m.mid << "\r\n";
    for (const auto& e : m.extmaps)
      if (e.uri == media::sdp::kExtMid) body << "a=extmap:" << e.id << " " << e.uri << "\r\n";
    body << "a=recvonly\r\n"
         << "a=rtpmap:" << int{codec->payload_type} << " " << codec->encoding_name << "/" << codec->clock_rate
         << (codec->channels ? "/" + std::to_string(codec->channels) : "") << "\r\n";
    if (!codec->fmtp.empty()) body << "a=fmtp:" << int{codec->payload_type} << " " << codec->fmtp << "\r\n";
    if (kind == media::sdp::MediaKind::video)
      body << "a=rtcp-fb:" << int{codec->payload_type} << " nack\r\na=rtcp-fb:" << int{codec->payload_type}
           << " nack pli\r\n";
  }
  return session_head(peer, bundle) + body.str();
}

RemoteTransport remote_transport(const media::sdp::SessionDescription& sdp) {
  RemoteTransport r;
  for (const auto& m : sdp.media) {
    if (m.port == 0) continue;
    const auto t = sdp.effective_transport(m);
    if (r.ufrag.empty() && !t.ice_ufrag.empty()) {
      r.ufrag = t.ice_ufrag;
      r.pwd = t.ice_pwd;
    }
    if (r.fingerprint.empty() && !t.fingerprints.empty())
      r.fingerprint = t.fingerprints.front().hash_function + " " + t.fingerprints.front().value;
    for (const auto& c : m.candidates) {
      if (r.port != 0) break;
      // foundation component transport priority address port typ type ...
      std::istringstream in(c);
      std::string foundation, component, transport, priority, address, port, typ, type;
      in >> foundation >> component >> transport >> priority >> address >> port >> typ >> type;
      if (component == "1" && (transport == "udp" || transport == "UDP") &&
          address.find(':') == std::string::npos && type == "host") {
        r.ip = address;
        r.port = static_cast<uint16_t>(std::stoi(port));
      }
    }
    for (const auto& e : m.extmaps) {
      if (e.uri == media::sdp::kExtMid && r.mid_ext == 0) r.mid_ext = e.id;
      if (e.uri == media::sdp::kExtRid && r.rid_ext == 0) r.rid_ext = e.id;
    }
  }
  if (r.ufrag.empty() || r.pwd.empty() || r.fingerprint.empty() || r.port == 0)
    throw std::runtime_error("server SDP without ICE credentials, fingerprint or a UDP IPv4 host candidate");
  return r;
}

} // namespace plenum::bench::sfu
