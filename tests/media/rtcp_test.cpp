// RTCP from hand-built byte fixtures: parse, check every field, rebuild with our builders where
// the SFU sends that type, compare bytes.
#include "media/rtcp.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace plenum::media {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

std::string text(std::span<const uint8_t> s) { return {s.begin(), s.end()}; }

// SR with one report block (RFC 3550 section 6.4.1).
const Bytes kSr = {
    0x81, 0xc8, 0x00, 0x0c,                         // V=2, RC=1, PT=200, length 12
    0x11, 0x11, 0x11, 0x11,                         // sender SSRC
    0xe5, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07, // NTP timestamp
    0x00, 0x01, 0x5f, 0x90,                         // RTP timestamp 90000
    0x00, 0x00, 0x00, 0x64,                         // packet count 100
    0x00, 0x01, 0xd4, 0xc0,                         // octet count 120000
    0x22, 0x22, 0x22, 0x22,                         // report block: SSRC
    0x19, 0x00, 0x00, 0x05,                         // fraction lost 25/256, cumulative lost 5
    0x00, 0x01, 0x02, 0x03,                         // extended highest sequence (cycles 1, seq 0x0203)
    0x00, 0x00, 0x00, 0x20,                         // jitter 32
    0xb2, 0xc3, 0xd4, 0xe5,                         // LSR
    0x00, 0x01, 0x00, 0x00,                         // DLSR 1 s
};
// SDES with one chunk holding a CNAME (section 6.5).
const Bytes kSdes = {
    0x81, 0xca, 0x00, 0x04,                               // SC=1, PT=202, length 4
    0x11, 0x11, 0x11, 0x11,                               // SSRC
    0x01, 0x08, 'a',  'b',  'c', 'd', '1', '2', '3', '4', // CNAME "abcd1234"
    0x00, 0x00,                                           // end of items, padding
};
// RR with one report block whose cumulative loss is negative (duplicates).
const Bytes kRr = {
    0x81, 0xc9, 0x00, 0x07, 0x33, 0x33, 0x33, 0x33, // RC=1, PT=201, length 7, sender SSRC
    0x22, 0x22, 0x22, 0x22, 0x00, 0xff, 0xff, 0xfe, // SSRC, fraction 0, cumulative lost -2
    0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x01, 0x00, // highest sequence 65535, jitter 256
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // no SR received yet
};
// Generic NACK (RFC 4585 section 6.2.1): PID 100, BLP 0b101 -> 100, 101, 103.
const Bytes kNack = {
    0x81, 0xcd, 0x00, 0x03, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0x00, 0x64, 0x00, 0x05,
};
const Bytes kPli = {0x81, 0xce, 0x00, 0x02, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22};
// FIR (RFC 5104 section 4.3.1): media SSRC 0, FCI: SSRC, seq 7, reserved.
const Bytes kFir = {
    0x84, 0xce, 0x00, 0x04, 0x11, 0x11, 0x11, 0x11, 0x00, 0x00,
    0x00, 0x00, 0x22, 0x22, 0x22, 0x22, 0x07, 0x00, 0x00, 0x00,
};
// REMB: 15625 * 2^6 = 1,000,000 bps for one SSRC.
const Bytes kRemb = {
    0x8f, 0xce, 0x00, 0x05, 0x11, 0x11, 0x11, 0x11, 0x00, 0x00, 0x00, 0x00,
    'R',  'E',  'M',  'B',  0x01, 0x18, 0x3d, 0x09, 0x22, 0x22, 0x22, 0x22,
};
// Transport-wide CC: base 0x0100, 5 statuses, reference time 16, feedback count 3; one two-bit
// status vector chunk (small, small, not received, large, small, unused, unused); deltas 1 ms,
// 2 ms, -4 ms, 0.25 ms; one zero byte of padding.
const Bytes kTwcc = {
    0x8f, 0xcd, 0x00, 0x06, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0x01, 0x00,
    0x00, 0x05, 0x00, 0x00, 0x10, 0x03, 0xd4, 0x90, 0x04, 0x08, 0xff, 0xf0, 0x01, 0x00,
};
// BYE with reason "leave" (section 6.6).
const Bytes kBye = {0x81, 0xcb, 0x00, 0x03, 0x11, 0x11, 0x11, 0x11,
                    0x05, 'l',  'e',  'a',  'v',  'e',  0x00, 0x00};
const Bytes kApp = {0x80, 0xcc, 0x00, 0x02, 0x11, 0x11, 0x11, 0x11, 'n', 'a', 'm', 'e'};

TEST(RtcpTest, IteratesACompound) {
  const Bytes compound = concat({kSr, kSdes, kApp, kBye});
  RtcpReader reader(compound);
  std::vector<uint8_t> types;
  while (auto p = reader.next()) types.push_back(p->type);
  EXPECT_EQ(reader.error(), RtcpParseError::none);
  EXPECT_EQ(types, (std::vector<uint8_t>{200, 202, 204, 203}));
}

TEST(RtcpTest, SenderReportRoundTrip) {
  RtcpReader reader(kSr);
  auto p = reader.next();
  ASSERT_TRUE(p);
  auto sr = RtcpReport::parse(*p);
  ASSERT_TRUE(sr);
  EXPECT_TRUE(sr->is_sender_report());
  EXPECT_EQ(sr->ssrc(), 0x11111111u);
  const SenderInfo info{0xe5a1b2c3d4e5f607, 90000, 100, 120000};
  EXPECT_EQ(sr->sender_info(), info);
  ASSERT_EQ(sr->block_count(), 1u);
  const ReportBlock block{0x22222222, 25, 5, 0x00010203, 32, 0xb2c3d4e5, 0x10000};
  EXPECT_EQ(sr->block(0), block);
  Bytes out(256);
  auto size = build_sender_report(out, 0x11111111, info, std::span(&block, 1));
  ASSERT_TRUE(size);
  out.resize(*size);
  EXPECT_EQ(out, kSr);
}

TEST(RtcpTest, ReceiverReportRoundTripWithNegativeLoss) {
  RtcpReader reader(kRr);
  auto rr = RtcpReport::parse(*reader.next());
  ASSERT_TRUE(rr);
  EXPECT_FALSE(rr->is_sender_report());
  EXPECT_EQ(rr->ssrc(), 0x33333333u);
  const ReportBlock block{0x22222222, 0, -2, 0xffff, 256, 0, 0};
  EXPECT_EQ(rr->block(0), block);
  Bytes out(256);
  auto size = build_receiver_report(out, 0x33333333, std::span(&block, 1));
  ASSERT_TRUE(size);
  out.resize(*size);
  EXPECT_EQ(out, kRr);
  // An RR without blocks is 8 bytes.
  EXPECT_EQ(build_receiver_report(out, 1, {}), 8u);
  EXPECT_FALSE(build_receiver_report(std::span(out).first(7), 1, {}));
}

TEST(RtcpTest, SdesCname) {
  RtcpReader reader(kSdes);
  SdesReader sdes(*reader.next());
  auto chunk = sdes.next();
  ASSERT_TRUE(chunk);
  EXPECT_EQ(chunk->ssrc, 0x11111111u);
  EXPECT_EQ(text(chunk->cname), "abcd1234");
  EXPECT_FALSE(sdes.next());
  EXPECT_FALSE(sdes.error());
  // An item running past the packet is an error.
  Bytes bad = kSdes;
  bad[9] = 0x20;
  RtcpReader bad_reader(bad);
  SdesReader bad_sdes(*bad_reader.next());
  EXPECT_FALSE(bad_sdes.next());
  EXPECT_TRUE(bad_sdes.error());
}

TEST(RtcpTest, Bye) {
  RtcpReader reader(kBye);
  auto bye = RtcpBye::parse(*reader.next());
  ASSERT_TRUE(bye);
  EXPECT_EQ(bye->ssrc_count(), 1u);
  EXPECT_EQ(bye->ssrc(0), 0x11111111u);
  EXPECT_EQ(text(bye->reason()), "leave");
}

TEST(RtcpTest, NackRoundTripAndExpansion) {
  RtcpReader reader(kNack);
  auto fb = RtcpFeedback::parse(*reader.next());
  ASSERT_TRUE(fb);
  EXPECT_EQ(fb->type, rtcp_type::kRtpfb);
  EXPECT_EQ(fb->fmt, rtcp_fmt::kNack);
  EXPECT_EQ(fb->sender_ssrc, 0x11111111u);
  EXPECT_EQ(fb->media_ssrc, 0x22222222u);
  ASSERT_EQ(nack_item_count(*fb), 1u);
  const NackItem item = nack_item(*fb, 0);
  EXPECT_EQ(item.pid, 100);
  EXPECT_EQ(item.blp, 5);
  std::array<uint16_t, 17> lost{};
  const size_t n = item.expand(lost);
  EXPECT_EQ(std::vector<uint16_t>(lost.begin(), lost.begin() + static_cast<std::ptrdiff_t>(n)),
            (std::vector<uint16_t>{100, 101, 103}));
  Bytes out(64);
  auto size = build_nack(out, 0x11111111, 0x22222222, std::span(&item, 1));
  ASSERT_TRUE(size);
  out.resize(*size);
  EXPECT_EQ(out, kNack);
}

TEST(RtcpTest, NackExpansionWrapsAndPacks) {
  const NackItem item{0xfffe, 0xffff};
  std::array<uint16_t, 17> lost{};
  ASSERT_EQ(item.expand(lost), 17u);
  EXPECT_EQ(lost[1], 0xffff);
  EXPECT_EQ(lost[2], 0x0000);
  EXPECT_EQ(lost[16], 14);
  const uint16_t seqs[] = {65534, 65535, 1, 15, 16, 40};
  std::array<NackItem, 4> items{};
  // 65535 and 1 are 1 and 3 after 65534; 15 is 17 after it, so starts a new item.
  ASSERT_EQ(pack_nack_items(seqs, items), 3u);
  EXPECT_EQ(items[0].pid, 65534);
  EXPECT_EQ(items[0].blp, 0b101);
  EXPECT_EQ(items[1].pid, 15);
  EXPECT_EQ(items[1].blp, 0b1);
  EXPECT_EQ(items[2].pid, 40);
  EXPECT_EQ(items[2].blp, 0);
  EXPECT_EQ(pack_nack_items(seqs, std::span(items).first(1)), 1u);
}

TEST(RtcpTest, PliRoundTrip) {
  RtcpReader reader(kPli);
  auto fb = RtcpFeedback::parse(*reader.next());
  ASSERT_TRUE(fb);
  EXPECT_EQ(fb->type, rtcp_type::kPsfb);
  EXPECT_EQ(fb->fmt, rtcp_fmt::kPli);
  EXPECT_TRUE(fb->fci.empty());
  Bytes out(12);
  ASSERT_EQ(build_pli(out, fb->sender_ssrc, fb->media_ssrc), 12u);
  EXPECT_EQ(out, kPli);
}

TEST(RtcpTest, FirRoundTrip) {
  RtcpReader reader(kFir);
  auto fb = RtcpFeedback::parse(*reader.next());
  ASSERT_TRUE(fb);
  ASSERT_EQ(fir_item_count(*fb), 1u);
  const FirItem item = fir_item(*fb, 0);
  EXPECT_EQ(item.ssrc, 0x22222222u);
  EXPECT_EQ(item.sequence, 7);
  Bytes out(64);
  auto size = build_fir(out, 0x11111111, std::span(&item, 1));
  ASSERT_TRUE(size);
  out.resize(*size);
  EXPECT_EQ(out, kFir);
}

TEST(RtcpTest, Remb) {
  RtcpReader reader(kRemb);
  auto fb = RtcpFeedback::parse(*reader.next());
  ASSERT_TRUE(fb);
  auto remb = Remb::parse(*fb);
  ASSERT_TRUE(remb);
  EXPECT_EQ(remb->bitrate_bps(), 1000000u);
  ASSERT_EQ(remb->ssrc_count(), 1u);
  EXPECT_EQ(remb->ssrc(0), 0x22222222u);
  Bytes bad = kRemb;
  bad[16] = 2; // two SSRCs claimed, one present
  RtcpReader bad_reader(bad);
  EXPECT_FALSE(Remb::parse(*RtcpFeedback::parse(*bad_reader.next())));
  bad = kRemb;
  bad[17] = 0xff; // exponent 63: saturates instead of overflowing
  RtcpReader big_reader(bad);
  EXPECT_EQ(Remb::parse(*RtcpFeedback::parse(*big_reader.next()))->bitrate_bps(), UINT64_MAX);
}

TEST(RtcpTest, TransportCcHeaderAndStatusVector) {
  RtcpReader reader(kTwcc);
  auto fb = RtcpFeedback::parse(*reader.next());
  ASSERT_TRUE(fb);
  EXPECT_EQ(reader.error(), RtcpParseError::none);
  auto t = TransportCc::parse(*fb);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->base_sequence(), 0x0100);
  EXPECT_EQ(t->status_count(), 5);
  EXPECT_EQ(t->reference_time(), 16);
  EXPECT_EQ(t->feedback_count(), 3);
  std::array<TwccPacket, 8> packets{};
  auto n = t->decode(packets);
  ASSERT_EQ(n, 5u);
  EXPECT_EQ(packets[0].sequence, 0x0100);
  EXPECT_EQ(packets[0].status, TwccStatus::small_delta);
  EXPECT_EQ(packets[0].delta_us, 1000);
  EXPECT_EQ(packets[1].delta_us, 2000);
  EXPECT_EQ(packets[2].status, TwccStatus::not_received);
  EXPECT_EQ(packets[3].status, TwccStatus::large_delta);
  EXPECT_EQ(packets[3].delta_us, -4000);
  EXPECT_EQ(packets[4].sequence, 0x0104);
  EXPECT_EQ(packets[4].delta_us, 250);
  EXPECT_FALSE(t->decode(std::span(packets).first(4)));
}

TEST(RtcpTest, TransportCcRunLengthAndOneBitVector) {
  // 20 received (run length, small delta), then a one-bit vector for 14 more (alternating).
  Bytes b = {0x8f, 0xcd, 0x00, 0x00, 0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0x00, 34, 0xff, 0xff, 0xfe, 0x00};
  b.insert(b.end(), {0x20, 0x14});             // T=0, S=01, run 20
  b.insert(b.end(), {0x95, 0x55});             // T=1, S=0, 01010101010101
  for (int i = 0; i < 27; ++i) b.push_back(1); // 20 + 7 small deltas of 250 us
  while (b.size() % 4 != 0) b.push_back(0);
  b[3] = static_cast<uint8_t>(b.size() / 4 - 1);
  RtcpReader reader(b);
  auto t = TransportCc::parse(*RtcpFeedback::parse(*reader.next()));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->reference_time(), -2);
  std::array<TwccPacket, 34> packets{};
  ASSERT_EQ(t->decode(packets), 34u);
  EXPECT_EQ(packets[19].status, TwccStatus::small_delta);
  EXPECT_EQ(packets[20].status, TwccStatus::not_received);
  EXPECT_EQ(packets[21].status, TwccStatus::small_delta);
  EXPECT_EQ(packets[21].sequence, 20); // 0xffff + 21 wraps
  EXPECT_EQ(packets[33].status, TwccStatus::small_delta);
  EXPECT_EQ(packets[33].delta_us, 250);
  // Missing deltas are malformed.
  Bytes cut = b;
  cut[15] = 100; // 100 statuses: chunks run out
  RtcpReader cut_reader(cut);
  std::array<TwccPacket, 100> many{};
  EXPECT_FALSE(TransportCc::parse(*RtcpFeedback::parse(*cut_reader.next()))->decode(many));
}

TEST(RtcpTest, RejectsMalformedCompounds) {
  auto error_of = [](const Bytes& b) {
    RtcpReader r(b);
    while (r.next()) {
    }
    return r.error();
  };
  EXPECT_EQ(error_of({0x81, 0xc9}), RtcpParseError::truncated);
  EXPECT_EQ(error_of({0x41, 0xc9, 0x00, 0x00}), RtcpParseError::bad_version);
  EXPECT_EQ(error_of({0x81, 0xc9, 0x00, 0x01, 0, 0, 0}), RtcpParseError::bad_length);
  Bytes padded_first = concat({kPli, kPli});
  padded_first[0] |= 0x20;
  EXPECT_EQ(error_of(padded_first), RtcpParseError::bad_padding);
  Bytes zero_padding = kPli;
  zero_padding[0] |= 0x20;
  zero_padding.back() = 0;
  EXPECT_EQ(error_of(zero_padding), RtcpParseError::bad_padding);
  Bytes padded_last = concat({kPli, {0xa1, 0xce, 0x00, 0x03, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 4}});
  RtcpReader ok(padded_last);
  ok.next();
  auto last = ok.next();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->body.size(), 8u);
  EXPECT_EQ(ok.error(), RtcpParseError::none);
  // An SR claiming two blocks with room for one.
  Bytes sr = kSr;
  sr[0] = 0x82;
  RtcpReader sr_reader(sr);
  EXPECT_FALSE(RtcpReport::parse(*sr_reader.next()));
  // Feedback shorter than its two SSRCs.
  const Bytes short_fb = {0x81, 0xce, 0x00, 0x01, 1, 1, 1, 1};
  RtcpReader fb_reader(short_fb);
  EXPECT_FALSE(RtcpFeedback::parse(*fb_reader.next()));
}

} // namespace
} // namespace plenum::media
