// ReceiveStats against values worked out by hand from RFC 3550 appendices A.1 (probation,
// wrap, restart), A.3 (expected, lost, fraction per interval) and A.8 (jitter), and the LSR/DLSR
// fields of section 6.4.1.
#include "media/stream/receive_stats.hpp"

#include <gtest/gtest.h>

#include <initializer_list>

#include "media/stream/ntp.hpp"

namespace plenum::media::stream {
namespace {

constexpr uint32_t kSsrc = 0x11223344;
constexpr uint32_t kVideoClock = 90000;

void receive(ReceiveStats& stats, std::initializer_list<uint16_t> seqs, int64_t now_ms = 0) {
  for (const uint16_t seq : seqs) stats.on_packet(seq, 0, now_ms);
}

TEST(StreamReceiveStats, ProbationNeedsTwoPacketsInSequence) {
  ReceiveStats stats(kSsrc, kVideoClock);
  EXPECT_FALSE(stats.on_packet(100, 0, 0));
  EXPECT_FALSE(stats.valid());
  EXPECT_FALSE(stats.report_block(0));
  EXPECT_FALSE(stats.on_packet(200, 0, 0)); // out of sequence: probation restarts
  EXPECT_TRUE(stats.on_packet(201, 0, 0));  // counting starts here (A.1: init_seq on the last)
  EXPECT_TRUE(stats.valid());
  EXPECT_EQ(stats.received(), 1U);
  EXPECT_EQ(stats.expected(), 1);
  const auto block = stats.report_block(0);
  ASSERT_TRUE(block);
  EXPECT_EQ(block->ssrc, kSsrc);
  EXPECT_EQ(block->highest_sequence, 201U);
  EXPECT_EQ(block->cumulative_lost, 0);
  EXPECT_EQ(block->fraction_lost, 0);
}

TEST(StreamReceiveStats, MinSequentialOneAcceptsTheFirstPacket) {
  ReceiveStats stats(kSsrc, kVideoClock, 1);
  EXPECT_TRUE(stats.on_packet(7, 0, 0));
  EXPECT_EQ(stats.received(), 1U);
}

TEST(StreamReceiveStats, FractionAndCumulativeLostPerInterval) {
  ReceiveStats stats(kSsrc, kVideoClock, 1);
  // Interval 1: 0..9 without 3 and 7. Expected 10, received 8: fraction 2*256/10 = 51.
  receive(stats, {0, 1, 2, 4, 5, 6, 8, 9});
  auto block = stats.report_block(0);
  EXPECT_EQ(block->fraction_lost, 51);
  EXPECT_EQ(block->cumulative_lost, 2);
  EXPECT_EQ(block->highest_sequence, 9U);
  // Interval 2: 10..19 complete.
  for (uint16_t seq = 10; seq < 20; ++seq) stats.on_packet(seq, 0, 0);
  block = stats.report_block(0);
  EXPECT_EQ(block->fraction_lost, 0);
  EXPECT_EQ(block->cumulative_lost, 2);
  // Interval 3: 20..29 without 25, 26, 27, plus 3 arriving 17 late (counted as received).
  receive(stats, {20, 21, 22, 23, 24, 3, 28, 29});
  block = stats.report_block(0);
  EXPECT_EQ(block->fraction_lost, 51);     // 10 expected, 8 received
  EXPECT_EQ(block->cumulative_lost, 4);    // 30 expected - 26 received
  EXPECT_EQ(block->highest_sequence, 29U); // the late 3 did not move it
  // An empty interval reports 0, not a division by zero.
  block = stats.report_block(0);
  EXPECT_EQ(block->fraction_lost, 0);
}

TEST(StreamReceiveStats, DuplicatesMakeCumulativeLostNegative) {
  ReceiveStats stats(kSsrc, kVideoClock, 1);
  receive(stats, {0, 1, 2, 3, 4, 4, 3});
  const auto block = stats.report_block(0);
  EXPECT_EQ(stats.received(), 7U);
  EXPECT_EQ(block->cumulative_lost, -2);
  EXPECT_EQ(block->fraction_lost, 0); // more received than expected in the interval
}

TEST(StreamReceiveStats, ExtendedHighestCountsCycles) {
  ReceiveStats stats(kSsrc, kVideoClock, 1);
  for (uint16_t seq = 65530; seq != 6; ++seq) {
    if (seq != 65535 && seq != 2) stats.on_packet(seq, 0, 0);
  }
  const auto block = stats.report_block(0);
  EXPECT_EQ(block->highest_sequence, 65536U + 5);
  EXPECT_EQ(stats.expected(), 12);
  EXPECT_EQ(block->cumulative_lost, 2);
  EXPECT_EQ(block->fraction_lost, 2 * 256 / 12); // 42
  // A packet from just before the wrap arriving late does not go back a cycle.
  stats.on_packet(65535, 0, 0);
  EXPECT_EQ(stats.extended_highest(), 65536U + 5);
  EXPECT_EQ(stats.cumulative_lost(), 1);
}

TEST(StreamReceiveStats, LargeJumpCountsOnlyWhenTheNextPacketFollows) {
  ReceiveStats stats(kSsrc, kVideoClock, 1);
  receive(stats, {100, 101, 102});
  EXPECT_FALSE(stats.on_packet(30000, 0, 0)); // a stray packet: ignored
  EXPECT_TRUE(stats.on_packet(103, 0, 0));
  EXPECT_EQ(stats.expected(), 4);
  EXPECT_EQ(stats.cumulative_lost(), 0);
  // The sender restarted: 40000, 40001 -> counts restart at 40001.
  EXPECT_FALSE(stats.on_packet(40000, 0, 0));
  EXPECT_TRUE(stats.on_packet(40001, 0, 0));
  EXPECT_EQ(stats.received(), 1U);
  EXPECT_EQ(stats.expected(), 1);
  EXPECT_EQ(stats.extended_highest(), 40001U);
}

TEST(StreamReceiveStats, JumpWithinMaxDropoutIsLoss) {
  ReceiveStats stats(kSsrc, kVideoClock, 1);
  receive(stats, {0, 2999});
  EXPECT_EQ(stats.cumulative_lost(), 2998);
}

TEST(StreamReceiveStats, JitterIsZeroForConstantDelay) {
  ReceiveStats stats(kSsrc, kVideoClock, 1);
  for (uint32_t i = 0; i < 50; ++i) stats.on_packet(static_cast<uint16_t>(i), 1800 * i, 1000 + 20 * i);
  EXPECT_EQ(stats.jitter(), 0U);
}

TEST(StreamReceiveStats, JitterOfAlternatingDelay) {
  // 50 packets per second (1800 ticks at 90 kHz apart); every other one arrives 10 ms late, so
  // every |D| is 10 ms = 900 ticks. A.8: J1 = 900/16 = 56.25; J converges to 900.
  ReceiveStats stats(kSsrc, kVideoClock, 1);
  auto send = [&stats](uint32_t i) {
    stats.on_packet(static_cast<uint16_t>(i), 1800 * i, 20 * int64_t{i} + (i % 2 == 1 ? 10 : 0));
  };
  send(0);
  send(1);
  EXPECT_EQ(stats.jitter(), 56U);
  send(2);
  EXPECT_EQ(stats.jitter(), 109U); // J2 = 56.25 + (900 - 56.25) / 16 = 108.98
  for (uint32_t i = 3; i < 300; ++i) send(i);
  EXPECT_GE(stats.jitter(), 890U);
  EXPECT_LE(stats.jitter(), 900U);
  EXPECT_EQ(stats.report_block(6000)->jitter, stats.jitter());
}

TEST(StreamReceiveStats, ReorderedPacketsDoNotAddJitter) {
  ReceiveStats stats(kSsrc, kVideoClock, 1);
  stats.on_packet(0, 0, 0);
  stats.on_packet(2, 3600, 40);
  stats.on_packet(1, 1800, 200); // 180 ms late: a retransmission
  stats.on_packet(3, 5400, 60);
  EXPECT_EQ(stats.jitter(), 0U);
}

TEST(StreamReceiveStats, LastSenderReportFillsLsrAndDlsr) {
  ReceiveStats stats(kSsrc, kVideoClock, 1);
  stats.on_packet(1, 0, 0);
  EXPECT_EQ(stats.report_block(0)->last_sr, 0U);
  EXPECT_EQ(stats.report_block(0)->delay_since_last_sr, 0U);
  stats.on_sender_report(0xAAAABBBBCCCCDDDDULL, 1000);
  const auto block = stats.report_block(1500);
  EXPECT_EQ(block->last_sr, 0xBBBBCCCCU);
  EXPECT_EQ(block->delay_since_last_sr, 32768U); // 0.5 s in 1/65536 s
}

TEST(StreamNtp, ConversionsMatchRfc3550Units) {
  EXPECT_EQ(ntp_from_unix_ms(0), kNtpUnixEpochOffsetS << 32);
  EXPECT_EQ(ntp_from_unix_ms(1500), ((kNtpUnixEpochOffsetS + 1) << 32) | 0x80000000U);
  EXPECT_EQ(compact_ntp(0x0123456789ABCDEFULL), 0x456789ABU);
  EXPECT_EQ(ms_to_compact_ntp(1000), 65536U);
  EXPECT_EQ(compact_ntp_to_ms(65536 / 4), 250);
}

} // namespace
} // namespace plenum::media::stream
