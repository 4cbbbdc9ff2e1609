#include "services/recurrence.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace plenum::services {
namespace {

using ::testing::HasSubstr;

// "2026-03-23T08:00:00Z" -> unix seconds.
int64_t utc(const std::string& s) {
  using namespace std::chrono;
  const year_month_day ymd{year{std::stoi(s.substr(0, 4))},
                           month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                           day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  const int64_t days = sys_days{ymd}.time_since_epoch().count();
  const int64_t hours = std::stoi(s.substr(11, 2)), minutes = std::stoi(s.substr(14, 2));
  return days * 86400 + hours * 3600 + minutes * 60 + std::stoi(s.substr(17, 2));
}

EventTiming timed(std::string starts_at, std::string ends_at, std::string zone = "Europe/Berlin") {
  return EventTiming{std::move(starts_at), std::move(ends_at), std::move(zone), false};
}

EventTiming all_day(std::string starts_at, std::string ends_at, std::string zone = "Europe/Berlin") {
  return EventTiming{std::move(starts_at), std::move(ends_at), std::move(zone), true};
}

Recurrence rule(std::string rrule, std::vector<std::string> rdates = {},
                std::vector<std::string> exdates = {}) {
  return Recurrence{std::move(rrule), std::move(rdates), std::move(exdates)};
}

std::vector<Instance> expand_ok(const EventTiming& timing, const std::optional<Recurrence>& recurrence,
                                const std::string& from, const std::string& to,
                                const std::vector<InstanceException>& exceptions = {}, size_t max = 1000) {
  auto r = expand(timing, recurrence, exceptions, utc(from), utc(to), max);
  EXPECT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
  return r.ok() ? *r : std::vector<Instance>{};
}

std::vector<std::string> starts(const std::vector<Instance>& instances) {
  std::vector<std::string> out;
  out.reserve(instances.size());
  for (const auto& i : instances) out.push_back(i.starts_at);
  return out;
}

// The field a validation error names ("" when valid).
std::string invalid_field(const EventTiming& timing, const std::optional<Recurrence>& recurrence) {
  auto r = validate(timing, recurrence);
  return r.ok() ? "" : r.error().field;
}

// ---- Wall-clock semantics ------------------------------------------------------------------------

TEST(RecurrenceTest, WeeklyMeetingStaysAtNineLocalAcrossBothDaylightSavingChanges) {
  const auto instances =
      expand_ok(timed("2026-03-16T09:00:00", "2026-03-16T10:00:00"), rule("FREQ=WEEKLY;BYDAY=MO"),
                "2026-03-01T00:00:00Z", "2026-11-10T00:00:00Z");
  ASSERT_EQ(instances.size(), 35u); // Mondays from 16 March to 9 November
  for (const auto& i : instances) {
    EXPECT_EQ(i.starts_at.substr(10), "T09:00:00") << i.starts_at;
    EXPECT_EQ(i.ends_at.substr(10), "T10:00:00") << i.ends_at;
    EXPECT_EQ(i.original_start, i.starts_at);
    EXPECT_EQ(i.ends_at_utc - i.starts_at_utc, 3600);
    EXPECT_FALSE(i.moved);
  }
  // CET (+01) before 29 March, CEST (+02) until 25 October, CET again afterwards.
  EXPECT_EQ(instances[1].starts_at, "2026-03-23T09:00:00");
  EXPECT_EQ(instances[1].starts_at_utc, utc("2026-03-23T08:00:00Z"));
  EXPECT_EQ(instances[2].starts_at, "2026-03-30T09:00:00");
  EXPECT_EQ(instances[2].starts_at_utc, utc("2026-03-30T07:00:00Z"));
  EXPECT_EQ(instances[32].starts_at, "2026-10-26T09:00:00");
  EXPECT_EQ(instances[32].starts_at_utc, utc("2026-10-26T08:00:00Z"));
  EXPECT_EQ(instances[31].starts_at, "2026-10-19T09:00:00");
  EXPECT_EQ(instances[31].starts_at_utc, utc("2026-10-19T07:00:00Z"));
}

TEST(RecurrenceTest, SpringForwardGapPushesThatOccurrenceForwardByTheGap) {
  // 02:30 does not exist in Berlin on 2026-03-29 (clocks jump from 02:00 to 03:00).
  const auto instances =
      expand_ok(timed("2026-03-28T02:30:00", "2026-03-28T03:30:00"), rule("FREQ=DAILY;COUNT=3"),
                "2026-03-27T00:00:00Z", "2026-04-01T00:00:00Z");
  ASSERT_EQ(instances.size(), 3u);
  EXPECT_EQ(instances[0].starts_at_utc, utc("2026-03-28T01:30:00Z"));
  EXPECT_EQ(instances[1].original_start, "2026-03-29T02:30:00");
  EXPECT_EQ(instances[1].starts_at, "2026-03-29T03:30:00");
  EXPECT_EQ(instances[1].starts_at_utc, utc("2026-03-29T01:30:00Z"));
  EXPECT_EQ(instances[1].ends_at, "2026-03-29T04:30:00");
  EXPECT_FALSE(instances[1].moved);
  // The day after, the series is back at 02:30 (now CEST).
  EXPECT_EQ(instances[2].starts_at, "2026-03-30T02:30:00");
  EXPECT_EQ(instances[2].starts_at_utc, utc("2026-03-30T00:30:00Z"));
}

TEST(RecurrenceTest, FallBackAmbiguityMeansTheFirstOccurrence) {
  // 02:00-03:00 happens twice in Berlin on 2026-10-25: first in CEST, then in CET.
  const auto instances =
      expand_ok(timed("2026-10-24T02:30:00", "2026-10-24T03:30:00"), rule("FREQ=DAILY;COUNT=3"),
                "2026-10-23T00:00:00Z", "2026-10-28T00:00:00Z");
  ASSERT_EQ(instances.size(), 3u);
  EXPECT_EQ(instances[0].starts_at_utc, utc("2026-10-24T00:30:00Z"));
  EXPECT_EQ(instances[1].starts_at, "2026-10-25T02:30:00");
  EXPECT_EQ(instances[1].starts_at_utc, utc("2026-10-25T00:30:00Z")); // 02:30 CEST
  // Exactly one hour later it is 02:30 again, in CET.
  EXPECT_EQ(instances[1].ends_at_utc, utc("2026-10-25T01:30:00Z"));
  EXPECT_EQ(instances[1].ends_at, "2026-10-25T02:30:00");
  EXPECT_EQ(instances[2].starts_at_utc, utc("2026-10-26T01:30:00Z")); // 02:30 CET
}

TEST(RecurrenceTest, SingleEventsInTheGapFollowTheSameRule) {
  // 02:15-02:45 both move forward by the gap: the meeting takes place 03:15-03:45 CEST.
  const auto moved = expand_ok(timed("2026-03-29T02:15:00", "2026-03-29T02:45:00"), std::nullopt,
                               "2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z");
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].starts_at, "2026-03-29T03:15:00");
  EXPECT_EQ(moved[0].ends_at, "2026-03-29T03:45:00");
  EXPECT_EQ(moved[0].starts_at_utc, utc("2026-03-29T01:15:00Z"));
  // 02:30-03:00 would end (01:00Z) before it starts (01:30Z): rejected.
  EXPECT_EQ(invalid_field(timed("2026-03-29T02:30:00", "2026-03-29T03:00:00"), std::nullopt), "ends_at");
}

TEST(RecurrenceTest, AllDayEventsCoverWholeLocalDaysAcrossDaylightSaving) {
  const auto instances = expand_ok(all_day("2026-03-28", "2026-03-29"), rule("FREQ=DAILY;COUNT=3"),
                                   "2026-03-27T00:00:00Z", "2026-04-01T00:00:00Z");
  ASSERT_EQ(instances.size(), 3u);
  EXPECT_EQ(starts(instances), (std::vector<std::string>{"2026-03-28", "2026-03-29", "2026-03-30"}));
  EXPECT_EQ(instances[1].original_start, "2026-03-29");
  EXPECT_EQ(instances[1].ends_at, "2026-03-30");
  EXPECT_EQ(instances[0].starts_at_utc, utc("2026-03-27T23:00:00Z"));          // local midnight, CET
  EXPECT_EQ(instances[1].ends_at_utc - instances[1].starts_at_utc, 23 * 3600); // the short day
  EXPECT_EQ(instances[2].starts_at_utc, utc("2026-03-29T22:00:00Z"));          // local midnight, CEST
  EXPECT_EQ(instances[2].ends_at_utc - instances[2].starts_at_utc, 24 * 3600);

  const auto autumn = expand_ok(all_day("2026-10-25", "2026-10-26"), std::nullopt, "2026-10-24T00:00:00Z",
                                "2026-10-27T00:00:00Z");
  ASSERT_EQ(autumn.size(), 1u);
  EXPECT_EQ(autumn[0].ends_at_utc - autumn[0].starts_at_utc, 25 * 3600); // the long day
}

TEST(RecurrenceTest, MultiDayAllDayEventsRepeatWithTheirLength) {
  const auto instances = expand_ok(all_day("2026-01-05", "2026-01-08"), rule("FREQ=WEEKLY"),
                                   "2026-01-01T00:00:00Z", "2026-01-20T00:00:00Z", {});
  EXPECT_EQ(starts(instances), (std::vector<std::string>{"2026-01-05", "2026-01-12", "2026-01-19"}));
  EXPECT_EQ(instances[1].ends_at, "2026-01-15");
  EXPECT_EQ(instances[1].ends_at_utc - instances[1].starts_at_utc, 3 * 86400);
}

// ---- Rules ---------------------------------------------------------------------------------------

TEST(RecurrenceTest, DailyWithCountAndWithInclusiveUntil) {
  const auto event = timed("2026-01-01T09:00:00", "2026-01-01T09:30:00");
  EXPECT_EQ(
      expand_ok(event, rule("FREQ=DAILY;COUNT=5"), "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z").size(),
      5u);
  // 09:00 in Berlin in January is 08:00Z: UNTIL names the last start exactly, and it is included.
  const auto until = expand_ok(event, rule("FREQ=DAILY;UNTIL=20260105T080000Z"), "2026-01-01T00:00:00Z",
                               "2027-01-01T00:00:00Z");
  ASSERT_EQ(until.size(), 5u);
  EXPECT_EQ(until.back().starts_at, "2026-01-05T09:00:00");
  EXPECT_EQ(expand_ok(event, rule("FREQ=DAILY;UNTIL=20260105T075959Z"), "2026-01-01T00:00:00Z",
                      "2027-01-01T00:00:00Z")
                .size(),
            4u);
  // A date UNTIL includes that whole local day; a local date-time bounds the local start.
  EXPECT_EQ(
      expand_ok(event, rule("FREQ=DAILY;UNTIL=20260105"), "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")
          .size(),
      5u);
  EXPECT_EQ(expand_ok(event, rule("FREQ=DAILY;UNTIL=20260105T085959"), "2026-01-01T00:00:00Z",
                      "2027-01-01T00:00:00Z")
                .size(),
            4u);
}

TEST(RecurrenceTest, MonthlyOnTheLastFriday) {
  const auto instances =
      expand_ok(timed("2026-01-30T18:00:00", "2026-01-30T19:00:00"), rule("FREQ=MONTHLY;BYDAY=-1FR"),
                "2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z");
  EXPECT_EQ(starts(instances),
            (std::vector<std::string>{"2026-01-30T18:00:00", "2026-02-27T18:00:00", "2026-03-27T18:00:00",
                                      "2026-04-24T18:00:00", "2026-05-29T18:00:00", "2026-06-26T18:00:00"}));
  EXPECT_EQ(instances[3].starts_at_utc, utc("2026-04-24T16:00:00Z"));
}

TEST(RecurrenceTest, YearlyAndEveryOtherWeek) {
  EXPECT_EQ(starts(expand_ok(timed("2026-05-04T10:00:00", "2026-05-04T12:00:00"), rule("FREQ=YEARLY"),
                             "2026-01-01T00:00:00Z", "2031-01-01T00:00:00Z")),
            (std::vector<std::string>{"2026-05-04T10:00:00", "2027-05-04T10:00:00", "2028-05-04T10:00:00",
                                      "2029-05-04T10:00:00", "2030-05-04T10:00:00"}));
  EXPECT_EQ(starts(expand_ok(timed("2026-01-05T09:00:00", "2026-01-05T10:00:00"),
                             rule("FREQ=WEEKLY;INTERVAL=2"), "2026-01-01T00:00:00Z", "2026-02-20T00:00:00Z")),
            (std::vector<std::string>{"2026-01-05T09:00:00", "2026-01-19T09:00:00", "2026-02-02T09:00:00",
                                      "2026-02-16T09:00:00"}));
}

TEST(RecurrenceTest, StartIsAlwaysAnOccurrenceEvenOffTheRule) {
  // Created on a Tuesday with a Monday rule: the Tuesday is the first occurrence (RFC 5545 §3.8.5.3).
  EXPECT_EQ(starts(expand_ok(timed("2026-01-06T09:00:00", "2026-01-06T10:00:00"),
                             rule("FREQ=WEEKLY;BYDAY=MO"), "2026-01-01T00:00:00Z", "2026-01-14T00:00:00Z")),
            (std::vector<std::string>{"2026-01-06T09:00:00", "2026-01-12T09:00:00"}));
}

TEST(RecurrenceTest, NonRecurringEventYieldsItsSingleInstance) {
  const auto event = timed("2026-06-01T14:00:00", "2026-06-01T15:30:00", "America/New_York");
  const auto instances = expand_ok(event, std::nullopt, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z");
  ASSERT_EQ(instances.size(), 1u);
  EXPECT_EQ(instances[0].starts_at, "2026-06-01T14:00:00");
  EXPECT_EQ(instances[0].ends_at, "2026-06-01T15:30:00");
  EXPECT_EQ(instances[0].starts_at_utc, utc("2026-06-01T18:00:00Z")); // EDT, -04
  EXPECT_TRUE(expand_ok(event, std::nullopt, "2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z").empty());
  // UTC itself is a zone too.
  EXPECT_EQ(expand_ok(timed("2026-06-01T14:00:00", "2026-06-01T15:00:00", "UTC"), std::nullopt,
                      "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z")[0]
                .starts_at_utc,
            utc("2026-06-01T14:00:00Z"));
}

// ---- RDATE, EXDATE, exceptions -------------------------------------------------------------------

TEST(RecurrenceTest, RdateAddsAndExdateRemoves) {
  const auto instances = expand_ok(
      timed("2026-01-05T09:00:00", "2026-01-05T10:00:00"),
      rule("FREQ=WEEKLY;BYDAY=MO", {"2026-01-07T15:00:00", "2026-01-19T09:00:00"}, {"2026-01-12T09:00:00"}),
      "2026-01-01T00:00:00Z", "2026-01-25T00:00:00Z");
  // The RDATE equal to a generated start counts once.
  EXPECT_EQ(starts(instances),
            (std::vector<std::string>{"2026-01-05T09:00:00", "2026-01-07T15:00:00", "2026-01-19T09:00:00"}));
  EXPECT_EQ(instances[1].ends_at, "2026-01-07T16:00:00");
  // EXDATE can remove the first occurrence too.
  EXPECT_EQ(starts(expand_ok(timed("2026-01-05T09:00:00", "2026-01-05T10:00:00"),
                             rule("FREQ=WEEKLY;COUNT=2", {}, {"2026-01-05T09:00:00"}), "2026-01-01T00:00:00Z",
                             "2026-02-01T00:00:00Z")),
            (std::vector<std::string>{"2026-01-12T09:00:00"}));
}

TEST(RecurrenceTest, CancelledOccurrenceDisappears) {
  const auto instances = expand_ok(
      timed("2026-01-05T09:00:00", "2026-01-05T10:00:00"), rule("FREQ=WEEKLY"), "2026-01-01T00:00:00Z",
      "2026-01-25T00:00:00Z", {InstanceException{"2026-01-12T09:00:00", true, std::nullopt, std::nullopt}});
  EXPECT_EQ(starts(instances), (std::vector<std::string>{"2026-01-05T09:00:00", "2026-01-19T09:00:00"}));
}

TEST(RecurrenceTest, MovedOccurrenceShowsAtItsNewTimeAndIsFoundThere) {
  const auto event = timed("2026-01-05T09:00:00", "2026-01-05T10:00:00");
  const auto weekly = rule("FREQ=WEEKLY");
  const std::vector<InstanceException> moved{
      {"2026-01-19T09:00:00", false, "2026-01-21T14:00:00", std::nullopt}};

  const auto all = expand_ok(event, weekly, "2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z", moved);
  EXPECT_EQ(starts(all), (std::vector<std::string>{"2026-01-05T09:00:00", "2026-01-12T09:00:00",
                                                   "2026-01-21T14:00:00", "2026-01-26T09:00:00"}));
  const Instance& m = all[2];
  EXPECT_TRUE(m.moved);
  EXPECT_EQ(m.original_start, "2026-01-19T09:00:00");
  EXPECT_EQ(m.ends_at, "2026-01-21T15:00:00"); // keeps its length
  EXPECT_EQ(m.starts_at_utc, utc("2026-01-21T13:00:00Z"));

  // Found by a window around the new time, not around the old one.
  const auto around_new = expand_ok(event, weekly, "2026-01-21T00:00:00Z", "2026-01-22T00:00:00Z", moved);
  ASSERT_EQ(around_new.size(), 1u);
  EXPECT_TRUE(around_new[0].moved);
  EXPECT_TRUE(expand_ok(event, weekly, "2026-01-19T00:00:00Z", "2026-01-20T00:00:00Z", moved).empty());

  // Moved far: from January into June, and from a later month back, found by either window.
  const std::vector<InstanceException> far{
      {"2026-01-05T09:00:00", false, "2026-06-10T11:00:00", "2026-06-10T13:00:00"},
      {"2026-09-07T09:00:00", false, "2026-06-12T11:00:00", std::nullopt}};
  const auto june = expand_ok(event, weekly, "2026-06-10T00:00:00Z", "2026-06-13T00:00:00Z", far);
  ASSERT_EQ(june.size(), 2u);
  EXPECT_EQ(june[0].original_start, "2026-01-05T09:00:00");
  EXPECT_EQ(june[0].ends_at, "2026-06-10T13:00:00");
  EXPECT_EQ(june[1].original_start, "2026-09-07T09:00:00");
  EXPECT_EQ(june[1].ends_at, "2026-06-12T12:00:00");
}

TEST(RecurrenceTest, ExceptionsForOccurrencesNotInTheSeriesAreIgnored) {
  const auto event = timed("2026-01-05T09:00:00", "2026-01-05T10:00:00");
  const std::vector<InstanceException> stale{
      {"2026-01-06T09:00:00", false, "2026-01-07T09:00:00", std::nullopt},
      {"2026-01-26T09:00:00", false, "2026-01-08T09:00:00", std::nullopt}};
  EXPECT_EQ(starts(expand_ok(event, rule("FREQ=WEEKLY;COUNT=3"), "2026-01-01T00:00:00Z",
                             "2026-02-01T00:00:00Z", stale)),
            (std::vector<std::string>{"2026-01-05T09:00:00", "2026-01-12T09:00:00", "2026-01-19T09:00:00"}));
}

TEST(RecurrenceTest, AllDayExceptionsUseDates) {
  const auto instances = expand_ok(
      all_day("2026-01-05", "2026-01-06"), rule("FREQ=WEEKLY;COUNT=3"), "2026-01-01T00:00:00Z",
      "2026-02-01T00:00:00Z",
      {{"2026-01-12", false, "2026-01-14", "2026-01-16"}, {"2026-01-19", true, std::nullopt, std::nullopt}});
  ASSERT_EQ(instances.size(), 2u);
  EXPECT_EQ(instances[1].starts_at, "2026-01-14");
  EXPECT_EQ(instances[1].ends_at, "2026-01-16");
  EXPECT_EQ(instances[1].ends_at_utc - instances[1].starts_at_utc, 2 * 86400);
  EXPECT_TRUE(instances[1].moved);
}

TEST(RecurrenceTest, BadExceptionsNameTheirField) {
  const auto event = timed("2026-01-05T09:00:00", "2026-01-05T10:00:00");
  auto check = [&](const std::vector<InstanceException>& exceptions, const std::string& field) {
    auto r = expand(event, rule("FREQ=WEEKLY"), exceptions, utc("2026-01-01T00:00:00Z"),
                    utc("2026-02-01T00:00:00Z"));
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.error().field, field);
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  };
  check({{"2026-01-12", true, std::nullopt, std::nullopt}}, "exceptions[0].original_start");
  check({{"2026-01-12T09:00:00", true, std::nullopt, std::nullopt},
         {"2026-01-12T09:00:00", false, "2026-01-13T09:00:00", std::nullopt}},
        "exceptions[1].original_start");
  check({{"2026-01-12T09:00:00", false, "2026-01-12T25:00:00", std::nullopt}}, "exceptions[0].starts_at");
  check({{"2026-01-12T09:00:00", false, "2026-01-12T11:00:00", "2026-01-12T10:00:00"}},
        "exceptions[0].ends_at");
}

// ---- Window and limits ---------------------------------------------------------------------------

TEST(RecurrenceTest, WindowUsesOverlapSemanticsAtTheEdges) {
  // One hour, 08:00Z-09:00Z.
  const auto event = timed("2026-01-05T09:00:00", "2026-01-05T10:00:00");
  auto count = [&](const std::string& from, const std::string& to) {
    return expand_ok(event, std::nullopt, from, to).size();
  };
  EXPECT_EQ(count("2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z"), 0u); // ends exactly at `from`
  EXPECT_EQ(count("2026-01-05T07:00:00Z", "2026-01-05T08:00:00Z"), 0u); // starts exactly at `to`
  EXPECT_EQ(count("2026-01-05T08:59:59Z", "2026-01-05T10:00:00Z"), 1u);
  EXPECT_EQ(count("2026-01-05T07:00:00Z", "2026-01-05T08:00:01Z"), 1u);
  EXPECT_EQ(count("2026-01-05T08:20:00Z", "2026-01-05T08:40:00Z"), 1u); // inside
  // A meeting that started before the window and is still running is in it.
  EXPECT_EQ(expand_ok(event, rule("FREQ=DAILY"), "2026-02-01T08:30:00Z", "2026-02-01T08:31:00Z")[0].starts_at,
            "2026-02-01T09:00:00");
}

TEST(RecurrenceTest, MaxInstancesKeepsTheEarliest) {
  const auto event = timed("2026-01-01T09:00:00", "2026-01-01T10:00:00");
  const auto ten = expand_ok(event, rule("FREQ=DAILY", {"2025-12-31T20:00:00"}), "2025-12-01T00:00:00Z",
                             "2027-01-01T00:00:00Z", {}, 10);
  ASSERT_EQ(ten.size(), 10u);
  EXPECT_EQ(ten[0].starts_at, "2025-12-31T20:00:00");
  EXPECT_EQ(ten[9].starts_at, "2026-01-09T09:00:00");
  EXPECT_EQ(expand_ok(event, rule("FREQ=DAILY;BYHOUR=9,12,15"), "2026-01-01T00:00:00Z",
                      "2031-01-01T00:00:00Z", {}, kMaxInstances)
                .size(),
            kMaxInstances);
  for (size_t bad : {size_t{0}, kMaxInstances + 1}) {
    auto r =
        expand(event, rule("FREQ=DAILY"), {}, utc("2026-01-01T00:00:00Z"), utc("2026-02-01T00:00:00Z"), bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "max_instances");
  }
}

TEST(RecurrenceTest, WindowOfMoreThanFiveYearsIsRejected) {
  const auto event = timed("2026-01-01T09:00:00", "2026-01-01T10:00:00");
  auto field = [&](const std::string& from, const std::string& to) {
    auto r = expand(event, rule("FREQ=WEEKLY"), {}, utc(from), utc(to));
    return r.ok() ? std::string() : r.error().field;
  };
  EXPECT_EQ(field("2026-01-01T00:00:00Z", "2031-01-01T00:00:00Z"), ""); // five calendar years
  EXPECT_EQ(field("2028-01-01T00:00:00Z", "2033-01-01T00:00:00Z"), ""); // with two leap days
  EXPECT_EQ(field("2026-01-01T00:00:00Z", "2031-01-03T00:00:00Z"), "to");
  EXPECT_EQ(field("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"), "to");
  EXPECT_EQ(field("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z"), "to");
  EXPECT_EQ(field("1899-12-31T00:00:00Z", "1900-01-02T00:00:00Z"), "from");
  EXPECT_EQ(field("2199-12-31T00:00:00Z", "2200-01-02T00:00:00Z"), "to");
}

TEST(RecurrenceTest, WindowFarFromTheStartGivesTheSameOccurrences) {
  // expand() skips to the window where it can; that must not change which occurrences appear.
  const std::vector<std::string> rules{"FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH",
                                       "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                                       "FREQ=MONTHLY;BYMONTHDAY=-1",
                                       "FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR",
                                       "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
                                       "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                                       "FREQ=DAILY;INTERVAL=7",
                                       "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SU,MO",
                                       "FREQ=WEEKLY;BYDAY=FR;UNTIL=20290615T000000Z"};
  for (bool whole_days : {false, true}) {
    const auto event = whole_days ? all_day("2026-01-02", "2026-01-03")
                                  : timed("2026-01-02T09:00:00", "2026-01-02T10:00:00");
    for (const auto& r : rules) {
      const auto whole =
          expand_ok(event, rule(r), "2026-01-01T00:00:00Z", "2031-01-01T00:00:00Z", {}, kMaxInstances);
      const auto part = expand_ok(event, rule(r), "2028-02-01T00:00:00Z", "2028-08-01T00:00:00Z");
      std::vector<std::string> expected;
      for (const auto& i : whole) {
        if (i.starts_at_utc < utc("2028-08-01T00:00:00Z") && i.ends_at_utc > utc("2028-02-01T00:00:00Z")) {
          expected.push_back(i.starts_at);
        }
      }
      EXPECT_FALSE(expected.empty()) << r;
      EXPECT_EQ(starts(part), expected) << r << (whole_days ? " (all-day)" : "");
    }
  }
}

TEST(RecurrenceTest, LongSeriesFarFromTheirStart) {
  // Every third day since 2000: the window in 2026 holds the days divisible by 3 since then.
  const auto every_third =
      expand_ok(timed("2000-01-01T09:00:00", "2000-01-01T10:00:00"), rule("FREQ=DAILY;INTERVAL=3"),
                "2026-06-01T00:00:00Z", "2026-06-08T00:00:00Z");
  ASSERT_FALSE(every_third.empty());
  for (const auto& i : every_third) {
    EXPECT_EQ((utc(i.starts_at) - utc("2000-01-01T09:00:00")) % (int64_t{3} * 86400), 0) << i.starts_at;
  }
  // COUNT is counted from the start: the 10000th day is 2027-05-18.
  const auto counted =
      expand_ok(timed("2000-01-01T09:00:00", "2000-01-01T10:00:00"), rule("FREQ=DAILY;COUNT=10000"),
                "2027-05-16T00:00:00Z", "2027-05-25T00:00:00Z");
  ASSERT_FALSE(counted.empty());
  EXPECT_EQ(counted.back().starts_at, "2027-05-18T09:00:00");
}

TEST(RecurrenceTest, ExpansionFromSeveralThreads) {
  const std::vector<std::string> zones{"Australia/Sydney", "Asia/Tokyo", "America/Sao_Paulo",
                                       "Pacific/Auckland"};
  auto run = [](const std::string& zone) {
    auto r =
        expand(timed("2026-01-05T09:00:00", "2026-01-05T10:00:00", zone), rule("FREQ=WEEKLY;BYDAY=MO,TH"), {},
               utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    std::vector<int64_t> out;
    if (r.ok()) {
      out.reserve(r->size());
      for (const auto& i : *r) out.push_back(i.starts_at_utc);
    }
    return out;
  };
  std::vector<std::vector<int64_t>> expected;
  expected.reserve(zones.size());
  for (const auto& zone : zones) expected.push_back(run(zone));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (size_t n = 0; n < 12; ++n) {
        const size_t z = (t + n) % zones.size();
        if (run(zones[z]) != expected[z]) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
  EXPECT_EQ(expected[0].size(), 104u); // 52 Mondays and 52 Thursdays
}

// ---- Validation ----------------------------------------------------------------------------------

TEST(RecurrenceTest, ValidEventsPass) {
  EXPECT_TRUE(validate(timed("2026-01-05T09:00:00", "2026-01-05T10:00:00"), std::nullopt).ok());
  EXPECT_TRUE(validate(timed("2026-01-05T09:00:00", "2026-01-05T10:00:00"),
                       rule("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270101T000000Z"))
                  .ok());
  EXPECT_TRUE(validate(all_day("2026-01-05", "2026-01-06"), rule("", {"2026-02-01"})).ok()); // RDATEs only
  EXPECT_TRUE(validate(all_day("2026-01-05", "2026-01-06"), rule("freq=yearly")).ok());
}

TEST(RecurrenceTest, EveryValidationErrorNamesItsField) {
  const auto event = timed("2026-01-05T09:00:00", "2026-01-05T10:00:00");
  EXPECT_EQ(invalid_field(timed("2026-13-05T09:00:00", "2026-01-05T10:00:00"), std::nullopt), "starts_at");
  EXPECT_EQ(invalid_field(timed("2026-02-29T09:00:00", "2026-03-01T10:00:00"), std::nullopt), "starts_at");
  EXPECT_EQ(invalid_field(timed("2026-01-05 09:00:00", "2026-01-05T10:00:00"), std::nullopt), "starts_at");
  EXPECT_EQ(invalid_field(timed("1899-12-31T09:00:00", "1899-12-31T10:00:00"), std::nullopt), "starts_at");
  EXPECT_EQ(invalid_field(timed("2026-01-05T09:00:00", "2026-01-05T24:00:00"), std::nullopt), "ends_at");
  EXPECT_EQ(invalid_field(timed("2026-01-05T09:00:00", "2026-01-05T09:00:00"), std::nullopt), "ends_at");
  EXPECT_EQ(invalid_field(timed("2026-01-05T09:00:00", "2026-01-05T08:00:00"), std::nullopt), "ends_at");
  EXPECT_EQ(invalid_field(all_day("2026-01-05T00:00:00", "2026-01-06T00:00:00"), std::nullopt), "starts_at");
  EXPECT_EQ(invalid_field(all_day("2026-01-05", "2026-01-05"), std::nullopt), "ends_at");
  EXPECT_EQ(invalid_field(timed("2026-01-05T09:00:00", "2026-01-05T10:00:00", ""), std::nullopt),
            "time_zone");
  EXPECT_EQ(invalid_field(timed("2026-01-05T09:00:00", "2026-01-05T10:00:00", "europe/berlin"), std::nullopt),
            "time_zone");
  EXPECT_EQ(
      invalid_field(timed("2026-01-05T09:00:00", "2026-01-05T10:00:00", "../../etc/passwd"), std::nullopt),
      "time_zone");
  auto mars = validate(timed("2026-01-05T09:00:00", "2026-01-05T10:00:00", "Mars/Olympus"), std::nullopt);
  ASSERT_FALSE(mars.ok());
  EXPECT_EQ(mars.error().field, "time_zone");
  EXPECT_EQ(mars.error().code, ErrorCode::invalid_argument);
  EXPECT_THAT(mars.error().message, HasSubstr("Mars/Olympus"));

  std::vector<std::string> many(kMaxRecurrenceDates + 1, "2026-02-01T09:00:00");
  EXPECT_EQ(invalid_field(event, rule("FREQ=DAILY", many)), "recurrence.rdates");
  EXPECT_EQ(invalid_field(event, rule("FREQ=DAILY", {}, many)), "recurrence.exdates");
  many.pop_back();
  EXPECT_EQ(invalid_field(event, rule("FREQ=DAILY", many, many)), "");
  EXPECT_EQ(invalid_field(event, rule("FREQ=DAILY", {"2026-02-01T09:00:00", "2026-02-01"})),
            "recurrence.rdates[1]");
  EXPECT_EQ(invalid_field(event, rule("FREQ=DAILY", {}, {"tomorrow"})), "recurrence.exdates[0]");
}

TEST(RecurrenceTest, BadRulesAreRejectedWithAReason) {
  const auto event = timed("2026-01-05T09:00:00", "2026-01-05T10:00:00");
  auto message = [&](const std::string& rrule, const EventTiming& timing) {
    auto r = validate(timing, rule(rrule));
    if (r.ok()) return std::string("valid");
    EXPECT_EQ(r.error().field, "recurrence.rrule") << rrule;
    return r.error().message;
  };
  auto rejected = [&](const std::string& rrule) { return message(rrule, event); };
  EXPECT_THAT(rejected("FREQ=WEEKLY;BYDAY=XX"), HasSubstr("not a valid RRULE"));
  EXPECT_THAT(rejected("FREQ=WEEKLY;FOO=1"), HasSubstr("not a valid RRULE"));
  EXPECT_THAT(rejected("FREQ=FORTNIGHTLY"), HasSubstr("not a valid RRULE"));
  EXPECT_THAT(rejected("BYDAY=MO"), HasSubstr("FREQ is required"));
  EXPECT_THAT(rejected("FREQ=MINUTELY"), HasSubstr("at most daily"));
  EXPECT_THAT(rejected("FREQ=HOURLY;INTERVAL=24"), HasSubstr("at most daily"));
  EXPECT_THAT(rejected("FREQ=SECONDLY"), HasSubstr("at most daily"));
  EXPECT_THAT(rejected("FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z"), HasSubstr("COUNT and UNTIL"));
  EXPECT_THAT(rejected("FREQ=DAILY;INTERVAL=1001"), HasSubstr("INTERVAL"));
  EXPECT_EQ(rejected("FREQ=DAILY;INTERVAL=1000"), "valid");
  EXPECT_THAT(rejected("FREQ=DAILY;COUNT=10001"), HasSubstr("COUNT"));
  EXPECT_EQ(rejected("FREQ=DAILY;COUNT=10000"), "valid");
  EXPECT_THAT(rejected("FREQ=DAILY;COUNT=0"), HasSubstr("not a valid RRULE"));
  EXPECT_THAT(rejected("RRULE:FREQ=DAILY"), HasSubstr("prefix"));
  EXPECT_THAT(rejected("FREQ=DAILY;RSCALE=GREGORIAN"), HasSubstr("RSCALE"));
  EXPECT_THAT(rejected("FREQ=DAILY;UNTIL=20260101T250000Z"), HasSubstr("UNTIL"));
  // Rules that can never produce a start (libical would search until the year 2582 for them).
  EXPECT_THAT(rejected("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), HasSubstr("no day satisfies"));
  EXPECT_THAT(rejected("FREQ=MONTHLY;BYDAY=6MO"), HasSubstr("no day satisfies"));
  EXPECT_THAT(rejected("FREQ=MONTHLY;BYMONTHDAY=15;BYDAY=1MO"), HasSubstr("no day satisfies"));
  EXPECT_THAT(rejected("FREQ=YEARLY;BYYEARDAY=1;BYDAY=2MO"), HasSubstr("no day satisfies"));
  EXPECT_THAT(rejected("FREQ=MONTHLY;BYSETPOS=7;BYDAY=MO"), HasSubstr("BYSETPOS=7"));
  EXPECT_THAT(rejected("FREQ=WEEKLY;BYDAY=2MO"), HasSubstr("only with FREQ=MONTHLY or FREQ=YEARLY"));
  EXPECT_THAT(rejected("FREQ=DAILY;INTERVAL=7;BYDAY=TU"), HasSubstr("never produces")); // starts on a Monday
  EXPECT_THAT(rejected("FREQ=MONTHLY;INTERVAL=2;BYMONTH=2,4,6,8,10,12"), HasSubstr("never produces"));
  // Rare but real ones pass.
  for (const char* fine :
       {"FREQ=MONTHLY;BYDAY=5MO", "FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR",
        "FREQ=YEARLY;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
        "FREQ=MONTHLY;BYMONTHDAY=-1;BYDAY=-1FR", "FREQ=YEARLY;BYYEARDAY=-1;BYDAY=-1TH"}) {
    EXPECT_EQ(rejected(fine), "valid") << fine;
  }
  EXPECT_THAT(message("FREQ=DAILY;BYHOUR=9", all_day("2026-01-05", "2026-01-06")), HasSubstr("all-day"));
  // Length: 500 bytes pass, 501 do not.
  const std::string padded = "FREQ=DAILY;INTERVAL=" + std::string(kMaxRruleBytes - 21, '0') + "1";
  ASSERT_EQ(padded.size(), kMaxRruleBytes);
  EXPECT_EQ(rejected(padded), "valid");
  EXPECT_THAT(rejected(padded + "0"), HasSubstr("longer than 500 bytes"));
}

TEST(RecurrenceTest, ExpandValidatesToo) {
  auto r = expand(timed("2026-01-05T09:00:00", "2026-01-05T10:00:00"), rule("FREQ=MINUTELY"), {},
                  utc("2026-01-01T00:00:00Z"), utc("2026-02-01T00:00:00Z"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "recurrence.rrule");
}

} // namespace
} // namespace plenum::services
