#pragma once
// Single-use join tickets: the REST `start` calls issue one, the signaling WebSocket redeems it.
// The interface lets a Redis implementation replace the in-memory one for scale-out.

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace plenum::auth {

struct TicketClaims {
  std::string room_id;
  std::optional<std::string> user_id; // registered user; none for guests
  std::string display_name;
  std::string kind = "user"; // "user" | "guest"
  bool moderator = false;    // joins as moderator (the owner, administrators)
  bool owner = false;        // the room's owner: role fixed, cannot be removed
  // The room as it was when the ticket was issued: a live room starts from these settings.
  std::string room_name;
  std::string waiting_room = "off"; // off | guests | everyone
  int max_participants = 100;
};

class TicketStore {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~TicketStore() = default;
  // A fresh ticket for `claims`, valid until now + ttl().
  virtual std::string issue(const TicketClaims& claims, TimePoint now) = 0;
  // The claims, exactly once; nullopt when unknown, already used or expired.
  virtual std::optional<TicketClaims> redeem(std::string_view ticket, TimePoint now) = 0;
  virtual std::chrono::seconds ttl() const = 0;
};

class InMemoryTicketStore final : public TicketStore {
 public:
  static constexpr std::chrono::seconds kDefaultTtl{30};
  static constexpr size_t kMaxOutstanding = 100'000; // the oldest is dropped beyond this

  explicit InMemoryTicketStore(std::chrono::seconds ttl = kDefaultTtl) : ttl_(ttl) {}
  std::string issue(const TicketClaims& claims, TimePoint now) override;
  std::optional<TicketClaims> redeem(std::string_view ticket, TimePoint now) override;
  std::chrono::seconds ttl() const override { return ttl_; }
  size_t outstanding() const;

 private:
  struct Entry {
    TicketClaims claims;
    TimePoint expires;
  };
  void purge_expired(TimePoint now);

  std::chrono::seconds ttl_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> by_hash_; // only hashes of tickets are kept
};

} // namespace plenum::auth
