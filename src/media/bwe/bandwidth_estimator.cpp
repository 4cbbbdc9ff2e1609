#include "media/bwe/bandwidth_estimator.hpp"

#include <algorithm>

namespace plenum::media::bwe {
namespace {
constexpr int64_t kReferenceUnitUs = 64'000;
constexpr int64_t kClusterResultTimeoutMs = 2'000;
} // namespace

BandwidthEstimator::BandwidthEstimator(BweLimits limits) noexcept
    : limits_(limits), aimd_(limits), loss_(limits), probes_(limits), target_bps_(limits.initial_bps) {}

void BandwidthEstimator::on_packet_sent(uint16_t sequence, size_t size, int64_t now_ms,
                                        int32_t probe_cluster) noexcept {
  probes_.start(now_ms);
  if (probe_cluster == kNoProbeCluster && pacer_.active()) probe_cluster = pacer_.active_id();
  const auto bytes = static_cast<uint32_t>(std::min<size_t>(size, UINT32_MAX));
  const int64_t unwrapped = history_.add(sequence, now_ms, bytes, probe_cluster);
  if (probe_cluster != kNoProbeCluster && probe_cluster == pacer_.active_id()) {
    if (auto done = pacer_.on_sent(unwrapped, bytes, now_ms)) on_cluster_sent(*done);
  }
}

void BandwidthEstimator::on_cluster_sent(const SentCluster& cluster) noexcept {
  ++counters_.probe_clusters;
  auto* slot = std::min_element(awaiting_.begin(), awaiting_.end(), [](const auto& a, const auto& b) {
    // Free slots first, then the oldest.
    const bool a_free = a.id == kNoProbeCluster;
    const bool b_free = b.id == kNoProbeCluster;
    return a_free != b_free ? a_free : a.done_ms < b.done_ms;
  });
  if (slot->id != kNoProbeCluster) probes_.on_result(slot->id, std::nullopt, target_bps_, cluster.done_ms);
  *slot = cluster;
}

PaddingDue BandwidthEstimator::padding_bytes_due(int64_t now_ms) noexcept {
  if (auto expired = pacer_.expire(now_ms)) on_cluster_sent(*expired);
  probes_.process(target_bps_, now_ms);
  if (!pacer_.active() && probes_.started()) {
    if (auto next = probes_.next_cluster()) pacer_.start(*next, now_ms);
  }
  return PaddingDue{pacer_.padding_due(now_ms), pacer_.active_id()};
}

void BandwidthEstimator::set_desired_bps(int64_t bps, int64_t now_ms) noexcept {
  probes_.set_desired(bps, target_bps_, now_ms);
}

int64_t BandwidthEstimator::unwrap_reference(int32_t reference) noexcept {
  // 24-bit signed, in 64 ms units: wraps after ~12 days; unwrap relative to the last one.
  if (!have_reference_) {
    have_reference_ = true;
    reference_ = reference;
    return reference_;
  }
  int64_t delta = (static_cast<int64_t>(reference) - reference_) & 0xFFFFFF;
  if (delta >= 0x800000) delta -= 0x1000000;
  reference_ += delta;
  return reference_;
}

void BandwidthEstimator::on_transport_feedback(const TransportCc& feedback, int64_t now_ms) noexcept {
  ++counters_.feedback_received;
  if (feedback.status_count() == 0 || feedback.status_count() > kMaxFeedbackPackets || history_.empty()) {
    ++counters_.feedback_malformed;
    return;
  }
  const auto count = feedback.decode(std::span(decoded_).first(feedback.status_count()));
  if (!count) {
    ++counters_.feedback_malformed;
    return;
  }
  last_feedback_ms_ = now_ms;
  const int64_t base = history_.unwrap(feedback.base_sequence());
  int64_t arrival_us = unwrap_reference(feedback.reference_time()) * kReferenceUnitUs;
  size_t received = 0;
  size_t lost = 0;
  int64_t min_rtt = -1;
  for (size_t i = 0; i < *count; ++i) {
    const TwccPacket& p = decoded_[i];
    const bool arrived = p.status == TwccStatus::small_delta || p.status == TwccStatus::large_delta;
    if (arrived) arrival_us += p.delta_us;
    SentPacket* sent = history_.find(base + static_cast<int64_t>(i));
    if (sent == nullptr) {
      ++counters_.packets_unknown;
      continue;
    }
    if (!arrived) {
      // Counted once: a later feedback may report it again (or report it received after all).
      if (!sent->acked && !sent->reported_lost) ++lost;
      sent->reported_lost = true;
      continue;
    }
    if (sent->acked) continue; // reported twice
    sent->acked = true;
    ++received;
    acked_.on_packet(arrival_us, sent->size);
    if (auto delta = inter_arrival_.on_packet(sent->send_ms * 1000, arrival_us))
      trendline_.update(delta->send_delta_ms, delta->arrival_delta_ms, delta->arrival_us);
    if (sent->is_probe())
      probe_bitrate_.on_packet(sent->probe_cluster, sent->send_ms, arrival_us, sent->size);
    const int64_t rtt = now_ms - sent->send_ms;
    if (rtt >= 0 && (min_rtt < 0 || rtt < min_rtt)) min_rtt = rtt;
  }
  counters_.packets_acked += received;
  counters_.packets_lost += lost;
  if (min_rtt >= 0) rtt_ms_ = (7 * rtt_ms_ + min_rtt) / 8;

  loss_.on_feedback(received, lost, acked_.bitrate_bps(), target_bps_, rtt_ms_, now_ms);
  aimd_.update(trendline_.state(), acked_.bitrate_bps(), rtt_ms_, now_ms, acked_.recent_bps());
  finish_clusters(base + static_cast<int64_t>(*count) - 1, now_ms);
  update_target(now_ms);
}

void BandwidthEstimator::finish_clusters(int64_t highest_reported, int64_t now_ms) noexcept {
  for (auto& c : awaiting_) {
    if (c.id == kNoProbeCluster) continue;
    const bool reported = c.last_sequence >= 0 && c.last_sequence <= highest_reported;
    if (!reported && now_ms - c.done_ms < kClusterResultTimeoutMs) continue;
    const auto bps = probe_bitrate_.take(c.id, c.packets);
    if (bps) {
      ++counters_.probe_results;
      if (*bps > aimd_.estimate()) aimd_.set_estimate(*bps, now_ms);
      loss_.on_probe(*bps);
      update_target(now_ms);
    }
    probes_.on_result(c.id, bps, target_bps_, now_ms);
    c = SentCluster{};
  }
}

void BandwidthEstimator::update_target(int64_t now_ms) noexcept {
  target_bps_ = std::clamp(std::min(aimd_.estimate(), loss_.bound_bps()), limits_.min_bps, limits_.max_bps);
  probes_.on_estimate(target_bps_, now_ms);
}

void BandwidthEstimator::on_remb(uint64_t bps, int64_t now_ms) noexcept {
  ++counters_.remb_received;
  if (last_feedback_ms_ >= 0 && now_ms - last_feedback_ms_ < kFeedbackTimeoutMs) return;
  const auto value = static_cast<int64_t>(std::min<uint64_t>(bps, static_cast<uint64_t>(limits_.max_bps)));
  aimd_.set_estimate(value, now_ms);
  target_bps_ = std::clamp(value, limits_.min_bps, limits_.max_bps);
  probes_.on_estimate(target_bps_, now_ms);
}

} // namespace plenum::media::bwe
