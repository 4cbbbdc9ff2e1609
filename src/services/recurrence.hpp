#pragma once
// Recurring meetings: expands an RFC 5545 recurrence set (DTSTART + RRULE + RDATE - EXDATE,
// §3.8.5) into the occurrences that overlap a time window, with moved and cancelled single
// occurrences applied. The rule engine and the time-zone data are libical's (Debian
// `libical-dev`, zone data from the system `tzdata`).
//
// Semantics, as a calendar user sees them:
// - Wall clock: the rule runs in the event's local time and each local start is then placed in
//   `time_zone`, so a weekly 09:00 Europe/Berlin meeting stays at 09:00 local across daylight
//   saving changes and its UTC time moves by an hour.
// - Nonexistent local time (the spring-forward gap, e.g. 02:30 on 2026-03-29 in Berlin): taken
//   with the UTC offset in force before the gap, i.e. pushed forward by the gap's length (02:30 ->
//   03:30 CEST = 01:30 UTC). Only that occurrence moves; the next one is at 02:30 again.
//   `original_start` keeps the generated "…T02:30:00", `starts_at` shows "…T03:30:00".
// - Ambiguous local time (autumn fall-back, e.g. 02:30 on 2026-10-25 in Berlin): the first
//   occurrence, still in daylight time (02:30 CEST = 00:30 UTC). Both rules are RFC 5545 §3.3.5.
// - Length: a timed event keeps the exact duration between its `starts_at` and `ends_at` in
//   every occurrence (RFC 5545 §3.8.5.3), even across a daylight saving change. An all-day event
//   covers whole local days: local midnight to local midnight (23 or 25 hours on change days).
// - DTSTART is always an occurrence (RFC 5545 §3.8.5.3), even where the rule would not generate
//   it; an EXDATE can remove it. An RDATE equal to a generated start counts once.
// - UNTIL is inclusive: "…Z" bounds the UTC start, a date-time without "Z" the local start, a
//   date the whole local day. COUNT counts the starts the rule generates.
// - Exceptions name an occurrence by its `original_start` (same form as `starts_at`). Cancelled
//   wins over moved. A moved occurrence without a new `starts_at` keeps its start, one without a
//   new `ends_at` keeps the event's length. Exceptions naming no occurrence of the set (left over
//   after the rule changed) are ignored.
// - All-day events: `starts_at`, `ends_at` (exclusive, like DTEND;VALUE=DATE), RDATE/EXDATE
//   entries, exception times and every `Instance` time string are dates "YYYY-MM-DD".
// - A rule that can never produce a start (BYMONTH=2;BYMONTHDAY=30, BYSETPOS=7 with BYDAY=MO, a
//   numbered BYDAY with FREQ=WEEKLY, ...) is refused: libical 3.0 would search for one until the
//   year 2582 on every call.
//
// Threads: libical's built-in zone cache and each zone's lazily extended table of offset changes
// are shared mutable state, so every libical time-zone call in recurrence.cpp holds one
// process-wide mutex. Rule parsing and iterators are per call (libical keeps its error state per
// thread). Both functions may be called from any thread. Pure computation, no I/O: a year of a
// weekly series takes about 0.2 ms, mostly libical's ICU date arithmetic
// (bench/recurrence_bench.cpp); a rule that matches only every few years costs up to tens of ms.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace plenum::services {

// Limits, checked by validate() and expand(); errors name the field.
inline constexpr size_t kMaxRruleBytes = 500;      // "recurrence.rrule"
inline constexpr size_t kMaxRecurrenceDates = 100; // each of "recurrence.rdates" and ".exdates"
inline constexpr int kMaxRuleInterval = 1000;      // INTERVAL
inline constexpr int kMaxRuleCount = 10000;        // COUNT (27 years of a daily meeting)
inline constexpr size_t kMaxInstances = 5000;      // "max_instances"
inline constexpr int64_t kMaxWindowSeconds = int64_t{1827} * 86400; // "to": 5 years, leap days included
inline constexpr int kMinYear = 1900;                               // every date and the window lie in
inline constexpr int kMaxYear = 2199;                               // [kMinYear-01-01, kMaxYear-12-31]

struct Recurrence {
  std::string rrule;                // RFC 5545 RRULE value without "RRULE:"; may be empty (RDATEs only)
  std::vector<std::string> rdates;  // extra local starts "YYYY-MM-DDTHH:MM:SS" (dates when all-day)
  std::vector<std::string> exdates; // excluded local starts, same form
};

struct EventTiming {
  std::string starts_at; // local "YYYY-MM-DDTHH:MM:SS", or "YYYY-MM-DD" when all_day
  std::string ends_at;   // same form; after starts_at
  std::string time_zone; // IANA, e.g. "Europe/Berlin"
  bool all_day = false;
};

struct InstanceException {    // a moved or cancelled single occurrence
  std::string original_start; // local start of the occurrence as the rule generated it
  bool cancelled = false;
  std::optional<std::string> starts_at, ends_at; // new local times when moved
};

struct Instance {
  std::string original_start;     // local, identifies the occurrence
  int64_t starts_at_utc = 0;      // unix seconds
  int64_t ends_at_utc = 0;        // unix seconds, exclusive
  std::string starts_at, ends_at; // local wall time in the event's zone (dates when all-day)
  bool moved = false;
};

// Checks the event and its recurrence without expanding it: formats and ranges of every time,
// the zone, ends_at after starts_at, RRULE syntax (libical), FREQ at least DAILY, INTERVAL,
// COUNT, not both COUNT and UNTIL, no BYHOUR/BYMINUTE/BYSECOND on all-day events, a first start
// the rule can produce, the limits above. Errors are field_error("starts_at" | "ends_at" | "time_zone" |
// "recurrence.rrule" | "recurrence.rdates[i]" | ..., message).
Result<void> validate(const EventTiming& timing, const std::optional<Recurrence>& recurrence);

// The occurrences whose [starts_at_utc, ends_at_utc) overlaps [from_utc, to_utc), sorted by start,
// exceptions applied: cancelled ones are left out, moved ones appear at (and are found by) their
// new time. At most `max_instances` (1..kMaxInstances), the earliest ones. A non-recurring event
// yields its single instance. Validates first (as validate()), then the exceptions
// ("exceptions[i].original_start" | ".starts_at" | ".ends_at") and the window ("from", "to",
// "max_instances").
Result<std::vector<Instance>> expand(const EventTiming& timing, const std::optional<Recurrence>& recurrence,
                                     const std::vector<InstanceException>& exceptions, int64_t from_utc,
                                     int64_t to_utc, size_t max_instances = 1000);

} // namespace plenum::services
