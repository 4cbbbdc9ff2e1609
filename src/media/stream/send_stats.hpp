#pragma once
// Sender statistics of one outgoing SSRC: the sender info of our SRs (RFC 3550 section 6.4.1)
// and the round-trip time measured from the report blocks subscribers send back.
//
// The SR's RTP timestamp must correspond to the same instant as its NTP timestamp (section
// 6.4.1), not to the last packet sent: it is the last sent packet's timestamp extrapolated by
// the wall time since then at the stream's clock rate. RTT (section 6.4.1, "round-trip
// propagation delay") = A - LSR - DLSR in 1/65536 s, where A is the compact NTP time at which
// the report block arrived.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/rtcp.hpp"

namespace plenum::media::stream {

class SendStats {
 public:
  explicit SendStats(uint32_t clock_rate) noexcept : clock_rate_(clock_rate) {}

  // Every RTP packet sent (not RTX retransmissions, which count on the RTX stream's SSRC).
  // `payload_bytes` excludes header and padding (section 6.4.1, sender's octet count).
  void on_packet_sent(uint32_t rtp_timestamp, size_t payload_bytes, int64_t now_ms) noexcept;

  // Sender info for an SR at `now_ms`, which corresponds to the NTP time `ntp_now`.
  SenderInfo sender_info(int64_t now_ms, uint64_t ntp_now) const noexcept;

  // A report block about this SSRC arrived at NTP time `ntp_now`. Returns the RTT in ms when the
  // block carries an LSR (a receiver that has not seen our SR yet sends 0).
  std::optional<int64_t> on_report_block(const ReportBlock& block, uint64_t ntp_now) noexcept;

  bool has_sent() const noexcept { return sent_any_; }
  uint32_t packets() const noexcept { return packets_; }
  uint32_t octets() const noexcept { return octets_; }
  std::optional<int64_t> rtt_ms() const noexcept { return rtt_ms_; }
  // Loss as reported by the most recent block: fraction (x/256) and cumulative.
  uint8_t fraction_lost() const noexcept { return fraction_lost_; }
  int32_t cumulative_lost() const noexcept { return cumulative_lost_; }

 private:
  uint32_t clock_rate_ = 0;
  bool sent_any_ = false;
  uint32_t packets_ = 0; // both wrap modulo 2^32 like the SR fields
  uint32_t octets_ = 0;
  uint32_t last_rtp_timestamp_ = 0;
  int64_t last_sent_ms_ = 0;
  std::optional<int64_t> rtt_ms_;
  uint8_t fraction_lost_ = 0;
  int32_t cumulative_lost_ = 0;
};

} // namespace plenum::media::stream
