#pragma once
// Pre-encoded media for the SFU load generator: VP8 frames from an IVF file and Opus packets from
// an Ogg file (both written by ffmpeg at bench time), packetized once into RTP payloads:
//  - VP8 (RFC 7741 §4.2): a 4-byte payload descriptor (X=1, S on the frame's first packet,
//    PID 0; I=1 with a 15-bit PictureID, M=1), then a slice of the frame;
//  - Opus (RFC 7587 §4.2): one Opus packet per RTP packet, 20 ms.
// Every payload has kTailSize spare bytes at its end: the generator writes the send time there
// (see peer.hpp), so that subscribers can measure the forwarding latency.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace plenum::bench::sfu {

inline constexpr size_t kTailSize = 12;        // 8-byte send time (ns) + 4-byte magic
inline constexpr size_t kMaxRtpPayload = 1100; // like libwebrtc: ~1,150 bytes on the wire

struct MediaFrame {
  uint32_t timestamp_step = 0; // RTP clock ticks until the next frame
  bool key = false;
  std::vector<std::vector<uint8_t>> payloads; // RTP payloads including kTailSize spare bytes
};

struct MediaTrack {
  uint32_t clock_rate = 0;
  double frame_interval_s = 0;
  std::vector<MediaFrame> frames; // played in a loop
  size_t packets = 0;
  size_t bytes = 0;
  double bitrate_kbps() const;
};

// Throw std::runtime_error on unreadable or malformed files (test tooling: fail loudly).
MediaTrack load_vp8_ivf(const std::filesystem::path& file);
MediaTrack load_opus_ogg(const std::filesystem::path& file);

} // namespace plenum::bench::sfu
