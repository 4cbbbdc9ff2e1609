#pragma once
// VP9 scalable video (SVC) in the SFU (RFC 9628): reading the payload descriptor, and per
// subscriber leg forwarding only the spatial and temporal layers its tile and downlink allow.
//
// A browser publishing VP9 with scalabilityMode L3T3_KEY (or L2T3, L1T3) sends one SSRC carrying
// every layer: each picture (one picture id, one RTP timestamp) holds up to three layer frames,
// spatial layer 0 first, each starting with B and ending with E; the RTP marker bit is on the
// last packet of the picture. Dropping the layer frames above a leg's target spatial layer, and
// the pictures above its target temporal layer, leaves a stream the receiver decodes at the
// lower resolution / frame rate.
//
// Picture ids and TL0PICIDX are forwarded as the publisher wrote them (unlike VP8): a VP9
// receiver infers the references of a non-flexible stream from the picture id distance and the
// group of frames in the scalability structure, and of a flexible one from P_DIFF; gaps left by
// dropped temporal layers are what it expects from an SFU (libwebrtc's VP9 reference finder
// tells the layer of a missing picture from the group of frames and waits only for missing
// pictures of lower layers). Rewriting them would break exactly that inference.

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace plenum::media::router {

inline constexpr size_t kVp9MaxSpatialLayers = 8; // N_S is three bits
inline constexpr size_t kVp9MaxPDiffs = 3;

// The fields of a VP9 payload descriptor (RFC 9628 section 4.2) the SFU uses.
struct Vp9Descriptor {
  size_t size = 0;              // bytes before the VP9 frame data
  bool inter_predicted = false; // P: the layer frame references an earlier picture
  bool flexible = false;        // F
  bool start = false;           // B: first packet of a layer frame
  bool end = false;             // E: last packet of a layer frame
  bool not_reference = false;   // Z: no upper spatial layer of this picture references it
  // I: picture id, 7 (`long_picture_id` false) or 15 bits.
  bool has_picture_id = false;
  bool long_picture_id = false;
  uint16_t picture_id = 0;
  // L: layer indices (without them the stream has one layer: sid = tid = 0).
  bool has_layers = false;
  uint8_t tid = 0;
  bool switching_up = false; // U
  uint8_t sid = 0;
  bool inter_layer = false; // D: depends on the lower spatial layer of this picture
  bool has_tl0 = false;     // non-flexible mode with L
  uint8_t tl0 = 0;
  // P and F: up to three reference picture id differences.
  uint8_t p_diff_count = 0;
  std::array<uint8_t, kVp9MaxPDiffs> p_diffs{};
  // V: scalability structure (section 4.2.1).
  bool has_ss = false;
  uint8_t spatial_layers = 0; // N_S + 1
  bool has_resolutions = false;
  std::array<uint16_t, kVp9MaxSpatialLayers> widths{};
  std::array<uint16_t, kVp9MaxSpatialLayers> heights{};
  uint8_t gof_size = 0; // N_G

  // The first packet of a picture's key frame: spatial layer 0 without inter-picture prediction.
  bool keyframe_start() const noexcept { return start && !inter_predicted && sid == 0; }
};

// nullopt when the payload is too short for what its flags announce (never reads beyond it).
std::optional<Vp9Descriptor> parse_vp9_descriptor(std::span<const uint8_t> payload) noexcept;

// One subscriber leg's view of one VP9 producer stream: which spatial and temporal layers pass.
//
// Spatial: down at the next picture (lower layers never reference higher ones); up at a layer
// frame of a higher layer in reach without inter-picture prediction (P=0: it references only the
// lower layer of its own picture, which the leg has) — in K-SVC (L3T3_KEY) only key pictures
// have that, so `needs_keyframe()` asks for one. Temporal: down at the next picture; up at a
// picture of a higher layer in reach marked as switching-up point (U) or at a key picture.
class Vp9LayerFilter {
 public:
  static constexpr uint8_t kAllLayers = 7; // no limit (TID and SID have three bits)

  void set_target(uint8_t spatial, uint8_t temporal) noexcept {
    target_spatial_ = spatial;
    target_temporal_ = temporal;
  }
  uint8_t target_spatial() const noexcept { return target_spatial_; }
  uint8_t target_temporal() const noexcept { return target_temporal_; }
  uint8_t current_spatial() const noexcept { return current_spatial_; }
  uint8_t current_temporal() const noexcept { return current_temporal_; }
  // Below its target spatial layer while it saw pictures: only a key frame can lift it.
  bool needs_keyframe() const noexcept { return have_picture_ && current_spatial_ < target_spatial_; }

  // Forget the layers decided so far (a new stream or a resume, which start at a key frame).
  void reset() noexcept;

  struct Decision {
    bool forward = false;
    bool marker = false; // the RTP marker bit the forwarded packet carries
  };
  // `marker`: the publisher's marker bit on this packet.
  Decision accept(const Vp9Descriptor& d, bool marker) noexcept;

 private:
  void start_picture(const Vp9Descriptor& d) noexcept;

  uint8_t target_spatial_ = kAllLayers;
  uint8_t target_temporal_ = kAllLayers;
  uint8_t current_spatial_ = kAllLayers;
  uint8_t current_temporal_ = kAllLayers;
  bool have_picture_ = false;
  uint16_t picture_id_ = 0;       // the picture the decisions below are for
  bool picture_accepted_ = false; // its temporal layer passes
  uint8_t layer_accepted_ = 0;    // bit per spatial layer frame of it that passes
};

} // namespace plenum::media::router
