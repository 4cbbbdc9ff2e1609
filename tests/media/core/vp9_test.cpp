// VP9 payload descriptors (RFC 9628) and the per-leg SVC layer filter: which layer frames pass
// for an L3T3_KEY stream as Chromium sends it, and where the leg's picture ends (marker bit).
#include "media/router/vp9.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "media/router/keyframe.hpp"
#include "vp9_bytes.hpp"

namespace plenum::media::router {
namespace {

using vp9_bytes::keyframe_with_ss;

struct Layer {
  uint16_t picture_id = 0;
  uint8_t tid = 0;
  bool up = false;
  uint8_t sid = 0;
  bool inter_layer = false; // D
  uint8_t tl0 = 0;
  bool inter_picture = true; // P
  bool begin = true;         // B
  bool end = true;           // E
};

// A non-flexible packet as libwebrtc writes it: I (15 bit), L with TL0PICIDX, then 2 bytes data.
std::vector<uint8_t> packet(const Layer& l) {
  const auto first = static_cast<uint8_t>(0x80 | (l.inter_picture ? 0x40 : 0) | 0x20 | (l.begin ? 0x08 : 0) |
                                          (l.end ? 0x04 : 0));
  return {first,
          static_cast<uint8_t>(0x80 | (l.picture_id >> 8)),
          static_cast<uint8_t>(l.picture_id & 0xFF),
          static_cast<uint8_t>((l.tid << 5) | (l.up ? 0x10 : 0) | (l.sid << 1) | (l.inter_layer ? 1 : 0)),
          l.tl0,
          0xAA,
          0xBB};
}

Vp9Descriptor parse(const std::vector<uint8_t>& p) {
  auto d = parse_vp9_descriptor(p);
  EXPECT_TRUE(d.has_value());
  return d.value_or(Vp9Descriptor{});
}

TEST(MediaVp9, ParsesNonFlexibleDescriptorWithScalabilityStructure) {
  const auto bytes = keyframe_with_ss(0x1234);
  const auto d = parse(bytes);
  EXPECT_EQ(d.size, bytes.size() - 1);
  EXPECT_TRUE(d.has_picture_id);
  EXPECT_TRUE(d.long_picture_id);
  EXPECT_EQ(d.picture_id, 0x1234);
  EXPECT_FALSE(d.inter_predicted);
  EXPECT_TRUE(d.start);
  EXPECT_TRUE(d.end);
  EXPECT_TRUE(d.has_layers);
  EXPECT_EQ(d.sid, 0);
  EXPECT_EQ(d.tid, 0);
  EXPECT_TRUE(d.has_tl0);
  EXPECT_EQ(d.tl0, 7);
  EXPECT_TRUE(d.keyframe_start());
  ASSERT_TRUE(d.has_ss);
  EXPECT_EQ(d.spatial_layers, 3);
  ASSERT_TRUE(d.has_resolutions);
  EXPECT_EQ(d.widths[0], 320);
  EXPECT_EQ(d.heights[0], 180);
  EXPECT_EQ(d.widths[1], 640);
  EXPECT_EQ(d.heights[1], 360);
  EXPECT_EQ(d.widths[2], 1280);
  EXPECT_EQ(d.heights[2], 720);
  EXPECT_EQ(d.gof_size, 4);
  EXPECT_TRUE(is_keyframe(VideoCodec::vp9, bytes));

  const auto delta =
      parse(packet({.picture_id = 5, .tid = 2, .up = true, .sid = 1, .inter_layer = true, .tl0 = 9}));
  EXPECT_EQ(delta.size, 5u);
  EXPECT_TRUE(delta.inter_predicted);
  EXPECT_EQ(delta.tid, 2);
  EXPECT_TRUE(delta.switching_up);
  EXPECT_EQ(delta.sid, 1);
  EXPECT_TRUE(delta.inter_layer);
  EXPECT_EQ(delta.tl0, 9);
  EXPECT_FALSE(delta.keyframe_start());
}

TEST(MediaVp9, ParsesFlexibleModeAndShortPictureIds) {
  // I with a 7-bit id, P, L, F, B: TID 1, SID 2 (no TL0PICIDX in flexible mode), two P_DIFFs.
  const std::vector<uint8_t> bytes{
      0x80 | 0x40 | 0x20 | 0x10 | 0x08, 0x05, (1 << 5) | (2 << 1), (3 << 1) | 1, (6 << 1), 0xAA};
  const auto d = parse(bytes);
  EXPECT_FALSE(d.long_picture_id);
  EXPECT_EQ(d.picture_id, 5);
  EXPECT_TRUE(d.flexible);
  EXPECT_FALSE(d.has_tl0);
  EXPECT_EQ(d.tid, 1);
  EXPECT_EQ(d.sid, 2);
  ASSERT_EQ(d.p_diff_count, 2);
  EXPECT_EQ(d.p_diffs[0], 3);
  EXPECT_EQ(d.p_diffs[1], 6);
  EXPECT_EQ(d.size, 5u);

  // A fourth P_DIFF (N set on the third) is malformed.
  const std::vector<uint8_t> four{0xF8, 0x05, 0x00, 0x03, 0x03, 0x03, 0x02};
  EXPECT_FALSE(parse_vp9_descriptor(four));
  // No flags at all: one layer, nothing else.
  const std::vector<uint8_t> bare{0x0C, 0xAA};
  const auto b = parse(bare);
  EXPECT_EQ(b.size, 1u);
  EXPECT_FALSE(b.has_layers);
  EXPECT_TRUE(b.keyframe_start());
}

TEST(MediaVp9, TruncatedDescriptorsAreRejectedWithoutReadingPastTheEnd) {
  const std::vector<std::vector<uint8_t>> samples{
      keyframe_with_ss(300),
      packet({.picture_id = 5, .tid = 2, .sid = 1}),
      {0x80 | 0x40 | 0x20 | 0x10 | 0x08, 0x05, (1 << 5) | (2 << 1), (3 << 1) | 1, (6 << 1)},
  };
  for (const auto& full : samples) {
    const size_t needed = parse(full).size;
    for (size_t n = 0; n < needed; ++n) {
      // A copy of exactly n bytes: ASan reports any read beyond it.
      const std::vector<uint8_t> prefix(full.begin(), full.begin() + static_cast<ptrdiff_t>(n));
      EXPECT_FALSE(parse_vp9_descriptor(prefix)) << n << " of " << needed;
    }
  }
}

// One L3T3_KEY picture: three layer frames of one packet each (S0 P=0 at a key picture, the
// upper ones D=1 then; in delta pictures every layer is P=1, D=0). The marker is on S2.
struct Sent {
  bool s0 = false;
  bool s1 = false;
  bool s2 = false;
  int marker_sid = -1; // the forwarded packet carrying the marker (-1: none; 3: more than one)
};

Sent send_picture(Vp9LayerFilter& f, uint16_t picture_id, uint8_t tid, bool key, bool up = true) {
  Sent out;
  for (uint8_t sid = 0; sid < 3; ++sid) {
    const Layer l{.picture_id = picture_id,
                  .tid = tid,
                  .up = up,
                  .sid = sid,
                  .inter_layer = key && sid > 0,
                  .inter_picture = !key};
    const auto d = parse(packet(l));
    const auto decision = f.accept(d, sid == 2);
    (sid == 0 ? out.s0 : sid == 1 ? out.s1 : out.s2) = decision.forward;
    if (decision.forward && decision.marker) out.marker_sid = out.marker_sid < 0 ? sid : 3;
  }
  return out;
}

TEST(MediaVp9, FilterSwitchesSpatialLayersDownAtOnceAndUpAtAKeyPicture) {
  Vp9LayerFilter f;
  // Everything passes while there is no limit; the publisher's marker stays on the top layer.
  auto s = send_picture(f, 100, 0, true);
  EXPECT_TRUE(s.s0 && s.s1 && s.s2);
  EXPECT_EQ(s.marker_sid, 2);

  // Down to spatial layer 1 at the next picture: S2 dropped, the marker moves to S1.
  f.set_target(1, Vp9LayerFilter::kAllLayers);
  s = send_picture(f, 101, 2, false);
  EXPECT_TRUE(s.s0 && s.s1);
  EXPECT_FALSE(s.s2);
  EXPECT_EQ(s.marker_sid, 1);
  EXPECT_EQ(f.current_spatial(), 1);
  EXPECT_FALSE(f.needs_keyframe());

  // Down to 0.
  f.set_target(0, Vp9LayerFilter::kAllLayers);
  s = send_picture(f, 102, 1, false);
  EXPECT_TRUE(s.s0);
  EXPECT_FALSE(s.s1 || s.s2);
  EXPECT_EQ(s.marker_sid, 0);

  // Up to 2: delta pictures' upper layers reference their own earlier frames, which the leg did
  // not get: they stay dropped, and the leg asks for a key frame.
  f.set_target(2, Vp9LayerFilter::kAllLayers);
  s = send_picture(f, 103, 2, false);
  EXPECT_TRUE(s.s0);
  EXPECT_FALSE(s.s1 || s.s2);
  EXPECT_EQ(s.marker_sid, 0);
  EXPECT_TRUE(f.needs_keyframe());

  // At the key picture every layer passes again, the marker back on S2.
  s = send_picture(f, 104, 0, true);
  EXPECT_TRUE(s.s0 && s.s1 && s.s2);
  EXPECT_EQ(s.marker_sid, 2);
  EXPECT_FALSE(f.needs_keyframe());
  s = send_picture(f, 105, 2, false);
  EXPECT_TRUE(s.s0 && s.s1 && s.s2);
}

TEST(MediaVp9, FilterTakesAnUpperLayerFrameWithoutInterPicturePrediction) {
  // Full SVC may send an upper layer predicted only from the lower layer of its own picture
  // (P=0, D=1): the layer can start there without a key frame.
  Vp9LayerFilter f;
  f.set_target(0, Vp9LayerFilter::kAllLayers);
  send_picture(f, 10, 0, true);
  f.set_target(1, Vp9LayerFilter::kAllLayers);
  EXPECT_TRUE(f.accept(parse(packet({.picture_id = 11, .sid = 0})), false).forward);
  const auto up = f.accept(
      parse(packet({.picture_id = 11, .sid = 1, .inter_layer = true, .inter_picture = false})), false);
  EXPECT_TRUE(up.forward);
  EXPECT_TRUE(up.marker);
  EXPECT_EQ(f.current_spatial(), 1);
}

TEST(MediaVp9, FilterDropsTemporalLayersAndRejoinsAtASwitchingUpPoint) {
  Vp9LayerFilter f;
  send_picture(f, 200, 0, true);
  f.set_target(Vp9LayerFilter::kAllLayers, 0);
  // TID pattern 0,2,1,2: only TID 0 pictures pass, every layer of them.
  EXPECT_FALSE(send_picture(f, 201, 2, false).s0);
  EXPECT_FALSE(send_picture(f, 202, 1, false).s0);
  EXPECT_FALSE(send_picture(f, 203, 2, false).s0);
  const auto base = send_picture(f, 204, 0, false);
  EXPECT_TRUE(base.s0 && base.s1 && base.s2);
  EXPECT_EQ(base.marker_sid, 2);

  f.set_target(Vp9LayerFilter::kAllLayers, Vp9LayerFilter::kAllLayers);
  // Not a switching-up point: still dropped.
  EXPECT_FALSE(send_picture(f, 205, 2, false, false).s0);
  EXPECT_EQ(f.current_temporal(), 0);
  // TID 1 with U: from here on TID 1, and TID 2 at its next switching-up point.
  EXPECT_TRUE(send_picture(f, 206, 1, false).s0);
  EXPECT_EQ(f.current_temporal(), 1);
  EXPECT_TRUE(send_picture(f, 207, 2, false).s0);
  EXPECT_EQ(f.current_temporal(), 2);
}

TEST(MediaVp9, FilterKeepsTheDecisionForEveryPacketOfALayerFrame) {
  Vp9LayerFilter f;
  send_picture(f, 300, 0, true);
  f.set_target(0, Vp9LayerFilter::kAllLayers);
  // A layer frame of spatial layer 0 in two packets, then S1 in two packets.
  EXPECT_TRUE(f.accept(parse(packet({.picture_id = 301, .sid = 0, .end = false})), false).forward);
  const auto end0 = f.accept(parse(packet({.picture_id = 301, .sid = 0, .begin = false})), false);
  EXPECT_TRUE(end0.forward);
  EXPECT_TRUE(end0.marker);
  EXPECT_FALSE(f.accept(parse(packet({.picture_id = 301, .sid = 1, .end = false})), false).forward);
  EXPECT_FALSE(f.accept(parse(packet({.picture_id = 301, .sid = 1, .begin = false})), true).forward);
  // A late packet of the previous picture's S2 is not forwarded either; its S0 is.
  EXPECT_FALSE(f.accept(parse(packet({.picture_id = 300, .sid = 2, .begin = false})), true).forward);
  EXPECT_TRUE(f.accept(parse(packet({.picture_id = 300, .sid = 0, .begin = false})), false).forward);
}

} // namespace
} // namespace plenum::media::router
