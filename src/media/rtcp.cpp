#include "media/rtcp.hpp"

#include <limits>

#include "media/bytes.hpp"

namespace plenum::media {
namespace {

constexpr size_t kSenderInfoSize = 20;
constexpr size_t kFeedbackHeaderSize = 8; // sender SSRC + media SSRC
constexpr size_t kNackItemSize = 4;
constexpr size_t kFirItemSize = 8;
constexpr uint8_t kSdesEnd = 0;
constexpr uint8_t kSdesCname = 1;

ReportBlock read_block(const uint8_t* p) noexcept {
  ReportBlock b;
  b.ssrc = load_be32(p);
  b.fraction_lost = p[4];
  const uint32_t lost = load_be24(p + 5);
  // 24-bit two's complement (RFC 3550 section 6.4.1: cumulative number of packets lost is signed).
  b.cumulative_lost = static_cast<int32_t>(lost & 0x800000u ? lost | 0xFF000000u : lost);
  b.highest_sequence = load_be32(p + 8);
  b.jitter = load_be32(p + 12);
  b.last_sr = load_be32(p + 16);
  b.delay_since_last_sr = load_be32(p + 20);
  return b;
}

void write_block(ByteWriter& w, const ReportBlock& b) noexcept {
  w.be32(b.ssrc);
  w.u8(b.fraction_lost);
  // Clamp to the 24-bit signed range before encoding.
  const int32_t lost = b.cumulative_lost < -0x800000
                           ? -0x800000
                           : (b.cumulative_lost > 0x7FFFFF ? 0x7FFFFF : b.cumulative_lost);
  w.be24(static_cast<uint32_t>(lost) & 0xFFFFFFu);
  w.be32(b.highest_sequence);
  w.be32(b.jitter);
  w.be32(b.last_sr);
  w.be32(b.delay_since_last_sr);
}

// Writes a common header whose length is patched by finish_packet.
void write_header(ByteWriter& w, uint8_t count, uint8_t type) noexcept {
  w.u8(static_cast<uint8_t>(0x80 | (count & 0x1F)));
  w.u8(type);
  w.be16(0);
}

std::optional<size_t> finish_packet(ByteWriter& w) noexcept {
  if (!w.ok()) return std::nullopt;
  const auto bytes = w.written();
  store_be16(bytes.data() + 2, static_cast<uint16_t>(bytes.size() / 4 - 1));
  return bytes.size();
}

} // namespace

// ---- compound ----

std::optional<RtcpPacket> RtcpReader::next() noexcept {
  if (error_ != RtcpParseError::none || pos_ >= data_.size()) return std::nullopt;
  auto fail = [this](RtcpParseError e) -> std::optional<RtcpPacket> {
    error_ = e;
    return std::nullopt;
  };
  if (!fits(data_.size(), pos_, kRtcpHeaderSize)) return fail(RtcpParseError::truncated);
  const uint8_t* p = data_.data() + pos_;
  if ((p[0] >> 6) != 2) return fail(RtcpParseError::bad_version);
  const size_t size = (size_t{load_be16(p + 2)} + 1) * 4;
  if (!fits(data_.size(), pos_, size)) return fail(RtcpParseError::bad_length);
  RtcpPacket packet;
  packet.count = p[0] & 0x1F;
  packet.type = p[1];
  packet.bytes = data_.subspan(pos_, size);
  size_t padding = 0;
  if ((p[0] & 0x20) != 0) {
    // Only the last packet of a compound may be padded (RFC 3550 section 6.4.1).
    if (pos_ + size != data_.size()) return fail(RtcpParseError::bad_padding);
    padding = packet.bytes.back();
    if (padding == 0 || padding > size - kRtcpHeaderSize) return fail(RtcpParseError::bad_padding);
  }
  packet.body = packet.bytes.subspan(kRtcpHeaderSize, size - kRtcpHeaderSize - padding);
  pos_ += size;
  return packet;
}

// ---- SR / RR ----

std::optional<RtcpReport> RtcpReport::parse(const RtcpPacket& packet) noexcept {
  if (packet.type != rtcp_type::kSr && packet.type != rtcp_type::kRr) return std::nullopt;
  const bool sr = packet.type == rtcp_type::kSr;
  const size_t fixed = 4 + (sr ? kSenderInfoSize : 0);
  const size_t blocks = size_t{packet.count} * kRtcpReportBlockSize;
  // Profile-specific extensions may follow the blocks (RFC 3550 section 6.4.1): ignored.
  if (packet.body.size() < fixed + blocks) return std::nullopt;
  RtcpReport r;
  const uint8_t* p = packet.body.data();
  r.ssrc_ = load_be32(p);
  if (sr) r.sender_ = SenderInfo{load_be64(p + 4), load_be32(p + 12), load_be32(p + 16), load_be32(p + 20)};
  r.blocks_ = packet.body.subspan(fixed, blocks);
  return r;
}

ReportBlock RtcpReport::block(size_t index) const noexcept {
  if (index >= block_count()) return {};
  return read_block(blocks_.data() + index * kRtcpReportBlockSize);
}

// ---- SDES ----

std::optional<SdesChunk> SdesReader::next() noexcept {
  if (error_ || chunks_ >= packet_.count) return std::nullopt;
  const auto body = packet_.body;
  if (!fits(body.size(), pos_, 4)) {
    error_ = true;
    return std::nullopt;
  }
  SdesChunk chunk;
  chunk.ssrc = load_be32(body.data() + pos_);
  size_t i = pos_ + 4;
  while (true) {
    if (i >= body.size()) {
      error_ = true;
      return std::nullopt;
    }
    const uint8_t item = body[i];
    if (item == kSdesEnd) break;
    if (i + 1 >= body.size()) {
      error_ = true;
      return std::nullopt;
    }
    const size_t size = body[i + 1];
    if (!fits(body.size(), i + 2, size)) {
      error_ = true;
      return std::nullopt;
    }
    if (item == kSdesCname && chunk.cname.empty()) chunk.cname = body.subspan(i + 2, size);
    i += 2 + size;
  }
  // The null item plus padding to the next 32-bit boundary (relative to the chunk start, which
  // is itself word-aligned).
  const size_t end = (i + 1 + 3) & ~size_t{3};
  if (end > body.size()) {
    error_ = true;
    return std::nullopt;
  }
  pos_ = end;
  ++chunks_;
  return chunk;
}

// ---- BYE ----

std::optional<RtcpBye> RtcpBye::parse(const RtcpPacket& packet) noexcept {
  if (packet.type != rtcp_type::kBye) return std::nullopt;
  const size_t ssrc_bytes = size_t{packet.count} * 4;
  if (packet.body.size() < ssrc_bytes) return std::nullopt;
  RtcpBye bye;
  bye.count_ = packet.count;
  bye.ssrcs_ = packet.body.first(ssrc_bytes);
  if (packet.body.size() > ssrc_bytes) {
    const size_t length = packet.body[ssrc_bytes];
    if (!fits(packet.body.size(), ssrc_bytes + 1, length)) return std::nullopt;
    bye.reason_ = packet.body.subspan(ssrc_bytes + 1, length);
  }
  return bye;
}

uint32_t RtcpBye::ssrc(size_t index) const noexcept {
  return index < count_ ? load_be32(ssrcs_.data() + 4 * index) : 0;
}

// ---- feedback ----

std::optional<RtcpFeedback> RtcpFeedback::parse(const RtcpPacket& packet) noexcept {
  if (packet.type != rtcp_type::kRtpfb && packet.type != rtcp_type::kPsfb) return std::nullopt;
  if (packet.body.size() < kFeedbackHeaderSize) return std::nullopt;
  RtcpFeedback fb;
  fb.fmt = packet.count;
  fb.type = packet.type;
  fb.sender_ssrc = load_be32(packet.body.data());
  fb.media_ssrc = load_be32(packet.body.data() + 4);
  fb.fci = packet.body.subspan(kFeedbackHeaderSize);
  return fb;
}

size_t NackItem::expand(std::span<uint16_t, 17> out) const noexcept {
  size_t n = 0;
  out[n++] = pid;
  for (unsigned bit = 0; bit < 16; ++bit) {
    if ((blp >> bit) & 1u) out[n++] = static_cast<uint16_t>(pid + bit + 1);
  }
  return n;
}

size_t nack_item_count(const RtcpFeedback& fb) noexcept {
  if (fb.type != rtcp_type::kRtpfb || fb.fmt != rtcp_fmt::kNack) return 0;
  return fb.fci.size() / kNackItemSize;
}

NackItem nack_item(const RtcpFeedback& fb, size_t index) noexcept {
  if (index >= nack_item_count(fb)) return {};
  const uint8_t* p = fb.fci.data() + index * kNackItemSize;
  return NackItem{load_be16(p), load_be16(p + 2)};
}

size_t fir_item_count(const RtcpFeedback& fb) noexcept {
  if (fb.type != rtcp_type::kPsfb || fb.fmt != rtcp_fmt::kFir) return 0;
  return fb.fci.size() / kFirItemSize;
}

FirItem fir_item(const RtcpFeedback& fb, size_t index) noexcept {
  if (index >= fir_item_count(fb)) return {};
  const uint8_t* p = fb.fci.data() + index * kFirItemSize;
  return FirItem{load_be32(p), p[4]};
}

std::optional<Remb> Remb::parse(const RtcpFeedback& fb) noexcept {
  if (fb.type != rtcp_type::kPsfb || fb.fmt != rtcp_fmt::kApplicationLayer) return std::nullopt;
  const auto f = fb.fci;
  if (f.size() < 8 || f[0] != 'R' || f[1] != 'E' || f[2] != 'M' || f[3] != 'B') return std::nullopt;
  const size_t count = f[4];
  if (f.size() < 8 + 4 * count) return std::nullopt;
  const unsigned exponent = f[5] >> 2;
  const uint64_t mantissa = load_be24(f.data() + 5) & 0x3FFFFu;
  Remb r;
  // An 18-bit mantissa shifted by up to 63 overflows 64 bits: saturate.
  r.bitrate_ = mantissa == 0                               ? 0
               : exponent > static_cast<unsigned>(64 - 18) ? std::numeric_limits<uint64_t>::max()
                                                           : mantissa << exponent;
  r.ssrcs_ = f.subspan(8, 4 * count);
  return r;
}

uint32_t Remb::ssrc(size_t index) const noexcept {
  return index < ssrc_count() ? load_be32(ssrcs_.data() + 4 * index) : 0;
}

std::optional<TransportCc> TransportCc::parse(const RtcpFeedback& fb) noexcept {
  if (fb.type != rtcp_type::kRtpfb || fb.fmt != rtcp_fmt::kTransportCc) return std::nullopt;
  if (fb.fci.size() < 8) return std::nullopt;
  const uint8_t* p = fb.fci.data();
  TransportCc t;
  t.base_sequence_ = load_be16(p);
  t.status_count_ = load_be16(p + 2);
  const uint32_t ref = load_be24(p + 4);
  t.reference_time_ = static_cast<int32_t>(ref & 0x800000u ? ref | 0xFF000000u : ref);
  t.feedback_count_ = p[7];
  t.chunks_ = fb.fci.subspan(8);
  return t;
}

std::optional<size_t> TransportCc::decode(std::span<TwccPacket> out) const noexcept {
  const size_t total = status_count_;
  if (out.size() < total) return std::nullopt;
  // Packet status chunks (section 3.1.2-3.1.4): run length (T=0: 2-bit symbol, 13-bit run) or
  // status vector (T=1; S=0: 14 one-bit symbols, S=1: 7 two-bit symbols).
  size_t filled = 0;
  size_t pos = 0;
  while (filled < total) {
    if (!fits(chunks_.size(), pos, 2)) return std::nullopt;
    const uint16_t chunk = load_be16(chunks_.data() + pos);
    pos += 2;
    auto put = [&](unsigned symbol) {
      if (filled < total) {
        out[filled] =
            TwccPacket{static_cast<uint16_t>(base_sequence_ + filled), static_cast<TwccStatus>(symbol), 0};
        ++filled;
      }
    };
    if ((chunk & 0x8000) == 0) {
      const unsigned symbol = (chunk >> 13) & 0x3u;
      const size_t run = chunk & 0x1FFFu;
      for (size_t i = 0; i < run && filled < total; ++i) put(symbol);
    } else if ((chunk & 0x4000) == 0) {
      for (int bit = 13; bit >= 0; --bit) put((chunk >> bit) & 0x1u);
    } else {
      for (int sym = 6; sym >= 0; --sym) put((chunk >> (2 * sym)) & 0x3u);
    }
  }
  // Receive deltas (section 3.1.5): one unsigned byte per "small delta", two signed bytes per
  // "large delta", in units of 250 us.
  constexpr int32_t kDeltaUnitUs = 250;
  for (size_t i = 0; i < total; ++i) {
    switch (out[i].status) {
      case TwccStatus::not_received: break;
      case TwccStatus::small_delta:
        if (!fits(chunks_.size(), pos, 1)) return std::nullopt;
        out[i].delta_us = int32_t{chunks_[pos]} * kDeltaUnitUs;
        pos += 1;
        break;
      case TwccStatus::large_delta:
        if (!fits(chunks_.size(), pos, 2)) return std::nullopt;
        out[i].delta_us = int32_t{static_cast<int16_t>(load_be16(chunks_.data() + pos))} * kDeltaUnitUs;
        pos += 2;
        break;
      case TwccStatus::reserved: return std::nullopt;
    }
  }
  return total;
}

// ---- builders ----

std::optional<size_t> build_receiver_report(std::span<uint8_t> out, uint32_t ssrc,
                                            std::span<const ReportBlock> blocks) noexcept {
  if (blocks.size() > kRtcpMaxReportBlocks) return std::nullopt;
  ByteWriter w(out);
  write_header(w, static_cast<uint8_t>(blocks.size()), rtcp_type::kRr);
  w.be32(ssrc);
  for (const auto& b : blocks) write_block(w, b);
  return finish_packet(w);
}

std::optional<size_t> build_sender_report(std::span<uint8_t> out, uint32_t ssrc, const SenderInfo& info,
                                          std::span<const ReportBlock> blocks) noexcept {
  if (blocks.size() > kRtcpMaxReportBlocks) return std::nullopt;
  ByteWriter w(out);
  write_header(w, static_cast<uint8_t>(blocks.size()), rtcp_type::kSr);
  w.be32(ssrc);
  w.be64(info.ntp_timestamp);
  w.be32(info.rtp_timestamp);
  w.be32(info.packet_count);
  w.be32(info.octet_count);
  for (const auto& b : blocks) write_block(w, b);
  return finish_packet(w);
}

std::optional<size_t> build_nack(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc,
                                 std::span<const NackItem> items) noexcept {
  if (items.empty()) return std::nullopt;
  ByteWriter w(out);
  write_header(w, rtcp_fmt::kNack, rtcp_type::kRtpfb);
  w.be32(sender_ssrc);
  w.be32(media_ssrc);
  for (const auto& item : items) {
    w.be16(item.pid);
    w.be16(item.blp);
  }
  if (w.size() > 4 * (size_t{0xFFFF} + 1)) return std::nullopt;
  return finish_packet(w);
}

std::optional<size_t> build_pli(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc) noexcept {
  ByteWriter w(out);
  write_header(w, rtcp_fmt::kPli, rtcp_type::kPsfb);
  w.be32(sender_ssrc);
  w.be32(media_ssrc);
  return finish_packet(w);
}

std::optional<size_t> build_fir(std::span<uint8_t> out, uint32_t sender_ssrc,
                                std::span<const FirItem> items) noexcept {
  if (items.empty()) return std::nullopt;
  ByteWriter w(out);
  write_header(w, rtcp_fmt::kFir, rtcp_type::kPsfb);
  w.be32(sender_ssrc);
  w.be32(0); // media source SSRC is unused in FIR (RFC 5104 section 4.3.1.2)
  for (const auto& item : items) {
    w.be32(item.ssrc);
    w.u8(item.sequence);
    w.be24(0);
  }
  if (w.size() > 4 * (size_t{0xFFFF} + 1)) return std::nullopt;
  return finish_packet(w);
}

size_t pack_nack_items(std::span<const uint16_t> sorted_lost, std::span<NackItem> out) noexcept {
  size_t n = 0;
  for (const uint16_t seq : sorted_lost) {
    if (n > 0) {
      const auto diff = static_cast<uint16_t>(seq - out[n - 1].pid);
      if (diff == 0) continue;
      if (diff <= 16) {
        out[n - 1].blp = static_cast<uint16_t>(out[n - 1].blp | (1u << (diff - 1)));
        continue;
      }
    }
    if (n == out.size()) break;
    out[n++] = NackItem{seq, 0};
  }
  return n;
}

} // namespace plenum::media

namespace plenum::media {
namespace {

constexpr int32_t kTwccDeltaUnitUs = 250;
constexpr size_t kTwccMaxRun = 0x1FFF;
constexpr size_t kTwccOneBitSymbols = 14;
constexpr size_t kTwccTwoBitSymbols = 7;

// Writes the status chunks of `packets` (section 3.1.2-3.1.4).
void write_twcc_chunks(ByteWriter& w, std::span<const TwccPacket> packets) noexcept {
  const size_t n = packets.size();
  auto symbol = [&](size_t i) { return i < n ? static_cast<unsigned>(packets[i].status) : 0u; };
  size_t i = 0;
  while (i < n) {
    size_t run = 1;
    while (i + run < n && run < kTwccMaxRun && packets[i + run].status == packets[i].status) ++run;
    bool one_bit = true;
    for (size_t k = i; k < i + kTwccOneBitSymbols && k < n; ++k) one_bit = one_bit && symbol(k) <= 1;
    if (run >= kTwccOneBitSymbols || (run >= kTwccTwoBitSymbols && !one_bit) || run == n - i) {
      w.be16(static_cast<uint16_t>((symbol(i) << 13) | run));
      i += run;
    } else if (one_bit) {
      uint16_t chunk = 0x8000;
      for (size_t k = 0; k < kTwccOneBitSymbols; ++k)
        chunk |= static_cast<uint16_t>(symbol(i + k) << (13 - k));
      w.be16(chunk);
      i += kTwccOneBitSymbols;
    } else {
      uint16_t chunk = 0xC000;
      for (size_t k = 0; k < kTwccTwoBitSymbols; ++k)
        chunk |= static_cast<uint16_t>(symbol(i + k) << (2 * (6 - k)));
      w.be16(chunk);
      i += kTwccTwoBitSymbols;
    }
  }
}

} // namespace

std::optional<size_t> build_transport_cc(std::span<uint8_t> out, uint32_t sender_ssrc, uint32_t media_ssrc,
                                         uint16_t base_sequence, int32_t reference_time,
                                         uint8_t feedback_count,
                                         std::span<const TwccPacket> packets) noexcept {
  if (packets.empty() || packets.size() > 0xFFFF) return std::nullopt;
  if (reference_time < -0x800000 || reference_time > 0x7FFFFF) return std::nullopt;
  for (const auto& p : packets) {
    const int32_t ticks = p.delta_us / kTwccDeltaUnitUs;
    if (ticks * kTwccDeltaUnitUs != p.delta_us) return std::nullopt;
    switch (p.status) {
      case TwccStatus::not_received: break;
      case TwccStatus::small_delta:
        if (ticks < 0 || ticks > 0xFF) return std::nullopt;
        break;
      case TwccStatus::large_delta:
        if (ticks < -0x8000 || ticks > 0x7FFF) return std::nullopt;
        break;
      case TwccStatus::reserved: return std::nullopt;
    }
  }
  ByteWriter w(out);
  write_header(w, rtcp_fmt::kTransportCc, rtcp_type::kRtpfb);
  w.be32(sender_ssrc);
  w.be32(media_ssrc);
  w.be16(base_sequence);
  w.be16(static_cast<uint16_t>(packets.size()));
  w.be24(static_cast<uint32_t>(reference_time) & 0xFFFFFFu);
  w.u8(feedback_count);
  write_twcc_chunks(w, packets);
  for (const auto& p : packets) {
    const int32_t ticks = p.delta_us / kTwccDeltaUnitUs;
    if (p.status == TwccStatus::small_delta) w.u8(static_cast<uint8_t>(ticks));
    if (p.status == TwccStatus::large_delta) w.be16(static_cast<uint16_t>(static_cast<int16_t>(ticks)));
  }
  const size_t padding = (4 - w.size() % 4) % 4;
  if (padding > 0) {
    w.fill(0, padding - 1);
    w.u8(static_cast<uint8_t>(padding));
  }
  if (!w.ok() || w.size() > 4 * (size_t{0xFFFF} + 1)) return std::nullopt;
  if (padding > 0) w.written()[0] |= 0x20;
  return finish_packet(w);
}

} // namespace plenum::media
