#pragma once
// VP9 payload descriptors (RFC 9628) for tests.
#include <cstdint>
#include <vector>

namespace plenum::media::router::vp9_bytes {

// The first packet of an L3T3_KEY key picture's spatial layer 0 with its scalability structure:
// three spatial layers 320x180, 640x360, 1280x720 and a group of four pictures (TID 0,2,1,2).
inline std::vector<uint8_t> keyframe_with_ss(uint16_t picture_id) {
  std::vector<uint8_t> p{0x80 | 0x20 | 0x08 | 0x04 | 0x02, // I, L, B, E, V (P=0)
                         static_cast<uint8_t>(0x80 | (picture_id >> 8)),
                         static_cast<uint8_t>(picture_id & 0xFF),
                         0x00,                   // TID 0, U 0, SID 0, D 0
                         7,                      // TL0PICIDX
                         (2 << 5) | 0x10 | 0x08, // N_S = 2, Y, G
                         0x01,
                         0x40,
                         0x00,
                         0xB4,
                         0x02,
                         0x80,
                         0x01,
                         0x68,
                         0x05,
                         0x00,
                         0x02,
                         0xD0,
                         4, // N_G
                         (0 << 5) | 0x04,
                         4, // TID 0, R 1: P_DIFF 4
                         (2 << 5) | 0x10 | 0x04,
                         1,
                         (1 << 5) | 0x10 | 0x04,
                         2,
                         (2 << 5) | 0x10 | 0x04,
                         1,
                         0xAA};
  return p;
}

} // namespace plenum::media::router::vp9_bytes
