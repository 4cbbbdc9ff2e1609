#include "media/router/keyframe.hpp"

#include "media/router/vp8.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace plenum::media::router {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// RFC 7741 section 4.2/4.3: the offset of the VP8 payload header, which only the first packet of
// partition 0 (S=1, PID=0) carries (or nullopt).
std::optional<size_t> vp8_header_offset(const Vp8Descriptor& d, std::span<const uint8_t> p) {
  if (!d.frame_start() || p.size() <= d.size) return std::nullopt;
  return d.size;
}
std::optional<size_t> vp8_header_offset(std::span<const uint8_t> p) {
  const auto d = parse_vp8_descriptor(p);
  return d ? vp8_header_offset(*d, p) : std::nullopt;
}

// The payload header's bit 0 (P) is 0 for a key frame.
bool vp8_keyframe(const Vp8Descriptor& d, std::span<const uint8_t> p) {
  const auto offset = vp8_header_offset(d, p);
  return offset && (p[*offset] & 0x01) == 0;
}
bool vp8_keyframe(std::span<const uint8_t> p) {
  const auto d = parse_vp8_descriptor(p);
  return d && vp8_keyframe(*d, p);
}

// RFC 9628 section 4.2: P (inter-picture predicted) = 0 on the first packet (B=1) of a frame
// whose spatial layer is 0 (or not flexible with no layer index).
bool vp9_keyframe(std::span<const uint8_t> p) {
  if (p.empty()) return false;
  const uint8_t first = p[0];
  const bool inter_predicted = (first & 0x40) != 0;
  const bool begin = (first & 0x08) != 0;
  if (inter_predicted || !begin) return false;
  const bool has_picture_id = (first & 0x80) != 0;
  const bool has_layers = (first & 0x20) != 0;
  if (!has_layers) return true;
  size_t offset = 1;
  if (has_picture_id) {
    if (p.size() <= offset) return false;
    offset += (p[offset] & 0x80) != 0 ? 2 : 1;
  }
  if (p.size() <= offset) return false;
  const uint8_t spatial = (p[offset] >> 1) & 0x07;
  return spatial == 0;
}

// RFC 6184: an IDR slice (type 5) or SPS (7) in a single NAL unit, a STAP-A (24) or the start
// of an FU-A (28).
bool h264_keyframe(std::span<const uint8_t> p) {
  if (p.empty()) return false;
  const uint8_t type = p[0] & 0x1F;
  if (type == 5 || type == 7) return true;
  if (type == 24) {
    size_t offset = 1;
    while (offset + 2 < p.size()) {
      const size_t size = (static_cast<size_t>(p[offset]) << 8) | p[offset + 1];
      offset += 2;
      if (size == 0 || offset + size > p.size()) return false;
      const uint8_t inner = p[offset] & 0x1F;
      if (inner == 5 || inner == 7) return true;
      offset += size;
    }
    return false;
  }
  if (type == 28 && p.size() >= 2) {
    const bool start = (p[1] & 0x80) != 0;
    return start && (p[1] & 0x1F) == 5;
  }
  return false;
}

// AV1 RTP aggregation header: N = 1 on the first packet of a coded video sequence (a key frame).
bool av1_keyframe(std::span<const uint8_t> p) { return !p.empty() && (p[0] & 0x08) != 0; }

} // namespace

VideoCodec video_codec(std::string_view name) noexcept {
  if (equals_ignoring_case(name, "VP8")) return VideoCodec::vp8;
  if (equals_ignoring_case(name, "VP9")) return VideoCodec::vp9;
  if (equals_ignoring_case(name, "H264")) return VideoCodec::h264;
  if (equals_ignoring_case(name, "AV1")) return VideoCodec::av1;
  return VideoCodec::unknown;
}

bool is_keyframe(VideoCodec codec, std::span<const uint8_t> payload) noexcept {
  switch (codec) {
    case VideoCodec::vp8: return vp8_keyframe(payload);
    case VideoCodec::vp9: return vp9_keyframe(payload);
    case VideoCodec::h264: return h264_keyframe(payload);
    case VideoCodec::av1: return av1_keyframe(payload);
    case VideoCodec::unknown: return false;
  }
  return false;
}

bool is_keyframe(VideoCodec codec, std::span<const uint8_t> payload,
                 std::optional<Vp8Descriptor>& vp8) noexcept {
  if (codec != VideoCodec::vp8) {
    vp8.reset();
    return is_keyframe(codec, payload);
  }
  vp8 = parse_vp8_descriptor(payload);
  return vp8 && vp8_keyframe(*vp8, payload);
}

std::optional<FrameSize> keyframe_size(VideoCodec codec, std::span<const uint8_t> payload) noexcept {
  if (codec != VideoCodec::vp8) return std::nullopt;
  // RFC 6386 section 9.1: a key frame's 3-byte frame tag is followed by the start code 9d 01 2a
  // and two little-endian 16-bit fields whose low 14 bits are the width and the height.
  const auto offset = vp8_header_offset(payload);
  if (!offset || payload.size() < *offset + 10 || (payload[*offset] & 0x01) != 0) return std::nullopt;
  const uint8_t* h = payload.data() + *offset;
  if (h[3] != 0x9d || h[4] != 0x01 || h[5] != 0x2a) return std::nullopt;
  const auto width = static_cast<uint16_t>((h[6] | (h[7] << 8)) & 0x3FFF);
  const auto height = static_cast<uint16_t>((h[8] | (h[9] << 8)) & 0x3FFF);
  if (width == 0 || height == 0) return std::nullopt;
  return FrameSize{width, height};
}

} // namespace plenum::media::router
