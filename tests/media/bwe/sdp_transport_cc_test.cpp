// Transport-wide congestion control in the SDP the SFU writes and reads: publish answers keep
// what the policy allows, subscribe offers can offer it, subscribe answers say whether the
// client accepted it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "media/sdp/negotiation.hpp"
#include "media/sdp/sdp_test_util.hpp"

namespace plenum::media::sdp {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\r\n" + line + "\r\n") != std::string::npos;
}

const std::string kFingerprint =
    "sha-256 47:2E:B8:E1:69:3B:D7:69:FB:A7:14:A4:71:54:CC:B4:46:F0:C5:D0:F7:43:73:96:EE:B5:6F:4B:9B:41:63:97";

ServerTransportParams server() {
  ServerTransportParams p;
  p.ice_ufrag = "srvU";
  p.ice_pwd = "srvPassword0123456789abcd";
  p.fingerprint = kFingerprint;
  p.candidates.push_back(Candidate{"1", 2130706431, "203.0.113.7", 40000, "udp", ""});
  return p;
}

TEST(SdpTransportCc, PublishAnswerKeepsItWhenThePolicyHasIt) {
  const auto p = server();
  auto r = answer_publish(parse_ok(read_fixture("chrome_publish.sdp")), p, CodecPolicy{});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(has_line(r->answer, "a=extmap:3 " + std::string(kExtTransportCc)));
  EXPECT_TRUE(has_line(r->answer, "a=rtcp-fb:96 transport-cc"));
  ASSERT_FALSE(r->tracks.empty());
  for (const auto& t : r->tracks) EXPECT_EQ(t.extensions.transport_cc, 3) << t.mid;
}

TEST(SdpTransportCc, PublishAnswerDropsItWhenThePolicyHasNot) {
  const auto p = server();
  CodecPolicy policy;
  std::erase(policy.rtcp_feedback, std::string("transport-cc"));
  std::erase(policy.header_extensions, std::string(kExtTransportCc));
  auto r = answer_publish(parse_ok(read_fixture("chrome_publish.sdp")), p, policy);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->answer.find("transport-cc"), std::string::npos);
  EXPECT_EQ(r->answer.find(kExtTransportCc), std::string::npos);
  for (const auto& t : r->tracks) EXPECT_EQ(t.extensions.transport_cc, 0) << t.mid;
}

SubscribeOffer offer_with_video() {
  SubscribeOffer o;
  o.session_id = 42;
  o.transport = server();
  SubscribeSection video;
  video.mid = "0";
  video.kind = MediaKind::video;
  video.codecs = {NegotiatedCodec{96, "VP8", 90000, 0, "", {"nack", "nack pli", "ccm fir"}, 97, ""}};
  video.extensions.mid = 1;
  video.extensions.abs_send_time = 2;
  video.ssrc = 2002;
  video.rtx_ssrc = 2003;
  video.cname = "plenum";
  video.msid = Msid{"peer", "camera-1"};
  o.sections = {video};
  return o;
}

TEST(SdpTransportCc, SubscribeOfferOffersItWhenThePolicyHasIt) {
  auto o = offer_with_video();
  ASSERT_TRUE(offer_transport_cc(o.sections[0], CodecPolicy{}, 4));
  EXPECT_TRUE(offer_transport_cc(o.sections[0], CodecPolicy{}, 4)); // idempotent
  const std::string text = build_subscribe_offer(o);
  EXPECT_TRUE(has_line(text, "a=extmap:4 " + std::string(kExtTransportCc)));
  EXPECT_TRUE(has_line(text, "a=rtcp-fb:96 transport-cc"));
  EXPECT_EQ(std::count(o.sections[0].codecs[0].rtcp_fb.begin(), o.sections[0].codecs[0].rtcp_fb.end(),
                       "transport-cc"),
            1);

  CodecPolicy without;
  std::erase(without.header_extensions, std::string(kExtTransportCc));
  auto plain = offer_with_video();
  EXPECT_FALSE(offer_transport_cc(plain.sections[0], without, 4));
  EXPECT_FALSE(offer_transport_cc(plain.sections[0], CodecPolicy{}, 0));
  EXPECT_EQ(build_subscribe_offer(plain).find("transport-cc"), std::string::npos);
}

std::string answer_for(bool extension, bool feedback) {
  std::string text = crlf(
      "v=0\n"
      "o=- 1 2 IN IP4 127.0.0.1\n"
      "s=-\n"
      "t=0 0\n"
      "a=group:BUNDLE 0\n"
      "m=video 9 UDP/TLS/RTP/SAVPF 96 97\n"
      "c=IN IP4 0.0.0.0\n"
      "a=ice-ufrag:Cli1\n"
      "a=ice-pwd:clientPassword0123456789\n"
      "a=fingerprint:sha-256 "
      "AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB\n"
      "a=setup:active\n"
      "a=mid:0\n"
      "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\n");
  if (extension) text += "a=extmap:4 " + std::string(kExtTransportCc) + "\r\n";
  text += crlf(
      "a=recvonly\n"
      "a=rtcp-mux\n"
      "a=rtpmap:96 VP8/90000\n");
  if (feedback) text += "a=rtcp-fb:96 transport-cc\r\n";
  text += crlf(
      "a=rtpmap:97 rtx/90000\n"
      "a=fmtp:97 apt=96\n");
  return text;
}

TEST(SdpTransportCc, SubscribeAnswerSaysWhetherTheClientTookIt) {
  auto o = offer_with_video();
  ASSERT_TRUE(offer_transport_cc(o.sections[0], CodecPolicy{}, 4));
  auto both = read_subscribe_answer(parse_ok(answer_for(true, true)), o);
  ASSERT_TRUE(both.ok()) << both.error().message;
  ASSERT_EQ(both->accepted.size(), 1U);
  EXPECT_EQ(both->accepted[0].extensions.transport_cc, 4);
  EXPECT_TRUE(both->accepted[0].transport_cc);

  auto no_feedback = read_subscribe_answer(parse_ok(answer_for(true, false)), o);
  ASSERT_TRUE(no_feedback.ok());
  EXPECT_FALSE(no_feedback->accepted[0].transport_cc);
  auto no_extension = read_subscribe_answer(parse_ok(answer_for(false, true)), o);
  ASSERT_TRUE(no_extension.ok());
  EXPECT_FALSE(no_extension->accepted[0].transport_cc);
}

} // namespace
} // namespace plenum::media::sdp
