#include "peer.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <random>
#include <stdexcept>

#include "media/demux.hpp"

namespace plenum::bench::sfu {
namespace {

using namespace plenum::media;

constexpr uint8_t kMagic[4] = {'P', 'L', 'N', 'M'};
constexpr size_t kBatch = 32;
constexpr size_t kBuffer = 2048;
constexpr double kCheckInterval = 0.05;  // until the first success
constexpr double kConsentInterval = 2.0; // RFC 7675 consent freshness (server side expects ~5 s)

int64_t realtime_ns() {
  timespec t{};
  clock_gettime(CLOCK_REALTIME, &t);
  return int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec;
}

std::string random_token(size_t n) {
  static std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string s(n, 'x');
  for (auto& c : s) c = kChars[rng() % (sizeof kChars - 1)];
  return s;
}

SocketAddress to_stun(const sockaddr_in& a) {
  std::array<uint8_t, 4> ip{};
  std::memcpy(ip.data(), &a.sin_addr, 4);
  return SocketAddress::v4(ip, ntohs(a.sin_port));
}

// Receive buffers shared by every peer (one thread).
struct RecvBuffers {
  std::array<std::array<uint8_t, kBuffer>, kBatch> data{};
  std::array<sockaddr_in, kBatch> from{};
  std::array<std::array<uint8_t, 64>, kBatch> control{};
  std::array<iovec, kBatch> iov{};
  std::array<mmsghdr, kBatch> msgs{};
};
RecvBuffers& recv_buffers() {
  static RecvBuffers b;
  return b;
}

} // namespace

double monotonic_seconds() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

void LatencyHistogram::add(int64_t us) {
  if (us < 0) us = 0;
  ++bins[static_cast<size_t>(std::min<int64_t>(us, static_cast<int64_t>(bins.size()) - 1))];
  ++count;
}

double LatencyHistogram::percentile(double pct) const {
  if (count == 0) return 0;
  const auto rank = static_cast<uint64_t>(pct / 100.0 * static_cast<double>(count));
  uint64_t seen = 0;
  for (size_t i = 0; i < bins.size(); ++i) {
    seen += bins[i];
    if (seen > rank) return static_cast<double>(i);
  }
  return static_cast<double>(bins.size() - 1);
}

void LatencyHistogram::clear() {
  std::fill(bins.begin(), bins.end(), 0);
  count = 0;
}

Peer::Peer(uint32_t id, const std::string& bind_ip, std::shared_ptr<const dtls::DtlsCertificate> certificate)
    : id_(id),
      ip_(bind_ip),
      ufrag_(random_token(8)),
      pwd_(random_token(24)),
      certificate_(std::move(certificate)),
      local_key_(pwd_),
      out_(kBatch),
      out_len_(kBatch, 0) {
  fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  const int on = 1;
  setsockopt(fd_, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
  const int buffer = 1 << 20; // bursts of a whole key frame per subscriber must not overflow
  if (setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof buffer) != 0)
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  inet_pton(AF_INET, bind_ip.c_str(), &a.sin_addr);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
    throw std::runtime_error("bind " + bind_ip + ": " + std::strerror(errno));
  socklen_t len = sizeof a;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
}

Peer::~Peer() {
  if (fd_ >= 0) ::close(fd_);
}

const std::string& Peer::fingerprint() const { return certificate_->sdp_fingerprint(); }

void Peer::set_remote(const std::string& ufrag, const std::string& pwd, const std::string& fingerprint,
                      const std::string& ip, uint16_t port) {
  if (remote_set_ && ufrag == remote_ufrag_) return; // a renegotiation on the same transport
  remote_ufrag_ = ufrag;
  remote_key_.emplace(pwd);
  remote_fingerprint_ = fingerprint;
  remote_ = {};
  remote_.sin_family = AF_INET;
  remote_.sin_port = htons(port);
  if (inet_pton(AF_INET, ip.c_str(), &remote_.sin_addr) != 1)
    throw std::runtime_error("bad candidate address " + ip);
  remote_set_ = true;
  next_check_ = 0;
}

bool Peer::failed() const { return dtls_ && dtls_->state() == dtls::DtlsState::failed; }

std::string Peer::state() const {
  if (!remote_set_) return "no remote description";
  if (!ice_ok_) return "ICE: " + std::to_string(checks_sent_) + " checks unanswered";
  if (!dtls_) return "ICE ok, no DTLS";
  if (dtls_->state() == dtls::DtlsState::failed) return "DTLS failed: " + dtls_->failure();
  if (!srtp_) return "DTLS handshaking";
  return "connected";
}

std::span<uint8_t> Peer::slot() {
  if (queued_ == kBatch) flush();
  return out_[queued_];
}

void Peer::commit(size_t length) { out_len_[queued_++] = length; }

void Peer::queue(std::span<const uint8_t> bytes) {
  auto s = slot();
  const size_t n = std::min(bytes.size(), s.size());
  std::memcpy(s.data(), bytes.data(), n);
  commit(n);
}

void Peer::flush() {
  if (queued_ == 0 || !remote_set_) {
    queued_ = 0;
    return;
  }
  std::array<iovec, kBatch> iov{};
  std::array<mmsghdr, kBatch> msgs{};
  for (size_t i = 0; i < queued_; ++i) {
    iov[i] = {out_[i].data(), out_len_[i]};
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
    msgs[i].msg_hdr.msg_name = &remote_;
    msgs[i].msg_hdr.msg_namelen = sizeof remote_;
  }
  size_t done = 0;
  while (done < queued_) {
    const int n = ::sendmmsg(fd_, msgs.data() + done, static_cast<unsigned>(queued_ - done), 0);
    if (n <= 0) break; // full socket buffer: dropped here, counted as loss at the subscriber
    done += static_cast<size_t>(n);
  }
  queued_ = 0;
}

void Peer::send_stun_check() {
  std::array<uint8_t, kStunTransactionIdSize> txid{};
  static std::mt19937 rng{std::random_device{}()};
  for (auto& b : txid) b = static_cast<uint8_t>(rng());
  auto out = slot();
  StunWriter w(out.first(512), kStunBindingRequest, txid);
  const std::string username = remote_ufrag_ + ":" + ufrag_;
  w.add_attribute(stun_attr::kUsername, {reinterpret_cast<const uint8_t*>(username.data()), username.size()});
  const std::array<uint8_t, 4> priority{0x6e, 0x7f, 0x1e, 0xff}; // host candidate, RFC 8445 §5.1.2
  w.add_attribute(stun_attr::kPriority, priority);
  const std::array<uint8_t, 8> tie_breaker{0xff, 0xff, 0xff, 0xff,
                                           0xff, 0xff, 0xff, 0xfe}; // win any conflict
  w.add_attribute(stun_attr::kIceControlling, tie_breaker);
  w.add_attribute(stun_attr::kUseCandidate, {});
  w.add_message_integrity(*remote_key_);
  w.add_fingerprint();
  if (auto size = w.finish()) commit(*size);
  ++checks_sent_;
}

void Peer::tick(double now) {
  if (!remote_set_) return;
  if (now >= next_check_) {
    send_stun_check();
    next_check_ = now + (ice_ok_ ? kConsentInterval : kCheckInterval);
  }
  if (dtls_ && !srtp_) {
    if (auto t = dtls_->timeout(); t && t->count() <= 0) dtls_->handle_timeout();
    for (auto& d : dtls_->take_outgoing()) queue(d);
  }
}

void Peer::on_stun(std::span<uint8_t> data, const sockaddr_in& from) {
  auto message = StunMessage::parse(data);
  if (!message) return;
  if (message->method_class() == StunMethodClass::request) {
    // The server's own connectivity check (full ICE) or consent check: answer it.
    auto out = slot();
    if (auto size = build_binding_success(out.first(512), *message, to_stun(from), local_key_)) commit(*size);
    return;
  }
  if (message->method_class() == StunMethodClass::success && remote_key_ &&
      message->check_integrity(*remote_key_)) {
    if (!ice_ok_) {
      ice_ok_ = true;
      next_check_ = monotonic_seconds() + kConsentInterval;
      auto created = dtls::DtlsTransport::create(certificate_, dtls::DtlsRole::client, remote_fingerprint_);
      if (!created) throw std::runtime_error("DTLS: " + created.error().message);
      dtls_ = std::move(*created);
      dtls_->start();
      for (auto& d : dtls_->take_outgoing()) queue(d);
    }
  }
}

void Peer::on_rtp(std::span<uint8_t> data, int64_t rx_ns, ReceiveTotals& totals) {
  auto outcome = srtp_->receive.unprotect_rtp(data);
  if (!outcome.ok()) {
    ++totals.unprotect_failures;
    return;
  }
  const uint8_t* p = data.data();
  size_t len = outcome.size;
  if (len < 12) return;
  size_t header = 12 + 4 * size_t{static_cast<uint8_t>(p[0] & 0x0F)};
  if ((p[0] & 0x10) && header + 4 <= len)
    header += 4 + 4 * size_t{static_cast<uint16_t>((p[header + 2] << 8) | p[header + 3])};
  if ((p[0] & 0x20) && len > header) len -= p[len - 1];
  if (len < header) return;
  const uint32_t ssrc = (uint32_t{p[8]} << 24) | (uint32_t{p[9]} << 16) | (uint32_t{p[10]} << 8) | p[11];
  const uint16_t seq = static_cast<uint16_t>((p[2] << 8) | p[3]);
  ++received_;
  ++totals.packets;
  totals.bytes += data.size();
  // Sequence numbers per SSRC, unwrapped (loss = gaps).
  auto it = std::find_if(streams_.begin(), streams_.end(), [&](const Stream& s) { return s.ssrc == ssrc; });
  if (it == streams_.end()) {
    streams_.push_back({ssrc, seq, seq});
  } else {
    const int64_t base = it->highest & ~int64_t{0xFFFF};
    int64_t ext = base | seq;
    if (ext < it->highest - 0x8000)
      ext += 0x10000;
    else if (ext > it->highest + 0x8000)
      ext -= 0x10000;
    it->highest = std::max(it->highest, ext);
  }
  if (len - header >= kTailSize && std::memcmp(p + len - 4, kMagic, 4) == 0) {
    int64_t sent = 0;
    for (size_t i = 0; i < 8; ++i) sent = (sent << 8) | p[len - kTailSize + i];
    totals.latency.add((rx_ns - sent) / 1000);
  } else {
    ++totals.untagged;
  }
}

uint64_t Peer::expected_packets() const {
  uint64_t n = 0;
  for (const auto& s : streams_) n += static_cast<uint64_t>(s.highest - s.first + 1);
  return n;
}

void Peer::on_readable(ReceiveTotals& totals) {
  auto& b = recv_buffers();
  for (;;) {
    for (size_t i = 0; i < kBatch; ++i) {
      b.iov[i] = {b.data[i].data(), kBuffer};
      b.msgs[i].msg_hdr = {};
      b.msgs[i].msg_hdr.msg_iov = &b.iov[i];
      b.msgs[i].msg_hdr.msg_iovlen = 1;
      b.msgs[i].msg_hdr.msg_name = &b.from[i];
      b.msgs[i].msg_hdr.msg_namelen = sizeof(sockaddr_in);
      b.msgs[i].msg_hdr.msg_control = b.control[i].data();
      b.msgs[i].msg_hdr.msg_controllen = b.control[i].size();
    }
    const int n = ::recvmmsg(fd_, b.msgs.data(), kBatch, 0, nullptr);
    if (n <= 0) return;
    for (int i = 0; i < n; ++i) {
      std::span<uint8_t> data(b.data[i].data(), b.msgs[i].msg_len);
      int64_t rx_ns = 0;
      for (cmsghdr* c = CMSG_FIRSTHDR(&b.msgs[i].msg_hdr); c; c = CMSG_NXTHDR(&b.msgs[i].msg_hdr, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
          timespec t{};
          std::memcpy(&t, CMSG_DATA(c), sizeof t);
          rx_ns = int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec;
        }
      }
      if (rx_ns == 0) rx_ns = realtime_ns();
      switch (classify_packet(data)) {
        case PacketKind::stun: on_stun(data, b.from[i]); break;
        case PacketKind::dtls:
          if (dtls_) {
            dtls_->receive(data);
            for (auto& d : dtls_->take_outgoing()) queue(d);
            if (!srtp_ && dtls_->state() == dtls::DtlsState::connected) {
              auto contexts = dtls_->srtp_contexts();
              if (contexts) srtp_.emplace(std::move(*contexts));
            }
          }
          break;
        case PacketKind::rtp:
          if (srtp_) on_rtp(data, rx_ns, totals);
          break;
        default: // RTCP (reports, PLI, NACK): not needed for the load
          break;
      }
    }
    if (static_cast<size_t>(n) < kBatch) return;
  }
}

void Peer::send_frame(Sender& s) {
  const MediaFrame& frame = s.track->frames[s.frame];
  if (srtp_) {
    for (size_t i = 0; i < frame.payloads.size(); ++i) {
      const auto& payload = frame.payloads[i];
      auto out = slot();
      uint8_t* p = out.data();
      const bool last = i + 1 == frame.payloads.size();
      p[0] = 0x90; // V=2, X=1
      p[1] = static_cast<uint8_t>((last && s.track->clock_rate == 90'000 ? 0x80 : 0) | s.payload_type);
      p[2] = static_cast<uint8_t>(s.seq >> 8);
      p[3] = static_cast<uint8_t>(s.seq);
      for (int k = 0; k < 4; ++k) p[4 + k] = static_cast<uint8_t>(s.timestamp >> (24 - 8 * k));
      for (int k = 0; k < 4; ++k) p[8 + k] = static_cast<uint8_t>(s.ssrc >> (24 - 8 * k));
      // RFC 8285 one-byte header extensions: mid and, for simulcast, rid (RFC 8852).
      size_t e = 16;
      auto add_ext = [&](uint8_t id, const std::string& v) {
        p[e++] = static_cast<uint8_t>((id << 4) | (v.size() - 1));
        std::memcpy(p + e, v.data(), v.size());
        e += v.size();
      };
      add_ext(mid_ext_, s.mid);
      if (!s.rid.empty()) add_ext(rid_ext_, s.rid);
      while ((e - 16) % 4 != 0) p[e++] = 0;
      p[12] = 0xBE;
      p[13] = 0xDE;
      p[14] = static_cast<uint8_t>(((e - 16) / 4) >> 8);
      p[15] = static_cast<uint8_t>((e - 16) / 4);
      std::memcpy(p + e, payload.data(), payload.size());
      const size_t len = e + payload.size();
      const int64_t now = realtime_ns();
      for (size_t k = 0; k < 8; ++k) p[len - kTailSize + k] = static_cast<uint8_t>(now >> (56 - 8 * k));
      std::memcpy(p + len - 4, kMagic, 4);
      auto outcome = srtp_->send.protect_rtp(out, len);
      if (outcome.ok()) {
        commit(outcome.size);
        ++s.sent;
      }
      ++s.seq;
    }
  }
  s.timestamp += frame.timestamp_step;
  s.frame = (s.frame + 1) % s.track->frames.size();
}

} // namespace plenum::bench::sfu
