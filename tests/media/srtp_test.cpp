// SRTP/SRTCP on OpenSSL: RFC 3711 Appendix B and RFC 7714 §16 test vectors, byte for byte, and
// the error values of unprotect (tamper, replay, too short, wrong rollover counter).
#include <gtest/gtest.h>

#include <random>

#include "media/srtp/replay_window.hpp"
#include "media/srtp/srtp_context.hpp"
#include "media/srtp/srtp_kdf.hpp"
#include "srtp_test_util.hpp"

namespace plenum::media::srtp {
namespace {

using testing::from_hex;
using testing::to_hex;

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// RFC 3711 Appendix B.2: AES-CM keystream for session key 2B7E..., salt F0F1...FD, SSRC 0,
// index 0. The counter blocks run from F0F1..FD0000; we check the first three and the three
// around FEFF..FF01 (the latter starting from that counter value).
TEST(SrtpVectors, Rfc3711AppendixB2AesCmKeystream) {
  const auto key = from_hex("2B7E151628AED2A6ABF7158809CF4F3C");
  std::array<std::uint8_t, 16> iv{};
  const auto start = from_hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
  std::copy(start.begin(), start.end(), iv.begin());
  std::vector<std::uint8_t> ks(48);
  ASSERT_TRUE(aes_cm_keystream(std::span<const std::uint8_t, 16>(key.data(), 16), iv, ks).ok());
  EXPECT_EQ(upper(to_hex(ks)),
            "E03EAD0935C95E80E166B16DD92B4EB4"
            "D23513162B02D0F72A43A2FE4A5F97AB"
            "41E95B3BB0A2E8DD477901E4FCA894C0");
  // The whole 2^16-block sequence from the RFC's counter start: blocks FEFF, FF00, FF01.
  std::vector<std::uint8_t> all(16 * 0xff02);
  ASSERT_TRUE(aes_cm_keystream(std::span<const std::uint8_t, 16>(key.data(), 16), iv, all).ok());
  EXPECT_EQ(upper(to_hex(all.data() + 16 * 0xfeff, 48)),
            "EC8CDF7398607CB0F2D21675EA9EA1E4"
            "362B7C3C6773516318A077D7FC5073AE"
            "6A2CC3787889374FBEB4C81B17BA6C44");
}

// RFC 3711 Appendix B.3: session keys from master key E1F9... and salt 0EC6... (kdr 0).
TEST(SrtpVectors, Rfc3711AppendixB3KeyDerivation) {
  const auto master_key = from_hex("E1F97A0D3E018BE0D64FA32C06DE4139");
  const auto master_salt = from_hex("0EC675AD498AFEEBB6960B3AABE6");
  std::vector<std::uint8_t> cipher(16);
  std::vector<std::uint8_t> salt(14);
  std::vector<std::uint8_t> auth(94);
  ASSERT_TRUE(derive_session_key(master_key, master_salt, 0x00, cipher).ok());
  ASSERT_TRUE(derive_session_key(master_key, master_salt, 0x02, salt).ok());
  ASSERT_TRUE(derive_session_key(master_key, master_salt, 0x01, auth).ok());
  EXPECT_EQ(upper(to_hex(cipher)), "C61E7A93744F39EE10734AFE3FF7A087");
  EXPECT_EQ(upper(to_hex(salt)), "30CBBC08863D8C85D49DB34A9AE1");
  EXPECT_EQ(upper(to_hex(auth)),
            "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE"
            "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25"
            "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2");

  // The profile-level derivation yields the same three RTP keys (20-byte HMAC key).
  auto set = derive_session_keys(SrtpProfile::aes_cm_128_hmac_sha1_80, master_key, master_salt);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(upper(to_hex(set->rtp.cipher_key.data(), 16)), "C61E7A93744F39EE10734AFE3FF7A087");
  EXPECT_EQ(upper(to_hex(set->rtp.auth_key.data(), 20)), "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
  EXPECT_EQ(upper(to_hex(set->rtp.salt.data(), 14)), "30CBBC08863D8C85D49DB34A9AE1");
  EXPECT_NE(set->rtcp.cipher_key, set->rtp.cipher_key);
}

TEST(SrtpVectors, KeyDerivationRejectsBadLengths) {
  const std::vector<std::uint8_t> key(15);
  const std::vector<std::uint8_t> salt(14);
  EXPECT_FALSE(derive_session_keys(SrtpProfile::aes_cm_128_hmac_sha1_80, key, salt).ok());
  const std::vector<std::uint8_t> key16(16);
  EXPECT_FALSE(derive_session_keys(SrtpProfile::aead_aes_128_gcm, key16, salt).ok()); // GCM wants 12
  EXPECT_FALSE(SrtpContext::create(SrtpProfile::aead_aes_128_gcm, key, salt).ok());
}

// RFC 7714 §16.1.1/16.1.2: AEAD_AES_128_GCM RTP with session key 0001...0f and salt "Quid pro
// quo"; SSRC 5501a0b2, SEQ f17b, ROC 0.
constexpr const char* kRfc7714Plain =
    "8040f17b8041f8d35501a0b2"
    "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573";
constexpr const char* kRfc7714Protected =
    "8040f17b8041f8d35501a0b2"
    "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
    "899d7f27beb16a9152cf765ee4390cce";

SrtpContext rfc7714_context() {
  SrtpSessionKeySet keys;
  const auto key = from_hex("000102030405060708090a0b0c0d0e0f");
  const auto salt = from_hex("517569642070726f2071756f");
  std::copy(key.begin(), key.end(), keys.rtp.cipher_key.begin());
  std::copy(salt.begin(), salt.end(), keys.rtp.salt.begin());
  keys.rtcp = keys.rtp;
  auto context = SrtpContext::create_from_session_keys(SrtpProfile::aead_aes_128_gcm, keys);
  PLENUM_ASSERT(context.ok(), "context");
  return std::move(context).value();
}

TEST(SrtpVectors, Rfc7714Section16RtpEncryptAndDecrypt) {
  SrtpContext sender = rfc7714_context();
  auto packet = from_hex(kRfc7714Plain);
  const std::size_t plain_length = packet.size();
  packet.resize(plain_length + kSrtpMaxRtpOverhead);
  const SrtpOutcome out = sender.protect_rtp(packet, plain_length);
  ASSERT_TRUE(out.ok()) << to_string(out.error);
  EXPECT_EQ(to_hex(packet.data(), out.size), kRfc7714Protected);

  SrtpContext receiver = rfc7714_context();
  auto wire = from_hex(kRfc7714Protected);
  const SrtpOutcome in = receiver.unprotect_rtp(wire);
  ASSERT_TRUE(in.ok()) << to_string(in.error);
  EXPECT_EQ(to_hex(wire.data(), in.size), kRfc7714Plain);
}

TEST(SrtpVectors, Rfc7714Section16TamperedTagOrHeaderFails) {
  for (std::size_t flip : {std::size_t{3}, std::size_t{20}, std::size_t{60}}) {
    SrtpContext receiver = rfc7714_context();
    auto wire = from_hex(kRfc7714Protected);
    wire[flip] ^= 0x01; // header (AAD), ciphertext, tag
    EXPECT_EQ(receiver.unprotect_rtp(wire).error, SrtpError::auth_failed) << flip;
  }
}

class SrtpProfiles : public ::testing::TestWithParam<SrtpProfile> {
 protected:
  SrtpContext make() {
    const std::vector<std::uint8_t> key(16, 0x11);
    const std::vector<std::uint8_t> salt(master_salt_length(GetParam()), 0x22);
    auto c = SrtpContext::create(GetParam(), key, salt);
    PLENUM_ASSERT(c.ok(), "context");
    return std::move(c).value();
  }
  std::mt19937 rng_{7};
};

TEST_P(SrtpProfiles, RoundTripAcrossSequenceWrapWithCsrcAndExtension) {
  SrtpContext tx = make();
  SrtpContext rx = make();
  std::uint16_t seq = 65500;
  for (int i = 0; i < 200; ++i, ++seq) {
    auto plain =
        testing::make_rtp(rng_, seq, 0xcafe0001, 10 + static_cast<std::size_t>(i), i % 3, i % 2 == 0);
    auto buf = plain;
    buf.resize(plain.size() + kSrtpMaxRtpOverhead);
    const SrtpOutcome out = tx.protect_rtp(buf, plain.size());
    ASSERT_TRUE(out.ok());
    ASSERT_EQ(out.size, plain.size() + auth_tag_length(GetParam()));
    buf.resize(out.size);
    const SrtpOutcome in = rx.unprotect_rtp(buf);
    ASSERT_TRUE(in.ok()) << to_string(in.error) << " at seq " << seq;
    buf.resize(in.size);
    ASSERT_EQ(buf, plain);
  }
}

TEST_P(SrtpProfiles, ReplayTamperAndShortPacketsAreRefused) {
  SrtpContext tx = make();
  SrtpContext rx = make();
  auto plain = testing::make_rtp(rng_, 1000, 42, 100);
  auto buf = plain;
  buf.resize(plain.size() + kSrtpMaxRtpOverhead);
  const SrtpOutcome out = tx.protect_rtp(buf, plain.size());
  ASSERT_TRUE(out.ok());
  buf.resize(out.size);
  const auto wire = buf;

  auto tampered = wire;
  tampered[30] ^= 0x80;
  EXPECT_EQ(rx.unprotect_rtp(tampered).error, SrtpError::auth_failed);
  auto copy = wire;
  EXPECT_TRUE(rx.unprotect_rtp(copy).ok()); // a failed forgery does not burn the index
  copy = wire;
  EXPECT_EQ(rx.unprotect_rtp(copy).error, SrtpError::replayed);

  std::vector<std::uint8_t> tiny(wire.begin(), wire.begin() + 12);
  EXPECT_EQ(rx.unprotect_rtp(tiny).error, SrtpError::too_short);
  auto bad_version = wire;
  bad_version[0] = 0x40;
  EXPECT_EQ(rx.unprotect_rtp(bad_version).error, SrtpError::malformed);

  auto no_room = plain;
  EXPECT_EQ(tx.protect_rtp(no_room, no_room.size()).error, SrtpError::no_room);
}

TEST_P(SrtpProfiles, ReplayWindowAcceptsReorderingAndRefusesTooOld) {
  SrtpContext tx = make();
  SrtpContext rx = make();
  std::vector<std::vector<std::uint8_t>> wire;
  for (std::uint16_t seq = 0; seq < 300; ++seq) {
    auto buf = testing::make_rtp(rng_, seq, 7, 20);
    const std::size_t n = buf.size();
    buf.resize(n + kSrtpMaxRtpOverhead);
    const SrtpOutcome out = tx.protect_rtp(buf, n);
    ASSERT_TRUE(out.ok());
    buf.resize(out.size);
    wire.push_back(buf);
  }
  auto take = [&](std::size_t i) {
    auto b = wire[i];
    return rx.unprotect_rtp(b).error;
  };
  EXPECT_EQ(take(200), SrtpError::none);
  EXPECT_EQ(take(150), SrtpError::none); // 50 behind: inside the window
  EXPECT_EQ(take(150), SrtpError::replayed);
  EXPECT_EQ(take(72), SrtpError::replayed); // 128 behind: just outside the window
  EXPECT_EQ(take(73), SrtpError::none);     // 127 behind: the oldest inside
  EXPECT_EQ(take(60), SrtpError::replayed); // 140 behind: too old
  EXPECT_EQ(take(299), SrtpError::none);
  EXPECT_EQ(take(200), SrtpError::replayed);
}

TEST_P(SrtpProfiles, RtcpRoundTripReplayAndTamper) {
  SrtpContext tx = make();
  SrtpContext rx = make();
  for (int i = 0; i < 50; ++i) {
    const auto plain = testing::make_rtcp(rng_, 0xabcdef01, 6 + static_cast<std::size_t>(i % 5));
    auto buf = plain;
    buf.resize(plain.size() + kSrtpMaxRtcpOverhead);
    const SrtpOutcome out = tx.protect_rtcp(buf, plain.size());
    ASSERT_TRUE(out.ok());
    ASSERT_EQ(out.size, plain.size() + 4 + auth_tag_length(GetParam()));
    buf.resize(out.size);
    const auto wire = buf;
    auto tampered = wire;
    tampered[10] ^= 1; // the first encrypted byte
    EXPECT_EQ(rx.unprotect_rtcp(tampered).error, SrtpError::auth_failed);
    const SrtpOutcome in = rx.unprotect_rtcp(buf);
    ASSERT_TRUE(in.ok()) << to_string(in.error);
    buf.resize(in.size);
    EXPECT_EQ(buf, plain);
    auto again = wire;
    EXPECT_EQ(rx.unprotect_rtcp(again).error, SrtpError::replayed);
  }
  std::vector<std::uint8_t> tiny(12, 0x80);
  EXPECT_EQ(rx.unprotect_rtcp(tiny).error, SrtpError::too_short);
}

TEST_P(SrtpProfiles, LateJoinerWithWrongRocFailsAuthentication) {
  SrtpContext tx = make();
  ASSERT_EQ(tx.set_send_roc(9, 5), SrtpError::none);
  auto buf = testing::make_rtp(rng_, 10, 9, 40);
  const std::size_t n = buf.size();
  buf.resize(n + kSrtpMaxRtpOverhead);
  const SrtpOutcome out = tx.protect_rtp(buf, n);
  ASSERT_TRUE(out.ok());
  buf.resize(out.size);
  SrtpContext rx = make(); // assumes ROC 0: the tag covers the ROC (RFC 3711 §4.2)
  EXPECT_EQ(rx.unprotect_rtp(buf).error, SrtpError::auth_failed);
}

INSTANTIATE_TEST_SUITE_P(Srtp, SrtpProfiles,
                         ::testing::Values(SrtpProfile::aead_aes_128_gcm,
                                           SrtpProfile::aes_cm_128_hmac_sha1_80),
                         testing::profile_name);

TEST(SrtpReplayWindow, SlidesAndRemembers) {
  ReplayWindow w;
  EXPECT_TRUE(w.check(1000));
  w.accept(1000);
  EXPECT_FALSE(w.check(1000));
  EXPECT_TRUE(w.check(999));
  w.accept(999);
  EXPECT_FALSE(w.check(999));
  EXPECT_TRUE(w.check(1000 - 127));
  EXPECT_FALSE(w.check(1000 - 128));
  w.accept(1000 + 64); // shift by 64 keeps 1000 and 999 in the upper word
  EXPECT_FALSE(w.check(1000));
  EXPECT_FALSE(w.check(999));
  EXPECT_TRUE(w.check(1001));
  w.accept(1000 + 64 + 200);
  EXPECT_FALSE(w.check(1001)); // now too old
  EXPECT_TRUE(w.check(1264 - 1));
}

} // namespace
} // namespace plenum::media::srtp
