// Decrypted RTP and RTCP from clients reach the router: SSRC learning from mid/rid/repaired-rid
// extensions, RTX unwrapping (an in-place rewrite), stream statistics, upstream NACK tracking,
// audio levels for the speaker detector, and subscribers' NACK/PLI/FIR feedback. None of it may
// crash or touch memory outside the packet, whatever a client sends.
// Input: byte 0 picks RTP or RTCP (bit 0) and the publishing or subscribing transport (bit 1);
// bits 2-7 advance the clock; the rest is the packet.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "media/router/router.hpp"

namespace {

using namespace plenum::media;

class Host final : public router::TransportHost {
 public:
  Host()
      : socket_(net::UdpSocket::bind("127.0.0.1", 0).value()),
        cert_(dtls::DtlsCertificate::generate().value()) {}
  net::UdpSocket& socket() override { return socket_; }
  std::shared_ptr<const dtls::DtlsCertificate> certificate() override { return cert_; }
  void register_ufrag(const std::string& ufrag, transport::WebRtcTransport* t) override {
    ufrags_[ufrag] = t;
  }
  void unregister(transport::WebRtcTransport* t) override {
    std::erase_if(ufrags_, [t](const auto& e) { return e.second == t; });
  }
  void unregister_ufrag(const std::string& ufrag) override { ufrags_.erase(ufrag); }
  transport::WebRtcTransport* find(const std::string& ufrag) { return ufrags_.at(ufrag); }

 private:
  net::UdpSocket socket_;
  std::shared_ptr<const dtls::DtlsCertificate> cert_;
  std::unordered_map<std::string, transport::WebRtcTransport*> ufrags_;
};

class Observer final : public router::RouterObserver {
 public:
  void on_transport_state(uint32_t, transport::TransportState) override {}
  void on_active_speaker(std::optional<uint32_t>) override {}
};

struct World {
  Host host;
  router::Router router{host, std::make_shared<Observer>()};
  transport::WebRtcTransport* publisher = nullptr;
  transport::WebRtcTransport* subscriber = nullptr;

  World() {
    router.create_transport(1, "pubufrag", "pubpassword0123456789012");
    router.create_transport(2, "subufrag", "subpassword0123456789012");
    publisher = host.find("pubufrag");
    subscriber = host.find("subufrag");
    router::ProducerParameters video;
    video.id = 1;
    video.transport_id = 1;
    video.kind = router::MediaKind::video;
    video.mid = "1";
    video.codecs = {{96, 97, 90'000, "VP8"}, {98, 99, 90'000, "VP9"}};
    video.extensions = {1, 2, 3, 4, 0, 0};
    video.rids = {"l", "h"};
    video.speaker = 1;
    router.add_producer(video);
    // Scalable video in one SSRC (VP9 SVC, dependency descriptor): its layers go to the allocation.
    router::ProducerParameters svc = video;
    svc.id = 3;
    svc.mid = "2";
    svc.codecs = {{98, 99, 90'000, "VP9"}, {45, 46, 90'000, "AV1"}};
    svc.extensions.dependency_descriptor = 6;
    svc.rids.clear();
    svc.ssrcs = {3333};
    router.add_producer(svc);
    router::ProducerParameters audio;
    audio.id = 2;
    audio.transport_id = 1;
    audio.kind = router::MediaKind::audio;
    audio.mid = "0";
    audio.codecs = {{111, 0, 48'000, "opus"}};
    audio.extensions = {1, 0, 0, 0, 0, 5};
    audio.ssrcs = {1111};
    audio.speaker = 1;
    router.add_producer(audio);
    router::ConsumerParameters cv;
    cv.id = 10;
    cv.producer_id = 1;
    cv.transport_id = 2;
    cv.mid = "0";
    cv.ssrc = 5555;
    cv.rtx_ssrc = 5556;
    cv.codecs = {{96, 97, 90'000, "VP8"}, {0, 0, 90'000, "VP9"}};
    cv.extensions = {1, 0, 0, 2, 0, 0};
    router.add_consumer(cv);
    router::ConsumerParameters cs = cv;
    cs.id = 12;
    cs.producer_id = 3;
    cs.mid = "2";
    cs.ssrc = 8888;
    cs.rtx_ssrc = 8889;
    cs.codecs = {{98, 99, 90'000, "VP9"}, {45, 46, 90'000, "AV1"}};
    cs.extensions.dependency_descriptor = 5;
    router.add_consumer(cs);
    router::ConsumerParameters ca;
    ca.id = 11;
    ca.producer_id = 2;
    ca.transport_id = 2;
    ca.mid = "1";
    ca.ssrc = 7777;
    ca.codecs = {{111, 0, 48'000, "opus"}};
    ca.extensions = {1, 0, 0, 0, 0, 3};
    router.add_consumer(ca);
  }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  static int64_t now = 1'000;
  if (size < 2) return 0;
  const uint8_t control = data[0];
  now += control >> 2;
  auto& t = (control & 2) != 0 ? *world.subscriber : *world.publisher;
  std::vector<uint8_t> packet(data + 1, data + size);
  if ((control & 1) == 0) {
    if (auto rtp = RtpPacket::parse(packet)) world.router.on_rtp(t, *rtp, now);
  } else {
    world.router.on_rtcp(t, packet, now);
  }
  if ((control & 0xF0) == 0xF0) world.router.tick(now);
  return 0;
}
