#pragma once
// RTCP (RFC 3550 section 6) as the SFU reads and writes it: compound packets, SR, RR, SDES
// (CNAME), BYE, APP (skipped), transport-layer feedback (RFC 4585 section 6.2: generic NACK;
// transport-wide congestion control, draft-holmer-rmcat-transport-wide-cc-extensions-01
// section 3.1) and payload-specific feedback (RFC 4585 section 6.3: PLI; RFC 5104 section
// 4.3.1: FIR; draft-alvestrand-rmcat-remb-03: REMB). All views over the caller's buffer.
//
// Common header of every packet in a compound (RFC 3550 section 6.4.1):
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |V=2|P|  RC/FMT |      PT       |     length (words - 1)        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// Feedback packets (RFC 4585 section 6.1) then carry the sender SSRC, the media source SSRC and
// the feedback control information (FCI).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace plenum::media {

inline constexpr size_t kRtcpHeaderSize = 4;
inline constexpr size_t kRtcpReportBlockSize = 24;
inline constexpr size_t kRtcpMaxReportBlocks = 31; // the 5-bit count

namespace rtcp_type {
inline constexpr uint8_t kSr = 200;
inline constexpr uint8_t kRr = 201;
inline constexpr uint8_t kSdes = 202;
inline constexpr uint8_t kBye = 203;
inline constexpr uint8_t kApp = 204;
inline constexpr uint8_t kRtpfb = 205;
inline constexpr uint8_t kPsfb = 206;
} // namespace rtcp_type

namespace rtcp_fmt {
inline constexpr uint8_t kNack = 1;              // RTPFB
inline constexpr uint8_t kTransportCc = 15;      // RTPFB
inline constexpr uint8_t kPli = 1;               // PSFB
inline constexpr uint8_t kFir = 4;               // PSFB
inline constexpr uint8_t kApplicationLayer = 15; // PSFB, REMB
} // namespace rtcp_fmt

// One packet of a compound: the 4-byte header is checked; `body` is what follows it, without
// RTCP padding.
struct RtcpPacket {
  uint8_t count = 0; // RC, SC or FMT
  uint8_t type = 0;
  std::span<const uint8_t> bytes; // the whole packet including header and padding
  std::span<const uint8_t> body;
};

enum class RtcpParseError : uint8_t { none, truncated, bad_version, bad_length, bad_padding };

// Iterates a compound packet. Stops with error() set at the first malformed packet: RFC 3550
// section 6.1 validity (version 2; lengths add up exactly to the datagram; padding only in the
// last packet). Packets already returned stay valid.
class RtcpReader {
 public:
  explicit RtcpReader(std::span<const uint8_t> compound) noexcept : data_(compound) {}
  std::optional<RtcpPacket> next() noexcept;
  RtcpParseError error() const noexcept { return error_; }

 private:
  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  RtcpParseError error_ = RtcpParseError::none;
};

struct ReportBlock {
  uint32_t ssrc = 0;
  uint8_t fraction_lost = 0;
  int32_t cumulative_lost = 0; // 24-bit signed
  uint32_t highest_sequence = 0;
  uint32_t jitter = 0;
  uint32_t last_sr = 0;
  uint32_t delay_since_last_sr = 0;
  friend bool operator==(const ReportBlock&, const ReportBlock&) = default;
};

struct SenderInfo {
  uint64_t ntp_timestamp = 0;
  uint32_t rtp_timestamp = 0;
  uint32_t packet_count = 0;
  uint32_t octet_count = 0;
  friend bool operator==(const SenderInfo&, const SenderInfo&) = default;
};

// SR (RFC 3550 section 6.4.1) and RR (section 6.4.2).
class RtcpReport {
 public:
  static std::optional<RtcpReport> parse(const RtcpPacket& packet) noexcept;
  uint32_t ssrc() const noexcept { return ssrc_; }
  bool is_sender_report() const noexcept { return sender_.has_value(); }
  const std::optional<SenderInfo>& sender_info() const noexcept { return sender_; }
  size_t block_count() const noexcept { return blocks_.size() / kRtcpReportBlockSize; }
  ReportBlock block(size_t index) const noexcept; // index < block_count()

 private:
  uint32_t ssrc_ = 0;
  std::optional<SenderInfo> sender_;
  std::span<const uint8_t> blocks_;
};

// SDES (RFC 3550 section 6.5): chunks of SSRC + items, each chunk ending in a null item and
// padded to 32 bits. next() yields each chunk's SSRC and CNAME (empty if the chunk has none).
struct SdesChunk {
  uint32_t ssrc = 0;
  std::span<const uint8_t> cname;
};
class SdesReader {
 public:
  explicit SdesReader(const RtcpPacket& packet) noexcept : packet_(packet) {}
  std::optional<SdesChunk> next() noexcept; // nullopt at the end or on a malformed chunk
  bool error() const noexcept { return error_; }

 private:
  RtcpPacket packet_;
  size_t pos_ = 0;
  size_t chunks_ = 0;
  bool error_ = false;
};

// BYE (RFC 3550 section 6.6).
class RtcpBye {
 public:
  static std::optional<RtcpBye> parse(const RtcpPacket& packet) noexcept;
  size_t ssrc_count() const noexcept { return count_; }
  uint32_t ssrc(size_t index) const noexcept;
  std::span<const uint8_t> reason() const noexcept { return reason_; }

 private:
  std::span<const uint8_t> ssrcs_;
  size_t count_ = 0;
  std::span<const uint8_t> reason_;
};

// RTPFB / PSFB common part (RFC 4585 section 6.1).
struct RtcpFeedback {
  uint8_t fmt = 0;
  uint8_t type = 0;
  uint32_t sender_ssrc = 0;
  uint32_t media_ssrc = 0;
  std::span<const uint8_t> fci;
  static std::optional<RtcpFeedback> parse(const RtcpPacket& packet) noexcept;
};

// Generic NACK FCI entries (RFC 4585 section 6.2.1): PID and the bitmask of the 16 following.
struct NackItem {
  uint16_t pid = 0;
  uint16_t blp = 0;
  // Writes the lost sequence numbers (PID, then PID+i+1 for each set bit i) to `out` (room for
  // 17 is enough); returns how many.
  size_t expand(std::span<uint16_t, 17> out) const noexcept;
};
size_t nack_item_count(const RtcpFeedback& fb) noexcept;
NackItem nack_item(const RtcpFeedback& fb, size_t index) noexcept; // index < nack_item_count

// FIR FCI entries (RFC 5104 section 4.3.1.1): SSRC, command sequence number, 24 reserved bits.
struct FirItem {
  uint32_t ssrc = 0;
  uint8_t sequence = 0;
};
size_t fir_item_count(const RtcpFeedback& fb) noexcept;
FirItem fir_item(const RtcpFeedback& fb, size_t index) noexcept;

// REMB (draft-alvestrand-rmcat-remb-03 section 2.2): "REMB", SSRC count, BR Exp (6 bits) and
// BR Mantissa (18 bits), then the SSRCs the estimate applies to.
class Remb {
 public:
  static std::optional<Remb> parse(const RtcpFeedback& fb) noexcept;
  uint64_t bitrate_bps() const noexcept { return bitrate_; }
  size_t ssrc_count() const noexcept { return ssrcs_.size() / 4; }
  uint32_t ssrc(size_t index) const noexcept;

 private:
  uint64_t bitrate_ = 0;
  std::span<const uint8_t> ssrcs_;
};

// Transport-wide CC feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1).
enum class TwccStatus : uint8_t { not_received = 0, small_delta = 1, large_delta = 2, reserved = 3 };
struct TwccPacket {
  uint16_t sequence = 0;
  TwccStatus status = TwccStatus::not_received;
  int32_t delta_us = 0; // receive delta (multiples of 250 us); 0 when not received
};
class TransportCc {
 public:
  static std::optional<TransportCc> parse(const RtcpFeedback& fb) noexcept;
  uint16_t base_sequence() const noexcept { return base_sequence_; }
  uint16_t status_count() const noexcept { return status_count_; }
  int32_t reference_time() const noexcept { return reference_time_; } // multiples of 64 ms, signed 24 bit
  uint8_t feedback_count() const noexcept { return feedback_count_; }
  // Decodes packet status chunks and receive deltas into `out` (status_count() entries are
  // needed); returns the number written, or nullopt if the chunks or deltas are malformed or
  // `out` is too small.
  std::optional<size_t> decode(std::span<TwccPacket> out) const noexcept;

 private:
  uint16_t base_sequence_ = 0;
  uint16_t status_count_ = 0;
  int32_t reference_time_ = 0;
  uint8_t feedback_count_ = 0;
  std::span<const uint8_t> chunks_; // chunks and deltas
};

// Builders into a caller-provided buffer: the packet size, or nullopt if it does not fit.
std::optional<size_t> build_receiver_report(std::span<uint8_t> out, uint32_t ssrc,
                                            std::span<const ReportBlock> blocks) noexcept;
std::optional<size_t> build_sender_report(std::span<uint8_t> out, uint32_t ssrc, const SenderInfo& info,
                                          std::span<const ReportBlock> blocks) noexcept;
std::optional<size_t> build_nack(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc,
                                 std::span<const NackItem> items) noexcept;
std::optional<size_t> build_pli(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc) noexcept;
std::optional<size_t> build_fir(std::span<uint8_t> out, uint32_t sender_ssrc,
                                std::span<const FirItem> items) noexcept;
// Packs sorted sequence numbers into as few NACK items as possible; returns items written.
size_t pack_nack_items(std::span<const uint16_t> sorted_lost, std::span<NackItem> out) noexcept;

// Transport-wide CC feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1):
// `packets[i]` is the status of sequence base_sequence + i (its `sequence` field is not read);
// received packets carry their delta to the previous one (the first: to reference_time * 64 ms)
// as a multiple of 250 us, 0..63,750 us for small_delta, a signed 16-bit count for large_delta.
// Status chunks are chosen greedily (run length for long runs, else 1- or 2-bit vectors); the
// packet is padded to 32 bits with the P bit (RFC 3550 section 6.4.1), so send it last in a
// compound. nullopt if it does not fit, a delta does not match its status or `packets` is empty.
std::optional<size_t> build_transport_cc(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc,
                                         uint16_t base_sequence, int32_t reference_time,
                                         uint8_t feedback_count,
                                         std::span<const TwccPacket> packets) noexcept;

} // namespace plenum::media
