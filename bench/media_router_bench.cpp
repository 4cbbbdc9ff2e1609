// The SFU's forwarding path: one RTP packet from a publisher to 1, 10 and 100 subscribers
// through the real Router, reported as time per forwarded packet (per subscriber leg).
//
// Set-up, all in-process and real: a TransportHost (what a Worker is to its routers) over a
// UdpSocket on 127.0.0.1; for every peer connection a WebRtcTransport made by the router, a
// STUN Binding request with USE-CANDIDATE that selects the client's address, and a full DTLS
// 1.2 handshake against a client-side DtlsTransport over the loopback socket, so every leg
// has its own SRTP keys (AEAD_AES_128_GCM, the profile both sides prefer). Before timing, one
// key frame is forwarded and every subscriber's copy is received and unprotected with that
// leg's client-side keys, which checks the rewritten SSRC and the payload.
//
// Timed: Router::on_rtp with the packet already decrypted (SRTP unprotect on the publisher's
// leg is not included; see media_srtp_bench), then for each subscriber the rewrite into a send
// slot, SRTP protect and sendmmsg. The UDP send cost IS included: the socket is flushed after
// every injected packet, as a worker does at the end of a loop turn, so with one subscriber
// each packet pays a whole sendmmsg of one datagram, with 100 subscribers ~4 calls of 32. The
// datagrams go to a local socket nobody reads (the kernel drops them once its buffer is full;
// the send itself succeeds). BM_UdpSendOnly gives the send part alone for the same sizes.
//
// "per_fwd" is the time per forwarded packet and leg; "allocs" counts operator new per
// forwarded packet (the router promises none on the packet path).
#include <benchmark/benchmark.h>
#include <poll.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "allocation_counter.hpp"
#include "media/demux.hpp"
#include "media/dtls/dtls_transport.hpp"
#include "media/net/udp_socket.hpp"
#include "media/router/router.hpp"
#include "media/worker/event_loop.hpp"

namespace {

using namespace plenum::media;
using router::MediaKind;

std::uint64_t allocations() { return plenum::bench::new_calls(); }

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "media_router_bench: %s\n", what);
  std::abort();
}

// What a Worker is to its routers, without the thread and the demultiplexer: the bench calls
// the transports directly.
class BenchHost final : public router::TransportHost {
 public:
  BenchHost(net::UdpSocket socket, std::shared_ptr<const dtls::DtlsCertificate> cert)
      : socket_(std::move(socket)), cert_(std::move(cert)) {}
  net::UdpSocket& socket() override { return socket_; }
  std::shared_ptr<const dtls::DtlsCertificate> certificate() override { return cert_; }
  void register_ufrag(const std::string& ufrag, transport::WebRtcTransport* t) override {
    by_ufrag_[ufrag] = t;
  }
  void unregister(transport::WebRtcTransport* t) override {
    std::erase_if(by_ufrag_, [t](const auto& e) { return e.second == t; });
  }
  void unregister_ufrag(const std::string& ufrag) override { by_ufrag_.erase(ufrag); }
  transport::WebRtcTransport* find(const std::string& ufrag) const {
    auto it = by_ufrag_.find(ufrag);
    return it == by_ufrag_.end() ? nullptr : it->second;
  }

 private:
  net::UdpSocket socket_;
  std::shared_ptr<const dtls::DtlsCertificate> cert_;
  std::unordered_map<std::string, transport::WebRtcTransport*> by_ufrag_;
};

class NullObserver final : public router::RouterObserver {
 public:
  void on_transport_state(uint32_t, transport::TransportState) override {}
  void on_active_speaker(std::optional<uint32_t>) override {}
};

// The client's end of one peer connection.
struct Leg {
  uint32_t id = 0;
  transport::WebRtcTransport* server = nullptr;
  std::unique_ptr<dtls::DtlsTransport> dtls;
  std::optional<dtls::DtlsSrtpContexts> srtp;
};

bool wait_readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, timeout_ms) == 1;
}

constexpr uint8_t kMidExt = 4;
constexpr uint8_t kAbsSendTimeExt = 2;
constexpr uint8_t kAudioLevelExt = 1;
constexpr uint32_t kProducerSsrc = 0x11110000;
constexpr uint32_t kConsumerSsrcBase = 0x22220000;
constexpr size_t kVideoPayload = 1100; // a typical full video packet (~1,150 bytes on the wire)
constexpr size_t kAudioPayload = 80;   // Opus at ~32 kbit/s, 20 ms

class Room {
 public:
  Room(size_t consumers, MediaKind kind) : kind_(kind) {
    auto server_cert = dtls::DtlsCertificate::generate();
    auto client_cert = dtls::DtlsCertificate::generate();
    auto server_socket = net::UdpSocket::bind("127.0.0.1", 0);
    auto client_socket = net::UdpSocket::bind("127.0.0.1", 0);
    if (!server_cert || !client_cert || !server_socket || !client_socket) die("set-up");
    client_cert_ = *client_cert;
    client_.emplace(std::move(*client_socket));
    client_address_ = SocketAddress::v4({127, 0, 0, 1}, client_->port());
    host_ = std::make_unique<BenchHost>(std::move(*server_socket), *server_cert);
    router_ = std::make_unique<router::Router>(*host_, std::make_shared<NullObserver>());

    producer_ = connect(1);
    const bool video = kind == MediaKind::video;
    router::CodecParameters codec = video ? router::CodecParameters{96, 97, 90'000, "VP8"}
                                          : router::CodecParameters{111, 0, 48'000, "opus"};
    router::ProducerParameters p;
    p.id = 1;
    p.transport_id = producer_.id;
    p.kind = kind;
    p.mid = "0";
    p.codecs = {codec};
    p.extensions.mid = kMidExt;
    if (video)
      p.extensions.abs_send_time = kAbsSendTimeExt;
    else
      p.extensions.audio_level = kAudioLevelExt;
    p.ssrcs = {kProducerSsrc};
    if (video) p.rtx = {{kProducerSsrc, kProducerSsrc + 1}};
    p.speaker = 7;
    router_->add_producer(p);

    for (size_t i = 0; i < consumers; ++i) {
      consumers_.push_back(connect(static_cast<uint32_t>(100 + i)));
      router::ConsumerParameters c;
      c.id = static_cast<uint32_t>(1000 + i);
      c.producer_id = 1;
      c.transport_id = consumers_.back().id;
      c.mid = std::to_string(i);
      c.ssrc = kConsumerSsrcBase + static_cast<uint32_t>(2 * i);
      c.rtx_ssrc = video ? c.ssrc + 1 : 0;
      c.codecs = {codec};
      c.extensions = p.extensions;
      router_->add_consumer(c);
    }
    host_->socket().flush();
    drain();
    build_packet();
    verify_first_packet();
  }

  // One packet in, forwarded to every subscriber, flushed.
  void forward_one(bool keyframe) {
    set_keyframe(keyframe);
    packet_->set_sequence_number(seq_++);
    if (kind_ == MediaKind::video) {
      if ((seq_ & 7) == 0) ts_ += 3000; // ~8 packets per 30 fps frame
    } else {
      ts_ += 960;
    }
    packet_->set_timestamp(ts_);
    router_->on_rtp(*producer_.server, *packet_, worker::EventLoop::now_ms());
    host_->socket().flush();
  }

  size_t consumers() const { return consumers_.size(); }
  const router::RouterCounters& counters() const { return router_->counters(); }
  const net::UdpStats& socket_stats() const { return host_->socket().stats(); }
  size_t wire_size() const { return packet_bytes_.size(); }

 private:
  // ICE (one nominating check) and DTLS (a real handshake over the loopback sockets).
  Leg connect(uint32_t id) {
    Leg leg;
    leg.id = id;
    const std::string ufrag = "u" + std::to_string(id);
    const std::string pwd = "bench-password-" + std::to_string(id) + "-0123456789";
    router_->create_transport(id, ufrag, pwd);
    leg.server = host_->find(ufrag);
    if (!leg.server) die("transport not registered");

    std::array<uint8_t, 256> request{};
    const std::array<uint8_t, kStunTransactionIdSize> txid{
        static_cast<uint8_t>(id), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, static_cast<uint8_t>(id >> 8)};
    StunWriter w(request, kStunBindingRequest, txid);
    const std::string username = ufrag + ":client";
    w.add_attribute(stun_attr::kUsername,
                    {reinterpret_cast<const uint8_t*>(username.data()), username.size()});
    const std::array<uint8_t, 4> priority{0x6e, 0, 1, 0xff};
    w.add_attribute(stun_attr::kPriority, priority);
    const std::array<uint8_t, 8> tie_breaker{1, 2, 3, 4, 5, 6, 7, 8};
    w.add_attribute(stun_attr::kIceControlling, tie_breaker);
    w.add_attribute(stun_attr::kUseCandidate, {});
    w.add_message_integrity(StunIntegrityKey(pwd));
    w.add_fingerprint();
    const auto size = w.finish();
    if (!size) die("stun request");
    auto message = StunMessage::parse(std::span(request).first(*size));
    if (!message) die("stun parse");
    leg.server->on_stun(*message, client_address_, worker::EventLoop::now_ms());
    if (!leg.server->accepts(client_address_)) die("ICE check refused");

    router_->set_remote_dtls(id, client_cert_->sdp_fingerprint(), dtls::DtlsRole::server);
    auto client = dtls::DtlsTransport::create(client_cert_, dtls::DtlsRole::client,
                                              host_->certificate()->sdp_fingerprint());
    if (!client) die("client DTLS");
    leg.dtls = std::move(*client);
    leg.dtls->start();
    for (int round = 0; round < 500; ++round) {
      const int64_t now = worker::EventLoop::now_ms();
      for (auto& d : leg.dtls->take_outgoing()) leg.server->on_datagram(d, client_address_, now);
      leg.server->tick(now);
      host_->socket().flush();
      if (leg.dtls->state() == dtls::DtlsState::connected && leg.server->sending()) break;
      if (leg.dtls->state() == dtls::DtlsState::failed) die("DTLS failed");
      if (wait_readable(client_->fd(), 20)) {
        client_->receive([&](std::span<uint8_t> d, const SocketAddress&) {
          if (classify_packet(d) == PacketKind::dtls) leg.dtls->receive(d);
        });
      } else if (auto t = leg.dtls->timeout(); t && t->count() <= 0) {
        leg.dtls->handle_timeout();
      }
    }
    if (leg.dtls->state() != dtls::DtlsState::connected || !leg.server->sending())
      die("DTLS did not complete");
    auto contexts = leg.dtls->srtp_contexts();
    if (!contexts) die("client SRTP");
    leg.srtp.emplace(std::move(*contexts));
    return leg;
  }

  void drain() {
    while (wait_readable(client_->fd(), 0)) client_->receive([](std::span<uint8_t>, const SocketAddress&) {});
  }

  void build_packet() {
    const bool video = kind_ == MediaKind::video;
    std::vector<uint8_t> p;
    p.push_back(0x90); // V=2, X
    p.push_back(video ? 96 : 111);
    p.insert(p.end(), {0, 0, 0, 0, 0, 0});
    p.insert(p.end(), {static_cast<uint8_t>(kProducerSsrc >> 24), static_cast<uint8_t>(kProducerSsrc >> 16),
                       static_cast<uint8_t>(kProducerSsrc >> 8), static_cast<uint8_t>(kProducerSsrc)});
    // One-byte header extensions (RFC 8285): mid "0", then abs-send-time (3 bytes) or the
    // audio level (1 byte), padded to whole words.
    std::vector<uint8_t> ext = {static_cast<uint8_t>(kMidExt << 4), '0'};
    if (video)
      ext.insert(ext.end(), {static_cast<uint8_t>((kAbsSendTimeExt << 4) | 2), 0x12, 0x34, 0x56});
    else
      ext.insert(ext.end(), {static_cast<uint8_t>(kAudioLevelExt << 4), 0x80 | 30});
    while (ext.size() % 4 != 0) ext.push_back(0);
    p.insert(p.end(), {0xBE, 0xDE, 0, static_cast<uint8_t>(ext.size() / 4)});
    p.insert(p.end(), ext.begin(), ext.end());
    payload_offset_ = p.size();
    if (video) {
      // VP8 descriptor X S, 15-bit picture id, then the payload header (P = 0: key frame).
      p.insert(p.end(), {0x90, 0x80, 0x81, 0x23, 0x50, 0x2d, 0x00, 0x9d, 0x01, 0x2a});
      while (p.size() < payload_offset_ + kVideoPayload) p.push_back(static_cast<uint8_t>(p.size() * 31));
    } else {
      while (p.size() < payload_offset_ + kAudioPayload) p.push_back(static_cast<uint8_t>(p.size() * 31));
    }
    packet_bytes_ = std::move(p);
    packet_ = RtpPacket::parse(packet_bytes_);
    if (!packet_) die("RTP packet");
  }

  void set_keyframe(bool keyframe) {
    if (kind_ != MediaKind::video) return;
    auto& header = packet_bytes_[payload_offset_ + 4];
    header = keyframe ? static_cast<uint8_t>(header & ~1) : static_cast<uint8_t>(header | 1);
  }

  // Every subscriber gets the key frame under its own SSRC, decryptable with its own keys.
  void verify_first_packet() {
    forward_one(true);
    const std::vector<uint8_t> expected(packet_bytes_.begin() + static_cast<std::ptrdiff_t>(payload_offset_),
                                        packet_bytes_.end());
    std::vector<bool> seen(consumers_.size(), false);
    size_t ok = 0;
    for (int round = 0; round < 100 && ok < consumers_.size(); ++round) {
      if (!wait_readable(client_->fd(), 50)) continue;
      client_->receive([&](std::span<uint8_t> d, const SocketAddress&) {
        if (classify_packet(d) != PacketKind::rtp || d.size() < 12) return;
        const uint32_t ssrc =
            (uint32_t{d[8]} << 24) | (uint32_t{d[9]} << 16) | (uint32_t{d[10]} << 8) | d[11];
        const size_t i = (ssrc - kConsumerSsrcBase) / 2;
        if (ssrc < kConsumerSsrcBase || i >= consumers_.size() || seen[i]) return;
        const auto outcome = consumers_[i].srtp->receive.unprotect_rtp(d);
        if (!outcome.ok()) die("a subscriber could not unprotect its packet");
        auto packet = RtpPacket::parse(d.first(outcome.size));
        if (!packet) die("forwarded packet does not parse");
        const auto payload = packet->payload();
        if (!std::equal(payload.begin(), payload.end(), expected.begin(), expected.end()))
          die("payload differs");
        seen[i] = true;
        ++ok;
      });
    }
    if (ok != consumers_.size()) die("not every subscriber received the first packet");
  }

  MediaKind kind_;
  std::shared_ptr<const dtls::DtlsCertificate> client_cert_;
  std::optional<net::UdpSocket> client_;
  SocketAddress client_address_;
  std::unique_ptr<BenchHost> host_;
  std::unique_ptr<router::Router> router_;
  Leg producer_;
  std::vector<Leg> consumers_;
  std::vector<uint8_t> packet_bytes_;
  size_t payload_offset_ = 0;
  std::optional<RtpPacket> packet_;
  uint16_t seq_ = 1000;
  uint32_t ts_ = 90'000;
};

// Set up once per shape: 100 DTLS handshakes are not what is measured.
Room& room(size_t consumers, MediaKind kind) {
  static std::map<std::pair<size_t, MediaKind>, std::unique_ptr<Room>> rooms;
  auto& r = rooms[{consumers, kind}];
  if (!r) r = std::make_unique<Room>(consumers, kind);
  return *r;
}

void BM_Forward(benchmark::State& state, MediaKind kind) {
  Room& r = room(static_cast<size_t>(state.range(0)), kind);
  const uint64_t out_before = r.counters().packets_out;
  const uint64_t errors_before = r.socket_stats().send_errors;
  const uint64_t allocs_before = allocations();
  for (auto _ : state) r.forward_one(false);
  const uint64_t allocs = allocations() - allocs_before;
  const auto forwarded = static_cast<double>(state.iterations()) * static_cast<double>(r.consumers());
  if (static_cast<double>(r.counters().packets_out - out_before) != forwarded)
    state.SkipWithError("the router did not forward every packet to every subscriber");
  if (r.socket_stats().send_errors != errors_before) state.SkipWithError("sendmmsg failed");
  state.counters["per_fwd"] =
      benchmark::Counter(forwarded, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["allocs"] = benchmark::Counter(static_cast<double>(allocs) / forwarded);
  state.counters["wire_B"] = benchmark::Counter(static_cast<double>(r.wire_size()));
  state.SetItemsProcessed(static_cast<int64_t>(forwarded));
}

// The send part alone: `range(0)` datagrams of the video wire size queued and flushed.
void BM_UdpSendOnly(benchmark::State& state) {
  auto sender = net::UdpSocket::bind("127.0.0.1", 0);
  auto sink = net::UdpSocket::bind("127.0.0.1", 0);
  if (!sender || !sink) die("sockets");
  const auto to = SocketAddress::v4({127, 0, 0, 1}, sink->port());
  const auto n = static_cast<size_t>(state.range(0));
  constexpr size_t kSize = 1150;
  for (auto _ : state) {
    for (size_t i = 0; i < n; ++i) {
      auto slot = sender->acquire();
      slot[0] = 0x80;
      sender->commit(kSize, to);
    }
    sender->flush();
  }
  const auto sent = static_cast<double>(state.iterations()) * static_cast<double>(n);
  state.counters["per_fwd"] =
      benchmark::Counter(sent, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.SetItemsProcessed(static_cast<int64_t>(sent));
}

BENCHMARK_CAPTURE(BM_Forward, video, MediaKind::video)->Arg(1)->Arg(10)->Arg(100);
BENCHMARK_CAPTURE(BM_Forward, audio, MediaKind::audio)->Arg(1)->Arg(10)->Arg(100);
BENCHMARK(BM_UdpSendOnly)->Arg(1)->Arg(10)->Arg(100);

} // namespace

BENCHMARK_MAIN();
