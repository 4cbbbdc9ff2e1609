#include "media/router/vp8.hpp"

namespace plenum::media::router {

namespace {

constexpr uint16_t kLongMask = 0x7FFF;
constexpr uint16_t kShortMask = 0x7F;

// Whether picture id `a` comes after `b` (15-bit serial number arithmetic).
bool newer_picture(uint16_t a, uint16_t b) noexcept {
  const auto diff = static_cast<uint16_t>((a - b) & kLongMask);
  return diff != 0 && diff < 0x4000;
}

} // namespace

std::optional<Vp8Descriptor> parse_vp8_descriptor(std::span<const uint8_t> p) noexcept {
  if (p.empty()) return std::nullopt;
  Vp8Descriptor d;
  const uint8_t first = p[0];
  d.start = (first & 0x10) != 0;
  d.partition = first & 0x07;
  size_t offset = 1;
  if ((first & 0x80) != 0) { // X: the extension byte follows
    if (p.size() <= offset) return std::nullopt;
    const uint8_t x = p[offset++];
    if ((x & 0x80) != 0) { // I
      if (p.size() <= offset) return std::nullopt;
      d.has_picture_id = true;
      d.picture_id_offset = offset;
      d.long_picture_id = (p[offset] & 0x80) != 0;
      if (d.long_picture_id) {
        if (p.size() <= offset + 1) return std::nullopt;
        d.picture_id = static_cast<uint16_t>(((p[offset] & 0x7F) << 8) | p[offset + 1]);
        offset += 2;
      } else {
        d.picture_id = p[offset] & 0x7F;
        offset += 1;
      }
    }
    if ((x & 0x40) != 0) { // L
      if (p.size() <= offset) return std::nullopt;
      d.has_tl0 = true;
      d.tl0_offset = offset;
      d.tl0 = p[offset++];
    }
    if ((x & 0x20) != 0 || (x & 0x10) != 0) { // T or K share one byte
      if (p.size() <= offset) return std::nullopt;
      if ((x & 0x20) != 0) {
        d.has_tid = true;
        d.tid = static_cast<uint8_t>(p[offset] >> 6);
        d.sync = (p[offset] & 0x20) != 0;
      }
      ++offset;
    }
  }
  d.size = offset;
  return d;
}

void Vp8TemporalFilter::on_switch(const Vp8Descriptor& keyframe) noexcept {
  have_frame_ = false;
  if (!have_out_) return;
  picture_offset_ = static_cast<uint16_t>((last_out_picture_id_ + 1 - keyframe.picture_id) & kLongMask);
  tl0_offset_ = static_cast<uint8_t>(last_out_tl0_ + 1 - keyframe.tl0);
}

bool Vp8TemporalFilter::accept(const Vp8Descriptor& d, bool keyframe) noexcept {
  const bool new_frame = !d.has_picture_id || !have_frame_ || newer_picture(d.picture_id, frame_picture_id_);
  if (new_frame) {
    // Down at once; up at a key frame (it references nothing), or without temporal layers.
    if (keyframe || !d.has_tid || target_ < current_) {
      current_ = target_;
    } else if (d.tid > current_ && d.tid <= target_ && d.sync) {
      current_ = d.tid; // a layer sync frame references only TL0: its layer can start here
    }
    const bool accepted = !d.has_tid || d.tid <= current_;
    if (d.has_picture_id) {
      if (have_frame_ && !accepted) --picture_offset_; // this picture id vanishes for the leg
      have_frame_ = true;
      frame_picture_id_ = d.picture_id;
      frame_accepted_ = accepted;
    }
    if (!accepted) return false;
  } else if (d.picture_id == frame_picture_id_) {
    if (!frame_accepted_) return false; // the rest of a dropped frame
  } else if (d.has_tid && d.tid > current_) {
    return false; // a late packet of an older frame of a layer not forwarded now
  }
  if (d.has_picture_id) {
    const auto out = static_cast<uint16_t>((d.picture_id + picture_offset_) & kLongMask);
    if (!have_out_ || newer_picture(out, last_out_picture_id_)) last_out_picture_id_ = out;
  }
  if (d.has_tl0) last_out_tl0_ = static_cast<uint8_t>(d.tl0 + tl0_offset_);
  have_out_ = have_out_ || d.has_picture_id;
  return true;
}

void rewrite_vp8(const Vp8Descriptor& d, Vp8Offsets offsets, std::span<uint8_t> payload) noexcept {
  if (d.has_picture_id) {
    const auto out = static_cast<uint16_t>(d.picture_id + offsets.picture);
    if (d.long_picture_id && payload.size() > d.picture_id_offset + 1) {
      payload[d.picture_id_offset] = static_cast<uint8_t>(0x80 | ((out >> 8) & 0x7F));
      payload[d.picture_id_offset + 1] = static_cast<uint8_t>(out & 0xFF);
    } else if (!d.long_picture_id && payload.size() > d.picture_id_offset) {
      payload[d.picture_id_offset] = static_cast<uint8_t>(out & kShortMask);
    }
  }
  if (d.has_tl0 && payload.size() > d.tl0_offset)
    payload[d.tl0_offset] = static_cast<uint8_t>(d.tl0 + offsets.tl0);
}

} // namespace plenum::media::router
