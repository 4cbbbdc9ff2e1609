#include "media/stream/receive_stats.hpp"

#include <algorithm>
#include <cstdlib>

#include "media/stream/ntp.hpp"

namespace plenum::media::stream {
namespace {

constexpr uint32_t kSeqMod = 65536;
constexpr int64_t kMaxCumulativeLost = 0x7FFFFF; // 24-bit signed field
constexpr int64_t kMinCumulativeLost = -0x800000;

} // namespace

ReceiveStats::ReceiveStats(uint32_t ssrc, uint32_t clock_rate, uint32_t min_sequential) noexcept
    : ssrc_(ssrc), clock_rate_(clock_rate), min_sequential_(std::max<uint32_t>(min_sequential, 1)) {}

bool ReceiveStats::on_packet(uint16_t seq, uint32_t rtp_timestamp, int64_t now_ms) noexcept {
  if (!heard_) {
    heard_ = true;
    init_sequence(seq);
    max_seq_ = static_cast<uint16_t>(seq - 1);
    probation_ = min_sequential_;
  }
  const uint32_t highest_before = extended_highest();
  if (!update_sequence(seq)) return false;
  if (extended_highest() != highest_before) update_jitter(rtp_timestamp, now_ms);
  return true;
}

void ReceiveStats::on_sender_report(uint64_t ntp_timestamp, int64_t now_ms) noexcept {
  have_sr_ = true;
  last_sr_ = compact_ntp(ntp_timestamp);
  last_sr_ms_ = now_ms;
}

std::optional<ReportBlock> ReceiveStats::report_block(int64_t now_ms) noexcept {
  if (!valid()) return std::nullopt;
  const int64_t expected_now = expected();
  const int64_t expected_interval = expected_now - expected_prior_;
  const int64_t received_interval = int64_t{received_} - received_prior_;
  expected_prior_ = expected_now;
  received_prior_ = received_;
  const int64_t lost_interval = expected_interval - received_interval;

  ReportBlock block;
  block.ssrc = ssrc_;
  if (expected_interval > 0 && lost_interval > 0) {
    block.fraction_lost =
        static_cast<uint8_t>(std::min<int64_t>(255, (lost_interval << 8) / expected_interval));
  }
  block.cumulative_lost =
      static_cast<int32_t>(std::clamp(cumulative_lost(), kMinCumulativeLost, kMaxCumulativeLost));
  block.highest_sequence = extended_highest();
  block.jitter = jitter();
  if (have_sr_) {
    block.last_sr = last_sr_;
    block.delay_since_last_sr = ms_to_compact_ntp(std::max<int64_t>(0, now_ms - last_sr_ms_));
  }
  return block;
}

int64_t ReceiveStats::expected() const noexcept {
  if (!valid()) return 0;
  return int64_t{extended_highest()} - base_seq_ + 1;
}

void ReceiveStats::init_sequence(uint16_t seq) noexcept {
  base_seq_ = seq;
  max_seq_ = seq;
  bad_seq_ = kSeqMod + 1; // matches no 16-bit number
  cycles_ = 0;
  received_ = 0;
  received_prior_ = 0;
  expected_prior_ = 0;
  have_transit_ = false;
}

// RFC 3550 appendix A.1.
bool ReceiveStats::update_sequence(uint16_t seq) noexcept {
  const auto delta = static_cast<uint16_t>(seq - max_seq_);
  if (probation_ > 0) {
    if (seq == static_cast<uint16_t>(max_seq_ + 1)) {
      --probation_;
      max_seq_ = seq;
      if (probation_ == 0) {
        init_sequence(seq);
        ++received_;
        return true;
      }
    } else {
      probation_ = min_sequential_ - 1;
      max_seq_ = seq;
    }
    return false;
  }
  if (delta < kMaxDropout) {
    if (seq < max_seq_) cycles_ += kSeqMod; // wrapped
    max_seq_ = seq;
  } else if (delta <= kSeqMod - kMaxMisorder) {
    // A large jump: believe it only if the next packet follows it.
    if (seq != bad_seq_) {
      bad_seq_ = (uint32_t{seq} + 1) & (kSeqMod - 1);
      return false;
    }
    init_sequence(seq);
  }
  // else: a duplicate or a packet reordered by at most kMaxMisorder; counted (A.3).
  ++received_;
  return true;
}

// RFC 3550 appendix A.8, in 1/16 clock units as there: J += (|D| - J) / 16.
void ReceiveStats::update_jitter(uint32_t rtp_timestamp, int64_t now_ms) noexcept {
  const auto arrival = static_cast<uint32_t>(now_ms * int64_t{clock_rate_} / 1000);
  const auto transit = static_cast<int32_t>(arrival - rtp_timestamp);
  if (have_transit_) {
    // Transit times are modulo 2^32 like the timestamps: subtract in that ring.
    const auto step = static_cast<int32_t>(static_cast<uint32_t>(transit) - static_cast<uint32_t>(transit_));
    const int64_t d = std::abs(int64_t{step});
    if (d < int64_t{clock_rate_} * kMaxJitterStepS) {
      jitter_q4_ = static_cast<uint32_t>(int64_t{jitter_q4_} + d - ((int64_t{jitter_q4_} + 8) >> 4));
    }
  }
  transit_ = transit;
  have_transit_ = true;
}

} // namespace plenum::media::stream
