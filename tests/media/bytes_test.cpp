#include "media/bytes.hpp"

#include <gtest/gtest.h>

#include <array>
#include <limits>

namespace plenum::media {
namespace {

TEST(BytesTest, BigEndianLoads) {
  const std::array<uint8_t, 9> b = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
  EXPECT_EQ(read_u8(b, 8), 0x09);
  EXPECT_EQ(read_be16(b, 0), 0x0102);
  EXPECT_EQ(read_be24(b, 1), 0x020304u);
  EXPECT_EQ(read_be32(b, 5), 0x06070809u);
  EXPECT_EQ(read_be64(b, 1), 0x0203040506070809u);
}

TEST(BytesTest, ReadsOutsideTheSpanFail) {
  const std::array<uint8_t, 4> b = {1, 2, 3, 4};
  EXPECT_FALSE(read_u8(b, 4));
  EXPECT_FALSE(read_be16(b, 3));
  EXPECT_FALSE(read_be32(b, 1));
  EXPECT_FALSE(read_be64(b, 0));
  EXPECT_FALSE(read_be16(b, std::numeric_limits<size_t>::max()));
  EXPECT_FALSE(read_be16(std::span<const uint8_t>{}, 0));
  EXPECT_TRUE(fits(4, 4, 0));
  EXPECT_FALSE(fits(4, 5, 0));
  EXPECT_FALSE(fits(4, 1, std::numeric_limits<size_t>::max()));
}

TEST(BytesTest, WritesRoundTripAndRespectBounds) {
  std::array<uint8_t, 8> b{};
  EXPECT_TRUE(write_be32(b, 0, 0xdeadbeef));
  EXPECT_TRUE(write_be16(b, 4, 0xcafe));
  EXPECT_TRUE(write_be24(b, 5, 0x123456));
  EXPECT_EQ(b, (std::array<uint8_t, 8>{0xde, 0xad, 0xbe, 0xef, 0xca, 0x12, 0x34, 0x56}));
  EXPECT_FALSE(write_be32(b, 5, 1));
  EXPECT_FALSE(write_be24(b, 0, 0x1000000)); // does not fit in 24 bits
  EXPECT_FALSE(write_be64(b, 1, 1));
  EXPECT_EQ(b[7], 0x56); // untouched by the failed writes
  EXPECT_TRUE(write_be64(b, 0, 0x0102030405060708));
  EXPECT_EQ(read_be64(b, 0), 0x0102030405060708u);
}

TEST(BytesTest, WriterOverflowIsSticky) {
  std::array<uint8_t, 5> b{};
  ByteWriter w(b);
  w.be16(0x0102);
  w.be32(0x03040506); // does not fit
  w.u8(0x07);         // would fit, but overflow is sticky
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(w.size(), 2u);
  ByteWriter w2(b);
  w2.be24(0x010203);
  w2.fill(0xff, 2);
  EXPECT_TRUE(w2.ok());
  EXPECT_EQ(b, (std::array<uint8_t, 5>{1, 2, 3, 0xff, 0xff}));
}

} // namespace
} // namespace plenum::media
