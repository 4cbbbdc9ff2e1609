#pragma once
// Reception statistics of one incoming SSRC as RFC 3550 defines them, for the report blocks of
// our RR/SR (section 6.4.1):
// - sequence validation (appendix A.1): a new source is valid after kMinSequential packets in
//   sequence (probation); jumps of up to kMaxDropout ahead count as loss, up to kMaxMisorder
//   behind as reordering or duplicates; a larger jump is believed only when the next packet
//   continues from it (the sender restarted), which resets the counts;
// - expected and lost packets (appendix A.3): cumulative lost = expected - received, duplicates
//   included, so it can be negative; fraction lost over the interval since the previous
//   report_block();
// - interarrival jitter (appendix A.8), from arrival times converted to RTP clock units and the
//   packets' RTP timestamps, updated by packets that advance the sequence (a retransmission or
//   a reordered packet would count its delay as jitter);
// - LSR/DLSR from the last SR received (section 6.4.1).
// No allocation, no clock: arrival times are passed in.

#include <cstdint>
#include <optional>

#include "media/rtcp.hpp"

namespace plenum::media::stream {

inline constexpr uint32_t kMinSequential = 2; // RFC 3550 A.1 MIN_SEQUENTIAL
inline constexpr uint32_t kMaxDropout = 3000; // RFC 3550 A.1 MAX_DROPOUT
inline constexpr uint32_t kMaxMisorder = 100; // RFC 3550 A.1 MAX_MISORDER
inline constexpr uint32_t kMaxJitterStepS = 5;

class ReceiveStats {
 public:
  // `min_sequential` 1 accepts the first packet (for SSRCs signalled in SDP).
  ReceiveStats(uint32_t ssrc, uint32_t clock_rate, uint32_t min_sequential = kMinSequential) noexcept;

  // Every received RTP packet of this SSRC (after SRTP). Returns false for a packet not counted:
  // during probation, or an unexplained jump (the source might have restarted; the next packet
  // tells).
  bool on_packet(uint16_t seq, uint32_t rtp_timestamp, int64_t now_ms) noexcept;

  // An SR from this SSRC arrived: remembers the middle 32 bits of its NTP timestamp and when.
  void on_sender_report(uint64_t ntp_timestamp, int64_t now_ms) noexcept;

  // The report block for our next RR/SR; starts a new interval for fraction lost. nullopt until
  // the source is valid (RFC 3550 section 6.4: report only sources heard from).
  std::optional<ReportBlock> report_block(int64_t now_ms) noexcept;

  uint32_t ssrc() const noexcept { return ssrc_; }
  bool valid() const noexcept { return probation_ == 0; }
  uint32_t extended_highest() const noexcept { return cycles_ + max_seq_; }
  uint32_t received() const noexcept { return received_; }
  int64_t expected() const noexcept;
  int64_t cumulative_lost() const noexcept { return expected() - received_; }
  uint32_t jitter() const noexcept { return jitter_q4_ >> 4; } // RTP clock units

 private:
  void init_sequence(uint16_t seq) noexcept;
  bool update_sequence(uint16_t seq) noexcept;
  void update_jitter(uint32_t rtp_timestamp, int64_t now_ms) noexcept;

  uint32_t ssrc_ = 0;
  uint32_t clock_rate_ = 0;
  uint32_t min_sequential_ = 0;
  bool heard_ = false;
  uint16_t max_seq_ = 0;
  uint32_t cycles_ = 0; // shifted count of sequence number cycles
  uint32_t base_seq_ = 0;
  uint32_t bad_seq_ = 0;
  uint32_t probation_ = 0;
  uint32_t received_ = 0;
  int64_t expected_prior_ = 0;
  uint32_t received_prior_ = 0;
  bool have_transit_ = false;
  int32_t transit_ = 0;
  uint32_t jitter_q4_ = 0; // jitter * 16 (A.8's integer form)
  bool have_sr_ = false;
  uint32_t last_sr_ = 0;
  int64_t last_sr_ms_ = 0;
};

} // namespace plenum::media::stream
