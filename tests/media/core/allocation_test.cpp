// Layer choice for one subscriber (media/router/allocation): by the tile's size, then within a
// downlink budget by priority, pausing what does not fit.
#include "media/router/allocation.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace plenum::media::router {
namespace {

// Browser-like simulcast: 320x180 / 640x360 / 1280x720 at 150 / 500 / 1,500 kbit/s.
std::array<LayerState, 3> camera() {
  return {LayerState{true, 320, 180, 150'000}, LayerState{true, 640, 360, 500'000},
          LayerState{true, 1280, 720, 1'500'000}};
}

TEST(MediaAllocation, TheSmallestLayerThatCoversTheTile) {
  const auto layers = camera();
  EXPECT_EQ(layer_for_size(layers, 0, 0), 2u);    // size unknown: the best
  EXPECT_EQ(layer_for_size(layers, 160, 90), 0u); // thumbnail
  EXPECT_EQ(layer_for_size(layers, 320, 180), 0u);
  EXPECT_EQ(layer_for_size(layers, 370, 208), 0u); // 320 ≥ 0.85 × 370
  EXPECT_EQ(layer_for_size(layers, 400, 225), 1u);
  EXPECT_EQ(layer_for_size(layers, 640, 360), 1u);
  EXPECT_EQ(layer_for_size(layers, 1000, 560), 2u);
  EXPECT_EQ(layer_for_size(layers, 3840, 2160), 2u); // larger than any: the largest
  // A tall, narrow tile needs the height too.
  EXPECT_EQ(layer_for_size(layers, 200, 500), 2u);
}

TEST(MediaAllocation, UnknownSizesFollowTheLayerOrder) {
  // No key frame seen yet: halves of the known top layer, or of 1280x720.
  std::array<LayerState, 3> layers{LayerState{true, 0, 0, 0}, LayerState{true, 0, 0, 0},
                                   LayerState{true, 1920, 1080, 0}};
  EXPECT_EQ(layer_size(layers, 0).width, 480u);
  EXPECT_EQ(layer_size(layers, 1).height, 540u);
  layers[2] = LayerState{true, 0, 0, 0};
  EXPECT_EQ(layer_size(layers, 0).width, 320u);
  EXPECT_EQ(layer_size(layers, 2).height, 720u);
  EXPECT_EQ(layer_for_size(layers, 300, 170), 0u);
  // Unmeasured layers cost their nominal rate.
  EXPECT_NEAR(static_cast<double>(nominal_bitrate(1280, 720)), 2.2e6, 0.1e6);
}

TEST(MediaAllocation, WithoutABudgetEveryVideoGetsWhatItsTileNeeds) {
  const auto layers = camera();
  std::vector<VideoDemand> videos{
      {layers, 1280, 720, false}, {layers, 320, 180, false}, {layers, 0, 0, true}};
  std::vector<int> out(3, 7);
  allocate(videos, std::nullopt, out);
  EXPECT_EQ(out, (std::vector<int>{2, 0, 2}));
}

TEST(MediaAllocation, AShortDownlinkLowersOthersBeforeTheHighPriorityVideo) {
  const auto layers = camera();
  // The large tile (high) and three thumbnails-that-are-not-so-small (normal), all wanting 720p.
  std::vector<VideoDemand> videos{
      {layers, 0, 0, false}, {layers, 0, 0, false}, {layers, 0, 0, true}, {layers, 0, 0, false}};
  std::vector<int> out(4);
  // Taking a layer costs 110 % of its rate. 2.6 Mbit/s: everyone's low layer (4 × 165k), then the
  // high one to 720p (+385k, +1,100k), then the first normal one to 360p (+385k); the next step
  // (+385k) does not fit.
  allocate(videos, 2'600'000, out);
  EXPECT_EQ(out, (std::vector<int>{1, 0, 2, 0}));
  // Plenty: all at their best.
  allocate(videos, 20'000'000, out);
  EXPECT_EQ(out, (std::vector<int>{2, 2, 2, 2}));
}

TEST(MediaAllocation, WhatDoesNotFitAtItsLowestLayerIsPausedHighPriorityFirstServed) {
  const auto layers = camera();
  std::vector<VideoDemand> videos{{layers, 0, 0, false}, {layers, 0, 0, false}, {layers, 0, 0, true}};
  std::vector<int> out(3);
  allocate(videos, 340'000, out); // two low layers fit (165k each with the headroom)
  EXPECT_EQ(out, (std::vector<int>{0, -1, 0}));
  allocate(videos, 100'000, out); // none
  EXPECT_EQ(out, (std::vector<int>{-1, -1, -1}));
  allocate(videos, 0, out);
  EXPECT_EQ(out, (std::vector<int>{-1, -1, -1}));
}

TEST(MediaAllocation, TheBudgetNeverRaisesAVideoAboveWhatItsTileNeeds) {
  const auto layers = camera();
  std::vector<VideoDemand> videos{{layers, 160, 90, true}, {layers, 640, 360, false}};
  std::vector<int> out(2);
  allocate(videos, 50'000'000, out);
  EXPECT_EQ(out, (std::vector<int>{0, 1}));
}

TEST(MediaAllocation, SingleEncodingVideosAndEmptyInput) {
  const std::array<LayerState, 1> one{LayerState{true, 1280, 720, 1'000'000}};
  std::vector<VideoDemand> videos{{one, 160, 90, false}, {{}, 0, 0, false}};
  std::vector<int> out(2);
  allocate(videos, std::nullopt, out);
  EXPECT_EQ(out, (std::vector<int>{0, -1}));
  allocate(videos, 900'000, out);
  EXPECT_EQ(out, (std::vector<int>{-1, -1}));
  allocate({}, 1'000, {});
}

TEST(MediaAllocation, AVideoKeepsItsLayerUntilTheEstimateIsClearlyBelowIt) {
  const auto layers = camera();
  // 640x360 costs 550 kbit/s to take (with 10 % headroom), 375 kbit/s to keep.
  VideoDemand v{layers, 640, 360, false, -1};
  std::vector<int> out(1);
  allocate(std::span<const VideoDemand>(&v, 1), 450'000, out);
  EXPECT_EQ(out[0], 0); // not enough to take it
  v.current = 1;
  allocate(std::span<const VideoDemand>(&v, 1), 450'000, out);
  EXPECT_EQ(out[0], 1); // enough to keep it
  allocate(std::span<const VideoDemand>(&v, 1), 360'000, out);
  EXPECT_EQ(out[0], 0); // clearly below
  // The lowest layer the same: 165k to start, 112.5k to keep; below that, paused.
  v.current = 0;
  allocate(std::span<const VideoDemand>(&v, 1), 120'000, out);
  EXPECT_EQ(out[0], 0);
  allocate(std::span<const VideoDemand>(&v, 1), 100'000, out);
  EXPECT_EQ(out[0], -1);
  v.current = -1;
  allocate(std::span<const VideoDemand>(&v, 1), 120'000, out);
  EXPECT_EQ(out[0], -1);
}

// VP8 with temporal layers: the lowest layer's TL0 alone costs about 40 % of it.
std::array<LayerState, 3> temporal_camera() {
  auto layers = camera();
  layers[0].base_bitrate = 60'000;
  layers[1].base_bitrate = 200'000;
  layers[2].base_bitrate = 600'000;
  return layers;
}

TEST(MediaAllocation, ALowestLayerThatDoesNotFitFallsBackToItsTemporalBaseBeforePausing) {
  const auto layers = temporal_camera();
  const std::array<VideoDemand, 2> videos{VideoDemand{layers, 1280, 720, false, -1},
                                          VideoDemand{layers, 1280, 720, false, -1}};
  std::array<int, 2> out{};
  std::array<bool, 2> base{};
  // 150 kbit/s × 1.1 fits once; the second gets TL0 (60 × 1.1 = 66 kbit/s).
  allocate(videos, 240'000, out, base);
  EXPECT_EQ(out, (std::array<int, 2>{0, 0}));
  EXPECT_EQ(base, (std::array<bool, 2>{false, true}));
  // Too little even for that: paused.
  allocate(videos, 200'000, out, base);
  EXPECT_EQ(out, (std::array<int, 2>{0, -1}));
  EXPECT_EQ(base, (std::array<bool, 2>{false, false}));
  // Without the span (callers that cannot drop temporal layers) nothing changes.
  allocate(videos, 240'000, out);
  EXPECT_EQ(out, (std::array<int, 2>{0, -1}));
  // No temporal layers measured: paused as before.
  const auto plain = camera();
  const std::array<VideoDemand, 2> plain_videos{VideoDemand{plain, 1280, 720, false, -1},
                                                VideoDemand{plain, 1280, 720, false, -1}};
  allocate(plain_videos, 240'000, out, base);
  EXPECT_EQ(out, (std::array<int, 2>{0, -1}));
  EXPECT_EQ(base, (std::array<bool, 2>{false, false}));
}

TEST(MediaAllocation, ATemporalBaseVideoGetsTheFullFrameRateBackFirstWithHeadroom) {
  const auto layers = temporal_camera();
  // It gets TL0 of its lowest layer now.
  std::array<VideoDemand, 1> videos{VideoDemand{layers, 1280, 720, false, 0, true}};
  std::array<int, 1> out{};
  std::array<bool, 1> base{};
  // Holding TL0 costs 45 kbit/s; the full layer is a new take (165 kbit/s).
  allocate(videos, 100'000, out, base);
  EXPECT_EQ(out[0], 0);
  EXPECT_TRUE(base[0]);
  allocate(videos, 160'000, out, base);
  EXPECT_TRUE(base[0]); // 165 > 160: not yet
  allocate(videos, 170'000, out, base);
  EXPECT_EQ(out[0], 0);
  EXPECT_FALSE(base[0]);
  // With plenty it goes on up to what the tile needs.
  allocate(videos, 5'000'000, out, base);
  EXPECT_EQ(out[0], 2);
  EXPECT_FALSE(base[0]);
}

} // namespace
} // namespace plenum::media::router
