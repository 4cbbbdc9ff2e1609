// SendStats: SR sender info (counts, RTP timestamp extrapolated to the SR's instant) and the
// RTT of RFC 3550 section 6.4.1 from a report block's LSR and DLSR.
#include "media/stream/send_stats.hpp"

#include <gtest/gtest.h>

#include "media/stream/ntp.hpp"

namespace plenum::media::stream {
namespace {

constexpr int64_t kUnixMs = 1'700'000'000'000;

TEST(StreamSendStats, CountsPacketsAndPayloadOctets) {
  SendStats stats(90000);
  EXPECT_FALSE(stats.has_sent());
  stats.on_packet_sent(1000, 100, 0);
  stats.on_packet_sent(1000, 200, 5);
  stats.on_packet_sent(4000, 300, 33);
  EXPECT_TRUE(stats.has_sent());
  const SenderInfo info = stats.sender_info(33, 42);
  EXPECT_EQ(info.packet_count, 3U);
  EXPECT_EQ(info.octet_count, 600U);
  EXPECT_EQ(info.ntp_timestamp, 42U);
  EXPECT_EQ(info.rtp_timestamp, 4000U);
}

TEST(StreamSendStats, RtpTimestampIsExtrapolatedToTheReportTime) {
  SendStats video(90000);
  video.on_packet_sent(90000, 1000, 1000);
  EXPECT_EQ(video.sender_info(1500, ntp_from_unix_ms(kUnixMs)).rtp_timestamp, 90000U + 45000);
  SendStats audio(48000);
  audio.on_packet_sent(0xFFFFFF00U, 100, 0); // wraps
  EXPECT_EQ(audio.sender_info(20, 0).rtp_timestamp, 0xFFFFFF00U + 960);
}

TEST(StreamSendStats, RttFromLsrAndDlsr) {
  SendStats stats(90000);
  const uint64_t sr_sent = ntp_from_unix_ms(kUnixMs);
  ReportBlock block;
  block.last_sr = compact_ntp(sr_sent);
  block.delay_since_last_sr = 65536; // the receiver held it 1 s
  block.fraction_lost = 12;
  block.cumulative_lost = 34;
  // Arrives 1.25 s after our SR left: 1 s at the receiver, 250 ms on the wire both ways.
  const auto rtt = stats.on_report_block(block, ntp_from_unix_ms(kUnixMs + 1250));
  ASSERT_TRUE(rtt);
  EXPECT_EQ(*rtt, 250);
  EXPECT_EQ(stats.rtt_ms(), 250);
  EXPECT_EQ(stats.fraction_lost(), 12);
  EXPECT_EQ(stats.cumulative_lost(), 34);
}

TEST(StreamSendStats, NoRttWithoutLsrAndNeverNegative) {
  SendStats stats(90000);
  ReportBlock block;
  EXPECT_FALSE(stats.on_report_block(block, ntp_from_unix_ms(kUnixMs)));
  EXPECT_FALSE(stats.rtt_ms());
  block.last_sr = compact_ntp(ntp_from_unix_ms(kUnixMs));
  block.delay_since_last_sr = 2 * 65536; // claims to have held it longer than it was away
  EXPECT_EQ(stats.on_report_block(block, ntp_from_unix_ms(kUnixMs + 1000)), 0);
}

} // namespace
} // namespace plenum::media::stream
