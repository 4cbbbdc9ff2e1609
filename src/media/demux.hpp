#pragma once
// Classifies a datagram arriving on the SFU's single UDP port (RFC 7983 section 7, updating
// RFC 5764 section 5.1.2) by its first byte, and RTP from RTCP on a muxed port (RFC 5761
// section 4): RTCP packet types 192..223 occupy the byte where RTP has marker + payload type.
//
//   first byte   0..3     STUN
//               16..19    ZRTP (not supported: other)
//               20..63    DTLS
//               64..79    TURN channel data (not terminated here: other)
//              128..191   RTP / RTCP; second byte 192..223 = RTCP

#include <cstdint>
#include <span>

namespace plenum::media {

enum class PacketKind : uint8_t { other, stun, dtls, rtp, rtcp };

// Only looks at the first two bytes; the parsers check the rest. Minimum sizes: STUN 20 bytes,
// DTLS record header 13 bytes, RTP 12 bytes, RTCP 4 bytes (shorter datagrams are `other`).
PacketKind classify_packet(std::span<const uint8_t> datagram) noexcept;

} // namespace plenum::media
