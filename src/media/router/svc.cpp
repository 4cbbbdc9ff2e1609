#include "media/router/svc.hpp"

#include <algorithm>

namespace plenum::media::router {

std::optional<SvcPacket> SvcStream::read(VideoCodec codec, std::span<const uint8_t> payload,
                                         std::optional<std::span<const uint8_t>> dd) noexcept {
  SvcPacket p;
  // VP8's layers stay with its own filter (it rewrites picture ids, which the descriptor's frame
  // numbers would not follow).
  if (dd && codec != VideoCodec::vp8) p.dd = parse_dependency_descriptor(*dd, structure_);
  if (codec == VideoCodec::vp9) p.vp9 = parse_vp9_descriptor(payload);
  if (!p.dd && !p.vp9) return std::nullopt;
  return p;
}

std::optional<SvcPacket> SvcStream::on_packet(VideoCodec codec, std::span<const uint8_t> payload,
                                              std::optional<std::span<const uint8_t>> dd,
                                              size_t bytes) noexcept {
  auto p = read(codec, payload, dd);
  if (!p) return p;
  if (p->dd && structure_) {
    spatial_layers_ = std::min<size_t>(structure_->spatial_layers, kSvcMaxSpatialLayers);
    if (structure_->has_resolutions) {
      for (size_t i = 0; i < spatial_layers_; ++i) {
        widths_[i] = structure_->widths[i];
        heights_[i] = structure_->heights[i];
      }
    }
  } else if (p->vp9) {
    const auto& d = *p->vp9;
    if (d.has_ss) {
      spatial_layers_ = std::min<size_t>(d.spatial_layers, kSvcMaxSpatialLayers);
      for (size_t i = 0; i < spatial_layers_; ++i) {
        widths_[i] = d.has_resolutions ? d.widths[i] : 0;
        heights_[i] = d.has_resolutions ? d.heights[i] : 0;
      }
    } else {
      spatial_layers_ = std::max(spatial_layers_, std::min<size_t>(d.sid + 1u, kSvcMaxSpatialLayers));
    }
  }
  const size_t spatial = std::min<size_t>(p->spatial(), kSvcMaxSpatialLayers - 1);
  temporal_ = temporal_ || p->temporal() > 0;
  window_bytes_[spatial] += bytes;
  if (spatial == 0 && p->temporal() == 0) window_base_bytes_ += bytes;
  return p;
}

void SvcStream::measure(int64_t elapsed_ms) noexcept {
  if (elapsed_ms <= 0) return;
  const auto elapsed = static_cast<uint64_t>(elapsed_ms);
  // As the router measures streams: a layer that is not sent keeps its last rate; the recent
  // peak decays 10 % per window.
  for (size_t i = 0; i < kSvcMaxSpatialLayers; ++i) {
    if (window_bytes_[i] > 0) {
      bitrate_[i] = window_bytes_[i] * 8 * 1000 / elapsed;
      peak_[i] = std::max(peak_[i] * 9 / 10, bitrate_[i]);
    }
    window_bytes_[i] = 0;
  }
  if (window_base_bytes_ > 0 || window_bytes_[0] > 0) base_bitrate_ = window_base_bytes_ * 8 * 1000 / elapsed;
  window_base_bytes_ = 0;
}

void SvcStream::append_layer_states(bool active, std::vector<LayerState>& out) const {
  uint64_t cumulative = 0;
  for (size_t i = 0; i < spatial_layers_; ++i) {
    const uint64_t own = std::max(bitrate_[i], peak_[i]);
    // Not measured yet: 0, and the allocation estimates the layer from its size.
    cumulative = own == 0 ? 0 : cumulative + own;
    out.push_back(
        LayerState{active, widths_[i], heights_[i], cumulative, i == 0 && temporal_ ? base_bitrate_ : 0});
  }
}

void SvcLeg::set_target(uint8_t spatial, uint8_t temporal) noexcept {
  spatial_ = spatial;
  temporal_ = temporal;
  auto vp9 = [](uint8_t v) { return std::min(v, Vp9LayerFilter::kAllLayers); };
  vp9_.set_target(vp9(spatial), vp9(temporal));
  dd_.set_target(spatial, temporal);
}

void SvcLeg::reset() noexcept {
  vp9_.reset();
  dd_.reset();
}

SvcLeg::Decision SvcLeg::accept(const SvcPacket& packet, const SvcStream& stream, bool marker) noexcept {
  if (packet.dd && stream.structure()) {
    const auto d = dd_.accept(*packet.dd, *stream.structure(), marker);
    return {d.forward, d.marker};
  }
  if (packet.vp9) {
    const auto d = vp9_.accept(*packet.vp9, marker);
    return {d.forward, d.marker};
  }
  return {true, marker};
}

} // namespace plenum::media::router
