#include "http/path.hpp"

#include <gtest/gtest.h>

namespace plenum::http {
namespace {

using Strings = std::vector<std::string>;

TEST(SplitPath, DecodesSegments) {
  EXPECT_EQ(*split_path("/"), Strings{});
  EXPECT_EQ(*split_path("/api/v1/version"), (Strings{"api", "v1", "version"}));
  EXPECT_EQ(*split_path("/a%20b/%C3%A4"), (Strings{"a b", "\xC3\xA4"}));
  EXPECT_EQ(*split_path("/a/"), (Strings{"a", ""}));
}

TEST(SplitPath, RejectsDangerousOrMalformedPaths) {
  for (const char* bad :
       {"", "relative", "/a/../b", "/..", "/./x", "/%2e%2e/x", "/a%2Fb", "/%00", "/%", "/%4", "/%zz"}) {
    auto r = split_path(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, ErrorCode::bad_request) << bad;
    }
  }
  std::string deep;
  for (int i = 0; i < 65; ++i) deep += "/x";
  EXPECT_FALSE(split_path(deep).ok());
  EXPECT_FALSE(split_path("/" + std::string(1025, 'a')).ok());
  EXPECT_TRUE(split_path("/" + std::string(1024, 'a')).ok());
}

TEST(PathPattern, ParsesTypedParameters) {
  auto p = PathPattern::parse("/rooms/{id:uuid}/events/{n:int}/{name}");
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->segments().size(), 5u);
  EXPECT_EQ(p->segments()[1].kind, PathPattern::Kind::uuid);
  EXPECT_EQ(p->segments()[3].kind, PathPattern::Kind::integer);
  EXPECT_EQ(p->segments()[4].kind, PathPattern::Kind::text);
}

TEST(PathPattern, RejectsBadPatterns) {
  for (const char* bad : {"", "x", "/a//b", "/{id", "/{Id}", "/{id:float}", "/{id}/{id}", "/a{b}", "/%20"}) {
    EXPECT_FALSE(PathPattern::parse(bad).ok()) << bad;
  }
}

TEST(PathPattern, MatchesAndConvertsParameters) {
  auto p = *PathPattern::parse("/rooms/{id:uuid}/n/{n:int}");
  PathParams params;
  ASSERT_TRUE(p.match(*split_path("/rooms/0F8FAD5B-D9CB-469F-A165-70867728950E/n/42"), params));
  EXPECT_EQ(params.text("id"), "0f8fad5b-d9cb-469f-a165-70867728950e");
  EXPECT_EQ(params.integer("n"), 42);
  PathParams none;
  EXPECT_FALSE(p.match(*split_path("/rooms/not-a-uuid/n/42"), none));
  EXPECT_FALSE(p.match(*split_path("/rooms/0f8fad5b-d9cb-469f-a165-70867728950e/n/-1"), none));
  EXPECT_FALSE(
      p.match(*split_path("/rooms/0f8fad5b-d9cb-469f-a165-70867728950e/n/1234567890123456789"), none));
  EXPECT_EQ(none.size(), 0u);
}

} // namespace
} // namespace plenum::http
