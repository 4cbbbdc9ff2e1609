#pragma once
// What router tests stand in for: a worker (TransportHost: a real socket and certificate, no
// demultiplexing) and the control plane (RouterObserver recording layer and quality events).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "media/router/router.hpp"

namespace plenum::media::router {

class Host final : public TransportHost {
 public:
  Host()
      : socket_(net::UdpSocket::bind("127.0.0.1", 0).value()),
        cert_(dtls::DtlsCertificate::generate().value()) {}
  net::UdpSocket& socket() override { return socket_; }
  std::shared_ptr<const dtls::DtlsCertificate> certificate() override { return cert_; }
  void register_ufrag(const std::string&, transport::WebRtcTransport*) override {}
  void unregister(transport::WebRtcTransport*) override {}
  void unregister_ufrag(const std::string&) override {}

 private:
  net::UdpSocket socket_;
  std::shared_ptr<const dtls::DtlsCertificate> cert_;
};

class Recorder final : public RouterObserver {
 public:
  void on_transport_state(uint32_t, transport::TransportState) override {}
  void on_active_speaker(std::optional<uint32_t>) override {}
  void on_publish_layers(uint32_t producer, const std::vector<std::string>& rids) override {
    layers.emplace_back(producer, rids);
  }
  void on_receive_quality(uint32_t transport, const std::vector<uint32_t>& paused,
                          std::optional<uint64_t> estimate) override {
    quality.push_back({transport, paused, estimate});
  }
  struct Quality {
    uint32_t transport;
    std::vector<uint32_t> paused;
    std::optional<uint64_t> estimate;
  };
  std::vector<std::pair<uint32_t, std::vector<std::string>>> layers;
  std::vector<Quality> quality;
};

// A VP8 camera with three simulcast layers (q, h, f) published on transport 1.
inline ProducerParameters simulcast_camera(uint32_t id) {
  ProducerParameters p;
  p.id = id;
  p.transport_id = 1;
  p.kind = MediaKind::video;
  p.mid = std::to_string(id);
  p.codecs = {{96, 97, 90'000, "VP8"}};
  p.extensions.mid = 1;
  p.extensions.rid = 2;
  p.rids = {"q", "h", "f"};
  return p;
}

// A subscriber's VP8 leg (with RTX; transport-wide sequence numbers when `twcc`).
inline ConsumerParameters vp8_consumer(uint32_t id, uint32_t producer, uint32_t transport,
                                       ConsumerLayout layout, bool twcc = false) {
  ConsumerParameters c;
  c.id = id;
  c.producer_id = producer;
  c.transport_id = transport;
  c.mid = std::to_string(id);
  c.ssrc = 1000 + id;
  c.rtx_ssrc = 2000 + id;
  c.codecs = {{96, 97, 90'000, "VP8"}};
  c.extensions.mid = 1;
  if (twcc) c.extensions.transport_cc = 4;
  c.layout = layout;
  return c;
}

} // namespace plenum::media::router
