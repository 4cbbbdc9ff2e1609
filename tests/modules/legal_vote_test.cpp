// The legal_vote module in a real room actor (in-memory bus, real modules): who gets a ballot,
// guests and late joiners, double votes, auto-close, cancel when the initiator leaves or the
// room closes, archive access.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/modules.hpp"
#include "rooms/procedures_fake_room.hpp"
#include "rooms/registry.hpp"

namespace plenum::rooms {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

class LegalVoteTest : public ::testing::Test {
 protected:
  LegalVoteTest() {
    options_.resumption_window = 10ms;
    options_.idle_timeout = 10ms;
  }

  Registry& registry() {
    if (!registry_) {
      modules::LegalVoteOptions lv;
      lv.archive = [this](modules::ArchivedVote v) { archived_.push_back(std::move(v)); };
      registry_ = std::make_unique<Registry>(
          io_, options_, RoomDeps{bus_, live_, [this] { return ++clock_; }, nullptr},
          [lv] { return modules::all_modules(modules::ChatOptions{}, {}, lv); });
    }
    return *registry_;
  }

  std::shared_ptr<Room> room() {
    RoomSettings s;
    s.room_id = "room-1";
    s.name = "Council";
    return registry().get_or_create(s);
  }

  std::string connect(const std::shared_ptr<Room>& r, std::optional<std::string> user, Role role = Role::user,
                      Kind kind = Kind::user) {
    const std::string id = connection_topic("conn-" + std::to_string(++connections_));
    bus_.subscribe(id, [this, id](const Delivery& d) {
      if (d.frame) inbox_[id].push_back(json::parse(*d.frame).as_object());
    });
    JoinRequest req;
    req.user_id = std::move(user);
    req.display_name = "Person " + std::to_string(connections_);
    req.role = role;
    req.kind = kind;
    r->join(req, id);
    settle();
    return id;
  }

  void settle() {
    io_.restart();
    io_.poll();
  }

  void send(const std::shared_ptr<Room>& r, const std::string& conn, const std::string& action,
            json::object fields) {
    fields["action"] = action;
    json::object frame{{"namespace", "legal_vote"}, {"id", "req"}, {"payload", fields}};
    auto parsed = proto::parse_client_frame(json::serialize(frame));
    ASSERT_TRUE(std::holds_alternative<proto::ClientFrame>(parsed)) << json::serialize(frame);
    r->command(conn, std::get<proto::ClientFrame>(parsed));
    settle();
  }

  std::vector<json::object> received(const std::string& conn, std::string_view kind) {
    std::vector<json::object> out;
    for (const auto& f : inbox_[conn]) {
      std::string k = std::string(f.at("namespace").as_string()) + "/" +
                      std::string(f.at("payload").at("message").as_string());
      if (k == kind) out.push_back(f.at("payload").as_object());
    }
    return out;
  }

  std::string participant_of(const std::string& conn) {
    auto joins = received(conn, "control/join_success");
    return joins.empty() ? "" : std::string(joins.back().at("participant_id").as_string());
  }

  void start(const std::shared_ptr<Room>& r, const std::string& conn, bool auto_close = false,
             std::string kind = "roll_call") {
    send(r, conn, "start",
         {{"name", "Budget"},
          {"kind", kind},
          {"allow_abstain", true},
          {"live_results", false},
          {"auto_close", auto_close}});
  }

  std::string vote_id(const std::string& conn) {
    auto s = received(conn, "legal_vote/started");
    return s.empty() ? "" : std::string(s.back().at("vote").at("id").as_string());
  }

  std::string token(const std::string& conn) {
    auto b = received(conn, "legal_vote/ballot");
    return b.empty() ? "" : std::string(b.back().at("ballot").at("token").as_string());
  }

  void vote(const std::shared_ptr<Room>& r, const std::string& conn, const std::string& choice,
            std::optional<std::string> tok = std::nullopt) {
    send(r, conn, "vote",
         {{"vote_id", vote_id(conn)}, {"token", tok.value_or(token(conn))}, {"choice", choice}});
  }

  std::string last_error(const std::string& conn) {
    auto e = received(conn, "legal_vote/error");
    return e.empty() ? "" : std::string(e.back().at("code").as_string());
  }

  boost::asio::io_context io_;
  InMemoryEventBus bus_;
  storage::InMemoryLiveState live_;
  RoomOptions options_;
  int64_t clock_ = 1000;
  int connections_ = 0;
  // Before registry_: rooms closed at the end of a test still archive into it.
  std::vector<modules::ArchivedVote> archived_;
  std::unique_ptr<Registry> registry_;
  std::map<std::string, std::vector<json::object>> inbox_;
};

TEST_F(LegalVoteTest, RegisteredParticipantsGetBallotsGuestsAndLateJoinersDoNot) {
  auto r = room();
  auto owner = connect(r, "u-owner", Role::owner);
  auto user = connect(r, "u-user");
  auto guest = connect(r, std::nullopt, Role::user, Kind::guest);
  start(r, owner);
  auto started = received(user, "legal_vote/started");
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].at("vote").at("voters").as_array().size(), 2u);
  EXPECT_FALSE(token(owner).empty());
  EXPECT_FALSE(token(user).empty());
  EXPECT_TRUE(received(guest, "legal_vote/ballot").empty());
  EXPECT_EQ(received(guest, "legal_vote/started").size(), 1u);
  // A guest who learned a token still cannot vote.
  vote(r, guest, "yes", token(user));
  EXPECT_EQ(last_error(guest), "forbidden");
  // A registered late joiner gets no ballot and cannot vote.
  auto late = connect(r, "u-late");
  EXPECT_TRUE(received(late, "legal_vote/ballot").empty());
  auto join = received(late, "control/join_success");
  EXPECT_TRUE(join.back().at("modules").at("legal_vote").at("ballots").as_array().empty());
  EXPECT_EQ(join.back().at("modules").at("legal_vote").at("votes").as_array().size(), 1u);
  send(r, late, "vote", {{"vote_id", vote_id(owner)}, {"token", token(user)}, {"choice", "yes"}});
  EXPECT_EQ(last_error(late), "forbidden");
  // Only moderators start votes.
  start(r, user);
  EXPECT_EQ(last_error(user), "forbidden");
}

TEST_F(LegalVoteTest, VotesOnceWithReceiptNoChangesAndAutoClose) {
  auto r = room();
  auto owner = connect(r, "u-owner", Role::owner);
  auto user = connect(r, "u-user");
  start(r, owner, true);
  vote(r, user, "yes");
  auto voted = received(user, "legal_vote/voted");
  ASSERT_EQ(voted.size(), 1u);
  EXPECT_EQ(voted[0].at("receipt").as_string().size(), 64u);
  vote(r, user, "no");
  EXPECT_EQ(last_error(user), "not_allowed_now");
  EXPECT_TRUE(received(owner, "legal_vote/ended").empty());
  vote(r, owner, "abstain");
  auto ended = received(user, "legal_vote/ended");
  ASSERT_EQ(ended.size(), 1u);
  const auto& v = ended[0].at("vote").as_object();
  EXPECT_EQ(v.at("end_reason").as_string(), "auto_closed");
  EXPECT_EQ(v.at("valid").as_bool(), true);
  EXPECT_EQ(v.at("tally").at("yes").as_int64(), 1);
  EXPECT_EQ(v.at("tally").at("abstain").as_int64(), 1);
  EXPECT_EQ(v.at("named").as_array().size(), 2u);
  ASSERT_EQ(archived_.size(), 1u);
  EXPECT_EQ(archived_[0].protocol.at("final_hash").as_string(), v.at("protocol_hash").as_string());
  modules::legal_vote::VerifyOptions o;
  o.receipt = std::string(voted[0].at("receipt").as_string());
  auto report = modules::legal_vote::verify_protocol(json::value(archived_[0].protocol), o);
  EXPECT_TRUE(report.valid) << report.message;
  EXPECT_EQ(report.receipt_entry, 2);
  const auto& access = archived_[0].access_user_ids;
  EXPECT_NE(std::find(access.begin(), access.end(), "u-user"), access.end());
}

TEST_F(LegalVoteTest, SecretVotesRefuseLiveResultsAndShowNoNames) {
  auto r = room();
  auto owner = connect(r, "u-owner", Role::owner);
  auto user = connect(r, "u-user");
  send(r, owner, "start",
       {{"name", "Chair"},
        {"kind", "secret"},
        {"allow_abstain", false},
        {"live_results", true},
        {"auto_close", false}});
  EXPECT_EQ(last_error(owner), "invalid_field");
  start(r, owner, false, "secret");
  vote(r, user, "no");
  auto updated = received(owner, "legal_vote/updated");
  ASSERT_EQ(updated.size(), 1u);
  EXPECT_FALSE(updated[0].at("vote").as_object().contains("tally"));
  send(r, owner, "stop", {{"vote_id", vote_id(owner)}});
  auto ended = received(user, "legal_vote/ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_TRUE(ended[0].at("vote").at("named").as_array().empty());
  EXPECT_EQ(ended[0].at("vote").at("tally").at("no").as_int64(), 1);
  ASSERT_EQ(archived_.size(), 1u);
  const auto text = json::serialize(archived_[0].protocol);
  const auto user_pid = participant_of(user);
  // The voter appears once: on the voter list of the start entry, never with a vote.
  for (const auto& e : archived_[0].protocol.at("entries").as_array()) {
    if (e.at("type").as_string() == "vote") {
      EXPECT_EQ(json::serialize(e).find(user_pid), std::string::npos);
    }
  }
}

TEST_F(LegalVoteTest, InitiatorLeavingCancels) {
  auto r = room();
  auto owner = connect(r, "u-owner", Role::owner);
  auto mod = connect(r, "u-mod", Role::moderator);
  auto user = connect(r, "u-user");
  start(r, mod);
  proto::ClientFrame leave{proto::Namespace::control, std::nullopt,
                           proto::control::Command{proto::control::Leave{}}};
  r->command(mod, leave);
  settle();
  auto ended = received(user, "legal_vote/ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].at("vote").at("end_reason").as_string(), "initiator_left");
  EXPECT_EQ(ended[0].at("vote").at("valid").as_bool(), false);
  ASSERT_EQ(archived_.size(), 1u);
  EXPECT_TRUE(modules::legal_vote::verify_protocol(json::value(archived_[0].protocol)).valid);
  (void)owner;
}

TEST_F(LegalVoteTest, CancelWithReasonAndRoomCloseCancels) {
  auto r = room();
  auto owner = connect(r, "u-owner", Role::owner);
  auto user = connect(r, "u-user");
  start(r, owner);
  send(r, user, "cancel", {{"vote_id", vote_id(owner)}, {"reason", "no"}});
  EXPECT_EQ(last_error(user), "forbidden");
  send(r, owner, "cancel", {{"vote_id", vote_id(owner)}, {"reason", "Wrong motion"}});
  auto ended = received(user, "legal_vote/ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].at("vote").at("cancel_reason").as_string(), "Wrong motion");
  start(r, owner); // a second vote, still running when the room closes
  r->close("ended_by_moderator");
  settle();
  r.reset();
  registry_.reset(); // the room (and its modules) go
  settle();
  ASSERT_EQ(archived_.size(), 2u);
  auto report = modules::legal_vote::verify_protocol(json::value(archived_[1].protocol));
  EXPECT_TRUE(report.valid) << report.message;
  EXPECT_NE(json::serialize(archived_[1].protocol).find("room_closed"), std::string::npos);
}

} // namespace
} // namespace plenum::rooms

// The module against a FakeRoom (tests/rooms/procedures_fake_room.hpp): a clock the test moves,
// so expiry is tested without waiting; the real decoder checks the schema's limits.
namespace plenum::rooms {
namespace {

using testing::code_of;
using testing::FakeRoom;
using testing::field_of;
using testing::kAnn;
using testing::kGuest;
using testing::kMod;

class LegalVoteClockTest : public ::testing::Test {
 protected:
  LegalVoteClockTest() : room_(modules::make_legal_vote(options())) {
    room_.add(kMod, Role::moderator).user_id = "u-mod";
    room_.add(kAnn).user_id = "u-ann";
    room_.add(kGuest, Role::user, Kind::guest);
  }
  modules::LegalVoteOptions options() {
    modules::LegalVoteOptions o;
    o.max_votes_per_meeting = 2;
    o.archive = [this](modules::ArchivedVote v) { archived_.push_back(std::move(v)); };
    return o;
  }
  json::value start(const std::string& extra = "") {
    return room_.command(kMod, R"({"action":"start","name":"Budget","kind":"roll_call","allow_abstain":true,)"
                               R"("live_results":false,"auto_close":false)" +
                                   extra + "}");
  }
  std::string vote_id() {
    return std::string(room_.last(kAnn, "started").at("payload").at("vote").at("id").as_string());
  }
  std::string token(const std::string& who) {
    return std::string(room_.last(who, "ballot").at("payload").at("ballot").at("token").as_string());
  }

  std::vector<modules::ArchivedVote> archived_;
  FakeRoom room_;
};

TEST_F(LegalVoteClockTest, ExpiryClosesTheVoteWithTheVotesCast) {
  ASSERT_EQ(code_of(start(R"(,"duration_seconds":60)")), "");
  const auto id = vote_id();
  EXPECT_EQ(room_.last(kAnn, "started").at("payload").at("vote").at("ends_at").as_int64(),
            room_.now_ms() + 60'000);
  EXPECT_EQ(code_of(room_.command(kAnn, R"({"action":"vote","vote_id":")" + id + R"(","token":")" +
                                            token(kAnn) + R"(","choice":"yes"})")),
            "");
  room_.advance(59'999);
  EXPECT_TRUE(room_.frames(kGuest, "ended").empty());
  room_.advance(1);
  auto ended = room_.last(kGuest, "ended").at("payload").at("vote").as_object();
  EXPECT_EQ(ended.at("end_reason").as_string(), "expired");
  EXPECT_EQ(ended.at("tally").at("yes").as_int64(), 1);
  EXPECT_TRUE(ended.at("valid").as_bool());
  ASSERT_EQ(archived_.size(), 1u);
  EXPECT_TRUE(modules::legal_vote::verify_protocol(json::value(archived_[0].protocol)).valid);
  // The moderator's unused token is gone; a vote now is refused.
  EXPECT_EQ(code_of(room_.command(
                kMod, R"({"action":"vote","vote_id":")" + id + R"(","token":"x","choice":"no"})")),
            "not_allowed_now");
}

TEST_F(LegalVoteClockTest, AVoteStoppedBeforeItsExpiryIsNotClosedLaterAndTheNextOneRunsItsOwnTime) {
  ASSERT_EQ(code_of(start(R"(,"duration_seconds":60)")), "");
  const auto first = vote_id();
  EXPECT_EQ(code_of(room_.command(kMod, R"({"action":"stop","vote_id":")" + first + R"("})")), "");
  ASSERT_EQ(code_of(start(R"(,"duration_seconds":120)")), "");
  room_.advance(60'000); // the first vote's timer fires: nothing happens to the second
  EXPECT_EQ(room_.frames(kAnn, "ended").size(), 1u);
  room_.advance(60'000);
  EXPECT_EQ(room_.frames(kAnn, "ended").size(), 2u);
  // At most max_votes_per_meeting (2 here) votes per meeting.
  EXPECT_EQ(code_of(start()), "not_allowed_now");
}

TEST_F(LegalVoteClockTest, LimitsRolesAndOneVoteAtATime) {
  EXPECT_EQ(
      field_of(room_.command(
          kMod, R"({"action":"start","name":")" + std::string(151, 'x') +
                    R"(","kind":"secret","allow_abstain":true,"live_results":false,"auto_close":false})")),
      "name");
  EXPECT_EQ(field_of(start(R"(,"duration_seconds":59)")), "duration_seconds");
  EXPECT_EQ(field_of(start(R"(,"duration_seconds":86401)")), "duration_seconds");
  EXPECT_EQ(field_of(start(R"(,"topic":")" + std::string(2001, 't') + R"(")")), "topic");
  EXPECT_EQ(
      field_of(room_.command(
          kMod,
          R"({"action":"start","name":"  ","kind":"secret","allow_abstain":true,"live_results":false,"auto_close":false})")),
      "name");
  EXPECT_EQ(
      code_of(room_.command(
          kAnn,
          R"({"action":"start","name":"x","kind":"secret","allow_abstain":true,"live_results":false,"auto_close":false})")),
      "forbidden");
  ASSERT_EQ(code_of(start()), "");
  EXPECT_EQ(code_of(start()), "not_allowed_now"); // one at a time
  const auto id = vote_id();
  EXPECT_EQ(code_of(room_.command(kAnn, R"({"action":"stop","vote_id":")" + id + R"("})")), "forbidden");
  EXPECT_EQ(field_of(room_.command(kMod, R"({"action":"cancel","vote_id":")" + id + R"(","reason":"   "})")),
            "reason");
  EXPECT_EQ(
      code_of(room_.command(kMod, R"({"action":"stop","vote_id":"99999999-9999-4999-8999-999999999999"})")),
      "not_found");
  // The guest has neither a ballot nor a token in its state.
  EXPECT_TRUE(room_.frames(kGuest, "ballot").empty());
  EXPECT_TRUE(room_.describe_for(kGuest).legal_vote.ballots.empty());
  EXPECT_EQ(room_.describe_for(kAnn).legal_vote.ballots.size(), 1u);
}

TEST(LegalVoteTemplates, ModeratorsGetThePreparedVotes) {
  modules::LegalVoteOptions o;
  std::string asked_for;
  o.load_templates = [&asked_for](const std::string& room_id, auto done) {
    asked_for = room_id;
    proto::LegalVoteTemplate t;
    t.id = "00000000-0000-4000-8000-0000000000bb";
    t.name = "Budget 2027";
    t.kind = "secret";
    t.topic = "Line one\nline two";
    done(std::vector<proto::LegalVoteTemplate>{t});
  };
  FakeRoom room(modules::make_legal_vote(o));
  room.add(kMod, Role::moderator).user_id = "u-mod";
  room.add(kAnn).user_id = "u-ann";
  EXPECT_EQ(testing::code_of(room.command(kAnn, R"({"action":"list_templates"})")), "forbidden");
  EXPECT_EQ(testing::code_of(room.command(kMod, R"({"action":"list_templates"})")), "");
  EXPECT_EQ(asked_for, "room-1");
  auto templates = room.last(kMod, "templates").at("payload").at("templates").as_array();
  ASSERT_EQ(templates.size(), 1u);
  EXPECT_EQ(templates[0].at("name").as_string(), "Budget 2027");
  EXPECT_EQ(templates[0].at("kind").as_string(), "secret");
  EXPECT_FALSE(templates[0].as_object().contains("subtitle"));
}

} // namespace
} // namespace plenum::rooms
