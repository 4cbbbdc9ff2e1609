#pragma once
// RTP fixed header (RFC 3550 section 5.1) with RFC 8285 header extensions, as a view over the
// caller's (mutable) buffer so fan-out can rewrite fields in place.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |V=2|P|X|  CC   |M|     PT      |       sequence number         |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                           timestamp                           |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |           synchronization source (SSRC) identifier            |
//   +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
//   |            contributing source (CSRC) identifiers             |
//   |                             ....                              |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  profile (0xBEDE or 0x100x)   |     length (32-bit words)     |  if X (RFC 3550 5.3.1)
//   |                        extension data                         |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   payload ... [padding, last byte = padding count]                   if P
//
// Extension elements (RFC 8285): one-byte form (profile 0xBEDE, section 4.2): ID (4 bits) and
// L (4 bits, data length - 1); ID 0 is a padding byte, ID 15 stops parsing. Two-byte form
// (profile 0x100 + 4 app bits, section 4.3): ID (8 bits), length (8 bits, may be 0); ID 0 is a
// padding byte.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace plenum::media {

inline constexpr size_t kRtpHeaderSize = 12;
inline constexpr uint16_t kRtpOneByteProfile = 0xBEDE;
inline constexpr uint16_t kRtpTwoByteProfile = 0x1000; // upper 12 bits; low 4 bits are app bits

enum class RtpParseError : uint8_t {
  none,
  too_short,
  bad_version,
  truncated_csrc,
  truncated_extension,
  bad_padding, // padding count 0 or larger than what follows the header
};

class RtpPacket {
 public:
  // Checks every length once; field accessors then read without further checks.
  static std::optional<RtpPacket> parse(std::span<uint8_t> data, RtpParseError* error = nullptr) noexcept;

  std::span<uint8_t> bytes() const noexcept { return data_; }
  uint8_t version() const noexcept { return data_[0] >> 6; }
  bool has_padding() const noexcept { return (data_[0] & 0x20) != 0; }
  bool has_extension() const noexcept { return (data_[0] & 0x10) != 0; }
  uint8_t csrc_count() const noexcept { return data_[0] & 0x0F; }
  bool marker() const noexcept { return (data_[1] & 0x80) != 0; }
  uint8_t payload_type() const noexcept { return data_[1] & 0x7F; }
  uint16_t sequence_number() const noexcept;
  uint32_t timestamp() const noexcept;
  uint32_t ssrc() const noexcept;
  uint32_t csrc(size_t index) const noexcept; // index < csrc_count()

  // Header extension block (after the 4-byte profile/length word); empty without X.
  uint16_t extension_profile() const noexcept { return extension_profile_; }
  std::span<uint8_t> extension_block() const noexcept {
    return data_.subspan(extension_offset_, extension_size_);
  }
  // The data of the first element with this id (1..14 one-byte, 1..255 two-byte), or nullopt
  // if absent or the block is malformed before it.
  std::optional<std::span<uint8_t>> extension(uint8_t id) const noexcept;

  size_t header_size() const noexcept { return payload_offset_; }
  std::span<uint8_t> payload() const noexcept { return data_.subspan(payload_offset_, payload_size_); }
  size_t padding_size() const noexcept { return data_.size() - payload_offset_ - payload_size_; }

  // In-place rewrites (fan-out: rewrite, send, restore).
  void set_sequence_number(uint16_t seq) noexcept;
  void set_timestamp(uint32_t ts) noexcept;
  void set_ssrc(uint32_t ssrc) noexcept;
  void set_payload_type(uint8_t pt) noexcept; // keeps the marker bit; pt < 128
  void set_marker(bool marker) noexcept;
  // Overwrites an existing element's data; false if absent or `value` has another size.
  bool set_extension(uint8_t id, std::span<const uint8_t> value) noexcept;

 private:
  RtpPacket() = default;

  std::span<uint8_t> data_;
  uint32_t extension_offset_ = 0;
  uint32_t extension_size_ = 0;
  uint32_t payload_offset_ = 0;
  uint32_t payload_size_ = 0;
  uint16_t extension_profile_ = 0;
};

} // namespace plenum::media
