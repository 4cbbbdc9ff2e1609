// RTP from publishers is untrusted. Parse must be total; the parts must tile the packet;
// rewriting SSRC/sequence/timestamp/payload type and re-parsing must give the same layout, and
// restoring must give back the original bytes (fan-out rewrites, sends, restores).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/error.hpp"
#include "media/rtp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenum::media;
  std::vector<uint8_t> buf(data, data + size);
  auto p = RtpPacket::parse(buf);
  if (!p) return 0;
  PLENUM_ASSERT(p->header_size() + p->payload().size() + p->padding_size() == size, "parts do not tile");
  PLENUM_ASSERT(p->version() == 2, "version");
  const auto block = p->extension_block();
  for (unsigned id = 1; id < 256; ++id) {
    auto e = p->extension(static_cast<uint8_t>(id));
    if (!e) continue;
    PLENUM_ASSERT(e->data() >= block.data() && e->data() + e->size() <= block.data() + block.size(),
                  "extension outside its block");
    std::array<uint8_t, 256> copy{};
    std::copy(e->begin(), e->end(), copy.begin());
    PLENUM_ASSERT(p->set_extension(static_cast<uint8_t>(id), std::span(copy).first(e->size())),
                  "set own ext");
  }
  PLENUM_ASSERT(std::equal(buf.begin(), buf.end(), data), "writing an extension's own value changed bytes");

  const auto seq = p->sequence_number();
  const auto ts = p->timestamp();
  const auto ssrc = p->ssrc();
  const auto pt = p->payload_type();
  const auto marker = p->marker();
  p->set_ssrc(~ssrc);
  p->set_sequence_number(static_cast<uint16_t>(seq + 1));
  p->set_timestamp(ts + 90000);
  p->set_payload_type(static_cast<uint8_t>((pt + 1) & 0x7F));
  auto q = RtpPacket::parse(buf);
  PLENUM_ASSERT(q.has_value(), "rewritten packet does not parse");
  PLENUM_ASSERT(q->ssrc() == ~ssrc && q->sequence_number() == static_cast<uint16_t>(seq + 1) &&
                    q->timestamp() == ts + 90000 && q->payload_type() == ((pt + 1) & 0x7F) &&
                    q->marker() == marker,
                "rewrite not read back");
  PLENUM_ASSERT(q->header_size() == p->header_size() && q->payload().size() == p->payload().size(),
                "rewrite changed the layout");
  q->set_ssrc(ssrc);
  q->set_sequence_number(seq);
  q->set_timestamp(ts);
  q->set_payload_type(pt);
  PLENUM_ASSERT(std::equal(buf.begin(), buf.end(), data), "restore did not give the original bytes");
  return 0;
}
