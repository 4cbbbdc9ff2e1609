#include "generator.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <stdexcept>

namespace plenum::bench::sfu {

Generator::Generator(std::string bind_ip, const MediaSet& media)
    : bind_ip_(std::move(bind_ip)), media_(media) {
  auto cert = media::dtls::DtlsCertificate::generate();
  if (!cert) throw std::runtime_error("certificate: " + cert.error().message);
  certificate_ = *cert;
  epoll_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_ < 0) throw std::runtime_error("epoll_create1");
}

Generator::~Generator() {
  if (epoll_ >= 0) ::close(epoll_);
}

Peer& Generator::add_peer() {
  peers_.push_back(std::make_unique<Peer>(next_id_++, bind_ip_, certificate_));
  Peer& p = *peers_.back();
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = &p;
  epoll_ctl(epoll_, EPOLL_CTL_ADD, p.fd(), &ev);
  return p;
}

PublishSpec Generator::publish_spec(bool audio, bool video) {
  PublishSpec spec;
  spec.audio = audio;
  spec.video = video;
  spec.audio_ssrc = next_ssrc_++;
  for (int i = 0; i < 3; ++i) spec.video_ssrcs.push_back(next_ssrc_++);
  return spec;
}

void Generator::start_sending(Peer& peer, const PublishSpec& spec, int mid_ext, int rid_ext) {
  peer.set_extension_ids(static_cast<uint8_t>(mid_ext ? mid_ext : 4),
                         static_cast<uint8_t>(rid_ext ? rid_ext : 10));
  static std::mt19937 rng{42};
  const double now = monotonic_seconds();
  std::uniform_real_distribution<double> offset(0, 0.033); // publishers do not send in lockstep
  const double start = now + offset(rng);
  auto& senders = peer.senders();
  if (spec.audio) {
    Sender s;
    s.track = &media_.audio;
    s.ssrc = spec.audio_ssrc;
    s.payload_type = 111;
    s.mid = "0";
    s.seq = static_cast<uint16_t>(rng());
    s.timestamp = static_cast<uint32_t>(rng());
    s.next_send = start;
    senders.push_back(s);
  }
  if (spec.video) {
    static const char* kRids[] = {"q", "h", "f"};
    for (int i = 0; i < 3; ++i) {
      Sender s;
      s.track = &media_.video[i];
      s.ssrc = spec.video_ssrcs[static_cast<size_t>(i)];
      s.payload_type = 96;
      s.mid = "1";
      s.rid = kRids[i];
      s.seq = static_cast<uint16_t>(rng());
      s.timestamp = static_cast<uint32_t>(rng());
      s.next_send = start;
      senders.push_back(s);
    }
  }
  for (size_t i = 0; i < senders.size(); ++i) due_.push({senders[i].next_send, &peer, i});
}

void Generator::turn(int max_wait_ms) {
  double now = monotonic_seconds();
  int wait = max_wait_ms;
  if (!due_.empty()) wait = std::clamp(static_cast<int>((due_.top().at - now) * 1000), 0, max_wait_ms);
  epoll_event events[64];
  const int n = epoll_wait(epoll_, events, 64, wait);
  for (int i = 0; i < n; ++i) {
    auto* p = static_cast<Peer*>(events[i].data.ptr);
    const bool was_connected = p->connected();
    p->on_readable(totals_);
    dirty_.push_back(p);
    (void)was_connected;
  }
  now = monotonic_seconds();
  while (!due_.empty() && due_.top().at <= now) {
    Due d = due_.top();
    due_.pop();
    Sender& s = d.peer->senders()[d.sender];
    d.peer->send_frame(s);
    dirty_.push_back(d.peer);
    s.next_send += s.track->frame_interval_s;
    if (s.next_send < now - 1) s.next_send = now; // fell far behind (machine saturated): do not burst
    due_.push({s.next_send, d.peer, d.sender});
  }
  if (now >= next_tick_) {
    for (auto& p : peers_) {
      p->tick(now);
      dirty_.push_back(p.get());
    }
    next_tick_ = now + 0.02;
  }
  std::sort(dirty_.begin(), dirty_.end());
  dirty_.erase(std::unique(dirty_.begin(), dirty_.end()), dirty_.end());
  for (Peer* p : dirty_) p->flush();
  dirty_.clear();
}

uint64_t Generator::sent_packets() const {
  uint64_t n = 0;
  for (const auto& p : peers_)
    for (const auto& s : p->senders()) n += s.sent;
  return n;
}

size_t Generator::connected_peers() const {
  return static_cast<size_t>(
      std::count_if(peers_.begin(), peers_.end(), [](const auto& p) { return p->connected(); }));
}

std::vector<std::string> Generator::unconnected_states(size_t max) const {
  std::vector<std::string> out;
  for (const auto& p : peers_)
    if (!p->connected() && out.size() < max)
      out.push_back("peer " + std::to_string(p->id()) + ": " + p->state());
  return out;
}

uint64_t Generator::expected_packets() const {
  uint64_t n = 0;
  for (const auto& p : peers_) n += p->expected_packets();
  return n;
}

size_t Generator::silent_receivers() const {
  size_t n = 0;
  for (const auto& p : peers_)
    if (p->senders().empty() && p->connected() && p->received_packets() == 0) ++n;
  return n;
}

} // namespace plenum::bench::sfu
