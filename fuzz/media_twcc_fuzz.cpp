// Transport-wide CC feedback comes from every subscriber's browser: untrusted. Every compound
// goes through the parser and into a BandwidthEstimator that sent the packets the feedback
// names; the estimate must stay within its limits, and every feedback that decodes must come
// out of our builder with the same statuses and deltas.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "media/bwe/bandwidth_estimator.hpp"
#include "media/rtcp.hpp"

namespace {

using namespace plenum::media;

void check_round_trip(const TransportCc& tcc) {
  std::vector<TwccPacket> decoded(tcc.status_count());
  const auto n = tcc.decode(decoded);
  if (!n || *n == 0) return;
  std::vector<uint8_t> out(24 + 4 * decoded.size() + 4);
  const auto size = build_transport_cc(out, 1, 2, tcc.base_sequence(), tcc.reference_time(),
                                       tcc.feedback_count(), std::span(decoded).first(*n));
  if (!size) __builtin_trap(); // everything the parser accepts, the builder can write
  const std::span<const uint8_t> built(out.data(), *size);
  RtcpReader reader(built);
  auto packet = reader.next();
  if (!packet) __builtin_trap();
  auto fb = RtcpFeedback::parse(*packet);
  if (!fb) __builtin_trap();
  auto again = TransportCc::parse(*fb);
  if (!again || again->base_sequence() != tcc.base_sequence() ||
      again->status_count() != tcc.status_count() || again->reference_time() != tcc.reference_time())
    __builtin_trap();
  std::vector<TwccPacket> redecoded(again->status_count());
  if (again->decode(redecoded) != n) __builtin_trap();
  for (size_t i = 0; i < *n; ++i) {
    if (redecoded[i].status != decoded[i].status || redecoded[i].delta_us != decoded[i].delta_us)
      __builtin_trap();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto estimator = std::make_unique<bwe::BandwidthEstimator>();
  int64_t now_ms = 1'000;
  const std::span<const uint8_t> input(data, size);
  RtcpReader reader(input);
  while (auto packet = reader.next()) {
    auto fb = RtcpFeedback::parse(*packet);
    if (!fb) continue;
    auto tcc = TransportCc::parse(*fb);
    if (!tcc) continue;
    // Send what the feedback reports on (some of it as probe padding), then feed it back.
    const size_t count = std::min<size_t>(tcc->status_count(), bwe::SendHistory::kCapacity);
    for (size_t i = 0; i < count; ++i) {
      if (i % 8 == 0) now_ms += 3;
      const auto padding = estimator->padding_bytes_due(now_ms);
      estimator->on_packet_sent(static_cast<uint16_t>(tcc->base_sequence() + i), 200 + (i * 37) % 1'000,
                                now_ms, padding.bytes > 0 ? padding.cluster : bwe::kNoProbeCluster);
    }
    now_ms += 50;
    estimator->on_transport_feedback(*tcc, now_ms);
    const int64_t target = estimator->target_bps();
    if (target < estimator->limits().min_bps || target > estimator->limits().max_bps) __builtin_trap();
    check_round_trip(*tcc);
  }
  return 0;
}
