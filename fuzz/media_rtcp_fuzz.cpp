// Compound RTCP from any participant is untrusted. Iteration and every typed parser must be
// total; reports, NACKs and PLIs we can build must come out byte-identical when rebuilt from
// their parsed fields.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/error.hpp"
#include "media/rtcp.hpp"

namespace {

using namespace plenum::media;

bool same(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

void check_report(const RtcpPacket& packet) {
  auto r = RtcpReport::parse(packet);
  if (!r) return;
  std::array<ReportBlock, kRtcpMaxReportBlocks> blocks{};
  for (size_t i = 0; i < r->block_count(); ++i) blocks[i] = r->block(i);
  const bool padded = (packet.bytes[0] & 0x20) != 0;
  const size_t exact = 4 + (r->is_sender_report() ? 20 : 0) + r->block_count() * kRtcpReportBlockSize;
  if (padded || packet.body.size() != exact) return; // padding / profile extensions are not rebuilt
  std::array<uint8_t, 1024> out{};
  const auto used = std::span(blocks).first(r->block_count());
  auto n = r->is_sender_report() ? build_sender_report(out, r->ssrc(), *r->sender_info(), used)
                                 : build_receiver_report(out, r->ssrc(), used);
  PLENUM_ASSERT(n && same(std::span(out).first(*n), packet.bytes), "report does not rebuild byte-exact");
}

void check_feedback(const RtcpPacket& packet) {
  auto fb = RtcpFeedback::parse(packet);
  if (!fb) return;
  const bool padded = (packet.bytes[0] & 0x20) != 0;
  std::array<uint8_t, 2048> out{};
  if (const size_t count = nack_item_count(*fb); count > 0) {
    std::array<NackItem, 256> items{};
    std::array<uint16_t, 17> lost{};
    const size_t used = std::min(count, items.size());
    for (size_t i = 0; i < used; ++i) {
      items[i] = nack_item(*fb, i);
      const size_t k = items[i].expand(lost);
      PLENUM_ASSERT(k >= 1 && k <= 17 && lost[0] == items[i].pid, "NACK expansion");
    }
    if (!padded && count == used && fb->fci.size() == 4 * count) {
      auto n = build_nack(out, fb->sender_ssrc, fb->media_ssrc, std::span(items).first(used));
      PLENUM_ASSERT(n && same(std::span(out).first(*n), packet.bytes), "NACK does not rebuild byte-exact");
    }
  }
  if (fb->type == rtcp_type::kPsfb && fb->fmt == rtcp_fmt::kPli && fb->fci.empty() && !padded) {
    auto n = build_pli(out, fb->sender_ssrc, fb->media_ssrc);
    PLENUM_ASSERT(n && same(std::span(out).first(*n), packet.bytes), "PLI does not rebuild byte-exact");
  }
  for (size_t i = 0; i < fir_item_count(*fb); ++i) (void)fir_item(*fb, i);
  if (auto remb = Remb::parse(*fb)) {
    for (size_t i = 0; i < remb->ssrc_count(); ++i) (void)remb->ssrc(i);
  }
  if (auto t = TransportCc::parse(*fb)) {
    static std::array<TwccPacket, 65536> packets;
    auto n = t->decode(packets);
    PLENUM_ASSERT(!n || *n == t->status_count(), "TWCC decoded count");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  RtcpReader reader(std::span<const uint8_t>(data, size));
  size_t covered = 0;
  while (auto packet = reader.next()) {
    PLENUM_ASSERT(packet->bytes.data() == data + covered, "packets do not follow each other");
    covered += packet->bytes.size();
    PLENUM_ASSERT(packet->body.data() + packet->body.size() <= packet->bytes.data() + packet->bytes.size(),
                  "body outside packet");
    check_report(*packet);
    check_feedback(*packet);
    SdesReader sdes(*packet);
    if (packet->type == rtcp_type::kSdes) {
      while (sdes.next()) {
      }
    }
    if (auto bye = RtcpBye::parse(*packet)) {
      for (size_t i = 0; i < bye->ssrc_count(); ++i) (void)bye->ssrc(i);
    }
  }
  PLENUM_ASSERT(reader.error() != RtcpParseError::none || covered == size,
                "valid compound not fully covered");
  return 0;
}
