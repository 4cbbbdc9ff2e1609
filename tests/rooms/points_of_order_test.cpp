// The points-of-order module: raise with a reason, order, withdraw, clear by moderators, limits.
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

class PointsOfOrderTest : public ::testing::Test {
 protected:
  PointsOfOrderTest() : room_(modules::make_points_of_order()) {
    room_.add(kMod, Role::moderator);
    room_.add(kAnn);
    room_.add(kGuest, Role::user, Kind::guest);
  }
  boost::json::value raise(const std::string& who, const std::string& reason) {
    return room_.command(who, R"({"action":"raise","reason":")" + reason + R"("})");
  }
  std::vector<std::string> raised_ids(const std::string& viewer) {
    std::vector<std::string> out;
    for (const auto& p : room_.describe_for(viewer).points_of_order.raised) out.push_back(p.participant_id);
    return out;
  }
  FakeRoom room_;
};

TEST_F(PointsOfOrderTest, RaisedWithAReasonSeenByAllOldestFirst) {
  EXPECT_EQ(code_of(raise(kGuest, "Motion to close the debate")), "");
  room_.advance(10);
  EXPECT_EQ(code_of(raise(kAnn, "Quorum check")), "");
  auto event = room_.last(kMod, "raised").at("payload").at("point");
  EXPECT_EQ(event.at("participant_id").as_string(), kAnn);
  EXPECT_EQ(event.at("reason").as_string(), "Quorum check");
  EXPECT_EQ(room_.frames(kGuest, "raised").size(), 2u);
  EXPECT_EQ(raised_ids(kMod), (std::vector<std::string>{kGuest, kAnn}));
  // One at a time per participant.
  EXPECT_EQ(code_of(raise(kAnn, "Again")), "not_allowed_now");
}

TEST_F(PointsOfOrderTest, ReasonLimits) {
  EXPECT_EQ(field_of(raise(kAnn, "")), "reason");
  EXPECT_EQ(field_of(raise(kAnn, "  ")), "reason");
  EXPECT_EQ(field_of(raise(kAnn, std::string(201, 'r'))), "reason");
  EXPECT_EQ(code_of(raise(kAnn, std::string(200, 'r'))), "");
}

TEST_F(PointsOfOrderTest, WithdrawnByTheParticipantClearedByModerators) {
  raise(kAnn, "A");
  raise(kGuest, "B");
  EXPECT_EQ(code_of(room_.command(kAnn, R"({"action":"withdraw"})")), "");
  auto cleared = room_.last(kMod, "cleared").at("payload");
  EXPECT_EQ(cleared.at("participant_ids").as_array().size(), 1u);
  EXPECT_EQ(cleared.at("by").as_string(), kAnn);
  // Withdrawing nothing is quiet.
  EXPECT_EQ(code_of(room_.command(kAnn, R"({"action":"withdraw"})")), "");
  EXPECT_EQ(room_.frames(kMod, "cleared").size(), 1u);
  // Only moderators clear others.
  EXPECT_EQ(code_of(room_.command(
                kAnn, R"({"action":"clear","participant_ids":[")" + kGuest + R"("],"everyone":false})")),
            "forbidden");
  EXPECT_EQ(field_of(room_.command(
                kMod, R"({"action":"clear","participant_ids":[")" + kAnn + R"("],"everyone":false})")),
            "participant_ids[0]");
  EXPECT_EQ(code_of(room_.command(
                kMod, R"({"action":"clear","participant_ids":[")" + kGuest + R"("],"everyone":false})")),
            "");
  EXPECT_EQ(room_.last(kGuest, "cleared").at("payload").at("by").as_string(), kMod);
  EXPECT_TRUE(raised_ids(kMod).empty());
  raise(kAnn, "C");
  raise(kGuest, "D");
  room_.command(kMod, R"({"action":"clear","participant_ids":[],"everyone":true})");
  EXPECT_EQ(room_.last(kAnn, "cleared").at("payload").at("participant_ids").as_array().size(), 2u);
  EXPECT_TRUE(raised_ids(kAnn).empty());
}

TEST_F(PointsOfOrderTest, LeavingWithdraws) {
  raise(kGuest, "B");
  room_.leave(kGuest);
  EXPECT_EQ(room_.last(kMod, "cleared").at("payload").at("by").as_string(), kGuest);
  EXPECT_TRUE(raised_ids(kMod).empty());
}

TEST_F(PointsOfOrderTest, AtMostThreeRaisesPerMinute) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(code_of(raise(kAnn, "R")), "");
    room_.command(kAnn, R"({"action":"withdraw"})");
    room_.advance(1'000);
  }
  EXPECT_EQ(code_of(raise(kAnn, "R")), "rate_limited");
  room_.advance(57'000); // the first raise is a minute old now
  EXPECT_EQ(code_of(raise(kAnn, "R")), "");
}

} // namespace
} // namespace plenum::rooms
