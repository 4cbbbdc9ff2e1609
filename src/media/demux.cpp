#include "media/demux.hpp"

#include <cstddef>

namespace plenum::media {
namespace {

constexpr size_t kMinStun = 20;
constexpr size_t kMinDtls = 13;
constexpr size_t kMinRtp = 12;
constexpr size_t kMinRtcp = 4;

} // namespace

PacketKind classify_packet(std::span<const uint8_t> datagram) noexcept {
  if (datagram.empty()) return PacketKind::other;
  const uint8_t b = datagram[0];
  if (b <= 3) return datagram.size() >= kMinStun ? PacketKind::stun : PacketKind::other;
  if (b >= 20 && b <= 63) return datagram.size() >= kMinDtls ? PacketKind::dtls : PacketKind::other;
  if (b >= 128 && b <= 191) {
    if (datagram.size() < kMinRtcp) return PacketKind::other;
    const uint8_t pt = datagram[1];
    if (pt >= 192 && pt <= 223) return PacketKind::rtcp;
    return datagram.size() >= kMinRtp ? PacketKind::rtp : PacketKind::other;
  }
  return PacketKind::other;
}

} // namespace plenum::media
