#include "media/router/allocation.hpp"

#include <algorithm>
#include <array>

namespace plenum::media::router {

namespace {

constexpr double kBitsPerPixel = 0.08;
constexpr uint32_t kFramesPerSecond = 30;
constexpr LayerSize kDefaultTop{1280, 720};
constexpr size_t kMaxVideos = 4'000; // a subscriber's sections (RoomMedia's limit)

} // namespace

uint64_t layer_bitrate(std::span<const LayerState> layers, size_t index) noexcept {
  if (index >= layers.size()) return 0;
  // Never cheaper than a lower layer: a layer that just started (or a lower one busy with key
  // frames) must not look like a bargain.
  uint64_t cost = 0;
  for (size_t i = 0; i <= index; ++i) {
    uint64_t own = layers[i].bitrate;
    if (own == 0) {
      const LayerSize size = layer_size(layers, i);
      own = nominal_bitrate(size.width, size.height);
    }
    cost = std::max(cost, own);
  }
  return cost;
}

uint64_t nominal_bitrate(uint32_t width, uint32_t height) noexcept {
  return static_cast<uint64_t>(static_cast<double>(width) * height * kFramesPerSecond * kBitsPerPixel);
}

LayerSize layer_size(std::span<const LayerState> layers, size_t index) noexcept {
  if (index >= layers.size()) return {};
  if (layers[index].width != 0 && layers[index].height != 0)
    return {layers[index].width, layers[index].height};
  // From the nearest layer above whose size is known, halved per step; else from the default top.
  for (size_t above = index + 1; above < layers.size(); ++above) {
    if (layers[above].width != 0 && layers[above].height != 0) {
      const auto shift = static_cast<uint32_t>(above - index);
      return {std::max<uint32_t>(layers[above].width >> shift, 1),
              std::max<uint32_t>(layers[above].height >> shift, 1)};
    }
  }
  const auto shift = static_cast<uint32_t>(layers.size() - 1 - index);
  return {std::max<uint32_t>(kDefaultTop.width >> shift, 1),
          std::max<uint32_t>(kDefaultTop.height >> shift, 1)};
}

size_t layer_for_size(std::span<const LayerState> layers, uint32_t max_width, uint32_t max_height) noexcept {
  if (layers.empty()) return 0;
  const size_t top = layers.size() - 1;
  if (max_width == 0 && max_height == 0) return top;
  for (size_t i = 0; i < top; ++i) {
    const LayerSize size = layer_size(layers, i);
    if (size.width >= kCoverRatio * max_width && size.height >= kCoverRatio * max_height) return i;
  }
  return top;
}

namespace {

uint64_t charge(const VideoDemand& v, size_t index) noexcept {
  const auto full = static_cast<double>(layer_bitrate(v.layers, index));
  if (v.current < 0 || index > static_cast<size_t>(v.current) || (index == 0 && v.current_base_only))
    return static_cast<uint64_t>(full * kTakeFactor);
  return static_cast<uint64_t>(full * kHoldFactor);
}

// What the lowest layer's temporal base costs (0: it has none).
uint64_t charge_base(const VideoDemand& v) noexcept {
  const auto base = static_cast<double>(v.layers.front().base_bitrate);
  return static_cast<uint64_t>(base * (v.current < 0 ? kTakeFactor : kHoldFactor));
}

} // namespace

void allocate(std::span<const VideoDemand> videos, std::optional<uint64_t> budget, std::span<int> out,
              std::span<bool> base_only) noexcept {
  const size_t n = std::min({videos.size(), out.size(), kMaxVideos});
  const bool temporal = base_only.size() >= n;
  if (temporal) std::fill(base_only.begin(), base_only.begin() + static_cast<ptrdiff_t>(n), false);
  for (size_t i = 0; i < n; ++i) {
    const auto& v = videos[i];
    out[i] = v.layers.empty() ? -1 : static_cast<int>(layer_for_size(v.layers, v.max_width, v.max_height));
  }
  if (!budget) return;
  // Priority order: high first, then the order of the subscription (stable).
  std::array<uint16_t, kMaxVideos> order{};
  size_t count = 0;
  for (int pass = 0; pass < 2; ++pass)
    for (size_t i = 0; i < n; ++i)
      if (videos[i].high_priority == (pass == 0) && !videos[i].layers.empty())
        order[count++] = static_cast<uint16_t>(i);
  std::array<int, kMaxVideos> preferred{};
  for (size_t i = 0; i < n; ++i) {
    preferred[i] = out[i];
    out[i] = -1;
  }
  uint64_t left = *budget;
  for (size_t k = 0; k < count; ++k) {
    const size_t i = order[k];
    const uint64_t c = charge(videos[i], 0);
    if (c <= left) {
      left -= c;
      out[i] = 0;
      continue;
    }
    const uint64_t base = temporal ? charge_base(videos[i]) : 0;
    if (base == 0 || base > left) continue; // paused: does not fit even at its lowest layer
    left -= base;
    out[i] = 0;
    base_only[i] = true;
  }
  for (size_t k = 0; k < count; ++k) {
    const size_t i = order[k];
    if (out[i] < 0) continue;
    if (temporal && base_only[i]) {
      const uint64_t now = charge_base(videos[i]);
      const uint64_t more = charge(videos[i], 0);
      if (more > now + left) continue;
      left = left + now - more;
      base_only[i] = false;
    }
    while (out[i] < preferred[i]) {
      const size_t next = static_cast<size_t>(out[i]) + 1;
      const uint64_t now = charge(videos[i], static_cast<size_t>(out[i]));
      const uint64_t more = charge(videos[i], next);
      if (more > now + left) break;
      left = left + now - more;
      out[i] = static_cast<int>(next);
    }
  }
}

} // namespace plenum::media::router
