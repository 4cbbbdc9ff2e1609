// RFC 7983 first-byte ranges and RFC 5761 RTP/RTCP split.
#include "media/demux.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace plenum::media {
namespace {

PacketKind kind(uint8_t b0, uint8_t b1, size_t size) {
  std::vector<uint8_t> d(size, 0);
  if (size > 0) d[0] = b0;
  if (size > 1) d[1] = b1;
  return classify_packet(d);
}

TEST(DemuxTest, FirstByteRanges) {
  EXPECT_EQ(kind(0x00, 0x01, 20), PacketKind::stun);
  EXPECT_EQ(kind(0x01, 0x01, 100), PacketKind::stun);
  EXPECT_EQ(kind(0x03, 0x00, 20), PacketKind::stun);
  EXPECT_EQ(kind(0x04, 0x00, 20), PacketKind::other);
  EXPECT_EQ(kind(16, 0x00, 20), PacketKind::other); // ZRTP
  EXPECT_EQ(kind(19, 0x00, 20), PacketKind::other);
  EXPECT_EQ(kind(20, 0xfe, 13), PacketKind::dtls);  // change_cipher_spec
  EXPECT_EQ(kind(22, 0xfe, 100), PacketKind::dtls); // handshake
  EXPECT_EQ(kind(63, 0xfe, 13), PacketKind::dtls);
  EXPECT_EQ(kind(64, 0x00, 20), PacketKind::other); // TURN channel
  EXPECT_EQ(kind(127, 0x00, 20), PacketKind::other);
  EXPECT_EQ(kind(0x80, 96, 12), PacketKind::rtp);
  EXPECT_EQ(kind(0x90, 0x80 | 111, 100), PacketKind::rtp); // marker + PT 111
  EXPECT_EQ(kind(0xbf, 0x00, 12), PacketKind::rtp);
  EXPECT_EQ(kind(0xc0, 96, 12), PacketKind::other);
  EXPECT_EQ(kind(0xff, 96, 12), PacketKind::other);
}

TEST(DemuxTest, RtcpByPacketType) {
  EXPECT_EQ(kind(0x80, 200, 28), PacketKind::rtcp); // SR
  EXPECT_EQ(kind(0x81, 201, 32), PacketKind::rtcp); // RR
  EXPECT_EQ(kind(0x81, 205, 16), PacketKind::rtcp); // RTPFB
  EXPECT_EQ(kind(0x81, 206, 12), PacketKind::rtcp); // PSFB
  EXPECT_EQ(kind(0x80, 192, 4), PacketKind::rtcp);
  EXPECT_EQ(kind(0x80, 223, 4), PacketKind::rtcp);
  EXPECT_EQ(kind(0x80, 191, 12), PacketKind::rtp); // marker set, PT 63
  EXPECT_EQ(kind(0x80, 224, 12), PacketKind::rtp); // marker set, PT 96
}

TEST(DemuxTest, TooShortIsOther) {
  EXPECT_EQ(classify_packet({}), PacketKind::other);
  EXPECT_EQ(kind(0x00, 0x01, 19), PacketKind::other);
  EXPECT_EQ(kind(22, 0xfe, 12), PacketKind::other);
  EXPECT_EQ(kind(0x80, 96, 11), PacketKind::other);
  EXPECT_EQ(kind(0x80, 200, 3), PacketKind::other);
  EXPECT_EQ(kind(0x80, 200, 1), PacketKind::other);
}

} // namespace
} // namespace plenum::media
