#include "base/config_values.hpp"

#include <gtest/gtest.h>

namespace plenum::config_values {
namespace {

using std::chrono::milliseconds;

TEST(ConfigValues, Sizes) {
  EXPECT_EQ(*parse_size("0"), 0u);
  EXPECT_EQ(*parse_size("1024"), 1024u);
  EXPECT_EQ(*parse_size("64KiB"), 64u * 1024);
  EXPECT_EQ(*parse_size(" 2 MiB "), 2u << 20);
  EXPECT_EQ(*parse_size("1GiB"), 1u << 30);
  EXPECT_FALSE(parse_size("").ok());
  EXPECT_FALSE(parse_size("KiB").ok());
  EXPECT_FALSE(parse_size("-1").ok());
  EXPECT_FALSE(parse_size("12 parsecs").ok());
  EXPECT_FALSE(parse_size("99999999999999999999").ok());
  EXPECT_FALSE(parse_size("17179869184GiB").ok()); // overflows 64 bits
}

TEST(ConfigValues, Durations) {
  EXPECT_EQ(*parse_duration("250ms"), milliseconds(250));
  EXPECT_EQ(*parse_duration("10s"), milliseconds(10'000));
  EXPECT_EQ(*parse_duration("2m"), milliseconds(120'000));
  EXPECT_EQ(*parse_duration("1h"), milliseconds(3'600'000));
  EXPECT_FALSE(parse_duration("10").ok());
  EXPECT_FALSE(parse_duration("s").ok());
  EXPECT_FALSE(parse_duration("1.5s").ok());
  EXPECT_FALSE(parse_duration("18446744073709551615h").ok());
}

TEST(ConfigValues, ListenAddresses) {
  EXPECT_EQ(*parse_listen("0.0.0.0:0"), (ListenAddress{"0.0.0.0", 0}));
  EXPECT_EQ(*parse_listen("[::]:443"), (ListenAddress{"::", 443}));
  EXPECT_FALSE(parse_listen("[127.0.0.1]:80").ok());
  EXPECT_FALSE(parse_listen("[::1]80").ok());
  EXPECT_FALSE(parse_listen("1.2.3.4:").ok());
  EXPECT_FALSE(parse_listen("1.2.3.4:-1").ok());
  EXPECT_FALSE(parse_listen("999.1.1.1:80").ok());
  EXPECT_EQ(format_listen({"::1", 80}), "[::1]:80");
  EXPECT_EQ(format_listen({"10.0.0.1", 80}), "10.0.0.1:80");
}

TEST(ConfigValues, Origins) {
  EXPECT_EQ(*parse_origin("https://meet.example.org"), "https://meet.example.org");
  EXPECT_EQ(*parse_origin("http://localhost:5173"), "http://localhost:5173");
  EXPECT_FALSE(parse_origin("https://").ok());
  EXPECT_FALSE(parse_origin("meet.example.org").ok());
  EXPECT_FALSE(parse_origin("https://a.example/").ok());
  EXPECT_FALSE(parse_origin("https://a b").ok());
}

TEST(ConfigValues, ListsAndBooleans) {
  EXPECT_EQ(split_list(" a, b,,c ,"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_list("").empty());
  EXPECT_TRUE(*parse_bool("yes"));
  EXPECT_FALSE(*parse_bool("off"));
  EXPECT_FALSE(parse_bool("maybe").ok());
}

TEST(ConfigValues, FormattingRoundTrips) {
  for (uint64_t v : {uint64_t{0}, uint64_t{1000}, uint64_t{1024}, uint64_t{3} << 20, uint64_t{1} << 30}) {
    EXPECT_EQ(*parse_size(format_size(v)), v) << v;
  }
  for (int64_t ms : {int64_t{0}, int64_t{1}, int64_t{1500}, int64_t{60'000}, int64_t{7'200'000}}) {
    EXPECT_EQ(*parse_duration(format_duration(milliseconds(ms))), milliseconds(ms)) << ms;
  }
}

} // namespace
} // namespace plenum::config_values
