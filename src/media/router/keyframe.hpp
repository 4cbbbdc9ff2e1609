#pragma once
// Whether an RTP payload starts a key frame, per codec payload format: VP8 (RFC 7741), VP9
// (RFC 9628), H.264 (RFC 6184), AV1 (AOM RTP payload format). The router starts a new
// subscriber (or switches a simulcast layer) only on a key frame so the decoder never sees a
// frame that references pictures it does not have.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "media/router/vp8.hpp"

namespace plenum::media::router {

enum class VideoCodec : uint8_t { unknown, vp8, vp9, h264, av1 };

VideoCodec video_codec(std::string_view encoding_name) noexcept; // case-insensitive
bool is_keyframe(VideoCodec codec, std::span<const uint8_t> payload) noexcept;
// The same for a packet whose VP8 payload descriptor the caller needs as well: it is parsed once,
// into `vp8` (left empty for other codecs and for a descriptor that does not parse).
bool is_keyframe(VideoCodec codec, std::span<const uint8_t> payload,
                 std::optional<Vp8Descriptor>& vp8) noexcept;

struct FrameSize {
  uint16_t width = 0;
  uint16_t height = 0;
};
// The picture size a key frame's first packet announces (VP8, RFC 6386 section 9.1); nullopt
// for other packets and codecs (the router then estimates layer sizes from their order).
std::optional<FrameSize> keyframe_size(VideoCodec codec, std::span<const uint8_t> payload) noexcept;

} // namespace plenum::media::router
