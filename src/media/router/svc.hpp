#pragma once
// Scalable video (one SSRC carrying several spatial and temporal layers) as the router sees it:
// per producer stream, the layers it carries, their sizes and what they cost (so the allocation
// picks a spatial layer exactly as it picks a simulcast layer); per subscriber leg, the filter
// that forwards only the chosen layers. Two sources of layer information:
//   - the dependency descriptor header extension (dependency_descriptor.hpp) when the publisher
//     sends it and its structure is known: any codec (AV1 SVC, VP9);
//   - else the VP9 payload descriptor (vp9.hpp).
// VP8 keeps its own temporal filter (vp8.hpp): its descriptor needs picture id rewriting.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "media/router/allocation.hpp"
#include "media/router/dependency_descriptor.hpp"
#include "media/router/keyframe.hpp"
#include "media/router/vp9.hpp"

namespace plenum::media::router {

inline constexpr size_t kSvcMaxSpatialLayers = 4; // what the allocation is offered (L3T3 uses 3)

// One packet's layer information, whichever header gave it.
struct SvcPacket {
  std::optional<Vp9Descriptor> vp9;
  std::optional<DependencyDescriptor> dd;
  uint8_t spatial() const noexcept { return dd ? dd->spatial_id : vp9 ? vp9->sid : 0; }
  uint8_t temporal() const noexcept { return dd ? dd->temporal_id : vp9 ? vp9->tid : 0; }
};

// A producer stream's layers.
class SvcStream {
 public:
  // The layer information of a packet of this stream (nullopt: none; the packet is forwarded
  // as for any codec). `dd`: the dependency descriptor element's data, if the packet has one.
  // Also counts the packet's bytes for its layers' bitrates.
  std::optional<SvcPacket> on_packet(VideoCodec codec, std::span<const uint8_t> payload,
                                     std::optional<std::span<const uint8_t>> dd, size_t bytes) noexcept;
  // The same without counting (a retransmission from the publisher).
  std::optional<SvcPacket> read(VideoCodec codec, std::span<const uint8_t> payload,
                                std::optional<std::span<const uint8_t>> dd) noexcept;
  // Once per measuring window of `elapsed_ms`.
  void measure(int64_t elapsed_ms) noexcept;

  // Spatial layers seen (from the scalability structure or the highest layer id); 0: not SVC.
  size_t spatial_layers() const noexcept { return spatial_layers_; }
  // Whether its frames have temporal layer ids above 0 (the allocation may offer its base).
  bool temporal() const noexcept { return temporal_; }
  // What the allocation sees: one LayerState per spatial layer, each costing what it and the
  // layers below it cost (a receiver of layer k gets layers 0..k), the base the temporal layer 0
  // of spatial layer 0.
  void append_layer_states(bool active, std::vector<LayerState>& out) const;
  const std::optional<DdStructure>& structure() const noexcept { return structure_; }

 private:
  std::optional<DdStructure> structure_; // the dependency descriptor's, from the last key frame
  size_t spatial_layers_ = 0;
  bool temporal_ = false;
  std::array<uint16_t, kSvcMaxSpatialLayers> widths_{};
  std::array<uint16_t, kSvcMaxSpatialLayers> heights_{};
  std::array<uint64_t, kSvcMaxSpatialLayers> window_bytes_{};
  uint64_t window_base_bytes_ = 0;
  std::array<uint64_t, kSvcMaxSpatialLayers> bitrate_{}; // per layer alone
  std::array<uint64_t, kSvcMaxSpatialLayers> peak_{};
  uint64_t base_bitrate_ = 0;
};

// One subscriber leg's layer choice for an SVC stream.
class SvcLeg {
 public:
  static constexpr uint8_t kAllLayers = 0xFF;

  // The highest spatial and temporal layer the leg may get (kAllLayers: no limit).
  void set_target(uint8_t spatial, uint8_t temporal) noexcept;
  uint8_t target_temporal() const noexcept { return temporal_; }
  // A new stream or a resume: the leg starts at a key frame again.
  void reset() noexcept;
  // The leg is below its target and only a key frame lets it up (K-SVC spatial layers).
  bool needs_keyframe() const noexcept { return vp9_.needs_keyframe() || dd_.needs_keyframe(); }

  struct Decision {
    bool forward = true;
    bool marker = false; // the packet ends the leg's picture (set the RTP marker bit)
  };
  Decision accept(const SvcPacket& packet, const SvcStream& stream, bool marker) noexcept;

 private:
  uint8_t spatial_ = kAllLayers;
  uint8_t temporal_ = kAllLayers;
  Vp9LayerFilter vp9_;
  DdLayerFilter dd_;
};

} // namespace plenum::media::router
