#pragma once
// Which simulcast layer each of one subscriber's videos gets (issue 7): the smallest layer that
// covers the size the tile is rendered at, and, when the downlink estimate is short, fewer bits
// by priority — screen shares and the tiles the user looks at ("high") keep their quality
// longest; a video that does not fit even with its lowest layer is paused rather than starved.
// Pure functions on plain values: the router feeds them what it measured and applies the result.

#include <cstdint>
#include <optional>
#include <span>

namespace plenum::media::router {

// One encoding of a publisher's video as the router sees it (simulcast layers lowest first).
struct LayerState {
  bool active = false; // packets arrived recently (the publisher sends it)
  uint16_t width = 0;  // from its last key frame; 0: unknown
  uint16_t height = 0;
  uint64_t bitrate = 0; // bits per second measured over the last second (0: unknown)
  // What its temporal base layer (TL0) alone costs, for codecs whose frames of higher temporal
  // layers the SFU can drop (VP8); 0: no temporal layers, or not measured.
  uint64_t base_bitrate = 0;
};

// One video a subscriber receives.
struct VideoDemand {
  std::span<const LayerState> layers;
  uint32_t max_width = 0; // the rendered size of its tile in device pixels; 0: unknown (any)
  uint32_t max_height = 0;
  bool high_priority = false;
  // The layer it gets now (-1: none or paused): layers up to it count at kHoldFactor of their
  // cost, so an estimate that wobbles around a layer's rate does not make it flap.
  int current = -1;
  bool current_base_only = false; // it gets only the temporal base layer of `current` now
};

inline constexpr double kHoldFactor = 0.75;
// Taking a layer it does not have needs this much more than the layer's cost: headroom.
inline constexpr double kTakeFactor = 1.1;

// What a layer costs when it has not been measured (it is paused, or just started): a rate for
// its pixel count at 30 fps, 0.08 bits per pixel (VP8 camera video as browsers send it:
// 1280x720 ≈ 2.2 Mbit/s, 640x360 ≈ 550 kbit/s, 320x180 ≈ 140 kbit/s).
uint64_t nominal_bitrate(uint32_t width, uint32_t height) noexcept;

// The layer's size, or (when not known yet) one derived from the largest known size, each layer
// below it half as wide and high (as browsers scale simulcast), or 1280x720 for the top layer.
struct LayerSize {
  uint32_t width = 0;
  uint32_t height = 0;
};
LayerSize layer_size(std::span<const LayerState> layers, size_t index) noexcept;
// What a layer costs: its measured bitrate, else the nominal one for its size, and at least
// what the layers below it cost.
uint64_t layer_bitrate(std::span<const LayerState> layers, size_t index) noexcept;

// The smallest layer that is at least `kCoverRatio` of the tile's size in both directions
// (so a 360-pixel-high layer serves a 400-pixel-high tile), else the largest one.
inline constexpr double kCoverRatio = 0.85;
size_t layer_for_size(std::span<const LayerState> layers, uint32_t max_width, uint32_t max_height) noexcept;

// Layer per video (index into its layers; -1: paused because it does not fit). Without a
// budget every video gets its size-preferred layer. With one: first every video in priority
// order gets its lowest layer while the budget lasts (the rest are paused), then, again in
// priority order, each is raised layer by layer towards its size-preferred one while the
// budget lasts. Budget in bits per second, for video only. Layers a video already has cost
// less (kHoldFactor) and others more (kTakeFactor): keeping is cheaper than taking.
//
// A video whose lowest layer does not fit at its full frame rate may still get that layer's
// temporal base layer (a quarter to half of the frame rate) before it is paused: `base_only[i]`
// says so (when the span is given). A base-only video is raised to the full frame rate first.
void allocate(std::span<const VideoDemand> videos, std::optional<uint64_t> budget, std::span<int> out,
              std::span<bool> base_only = {}) noexcept;

} // namespace plenum::media::router
