#pragma once
// VP8 temporal scalability in the SFU (RFC 7741): reading the payload descriptor, and per
// subscriber leg dropping the frames of temporal layers above what its downlink allows while
// keeping what the receiver sees continuous. A browser's VP8 simulcast encodes each layer with
// temporal layers (TL0 at a quarter or half of the frame rate); forwarding only TL0 (and TL1)
// lowers a video's bitrate without a key frame and without switching streams.

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace plenum::media::router {

// The fields of a VP8 payload descriptor the SFU uses (RFC 7741 section 4.2).
struct Vp8Descriptor {
  size_t size = 0;       // bytes before the VP8 payload header
  bool start = false;    // S: first packet of a partition
  uint8_t partition = 0; // PID
  // I: picture id, 7 (`long_picture_id` false) or 15 bits, at `picture_id_offset`.
  bool has_picture_id = false;
  bool long_picture_id = false;
  uint16_t picture_id = 0;
  size_t picture_id_offset = 0;
  // L: TL0PICIDX at `tl0_offset`.
  bool has_tl0 = false;
  uint8_t tl0 = 0;
  size_t tl0_offset = 0;
  // T: temporal layer index and layer sync (Y: the frame references only TL0 frames).
  bool has_tid = false;
  uint8_t tid = 0;
  bool sync = false;

  bool frame_start() const noexcept { return start && partition == 0; }
};

// nullopt when the payload is too short for the descriptor its flags announce.
std::optional<Vp8Descriptor> parse_vp8_descriptor(std::span<const uint8_t> payload) noexcept;

// What a leg adds to the publisher's picture ids (mod 2^15, or 2^7 for short ones) and TL0PICIDX.
struct Vp8Offsets {
  uint16_t picture = 0;
  uint8_t tl0 = 0;
};
// Writes the leg's picture id and TL0PICIDX into a copy of the packet's payload (same layout).
void rewrite_vp8(const Vp8Descriptor& d, Vp8Offsets offsets, std::span<uint8_t> payload) noexcept;

// One subscriber leg's view of one VP8 producer: which temporal layers pass, and the offsets that
// keep its picture ids and TL0PICIDX continuous across dropped frames and simulcast switches.
// Sequence numbers are the router's job (it is told how many packets were dropped).
class Vp8TemporalFilter {
 public:
  static constexpr uint8_t kAllLayers = 3; // no temporal limit (VP8 has at most TL0..TL2)

  // The highest temporal layer to forward (kAllLayers: every layer). Going down takes effect at the
  // next frame; going up at the next frame of a layer in reach that is a layer sync or key frame.
  void set_target(uint8_t tid) noexcept { target_ = tid; }
  uint8_t target() const noexcept { return target_; }
  uint8_t current() const noexcept { return current_; }

  // A new simulcast stream starts at a key frame: its picture ids and TL0PICIDX continue ours.
  void on_switch(const Vp8Descriptor& keyframe) noexcept;
  // Whether this packet goes to the leg. `keyframe`: the packet starts a key frame.
  bool accept(const Vp8Descriptor& d, bool keyframe) noexcept;
  // For rewrite_vp8 of the packets accept() let through.
  Vp8Offsets offsets() const noexcept { return {picture_offset_, tl0_offset_}; }

 private:
  uint8_t target_ = kAllLayers;
  uint8_t current_ = kAllLayers;
  bool have_frame_ = false;
  uint16_t frame_picture_id_ = 0; // the picture the last decision was made for
  bool frame_accepted_ = true;
  uint16_t picture_offset_ = 0; // out = in + offset (mod 2^15)
  uint8_t tl0_offset_ = 0;
  bool have_out_ = false;
  uint16_t last_out_picture_id_ = 0;
  uint8_t last_out_tl0_ = 0;
};

} // namespace plenum::media::router
