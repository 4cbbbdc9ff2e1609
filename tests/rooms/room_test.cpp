// The room actor without sockets: connections are topics on the in-memory bus, the real
// modules run, and the io_context is driven by the test.
#include "rooms/registry.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/modules.hpp"

namespace plenum::rooms {
namespace {

using namespace std::chrono_literals;

class RoomTest : public ::testing::Test {
 protected:
  RoomTest() {
    options_.resumption_window = 50ms;
    options_.idle_timeout = 30ms;
  }

  Registry& registry() {
    if (!registry_)
      registry_ = std::make_unique<Registry>(io_, options_,
                                             RoomDeps{bus_, live_, [this] { return ++clock_; }, nullptr},
                                             [] { return modules::all_modules(modules::ChatOptions{}); });
    return *registry_;
  }

  std::shared_ptr<Room> room(size_t max_participants = 100) {
    RoomSettings s;
    s.room_id = "room-1";
    s.name = "Council";
    s.max_participants = max_participants;
    return registry().get_or_create(s);
  }

  // A connection: everything the room publishes to it lands in inbox_[id].
  std::string connect(const std::shared_ptr<Room>& r, std::optional<std::string> user,
                      Role role = Role::user) {
    const std::string id = connection_topic("conn-" + std::to_string(++connections_));
    bus_.subscribe(id, [this, id](const Delivery& d) {
      if (d.frame) inbox_[id].push_back(boost::json::parse(*d.frame));
      if (d.close_code != 0) closed_[id] = d.close_code;
    });
    JoinRequest req;
    req.user_id = std::move(user);
    req.display_name = "Person " + std::to_string(connections_);
    req.role = role;
    r->join(req, id);
    settle();
    return id;
  }

  void settle() {
    io_.restart();
    io_.poll();
  }
  void run_for(std::chrono::milliseconds d) {
    io_.restart();
    io_.run_for(d);
  }

  // Messages of one kind that `conn` received ("control/joined").
  std::vector<boost::json::value> received(const std::string& conn, std::string_view kind) {
    std::vector<boost::json::value> out;
    for (const auto& f : inbox_[conn]) {
      std::string k = std::string(f.at("namespace").as_string()) + "/" +
                      std::string(f.at("payload").at("message").as_string());
      if (k == kind) out.push_back(f);
    }
    return out;
  }

  std::string participant_of(const std::string& conn) {
    auto joins = received(conn, "control/join_success");
    EXPECT_FALSE(joins.empty());
    return joins.empty() ? "" : std::string(joins.back().at("payload").at("participant_id").as_string());
  }

  boost::asio::io_context io_;
  InMemoryEventBus bus_;
  storage::InMemoryLiveState live_;
  RoomOptions options_;
  int64_t clock_ = 1000;
  int connections_ = 0;
  std::unique_ptr<Registry> registry_;
  std::map<std::string, std::vector<boost::json::value>> inbox_;
  std::map<std::string, uint16_t> closed_;
};

TEST_F(RoomTest, JoinSuccessCarriesEveryoneAndOthersSeeJoined) {
  auto r = room();
  auto owner = connect(r, "u-owner", Role::owner);
  auto user = connect(r, "u-user");
  auto join = received(user, "control/join_success");
  ASSERT_EQ(join.size(), 1u);
  EXPECT_EQ(join[0].at("payload").at("participants").as_array().size(), 2u);
  // The meeting's start (the room's creation) is the same for everyone, before anyone joined.
  const auto started_at = join[0].at("payload").at("room").at("started_at").as_int64();
  EXPECT_GT(started_at, 1000);
  EXPECT_LT(started_at, join[0].at("timestamp").as_int64());
  EXPECT_EQ(received(owner, "control/join_success")[0].at("payload").at("room").at("started_at").as_int64(),
            started_at);
  auto joined = received(owner, "control/joined");
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0].at("payload").at("participant").at("id").as_string(), participant_of(user));
  EXPECT_EQ(live_.participant_count("room-1"), 2u);
}

TEST_F(RoomTest, ASecondDeviceIsTheSameParticipantWithoutJoinChurn) {
  auto r = room();
  auto owner = connect(r, "u-owner", Role::owner);
  auto laptop = connect(r, "u-user");
  auto phone = connect(r, "u-user");
  EXPECT_EQ(participant_of(laptop), participant_of(phone));
  EXPECT_EQ(received(owner, "control/joined").size(), 1u);
  EXPECT_EQ(live_.participant_count("room-1"), 2u);
}

TEST_F(RoomTest, ADroppedDeviceLeavesOnlyWhenTheResumptionWindowEnds) {
  auto r = room();
  auto owner = connect(r, "u-owner", Role::owner);
  auto user = connect(r, "u-user");
  const auto pid = participant_of(user);
  r->disconnected(user);
  settle();
  EXPECT_TRUE(received(owner, "control/left").empty());
  run_for(120ms);
  auto left = received(owner, "control/left");
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].at("payload").at("participant_id").as_string(), pid);
  EXPECT_EQ(left[0].at("payload").at("reason"), "timeout");
  EXPECT_EQ(live_.participant_count("room-1"), 1u);
}

TEST_F(RoomTest, TheLastOneOutClosesTheRoomAfterTheIdleTimeout) {
  auto r = room();
  auto owner = connect(r, "u-owner", Role::owner);
  proto::ClientFrame leave{proto::Namespace::control, std::nullopt,
                           proto::control::Command{proto::control::Leave{}}};
  r->command(owner, leave);
  settle();
  EXPECT_EQ(closed_[owner], 1000);
  EXPECT_EQ(registry().size(), 1u);
  run_for(100ms);
  EXPECT_EQ(registry().size(), 0u);
}

TEST_F(RoomTest, AFullRoomAdmitsModeratorsButNoMoreUsers) {
  auto r = room(1);
  connect(r, "u-1");
  auto second = connect(r, "u-2");
  EXPECT_EQ(closed_[second], 1008);
  EXPECT_TRUE(received(second, "control/join_success").empty());
  auto moderator = connect(r, "u-mod", Role::moderator);
  EXPECT_EQ(received(moderator, "control/join_success").size(), 1u);
}

TEST_F(RoomTest, AMeetingBanRefusesTheUser) {
  auto r = room();
  live_.ban_for_meeting("room-1", "u-banned");
  auto conn = connect(r, "u-banned");
  EXPECT_EQ(closed_[conn], 1008);
}

TEST_F(RoomTest, UsersCannotSendModeratorActions) {
  auto r = room();
  connect(r, "u-owner", Role::owner);
  auto user = connect(r, "u-user");
  proto::ClientFrame lock{proto::Namespace::moderation, std::string("x"),
                          proto::moderation::Command{proto::moderation::Lock{true}}};
  r->command(user, lock);
  settle();
  auto errors = received(user, "moderation/error");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("payload").at("code"), "forbidden");
  EXPECT_EQ(errors[0].at("id"), "x");
}

} // namespace
} // namespace plenum::rooms
