// RTP views over hand-built packets. Extension ids follow what Chromium offers by default in
// SDP but are only fixtures here: 2 = abs-send-time, 3 = transport-wide-cc, 4 = mid.
#include "media/rtp.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace plenum::media {
namespace {

// VP8 packet with a one-byte header extension block (RFC 8285 section 4.2).
const std::vector<uint8_t> kVp8 = {
    0x90,                   // V=2, P=0, X=1, CC=0
    0xe0,                   // M=1, PT=96
    0x12, 0x34,             // sequence 0x1234
    0x11, 0x22, 0x33, 0x44, // timestamp
    0xaa, 0xbb, 0xcc, 0xdd, // SSRC
    0xbe, 0xde, 0x00, 0x03, // one-byte profile, 3 words
    0x40, 0x30,             // id 4 (mid), L=0: "0"
    0x22, 0x12, 0x34, 0x56, // id 2 (abs-send-time), L=2: 0x123456
    0x31, 0x00, 0x01,       // id 3 (transport-cc), L=1: seq 1
    0x00, 0x00, 0x00,       // padding to the word boundary
    0x90, 0x80, 0x05,       // VP8 payload descriptor (X, S, I, PictureID 5)
    0x9d, 0x01, 0x2a, 0x10, // payload
};

TEST(RtpTest, ParsesVp8WithOneByteExtensions) {
  auto data = kVp8;
  RtpParseError error{};
  auto p = RtpPacket::parse(data, &error);
  ASSERT_TRUE(p) << static_cast<int>(error);
  EXPECT_EQ(p->version(), 2);
  EXPECT_FALSE(p->has_padding());
  EXPECT_TRUE(p->has_extension());
  EXPECT_EQ(p->csrc_count(), 0);
  EXPECT_TRUE(p->marker());
  EXPECT_EQ(p->payload_type(), 96);
  EXPECT_EQ(p->sequence_number(), 0x1234);
  EXPECT_EQ(p->timestamp(), 0x11223344u);
  EXPECT_EQ(p->ssrc(), 0xaabbccddu);
  EXPECT_EQ(p->extension_profile(), kRtpOneByteProfile);
  EXPECT_EQ(p->extension_block().size(), 12u);
  auto mid = p->extension(4);
  ASSERT_TRUE(mid);
  EXPECT_EQ(std::vector<uint8_t>(mid->begin(), mid->end()), std::vector<uint8_t>{'0'});
  auto ast = p->extension(2);
  ASSERT_TRUE(ast);
  EXPECT_EQ(std::vector<uint8_t>(ast->begin(), ast->end()), (std::vector<uint8_t>{0x12, 0x34, 0x56}));
  auto twcc = p->extension(3);
  ASSERT_TRUE(twcc);
  EXPECT_EQ(std::vector<uint8_t>(twcc->begin(), twcc->end()), (std::vector<uint8_t>{0x00, 0x01}));
  EXPECT_FALSE(p->extension(1));
  EXPECT_FALSE(p->extension(15));
  EXPECT_FALSE(p->extension(0));
  EXPECT_EQ(p->header_size(), 28u);
  EXPECT_EQ(p->payload().size(), 7u);
  EXPECT_EQ(p->payload()[0], 0x90);
  EXPECT_EQ(p->padding_size(), 0u);
}

TEST(RtpTest, RewritesInPlaceAndRestores) {
  auto data = kVp8;
  auto p = RtpPacket::parse(data);
  ASSERT_TRUE(p);
  p->set_ssrc(0x01020304);
  p->set_sequence_number(0xfffe);
  p->set_timestamp(0x99887766);
  p->set_payload_type(100);
  const uint8_t seq[] = {0x12, 0x34};
  EXPECT_TRUE(p->set_extension(3, seq));
  const uint8_t wrong_size[] = {1, 2, 3};
  EXPECT_FALSE(p->set_extension(3, wrong_size));
  EXPECT_FALSE(p->set_extension(7, seq));
  auto expected = kVp8;
  expected[1] = 0xe4; // marker kept, PT 100
  expected[2] = 0xff;
  expected[3] = 0xfe;
  expected[4] = 0x99, expected[5] = 0x88, expected[6] = 0x77, expected[7] = 0x66;
  expected[8] = 0x01, expected[9] = 0x02, expected[10] = 0x03, expected[11] = 0x04;
  expected[23] = 0x12, expected[24] = 0x34;
  EXPECT_EQ(data, expected);
  // Re-parse sees the new values; restoring gives the original bytes back.
  auto q = RtpPacket::parse(data);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->ssrc(), 0x01020304u);
  EXPECT_EQ(q->payload_type(), 100);
  EXPECT_TRUE(q->marker());
  q->set_ssrc(0xaabbccdd);
  q->set_sequence_number(0x1234);
  q->set_timestamp(0x11223344);
  q->set_payload_type(96);
  const uint8_t old_seq[] = {0x00, 0x01};
  EXPECT_TRUE(q->set_extension(3, old_seq));
  EXPECT_EQ(data, kVp8);
  q->set_marker(false);
  EXPECT_EQ(data[1], 0x60);
}

TEST(RtpTest, CsrcsTwoByteExtensionsAndPadding) {
  std::vector<uint8_t> data = {
      0xb2, 0x6f, 0x00, 0x01, // V=2, P=1, X=1, CC=2; M=0, PT=111 (Opus); seq 1
      0x00, 0x00, 0x03, 0xc0, // timestamp 960
      0x00, 0x00, 0x00, 0x07, // SSRC 7
      0x00, 0x00, 0x00, 0x0a, // CSRC 10
      0x00, 0x00, 0x00, 0x0b, // CSRC 11
      0x10, 0x00, 0x00, 0x02, // two-byte profile, 2 words
      0x01, 0x01, 0x85,       // id 1 (audio level), length 1: voice, -5 dBov
      0x00,                   // padding byte
      0x10, 0x00,             // id 16, length 0
      0x00, 0x00,             // padding
      0xfc, 0xff,             // Opus payload
      0x00, 0x00, 0x03,       // RTP padding, 3 bytes
  };
  auto p = RtpPacket::parse(data);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->has_padding());
  EXPECT_EQ(p->csrc_count(), 2);
  EXPECT_EQ(p->csrc(0), 10u);
  EXPECT_EQ(p->csrc(1), 11u);
  EXPECT_EQ(p->csrc(2), 0u);
  EXPECT_FALSE(p->marker());
  EXPECT_EQ(p->payload_type(), 111);
  EXPECT_EQ(p->timestamp(), 960u);
  EXPECT_EQ(p->extension_profile(), 0x1000);
  auto level = p->extension(1);
  ASSERT_TRUE(level);
  ASSERT_EQ(level->size(), 1u);
  EXPECT_EQ((*level)[0], 0x85);
  auto empty = p->extension(16);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(p->payload().size(), 2u);
  EXPECT_EQ(p->payload()[0], 0xfc);
  EXPECT_EQ(p->padding_size(), 3u);
}

TEST(RtpTest, MalformedExtensionElementsAreNotFound) {
  auto data = kVp8;
  data[22] = 0x3f; // transport-cc claims 16 bytes: runs past the block
  auto p = RtpPacket::parse(data);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->extension(2)); // before the broken element
  EXPECT_FALSE(p->extension(3));
  data[22] = 0xf0; // id 15 stops parsing
  p = RtpPacket::parse(data);
  EXPECT_FALSE(p->extension(3));
}

RtpParseError parse_error(std::vector<uint8_t> data) {
  RtpParseError e{};
  EXPECT_FALSE(RtpPacket::parse(data, &e));
  return e;
}

TEST(RtpTest, RejectsMalformedPackets) {
  EXPECT_EQ(parse_error({}), RtpParseError::too_short);
  EXPECT_EQ(parse_error(std::vector<uint8_t>(kVp8.begin(), kVp8.begin() + 11)), RtpParseError::too_short);
  auto b = kVp8;
  b[0] = 0x50; // version 1
  EXPECT_EQ(parse_error(b), RtpParseError::bad_version);
  b = kVp8;
  b[0] = 0x8f; // 15 CSRCs, no extension: 72 bytes needed
  EXPECT_EQ(parse_error(b), RtpParseError::truncated_csrc);
  b = kVp8;
  b[15] = 0x10; // extension of 16 words
  EXPECT_EQ(parse_error(b), RtpParseError::truncated_extension);
  b = std::vector<uint8_t>(kVp8.begin(), kVp8.begin() + 14); // X set, 2 bytes of extension header
  EXPECT_EQ(parse_error(b), RtpParseError::truncated_extension);
  b = kVp8;
  b[0] |= 0x20; // padding; last byte 0x10 = 16 > 7 bytes after the header
  EXPECT_EQ(parse_error(b), RtpParseError::bad_padding);
  b.back() = 0;
  EXPECT_EQ(parse_error(b), RtpParseError::bad_padding);
  b.back() = 7; // the whole payload is padding: allowed
  auto p = RtpPacket::parse(b);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->payload().empty());
  EXPECT_EQ(p->padding_size(), 7u);
}

} // namespace
} // namespace plenum::media
