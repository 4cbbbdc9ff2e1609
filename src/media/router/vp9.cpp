#include "media/router/vp9.hpp"

namespace plenum::media::router {

namespace {

constexpr uint16_t kLongMask = 0x7FFF;

// Whether picture id `a` comes after `b` (15-bit serial number arithmetic; short ids are small
// enough that 7-bit wrap-around reads as a large jump back, which only delays one decision).
bool newer_picture(uint16_t a, uint16_t b) noexcept {
  const auto diff = static_cast<uint16_t>((a - b) & kLongMask);
  return diff != 0 && diff < 0x4000;
}

// A bounds-checked reader over the descriptor.
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> p) noexcept : p_(p) {}
  bool byte(uint8_t* out) noexcept {
    if (offset_ >= p_.size()) return false;
    *out = p_[offset_++];
    return true;
  }
  bool be16(uint16_t* out) noexcept {
    uint8_t hi = 0;
    uint8_t lo = 0;
    if (!byte(&hi) || !byte(&lo)) return false;
    *out = static_cast<uint16_t>((hi << 8) | lo);
    return true;
  }
  bool skip(size_t n) noexcept {
    if (p_.size() - offset_ < n) return false;
    offset_ += n;
    return true;
  }
  size_t offset() const noexcept { return offset_; }

 private:
  std::span<const uint8_t> p_;
  size_t offset_ = 0;
};

// RFC 9628 section 4.2.1: N_S|Y|G, Y: width and height per spatial layer, G: N_G and per picture
// of the group TID|U|R and R reference differences.
bool parse_ss(Reader& r, Vp9Descriptor& d) noexcept {
  uint8_t v = 0;
  if (!r.byte(&v)) return false;
  d.has_ss = true;
  d.spatial_layers = static_cast<uint8_t>((v >> 5) + 1);
  d.has_resolutions = (v & 0x10) != 0;
  const bool has_gof = (v & 0x08) != 0;
  if (d.has_resolutions) {
    for (size_t i = 0; i < d.spatial_layers; ++i)
      if (!r.be16(&d.widths[i]) || !r.be16(&d.heights[i])) return false;
  }
  if (has_gof) {
    if (!r.byte(&d.gof_size)) return false;
    for (size_t i = 0; i < d.gof_size; ++i) {
      uint8_t picture = 0;
      if (!r.byte(&picture) || !r.skip((picture >> 2) & 0x03)) return false;
    }
  }
  return true;
}

} // namespace

std::optional<Vp9Descriptor> parse_vp9_descriptor(std::span<const uint8_t> p) noexcept {
  Reader r(p);
  uint8_t first = 0;
  if (!r.byte(&first)) return std::nullopt;
  Vp9Descriptor d;
  d.has_picture_id = (first & 0x80) != 0;
  d.inter_predicted = (first & 0x40) != 0;
  d.has_layers = (first & 0x20) != 0;
  d.flexible = (first & 0x10) != 0;
  d.start = (first & 0x08) != 0;
  d.end = (first & 0x04) != 0;
  const bool has_ss = (first & 0x02) != 0;
  d.not_reference = (first & 0x01) != 0;
  if (d.has_picture_id) { // M|PICTURE ID (7 bits) or M=1 and 15 bits
    uint8_t hi = 0;
    if (!r.byte(&hi)) return std::nullopt;
    d.long_picture_id = (hi & 0x80) != 0;
    d.picture_id = hi & 0x7F;
    if (d.long_picture_id) {
      uint8_t lo = 0;
      if (!r.byte(&lo)) return std::nullopt;
      d.picture_id = static_cast<uint16_t>((d.picture_id << 8) | lo);
    }
  }
  if (d.has_layers) { // TID (3) | U | SID (3) | D, then TL0PICIDX in non-flexible mode
    uint8_t layers = 0;
    if (!r.byte(&layers)) return std::nullopt;
    d.tid = static_cast<uint8_t>(layers >> 5);
    d.switching_up = (layers & 0x10) != 0;
    d.sid = static_cast<uint8_t>((layers >> 1) & 0x07);
    d.inter_layer = (layers & 0x01) != 0;
    if (!d.flexible) {
      if (!r.byte(&d.tl0)) return std::nullopt;
      d.has_tl0 = true;
    }
  }
  if (d.flexible && d.inter_predicted) { // P_DIFF (7) | N: another one follows, at most three
    bool more = true;
    while (more) {
      uint8_t diff = 0;
      if (d.p_diff_count == kVp9MaxPDiffs || !r.byte(&diff)) return std::nullopt;
      d.p_diffs[d.p_diff_count++] = static_cast<uint8_t>(diff >> 1);
      more = (diff & 0x01) != 0;
    }
  }
  if (has_ss && !parse_ss(r, d)) return std::nullopt;
  d.size = r.offset();
  return d;
}

void Vp9LayerFilter::reset() noexcept {
  have_picture_ = false;
  current_spatial_ = target_spatial_;
  current_temporal_ = target_temporal_;
}

void Vp9LayerFilter::start_picture(const Vp9Descriptor& d) noexcept {
  const bool key = d.keyframe_start();
  // Down at once (lower layers never reference higher ones); everything up at a key picture,
  // whose layer frames reference nothing before it.
  if (key || !have_picture_ || target_temporal_ < current_temporal_ || !d.has_layers) {
    current_temporal_ = target_temporal_;
  } else if (d.tid > current_temporal_ && d.tid <= target_temporal_ && d.switching_up) {
    current_temporal_ = d.tid; // a switching-up point: its layer can start here
  }
  if (key || !have_picture_ || target_spatial_ < current_spatial_) current_spatial_ = target_spatial_;
  have_picture_ = true;
  picture_id_ = d.picture_id;
  picture_accepted_ = d.tid <= current_temporal_;
  layer_accepted_ = 0;
}

Vp9LayerFilter::Decision Vp9LayerFilter::accept(const Vp9Descriptor& d, bool marker) noexcept {
  // A picture starts with its lowest layer frame's first packet; with a picture id, any packet
  // of a newer id starts one too (its first packets were lost).
  const bool new_picture =
      !have_picture_ || (d.has_picture_id ? newer_picture(d.picture_id, picture_id_) : d.start && d.sid == 0);
  if (new_picture) {
    start_picture(d);
  } else if (d.has_picture_id && d.picture_id != picture_id_) {
    // A late packet of an older picture: what passes now.
    const bool pass = d.tid <= current_temporal_ && d.sid <= current_spatial_;
    return {pass, pass && (marker || (d.end && d.sid == current_spatial_))};
  }
  if (!picture_accepted_) return {};
  if (d.start && d.sid > current_spatial_ && d.sid <= target_spatial_ && !d.inter_predicted) {
    // A spatial upswitch point: it references only the lower layer of this picture (when D),
    // which must have passed.
    const bool lower_passed = d.sid == 0 || (layer_accepted_ & (1u << (d.sid - 1))) != 0;
    if (!d.inter_layer || lower_passed) current_spatial_ = d.sid;
  }
  if (d.sid > current_spatial_) return {};
  layer_accepted_ = static_cast<uint8_t>(layer_accepted_ | (1u << d.sid));
  // The publisher marks the end of the picture (its top layer); the leg's picture ends with the
  // highest layer it gets.
  return {true, marker || (d.end && d.sid == current_spatial_)};
}

} // namespace plenum::media::router
