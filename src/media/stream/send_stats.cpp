#include "media/stream/send_stats.hpp"

#include "media/stream/ntp.hpp"

namespace plenum::media::stream {

void SendStats::on_packet_sent(uint32_t rtp_timestamp, size_t payload_bytes, int64_t now_ms) noexcept {
  sent_any_ = true;
  ++packets_;
  octets_ += static_cast<uint32_t>(payload_bytes);
  last_rtp_timestamp_ = rtp_timestamp;
  last_sent_ms_ = now_ms;
}

SenderInfo SendStats::sender_info(int64_t now_ms, uint64_t ntp_now) const noexcept {
  SenderInfo info;
  info.ntp_timestamp = ntp_now;
  // Elapsed ticks modulo 2^32, like the timestamp itself.
  const int64_t ticks = (now_ms - last_sent_ms_) * int64_t{clock_rate_} / 1000;
  info.rtp_timestamp = last_rtp_timestamp_ + static_cast<uint32_t>(ticks);
  info.packet_count = packets_;
  info.octet_count = octets_;
  return info;
}

std::optional<int64_t> SendStats::on_report_block(const ReportBlock& block, uint64_t ntp_now) noexcept {
  fraction_lost_ = block.fraction_lost;
  cumulative_lost_ = block.cumulative_lost;
  if (block.last_sr == 0) return std::nullopt;
  // Modulo 2^32 as in the RFC; a negative result (clock skew, bogus DLSR) counts as 0.
  const auto rtt = static_cast<int32_t>(compact_ntp(ntp_now) - block.last_sr - block.delay_since_last_sr);
  rtt_ms_ = rtt < 0 ? 0 : compact_ntp_to_ms(static_cast<uint32_t>(rtt));
  return rtt_ms_;
}

} // namespace plenum::media::stream
