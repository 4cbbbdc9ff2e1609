#include "auth/login_throttle.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace plenum::auth {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr LoginThrottle::TimePoint kStart{hours(1000)};

void fail(LoginThrottle& throttle, std::string_view key, int times, LoginThrottle::TimePoint now) {
  for (int i = 0; i < times; ++i) throttle.record_failure(key, now);
}

TEST(LoginThrottle, UnknownKeysAreAllowed) {
  const LoginThrottle throttle;
  const auto decision = throttle.check("account:anna@example.org", kStart);
  EXPECT_TRUE(decision.allowed);
  EXPECT_EQ(decision.retry_after, seconds(0));
  EXPECT_EQ(throttle.size(), 0u);
}

TEST(LoginThrottle, FirstThreeFailuresAreFree) {
  LoginThrottle throttle;
  fail(throttle, "k", 3, kStart);
  EXPECT_TRUE(throttle.check("k", kStart).allowed);
  EXPECT_EQ(throttle.size(), 1u);
}

TEST(LoginThrottle, DelayDoublesAfterTheFreeFailures) {
  LoginThrottle throttle;
  fail(throttle, "k", 3, kStart);
  auto now = kStart;
  for (const seconds expected : {seconds(1), seconds(2), seconds(4), seconds(8), seconds(16)}) {
    throttle.record_failure("k", now);
    const auto blocked = throttle.check("k", now);
    EXPECT_FALSE(blocked.allowed);
    EXPECT_EQ(blocked.retry_after, expected);
    EXPECT_FALSE(throttle.check("k", now + expected - milliseconds(1)).allowed);
    now += expected;
    EXPECT_TRUE(throttle.check("k", now).allowed);
  }
}

TEST(LoginThrottle, RetryAfterCountsDownInWholeSeconds) {
  LoginThrottle throttle;
  fail(throttle, "k", 6, kStart); // 4 s delay
  EXPECT_EQ(throttle.check("k", kStart + milliseconds(1500)).retry_after, seconds(3));
  EXPECT_EQ(throttle.check("k", kStart + milliseconds(3999)).retry_after, seconds(1));
  EXPECT_TRUE(throttle.check("k", kStart + seconds(4)).allowed);
}

TEST(LoginThrottle, DelayIsCappedAtMaxDelay) {
  LoginThrottle throttle;
  fail(throttle, "k", 1000, kStart);
  const auto decision = throttle.check("k", kStart);
  EXPECT_FALSE(decision.allowed);
  EXPECT_EQ(decision.retry_after, minutes(15));
  EXPECT_TRUE(throttle.check("k", kStart + minutes(15)).allowed);
}

TEST(LoginThrottle, PolicyIsConfigurable) {
  LoginThrottle throttle(LoginThrottle::Policy{
      .free_failures = 0, .base_delay = seconds(5), .max_delay = seconds(12), .forget_after = minutes(1)});
  throttle.record_failure("k", kStart);
  EXPECT_EQ(throttle.check("k", kStart).retry_after, seconds(5));
  throttle.record_failure("k", kStart);
  EXPECT_EQ(throttle.check("k", kStart).retry_after, seconds(10));
  throttle.record_failure("k", kStart);
  EXPECT_EQ(throttle.check("k", kStart).retry_after, seconds(12));
}

TEST(LoginThrottle, SuccessResetsTheKey) {
  LoginThrottle throttle;
  fail(throttle, "k", 5, kStart);
  ASSERT_FALSE(throttle.check("k", kStart).allowed);
  throttle.record_success("k");
  EXPECT_TRUE(throttle.check("k", kStart).allowed);
  EXPECT_EQ(throttle.size(), 0u);
  throttle.record_failure("k", kStart); // counting starts again from zero
  EXPECT_TRUE(throttle.check("k", kStart).allowed);
  throttle.record_success("unknown"); // harmless
}

TEST(LoginThrottle, KeysAreIndependent) {
  LoginThrottle throttle;
  fail(throttle, "account:anna@example.org", 10, kStart);
  EXPECT_FALSE(throttle.check("account:anna@example.org", kStart).allowed);
  EXPECT_TRUE(throttle.check("account:bert@example.org", kStart).allowed);
  EXPECT_TRUE(throttle.check("ip:192.0.2.1", kStart).allowed);
  throttle.record_failure("ip:192.0.2.1", kStart);
  throttle.record_success("ip:192.0.2.1");
  EXPECT_FALSE(throttle.check("account:anna@example.org", kStart).allowed);
}

TEST(LoginThrottle, FailuresAreForgottenAfterAnHour) {
  LoginThrottle throttle;
  fail(throttle, "old", 20, kStart);
  EXPECT_FALSE(throttle.check("old", kStart + minutes(14)).allowed);
  EXPECT_TRUE(throttle.check("old", kStart + hours(1)).allowed);
  // Recording any failure an hour later drops the old entry.
  fail(throttle, "new", 3, kStart + hours(1));
  EXPECT_EQ(throttle.size(), 1u);
  // A key that fails again an hour after its last failure starts from zero: this is its first
  // failure, not its fourth.
  throttle.record_failure("new", kStart + hours(2));
  EXPECT_TRUE(throttle.check("new", kStart + hours(2)).allowed);
  EXPECT_EQ(throttle.size(), 1u);
}

TEST(LoginThrottle, RecentFailuresKeepTheEntry) {
  LoginThrottle throttle;
  fail(throttle, "k", 4, kStart);
  throttle.record_failure("k", kStart + minutes(50));
  throttle.record_failure("other", kStart + minutes(70));
  EXPECT_EQ(throttle.size(), 2u);
  EXPECT_FALSE(throttle.check("k", kStart + minutes(50)).allowed); // 5th failure: 2 s
}

TEST(LoginThrottle, EvictsTheOldestEntryWhenFull) {
  LoginThrottle throttle(LoginThrottle::Policy{.max_entries = 100});
  for (int i = 0; i < 250; ++i) {
    fail(throttle, "ip:" + std::to_string(i), 5, kStart + seconds(i));
    EXPECT_LE(throttle.size(), 100u);
  }
  EXPECT_EQ(throttle.size(), 100u);
  EXPECT_TRUE(throttle.check("ip:149", kStart + seconds(250)).allowed);  // evicted
  EXPECT_FALSE(throttle.check("ip:249", kStart + seconds(250)).allowed); // kept
}

TEST(LoginThrottle, EvictionSparesRecentlyFailingKeys) {
  LoginThrottle throttle(LoginThrottle::Policy{.max_entries = 3});
  fail(throttle, "a", 10, kStart);
  fail(throttle, "b", 10, kStart + seconds(1));
  fail(throttle, "c", 10, kStart + seconds(2));
  throttle.record_failure("a", kStart + seconds(3)); // "a" is now the most recent
  throttle.record_failure("d", kStart + seconds(4)); // evicts "b"
  EXPECT_EQ(throttle.size(), 3u);
  EXPECT_FALSE(throttle.check("a", kStart + seconds(4)).allowed);
  EXPECT_TRUE(throttle.check("b", kStart + seconds(4)).allowed);
  EXPECT_FALSE(throttle.check("c", kStart + seconds(4)).allowed);
}

TEST(LoginThrottle, IsSafeToUseFromSeveralThreads) {
  LoginThrottle throttle;
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&throttle, t] {
      for (int i = 0; i < 1000; ++i) {
        const std::string key = "k" + std::to_string(i % 50);
        throttle.record_failure(key, kStart);
        (void)throttle.check(key, kStart);
        if (i % 7 == t) throttle.record_success(key);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(throttle.size(), 50u);
}

} // namespace
} // namespace plenum::auth
