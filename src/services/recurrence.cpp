#include "services/recurrence.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <tuple>

namespace plenum::services {
namespace {

constexpr int64_t kDay = 86400;
// Margin between local and UTC readings of one moment: UTC offsets stay within ±26 hours.
constexpr int64_t kSlack = 2 * kDay;
// Rule iterator steps per expand(). COUNT is capped and other rules start near the window, so
// only pathological series (almost all occurrences cancelled, say) get here.
constexpr int kMaxRuleSteps = 50000;
constexpr const char* kRuleField = "recurrence.rrule";

// ---- Local times ("floating" seconds: the wall clock read as if it were UTC) ----------------

struct Civil {
  int year;
  unsigned month, day;
  int64_t hour, minute, second;
};

int64_t to_seconds(const Civil& c) {
  const std::chrono::sys_days days{std::chrono::year{c.year} / std::chrono::month{c.month} /
                                   std::chrono::day{c.day}};
  return int64_t{days.time_since_epoch().count()} * kDay + c.hour * 3600 + c.minute * 60 + c.second;
}

Civil to_civil(int64_t seconds) {
  int64_t days = seconds / kDay;
  if (seconds % kDay < 0) --days;
  const int64_t rest = seconds - days * kDay;
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  return {static_cast<int>(ymd.year()),
          static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()),
          rest / 3600,
          rest % 3600 / 60,
          rest % 60};
}

bool valid_civil(const Civil& c) {
  const std::chrono::year_month_day ymd{std::chrono::year{c.year} / std::chrono::month{c.month} /
                                        std::chrono::day{c.day}};
  return c.year >= kMinYear && c.year <= kMaxYear && ymd.ok() && c.hour >= 0 && c.hour <= 23 &&
         c.minute >= 0 && c.minute <= 59 && c.second >= 0 && c.second <= 59;
}

std::optional<int> digits(std::string_view s) {
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// "YYYY-MM-DD" for all-day events, else "YYYY-MM-DDTHH:MM:SS".
std::optional<int64_t> parse_local(std::string_view s, bool all_day) {
  if (s.size() != (all_day ? 10u : 19u) || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!all_day && (s[10] != 'T' || s[13] != ':' || s[16] != ':')) return std::nullopt;
  const auto year = digits(s.substr(0, 4)), month = digits(s.substr(5, 2)), day = digits(s.substr(8, 2));
  const auto hour = all_day ? 0 : digits(s.substr(11, 2)), minute = all_day ? 0 : digits(s.substr(14, 2)),
             second = all_day ? 0 : digits(s.substr(17, 2));
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  const Civil c{*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day), *hour, *minute, *second};
  if (!valid_civil(c)) return std::nullopt;
  return to_seconds(c);
}

std::string format_local(int64_t seconds, bool all_day) {
  const Civil c = to_civil(seconds);
  std::string out = all_day ? "0000-00-00" : "0000-00-00T00:00:00";
  const auto put = [&out](size_t at, int64_t value, size_t width) {
    for (size_t i = width; i-- > 0; value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, c.year, 4);
  put(5, c.month, 2);
  put(8, c.day, 2);
  if (!all_day) {
    put(11, c.hour, 2);
    put(14, c.minute, 2);
    put(17, c.second, 2);
  }
  return out;
}

Result<int64_t> local_field(std::string_view text, bool all_day, const std::string& field) {
  if (auto local = parse_local(text, all_day)) return *local;
  return field_error(field, all_day ? "expected a date YYYY-MM-DD between 1900 and 2199"
                                    : "expected a local time YYYY-MM-DDTHH:MM:SS between 1900 and 2199");
}

// A floating libical time (no zone): the rule runs on the wall clock and zones are applied after.
// (Given a DTSTART with a zone, libical 3.0's iterator keeps a gap-shifted time: a daily 02:30
// meeting in Berlin would stay at 03:30 after the spring change.)
icaltimetype to_ical(int64_t local, bool all_day) {
  const Civil c = to_civil(local);
  icaltimetype t = icaltime_null_time();
  t.year = c.year;
  t.month = static_cast<int>(c.month);
  t.day = static_cast<int>(c.day);
  t.hour = all_day ? 0 : static_cast<int>(c.hour);
  t.minute = all_day ? 0 : static_cast<int>(c.minute);
  t.second = all_day ? 0 : static_cast<int>(c.second);
  t.is_date = all_day ? 1 : 0;
  return t;
}

Civil from_ical(const icaltimetype& t) {
  if (t.is_date) return {t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day), 0, 0, 0};
  return {t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day), t.hour, t.minute, t.second};
}

// ---- Time zones --------------------------------------------------------------------------------

// libical loads built-in zones lazily into a global cache and extends each zone's table of
// offset changes on demand: every libical time-zone call holds this mutex.
std::mutex& zone_mutex() {
  static std::mutex mutex;
  return mutex;
}

// IANA names only ("Area/Location", "UTC"): nothing libical could read as a path.
bool plausible_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

class Zone {
 public:
  explicit Zone(icaltimezone* zone) : zone_(zone) {}

  int64_t to_local(int64_t utc) const { return utc + offset_at(utc); }

  // RFC 5545 §3.3.5: a local time in a gap takes the offset from before the gap (it moves forward
  // by the gap's length); a local time that occurs twice means the first occurrence.
  int64_t to_utc(int64_t local) const {
    const int64_t before = offset_at(local - kDay), after = offset_at(local + kDay);
    const int64_t first = local - before, second = local - after;
    const bool first_ok = offset_at(first) == before;
    if (before == after && first_ok) return first;
    const bool second_ok = offset_at(second) == after;
    if (first_ok && second_ok) return std::min(first, second);
    if (second_ok) return second;
    return first; // in force, or the gap
  }

 private:
  int64_t offset_at(int64_t utc) const {
    icaltimetype t = to_ical(utc, false);
    int is_daylight = 0;
    const std::lock_guard lock(zone_mutex());
    t.zone = icaltimezone_get_utc_timezone();
    return icaltimezone_get_utc_offset_of_utc_time(zone_, &t, &is_daylight);
  }

  icaltimezone* zone_;
};

Result<Zone> find_zone(const std::string& name) {
  if (name.empty())
    return field_error("time_zone", "a time zone is required (an IANA name such as Europe/Berlin)");
  icaltimezone* zone = nullptr;
  if (plausible_zone_name(name)) {
    const std::lock_guard lock(zone_mutex());
    zone = icaltimezone_get_builtin_timezone(name.c_str());
  }
  if (zone == nullptr) {
    return field_error("time_zone", (plausible_zone_name(name) ? "unknown time zone \"" + name + "\""
                                                               : std::string("unknown time zone")) +
                                        " (expected an IANA name such as Europe/Berlin)");
  }
  return Zone(zone);
}

// ---- Rules -------------------------------------------------------------------------------------

struct IteratorFree {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};
using Iterator = std::unique_ptr<icalrecur_iterator, IteratorFree>;

enum class UntilKind { none, utc, local };

struct Rule {
  icalrecurrencetype recur; // without UNTIL, which expand() applies itself (see the header)
  UntilKind until_kind = UntilKind::none;
  int64_t until = 0; // inclusive: unix seconds (utc) or local seconds (local)
};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// The number of values in one of libical's BY* arrays (they end at ICAL_RECURRENCE_ARRAY_MAX).
template <size_t N>
int64_t by_count(const short (&values)[N]) {
  int64_t n = 0;
  while (static_cast<size_t>(n) < N && values[n] != ICAL_RECURRENCE_ARRAY_MAX) ++n;
  return n;
}

template <size_t N>
bool by_contains(const short (&values)[N], int value) {
  for (size_t i = 0; i < N && values[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
    if (values[i] == value) return true;
  }
  return false;
}

int month_length(int month, bool leap) {
  if (month == 2) return leap ? 29 : 28;
  return (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
}

// Whether any day passes BYMONTH, BYMONTHDAY, BYYEARDAY and BYDAY together. A day's weekday
// runs through all seven over the years, in leap and common years alike (the Gregorian calendar
// repeats every 400 years), so one leap and one common year tell.
bool some_day_matches(const icalrecurrencetype& r) {
  const bool months = by_count(r.by_month) > 0, month_days = by_count(r.by_month_day) > 0,
             year_days = by_count(r.by_year_day) > 0;
  const int64_t week_days = by_count(r.by_day);
  const bool per_month = r.freq == ICAL_MONTHLY_RECURRENCE || months; // what "2MO" counts in
  for (const bool leap : {false, true}) {
    const int year_length = leap ? 366 : 365;
    for (int month = 1, before = 0; month <= 12; before += month_length(month, leap), ++month) {
      const int length = month_length(month, leap);
      if (months && !by_contains(r.by_month, month)) continue;
      for (int day = 1; day <= length; ++day) {
        const int year_day = before + day;
        if (month_days && !by_contains(r.by_month_day, day) && !by_contains(r.by_month_day, day - length - 1))
          continue;
        if (year_days && !by_contains(r.by_year_day, year_day) &&
            !by_contains(r.by_year_day, year_day - year_length - 1)) {
          continue;
        }
        if (week_days == 0) return true;
        const int index = per_month ? day : year_day, period = per_month ? length : year_length;
        for (int64_t i = 0; i < week_days; ++i) {
          const int n = icalrecurrencetype_day_position(r.by_day[i]);
          if (n == 0 || n == (index - 1) / 7 + 1 || n == -((period - index) / 7 + 1)) return true;
        }
      }
    }
  }
  return false;
}

// An upper bound on the number of starts one period (day, week, month, year) of the rule can
// hold before BYSETPOS picks from them.
int64_t max_set_size(const icalrecurrencetype& r) {
  const int64_t months = by_count(r.by_month), month_days = by_count(r.by_month_day),
                days = by_count(r.by_day);
  int64_t ordinal_days = 0;
  for (int64_t i = 0; i < days; ++i)
    ordinal_days += icalrecurrencetype_day_position(r.by_day[i]) != 0 ? 1 : 0;
  const int64_t weekly_days = days - ordinal_days;
  int64_t bound = 1;
  switch (r.freq) {
    case ICAL_WEEKLY_RECURRENCE: bound = days > 0 ? std::min<int64_t>(days, 7) : 1; break;
    case ICAL_MONTHLY_RECURRENCE:
      if (days > 0 || month_days > 0) {
        bound = 31;
        if (month_days > 0) bound = std::min(bound, month_days);
        if (days > 0) bound = std::min(bound, ordinal_days + 5 * weekly_days);
      }
      break;
    case ICAL_YEARLY_RECURRENCE: {
      const int64_t per_year = months > 0 ? months : 12;
      if (days == 0 && month_days == 0 && by_count(r.by_year_day) == 0 && by_count(r.by_week_no) == 0) {
        bound = std::max<int64_t>(months, 1);
        break;
      }
      bound = 366;
      if (by_count(r.by_year_day) > 0) bound = std::min(bound, by_count(r.by_year_day));
      if (by_count(r.by_week_no) > 0) bound = std::min(bound, 7 * by_count(r.by_week_no));
      if (month_days > 0) bound = std::min(bound, month_days * per_year);
      if (days > 0) bound = std::min(bound, ordinal_days * per_year + 53 * weekly_days);
      break;
    }
    default: break;
  }
  for (int64_t n : {by_count(r.by_hour), by_count(r.by_minute), by_count(r.by_second)})
    bound *= std::max<int64_t>(n, 1);
  return bound;
}

// Shapes that can never produce a start. libical 3.0 searches up to the year 2582 for them
// (up to two seconds of CPU per call), so they are refused up front.
std::optional<std::string> never_matches(const icalrecurrencetype& r) {
  for (int64_t i = 0; i < by_count(r.by_day); ++i) {
    if (icalrecurrencetype_day_position(r.by_day[i]) != 0 && r.freq != ICAL_MONTHLY_RECURRENCE &&
        r.freq != ICAL_YEARLY_RECURRENCE) {
      return "BYDAY takes a number (like 2MO) only with FREQ=MONTHLY or FREQ=YEARLY";
    }
  }
  if (by_count(r.by_week_no) == 0 && !some_day_matches(r)) {
    return "no day satisfies BYMONTH, BYMONTHDAY, BYYEARDAY and BYDAY together";
  }
  const int64_t set_size = max_set_size(r);
  for (int64_t i = 0; i < by_count(r.by_set_pos); ++i) {
    if (std::abs(r.by_set_pos[i]) > set_size) {
      return "BYSETPOS=" + std::to_string(r.by_set_pos[i]) + " is beyond the " + std::to_string(set_size) +
             " starts a period of this rule can have";
    }
  }
  return std::nullopt;
}

bool has_by_time_parts(const icalrecurrencetype& r) {
  return r.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX || r.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
         r.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

// Checks our own rules on the parts first, for messages that name the problem, then lets
// libical parse the value (RFC 5545 §3.3.10).
Result<Rule> parse_rule(const std::string& text, bool all_day, int64_t start_local) {
  if (text.size() > kMaxRruleBytes) return field_error(kRuleField, "the rule is longer than 500 bytes");
  if (upper(text.substr(0, 6)) == "RRULE:") {
    return field_error(kRuleField, "give the rule without the \"RRULE:\" prefix");
  }
  bool has_count = false, has_until = false;
  for (size_t begin = 0; begin <= text.size();) {
    const size_t end = std::min(text.find(';', begin), text.size());
    const std::string part = upper(std::string_view(text).substr(begin, end - begin));
    const std::string name = part.substr(0, part.find('='));
    if (name == "RSCALE") return field_error(kRuleField, "RSCALE (other calendar systems) is not supported");
    has_count = has_count || name == "COUNT";
    has_until = has_until || name == "UNTIL";
    begin = end + 1;
  }
  if (has_count && has_until) {
    return field_error(kRuleField, "COUNT and UNTIL cannot both be set (RFC 5545 §3.3.10)");
  }

  icalerror_clear_errno();
  Rule rule{icalrecurrencetype_from_string(text.c_str())};
  const bool malformed = icalerrno != ICAL_NO_ERROR;
  if (rule.recur.rscale != nullptr) { // only allocated for RSCALE, refused above; never leak it
    icalmemory_free_buffer(rule.recur.rscale);
    rule.recur.rscale = nullptr;
  }
  if (malformed) {
    return field_error(kRuleField, "not a valid RRULE (RFC 5545 §3.3.10): check the part names and values");
  }
  const icalrecurrencetype& r = rule.recur;
  if (r.freq == ICAL_NO_RECURRENCE) return field_error(kRuleField, "FREQ is required, e.g. FREQ=WEEKLY");
  if (r.freq < ICAL_DAILY_RECURRENCE) {
    return field_error(kRuleField, std::string("meetings repeat at most daily: FREQ=") +
                                       icalrecur_freq_to_string(r.freq) + " is not supported");
  }
  if (r.interval > kMaxRuleInterval) return field_error(kRuleField, "INTERVAL is above 1000");
  if (r.count > kMaxRuleCount) return field_error(kRuleField, "COUNT is above 10000");
  if (all_day && has_by_time_parts(r)) {
    return field_error(kRuleField, "BYHOUR, BYMINUTE and BYSECOND do not apply to all-day events");
  }
  if (auto reason = never_matches(r)) return field_error(kRuleField, *reason + " (RFC 5545 §3.3.10)");
  if (!icaltime_is_null_time(r.until)) {
    const Civil c = from_ical(r.until);
    if (!valid_civil(c)) return field_error(kRuleField, "UNTIL is not a valid date between 1900 and 2199");
    if (r.until.is_date) {
      rule.until_kind = UntilKind::local;
      rule.until = to_seconds(c) + kDay - 1;
    } else {
      rule.until_kind = icaltime_is_utc(r.until) ? UntilKind::utc : UntilKind::local;
      rule.until = to_seconds(c);
    }
    rule.recur.until = icaltime_null_time();
  }
  // A stored rule must produce starts: expand() then never scans far for the next one.
  const Iterator it(icalrecur_iterator_new(rule.recur, to_ical(start_local, all_day)));
  if (!it || icaltime_is_null_time(icalrecur_iterator_next(it.get()))) {
    return field_error(kRuleField, "the rule never produces a start from starts_at on (RFC 5545 §3.3.10)");
  }
  return rule;
}

// ---- The event ---------------------------------------------------------------------------------

struct Prepared {
  Zone zone;
  bool all_day = false;
  int64_t start_local = 0;
  int64_t start_utc = 0;
  int64_t length = 0; // exact seconds (timed) or local days * kDay (all-day)
  std::optional<Rule> rule;
  std::set<int64_t> extra;    // DTSTART and the RDATEs
  std::set<int64_t> excluded; // EXDATEs
};

Result<std::set<int64_t>> parse_dates(const std::vector<std::string>& dates, bool all_day,
                                      const std::string& field) {
  if (dates.size() > kMaxRecurrenceDates) return field_error(field, "more than 100 entries");
  std::set<int64_t> out;
  for (size_t i = 0; i < dates.size(); ++i) {
    auto local = local_field(dates[i], all_day, field + "[" + std::to_string(i) + "]");
    if (!local.ok()) return local.error();
    out.insert(*local);
  }
  return out;
}

Result<Prepared> prepare(const EventTiming& timing, const std::optional<Recurrence>& recurrence) {
  const bool all_day = timing.all_day;
  auto start = local_field(timing.starts_at, all_day, "starts_at");
  if (!start.ok()) return start.error();
  auto end = local_field(timing.ends_at, all_day, "ends_at");
  if (!end.ok()) return end.error();
  auto zone = find_zone(timing.time_zone);
  if (!zone.ok()) return zone.error();

  Prepared p{*zone, all_day, *start, zone->to_utc(*start)};
  p.length = all_day ? *end - *start : zone->to_utc(*end) - p.start_utc;
  if (*end <= *start || p.length <= 0) return field_error("ends_at", "ends_at must be after starts_at");
  p.extra.insert(*start);
  if (!recurrence) return p;

  auto rdates = parse_dates(recurrence->rdates, all_day, "recurrence.rdates");
  if (!rdates.ok()) return rdates.error();
  p.extra.merge(*rdates);
  auto exdates = parse_dates(recurrence->exdates, all_day, "recurrence.exdates");
  if (!exdates.ok()) return exdates.error();
  p.excluded = std::move(*exdates);
  if (!recurrence->rrule.empty()) {
    auto rule = parse_rule(recurrence->rrule, all_day, *start);
    if (!rule.ok()) return rule.error();
    p.rule = *rule;
  }
  return p;
}

// ---- Expansion ---------------------------------------------------------------------------------

struct Change {
  bool cancelled = false;
  int64_t start_local = 0, end_local = 0, start_utc = 0, end_utc = 0;
};

class Expander {
 public:
  Expander(const Prepared& p, int64_t from_utc, int64_t to_utc, size_t max_instances)
      : p_(p), from_(from_utc), to_(to_utc), max_(max_instances) {}

  Result<void> add_exceptions(const std::vector<InstanceException>& exceptions) {
    for (size_t i = 0; i < exceptions.size(); ++i) {
      const InstanceException& e = exceptions[i];
      const std::string field = "exceptions[" + std::to_string(i) + "].";
      auto original = local_field(e.original_start, p_.all_day, field + "original_start");
      if (!original.ok()) return original.error();
      if (changes_.contains(*original)) {
        return field_error(field + "original_start", "another exception already names this occurrence");
      }
      Change c{e.cancelled, *original};
      if (e.starts_at) {
        auto start = local_field(*e.starts_at, p_.all_day, field + "starts_at");
        if (!start.ok()) return start.error();
        c.start_local = *start;
      }
      c.start_utc = p_.zone.to_utc(c.start_local);
      if (e.ends_at) {
        auto end = local_field(*e.ends_at, p_.all_day, field + "ends_at");
        if (!end.ok()) return end.error();
        c.end_local = *end;
        c.end_utc = p_.zone.to_utc(c.end_local);
      } else {
        c.end_local = c.start_local + p_.length;
        c.end_utc = p_.all_day ? p_.zone.to_utc(c.end_local) : c.start_utc + p_.length;
      }
      if (c.end_local <= c.start_local || c.end_utc <= c.start_utc) {
        return field_error(field + "ends_at", "ends_at must be after starts_at");
      }
      if (!c.cancelled && overlaps(c.start_utc, c.end_utc)) wanted_.insert(*original);
      changes_.emplace(*original, c);
    }
    return {};
  }

  Result<std::vector<Instance>> run() {
    if (p_.rule) {
      auto ok = run_rule(*p_.rule);
      if (!ok.ok()) return ok.error();
    }
    for (int64_t local : p_.extra) consider(local);
    std::sort(out_.begin(), out_.end(), [](const Instance& a, const Instance& b) {
      return std::tie(a.starts_at_utc, a.ends_at_utc, a.original_start) <
             std::tie(b.starts_at_utc, b.ends_at_utc, b.original_start);
    });
    if (out_.size() > max_) out_.resize(max_);
    return std::move(out_);
  }

 private:
  bool overlaps(int64_t start_utc, int64_t end_utc) const { return start_utc < to_ && end_utc > from_; }

  // The rule's starts run in local order; gaps reorder their UTC times by at most a few hours.
  Result<void> run_rule(const Rule& rule) {
    const icaltimetype dtstart = to_ical(p_.start_local, p_.all_day);
    const int64_t longest = p_.all_day ? p_.length + p_.length / 24 : p_.length; // 25-hour days
    int64_t lower = from_ - longest - kSlack, upper = to_ + kSlack;
    if (!wanted_.empty()) {
      lower = std::min(lower, *wanted_.begin());
      upper = std::max(upper, *wanted_.rbegin());
    }
    if (rule.until_kind == UntilKind::local) upper = std::min(upper, rule.until);
    if (rule.until_kind == UntilKind::utc) upper = std::min(upper, rule.until + kSlack);
    if (upper < p_.start_local) return {}; // the window ends before the series starts
    // libical stops at UNTIL even between matches: a rarely matching rule costs about the window.
    icalrecurrencetype recur = rule.recur;
    recur.until = to_ical(upper, p_.all_day);
    Iterator it(icalrecur_iterator_new(recur, dtstart));
    if (!it) return field_error(kRuleField, "the rule cannot be expanded");
    // Skip to the window; libical cannot do so with COUNT (it has to count from DTSTART).
    if (rule.recur.count == 0 && lower > p_.start_local &&
        icalrecur_iterator_set_start(it.get(), to_ical(lower, p_.all_day)) == 0) {
      it.reset(icalrecur_iterator_new(recur, dtstart));
    }
    size_t kept = 0;
    std::optional<int64_t> full_at; // local start of the max_-th kept occurrence
    for (int steps = 0;; ++steps) {
      if (steps == kMaxRuleSteps) {
        return field_error(kRuleField, "the series has too many occurrences to expand this window");
      }
      const icaltimetype t = icalrecur_iterator_next(it.get());
      if (icaltime_is_null_time(t)) break;
      const int64_t local = to_seconds(from_ical(t));
      if (local > upper) break;
      // Everything later starts after max_ kept occurrences, so it would be cut anyway.
      if (full_at && local > *full_at + kSlack && (wanted_.empty() || local > *wanted_.rbegin())) break;
      if (local < lower || p_.extra.contains(local)) continue;
      if (rule.until_kind == UntilKind::utc && p_.zone.to_utc(local) > rule.until) continue;
      if (consider(local) && ++kept == max_) full_at = local;
    }
    return {};
  }

  // Adds the occurrence that starts at `local` as generated; true if it is kept unchanged.
  bool consider(int64_t local) {
    if (p_.excluded.contains(local)) return false;
    if (auto change = changes_.find(local); change != changes_.end()) {
      const Change& c = change->second;
      if (!c.cancelled && wanted_.contains(local))
        out_.push_back(instance(local, c.start_utc, c.end_utc, c, true));
      return false;
    }
    const int64_t start_utc = p_.zone.to_utc(local);
    const int64_t end_utc = p_.all_day ? p_.zone.to_utc(local + p_.length) : start_utc + p_.length;
    if (!overlaps(start_utc, end_utc)) return false;
    out_.push_back(instance(local, start_utc, end_utc, Change{false, local, local + p_.length}, false));
    return true;
  }

  Instance instance(int64_t original, int64_t start_utc, int64_t end_utc, const Change& c, bool moved) const {
    const bool all_day = p_.all_day;
    return Instance{format_local(original, all_day),
                    start_utc,
                    end_utc,
                    format_local(all_day ? c.start_local : p_.zone.to_local(start_utc), all_day),
                    format_local(all_day ? c.end_local : p_.zone.to_local(end_utc), all_day),
                    moved};
  }

  const Prepared& p_;
  int64_t from_, to_;
  size_t max_;
  std::map<int64_t, Change> changes_; // by original local start
  std::set<int64_t> wanted_;          // originals of moved occurrences now inside the window
  std::vector<Instance> out_;
};

Result<void> check_window(int64_t from_utc, int64_t to_utc, size_t max_instances) {
  const int64_t earliest = to_seconds({kMinYear, 1, 1, 0, 0, 0});
  const int64_t latest = to_seconds({kMaxYear + 1, 1, 1, 0, 0, 0});
  if (from_utc < earliest || from_utc >= latest) return field_error("from", "from must lie in 1900..2199");
  if (to_utc <= from_utc) return field_error("to", "to must be after from");
  if (to_utc - from_utc > kMaxWindowSeconds) return field_error("to", "the window is longer than 5 years");
  if (to_utc > latest) return field_error("to", "to must lie in 1900..2199");
  if (max_instances < 1 || max_instances > kMaxInstances) {
    return field_error("max_instances", "max_instances must be between 1 and 5000");
  }
  return {};
}

} // namespace

Result<void> validate(const EventTiming& timing, const std::optional<Recurrence>& recurrence) {
  auto prepared = prepare(timing, recurrence);
  if (!prepared.ok()) return prepared.error();
  return {};
}

Result<std::vector<Instance>> expand(const EventTiming& timing, const std::optional<Recurrence>& recurrence,
                                     const std::vector<InstanceException>& exceptions, int64_t from_utc,
                                     int64_t to_utc, size_t max_instances) {
  auto prepared = prepare(timing, recurrence);
  if (!prepared.ok()) return prepared.error();
  auto window = check_window(from_utc, to_utc, max_instances);
  if (!window.ok()) return window.error();
  Expander expander(*prepared, from_utc, to_utc, max_instances);
  auto added = expander.add_exceptions(exceptions);
  if (!added.ok()) return added.error();
  return expander.run();
}

} // namespace plenum::services
