#include "auth/ticket_store.hpp"

#include <gtest/gtest.h>

namespace plenum::auth {
namespace {

using namespace std::chrono_literals;
using TimePoint = TicketStore::TimePoint;

TEST(TicketStore, RedeemsOnceWithTheClaims) {
  InMemoryTicketStore store;
  TimePoint t0{};
  auto ticket = store.issue({"room-1", "user-1", "Ada", "user", true}, t0);
  EXPECT_TRUE(ticket.starts_with("tkt_"));
  auto claims = store.redeem(ticket, t0 + 1s);
  ASSERT_TRUE(claims.has_value());
  EXPECT_EQ(claims->room_id, "room-1");
  EXPECT_EQ(claims->user_id, "user-1");
  EXPECT_EQ(claims->display_name, "Ada");
  EXPECT_TRUE(claims->moderator);
  EXPECT_FALSE(store.redeem(ticket, t0 + 2s).has_value()); // single use
}

TEST(TicketStore, ExpiresAfterThirtySeconds) {
  InMemoryTicketStore store;
  TimePoint t0{};
  auto a = store.issue({"r", std::nullopt, "Guest", "guest", false}, t0);
  auto b = store.issue({"r", std::nullopt, "Guest", "guest", false}, t0);
  EXPECT_TRUE(store.redeem(a, t0 + 29s).has_value());
  EXPECT_FALSE(store.redeem(b, t0 + 30s).has_value());
}

TEST(TicketStore, UnknownTicketsAndPurging) {
  InMemoryTicketStore store(5s);
  TimePoint t0{};
  EXPECT_FALSE(store.redeem("tkt_forged", t0).has_value());
  store.issue({"r", std::nullopt, "G", "guest", false}, t0);
  store.issue({"r", std::nullopt, "G", "guest", false}, t0 + 10s); // purges the expired one
  EXPECT_EQ(store.outstanding(), 1u);
}

} // namespace
} // namespace plenum::auth
