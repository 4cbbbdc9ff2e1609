#include "media/rtp.hpp"

#include <algorithm>

#include "media/bytes.hpp"

namespace plenum::media {

std::optional<RtpPacket> RtpPacket::parse(std::span<uint8_t> data, RtpParseError* error) noexcept {
  auto fail = [error](RtpParseError e) -> std::optional<RtpPacket> {
    if (error != nullptr) *error = e;
    return std::nullopt;
  };
  if (error != nullptr) *error = RtpParseError::none;
  if (data.size() < kRtpHeaderSize) return fail(RtpParseError::too_short);
  if ((data[0] >> 6) != 2) return fail(RtpParseError::bad_version);
  RtpPacket p;
  p.data_ = data;
  size_t pos = kRtpHeaderSize + 4 * size_t{p.csrc_count()};
  if (pos > data.size()) return fail(RtpParseError::truncated_csrc);
  if (p.has_extension()) {
    if (!fits(data.size(), pos, 4)) return fail(RtpParseError::truncated_extension);
    p.extension_profile_ = load_be16(data.data() + pos);
    const size_t size = 4 * size_t{load_be16(data.data() + pos + 2)};
    pos += 4;
    if (!fits(data.size(), pos, size)) return fail(RtpParseError::truncated_extension);
    p.extension_offset_ = static_cast<uint32_t>(pos);
    p.extension_size_ = static_cast<uint32_t>(size);
    pos += size;
  }
  size_t padding = 0;
  if (p.has_padding()) {
    padding = data.back();
    if (padding == 0 || padding > data.size() - pos) return fail(RtpParseError::bad_padding);
  }
  p.payload_offset_ = static_cast<uint32_t>(pos);
  p.payload_size_ = static_cast<uint32_t>(data.size() - pos - padding);
  return p;
}

uint16_t RtpPacket::sequence_number() const noexcept { return load_be16(data_.data() + 2); }
uint32_t RtpPacket::timestamp() const noexcept { return load_be32(data_.data() + 4); }
uint32_t RtpPacket::ssrc() const noexcept { return load_be32(data_.data() + 8); }
uint32_t RtpPacket::csrc(size_t index) const noexcept {
  return index < csrc_count() ? load_be32(data_.data() + kRtpHeaderSize + 4 * index) : 0;
}

std::optional<std::span<uint8_t>> RtpPacket::extension(uint8_t id) const noexcept {
  if (extension_size_ == 0 || id == 0) return std::nullopt;
  const auto block = extension_block();
  const size_t n = block.size();
  if (extension_profile_ == kRtpOneByteProfile) {
    if (id > 14) return std::nullopt;
    size_t i = 0;
    while (i < n) {
      const uint8_t element_id = block[i] >> 4;
      if (element_id == 0) { // padding byte
        ++i;
        continue;
      }
      if (element_id == 15) return std::nullopt; // RFC 8285 section 4.2: stop
      const size_t size = size_t{block[i] & 0x0Fu} + 1;
      if (!fits(n, i + 1, size)) return std::nullopt;
      if (element_id == id) return block.subspan(i + 1, size);
      i += 1 + size;
    }
    return std::nullopt;
  }
  if ((extension_profile_ & 0xFFF0) == kRtpTwoByteProfile) {
    size_t i = 0;
    while (i < n) {
      const uint8_t element_id = block[i];
      if (element_id == 0) {
        ++i;
        continue;
      }
      if (i + 1 >= n) return std::nullopt;
      const size_t size = block[i + 1];
      if (!fits(n, i + 2, size)) return std::nullopt;
      if (element_id == id) return block.subspan(i + 2, size);
      i += 2 + size;
    }
  }
  return std::nullopt;
}

void RtpPacket::set_sequence_number(uint16_t seq) noexcept { store_be16(data_.data() + 2, seq); }
void RtpPacket::set_timestamp(uint32_t ts) noexcept { store_be32(data_.data() + 4, ts); }
void RtpPacket::set_ssrc(uint32_t ssrc) noexcept { store_be32(data_.data() + 8, ssrc); }
void RtpPacket::set_payload_type(uint8_t pt) noexcept {
  data_[1] = static_cast<uint8_t>((data_[1] & 0x80) | (pt & 0x7F));
}
void RtpPacket::set_marker(bool marker) noexcept {
  data_[1] = static_cast<uint8_t>((data_[1] & 0x7F) | (marker ? 0x80 : 0));
}

bool RtpPacket::set_extension(uint8_t id, std::span<const uint8_t> value) noexcept {
  auto target = extension(id);
  if (!target || target->size() != value.size()) return false;
  std::copy(value.begin(), value.end(), target->begin());
  return true;
}

} // namespace plenum::media
