#include "media/bwe/transport_cc_generator.hpp"

#include <algorithm>

#include "media/stream/seq_unwrap.hpp"

namespace plenum::media::bwe {
namespace {
constexpr int64_t kFirstCycle = int64_t{1} << 20;
constexpr int64_t kTickUs = 250;         // receive delta unit
constexpr int64_t kReferenceUs = 64'000; // reference time unit
constexpr int64_t kTicksPerReference = kReferenceUs / kTickUs;
} // namespace

void TransportCcGenerator::clear() noexcept { arrival_us_.fill(-1); }

void TransportCcGenerator::on_packet(uint16_t sequence, int64_t arrival_us) noexcept {
  if (arrival_us < 0) return;
  if (!started_) {
    clear();
    started_ = true;
    next_ = kFirstCycle + sequence;
    highest_ = next_;
    arrival_us_[static_cast<size_t>(next_) % kCapacity] = arrival_us;
    ++recorded_;
    return;
  }
  const int64_t seq = stream::unwrap_seq(sequence, highest_);
  if (seq < next_) return; // already reported (late or duplicate)
  if (seq - next_ >= static_cast<int64_t>(kCapacity)) {
    // A jump past the window: what was not reported yet is given up.
    clear();
    next_ = seq;
    highest_ = seq;
  }
  arrival_us_[static_cast<size_t>(seq) % kCapacity] = arrival_us;
  highest_ = std::max(highest_, seq);
  ++recorded_;
}

bool TransportCcGenerator::due(int64_t now_ms) const noexcept {
  return started_ && highest_ >= next_ && (last_build_ms_ < 0 || now_ms - last_build_ms_ >= kIntervalMs);
}

std::optional<size_t> TransportCcGenerator::build(std::span<uint8_t> out, uint32_t sender_ssrc,
                                                  uint32_t media_ssrc, int64_t now_ms) noexcept {
  if (!started_ || highest_ < next_) return std::nullopt;
  size_t count = std::min<size_t>(static_cast<size_t>(highest_ - next_ + 1), kMaxPacketsPerFeedback);
  int64_t first_arrival = -1;
  for (size_t i = 0; i < count && first_arrival < 0; ++i)
    first_arrival = arrival_us_[static_cast<size_t>(next_ + static_cast<int64_t>(i)) % kCapacity];
  if (first_arrival < 0) return std::nullopt; // cannot happen: highest_ was received
  const int64_t reference = first_arrival / kReferenceUs;
  int64_t previous_ticks = reference * kTicksPerReference;
  for (size_t i = 0; i < count; ++i) {
    const int64_t arrival = arrival_us_[static_cast<size_t>(next_ + static_cast<int64_t>(i)) % kCapacity];
    if (arrival < 0) {
      scratch_[i] = TwccPacket{0, TwccStatus::not_received, 0};
      continue;
    }
    const int64_t ticks = (arrival + kTickUs / 2) / kTickUs;
    const int64_t delta = ticks - previous_ticks;
    if (delta < -0x8000 || delta > 0x7FFF) {
      count = i; // the rest goes into the next feedback, with its own reference time
      break;
    }
    const TwccStatus status = delta >= 0 && delta <= 0xFF ? TwccStatus::small_delta : TwccStatus::large_delta;
    scratch_[i] = TwccPacket{0, status, static_cast<int32_t>(delta * kTickUs)};
    previous_ticks = ticks;
  }
  int32_t reference24 = static_cast<int32_t>(reference & 0xFFFFFF);
  if (reference24 & 0x800000) reference24 -= 0x1000000;
  const auto size = build_transport_cc(out, sender_ssrc, media_ssrc, static_cast<uint16_t>(next_),
                                       reference24, feedback_count_, std::span(scratch_).first(count));
  if (!size) return std::nullopt;
  ++feedback_count_;
  for (size_t i = 0; i < count; ++i)
    arrival_us_[static_cast<size_t>(next_ + static_cast<int64_t>(i)) % kCapacity] = -1;
  next_ += static_cast<int64_t>(count);
  last_build_ms_ = now_ms;
  return size;
}

} // namespace plenum::media::bwe
