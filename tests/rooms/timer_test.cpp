// The timer module: stopwatch, countdown, coffee break; roles, limits, expiry, exclusivity, ready check.
#include <gtest/gtest.h>

#include "modules/modules.hpp"
#include "rooms/procedures_fake_room.hpp"

namespace plenum::rooms {
namespace {

using testing::code_of;
using testing::FakeRoom;
using testing::field_of;
using testing::kAnn;
using testing::kGuest;
using testing::kMod;
std::string text_of(const boost::json::value& error) {
  return error.is_null() ? "" : std::string(error.at("text").as_string());
}

class TimerTest : public ::testing::Test {
 protected:
  TimerTest() : room_(modules::make_timer()) {
    room_.add(kMod, Role::moderator);
    room_.add(kAnn);
    room_.add(kGuest, Role::user, Kind::guest);
  }

  boost::json::value start(const std::string& fields) {
    return room_.command(kMod, R"({"action":"start",)" + fields + "}");
  }
  std::string running_id() {
    return std::string(room_.last(kMod, "started").at("payload").at("timer").at("id").as_string());
  }
  boost::json::value stop(const std::string& who, const std::string& id) {
    return room_.command(who, R"({"action":"stop","timer_id":")" + id + R"("})");
  }
  boost::json::value ready(const std::string& who, const std::string& id, bool value) {
    return room_.command(who, R"({"action":"set_ready","timer_id":")" + id + R"(","ready":)" +
                                  (value ? "true" : "false") + "}");
  }

  FakeRoom room_;
};

TEST_F(TimerTest, OnlyModeratorsStartAndStop) {
  EXPECT_EQ(code_of(room_.command(kAnn, R"({"action":"start","kind":"stopwatch"})")), "forbidden");
  EXPECT_EQ(
      code_of(room_.command(kGuest, R"({"action":"start","kind":"coffee_break","duration_seconds":60})")),
      "forbidden");
  EXPECT_EQ(code_of(start(R"("kind":"stopwatch","title":"Debate")")), "");
  const auto id = running_id();
  EXPECT_EQ(code_of(stop(kAnn, id)), "forbidden");
  EXPECT_EQ(code_of(stop(kMod, id)), "");
  for (const auto& who : {kMod, kAnn, kGuest}) {
    auto stopped = room_.last(who, "stopped").at("payload");
    EXPECT_EQ(stopped.at("reason").as_string(), "stopped");
    EXPECT_EQ(stopped.at("by").as_string(), kMod);
    EXPECT_EQ(stopped.at("kind").as_string(), "stopwatch");
  }
  EXPECT_FALSE(room_.describe_for(kAnn).timer.current.has_value());
}

TEST_F(TimerTest, LimitsOfStart) {
  EXPECT_EQ(field_of(start(R"("kind":"countdown","duration_seconds":0)")), "duration_seconds");
  EXPECT_EQ(field_of(start(R"("kind":"countdown","duration_seconds":86401)")), "duration_seconds");
  EXPECT_EQ(field_of(start(R"("kind":"countdown")")), "duration_seconds");
  EXPECT_EQ(field_of(start(R"("kind":"coffee_break")")), "duration_seconds");
  EXPECT_EQ(field_of(start(R"("kind":"stopwatch","duration_seconds":60)")), "duration_seconds");
  EXPECT_EQ(field_of(start(R"("kind":"coffee_break","duration_seconds":60,"ready_check":true)")),
            "ready_check");
  EXPECT_EQ(field_of(start(R"("kind":"egg_timer","duration_seconds":60)")), "kind");
  EXPECT_EQ(
      field_of(start(R"("kind":"countdown","duration_seconds":60,"title":")" + std::string(101, 'x') + "\"")),
      "title");
  EXPECT_EQ(field_of(start(R"("kind":"countdown","duration_seconds":60,"title":"")")), "title");
  EXPECT_TRUE(room_.frames(kAnn, "started").empty());
  EXPECT_EQ(code_of(start(R"("kind":"countdown","duration_seconds":86400,"title":")" + std::string(100, 'x') +
                          "\"")),
            "");
  auto timer = room_.last(kAnn, "started").at("payload").at("timer");
  EXPECT_EQ(timer.at("ends_at").as_int64() - timer.at("started_at").as_int64(), 86'400'000);
}

TEST_F(TimerTest, CountdownExpiresWithANoticeToAll) {
  start(R"("kind":"countdown","duration_seconds":90,"title":"Group work")");
  const auto timer = room_.last(kGuest, "started").at("payload").at("timer");
  EXPECT_EQ(timer.at("started_at").as_int64(), room_.now_ms());
  EXPECT_EQ(timer.at("ends_at").as_int64(), room_.now_ms() + 90'000);
  EXPECT_EQ(timer.at("title").as_string(), "Group work");
  room_.advance(89'999);
  EXPECT_TRUE(room_.frames(kAnn, "stopped").empty());
  room_.advance(1);
  for (const auto& who : {kMod, kAnn, kGuest}) {
    ASSERT_EQ(room_.frames(who, "stopped").size(), 1u);
    auto stopped = room_.last(who, "stopped").at("payload");
    EXPECT_EQ(stopped.at("reason").as_string(), "expired");
    EXPECT_FALSE(stopped.as_object().contains("by"));
    EXPECT_EQ(stopped.at("stopped_at").as_int64(), timer.at("ends_at").as_int64());
  }
  // Over: a new one may start.
  EXPECT_EQ(code_of(start(R"("kind":"stopwatch")")), "");
}

TEST_F(TimerTest, AStoppedCountdownDoesNotExpireLaterIntoTheNextOne) {
  start(R"("kind":"countdown","duration_seconds":10)");
  stop(kMod, running_id());
  start(R"("kind":"coffee_break","duration_seconds":60)");
  room_.advance(10'000);
  EXPECT_EQ(room_.frames(kAnn, "stopped").size(), 1u);
  ASSERT_TRUE(room_.describe_for(kAnn).timer.current.has_value());
  room_.advance(50'000);
  EXPECT_EQ(room_.frames(kAnn, "stopped").size(), 2u);
  EXPECT_EQ(room_.last(kAnn, "stopped").at("payload").at("kind").as_string(), "coffee_break");
}

TEST_F(TimerTest, CoffeeBreakAndTimerExcludeEachOther) {
  EXPECT_EQ(code_of(start(R"("kind":"coffee_break","duration_seconds":600)")), "");
  auto error = start(R"("kind":"countdown","duration_seconds":60)");
  EXPECT_EQ(code_of(error), "not_allowed_now");
  EXPECT_EQ(text_of(error), "a coffee break is running; stop it before starting a timer");
  stop(kMod, running_id());
  EXPECT_EQ(code_of(start(R"("kind":"stopwatch")")), "");
  error = start(R"("kind":"coffee_break","duration_seconds":600)");
  EXPECT_EQ(code_of(error), "not_allowed_now");
  EXPECT_EQ(text_of(error), "a timer is running; stop it before starting a coffee break");
  EXPECT_EQ(code_of(start(R"("kind":"countdown","duration_seconds":5)")), "not_allowed_now");
  EXPECT_EQ(room_.frames(kAnn, "started").size(), 2u);
}

TEST_F(TimerTest, ReadyCheckModeratorsSeeWhoIsNotDone) {
  start(R"("kind":"countdown","duration_seconds":300,"ready_check":true)");
  const auto id = running_id();
  EXPECT_EQ(code_of(ready(kAnn, id, true)), "");
  EXPECT_EQ(code_of(ready(kGuest, id, true)), "");  // guests too
  EXPECT_EQ(code_of(ready(kGuest, id, false)), ""); // and back
  // Moderators get every change; a participant only their own.
  EXPECT_EQ(room_.frames(kMod, "ready_changed").size(), 3u);
  EXPECT_EQ(room_.frames(kAnn, "ready_changed").size(), 1u);
  EXPECT_EQ(room_.frames(kGuest, "ready_changed").size(), 2u);
  // Marking twice sends nothing new.
  ready(kAnn, id, true);
  EXPECT_EQ(room_.frames(kMod, "ready_changed").size(), 3u);
  // State: moderators see the whole list, others only themselves.
  EXPECT_EQ(room_.describe_for(kMod).timer.current->ready, std::vector<std::string>{kAnn});
  EXPECT_EQ(room_.describe_for(kAnn).timer.current->ready, std::vector<std::string>{kAnn});
  EXPECT_TRUE(room_.describe_for(kGuest).timer.current->ready.empty());
  // Whoever leaves is no longer counted.
  room_.leave(kAnn);
  EXPECT_TRUE(room_.describe_for(kMod).timer.current->ready.empty());
  // Wrong timer, no ready check.
  EXPECT_EQ(field_of(ready(kGuest, "00000000-0000-4000-8000-0000000000ff", true)), "timer_id");
  stop(kMod, id);
  EXPECT_EQ(code_of(ready(kGuest, id, true)), "not_found");
  start(R"("kind":"stopwatch")");
  EXPECT_EQ(code_of(ready(kGuest, running_id(), true)), "not_allowed_now");
}

TEST_F(TimerTest, LatecomersGetTheRunningTimer) {
  start(R"("kind":"coffee_break","duration_seconds":900,"title":"Coffee")");
  room_.advance(60'000);
  room_.add("00000000-0000-4000-8000-000000000004");
  auto current = room_.describe_for("00000000-0000-4000-8000-000000000004").timer.current;
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->kind, "coffee_break");
  EXPECT_EQ(*current->ends_at - current->started_at, 900'000);
  EXPECT_EQ(*current->ends_at - room_.now_ms(), 840'000);
}

} // namespace
} // namespace plenum::rooms
