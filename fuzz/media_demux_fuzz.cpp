// The first look at every datagram on the SFU's port. Must be total, must agree with the first
// byte ranges of RFC 7983, and whatever the STUN or RTP parsers accept must be classified so.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/error.hpp"
#include "media/demux.hpp"
#include "media/rtp.hpp"
#include "media/stun.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenum::media;
  const std::span<const uint8_t> input(data, size);
  const PacketKind kind = classify_packet(input);
  const int b0 = size > 0 ? data[0] : -1;
  switch (kind) {
    case PacketKind::stun: PLENUM_ASSERT(b0 >= 0 && b0 <= 3, "stun range"); break;
    case PacketKind::dtls: PLENUM_ASSERT(b0 >= 20 && b0 <= 63, "dtls range"); break;
    case PacketKind::rtp:
    case PacketKind::rtcp: PLENUM_ASSERT(b0 >= 128 && b0 <= 191, "rtp range"); break;
    case PacketKind::other: break;
  }
  if (StunMessage::parse(input))
    PLENUM_ASSERT(kind == PacketKind::stun, "parsed STUN not classified as STUN");
  std::vector<uint8_t> copy(data, data + size);
  if (RtpPacket::parse(copy) && !(data[1] >= 192 && data[1] <= 223)) {
    PLENUM_ASSERT(kind == PacketKind::rtp, "parsed RTP not classified as RTP");
  }
  return 0;
}
