// SDP parsing and serialization against real offers of Chromium, Firefox, Safari, libwebrtc
// (@roamhq/wrtc) and aiortc: every field the SFU reads, and parse -> serialize -> parse equality.
#include "media/sdp/session_description.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sdp_test_util.hpp"

namespace plenum::media::sdp {
namespace {

void expect_round_trip(const SessionDescription& d) {
  const std::string text = serialize(d);
  auto again = parse(text);
  ASSERT_TRUE(again.ok()) << again.error().message << "\n" << text;
  EXPECT_EQ(*again, d);
  EXPECT_EQ(serialize(*again), text);
}

const std::string kChromeFingerprint =
    "E7:B1:9E:B5:65:43:46:78:F5:AC:61:1A:89:42:2F:AD:AC:C1:74:90:8C:6E:14:FB:6B:7F:1B:48:7A:C0:6A:8C";

TEST(SdpParse, ChromePublishOfferWithSimulcastAndDataChannel) {
  const auto d = parse_ok(read_fixture("chrome_publish.sdp"));
  EXPECT_EQ(d.origin.username, "-");
  EXPECT_EQ(d.origin.session_id, "4215775240449105457");
  EXPECT_EQ(d.origin.session_version, 2U);
  ASSERT_NE(d.bundle_group(), nullptr);
  EXPECT_EQ(*d.bundle_group(), (std::vector<std::string>{"0", "1", "2"}));
  EXPECT_EQ(d.msid_semantic, "WMS 5d0a3c0e-4d5e-4b8a-9f21-7c3e2b1a9d40");
  EXPECT_FALSE(d.ice_lite);
  ASSERT_EQ(d.attributes.size(), 1U);
  EXPECT_EQ(d.attributes[0], (Attribute{"extmap-allow-mixed", std::nullopt}));
  ASSERT_EQ(d.media.size(), 3U);

  const MediaSection& audio = d.media[0];
  EXPECT_EQ(audio.kind(), MediaKind::audio);
  EXPECT_EQ(audio.port, 9);
  EXPECT_EQ(audio.proto, "UDP/TLS/RTP/SAVPF");
  EXPECT_EQ(audio.formats, (std::vector<std::string>{"111", "63", "9", "0", "8", "13", "110", "126"}));
  EXPECT_EQ(audio.connection, (Connection{"IN", "IP4", "0.0.0.0"}));
  EXPECT_EQ(audio.mid, "0");
  EXPECT_EQ(audio.direction, Direction::sendonly);
  EXPECT_EQ(audio.transport.ice_ufrag, "Yd8r");
  EXPECT_EQ(audio.transport.ice_pwd, "ZzK0f4s5hV1oA9pQ2mW7xR3t");
  EXPECT_EQ(audio.transport.ice_options, std::vector<std::string>{"trickle"});
  ASSERT_EQ(audio.transport.fingerprints.size(), 1U);
  EXPECT_EQ(audio.transport.fingerprints[0], (Fingerprint{"sha-256", kChromeFingerprint}));
  EXPECT_EQ(audio.transport.setup, SetupRole::actpass);
  EXPECT_TRUE(audio.rtcp_mux);
  EXPECT_TRUE(audio.rtcp_rsize);
  ASSERT_EQ(audio.codecs.size(), 8U);
  EXPECT_EQ(audio.codecs[0], (Codec{111, "opus", 48000, 2, "minptime=10;useinbandfec=1", {"transport-cc"}}));
  EXPECT_EQ(audio.codecs[1], (Codec{63, "red", 48000, 2, "111/111", {}}));
  EXPECT_EQ(audio.codecs[3], (Codec{0, "PCMU", 8000, 0, "", {}}));
  ASSERT_EQ(audio.extmaps.size(), 4U);
  EXPECT_EQ(audio.extmaps[0], (Extmap{1, std::nullopt, "urn:ietf:params:rtp-hdrext:ssrc-audio-level", ""}));
  EXPECT_EQ(audio.extmaps[3].uri, "urn:ietf:params:rtp-hdrext:sdes:mid");
  ASSERT_EQ(audio.msids.size(), 1U);
  EXPECT_EQ(audio.msids[0].stream_id, "5d0a3c0e-4d5e-4b8a-9f21-7c3e2b1a9d40");
  EXPECT_EQ(audio.msids[0].track_id, "8f4e2a61-3b7c-4d19-a5e0-6c2f1d8b7a93");
  const auto ssrcs = audio.ssrc_infos();
  ASSERT_EQ(ssrcs.size(), 1U);
  EXPECT_EQ(ssrcs[0].ssrc, 1294825461U);
  EXPECT_EQ(ssrcs[0].cname, "Wz3kq9d0Yp1sLx8T");
  EXPECT_EQ(ssrcs[0].msid, "5d0a3c0e-4d5e-4b8a-9f21-7c3e2b1a9d40 8f4e2a61-3b7c-4d19-a5e0-6c2f1d8b7a93");
  ASSERT_EQ(audio.candidates.size(), 2U);
  EXPECT_EQ(
      audio.candidates[0],
      "1467250027 1 udp 2122260223 192.168.1.23 56143 typ host generation 0 network-id 1 network-cost 10");
  EXPECT_FALSE(audio.end_of_candidates);
  ASSERT_EQ(audio.attributes.size(), 1U);
  EXPECT_EQ(audio.attributes[0], (Attribute{"rtcp", "9 IN IP4 0.0.0.0"}));

  const MediaSection& video = d.media[1];
  EXPECT_EQ(video.kind(), MediaKind::video);
  EXPECT_EQ(video.formats.size(), 25U);
  EXPECT_EQ(video.codecs.size(), 25U);
  EXPECT_EQ(video.extmaps.size(), 11U);
  const Codec* h264 = video.find_codec(102);
  ASSERT_NE(h264, nullptr);
  EXPECT_EQ(h264->encoding_name, "H264");
  EXPECT_EQ(h264->fmtp, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f");
  EXPECT_EQ(h264->rtcp_fb,
            (std::vector<std::string>{"goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"}));
  ASSERT_NE(video.find_codec(103), nullptr);
  EXPECT_EQ(video.find_codec(103)->fmtp, "apt=102");
  EXPECT_EQ(video.find_codec(116)->encoding_name, "ulpfec");
  ASSERT_EQ(video.rids.size(), 3U);
  EXPECT_EQ(video.rids[0], (Rid{"q", RidDirection::send, ""}));
  EXPECT_EQ(video.rids[2].id, "f");
  ASSERT_TRUE(video.simulcast.has_value());
  ASSERT_EQ(video.simulcast->send.size(), 3U);
  EXPECT_EQ(video.simulcast->send[1], (std::vector<SimulcastRid>{{"h", false}}));
  EXPECT_TRUE(video.simulcast->recv.empty());
  EXPECT_TRUE(video.ssrcs.empty());

  const MediaSection& data = d.media[2];
  EXPECT_EQ(data.kind(), MediaKind::application);
  EXPECT_FALSE(data.is_rtp());
  EXPECT_EQ(data.proto, "UDP/DTLS/SCTP");
  EXPECT_EQ(data.formats, std::vector<std::string>{"webrtc-datachannel"});
  EXPECT_EQ(data.mid, "2");
  EXPECT_FALSE(data.direction.has_value());
  EXPECT_EQ(d.effective_direction(data), Direction::sendrecv);
  EXPECT_EQ(data.attributes, (std::vector<Attribute>{{"sctp-port", "5000"}, {"max-message-size", "262144"}}));

  expect_round_trip(d);
}

TEST(SdpParse, FirefoxOfferWithSessionLevelFingerprintAndRtpmapsLast) {
  const auto d = parse_ok(read_fixture("firefox_publish.sdp"));
  EXPECT_EQ(d.origin.username, "mozilla...THIS_IS_SDPARTA-99.0");
  EXPECT_EQ(d.origin.session_version, 0U);
  EXPECT_EQ(d.msid_semantic, "WMS *");
  ASSERT_EQ(d.transport.fingerprints.size(), 1U);
  EXPECT_EQ(d.transport.ice_options, std::vector<std::string>{"trickle"});
  ASSERT_EQ(d.media.size(), 2U);

  const MediaSection& audio = d.media[0];
  EXPECT_TRUE(audio.transport.fingerprints.empty());
  const TransportAttributes t = d.effective_transport(audio);
  EXPECT_EQ(t.ice_ufrag, "c3a1e9f2");
  EXPECT_EQ(t.ice_pwd, "9b7f0a0c5d3e4f1a2b6c8d9e0f1a2b3c");
  ASSERT_EQ(t.fingerprints.size(), 1U);
  EXPECT_EQ(
      t.fingerprints[0].value,
      "BA:93:FB:96:6F:5A:45:86:21:FE:C7:AD:F5:F2:CE:9E:0E:D0:AC:D2:7F:CE:97:B4:1A:BC:FD:14:5D:F3:C9:F8");
  EXPECT_EQ(t.setup, SetupRole::actpass);
  EXPECT_EQ(audio.direction, Direction::sendrecv);
  // a=fmtp comes before a=rtpmap in Firefox's offers.
  EXPECT_EQ(audio.codecs[0],
            (Codec{109, "opus", 48000, 2, "maxplaybackrate=48000;stereo=1;useinbandfec=1", {}}));
  EXPECT_EQ(audio.codecs[1], (Codec{9, "G722", 8000, 1, "", {}}));
  EXPECT_EQ(audio.find_codec(101)->fmtp, "0-15");
  EXPECT_EQ(audio.extmaps[1],
            (Extmap{2, Direction::recvonly, "urn:ietf:params:rtp-hdrext:csrc-audio-level", ""}));
  EXPECT_EQ(audio.msids[0].stream_id, "{4c1e8a2b-7d3f-4e6a-9b05-1f2d3c4e5a6b}");

  const MediaSection& video = d.media[1];
  EXPECT_EQ(video.find_codec(120)->rtcp_fb.size(), 5U);
  EXPECT_EQ(video.find_codec(124)->fmtp, "apt=120");
  EXPECT_EQ(video.find_codec(97)->fmtp, "profile-level-id=42e01f;level-asymmetry-allowed=1");
  ASSERT_EQ(video.ssrc_groups.size(), 1U);
  EXPECT_EQ(video.ssrc_groups[0], (SsrcGroup{"FID", {1767101329U, 3223456789U}}));
  EXPECT_EQ(video.ssrc_infos().size(), 2U);
  expect_round_trip(d);
}

TEST(SdpParse, AiortcOfferWithSessionLevelIceAndCandidates) {
  const auto d = parse_ok(read_fixture("aiortc_publish.sdp"));
  EXPECT_EQ(d.origin.session_id, "3906414565");
  EXPECT_EQ(d.transport.ice_ufrag, "Rk4N");
  EXPECT_EQ(d.transport.ice_pwd, "QmD3Pc8ApQ1J7kGmqzaBNc");
  EXPECT_EQ(d.transport.setup, SetupRole::actpass);
  ASSERT_EQ(d.media.size(), 2U);
  const MediaSection& audio = d.media[0];
  EXPECT_TRUE(audio.transport.ice_ufrag.empty());
  EXPECT_EQ(d.effective_transport(audio).ice_ufrag, "Rk4N");
  EXPECT_EQ(d.effective_transport(audio).fingerprints.size(), 1U);
  EXPECT_EQ(audio.port, 53719);
  EXPECT_EQ(audio.connection->address, "192.168.1.20");
  ASSERT_EQ(audio.candidates.size(), 2U);
  EXPECT_EQ(audio.candidates[1],
            "6a4e0b9d2c1f3e5a7b8c9d0e1f2a3b4c 1 udp 1694498815 203.0.113.9 53719 typ srflx raddr "
            "192.168.1.20 rport "
            "53719");
  EXPECT_TRUE(audio.end_of_candidates);
  EXPECT_FALSE(audio.rtcp_rsize);
  const MediaSection& video = d.media[1];
  EXPECT_EQ(video.ssrc_groups[0], (SsrcGroup{"FID", {1128379187U, 2049873211U}}));
  EXPECT_EQ(video.find_codec(99)->rtcp_fb, (std::vector<std::string>{"nack", "nack pli", "goog-remb"}));
  expect_round_trip(d);
}

TEST(SdpParse, LibwebrtcOfferWithSsrcGroupFid) {
  const auto d = parse_ok(read_fixture("wrtc_publish.sdp"));
  ASSERT_EQ(d.media.size(), 2U);
  const MediaSection& video = d.media[1];
  EXPECT_EQ(video.direction, Direction::sendrecv);
  EXPECT_EQ(video.ssrc_groups[0], (SsrcGroup{"FID", {2231627014U, 632943048U}}));
  const auto infos = video.ssrc_infos();
  ASSERT_EQ(infos.size(), 2U);
  EXPECT_EQ(infos[0], (SsrcInfo{2231627014U, "rI3qXg4kP0TbAvn9", "stream-a video-1"}));
  EXPECT_EQ(infos[1], (SsrcInfo{632943048U, "rI3qXg4kP0TbAvn9", "stream-a video-1"}));
  EXPECT_EQ(video.msids[0], (Msid{"stream-a", "video-1"}));
  EXPECT_EQ(d.media[0].codecs.size(), 15U);
  expect_round_trip(d);
}

TEST(SdpParse, SafariAndChromeAnswerRoundTrip) {
  expect_round_trip(parse_ok(read_fixture("safari_publish.sdp")));
  const auto answer = parse_ok(read_fixture("chrome_subscribe_answer.sdp"));
  EXPECT_EQ(answer.media[0].transport.setup, SetupRole::active);
  EXPECT_EQ(answer.media[2].port, 0);
  EXPECT_EQ(answer.media[2].direction, Direction::inactive);
  expect_round_trip(answer);
}

TEST(SdpParse, AcceptsLfLineEndingsAndNoFinalLineBreak) {
  const std::string with_crlf = read_fixture("chrome_publish.sdp");
  std::string with_lf;
  for (const char c : with_crlf) {
    if (c != '\r') with_lf.push_back(c);
  }
  EXPECT_EQ(parse_ok(with_lf), parse_ok(with_crlf));
  with_lf.pop_back();
  EXPECT_EQ(parse_ok(with_lf), parse_ok(with_crlf));
}

TEST(SdpParse, StaticPayloadTypeWithFmtpAndUnmatchedLinesAreKept) {
  const std::string text = std::string(kMinimalSession) + crlf(
                                                              "m=audio 9 RTP/AVP 0 101\n"
                                                              "a=fmtp:0 x=1\n"
                                                              "a=rtcp-fb:101 nack\n"
                                                              "a=fmtp:102 y=2\n"
                                                              "a=rtcp-fb:* ccm fir\n"
                                                              "a=fmtp:101\n"
                                                              "a=x-custom\n");
  const auto d = parse_ok(text);
  const MediaSection& m = d.media[0];
  ASSERT_EQ(m.codecs.size(), 2U);
  EXPECT_EQ(m.codecs[0], (Codec{0, "", 0, 0, "x=1", {}}));
  EXPECT_EQ(m.codecs[1], (Codec{101, "", 0, 0, "", {"nack"}}));
  EXPECT_EQ(m.rtcp_fb_wildcard, std::vector<std::string>{"ccm fir"});
  EXPECT_EQ(m.attributes, (std::vector<Attribute>{{"x-custom", std::nullopt}, {"fmtp", "102 y=2"}}));
  expect_round_trip(d);
}

TEST(SdpSerialize, WritesCrlfInRfcOrder) {
  SessionDescription d;
  d.origin.session_id = "42";
  d.origin.session_version = 7;
  d.ice_lite = true;
  d.groups.push_back(Group{"BUNDLE", {"a"}});
  MediaSection m;
  m.media = "audio";
  m.port = 9;
  m.proto = "UDP/TLS/RTP/SAVPF";
  m.formats = {"111"};
  m.mid = "a";
  m.direction = Direction::recvonly;
  m.rtcp_mux = true;
  m.codecs.push_back(Codec{111, "opus", 48000, 2, "useinbandfec=1", {"transport-cc"}});
  d.media.push_back(m);
  EXPECT_EQ(serialize(d),
            "v=0\r\no=- 42 7 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a\r\na=ice-lite\r\n"
            "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a\r\na=recvonly\r\na=rtcp-mux\r\n"
            "a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 useinbandfec=1\r\n");
  expect_round_trip(d);
}

struct BadInput {
  std::string media_lines; // appended after kMinimalSession
  std::string error;       // expected message
};

TEST(SdpParse, ErrorsNameTheLineAndTheProblem) {
  const std::vector<BadInput> cases = {
      {"m=audio 9 RTP/AVP 0\na=rtpmap:128 foo/8000\n", "line 6: a=rtpmap: payload type must be 0-127"},
      {"m=audio 9 RTP/AVP 128\n", "line 5: m= line: payload type must be 0-127"},
      {"m=audio 70000 RTP/AVP 0\n", "line 5: m= line: port must be 0-65535"},
      {"m=audio 9 RTP/AVP 0\na=rtpmap:0 PCMU\n",
       "line 6: a=rtpmap: expected <encoding>/<clock rate>[/<channels>]"},
      {"m=audio 9 RTP/AVP 0\na=rtpmap:0 PCMU/8000\na=rtpmap:0 PCMA/8000\n",
       "line 7: a=rtpmap: payload type 0 mapped twice"},
      {"m=audio 9 RTP/AVP 0\na=extmap:0 urn:x\n", "line 6: a=extmap: id must be 1-255"},
      {"m=audio 9 RTP/AVP 0\na=extmap:256 urn:x\n", "line 6: a=extmap: id must be 1-255"},
      {"m=audio 9 RTP/AVP 0\na=extmap:1/sideways urn:x\n", "line 6: a=extmap: bad direction"},
      {"m=audio 9 RTP/AVP 0\na=extmap:1 urn:x\na=extmap:1 urn:y\n", "line 7: a=extmap: id 1 used twice"},
      {"m=audio 9 RTP/AVP 0\na=mid:0\nm=video 9 RTP/AVP 96\na=mid:0\n", "line 8: a=mid: \"0\" used twice"},
      {"m=audio 9 RTP/AVP 0\na=setup:sometimes\n",
       "line 6: a=setup: must be actpass, active, passive or holdconn"},
      {"m=audio 9 RTP/AVP 0\na=sendonly\na=recvonly\n", "line 7: second direction attribute"},
      {"m=audio 9 RTP/AVP 0\na=ssrc:4294967296 cname:x\n", "line 6: a=ssrc: SSRC must be 0-4294967295"},
      {"m=video 9 RTP/AVP 96\na=rid:h sideways\n", "line 6: a=rid: direction must be send or recv"},
      {"m=video 9 RTP/AVP 96\na=simulcast:send h;;l\n", "line 6: a=simulcast: bad rid \"\""},
      {"m=video 9 RTP/AVP 96\na=fingerprint:sha-256 XY:ZZ\n",
       "line 6: a=fingerprint: value must be hex bytes separated by colons"},
      {"m=video 9 RTP/AVP 96\na=ice-ufrag:a b\n",
       "line 6: a=ice-ufrag: must be visible ASCII without spaces"},
      {"garbage\n", "line 5: expected <type>=<value>"},
      {"a=tool:\x01\n", "line 5: control character"},
      {"a=tool:caf\xc3\n", "line 5: not valid UTF-8"},
      {"a=tool:a\rb\n", "line 5: control character"},
      {"m=audio 9 RTP/AVP 0\ns=again\n", "line 6: s= inside a media section"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(parse_error(std::string(kMinimalSession) + c.media_lines), c.error) << c.media_lines;
  }
  EXPECT_EQ(parse_error(""), "empty SDP");
  EXPECT_EQ(parse_error("o=- 1 1 IN IP4 0.0.0.0\r\n"), "line 1: an SDP starts with v=0");
  EXPECT_EQ(parse_error("v=0\r\ns=-\r\n"), "missing o= line");
  EXPECT_EQ(parse_error("v=0\r\no=- 1 x IN IP4 0.0.0.0\r\n"),
            "line 2: o= line: session version must be a number");
}

TEST(SdpParse, ValidBoundaryValues) {
  const auto d = parse_ok(std::string(kMinimalSession) + crlf("m=audio 65535 RTP/AVP 0 127\n"
                                                              "a=rtpmap:127 x/1/255\n"
                                                              "a=extmap:1 urn:a\n"
                                                              "a=extmap:255 urn:b\n"
                                                              "a=ssrc:4294967295 cname:c\n"
                                                              "a=simulcast:recv ~a,b;c send d\n"));
  const MediaSection& m = d.media[0];
  EXPECT_EQ(m.port, 65535);
  EXPECT_EQ(m.codecs[0], (Codec{127, "x", 1, 255, "", {}}));
  EXPECT_EQ(m.extmaps[1].id, 255);
  EXPECT_EQ(m.ssrcs[0].ssrc, 4294967295U);
  ASSERT_TRUE(m.simulcast.has_value());
  EXPECT_EQ(m.simulcast->recv,
            (std::vector<std::vector<SimulcastRid>>{{{"a", true}, {"b", false}}, {{"c", false}}}));
  EXPECT_EQ(m.simulcast->send, (std::vector<std::vector<SimulcastRid>>{{{"d", false}}}));
  expect_round_trip(d);
}

// ---- Limits: the boundary is accepted, one more is refused with a clear message. ----

std::string media_with(const std::string& line_template, size_t count) {
  std::string out = std::string(kMinimalSession) + "m=video 9 RTP/AVP 96\r\n";
  for (size_t i = 0; i < count; ++i) {
    std::string l = line_template;
    const auto at = l.find('#');
    if (at != std::string::npos) l.replace(at, 1, std::to_string(i + 1));
    out += l + "\r\n";
  }
  return out;
}

TEST(SdpLimits, TextSize) {
  std::string text = kMinimalSession;
  const std::string filler = "a=x-filler:" + std::string(1000, 'f') + "\r\n";
  while (text.size() + filler.size() <= kMaxSdpSize) text += filler;
  const size_t rest = kMaxSdpSize - text.size();
  ASSERT_GE(rest, 14U);
  text += "a=x-pad:" + std::string(rest - 10, 'p') + "\r\n";
  ASSERT_EQ(text.size(), kMaxSdpSize);
  parse_ok(text);
  text += "\n";
  EXPECT_EQ(parse_error(text), "SDP is 65537 bytes, more than the limit of 65536");
}

TEST(SdpLimits, LineLength) {
  const std::string prefix = "a=x-long:";
  std::string line = prefix + std::string(kMaxLineLength - prefix.size(), 'x');
  parse_ok(std::string(kMinimalSession) + line + "\r\n");
  line.push_back('x');
  EXPECT_EQ(parse_error(std::string(kMinimalSession) + line + "\r\n"), "line 5: longer than 4096 bytes");
}

TEST(SdpLimits, MediaSections) {
  std::string text = kMinimalSession;
  for (size_t i = 0; i < kMaxMediaSections; ++i) text += "m=audio 9 RTP/AVP 0\r\n";
  EXPECT_EQ(parse_ok(text).media.size(), kMaxMediaSections);
  text += "m=audio 9 RTP/AVP 0\r\n";
  EXPECT_EQ(parse_error(text), "line 1005: more than 1000 media sections");
}

TEST(SdpLimits, CodecsPerSection) {
  std::string formats;
  std::string rtpmaps;
  for (int pt = 0; pt <= kMaxPayloadType; ++pt) {
    formats += " " + std::to_string(pt);
    rtpmaps += "a=rtpmap:" + std::to_string(pt) + " c" + std::to_string(pt) + "/90000\r\n";
  }
  const std::string head = std::string(kMinimalSession) + "m=video 9 RTP/AVP" + formats;
  EXPECT_EQ(parse_ok(head + "\r\n" + rtpmaps).media[0].codecs.size(), kMaxCodecsPerSection);
  EXPECT_EQ(parse_error(head + " 0\r\n"), "line 5: m= line: more than 128 formats");
  EXPECT_EQ(parse_error(head + "\r\n" + rtpmaps + "a=rtpmap:0 again/8000\r\n"),
            "line 134: more than 128 a=rtpmap lines");
}

TEST(SdpLimits, ExtmapsSsrcsRidsCandidates) {
  struct Case {
    std::string line;
    size_t limit;
    std::string what;
  };
  const std::vector<Case> cases = {
      {"a=extmap:# urn:x-#", kMaxExtmapsPerSection, "a=extmap"},
      {"a=ssrc:# cname:x", kMaxSsrcLinesPerSection, "a=ssrc"},
      {"a=ssrc-group:FID # 1", kMaxSsrcGroupsPerSection, "a=ssrc-group"},
      {"a=rid:r# send", kMaxRidsPerSection, "a=rid"},
      {"a=msid:s t#", kMaxMsidsPerSection, "a=msid"},
      {"a=candidate:# 1 udp 1 192.0.2.1 9 typ host", kMaxCandidatesPerSection, "a=candidate"},
      {"a=fingerprint:sha-# AB", kMaxFingerprints, "a=fingerprint"},
  };
  for (const auto& c : cases) {
    parse_ok(media_with(c.line, c.limit));
    const std::string expected =
        "line " + std::to_string(c.limit + 6) + ": more than " + std::to_string(c.limit) + " " + c.what;
    EXPECT_EQ(parse_error(media_with(c.line, c.limit + 1)).substr(0, expected.size()), expected) << c.line;
  }
}

TEST(SdpLimits, IceCredentialLength) {
  const std::string ok = std::string(kMaxIceCredential, 'u');
  EXPECT_EQ(parse_ok(std::string(kMinimalSession) + "a=ice-ufrag:" + ok + "\r\n").transport.ice_ufrag, ok);
  EXPECT_EQ(parse_error(std::string(kMinimalSession) + "a=ice-pwd:" + ok + "p\r\n"),
            "line 5: a=ice-pwd: longer than 256 characters");
}

} // namespace
} // namespace plenum::media::sdp
