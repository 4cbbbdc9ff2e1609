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

} // namespace plenum::media::router
