// Interop with libsrtp2, an independent SRTP implementation: thousands of random RTP packets
// across a sequence-number wrap (rollover counter change) and hundreds of RTCP packets,
// protected by one side and unprotected by the other, both ways, both profiles. Tampered
// packets and replays must be refused by both.
#include <gtest/gtest.h>

#include <random>

#include "media/srtp/srtp_context.hpp"
#include "srtp_libsrtp_peer.hpp"
#include "srtp_test_util.hpp"

namespace plenum::media::srtp {
namespace {

using testing::LibSrtpSession;

constexpr int kRtpPackets = 3000;
constexpr int kRtcpPackets = 400;
constexpr std::uint16_t kFirstSeq = 65535 - 1400; // wraps after 1,400 packets
constexpr std::uint32_t kSsrcs[] = {0x11223344, 0x0badcafe};

class SrtpInterop : public ::testing::TestWithParam<SrtpProfile> {
 protected:
  void SetUp() override {
    key_.resize(16);
    salt_.resize(master_salt_length(GetParam()));
    for (auto& b : key_) b = static_cast<std::uint8_t>(rng_());
    for (auto& b : salt_) b = static_cast<std::uint8_t>(rng_());
  }
  SrtpContext ours() {
    auto c = SrtpContext::create(GetParam(), key_, salt_);
    PLENUM_ASSERT(c.ok(), "context");
    return std::move(c).value();
  }
  std::vector<std::uint8_t> random_rtp(std::uint16_t seq, std::uint32_t ssrc) {
    const std::size_t payload = 1 + rng_() % 1200;
    return testing::make_rtp(rng_, seq, ssrc, payload, static_cast<int>(rng_() % 3), rng_() % 2 == 0);
  }

  std::mt19937 rng_{20261122};
  std::vector<std::uint8_t> key_;
  std::vector<std::uint8_t> salt_;
};

TEST_P(SrtpInterop, RtpOursProtectLibsrtpUnprotects) {
  SrtpContext tx = ours();
  LibSrtpSession rx(GetParam(), key_, salt_, /*inbound=*/true);
  std::uint16_t seq = kFirstSeq;
  int tampered_refused = 0;
  int replays_refused = 0;
  for (int i = 0; i < kRtpPackets; ++i, ++seq) {
    for (std::uint32_t ssrc : kSsrcs) {
      const auto plain = random_rtp(seq, ssrc);
      std::vector<std::uint8_t> buf = plain;
      buf.resize(plain.size() + SRTP_MAX_TRAILER_LEN);
      const SrtpOutcome out = tx.protect_rtp(buf, plain.size());
      ASSERT_TRUE(out.ok()) << to_string(out.error);
      if (i % 97 == 5) {
        auto bad = buf;
        bad[rng_() % out.size] ^= static_cast<std::uint8_t>(1U << (rng_() % 8));
        int bad_length = static_cast<int>(out.size);
        if (rx.unprotect_rtp(bad, bad_length) != srtp_err_status_ok) ++tampered_refused;
      }
      const auto wire = buf;
      int length = static_cast<int>(out.size);
      ASSERT_EQ(rx.unprotect_rtp(buf, length), srtp_err_status_ok) << "seq " << seq << " ssrc " << ssrc;
      ASSERT_EQ(static_cast<std::size_t>(length), plain.size());
      ASSERT_TRUE(std::equal(plain.begin(), plain.end(), buf.begin())) << "seq " << seq;
      if (i % 101 == 7) {
        auto again = wire;
        int again_length = static_cast<int>(out.size);
        if (rx.unprotect_rtp(again, again_length) == srtp_err_status_replay_fail) ++replays_refused;
      }
    }
  }
  EXPECT_EQ(tampered_refused, 2 * (kRtpPackets / 97 + 1));
  EXPECT_EQ(replays_refused, 2 * (kRtpPackets / 101 + 1));
}

TEST_P(SrtpInterop, RtpLibsrtpProtectsOursUnprotects) {
  LibSrtpSession tx(GetParam(), key_, salt_, /*inbound=*/false);
  SrtpContext rx = ours();
  std::uint16_t seq = kFirstSeq;
  int tampered_refused = 0;
  int replays_refused = 0;
  std::vector<std::uint8_t> held; // one packet delivered late, to exercise the window
  for (int i = 0; i < kRtpPackets; ++i, ++seq) {
    for (std::uint32_t ssrc : kSsrcs) {
      const auto plain = random_rtp(seq, ssrc);
      std::vector<std::uint8_t> buf = plain;
      buf.resize(plain.size() + SRTP_MAX_TRAILER_LEN);
      int length = static_cast<int>(plain.size());
      ASSERT_EQ(tx.protect_rtp(buf, length), srtp_err_status_ok);
      buf.resize(static_cast<std::size_t>(length));
      if (i % 97 == 5) {
        auto bad = buf;
        bad[rng_() % bad.size()] ^= static_cast<std::uint8_t>(1U << (rng_() % 8));
        if (!rx.unprotect_rtp(bad).ok()) ++tampered_refused;
      }
      const auto wire = buf;
      const SrtpOutcome in = rx.unprotect_rtp(buf);
      ASSERT_TRUE(in.ok()) << to_string(in.error) << " seq " << seq << " ssrc " << ssrc;
      ASSERT_EQ(in.size, plain.size());
      ASSERT_TRUE(std::equal(plain.begin(), plain.end(), buf.begin())) << "seq " << seq;
      if (i % 101 == 7) {
        auto again = wire;
        if (rx.unprotect_rtp(again).error == SrtpError::replayed) ++replays_refused;
      }
    }
  }
  EXPECT_EQ(tampered_refused, 2 * (kRtpPackets / 97 + 1));
  EXPECT_EQ(replays_refused, 2 * (kRtpPackets / 101 + 1));
}

TEST_P(SrtpInterop, RtcpBothWays) {
  SrtpContext ours_tx = ours();
  SrtpContext ours_rx = ours();
  LibSrtpSession lib_rx(GetParam(), key_, salt_, /*inbound=*/true);
  LibSrtpSession lib_tx(GetParam(), key_, salt_, /*inbound=*/false);
  for (int i = 0; i < kRtcpPackets; ++i) {
    const std::uint32_t ssrc = kSsrcs[i % 2];
    const auto plain = testing::make_rtcp(rng_, ssrc, 1 + rng_() % 60);

    // Ours → libsrtp.
    std::vector<std::uint8_t> buf = plain;
    buf.resize(plain.size() + SRTP_MAX_TRAILER_LEN);
    const SrtpOutcome out = ours_tx.protect_rtcp(buf, plain.size());
    ASSERT_TRUE(out.ok());
    auto wire = buf;
    int length = static_cast<int>(out.size);
    ASSERT_EQ(lib_rx.unprotect_rtcp(buf, length), srtp_err_status_ok) << i;
    ASSERT_EQ(static_cast<std::size_t>(length), plain.size());
    ASSERT_TRUE(std::equal(plain.begin(), plain.end(), buf.begin()));
    length = static_cast<int>(out.size);
    EXPECT_EQ(lib_rx.unprotect_rtcp(wire, length), srtp_err_status_replay_fail);

    // libsrtp → ours.
    buf = plain;
    buf.resize(plain.size() + SRTP_MAX_TRAILER_LEN);
    length = static_cast<int>(plain.size());
    ASSERT_EQ(lib_tx.protect_rtcp(buf, length), srtp_err_status_ok);
    buf.resize(static_cast<std::size_t>(length));
    auto bad = buf;
    bad[8 + rng_() % (bad.size() - 8)] ^= 0x04;
    EXPECT_FALSE(ours_rx.unprotect_rtcp(bad).ok());
    wire = buf;
    const SrtpOutcome in = ours_rx.unprotect_rtcp(buf);
    ASSERT_TRUE(in.ok()) << to_string(in.error) << " " << i;
    ASSERT_EQ(in.size, plain.size());
    ASSERT_TRUE(std::equal(plain.begin(), plain.end(), buf.begin()));
    EXPECT_EQ(ours_rx.unprotect_rtcp(wire).error, SrtpError::replayed);
  }
}

INSTANTIATE_TEST_SUITE_P(Srtp, SrtpInterop,
                         ::testing::Values(SrtpProfile::aead_aes_128_gcm,
                                           SrtpProfile::aes_cm_128_hmac_sha1_80),
                         testing::profile_name);

} // namespace
} // namespace plenum::media::srtp
