// STUN against the test vectors of RFC 5769 ("Test Vectors for STUN", sections 2.1-2.3), byte
// for byte, plus malformed input. The vectors pad SOFTWARE and USERNAME with 0x20 (the RFC
// allows any padding), which is why the byte-exact rebuilds pass pad = 0x20.
#include "media/stun.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>
#include <vector>

#include "media/bytes.hpp"

namespace plenum::media {
namespace {

const std::string kPassword = "VOkJxbRl1RmTxUk/WvJxBt"; // RFC 5769 section 2

// RFC 5769 section 2.1: Binding request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME,
// MESSAGE-INTEGRITY, FINGERPRINT.
const std::vector<uint8_t>
    kRequest =
        {
            0x00, 0x01, 0x00, 0x58, // Binding request, length 88
            0x21, 0x12, 0xa4, 0x42, // magic cookie
            0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae, // transaction id
            0x80, 0x22, 0x00, 0x10,                                                 // SOFTWARE, 16 bytes
            0x53, 0x54, 0x55, 0x4e, 0x20, 0x74, 0x65, 0x73, 0x74, 0x20, 0x63, 0x6c, 0x69, 0x65,
            0x6e, 0x74, 0x00, 0x24, 0x00, 0x04, 0x6e, 0x00, 0x01, 0xff,             // PRIORITY 0x6e0001ff
            0x80, 0x29, 0x00, 0x08, 0x93, 0x2f, 0xf9, 0xb1, 0x51, 0x26, 0x3b, 0x36, // ICE-CONTROLLED
            0x00, 0x06, 0x00, 0x09, 0x65, 0x76, 0x74, 0x6a, 0x3a, 0x68, 0x36, 0x76, 0x59, 0x20,
            0x20, 0x20,             // "evtj:h6vY"
            0x00, 0x08, 0x00, 0x14, // MESSAGE-INTEGRITY
            0x9a, 0xea, 0xa7, 0x0c, 0xbf, 0xd8, 0xcb, 0x56, 0x78, 0x1e, 0xf2, 0xb5, 0xb2, 0xd3,
            0xf2, 0x49, 0xc1, 0xb5, 0x71, 0xa2, 0x80, 0x28, 0x00, 0x04, 0xe5, 0x7a, 0x3b, 0xcf, // FINGERPRINT
};

// RFC 5769 section 2.2: success response, SOFTWARE "test vector", XOR-MAPPED-ADDRESS
// 192.0.2.1:32853, MESSAGE-INTEGRITY, FINGERPRINT.
const std::vector<uint8_t> kResponseV4 = {
    0x01, 0x01, 0x00, 0x3c, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa,
    0x87, 0xdf, 0xae, 0x80, 0x22, 0x00, 0x0b, 0x74, 0x65, 0x73, 0x74, 0x20, 0x76, 0x65, 0x63, 0x74, 0x6f,
    0x72, 0x20, 0x00, 0x20, 0x00, 0x08, 0x00, 0x01, 0xa1, 0x47, 0xe1, 0x12, 0xa6, 0x43, // XOR-MAPPED-ADDRESS
    0x00, 0x08, 0x00, 0x14, 0x2b, 0x91, 0xf5, 0x99, 0xfd, 0x9e, 0x90, 0xc3, 0x8c, 0x74, 0x89, 0xf9, 0x2a,
    0xf9, 0xba, 0x53, 0xf0, 0x6b, 0xe7, 0xd7, 0x80, 0x28, 0x00, 0x04, 0xc0, 0x7d, 0x4c, 0x96,
};

// RFC 5769 section 2.3: the same with XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853.
const std::vector<uint8_t> kResponseV6 = {
    0x01, 0x01, 0x00, 0x48, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86,
    0xfa, 0x87, 0xdf, 0xae, 0x80, 0x22, 0x00, 0x0b, 0x74, 0x65, 0x73, 0x74, 0x20, 0x76, 0x65, 0x63,
    0x74, 0x6f, 0x72, 0x20, 0x00, 0x20, 0x00, 0x14, 0x00, 0x02, 0xa1, 0x47, 0x01, 0x13, 0xa9, 0xfa,
    0xa5, 0xd3, 0xf1, 0x79, 0xbc, 0x25, 0xf4, 0xb5, 0xbe, 0xd2, 0xb9, 0xd9, 0x00, 0x08, 0x00, 0x14,
    0xa3, 0x82, 0x95, 0x4e, 0x4b, 0xe6, 0x7b, 0xf1, 0x17, 0x84, 0xc9, 0x7c, 0x82, 0x92, 0xc2, 0x75,
    0xbf, 0xe3, 0xed, 0x41, 0x80, 0x28, 0x00, 0x04, 0xc8, 0xfb, 0x0b, 0x4c,
};

const SocketAddress kV4 = SocketAddress::v4({192, 0, 2, 1}, 32853);
const SocketAddress kV6 = SocketAddress::v6(
    {0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56, 0x78, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77}, 32853);

std::string text(std::span<const uint8_t> s) { return {s.begin(), s.end()}; }

TEST(StunTest, ParsesTheRfc5769Request) {
  StunParseError error{};
  auto m = StunMessage::parse(kRequest, &error);
  ASSERT_TRUE(m) << static_cast<int>(error);
  EXPECT_EQ(m->type(), kStunBindingRequest);
  EXPECT_EQ(m->method(), 1);
  EXPECT_EQ(m->method_class(), StunMethodClass::request);
  EXPECT_EQ(m->transaction_id()[0], 0xb7);
  EXPECT_EQ(m->transaction_id()[11], 0xae);
  ASSERT_TRUE(m->username());
  EXPECT_EQ(text(*m->username()), "evtj:h6vY");
  EXPECT_EQ(m->priority(), 0x6e0001ffu);
  EXPECT_EQ(m->ice_controlled(), 0x932ff9b151263b36u);
  EXPECT_FALSE(m->ice_controlling());
  EXPECT_FALSE(m->use_candidate());
  EXPECT_TRUE(m->has_message_integrity());
  EXPECT_TRUE(m->check_fingerprint());
  StunIntegrityKey key(kPassword);
  ASSERT_TRUE(key.valid());
  EXPECT_TRUE(m->check_integrity(key));
  StunIntegrityKey wrong("VOkJxbRl1RmTxUk/WvJxBT");
  EXPECT_FALSE(m->check_integrity(wrong));
  EXPECT_TRUE(m->unknown_required().empty());
}

TEST(StunTest, HmacMatchesOpenSslForShortEmptyAndLongKeys) {
  const std::string message = "the message, split in three parts";
  const auto* m = reinterpret_cast<const uint8_t*>(message.data());
  for (const std::string& password :
       {std::string(), std::string("pw"), std::string(64, 'k'), std::string(200, 'x')}) {
    StunIntegrityKey key(password);
    ASSERT_TRUE(key.valid());
    std::array<uint8_t, kStunHmacSize> ours{};
    ASSERT_TRUE(key.compute({m, 3}, {m + 3, 10}, {m + 13, message.size() - 13}, ours));
    std::array<uint8_t, kStunHmacSize> reference{};
    unsigned int size = 0;
    ASSERT_NE(HMAC(EVP_sha1(), password.data(), static_cast<int>(password.size()), m, message.size(),
                   reference.data(), &size),
              nullptr);
    EXPECT_EQ(ours, reference) << "key size " << password.size();
  }
}

TEST(StunTest, IceCheckOfTheRfc5769Request) {
  auto m = StunMessage::parse(kRequest);
  ASSERT_TRUE(m);
  StunIntegrityKey key(kPassword);
  EXPECT_EQ(check_ice_request(*m, "evtj", key), IceCheckResult::ok);
  EXPECT_EQ(check_ice_request(*m, "evt", key), IceCheckResult::unauthorized);
  EXPECT_EQ(check_ice_request(*m, "h6vY", key), IceCheckResult::unauthorized);
  StunIntegrityKey wrong("x");
  EXPECT_EQ(check_ice_request(*m, "evtj", wrong), IceCheckResult::unauthorized);
}

TEST(StunTest, FlippedBitsFailIntegrityOrFingerprint) {
  StunIntegrityKey key(kPassword);
  for (size_t i = 20; i < kRequest.size(); ++i) {
    auto bytes = kRequest;
    bytes[i] ^= 0x01;
    auto m = StunMessage::parse(bytes);
    if (!m) continue; // a flipped length or type may make it unparseable: also fine
    EXPECT_FALSE(m->check_fingerprint() && m->check_integrity(key)) << "byte " << i;
  }
}

TEST(StunTest, ParsesTheRfc5769Responses) {
  StunIntegrityKey key(kPassword);
  auto v4 = StunMessage::parse(kResponseV4);
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->method_class(), StunMethodClass::success);
  EXPECT_EQ(v4->xor_mapped_address(), kV4);
  EXPECT_TRUE(v4->check_fingerprint());
  EXPECT_TRUE(v4->check_integrity(key));
  auto v6 = StunMessage::parse(kResponseV6);
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->xor_mapped_address(), kV6);
  EXPECT_TRUE(v6->check_fingerprint());
  EXPECT_TRUE(v6->check_integrity(key));
}

std::vector<uint8_t> build_vector_response(const SocketAddress& address) {
  auto request = StunMessage::parse(kRequest);
  StunIntegrityKey key(kPassword);
  std::vector<uint8_t> out(256);
  StunWriter w(out, kStunBindingSuccess, request->transaction_id());
  const std::string software = "test vector";
  w.add_attribute(stun_attr::kSoftware,
                  std::span(reinterpret_cast<const uint8_t*>(software.data()), software.size()), 0x20);
  w.add_xor_mapped_address(address);
  w.add_message_integrity(key);
  w.add_fingerprint();
  auto size = w.finish();
  if (!size) return {};
  out.resize(*size);
  return out;
}

TEST(StunTest, BuildsTheRfc5769ResponsesByteExact) {
  EXPECT_EQ(build_vector_response(kV4), kResponseV4);
  EXPECT_EQ(build_vector_response(kV6), kResponseV6);
}

TEST(StunTest, BindingSuccessRoundTrip) {
  auto request = StunMessage::parse(kRequest);
  StunIntegrityKey key(kPassword);
  std::array<uint8_t, 128> out{};
  auto size = build_binding_success(out, *request, kV6, key);
  ASSERT_TRUE(size);
  EXPECT_EQ(*size, 20u + 24u + 24u + 8u);
  auto m = StunMessage::parse(std::span(out).first(*size));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->type(), kStunBindingSuccess);
  EXPECT_TRUE(
      std::equal(m->transaction_id().begin(), m->transaction_id().end(), request->transaction_id().begin()));
  EXPECT_EQ(m->xor_mapped_address(), kV6);
  EXPECT_TRUE(m->check_integrity(key));
  EXPECT_TRUE(m->check_fingerprint());
}

TEST(StunTest, BuilderRefusesSmallBuffers) {
  auto request = StunMessage::parse(kRequest);
  StunIntegrityKey key(kPassword);
  std::array<uint8_t, 128> out{};
  for (size_t n = 0; n < 20 + 12 + 24 + 8; ++n) {
    EXPECT_FALSE(build_binding_success(std::span(out).first(n), *request, kV4, key)) << n;
  }
  EXPECT_TRUE(build_binding_success(std::span(out).first(64), *request, kV4, key));
}

TEST(StunTest, ErrorResponses) {
  auto request = StunMessage::parse(kRequest);
  StunIntegrityKey key(kPassword);
  std::array<uint8_t, 256> out{};
  // 401 without MESSAGE-INTEGRITY (RFC 8489 section 9.1.3).
  auto size = build_binding_error(out, *request, 401, "Unauthorized", nullptr);
  ASSERT_TRUE(size);
  auto m = StunMessage::parse(std::span(out).first(*size));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->type(), kStunBindingError);
  EXPECT_EQ(m->method_class(), StunMethodClass::error);
  ASSERT_TRUE(m->error_code());
  EXPECT_EQ(m->error_code()->code, 401);
  EXPECT_EQ(text(m->error_code()->reason), "Unauthorized");
  EXPECT_FALSE(m->has_message_integrity());
  EXPECT_TRUE(m->check_fingerprint());
  // 487 Role Conflict with MESSAGE-INTEGRITY (RFC 8445 section 7.3.1.1).
  size = build_binding_error(out, *request, 487, "Role Conflict", &key);
  ASSERT_TRUE(size);
  m = StunMessage::parse(std::span(out).first(*size));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->error_code()->code, 487);
  EXPECT_TRUE(m->check_integrity(key));
  EXPECT_TRUE(m->check_fingerprint());
  // Exact bytes of a 400 (header, ERROR-CODE 0x0009 with class 4 number 0 and "Bad Request"
  // padded to 16, FINGERPRINT).
  size = build_binding_error(out, *request, 400, "Bad Request", nullptr);
  ASSERT_TRUE(size);
  ASSERT_EQ(*size, 20u + 4 + 16 + 8);
  const std::vector<uint8_t> head = {0x01, 0x11, 0x00, 0x1c, 0x21, 0x12, 0xa4, 0x42};
  EXPECT_TRUE(std::equal(head.begin(), head.end(), out.begin()));
  const std::vector<uint8_t> attr = {0x00, 0x09, 0x00, 0x0f, 0x00, 0x00, 0x04, 0x00, 'B', 'a',
                                     'd',  ' ',  'R',  'e',  'q',  'u',  'e',  's',  't', 0x00};
  EXPECT_TRUE(std::equal(attr.begin(), attr.end(), out.begin() + 20));
  EXPECT_FALSE(build_binding_error(out, *request, 299, "x", nullptr));
}

TEST(StunTest, UnknownComprehensionRequiredAttributeGets420) {
  // Binding request: USERNAME "a:b", unknown 0x7777 (4 bytes), PRIORITY, MESSAGE-INTEGRITY, FINGERPRINT.
  std::array<uint8_t, 128> buf{};
  const std::array<uint8_t, 12> txid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  StunIntegrityKey key("pw");
  StunWriter w(buf, kStunBindingRequest, txid);
  const uint8_t user[] = {'a', ':', 'b'};
  const uint8_t unknown[] = {1, 2, 3, 4};
  const uint8_t priority[] = {0, 0, 0, 1};
  w.add_attribute(stun_attr::kUsername, user);
  w.add_attribute(0x7777, unknown);
  w.add_attribute(stun_attr::kPriority, priority);
  w.add_message_integrity(key);
  w.add_fingerprint();
  auto size = w.finish();
  ASSERT_TRUE(size);
  auto m = StunMessage::parse(std::span(buf).first(*size));
  ASSERT_TRUE(m);
  ASSERT_EQ(m->unknown_required().size(), 1u);
  EXPECT_EQ(m->unknown_required()[0], 0x7777);
  EXPECT_EQ(check_ice_request(*m, "a", key), IceCheckResult::unknown_attribute);
  std::array<uint8_t, 128> out{};
  auto r = build_binding_error(out, *m, 420, "Unknown Attribute", &key);
  ASSERT_TRUE(r);
  auto e = StunMessage::parse(std::span(out).first(*r));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->error_code()->code, 420);
}

TEST(StunTest, MissingCredentialsAreBadRequest) {
  std::array<uint8_t, 64> buf{};
  const std::array<uint8_t, 12> txid{};
  StunWriter w(buf, kStunBindingRequest, txid);
  w.add_fingerprint();
  auto size = w.finish();
  ASSERT_TRUE(size);
  auto m = StunMessage::parse(std::span(buf).first(*size));
  ASSERT_TRUE(m);
  StunIntegrityKey key("pw");
  EXPECT_EQ(check_ice_request(*m, "a", key), IceCheckResult::bad_request);
  // Without FINGERPRINT an ICE check is dropped silently.
  StunWriter w2(buf, kStunBindingRequest, txid);
  m = StunMessage::parse(std::span(buf).first(*w2.finish()));
  ASSERT_TRUE(m);
  EXPECT_EQ(check_ice_request(*m, "a", key), IceCheckResult::drop);
}

StunParseError parse_error(const std::vector<uint8_t>& bytes) {
  StunParseError e{};
  EXPECT_FALSE(StunMessage::parse(bytes, &e));
  return e;
}

TEST(StunTest, RejectsMalformedMessages) {
  EXPECT_EQ(parse_error({}), StunParseError::too_short);
  EXPECT_EQ(parse_error(std::vector<uint8_t>(kRequest.begin(), kRequest.begin() + 19)),
            StunParseError::too_short);
  auto b = kRequest;
  b[0] = 0x40; // top bits set
  EXPECT_EQ(parse_error(b), StunParseError::not_stun);
  b[0] = 0x3c; // top bits clear, but above 3: DTLS's range on a shared port (RFC 7983); found by
               // media_demux_fuzz
  EXPECT_EQ(parse_error(b), StunParseError::not_stun);
  b = kRequest;
  b[4] = 0x22; // wrong cookie
  EXPECT_EQ(parse_error(b), StunParseError::not_stun);
  b = kRequest;
  b[3] = 0x59; // length not a multiple of 4
  EXPECT_EQ(parse_error(b), StunParseError::bad_length);
  b = kRequest;
  b.push_back(0); // datagram longer than header length
  EXPECT_EQ(parse_error(b), StunParseError::bad_length);
  b = kRequest;
  b[23] = 0x60; // SOFTWARE length past the end
  EXPECT_EQ(parse_error(b), StunParseError::truncated_attribute);
  b = kRequest;
  b[43] = 0x05; // PRIORITY (at offset 40) with length 5
  EXPECT_EQ(parse_error(b), StunParseError::bad_attribute);
  // Something after FINGERPRINT: append a zero-length attribute and fix the header length.
  b = kRequest;
  b.insert(b.end(), {0x80, 0x22, 0x00, 0x00});
  store_be16(b.data() + 2, static_cast<uint16_t>(b.size() - 20));
  EXPECT_EQ(parse_error(b), StunParseError::after_fingerprint);
  // XOR-MAPPED-ADDRESS with an unknown family.
  b = kResponseV4;
  b[41] = 0x03;
  EXPECT_EQ(parse_error(b), StunParseError::bad_attribute);
  // MESSAGE-INTEGRITY (at offset 76) with 16 bytes.
  b = kRequest;
  b[79] = 0x10;
  EXPECT_EQ(parse_error(b), StunParseError::bad_attribute);
}

TEST(StunTest, AttributesAfterIntegrityAreIgnored) {
  std::array<uint8_t, 128> buf{};
  const std::array<uint8_t, 12> txid{};
  StunIntegrityKey key("pw");
  StunWriter w(buf, kStunBindingRequest, txid);
  w.add_message_integrity(key);
  const uint8_t priority[] = {0, 0, 0, 9};
  w.add_attribute(stun_attr::kPriority, priority);
  w.add_fingerprint();
  auto m = StunMessage::parse(std::span(buf).first(*w.finish()));
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->priority());
  EXPECT_TRUE(m->check_integrity(key));
  EXPECT_TRUE(m->check_fingerprint());
}

} // namespace
} // namespace plenum::media
