// VP8 payload descriptors (RFC 7741) and the per-leg temporal-layer filter: which frames pass,
// and how picture ids and TL0PICIDX stay continuous for the subscriber.
#include "media/router/vp8.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "media/router/keyframe.hpp"

namespace plenum::media::router {
namespace {

// A frame's first packet as Chromium sends it: X, S, PID 0; I with a 15-bit picture id, L, T.
std::vector<uint8_t> packet(uint16_t picture_id, uint8_t tl0, uint8_t tid, bool sync, bool start = true,
                            bool keyframe = false) {
  std::vector<uint8_t> p{static_cast<uint8_t>(0x80 | (start ? 0x10 : 0x00)),
                         0xE0,
                         static_cast<uint8_t>(0x80 | (picture_id >> 8)),
                         static_cast<uint8_t>(picture_id & 0xFF),
                         tl0,
                         static_cast<uint8_t>((tid << 6) | (sync ? 0x20 : 0x00) | 0x01)};
  // The VP8 payload header: bit 0 (P) is 0 for a key frame; a key frame's start code and size.
  if (keyframe)
    p.insert(p.end(), {0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A, 0x40, 0x01, 0xB4, 0x00});
  else
    p.insert(p.end(), {0x11, 0x02, 0x00, 0x00});
  return p;
}

Vp8Descriptor parse(const std::vector<uint8_t>& p) {
  auto d = parse_vp8_descriptor(p);
  EXPECT_TRUE(d.has_value());
  return d.value_or(Vp8Descriptor{});
}

TEST(MediaVp8, ParsesEveryDescriptorField) {
  const auto d = parse(packet(0x1234, 77, 2, true));
  EXPECT_EQ(d.size, 6u);
  EXPECT_TRUE(d.frame_start());
  EXPECT_TRUE(d.has_picture_id);
  EXPECT_TRUE(d.long_picture_id);
  EXPECT_EQ(d.picture_id, 0x1234);
  EXPECT_EQ(d.picture_id_offset, 2u);
  EXPECT_TRUE(d.has_tl0);
  EXPECT_EQ(d.tl0, 77);
  EXPECT_EQ(d.tl0_offset, 4u);
  EXPECT_TRUE(d.has_tid);
  EXPECT_EQ(d.tid, 2);
  EXPECT_TRUE(d.sync);

  // Short picture id, no L, K without T: no temporal layer index.
  const std::vector<uint8_t> short_id{0x90, 0x90, 0x05, 0x1F, 0x11};
  const auto s = parse(short_id);
  EXPECT_FALSE(s.long_picture_id);
  EXPECT_EQ(s.picture_id, 5);
  EXPECT_FALSE(s.has_tl0);
  EXPECT_FALSE(s.has_tid);
  EXPECT_EQ(s.size, 4u);

  // No extension at all.
  const std::vector<uint8_t> plain{0x10, 0x11};
  EXPECT_EQ(parse(plain).size, 1u);
}

TEST(MediaVp8, TruncatedDescriptorsAreRefused) {
  const auto full = packet(0x1234, 77, 2, true);
  for (size_t n = 0; n < 6; ++n)
    EXPECT_FALSE(parse_vp8_descriptor(std::span<const uint8_t>(full.data(), n)).has_value()) << n;
  // The key frame check reads the payload header behind the descriptor.
  EXPECT_TRUE(is_keyframe(VideoCodec::vp8, packet(1, 1, 0, false, true, true)));
  EXPECT_FALSE(is_keyframe(VideoCodec::vp8, packet(1, 1, 0, false)));
  EXPECT_FALSE(is_keyframe(VideoCodec::vp8, packet(1, 1, 0, false, false, true))); // not a frame start
}

// Feeds frames of the usual three-layer pattern TL0 TL2 TL1 TL2 (one packet each) and returns
// which passed and the picture ids the leg sees.
struct Fed {
  std::vector<int> tids;
  std::vector<uint16_t> picture_ids;
  std::vector<uint8_t> tl0s;
};

Fed feed(Vp8TemporalFilter& f, uint16_t first_picture, uint8_t first_tl0, int frames) {
  static constexpr uint8_t kPattern[] = {0, 2, 1, 2};
  Fed out;
  for (int i = 0; i < frames; ++i) {
    const uint8_t tid = kPattern[i % 4];
    const auto tl0 = static_cast<uint8_t>(first_tl0 + i / 4);
    auto p = packet(static_cast<uint16_t>((first_picture + i) & 0x7FFF), tl0, tid, tid != 0 && i % 4 != 3);
    const auto d = parse(p);
    if (!f.accept(d, false)) continue;
    rewrite_vp8(d, f.offsets(), p);
    const auto seen = parse(p);
    out.tids.push_back(tid);
    out.picture_ids.push_back(seen.picture_id);
    out.tl0s.push_back(seen.tl0);
  }
  return out;
}

TEST(MediaVp8, EveryLayerPassesUntouchedWithoutATarget) {
  Vp8TemporalFilter f;
  const auto fed = feed(f, 100, 7, 8);
  EXPECT_EQ(fed.tids, (std::vector<int>{0, 2, 1, 2, 0, 2, 1, 2}));
  EXPECT_EQ(fed.picture_ids, (std::vector<uint16_t>{100, 101, 102, 103, 104, 105, 106, 107}));
  EXPECT_EQ(fed.tl0s, (std::vector<uint8_t>{7, 7, 7, 7, 8, 8, 8, 8}));
}

TEST(MediaVp8, TheBaseLayerAloneKeepsPictureIdsContinuous) {
  Vp8TemporalFilter f;
  feed(f, 100, 7, 4); // 100..103 pass
  f.set_target(0);
  const auto fed = feed(f, 104, 8, 8);
  EXPECT_EQ(fed.tids, (std::vector<int>{0, 0}));
  // The dropped frames' picture ids vanish: 104 and 108 arrive as 104 and 105.
  EXPECT_EQ(fed.picture_ids, (std::vector<uint16_t>{104, 105}));
  EXPECT_EQ(fed.tl0s, (std::vector<uint8_t>{8, 9}));
}

TEST(MediaVp8, GoingUpWaitsForALayerSyncFrame) {
  Vp8TemporalFilter f;
  f.set_target(0);
  feed(f, 0, 0, 4);
  EXPECT_EQ(f.current(), 0);
  f.set_target(1);
  // The next frame is TL0 (no sync to TL1 yet), then TL2 (above the target), then a TL1 sync.
  const auto fed = feed(f, 4, 1, 4);
  EXPECT_EQ(fed.tids, (std::vector<int>{0, 1}));
  EXPECT_EQ(f.current(), 1);
  // A TL1 frame without the sync flag does not start the layer.
  Vp8TemporalFilter g;
  g.set_target(0);
  feed(g, 0, 0, 1);
  g.set_target(2);
  const auto no_sync = parse(packet(1, 0, 2, false));
  EXPECT_FALSE(g.accept(no_sync, false));
  // A key frame starts every layer at once.
  const auto key = parse(packet(2, 1, 0, false, true, true));
  EXPECT_TRUE(g.accept(key, true));
  EXPECT_EQ(g.current(), 2);
}

TEST(MediaVp8, AFrameIsForwardedOrDroppedWhole) {
  Vp8TemporalFilter f;
  f.set_target(0);
  const auto first = parse(packet(10, 3, 0, false));
  const auto middle = parse(packet(10, 3, 0, false, false));
  EXPECT_TRUE(f.accept(first, false));
  f.set_target(Vp8TemporalFilter::kAllLayers); // mid-frame changes wait for the next frame
  EXPECT_TRUE(f.accept(middle, false));
  f.set_target(0);
  const auto tl2 = parse(packet(11, 3, 2, true));
  const auto tl2_rest = parse(packet(11, 3, 2, true, false));
  EXPECT_FALSE(f.accept(tl2, false));
  EXPECT_FALSE(f.accept(tl2_rest, false));
}

TEST(MediaVp8, ASimulcastSwitchContinuesThePictureIdsAndTl0) {
  Vp8TemporalFilter f;
  const auto fed = feed(f, 500, 20, 3); // 500, 501, 502 with TL0PICIDX 20
  ASSERT_EQ(fed.picture_ids.back(), 502);
  // Another stream's key frame with unrelated numbers.
  auto key = packet(9000, 200, 0, false, true, true);
  const auto d = parse(key);
  f.on_switch(d);
  ASSERT_TRUE(f.accept(d, true));
  rewrite_vp8(d, f.offsets(), key);
  const auto seen = parse(key);
  EXPECT_EQ(seen.picture_id, 503);
  EXPECT_EQ(seen.tl0, 21);
  EXPECT_TRUE(seen.long_picture_id);
}

TEST(MediaVp8, PictureIdsWrapInFifteenBits) {
  Vp8TemporalFilter f;
  const auto fed = feed(f, 0x7FFE, 0, 4);
  EXPECT_EQ(fed.picture_ids, (std::vector<uint16_t>{0x7FFE, 0x7FFF, 0, 1}));
}

} // namespace
} // namespace plenum::media::router
