#pragma once
// Slows down password guessing. The caller keys failures by account ("account:<email>") and
// by client address ("ip:<address>"), asks check() before it verifies a password (and answers
// too_many_requests with Retry-After without verifying when not allowed), and records the
// outcome. On success it should reset only the account key: resetting the address key would
// let an attacker with one valid account keep guessing at others from the same address.
//
// Time is passed in (`now`), so the class never reads a clock and tests need no sleeps.

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace plenum::auth {

class LoginThrottle {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  struct Policy {
    // Failures that cost nothing: typos should not lock anyone out.
    int free_failures = 3;
    // The delay after the first failure beyond the free ones; it doubles with each further
    // failure (1 s, 2 s, 4 s, ...) up to max_delay, which keeps an online attack to ~4 guesses
    // per hour and key while a locked-out user waits at most 15 minutes.
    std::chrono::seconds base_delay{1};
    std::chrono::seconds max_delay{std::chrono::minutes(15)};
    // An entry whose last failure is this old is forgotten (failures decay).
    std::chrono::seconds forget_after{std::chrono::hours(1)};
    // Bound on the keys tracked (~200 bytes each with a typical key: ~20 MB at the default). When full,
    // recording a failure for a new key evicts the key whose last failure is oldest: an attacker must produce
    // max_entries fresh failures to make the throttle forget a key, and memory stays bounded whatever the
    // number of addresses.
    size_t max_entries = 100000;
  };

  struct Decision {
    bool allowed;
    std::chrono::seconds retry_after; // 0 when allowed; else rounded up to whole seconds
  };

  LoginThrottle();
  explicit LoginThrottle(Policy policy);

  Decision check(std::string_view key, TimePoint now) const;
  // Counts a failure at `now`; failures recorded while blocked count too.
  void record_failure(std::string_view key, TimePoint now);
  // Forgets the key's failures.
  void record_success(std::string_view key);
  // The number of keys tracked.
  size_t size() const;

 private:
  struct Entry {
    std::string key;
    int failures = 0;
    TimePoint last_failure;
  };
  using Entries = std::list<Entry>; // oldest last failure first

  std::chrono::seconds delay_after(int failures) const;
  bool expired(const Entry& entry, TimePoint now) const;
  void forget_expired(TimePoint now);

  Policy policy_;
  mutable std::mutex mutex_;
  Entries entries_;
  // Keys view the strings in entries_ (list nodes do not move).
  std::unordered_map<std::string_view, Entries::iterator> index_;
};

} // namespace plenum::auth
