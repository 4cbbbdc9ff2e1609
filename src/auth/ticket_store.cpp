#include "auth/ticket_store.hpp"

#include <algorithm>

#include "auth/token.hpp"

namespace plenum::auth {

void InMemoryTicketStore::purge_expired(TimePoint now) {
  std::erase_if(by_hash_, [now](const auto& item) { return item.second.expires <= now; });
}

std::string InMemoryTicketStore::issue(const TicketClaims& claims, TimePoint now) {
  auto token = issue_token("tkt_");
  std::lock_guard lock(mutex_);
  purge_expired(now);
  if (by_hash_.size() >= kMaxOutstanding) {
    auto oldest = std::min_element(by_hash_.begin(), by_hash_.end(), [](const auto& a, const auto& b) {
      return a.second.expires < b.second.expires;
    });
    by_hash_.erase(oldest);
  }
  by_hash_.emplace(token.hash, Entry{claims, now + ttl_});
  return token.token;
}

std::optional<TicketClaims> InMemoryTicketStore::redeem(std::string_view ticket, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = by_hash_.find(hash_token(ticket));
  if (it == by_hash_.end()) return std::nullopt;
  Entry entry = std::move(it->second);
  by_hash_.erase(it); // single use, also when expired
  if (entry.expires <= now) return std::nullopt;
  return std::move(entry.claims);
}

size_t InMemoryTicketStore::outstanding() const {
  std::lock_guard lock(mutex_);
  return by_hash_.size();
}

} // namespace plenum::auth
