#include "media/router/dependency_descriptor.hpp"

#include <algorithm>

namespace plenum::media::router {

namespace {

// f(n) and ns(n) of the AV1 RTP specification, section A.8.1 (most significant bit first), with
// a sticky failure when the data ends.
class BitReader {
 public:
  explicit BitReader(std::span<const uint8_t> data) noexcept : data_(data) {}

  uint32_t f(size_t bits) noexcept {
    uint32_t value = 0;
    for (size_t i = 0; i < bits; ++i) {
      if (position_ >= data_.size() * 8) {
        failed_ = true;
        return 0;
      }
      const uint8_t byte = data_[position_ / 8];
      value = (value << 1) | ((byte >> (7 - position_ % 8)) & 1u);
      ++position_;
    }
    return value;
  }

  // Non-symmetric unsigned encoding of a value in [0, n).
  uint32_t ns(uint32_t n) noexcept {
    size_t w = 0;
    for (uint32_t x = n; x != 0; x >>= 1) ++w;
    if (w == 0) return 0;
    const uint32_t m = (1u << w) - n;
    const uint32_t v = f(w - 1);
    if (v < m) return v;
    const uint32_t extra_bit = f(1);
    return (v << 1) - m + extra_bit;
  }

  bool failed() const noexcept { return failed_; }

 private:
  std::span<const uint8_t> data_;
  size_t position_ = 0;
  bool failed_ = false;
};

// template_layers() (A.8.3.1): next_layer_idc 0 same layer, 1 next temporal, 2 next spatial, 3 end.
bool read_template_layers(BitReader& r, DdStructure& s) noexcept {
  uint8_t spatial = 0;
  uint8_t temporal = 0;
  uint32_t next_layer_idc = 0;
  do {
    if (s.templates == kDdMaxTemplates) return false;
    s.template_spatial[s.templates] = spatial;
    s.template_temporal[s.templates] = temporal;
    ++s.templates;
    next_layer_idc = r.f(2);
    if (next_layer_idc == 1) {
      ++temporal;
    } else if (next_layer_idc == 2) {
      temporal = 0;
      ++spatial;
      if (spatial >= kDdMaxSpatialLayers) return false;
    }
  } while (next_layer_idc != 3 && !r.failed());
  s.spatial_layers = static_cast<uint8_t>(spatial + 1);
  return !r.failed();
}

// template_dependency_structure() (A.8.3.1).
bool read_structure(BitReader& r, DdStructure& s) noexcept {
  s.template_id_offset = static_cast<uint8_t>(r.f(6));
  s.decode_targets = static_cast<uint8_t>(r.f(5) + 1);
  if (!read_template_layers(r, s)) return false;
  for (size_t t = 0; t < s.templates; ++t) // template_dtis()
    for (size_t dt = 0; dt < s.decode_targets; ++dt) s.template_dtis[t][dt] = static_cast<Dti>(r.f(2));
  for (size_t t = 0; t < s.templates && !r.failed(); ++t) // template_fdiffs(): not needed, skipped
    while (r.f(1) != 0 && !r.failed()) r.f(4);
  s.chains = static_cast<uint8_t>(r.ns(s.decode_targets + 1u)); // template_chains(): chain_cnt <= DtCnt
  if (s.chains > 0) {
    for (size_t dt = 0; dt < s.decode_targets; ++dt)
      s.protected_by[dt] = static_cast<uint8_t>(r.ns(s.chains));
    for (size_t t = 0; t < s.templates; ++t)
      for (size_t c = 0; c < s.chains; ++c) s.template_chain_fdiffs[t][c] = static_cast<uint8_t>(r.f(4));
  }
  for (size_t dt = 0; dt < s.decode_targets; ++dt) { // decode_target_layers(): derived, no bits
    uint8_t spatial = 0;
    uint8_t temporal = 0;
    for (size_t t = 0; t < s.templates; ++t) {
      if (s.template_dtis[t][dt] == Dti::not_present) continue;
      spatial = std::max(spatial, s.template_spatial[t]);
      temporal = std::max(temporal, s.template_temporal[t]);
    }
    s.target_spatial[dt] = spatial;
    s.target_temporal[dt] = temporal;
  }
  s.has_resolutions = r.f(1) != 0;
  if (s.has_resolutions) { // render_resolutions()
    for (size_t sid = 0; sid < s.spatial_layers; ++sid) {
      s.widths[sid] = static_cast<uint16_t>(r.f(16) + 1);
      s.heights[sid] = static_cast<uint16_t>(r.f(16) + 1);
    }
  }
  return !r.failed();
}

} // namespace

std::optional<DependencyDescriptor> parse_dependency_descriptor(
    std::span<const uint8_t> data, std::optional<DdStructure>& structure) noexcept {
  // A.8.2: mandatory_descriptor_fields() are three bytes.
  if (data.size() < 3) return std::nullopt;
  BitReader r(data);
  DependencyDescriptor d;
  d.start_of_frame = r.f(1) != 0;
  d.end_of_frame = r.f(1) != 0;
  d.template_id = static_cast<uint8_t>(r.f(6));
  d.frame_number = static_cast<uint16_t>(r.f(16));
  bool custom_dtis = false;
  bool custom_chains = false;
  std::optional<DdStructure> carried;
  if (data.size() > 3) { // extended_descriptor_fields()
    const bool structure_present = r.f(1) != 0;
    d.has_active_decode_targets = r.f(1) != 0;
    custom_dtis = r.f(1) != 0;
    const bool custom_fdiffs = r.f(1) != 0;
    custom_chains = r.f(1) != 0;
    if (structure_present) {
      carried.emplace();
      if (!read_structure(r, *carried)) return std::nullopt;
      d.has_structure = true;
      d.active_decode_targets =
          carried->decode_targets == 32 ? 0xFFFFFFFF : (1u << carried->decode_targets) - 1;
    }
    const DdStructure* s = carried ? &*carried : structure ? &*structure : nullptr;
    if (s == nullptr) return std::nullopt; // nothing to read the rest against
    if (d.has_active_decode_targets) d.active_decode_targets = r.f(s->decode_targets);
    // frame_dependency_definition() (A.8.2): the custom parts; the template's below.
    if (custom_dtis) // frame_dtis()
      for (size_t dt = 0; dt < s->decode_targets; ++dt) d.dtis[dt] = static_cast<Dti>(r.f(2));
    if (custom_fdiffs) { // frame_fdiffs(): skipped
      for (uint32_t size = r.f(2); size != 0 && !r.failed(); size = r.f(2)) r.f(size_t{4} * size);
    }
    if (custom_chains) // frame_chains()
      for (size_t c = 0; c < s->chains; ++c) d.chain_fdiffs[c] = static_cast<uint8_t>(r.f(8));
    if (r.failed()) return std::nullopt;
  }
  const DdStructure* s = carried ? &*carried : structure ? &*structure : nullptr;
  if (s == nullptr) return std::nullopt; // only the mandatory fields, and nothing to read them by
  const size_t index = (d.template_id + 64u - s->template_id_offset) % 64u;
  if (index >= s->templates) return std::nullopt;
  d.spatial_id = s->template_spatial[index];
  d.temporal_id = s->template_temporal[index];
  d.decode_targets = s->decode_targets;
  if (!custom_dtis) d.dtis = s->template_dtis[index];
  if (!custom_chains) d.chain_fdiffs = s->template_chain_fdiffs[index];
  if (carried) structure = *carried;
  return d;
}

int DdLayerFilter::wanted(const DependencyDescriptor& d, const DdStructure& s) const noexcept {
  int best = -1;
  for (size_t dt = 0; dt < d.decode_targets; ++dt) {
    if ((active_ & (1u << dt)) == 0 || s.target_spatial[dt] > target_spatial_ ||
        s.target_temporal[dt] > target_temporal_)
      continue;
    const auto b = static_cast<size_t>(best);
    if (best < 0 || s.target_spatial[dt] > s.target_spatial[b] ||
        (s.target_spatial[dt] == s.target_spatial[b] && s.target_temporal[dt] > s.target_temporal[b]))
      best = static_cast<int>(dt);
  }
  if (best < 0) { // nothing within the limits: the lowest target
    for (size_t dt = 0; dt < d.decode_targets; ++dt) {
      const auto b = static_cast<size_t>(best);
      if ((active_ & (1u << dt)) != 0 &&
          (best < 0 || s.target_spatial[dt] < s.target_spatial[b] ||
           (s.target_spatial[dt] == s.target_spatial[b] && s.target_temporal[dt] < s.target_temporal[b])))
        best = static_cast<int>(dt);
    }
  }
  return best;
}

DdLayerFilter::Decision DdLayerFilter::accept(const DependencyDescriptor& d, const DdStructure& s,
                                              bool marker) noexcept {
  if (d.has_structure || d.has_active_decode_targets) active_ = d.active_decode_targets;
  // A newer frame number (16-bit serial arithmetic) or a key frame's structure starts a frame; an
  // older one is a late packet (a retransmission from the publisher): decided by the current
  // target, without changing it.
  const auto ahead = static_cast<uint16_t>(d.frame_number - frame_number_);
  const bool new_frame = !have_frame_ || d.has_structure || (ahead != 0 && ahead < 0x8000);
  if (!new_frame && ahead != 0) {
    const bool pass = current_ >= 0 && current_ < d.decode_targets &&
                      d.dtis[static_cast<size_t>(current_)] != Dti::not_present;
    const bool top = pass && d.spatial_id == s.target_spatial[static_cast<size_t>(current_)];
    return {pass, pass && (marker || (d.end_of_frame && top))};
  }
  if (new_frame) {
    const int want = wanted(d, s);
    if (d.has_structure || current_ < 0 || current_ >= d.decode_targets || want < 0 ||
        (active_ & (1u << current_)) == 0) {
      current_ = want; // the first frame (a key frame: the router starts legs there) or a reset
    } else if (want != current_) {
      const auto w = static_cast<size_t>(want);
      const auto c = static_cast<size_t>(current_);
      const bool lower =
          s.target_spatial[w] <= s.target_spatial[c] && s.target_temporal[w] <= s.target_temporal[c];
      // Down at once; up where the frame is a switch point for the wanted target and the leg has
      // the previous frame of the chain protecting it (else this frame references a frame the leg
      // never got).
      const uint8_t diff = s.chains > 0 ? d.chain_fdiffs[s.protected_by[w]] : 0;
      const bool chain_intact = diff == 0 || was_forwarded(static_cast<uint16_t>(d.frame_number - diff));
      if (lower || (d.dtis[w] == Dti::switch_point && chain_intact)) current_ = want;
    }
    below_target_ = want != current_;
    have_frame_ = true;
    frame_number_ = d.frame_number;
    frame_accepted_ = current_ >= 0 && d.dtis[static_cast<size_t>(current_)] != Dti::not_present;
  }
  if (!frame_accepted_) return {};
  forwarded_[d.frame_number % forwarded_.size()] = d.frame_number + 1u;
  // The leg's temporal unit ends with its highest spatial layer's frame.
  const bool top = current_ >= 0 && d.spatial_id == s.target_spatial[static_cast<size_t>(current_)];
  return {true, marker || (d.end_of_frame && top)};
}

} // namespace plenum::media::router
