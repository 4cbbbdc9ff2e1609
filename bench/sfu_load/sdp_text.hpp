#pragma once
// The load generator's side of SDP: the publish offer it sends (Opus and/or VP8 with rid
// simulcast q;h;f, RFC 8853), the answer it gives to a server's offer (Plenum's subscribe_offer,
// Janus's subscriber offer), and what it reads from the server's SDP (parsed with the project's
// media/sdp parser): ICE credentials, DTLS fingerprint, the first UDP host candidate, extmap ids.

#include <cstdint>
#include <string>
#include <vector>

#include "media/sdp/session_description.hpp"

namespace plenum::bench::sfu {

class Peer;

struct PublishSpec {
  bool audio = true;
  bool video = true;
  uint32_t audio_ssrc = 0;
  std::vector<uint32_t> video_ssrcs; // q, h, f (rid simulcast: only for a=ssrc-less bookkeeping)
};

std::string publish_offer(const Peer& peer, const PublishSpec& spec);
// Accepts every audio/video section of `offer` (Opus, VP8) as recvonly, rejects anything else.
std::string answer_offer(const Peer& peer, const media::sdp::SessionDescription& offer);

struct RemoteTransport {
  std::string ufrag;
  std::string pwd;
  std::string fingerprint; // "sha-256 AB:CD:..."
  std::string ip;
  uint16_t port = 0;
  int mid_ext = 0; // from the first section that has them
  int rid_ext = 0;
};
// Throws std::runtime_error when the SDP has no usable credentials or UDP IPv4 candidate.
RemoteTransport remote_transport(const media::sdp::SessionDescription& sdp);
media::sdp::SessionDescription parse_sdp(const std::string& text);

} // namespace plenum::bench::sfu
