// Key frame detection on hand-made payload fixtures, per payload format: VP8 (RFC 7741), VP9
// (RFC 9628), H.264 (RFC 6184) and AV1 (AOM "RTP Payload Format for AV1", section 4.4).
#include "media/router/keyframe.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace plenum::media::router {
namespace {

bool key(VideoCodec codec, const std::vector<uint8_t>& payload) { return is_keyframe(codec, payload); }

TEST(MediaCoreKeyframe, CodecNamesAreCaseInsensitive) {
  EXPECT_EQ(video_codec("VP8"), VideoCodec::vp8);
  EXPECT_EQ(video_codec("vp8"), VideoCodec::vp8);
  EXPECT_EQ(video_codec("Vp9"), VideoCodec::vp9);
  EXPECT_EQ(video_codec("h264"), VideoCodec::h264);
  EXPECT_EQ(video_codec("AV1"), VideoCodec::av1);
  EXPECT_EQ(video_codec("opus"), VideoCodec::unknown);
  EXPECT_EQ(video_codec("VP80"), VideoCodec::unknown);
  EXPECT_EQ(video_codec(""), VideoCodec::unknown);
}

// VP8 payload descriptor (RFC 7741 section 4.2): X R N S R PID(3), then with X: I L T K RSV(4),
// the picture id (7 bits, or 15 with M set), TL0PICIDX, TID/Y/KEYIDX. The payload header
// (section 4.3) follows: size0(3) H VER(3) P, P = 0 on a key frame. Key frames start
// 9d 01 2a after the 3-byte frame tag.
TEST(MediaCoreKeyframe, Vp8WithoutExtendedDescriptor) {
  EXPECT_TRUE(key(VideoCodec::vp8, {0x10, 0x50, 0x2d, 0x00, 0x9d, 0x01, 0x2a}));
  EXPECT_FALSE(key(VideoCodec::vp8, {0x10, 0x51, 0x2d, 0x00})); // P = 1: inter frame
  EXPECT_FALSE(key(VideoCodec::vp8, {0x00, 0x50, 0x2d, 0x00})); // S = 0: not the frame's start
  EXPECT_FALSE(key(VideoCodec::vp8, {0x11, 0x50, 0x2d, 0x00})); // partition 1
  EXPECT_FALSE(key(VideoCodec::vp8, {0x10}));                   // descriptor only
  EXPECT_FALSE(key(VideoCodec::vp8, {}));
}

TEST(MediaCoreKeyframe, Vp8WithExtendedDescriptor) {
  // X, S; I with a 15-bit picture id (M = 1): 0x81 0x23.
  EXPECT_TRUE(key(VideoCodec::vp8, {0x90, 0x80, 0x81, 0x23, 0x50, 0x2d, 0x00, 0x9d, 0x01, 0x2a}));
  EXPECT_FALSE(key(VideoCodec::vp8, {0x90, 0x80, 0x81, 0x23, 0x51, 0x2d, 0x00}));
  // I with a 7-bit picture id.
  EXPECT_TRUE(key(VideoCodec::vp8, {0x90, 0x80, 0x12, 0x50, 0x2d, 0x00}));
  EXPECT_FALSE(key(VideoCodec::vp8, {0x90, 0x80, 0x12, 0x51, 0x2d, 0x00}));
  // I (15 bits), L, T, K: picture id, TL0PICIDX, TID/Y/KEYIDX, then the payload header.
  EXPECT_TRUE(key(VideoCodec::vp8, {0x90, 0xf0, 0x80, 0x01, 0x07, 0x20, 0x50, 0x2d, 0x00}));
  EXPECT_FALSE(key(VideoCodec::vp8, {0x90, 0xf0, 0x80, 0x01, 0x07, 0x20, 0x51, 0x2d, 0x00}));
  // L only (TL0PICIDX), no picture id.
  EXPECT_TRUE(key(VideoCodec::vp8, {0x90, 0x40, 0x07, 0x50}));
  // Extension bits announce more than the packet holds.
  EXPECT_FALSE(key(VideoCodec::vp8, {0x90}));
  EXPECT_FALSE(key(VideoCodec::vp8, {0x90, 0x80}));
  EXPECT_FALSE(key(VideoCodec::vp8, {0x90, 0x80, 0x81, 0x23}));
  // Not the start of the frame.
  EXPECT_FALSE(key(VideoCodec::vp8, {0x80, 0x80, 0x81, 0x23, 0x50}));
}

// VP9 payload descriptor (RFC 9628 section 4.2): I P L F B E V Z, picture id (7 or 15 bits),
// with L the layer indices TID(3) U SID(3) D. A key frame: P = 0 on the first packet (B = 1) of
// spatial layer 0.
TEST(MediaCoreKeyframe, Vp9) {
  EXPECT_TRUE(key(VideoCodec::vp9, {0x8a, 0x81, 0x23, 0x00}));        // I B V, no layers
  EXPECT_TRUE(key(VideoCodec::vp9, {0x0c, 0x00}));                    // B E, no picture id
  EXPECT_FALSE(key(VideoCodec::vp9, {0xca, 0x81, 0x23, 0x00}));       // P = 1
  EXPECT_FALSE(key(VideoCodec::vp9, {0x82, 0x81, 0x23, 0x00}));       // B = 0: not the frame's start
  EXPECT_TRUE(key(VideoCodec::vp9, {0xa8, 0x81, 0x23, 0x00, 0x05}));  // L, SID 0, TL0PICIDX
  EXPECT_FALSE(key(VideoCodec::vp9, {0xa8, 0x81, 0x23, 0x02, 0x05})); // SID 1
  EXPECT_TRUE(key(VideoCodec::vp9, {0xa8, 0x12, 0x00, 0x05}));        // 7-bit picture id, SID 0
  EXPECT_TRUE(key(VideoCodec::vp9, {0x28, 0x00}));                    // L without picture id
  EXPECT_FALSE(key(VideoCodec::vp9, {0xa8, 0x81}));                   // truncated
  EXPECT_FALSE(key(VideoCodec::vp9, {}));
}

// H.264 (RFC 6184 section 5): NAL unit type in the low 5 bits; 5 = IDR slice, 7 = SPS,
// 24 = STAP-A (16-bit size before each NAL unit), 28 = FU-A (FU header S E R type).
TEST(MediaCoreKeyframe, H264SingleNalUnit) {
  EXPECT_TRUE(key(VideoCodec::h264, {0x65, 0x88, 0x84}));  // IDR
  EXPECT_TRUE(key(VideoCodec::h264, {0x67, 0x42, 0x00}));  // SPS
  EXPECT_FALSE(key(VideoCodec::h264, {0x41, 0x9a, 0x00})); // non-IDR slice
  EXPECT_FALSE(key(VideoCodec::h264, {0x68, 0xce}));       // PPS alone
  EXPECT_FALSE(key(VideoCodec::h264, {}));
}

TEST(MediaCoreKeyframe, H264StapA) {
  // SPS (4 bytes) + PPS (2 bytes), as encoders send them before an IDR.
  EXPECT_TRUE(key(VideoCodec::h264, {0x78, 0x00, 0x04, 0x67, 0x42, 0x00, 0x1f, 0x00, 0x02, 0x68, 0xce}));
  // AUD (1 byte) then IDR (1 byte).
  EXPECT_TRUE(key(VideoCodec::h264, {0x78, 0x00, 0x01, 0x09, 0x00, 0x01, 0x65}));
  // Two non-IDR slices.
  EXPECT_FALSE(key(VideoCodec::h264, {0x78, 0x00, 0x02, 0x41, 0x9a, 0x00, 0x02, 0x41, 0x9b}));
  // A size running past the end.
  EXPECT_FALSE(key(VideoCodec::h264, {0x78, 0x00, 0x09, 0x67, 0x42}));
  EXPECT_FALSE(key(VideoCodec::h264, {0x78, 0x00, 0x00, 0x67}));
  EXPECT_FALSE(key(VideoCodec::h264, {0x78}));
}

TEST(MediaCoreKeyframe, H264FuA) {
  EXPECT_TRUE(key(VideoCodec::h264, {0x7c, 0x85, 0x88, 0x84}));  // start of an IDR
  EXPECT_FALSE(key(VideoCodec::h264, {0x7c, 0x05, 0x88, 0x84})); // middle of an IDR
  EXPECT_FALSE(key(VideoCodec::h264, {0x7c, 0x45, 0x88}));       // end of an IDR
  EXPECT_FALSE(key(VideoCodec::h264, {0x5c, 0x81, 0x9a}));       // start of a non-IDR slice
  EXPECT_FALSE(key(VideoCodec::h264, {0x7c}));
}

// AV1 aggregation header: Z Y W(2) N RSV(3); N = 1 on the first packet of a coded video
// sequence.
TEST(MediaCoreKeyframe, Av1NewCodedVideoSequence) {
  EXPECT_TRUE(key(VideoCodec::av1, {0x18, 0x0a, 0x0b})); // W = 1, N = 1
  EXPECT_TRUE(key(VideoCodec::av1, {0x08}));
  EXPECT_FALSE(key(VideoCodec::av1, {0x10, 0x32, 0x00})); // W = 1, N = 0
  EXPECT_FALSE(key(VideoCodec::av1, {0xc0, 0x00}));       // continuation both ways
  EXPECT_FALSE(key(VideoCodec::av1, {}));
}

TEST(MediaCoreKeyframe, UnknownCodecIsNeverAKeyframe) {
  EXPECT_FALSE(key(VideoCodec::unknown, {0x65}));
  EXPECT_FALSE(key(VideoCodec::unknown, {0x10, 0x50}));
}

TEST(MediaCoreKeyframe, Vp8KeyframeSize) {
  // Descriptor with a 15-bit picture id, frame tag (key frame), start code, 640 x 360 (with the
  // 2-bit scaling fields set, which are not part of the size).
  const std::vector<uint8_t> key640{0x90, 0x80, 0x81, 0x23, 0x50, 0x2d, 0x00,
                                    0x9d, 0x01, 0x2a, 0x80, 0x42, 0x68, 0xC1};
  auto size = keyframe_size(VideoCodec::vp8, key640);
  ASSERT_TRUE(size.has_value());
  EXPECT_EQ(size->width, 640);
  EXPECT_EQ(size->height, 360);
  // Not a key frame, a wrong start code, too short, a later partition, another codec: unknown.
  EXPECT_FALSE(
      keyframe_size(VideoCodec::vp8, std::vector<uint8_t>{0x90, 0x80, 0x81, 0x23, 0x51, 0x2d, 0x00, 0x9d,
                                                          0x01, 0x2a, 0x80, 0x02, 0x68, 0x01}));
  EXPECT_FALSE(keyframe_size(VideoCodec::vp8, std::vector<uint8_t>{0x10, 0x50, 0x2d, 0x00, 0x9d, 0x01, 0x2b,
                                                                   0x80, 0x02, 0x68, 0x01}));
  EXPECT_FALSE(
      keyframe_size(VideoCodec::vp8, std::vector<uint8_t>{0x10, 0x50, 0x2d, 0x00, 0x9d, 0x01, 0x2a, 0x80}));
  EXPECT_FALSE(keyframe_size(VideoCodec::vp8, std::vector<uint8_t>{0x11, 0x50, 0x2d, 0x00, 0x9d, 0x01, 0x2a,
                                                                   0x80, 0x02, 0x68, 0x01}));
  EXPECT_FALSE(keyframe_size(VideoCodec::vp9, key640));
}

} // namespace
} // namespace plenum::media::router
