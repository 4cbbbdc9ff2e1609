#pragma once
// The media side of the load generator: every peer connection's socket in one epoll set, the
// publishers' pacing (each sender sends its next frame when due), ICE/DTLS timers, and the
// receive totals of all subscribers. One thread: the caller alternates turn() with the
// signaling's io_context.

#include <memory>
#include <queue>
#include <vector>

#include "media_source.hpp"
#include "peer.hpp"
#include "sdp_text.hpp"

namespace plenum::bench::sfu {

struct MediaSet {
  MediaTrack audio;
  MediaTrack video[3]; // q, h, f
};

class Generator {
 public:
  Generator(std::string bind_ip, const MediaSet& media);
  ~Generator();

  Peer& add_peer();
  // Publisher: fills `spec` (SSRCs) before the offer is written...
  PublishSpec publish_spec(bool audio, bool video);
  // ...and starts sending once the answer was applied (frames go out once DTLS is up).
  void start_sending(Peer& peer, const PublishSpec& spec, int mid_ext, int rid_ext);

  // One loop turn: waits up to `max_wait_ms` for sockets, handles them, sends due frames.
  void turn(int max_wait_ms);

  ReceiveTotals& totals() { return totals_; }
  uint64_t sent_packets() const;
  size_t peers() const { return peers_.size(); }
  size_t connected_peers() const;
  std::vector<std::string> unconnected_states(size_t max) const;
  uint64_t expected_packets() const;
  size_t silent_receivers() const; // connected subscribe peers that got nothing

 private:
  struct Due {
    double at;
    Peer* peer;
    size_t sender;
    bool operator>(const Due& o) const { return at > o.at; }
  };
  std::string bind_ip_;
  const MediaSet& media_;
  std::shared_ptr<const media::dtls::DtlsCertificate> certificate_;
  int epoll_ = -1;
  uint32_t next_id_ = 1;
  uint32_t next_ssrc_ = 0x10000000;
  std::vector<std::unique_ptr<Peer>> peers_;
  std::vector<Peer*> subscribers_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;
  std::vector<Peer*> dirty_;
  double next_tick_ = 0;
  ReceiveTotals totals_;
};

} // namespace plenum::bench::sfu
