// Offer/answer for the SFU: publish answers to real browser offers, subscribe offers, and
// reading the client's subscribe answer.
#include "media/sdp/negotiation.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sdp_test_util.hpp"

namespace plenum::media::sdp {
namespace {

const std::string kServerFingerprint =
    "sha-256 47:2E:B8:E1:69:3B:D7:69:FB:A7:14:A4:71:54:CC:B4:46:F0:C5:D0:F7:43:73:96:EE:B5:6F:4B:9B:41:63:97";

ServerTransportParams server_params() {
  ServerTransportParams s;
  s.ice_ufrag = "srvU";
  s.ice_pwd = "srvPassword0123456789abcd";
  s.fingerprint = kServerFingerprint;
  s.candidates.push_back(Candidate{"1", 2130706431, "203.0.113.7", 40000, "udp", ""});
  s.candidates.push_back(Candidate{"2", 1694498815, "203.0.113.7", 443, "tcp", "passive"});
  return s;
}

PublishNegotiation publish_ok(const std::string& offer_text, const CodecPolicy& policy = {}) {
  auto r = answer_publish(parse_ok(offer_text), server_params(), policy);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : PublishNegotiation{};
}

std::string publish_error(const std::string& offer_text) {
  auto r = answer_publish(parse_ok(offer_text), server_params());
  EXPECT_FALSE(r.ok());
  return r.ok() ? std::string() : r.error().message;
}

bool has_line(const std::string& sdp, const std::string& line) {
  return sdp.find("\r\n" + line + "\r\n") != std::string::npos;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::vector<std::pair<std::string, std::optional<uint8_t>>> names_and_rtx(
    const std::vector<NegotiatedCodec>& codecs) {
  std::vector<std::pair<std::string, std::optional<uint8_t>>> out;
  for (const auto& c : codecs)
    out.emplace_back(c.name + "/" + std::to_string(c.payload_type), c.rtx_payload_type);
  return out;
}

TEST(SdpPublish, ChromeAudioSimulcastVideoAndDataChannel) {
  const auto n = publish_ok(read_fixture("chrome_publish.sdp"));
  EXPECT_EQ(n.client_ice_ufrag, "Yd8r");
  EXPECT_EQ(n.client_ice_pwd, "ZzK0f4s5hV1oA9pQ2mW7xR3t");
  EXPECT_EQ(
      n.client_fingerprint,
      "sha-256 "
      "E7:B1:9E:B5:65:43:46:78:F5:AC:61:1A:89:42:2F:AD:AC:C1:74:90:8C:6E:14:FB:6B:7F:1B:48:7A:C0:6A:8C");
  EXPECT_EQ(n.dtls_role, dtls::DtlsRole::server);
  ASSERT_EQ(n.sections.size(), 3U);
  EXPECT_EQ(n.sections[0].outcome, SectionOutcome::receiving);
  EXPECT_EQ(n.sections[1].outcome, SectionOutcome::receiving);
  EXPECT_EQ(n.sections[2].outcome, SectionOutcome::rejected);
  EXPECT_EQ(n.sections[2].mid, "2");
  EXPECT_EQ(n.sections[2].reason, "only audio and video are received");

  ASSERT_EQ(n.tracks.size(), 2U);
  const PublishedTrack& audio = n.tracks[0];
  EXPECT_EQ(audio.mid, "0");
  EXPECT_EQ(audio.kind, MediaKind::audio);
  ASSERT_EQ(audio.codecs.size(), 1U);
  EXPECT_EQ(audio.codecs[0],
            (NegotiatedCodec{
                111, "opus", 48000, 2, "minptime=10;useinbandfec=1", {"transport-cc"}, std::nullopt, ""}));
  EXPECT_EQ(audio.extensions, (HeaderExtensionIds{4, 0, 0, 2, 3, 1}));
  EXPECT_EQ(audio.ssrcs, std::vector<uint32_t>{1294825461U});
  EXPECT_EQ(audio.cname, "Wz3kq9d0Yp1sLx8T");
  EXPECT_EQ(audio.msid,
            (Msid{"5d0a3c0e-4d5e-4b8a-9f21-7c3e2b1a9d40", "8f4e2a61-3b7c-4d19-a5e0-6c2f1d8b7a93"}));

  const PublishedTrack& video = n.tracks[1];
  EXPECT_EQ(video.kind, MediaKind::video);
  using P = std::pair<std::string, std::optional<uint8_t>>;
  EXPECT_EQ(names_and_rtx(video.codecs), (std::vector<P>{{"VP8/96", 97},
                                                         {"VP9/98", 99},
                                                         {"VP9/100", 101},
                                                         {"H264/102", 103},
                                                         {"H264/106", 107},
                                                         {"H264/127", 125},
                                                         {"H264/112", 113},
                                                         {"AV1/45", 46}}));
  EXPECT_EQ(video.codecs[0].rtcp_fb,
            (std::vector<std::string>{"goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"}));
  EXPECT_EQ(video.codecs[0].rtx_fmtp, "apt=96");
  EXPECT_EQ(video.extensions, (HeaderExtensionIds{4, 10, 11, 2, 3, 0}));
  EXPECT_EQ(video.rids, (std::vector<std::string>{"q", "h", "f"}));
  EXPECT_TRUE(video.ssrcs.empty()); // rid-based simulcast signals no SSRCs

  const auto answer = parse_ok(n.answer);
  EXPECT_TRUE(answer.ice_lite);
  EXPECT_EQ(answer.origin.session_version, 2U);
  ASSERT_NE(answer.bundle_group(), nullptr);
  EXPECT_EQ(*answer.bundle_group(), (std::vector<std::string>{"0", "1"}));
  ASSERT_EQ(answer.media.size(), 3U);
  for (const auto& m : answer.media) EXPECT_TRUE(m.transport.fingerprints.empty() || m.port != 0);
  const MediaSection& a0 = answer.media[0];
  EXPECT_EQ(a0.mid, "0");
  EXPECT_EQ(a0.direction, Direction::recvonly);
  EXPECT_EQ(a0.transport.ice_ufrag, "srvU");
  EXPECT_EQ(a0.transport.setup, SetupRole::passive);
  EXPECT_TRUE(a0.rtcp_mux);
  EXPECT_TRUE(a0.rtcp_rsize);
  EXPECT_EQ(a0.formats, std::vector<std::string>{"111"});
  EXPECT_EQ(a0.candidates,
            (std::vector<std::string>{"1 1 udp 2130706431 203.0.113.7 40000 typ host",
                                      "2 1 tcp 1694498815 203.0.113.7 443 typ host tcptype passive"}));
  EXPECT_TRUE(a0.end_of_candidates);
  const MediaSection& a1 = answer.media[1];
  EXPECT_EQ(a1.formats, (std::vector<std::string>{"96", "97", "98", "99", "100", "101", "102", "103", "106",
                                                  "107", "127", "125", "112", "113", "45", "46"}));
  EXPECT_EQ(a1.extmaps.size(), 5U); // mid, rid, repaired-rid, abs-send-time, transport-cc
  EXPECT_EQ(a1.rids, (std::vector<Rid>{{"q", RidDirection::recv, ""},
                                       {"h", RidDirection::recv, ""},
                                       {"f", RidDirection::recv, ""}}));
  EXPECT_EQ(answer.media[2].port, 0);
  EXPECT_EQ(answer.media[2].mid, "2");

  EXPECT_TRUE(has_line(n.answer, "a=ice-lite"));
  EXPECT_TRUE(has_line(n.answer, "a=group:BUNDLE 0 1"));
  EXPECT_TRUE(has_line(n.answer, "a=fingerprint:" + kServerFingerprint));
  EXPECT_TRUE(has_line(n.answer, "a=simulcast:recv q;h;f"));
  EXPECT_TRUE(has_line(n.answer, "a=rtpmap:97 rtx/90000"));
  EXPECT_TRUE(has_line(n.answer, "a=fmtp:97 apt=96"));
  EXPECT_TRUE(has_line(n.answer, "m=application 0 UDP/DTLS/SCTP webrtc-datachannel"));
  EXPECT_FALSE(has_line(n.answer, "a=extmap:14 urn:ietf:params:rtp-hdrext:toffset"));
}

TEST(SdpPublish, OnlyH264PacketizationModeZeroRejectsTheSection) {
  const std::string chrome = read_fixture("chrome_publish.sdp");
  // Keep the audio section, and in the video section only H.264 with packetization-mode=0.
  const size_t video = chrome.find("m=video");
  const size_t data = chrome.find("m=application");
  std::string offer =
      chrome.substr(0, video) +
      crlf(
          "m=video 9 UDP/TLS/RTP/SAVPF 104 105\n"
          "c=IN IP4 0.0.0.0\n"
          "a=mid:1\n"
          "a=sendonly\n"
          "a=rtcp-mux\n"
          "a=rtpmap:104 H264/90000\n"
          "a=rtcp-fb:104 nack\n"
          "a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f\n"
          "a=rtpmap:105 rtx/90000\n"
          "a=fmtp:105 apt=104\n") +
      chrome.substr(data);
  const auto n = publish_ok(offer);
  ASSERT_EQ(n.sections.size(), 3U);
  EXPECT_EQ(n.sections[1].outcome, SectionOutcome::rejected);
  EXPECT_EQ(n.sections[1].reason, "no codec in common");
  ASSERT_EQ(n.tracks.size(), 1U);
  EXPECT_EQ(n.tracks[0].mid, "0");
  EXPECT_TRUE(has_line(n.answer, "m=video 0 UDP/TLS/RTP/SAVPF 104 105"));
  EXPECT_TRUE(has_line(n.answer, "a=group:BUNDLE 0"));
  const auto answer = parse_ok(n.answer);
  EXPECT_EQ(answer.media[1].mid, "1");
  EXPECT_TRUE(answer.media[1].candidates.empty());
}

TEST(SdpPublish, FirefoxSessionLevelFingerprintAndFidGroup) {
  const auto n = publish_ok(read_fixture("firefox_publish.sdp"));
  EXPECT_EQ(n.client_ice_ufrag, "c3a1e9f2");
  EXPECT_EQ(n.client_fingerprint.substr(0, 14), "sha-256 BA:93:");
  ASSERT_EQ(n.tracks.size(), 2U);
  const PublishedTrack& audio = n.tracks[0];
  EXPECT_EQ(audio.codecs[0].fmtp, "maxplaybackrate=48000;stereo=1;useinbandfec=1");
  EXPECT_EQ(audio.extensions, (HeaderExtensionIds{3, 0, 0, 0, 0, 1})); // csrc-audio-level left out
  EXPECT_EQ(audio.cname, "{1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d}");
  const PublishedTrack& video = n.tracks[1];
  using P = std::pair<std::string, std::optional<uint8_t>>;
  // H.264 97 has no packetization-mode (that is 0): not taken.
  EXPECT_EQ(names_and_rtx(video.codecs),
            (std::vector<P>{{"VP8/120", 124}, {"VP9/121", 125}, {"H264/126", 127}}));
  // playout-delay is recvonly for Firefox and not ours anyway; toffset is not forwarded.
  EXPECT_EQ(video.extensions, (HeaderExtensionIds{3, 0, 0, 4, 7, 0}));
  EXPECT_EQ(video.ssrcs, std::vector<uint32_t>{1767101329U});
  EXPECT_EQ(video.rtx_ssrcs, (std::vector<std::pair<uint32_t, uint32_t>>{{1767101329U, 3223456789U}}));
  EXPECT_TRUE(has_line(n.answer, "a=recvonly"));
  EXPECT_FALSE(has_line(n.answer, "a=sendrecv"));
}

TEST(SdpPublish, BundleOnlySectionIsReceived) {
  // Firefox with max-bundle offers every section but the first as port 0 + a=bundle-only
  // (RFC 8843 section 6): it shares the BUNDLE transport and must be answered, not rejected.
  const std::string offer =
      replace_all(replace_all(read_fixture("firefox_publish.sdp"), "m=video 9 UDP/TLS/RTP/SAVPF",
                              "m=video 0 UDP/TLS/RTP/SAVPF"),
                  "a=mid:1\r\n", "a=mid:1\r\na=bundle-only\r\n");
  ASSERT_NE(offer.find("a=bundle-only"), std::string::npos);
  const auto n = publish_ok(offer);
  ASSERT_EQ(n.tracks.size(), 2U);
  EXPECT_EQ(n.tracks[1].mid, "1");
  EXPECT_TRUE(has_line(n.answer, "a=group:BUNDLE 0 1"));
  // Without a=bundle-only, port 0 still means the client stopped the section.
  const auto stopped = publish_ok(replace_all(read_fixture("firefox_publish.sdp"),
                                              "m=video 9 UDP/TLS/RTP/SAVPF", "m=video 0 UDP/TLS/RTP/SAVPF"));
  EXPECT_EQ(stopped.tracks.size(), 1U);
}

TEST(SdpPublish, AiortcSessionLevelIce) {
  const auto n = publish_ok(read_fixture("aiortc_publish.sdp"));
  EXPECT_EQ(n.client_ice_ufrag, "Rk4N");
  EXPECT_EQ(n.client_ice_pwd, "QmD3Pc8ApQ1J7kGmqzaBNc");
  ASSERT_EQ(n.tracks.size(), 2U);
  EXPECT_EQ(n.tracks[1].ssrcs, std::vector<uint32_t>{1128379187U});
  EXPECT_EQ(n.tracks[1].rtx_ssrcs, (std::vector<std::pair<uint32_t, uint32_t>>{{1128379187U, 2049873211U}}));
  EXPECT_EQ(n.tracks[1].codecs.size(), 3U);
  EXPECT_FALSE(has_line(n.answer, "a=rtcp-rsize")); // aiortc does not offer it
}

TEST(SdpPublish, LibwebrtcSendrecvWithSsrcMsid) {
  const auto n = publish_ok(read_fixture("wrtc_publish.sdp"));
  ASSERT_EQ(n.tracks.size(), 2U);
  EXPECT_EQ(n.tracks[1].msid, (Msid{"stream-a", "video-1"}));
  EXPECT_EQ(n.tracks[1].ssrcs, std::vector<uint32_t>{2231627014U});
  EXPECT_EQ(n.tracks[1].rtx_ssrcs, (std::vector<std::pair<uint32_t, uint32_t>>{{2231627014U, 632943048U}}));
  EXPECT_EQ(n.tracks[1].cname, "rI3qXg4kP0TbAvn9");
}

TEST(SdpPublish, PolicyOrderDecidesWhatTheClientSends) {
  const auto n = publish_ok(read_fixture("safari_publish.sdp"));
  using P = std::pair<std::string, std::optional<uint8_t>>;
  EXPECT_EQ(names_and_rtx(n.tracks[1].codecs),
            (std::vector<P>{{"VP8/127", 125}, {"H264/96", 97}, {"H264/98", 99}}));
  CodecPolicy h264_only;
  h264_only.video_codecs = {"H264"};
  h264_only.rtx = false;
  const auto h = publish_ok(read_fixture("safari_publish.sdp"), h264_only);
  EXPECT_EQ(names_and_rtx(h.tracks[1].codecs),
            (std::vector<P>{{"H264/96", std::nullopt}, {"H264/98", std::nullopt}}));
  EXPECT_TRUE(has_line(h.answer, "m=video 9 UDP/TLS/RTP/SAVPF 96 98"));
}

TEST(SdpPublish, DependencyDescriptorOnlyForVp9AndAv1WithMixedExtmaps) {
  const std::string dd = "a=extmap:12 " + std::string(kExtDependencyDescriptor);
  const std::string rrid = "a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id\r\n";
  const std::string chrome = replace_all(read_fixture("chrome_publish.sdp"), rrid, rrid + dd + "\r\n");
  // VP8 first (the policy's order): the router does not read it there.
  const auto vp8 = publish_ok(chrome);
  EXPECT_EQ(vp8.tracks[1].extensions.dependency_descriptor, 0);
  EXPECT_FALSE(has_line(vp8.answer, dd));
  EXPECT_TRUE(has_line(vp8.answer, "a=extmap-allow-mixed"));
  CodecPolicy vp9;
  vp9.video_codecs = {"VP9"};
  const auto n = publish_ok(chrome, vp9);
  EXPECT_EQ(n.tracks[1].extensions.dependency_descriptor, 12);
  EXPECT_EQ(n.tracks[0].extensions.dependency_descriptor, 0); // audio
  EXPECT_TRUE(has_line(n.answer, dd));
  EXPECT_TRUE(has_line(n.answer, "a=extmap-allow-mixed"));
  // Without a=extmap-allow-mixed a key frame's descriptor (over 16 bytes) could not be sent.
  const auto strict = publish_ok(replace_all(chrome, "a=extmap-allow-mixed\r\n", ""), vp9);
  EXPECT_EQ(strict.tracks[1].extensions.dependency_descriptor, 0);
  EXPECT_FALSE(has_line(strict.answer, dd));
  EXPECT_FALSE(has_line(strict.answer, "a=extmap-allow-mixed"));
}

TEST(SdpPublish, ClientPassiveMakesTheServerDtlsClient) {
  const std::string offer =
      replace_all(read_fixture("chrome_publish.sdp"), "a=setup:actpass", "a=setup:passive");
  const auto n = publish_ok(offer);
  EXPECT_EQ(n.dtls_role, dtls::DtlsRole::client);
  EXPECT_TRUE(has_line(n.answer, "a=setup:active"));
  const auto active =
      publish_ok(replace_all(read_fixture("chrome_publish.sdp"), "a=setup:actpass", "a=setup:active"));
  EXPECT_EQ(active.dtls_role, dtls::DtlsRole::server);
  EXPECT_TRUE(has_line(active.answer, "a=setup:passive"));
}

TEST(SdpPublish, RecvonlyAndPortZeroSectionsAreKept) {
  std::string offer = read_fixture("wrtc_publish.sdp");
  const size_t video = offer.find("m=video");
  offer = offer.substr(0, video) + replace_all(offer.substr(video), "a=sendrecv", "a=recvonly");
  offer += crlf(
      "m=audio 0 UDP/TLS/RTP/SAVPF 111\nc=IN IP4 0.0.0.0\na=mid:2\na=inactive\na=rtpmap:111 opus/48000/2\n");
  const auto n = publish_ok(offer);
  ASSERT_EQ(n.sections.size(), 3U);
  EXPECT_EQ(n.sections[0].outcome, SectionOutcome::receiving);
  EXPECT_EQ(n.sections[1].outcome, SectionOutcome::inactive);
  EXPECT_EQ(n.sections[2].outcome, SectionOutcome::rejected);
  EXPECT_EQ(n.tracks.size(), 1U);
  const auto answer = parse_ok(n.answer);
  EXPECT_EQ(*answer.bundle_group(), (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(answer.media[1].direction, Direction::inactive);
  EXPECT_EQ(answer.media[1].port, 9);
  EXPECT_EQ(answer.media[2].port, 0);
  EXPECT_EQ(answer.media[2].mid, "2");
}

TEST(SdpPublish, ClearErrors) {
  const std::string chrome = read_fixture("chrome_publish.sdp");
  EXPECT_EQ(publish_error(replace_all(chrome, "a=group:BUNDLE 0 1 2\r\n", "")),
            "the offer has no a=group:BUNDLE");
  EXPECT_EQ(
      publish_error(chrome.substr(0, chrome.find("m=audio")) + chrome.substr(chrome.find("m=application"))),
      "the offer has no audio or video section");
  EXPECT_EQ(publish_error(replace_all(chrome, "a=ice-ufrag:Yd8r\r\n", "")), "mid 0: missing a=ice-ufrag");
  EXPECT_EQ(publish_error(replace_all(chrome, "a=ice-pwd:ZzK0f4s5hV1oA9pQ2mW7xR3t\r\n", "")),
            "mid 0: missing a=ice-pwd");
  EXPECT_EQ(publish_error(replace_all(chrome, "a=fingerprint:sha-256 E7", "a=x-gone:E7")),
            "mid 0: missing a=fingerprint");
  EXPECT_EQ(publish_error(replace_all(chrome, "a=fingerprint:sha-256 ", "a=fingerprint:sha-1 ")),
            "mid 0: a=fingerprint: only sha-256 is supported, the client offered sha-1");
  EXPECT_EQ(publish_error(replace_all(chrome, "sha-256 E7:B1:", "sha-256 E7:")),
            "mid 0: a=fingerprint: not a SHA-256 digest");
  EXPECT_EQ(publish_error(replace_all(chrome, "a=rtcp-mux\r\n", "")), "mid 0: a=rtcp-mux is required");
  EXPECT_EQ(publish_error(replace_all(chrome, "a=mid:1\r\n", "")), "m= section 2 has no a=mid");
  EXPECT_EQ(publish_error(replace_all(chrome, "a=setup:actpass", "a=setup:holdconn")),
            "mid 0: a=setup:holdconn is not supported");
}

// ---- Subscribe ----

SubscribeOffer subscribe_offer() {
  SubscribeOffer o;
  o.session_id = 4611731400430051336ULL;
  o.session_version = 3;
  o.transport = server_params();
  SubscribeSection audio;
  audio.mid = "0";
  audio.kind = MediaKind::audio;
  audio.codecs = {
      NegotiatedCodec{111, "opus", 48000, 2, "minptime=10;useinbandfec=1", {"transport-cc"}, {}, {}}};
  audio.extensions = HeaderExtensionIds{1, 0, 0, 0, 3, 4};
  audio.ssrc = 1001;
  audio.cname = "sfu-peer-7";
  audio.msid = Msid{"peer-7", "peer-7-audio"};
  SubscribeSection video;
  video.mid = "1";
  video.kind = MediaKind::video;
  video.codecs = {NegotiatedCodec{
      96, "VP8", 90000, 0, "", {"goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"}, 97, ""}};
  video.extensions = HeaderExtensionIds{1, 0, 0, 2, 3, 0};
  video.ssrc = 2002;
  video.rtx_ssrc = 2003;
  video.cname = "sfu-peer-7";
  video.msid = Msid{"peer-7", "peer-7-video"};
  SubscribeSection gone = video;
  gone.mid = "2";
  gone.active = false;
  o.sections = {audio, video, gone};
  return o;
}

TEST(SdpSubscribe, OfferLines) {
  const std::string text = build_subscribe_offer(subscribe_offer());
  EXPECT_EQ(text.substr(0, 5), "v=0\r\n");
  for (const std::string& line : std::vector<std::string>{
           "o=- 4611731400430051336 3 IN IP4 0.0.0.0",
           "a=group:BUNDLE 0 1",
           "a=ice-lite",
           "a=msid-semantic: WMS *",
           "m=audio 9 UDP/TLS/RTP/SAVPF 111",
           "a=ice-ufrag:srvU",
           "a=ice-pwd:srvPassword0123456789abcd",
           "a=fingerprint:" + kServerFingerprint,
           "a=setup:actpass",
           "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid",
           "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
           "a=extmap:4 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
           "a=sendonly",
           "a=msid:peer-7 peer-7-audio",
           "a=rtcp-mux",
           "a=rtcp-rsize",
           "a=rtpmap:111 opus/48000/2",
           "a=rtcp-fb:111 transport-cc",
           "a=fmtp:111 minptime=10;useinbandfec=1",
           "a=ssrc:1001 cname:sfu-peer-7",
           "a=ssrc:1001 msid:peer-7 peer-7-audio",
           "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
           "a=rtpmap:97 rtx/90000",
           "a=fmtp:97 apt=96",
           "a=ssrc-group:FID 2002 2003",
           "a=ssrc:2003 cname:sfu-peer-7",
           "a=candidate:1 1 udp 2130706431 203.0.113.7 40000 typ host",
           "a=candidate:2 1 tcp 1694498815 203.0.113.7 443 typ host tcptype passive",
           "a=end-of-candidates",
           "m=video 0 UDP/TLS/RTP/SAVPF 96 97",
           "a=inactive",
       }) {
    EXPECT_TRUE(has_line(text, line)) << line;
  }
  const auto d = parse_ok(text);
  ASSERT_EQ(d.media.size(), 3U);
  EXPECT_EQ(d.media[2].mid, "2");
  EXPECT_TRUE(d.media[2].ssrcs.empty());
  EXPECT_TRUE(d.media[2].transport.ice_ufrag.empty());
  EXPECT_EQ(serialize(d), text);
}

TEST(SdpSubscribe, FirstSectionStaysBundledWhenEverythingStopped) {
  // libwebrtc (max-bundle) refuses an offer without a BUNDLE group: the first section keeps the
  // transport as a=inactive, the others are rejected.
  auto o = subscribe_offer();
  for (auto& s : o.sections) s.active = false;
  const std::string text = build_subscribe_offer(o);
  EXPECT_TRUE(has_line(text, "a=group:BUNDLE 0"));
  const auto d = parse_ok(text);
  ASSERT_EQ(d.media.size(), 3U);
  EXPECT_NE(d.media[0].port, 0);
  EXPECT_EQ(d.media[0].direction, Direction::inactive);
  EXPECT_FALSE(d.media[0].transport.ice_ufrag.empty());
  EXPECT_TRUE(d.media[0].ssrcs.empty());
  EXPECT_EQ(d.media[1].port, 0);
  EXPECT_EQ(d.media[2].port, 0);
}

TEST(SdpSubscribe, ReadChromeAnswer) {
  auto r = read_subscribe_answer(parse_ok(read_fixture("chrome_subscribe_answer.sdp")), subscribe_offer());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->client_ice_ufrag, "Hh3n");
  EXPECT_EQ(r->client_ice_pwd, "Ws1rJ2kF7dQ0xV9bN4mC8pZa");
  EXPECT_EQ(r->client_fingerprint.substr(0, 14), "sha-256 E7:B1:");
  EXPECT_EQ(r->dtls_role, dtls::DtlsRole::server);
  ASSERT_EQ(r->accepted.size(), 2U);
  EXPECT_EQ(r->accepted[0].mid, "0");
  EXPECT_EQ(r->accepted[0].payload_types, std::vector<uint8_t>{111});
  EXPECT_EQ(r->accepted[0].extensions, (HeaderExtensionIds{1, 0, 0, 0, 3, 4}));
  EXPECT_EQ(r->accepted[1].mid, "1");
  EXPECT_EQ(r->accepted[1].payload_types, (std::vector<uint8_t>{96, 97}));
  EXPECT_EQ(r->accepted[1].extensions, (HeaderExtensionIds{1, 0, 0, 2, 3, 0}));
}

TEST(SdpSubscribe, DependencyDescriptorNeedsMixedExtmapsInTheAnswer) {
  auto o = subscribe_offer();
  o.sections[1].codecs[0].name = "VP9";
  o.sections[1].extensions.dependency_descriptor = 5;
  const std::string dd = "a=extmap:5 " + std::string(kExtDependencyDescriptor);
  const std::string text = build_subscribe_offer(o);
  EXPECT_TRUE(has_line(text, "a=extmap-allow-mixed"));
  EXPECT_TRUE(has_line(text, dd));
  EXPECT_FALSE(has_line(build_subscribe_offer(subscribe_offer()), "a=extmap-allow-mixed"));

  const std::string abs = "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n";
  const std::string answer = replace_all(read_fixture("chrome_subscribe_answer.sdp"), abs, abs + dd + "\r\n");
  auto strict = read_subscribe_answer(parse_ok(answer), o);
  ASSERT_TRUE(strict.ok()) << strict.error().message;
  EXPECT_EQ(strict->accepted[1].extensions.dependency_descriptor, 0);
  const std::string mixed =
      replace_all(answer, "a=group:BUNDLE 0 1\r\n", "a=group:BUNDLE 0 1\r\na=extmap-allow-mixed\r\n");
  auto r = read_subscribe_answer(parse_ok(mixed), o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->accepted[1].extensions.dependency_descriptor, 5);
  EXPECT_EQ(r->accepted[0].extensions.dependency_descriptor, 0);
}

TEST(SdpSubscribe, AnswerRolesAndRejections) {
  const std::string chrome = read_fixture("chrome_subscribe_answer.sdp");
  auto passive = read_subscribe_answer(parse_ok(replace_all(chrome, "a=setup:active", "a=setup:passive")),
                                       subscribe_offer());
  ASSERT_TRUE(passive.ok());
  EXPECT_EQ(passive->dtls_role, dtls::DtlsRole::client);

  auto actpass = read_subscribe_answer(parse_ok(replace_all(chrome, "a=setup:active", "a=setup:actpass")),
                                       subscribe_offer());
  ASSERT_FALSE(actpass.ok());
  EXPECT_EQ(actpass.error().message, "mid 0: a=setup:actpass is not allowed in an answer");

  // The client rejects the video (port 0): only the audio is accepted.
  auto rejected = read_subscribe_answer(
      parse_ok(replace_all(chrome, "m=video 9 UDP/TLS/RTP/SAVPF 96 97", "m=video 0 UDP/TLS/RTP/SAVPF 96 97")),
      subscribe_offer());
  ASSERT_TRUE(rejected.ok());
  ASSERT_EQ(rejected->accepted.size(), 1U);
  EXPECT_EQ(rejected->accepted[0].mid, "0");
}

TEST(SdpSubscribe, AnswerMustMatchTheOfferedMids) {
  const std::string chrome = read_fixture("chrome_subscribe_answer.sdp");
  auto swapped = read_subscribe_answer(
      parse_ok(replace_all(replace_all(chrome, "a=mid:1", "a=mid:x"), "a=mid:0", "a=mid:1")),
      subscribe_offer());
  ASSERT_FALSE(swapped.ok());
  EXPECT_EQ(swapped.error().message, "m= section 1 has mid \"1\", the offer has \"0\"");

  auto shorter = subscribe_offer();
  shorter.sections.pop_back();
  auto r = read_subscribe_answer(parse_ok(chrome), shorter);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "the answer has 3 m= sections, the offer had 2");
}

} // namespace
} // namespace plenum::media::sdp
