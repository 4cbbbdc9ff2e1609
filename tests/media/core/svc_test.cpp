// Scalable video as the router sees it (svc.hpp): one SSRC's spatial layers offered to the
// allocation (sizes from the VP9 scalability structure or the dependency descriptor's
// resolutions, costs cumulative per spatial layer), and the per-leg choice of which header to
// follow.
#include "media/router/svc.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "dependency_descriptor_bytes.hpp"
#include "vp9_bytes.hpp"

namespace plenum::media::router {
namespace {

// VP9 (RFC 9628) descriptor + 2 bytes of data: I (15 bit), L with TL0PICIDX; B and E set.
std::vector<uint8_t> vp9(uint16_t picture_id, uint8_t tid, uint8_t sid, bool inter_picture) {
  return {static_cast<uint8_t>(0x80 | (inter_picture ? 0x40 : 0) | 0x20 | 0x0C),
          static_cast<uint8_t>(0x80 | (picture_id >> 8)),
          static_cast<uint8_t>(picture_id & 0xFF),
          static_cast<uint8_t>((tid << 5) | (sid << 1) | (sid > 0 && !inter_picture ? 1 : 0)),
          0,
          0xAA,
          0xBB};
}

TEST(MediaSvc, Vp9SpatialLayersAreOfferedWithTheirSizesAndCumulativeCosts) {
  SvcStream s;
  ASSERT_TRUE(s.on_packet(VideoCodec::vp9, vp9_bytes::keyframe_with_ss(0), std::nullopt, 1000));
  EXPECT_EQ(s.spatial_layers(), 3U);
  // One second: S0 125 kB (of it TID 0: 100 kB), S1 250 kB, S2 500 kB -> 1, 2 and 4 Mbit/s.
  for (int i = 0; i < 99; ++i) s.on_packet(VideoCodec::vp9, vp9(1, 0, 0, true), std::nullopt, 1000);
  for (int i = 0; i < 25; ++i) s.on_packet(VideoCodec::vp9, vp9(2, 1, 0, true), std::nullopt, 1000);
  for (int i = 0; i < 250; ++i) s.on_packet(VideoCodec::vp9, vp9(1, 0, 1, true), std::nullopt, 1000);
  for (int i = 0; i < 500; ++i) s.on_packet(VideoCodec::vp9, vp9(1, 0, 2, true), std::nullopt, 1000);
  EXPECT_TRUE(s.temporal());
  s.measure(1000);
  std::vector<LayerState> layers;
  s.append_layer_states(true, layers);
  ASSERT_EQ(layers.size(), 3U);
  EXPECT_EQ(layers[0].width, 320);
  EXPECT_EQ(layers[0].height, 180);
  EXPECT_EQ(layers[2].width, 1280);
  EXPECT_EQ(layers[2].height, 720);
  EXPECT_EQ(layers[0].bitrate, 1'000'000U);
  EXPECT_EQ(layers[1].bitrate, 3'000'000U); // layer 1 is decoded with layer 0
  EXPECT_EQ(layers[2].bitrate, 7'000'000U);
  EXPECT_EQ(layers[0].base_bitrate, 800'000U);
  EXPECT_EQ(layers[1].base_bitrate, 0U);
  EXPECT_TRUE(layers[2].active);
  // The allocation picks among them as among simulcast layers: a 640x360 tile gets layer 1.
  EXPECT_EQ(layer_for_size(layers, 640, 360), 1U);
}

TEST(MediaSvc, WithoutAScalabilityStructureTheHighestLayerIdCounts) {
  SvcStream s;
  s.on_packet(VideoCodec::vp9, vp9(1, 0, 0, false), std::nullopt, 100);
  s.on_packet(VideoCodec::vp9, vp9(1, 0, 1, false), std::nullopt, 100);
  EXPECT_EQ(s.spatial_layers(), 2U);
  std::vector<LayerState> layers;
  s.append_layer_states(true, layers);
  ASSERT_EQ(layers.size(), 2U);
  EXPECT_EQ(layers[0].width, 0); // unknown: the allocation derives it from the layer order
  EXPECT_EQ(layers[0].bitrate, 0U);
  // VP8 is not read here (its own filter), nor a codec without a descriptor.
  EXPECT_FALSE(s.on_packet(VideoCodec::vp8, vp9(1, 0, 0, false), std::nullopt, 100));
  EXPECT_FALSE(s.on_packet(VideoCodec::h264, vp9(1, 0, 0, false), std::nullopt, 100));
}

TEST(MediaSvc, TheDependencyDescriptorWinsOnceItsStructureIsKnown) {
  SvcStream s;
  SvcLeg leg;
  leg.set_target(0, SvcLeg::kAllLayers);
  // AV1 has no layer information in its payload header: without a structure nothing is read.
  const std::vector<uint8_t> av1{0x10, 0xAA};
  EXPECT_FALSE(s.on_packet(VideoCodec::av1, av1, dd_bytes::mandatory(4, 1), 100));
  const auto key = s.on_packet(VideoCodec::av1, av1, dd_bytes::with_structure(2), 100);
  ASSERT_TRUE(key && key->dd);
  EXPECT_EQ(s.spatial_layers(), 2U);
  std::vector<LayerState> layers;
  s.append_layer_states(true, layers);
  ASSERT_EQ(layers.size(), 2U);
  EXPECT_EQ(layers[1].width, 640);
  EXPECT_EQ(layers[1].height, 360);
  EXPECT_TRUE(leg.accept(*key, s, false).forward);
  // Its S1 frame (template 3): above the leg's spatial target.
  const auto s1 = s.on_packet(VideoCodec::av1, av1, dd_bytes::mandatory(3, 3), 100);
  ASSERT_TRUE(s1 && s1->dd);
  EXPECT_EQ(s1->spatial(), 1);
  EXPECT_FALSE(leg.accept(*s1, s, true).forward);
  // VP9 with a descriptor: the descriptor decides (here it says S1 while the payload says S0).
  const auto both = s.on_packet(VideoCodec::vp9, vp9(9, 0, 0, true), dd_bytes::mandatory(4, 5), 100);
  ASSERT_TRUE(both && both->dd && both->vp9);
  EXPECT_EQ(both->spatial(), 1);
  EXPECT_FALSE(leg.accept(*both, s, true).forward);
}

} // namespace
} // namespace plenum::media::router
