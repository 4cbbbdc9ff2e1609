// SDP offers and answers come from browsers through signaling. Parsing must be total and
// bounded; whatever parses must serialize to text that parses to the same description, and the
// publish answer and subscribe-answer reading must neither crash nor produce unparsable SDP.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "media/sdp/negotiation.hpp"
#include "media/sdp/session_description.hpp"

namespace {

using namespace plenum::media::sdp;

ServerTransportParams server() {
  ServerTransportParams s;
  s.ice_ufrag = "srvU";
  s.ice_pwd = "srvPassword0123456789abcd";
  s.fingerprint =
      "sha-256 "
      "47:2E:B8:E1:69:3B:D7:69:FB:A7:14:A4:71:54:CC:B4:46:F0:C5:D0:F7:43:73:96:EE:B5:6F:4B:9B:41:63:97";
  s.candidates.push_back(Candidate{"1", 2130706431, "203.0.113.7", 40000, "udp", ""});
  return s;
}

SubscribeOffer subscribe_offer() {
  SubscribeOffer o;
  o.transport = server();
  SubscribeSection audio;
  audio.mid = "0";
  audio.codecs = {NegotiatedCodec{111, "opus", 48000, 2, "", {}, {}, {}}};
  audio.ssrc = 1;
  SubscribeSection video;
  video.mid = "1";
  video.kind = MediaKind::video;
  video.codecs = {NegotiatedCodec{96, "VP8", 90000, 0, "", {"nack"}, 97, ""}};
  video.ssrc = 2;
  video.rtx_ssrc = 3;
  o.sections = {audio, video};
  return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ServerTransportParams kServer = server();
  static const SubscribeOffer kOffer = subscribe_offer();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto d = parse(text);
  if (!d) {
    PLENUM_ASSERT(!d.error().message.empty(), "error without a message");
    return 0;
  }
  const std::string again_text = serialize(*d);
  auto again = parse(again_text);
  PLENUM_ASSERT(again.ok(), "serialized SDP does not parse");
  PLENUM_ASSERT(*again == *d, "round trip changed the description");
  PLENUM_ASSERT(serialize(*again) == again_text, "serialization is not stable");

  auto publish = answer_publish(*d, kServer);
  if (publish) {
    auto answer = parse(publish->answer);
    PLENUM_ASSERT(answer.ok(), "our answer does not parse");
    PLENUM_ASSERT(answer->media.size() == d->media.size(), "answer has another number of sections");
    PLENUM_ASSERT(publish->sections.size() == d->media.size(), "a section without an outcome");
    for (size_t i = 0; i < d->media.size(); ++i) {
      PLENUM_ASSERT(answer->media[i].mid == d->media[i].mid, "answer changed a mid");
    }
  }
  (void)read_subscribe_answer(*d, kOffer);
  return 0;
}
