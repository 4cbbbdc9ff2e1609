#include "base/result.hpp"

#include <gtest/gtest.h>

#include <string>

namespace plenum {
namespace {

Result<int> half(int x) {
  if (x % 2 != 0) return make_error(ErrorCode::invalid_argument, "odd");
  return x / 2;
}

TEST(Result, CarriesValueOrError) {
  auto ok = half(4);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 2);
  auto bad = half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(bad.error().message, "odd");
}

TEST(Result, VoidResult) {
  Result<void> fine;
  EXPECT_TRUE(fine.ok());
  Result<void> failed = make_error(ErrorCode::unavailable, "down");
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::unavailable);
}

TEST(Result, ValueOfAnErrorIsFatal) {
  EXPECT_DEATH({ (void)*half(3); }, "Result::value\\(\\) on an error");
}

TEST(ErrorCodes, StableNames) {
  EXPECT_EQ(to_string(ErrorCode::not_found), "not_found");
  EXPECT_EQ(to_string(ErrorCode::payload_too_large), "payload_too_large");
  EXPECT_EQ(to_string(ErrorCode::too_many_connections), "too_many_connections");
  EXPECT_EQ(to_string(ErrorCode::internal), "internal");
}

} // namespace
} // namespace plenum
