#pragma once
// The dependency descriptor RTP header extension (AV1 RTP payload format, Appendix A;
// URI https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension):
// codec-independent frame layering that libwebrtc sends for AV1 and VP9 (and VP8) when it is
// negotiated. Every packet carries the mandatory fields (start/end of frame, template id, frame
// number); a key frame's packets carry the template dependency structure, which later packets
// refer to by template id. The router keeps the last structure per producer stream and, per
// subscriber leg, forwards only the frames its decode target needs.

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace plenum::media::router {

inline constexpr size_t kDdMaxTemplates = 64;     // template ids have six bits (A.8.3)
inline constexpr size_t kDdMaxDecodeTargets = 32; // dt_cnt_minus_one has five bits
inline constexpr size_t kDdMaxSpatialLayers = 4;  // AV1 spatial_id has two bits; more: rejected

// Decode target indication (A.8.3.1, table A.1).
enum class Dti : uint8_t { not_present = 0, discardable = 1, switch_point = 2, required = 3 };

// template_dependency_structure() (A.8.3.1), the parts the SFU uses.
struct DdStructure {
  uint8_t template_id_offset = 0;
  uint8_t decode_targets = 0;                              // DtCnt
  uint8_t templates = 0;                                   // TemplateCnt
  uint8_t chains = 0;                                      // chain_cnt
  std::array<uint8_t, kDdMaxDecodeTargets> protected_by{}; // decode_target_protected_by
  std::array<uint8_t, kDdMaxTemplates> template_spatial{};
  std::array<uint8_t, kDdMaxTemplates> template_temporal{};
  std::array<std::array<Dti, kDdMaxDecodeTargets>, kDdMaxTemplates> template_dtis{};
  // template_chain_fdiff: per template, the distance to the previous frame of each chain.
  std::array<std::array<uint8_t, kDdMaxDecodeTargets>, kDdMaxTemplates> template_chain_fdiffs{};
  // decode_target_layers(): the highest spatial and temporal id each decode target contains.
  std::array<uint8_t, kDdMaxDecodeTargets> target_spatial{};
  std::array<uint8_t, kDdMaxDecodeTargets> target_temporal{};
  uint8_t spatial_layers = 0; // MaxSpatialId + 1
  bool has_resolutions = false;
  std::array<uint16_t, kDdMaxSpatialLayers> widths{}; // render_width_minus_1 + 1
  std::array<uint16_t, kDdMaxSpatialLayers> heights{};
};

// One packet's descriptor, resolved against the structure.
struct DependencyDescriptor {
  bool start_of_frame = false;
  bool end_of_frame = false;
  uint8_t template_id = 0;
  uint16_t frame_number = 0;
  bool has_structure = false; // this packet carried a (new) structure
  // active_decode_targets_bitmask: which decode targets the publisher still sends (bit per target).
  uint32_t active_decode_targets = 0xFFFFFFFF;
  bool has_active_decode_targets = false; // the packet said so (else: as before / all)
  uint8_t spatial_id = 0;                 // FrameSpatialId
  uint8_t temporal_id = 0;                // FrameTemporalId
  uint8_t decode_targets = 0;
  std::array<Dti, kDdMaxDecodeTargets> dtis{};             // FrameDtis (custom or the template's)
  std::array<uint8_t, kDdMaxDecodeTargets> chain_fdiffs{}; // FrameChainFdiff (0: starts the chain)
};

// Parses one extension element's data. `structure`: the last structure of the stream (none yet:
// only a packet carrying one can be read); a packet carrying a new one replaces it there when
// the whole descriptor is valid. nullopt: malformed, or the template id is not in the structure.
std::optional<DependencyDescriptor> parse_dependency_descriptor(
    std::span<const uint8_t> data, std::optional<DdStructure>& structure) noexcept;

// One subscriber leg's decode target for one producer stream sending dependency descriptors.
// The router sets the spatial and temporal layer it may get; the leg decodes the richest active
// decode target within them. Frames whose indication for it is "not present" are dropped.
// Switching to a lower target takes effect at the next frame (its frames reference only frames
// of lower targets, which the leg had); to a higher one at a frame whose indication for it is
// "switch" and whose chain protecting it is intact for the leg (the previous frame of that chain
// was forwarded: A.4, "chains"), which in K-SVC only key pictures are; meanwhile
// `needs_keyframe()`.
class DdLayerFilter {
 public:
  static constexpr uint8_t kAllLayers = 0xFF;

  void set_target(uint8_t spatial, uint8_t temporal) noexcept {
    target_spatial_ = spatial;
    target_temporal_ = temporal;
  }
  void reset() noexcept { have_frame_ = false; }
  // The leg decodes a lower target than it may, and has waited for a switch point.
  bool needs_keyframe() const noexcept { return below_target_; }
  int decode_target() const noexcept { return current_; }

  struct Decision {
    bool forward = false;
    bool marker = false;
  };
  Decision accept(const DependencyDescriptor& d, const DdStructure& s, bool marker) noexcept;

 private:
  // The best active decode target within the targets (-1: none known).
  int wanted(const DependencyDescriptor& d, const DdStructure& s) const noexcept;

  uint8_t target_spatial_ = kAllLayers;
  uint8_t target_temporal_ = kAllLayers;
  int current_ = -1;
  bool below_target_ = false;
  bool have_frame_ = false;
  uint16_t frame_number_ = 0;
  bool frame_accepted_ = false;
  uint32_t active_ = 0xFFFFFFFF;
  // The frame numbers forwarded lately (by frame_number % size; other values: not forwarded).
  std::array<uint32_t, 256> forwarded_{};
  bool was_forwarded(uint16_t frame) const noexcept {
    return forwarded_[frame % forwarded_.size()] == frame + 1u;
  }
};

} // namespace plenum::media::router
