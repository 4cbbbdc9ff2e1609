// The speakers module (speaker queue): who is in a round and in which order, next/skip/yield and
// nominations with their errors, the wheel of names (fairness, timing), time limits, late joiners,
// leaving, add/remove, stop, roles and the 10,000 limit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "modules/modules.hpp"
#include "modules/speaker_queue.hpp"
#include "rooms/procedures_fake_room.hpp"

namespace plenum::rooms {
namespace {

using testing::code_of;
using testing::FakeRoom;
using testing::field_of;
using testing::kAnn;
using testing::kGuest;
using testing::kMod;

std::string numbered(int n) {
  char id[40];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
  return id;
}
const std::string kBen = numbered(4);
const std::string kPhone = numbered(5);
const std::string kOwner = numbered(6);
const std::string kBot = numbered(7);
constexpr int64_t kSpinMs = 1'000;

std::vector<std::string> ids(const boost::json::value& v) {
  std::vector<std::string> out;
  for (const auto& x : v.as_array()) out.emplace_back(x.as_string());
  return out;
}
std::string with(const std::string& id) { return R"("participant_id":")" + id + "\""; }
using Ids = std::vector<std::string>;

class SpeakersTest : public ::testing::Test {
 protected:
  // Joined in this order, a second apart: Mia (moderator), anna, Gustav (guest), ben, a phone
  // dial-in, Olga (owner), a service.
  SpeakersTest() : room_(modules::make_speakers({kSpinMs})) {
    room_.add(kMod, Role::moderator).display_name = "Mia";
    room_.advance(1'000);
    room_.add(kAnn).display_name = "anna";
    room_.advance(1'000);
    room_.add(kGuest, Role::user, Kind::guest).display_name = "Gustav";
    room_.advance(1'000);
    room_.add(kBen).display_name = "ben";
    room_.advance(1'000);
    room_.add(kPhone, Role::user, Kind::phone).display_name = "+49 30 1234";
    room_.advance(1'000);
    room_.add(kOwner, Role::owner).display_name = "Olga";
    room_.advance(1'000);
    room_.add(kBot, Role::user, Kind::service).display_name = "Recorder";
    room_.advance(1'000);
  }

  boost::json::value start(
      const std::string& selection, const std::string& order = "join_time",
      const std::string& extra = R"("include_moderators":false,"append_late_joiners":true)") {
    auto error = room_.command(kMod, R"({"action":"start","selection":")" + selection + R"(","order":")" +
                                         order + "\"," + extra + "}");
    if (error.is_null()) queue_id_ = std::string(queue(kMod).at("id").as_string());
    return error;
  }
  boost::json::value act(const std::string& who, const std::string& action, const std::string& extra = "") {
    return room_.command(who, R"({"action":")" + action + R"(","queue_id":")" + queue_id_ + "\"" +
                                  (extra.empty() ? "" : "," + extra) + "}");
  }
  boost::json::object queue(const std::string& who) const {
    auto updated = room_.last(who, "updated");
    return updated.empty() ? boost::json::object{} : updated.at("payload").at("queue").as_object();
  }
  Ids upcoming() const { return ids(queue(kMod).at("upcoming")); }
  Ids done() const { return ids(queue(kMod).at("done")); }
  std::string speaker() const {
    auto q = queue(kMod);
    return q.contains("current") ? std::string(q.at("current").at("participant_id").as_string()) : "";
  }
  size_t updates(const std::string& who = kMod) const { return room_.frames(who, "updated").size(); }

  FakeRoom room_;
  std::string queue_id_;
};

TEST_F(SpeakersTest, StartByJoinTimeTakesUsersAndGuestsButNotPhonesServicesOrModerators) {
  ASSERT_EQ(code_of(start("list", "join_time")), "");
  EXPECT_EQ(upcoming(), (Ids{kAnn, kGuest, kBen}));
  auto q = queue(kGuest);
  EXPECT_FALSE(q.contains("current")); // nobody has the word before the first next
  EXPECT_FALSE(q.contains("spin"));
  EXPECT_TRUE(ids(q.at("done")).empty());
  EXPECT_EQ(q.at("selection").as_string(), "list");
  EXPECT_EQ(q.at("order").as_string(), "join_time");
  EXPECT_EQ(q.at("started_by").as_string(), kMod);
  EXPECT_EQ(q.at("started_at").as_int64(), room_.now_ms());
  EXPECT_FALSE(q.contains("time_limit_seconds"));
  // Everyone gets the same single update, and a latecomer the round in join_success.
  for (const auto& who : {kMod, kAnn, kGuest, kBen, kPhone, kOwner, kBot}) {
    EXPECT_EQ(updates(who), 1u) << who;
    EXPECT_EQ(queue(who), queue(kMod));
  }
  auto state = room_.describe_for(kPhone).speakers.queue;
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(state->upcoming, (Ids{kAnn, kGuest, kBen}));
}

TEST_F(SpeakersTest, StartByNameWithModeratorsIncluded) {
  ASSERT_EQ(code_of(start("list", "name", R"("include_moderators":true,"append_late_joiners":false)")), "");
  // anna, ben, Gustav, Mia, Olga: case-insensitive; owners and moderators both count.
  EXPECT_EQ(upcoming(), (Ids{kAnn, kBen, kGuest, kMod, kOwner}));
  EXPECT_TRUE(queue(kMod).at("include_moderators").as_bool());
  EXPECT_FALSE(queue(kMod).at("append_late_joiners").as_bool());
}

TEST_F(SpeakersTest, NameOrderFoldsCaseLocaleIndependentlyAndBreaksTiesByJoinTime) {
  EXPECT_EQ(modules::speakers::name_key("ÄBC×Éz"), "äbc×éz");
  EXPECT_EQ(modules::speakers::name_key("Zoë"), "zoë");
  using modules::speakers::Candidate;
  std::vector<Candidate> c{{"carl-late", "Carl", 30}, {"zoe", "zoe", 10}, {"carl-early", "carl", 20},
                           {"adam", "Adam", 40},      {"eve", "Ève", 50}, {"emil", "emil", 60}};
  EXPECT_EQ(modules::speakers::order_candidates(c, "name"),
            (Ids{"adam", "carl-early", "carl-late", "emil", "zoe", "eve"}));
  EXPECT_EQ(modules::speakers::order_candidates(c, "join_time"),
            (Ids{"zoe", "carl-early", "carl-late", "adam", "eve", "emil"}));
}

TEST_F(SpeakersTest, RandomOrderIsAFairShuffle) {
  // 3,000 shuffles of three: each person first about 1,000 times (a 20 % margin cannot flake:
  // the standard deviation is about 26).
  using modules::speakers::Candidate;
  const std::vector<Candidate> c{{"a", "A", 1}, {"b", "B", 2}, {"c", "C", 3}};
  std::map<std::string, int> first;
  for (int i = 0; i < 3'000; ++i) {
    auto order = modules::speakers::order_candidates(c, "random");
    ASSERT_EQ(std::set<std::string>(order.begin(), order.end()), (std::set<std::string>{"a", "b", "c"}));
    ++first[order.front()];
  }
  for (const auto& [id, n] : first) {
    EXPECT_GE(n, 800) << id;
    EXPECT_LE(n, 1'200) << id;
  }
  // Through the module: a permutation of the eligible.
  ASSERT_EQ(code_of(start("random", "random")), "");
  auto list = upcoming();
  std::sort(list.begin(), list.end());
  EXPECT_EQ(list, (Ids{kAnn, kGuest, kBen}));
}

TEST_F(SpeakersTest, OneRoundAtATimeAndSchemaLimits) {
  EXPECT_EQ(field_of(start("lottery")), "selection");
  EXPECT_EQ(field_of(start("list", "age")), "order");
  EXPECT_EQ(
      field_of(start("list", "name",
                     R"("include_moderators":false,"append_late_joiners":false,"time_limit_seconds":9)")),
      "time_limit_seconds");
  EXPECT_EQ(
      field_of(start("list", "name",
                     R"("include_moderators":false,"append_late_joiners":false,"time_limit_seconds":3601)")),
      "time_limit_seconds");
  EXPECT_EQ(updates(), 0u);
  ASSERT_EQ(code_of(start("list")), "");
  EXPECT_EQ(code_of(start("wheel")), "not_allowed_now");
  EXPECT_EQ(updates(), 1u);
}

TEST_F(SpeakersTest, OnlyModeratorsRunTheRound) {
  EXPECT_EQ(code_of(room_.command(kAnn, R"({"action":"start","selection":"list","order":"name",)"
                                        R"("include_moderators":false,"append_late_joiners":false})")),
            "forbidden");
  ASSERT_EQ(code_of(start("list")), "");
  for (const auto& action : {"next", "skip", "stop"})
    EXPECT_EQ(code_of(act(kAnn, action)), "forbidden") << action;
  EXPECT_EQ(code_of(act(kGuest, "add", with(kBen))), "forbidden");
  EXPECT_EQ(code_of(act(kGuest, "remove", with(kBen))), "forbidden");
  EXPECT_EQ(code_of(act(kOwner, "next")), ""); // owners are moderators
  EXPECT_EQ(speaker(), kAnn);
}

TEST_F(SpeakersTest, ListRoundNextInOrderAndByName) {
  start("list");
  EXPECT_EQ(code_of(act(kMod, "next")), "");
  EXPECT_EQ(speaker(), kAnn);
  EXPECT_EQ(upcoming(), (Ids{kGuest, kBen}));
  auto current = queue(kBen).at("current");
  EXPECT_EQ(current.at("started_at").as_int64(), room_.now_ms());
  EXPECT_FALSE(current.as_object().contains("ends_at"));
  // A moderator picks someone out of order; they must be upcoming.
  EXPECT_EQ(code_of(act(kMod, "next", with(kBen))), "");
  EXPECT_EQ(speaker(), kBen);
  EXPECT_EQ(done(), (Ids{kAnn}));
  EXPECT_EQ(field_of(act(kMod, "next", with(kAnn))), "participant_id");   // spoke already
  EXPECT_EQ(field_of(act(kMod, "next", with(kBen))), "participant_id");   // speaking
  EXPECT_EQ(field_of(act(kMod, "next", with(kPhone))), "participant_id"); // never on the list
  EXPECT_EQ(field_of(room_.command(kMod, R"({"action":"next","queue_id":")" + numbered(99) + "\"}")),
            "queue_id");
  EXPECT_EQ(code_of(room_.command(kMod, R"({"action":"next","queue_id":")" + numbered(99) + "\"}")),
            "not_found");
  const auto before = updates();
  EXPECT_EQ(code_of(act(kMod, "next")), "");
  EXPECT_EQ(speaker(), kGuest);
  // The last next ends the last turn; the round stays open; another next changes nothing.
  EXPECT_EQ(code_of(act(kMod, "next")), "");
  EXPECT_EQ(speaker(), "");
  EXPECT_EQ(done(), (Ids{kAnn, kBen, kGuest}));
  EXPECT_TRUE(upcoming().empty());
  EXPECT_EQ(updates(), before + 2);
  EXPECT_EQ(code_of(act(kMod, "next")), "");
  EXPECT_EQ(updates(), before + 2);
}

TEST_F(SpeakersTest, SkipSendsTheSpeakerToTheEndWithoutCounting) {
  start("list");
  act(kMod, "next");
  EXPECT_EQ(code_of(act(kMod, "skip")), "");
  EXPECT_EQ(speaker(), kGuest);
  EXPECT_EQ(upcoming(), (Ids{kBen, kAnn}));
  EXPECT_TRUE(done().empty());
  // Skipping with nobody else upcoming: nobody has the word, the skipped one stays upcoming.
  act(kMod, "next", with(kBen));
  act(kMod, "next", with(kAnn));
  EXPECT_EQ(done(), (Ids{kGuest, kBen}));
  act(kMod, "skip");
  EXPECT_EQ(speaker(), "");
  EXPECT_EQ(upcoming(), (Ids{kAnn}));
  // Skip with nobody speaking works like next.
  act(kMod, "skip");
  EXPECT_EQ(speaker(), kAnn);
}

TEST_F(SpeakersTest, YieldOnlyByTheSpeakerAndNamesOnlyInNominationRounds) {
  start("list");
  EXPECT_EQ(code_of(act(kAnn, "yield")), "not_allowed_now"); // nobody has the word yet
  act(kMod, "next");
  EXPECT_EQ(code_of(act(kGuest, "yield")), "not_allowed_now");
  EXPECT_EQ(code_of(act(kMod, "yield")), "not_allowed_now"); // not even a moderator for someone else
  EXPECT_EQ(field_of(act(kAnn, "yield", with(kBen))), "participant_id");
  EXPECT_EQ(speaker(), kAnn);
  EXPECT_EQ(code_of(act(kAnn, "yield")), "");
  EXPECT_EQ(speaker(), kGuest); // the next in line
  EXPECT_EQ(done(), (Ids{kAnn}));
  EXPECT_EQ(code_of(act(kGuest, "yield")), ""); // guests too
  EXPECT_EQ(speaker(), kBen);
}

TEST_F(SpeakersTest, NominationRoundTheSpeakerNamesTheNext) {
  start("nomination", "name");
  act(kMod, "next");
  const auto first = speaker();
  ASSERT_FALSE(first.empty()); // a fair draw among the upcoming
  Ids rest;
  for (const auto& id : Ids{kAnn, kBen, kGuest})
    if (id != first) rest.push_back(id);
  EXPECT_EQ(field_of(act(first, "yield", with(first))), "participant_id"); // speaking, not upcoming
  EXPECT_EQ(field_of(act(first, "yield", with(kPhone))), "participant_id");
  EXPECT_EQ(code_of(act(first, "yield", with(rest[1]))), "");
  EXPECT_EQ(speaker(), rest[1]);
  EXPECT_EQ(done(), (Ids{first}));
  // Without a name: a draw among the upcoming (only rest[0] is left).
  EXPECT_EQ(code_of(act(rest[1], "yield")), "");
  EXPECT_EQ(speaker(), rest[0]);
}

TEST_F(SpeakersTest, RandomRoundDrawsAmongTheUpcoming) {
  start("random", "name");
  std::set<std::string> spoke;
  for (int i = 0; i < 3; ++i) {
    const auto waiting = upcoming();
    act(kMod, "next");
    EXPECT_NE(std::find(waiting.begin(), waiting.end(), speaker()), waiting.end());
    spoke.insert(speaker());
  }
  EXPECT_EQ(spoke, (std::set<std::string>{kAnn, kBen, kGuest}));
  EXPECT_TRUE(upcoming().empty());
}

TEST_F(SpeakersTest, WheelSpinsThenTheWinnerGetsTheWordAtTheStop) {
  start("wheel", "name");
  const auto candidates = upcoming();
  EXPECT_EQ(code_of(act(kMod, "next")), "");
  auto q = queue(kGuest);
  ASSERT_TRUE(q.contains("spin"));
  EXPECT_FALSE(q.contains("current"));
  const auto spin = q.at("spin").as_object();
  EXPECT_EQ(ids(spin.at("candidates")), candidates);
  const std::string winner(spin.at("winner").as_string());
  EXPECT_NE(std::find(candidates.begin(), candidates.end(), winner), candidates.end());
  EXPECT_GE(spin.at("turns").as_int64(), 4);
  EXPECT_LE(spin.at("turns").as_int64(), 7);
  EXPECT_EQ(spin.at("started_at").as_int64(), room_.now_ms());
  EXPECT_EQ(spin.at("stops_at").as_int64(), room_.now_ms() + kSpinMs);
  // Everyone saw the same spin.
  for (const auto& who : {kMod, kAnn, kBen, kPhone}) EXPECT_EQ(queue(who).at("spin").as_object(), spin);
  // While it turns: no next, skip or yield.
  for (const auto& action : {"next", "skip"}) EXPECT_EQ(code_of(act(kMod, action)), "not_allowed_now");
  EXPECT_EQ(code_of(act(winner, "yield")), "not_allowed_now");
  room_.advance(kSpinMs - 1);
  EXPECT_EQ(speaker(), "");
  EXPECT_EQ(updates(), 2u);
  room_.advance(1);
  EXPECT_EQ(updates(), 3u);
  EXPECT_EQ(speaker(), winner);
  EXPECT_FALSE(queue(kMod).contains("spin"));
  EXPECT_EQ(queue(kMod).at("current").at("started_at").as_int64(), room_.now_ms());
  // The next spin is over the two left; then one candidate still spins; then nobody is left.
  act(kMod, "next");
  EXPECT_EQ(ids(queue(kMod).at("spin").at("candidates")).size(), 2u);
  room_.advance(kSpinMs);
  act(kMod, "next");
  ASSERT_TRUE(queue(kMod).contains("spin"));
  EXPECT_EQ(ids(queue(kMod).at("spin").at("candidates")).size(), 1u);
  room_.advance(kSpinMs);
  EXPECT_FALSE(speaker().empty());
  act(kMod, "next");
  EXPECT_FALSE(queue(kMod).contains("spin"));
  EXPECT_EQ(speaker(), "");
  EXPECT_EQ(done().size(), 3u);
}

TEST_F(SpeakersTest, WheelIsFairAndTurnsStayInRange) {
  // 6,000 spins over three candidates: each wins 2,000 ± 300 (about 10 standard deviations).
  proto::SpeakerQueue q;
  q.selection = "wheel";
  q.upcoming = {"a", "b", "c"};
  std::map<std::string, int> wins;
  std::set<int64_t> turns;
  for (int i = 0; i < 6'000; ++i) {
    modules::speakers::start_spin(q, "spin", 0, kSpinMs);
    ++wins[q.spin->winner];
    turns.insert(q.spin->turns);
  }
  ASSERT_EQ(wins.size(), 3u);
  for (const auto& [id, n] : wins) {
    EXPECT_GE(n, 1'700) << id;
    EXPECT_LE(n, 2'300) << id;
  }
  EXPECT_EQ(turns, (std::set<int64_t>{4, 5, 6, 7}));
}

TEST_F(SpeakersTest, AWinnerWhoLeavesOrIsRemovedMidSpinIsReplacedByADraw) {
  start("wheel", "name");
  act(kMod, "next");
  std::string winner(queue(kMod).at("spin").at("winner").as_string());
  room_.leave(winner);
  EXPECT_EQ(updates(), 3u); // the list changed; the spin goes on
  EXPECT_TRUE(queue(kMod).contains("spin"));
  room_.advance(kSpinMs);
  const auto first = speaker();
  EXPECT_FALSE(first.empty());
  EXPECT_NE(first, winner);
  // Removed by a moderator mid-spin: the same. Only one is left then.
  act(kMod, "next");
  ASSERT_TRUE(queue(kMod).contains("spin"));
  winner = std::string(queue(kMod).at("spin").at("winner").as_string());
  EXPECT_EQ(code_of(act(kMod, "remove", with(winner))), "");
  room_.advance(kSpinMs);
  EXPECT_EQ(speaker(), "");
  EXPECT_FALSE(queue(kMod).contains("spin"));
  EXPECT_EQ(done(), (Ids{first}));
}

TEST_F(SpeakersTest, TimeUpAtTheLimitOnlyForTheRunningTurn) {
  start("list", "join_time",
        R"("include_moderators":false,"append_late_joiners":false,"time_limit_seconds":60)");
  EXPECT_EQ(queue(kMod).at("time_limit_seconds").as_int64(), 60);
  room_.advance(5'000); // nothing runs before the first turn
  EXPECT_TRUE(room_.frames(kAnn, "time_up").empty());
  act(kMod, "next");
  const auto started = room_.now_ms();
  EXPECT_EQ(queue(kMod).at("current").at("ends_at").as_int64(), started + 60'000);
  room_.advance(59'999);
  EXPECT_TRUE(room_.frames(kAnn, "time_up").empty());
  room_.advance(1);
  for (const auto& who : {kMod, kAnn, kGuest, kBen, kPhone}) {
    ASSERT_EQ(room_.frames(who, "time_up").size(), 1u) << who;
    auto up = room_.last(who, "time_up").at("payload");
    EXPECT_EQ(up.at("participant_id").as_string(), kAnn);
    EXPECT_EQ(up.at("queue_id").as_string(), queue_id_);
  }
  EXPECT_EQ(speaker(), kAnn); // the speaker keeps the word
  // A turn that ended early gets no time_up; the next turn its own at its own time.
  act(kMod, "next");
  room_.advance(30'000);
  act(kMod, "next");
  EXPECT_EQ(speaker(), kBen);
  room_.advance(30'000); // Gustav's limit would have run out now
  EXPECT_EQ(room_.frames(kAnn, "time_up").size(), 1u);
  room_.advance(30'000);
  EXPECT_EQ(room_.frames(kAnn, "time_up").size(), 2u);
  EXPECT_EQ(room_.last(kAnn, "time_up").at("payload").at("participant_id").as_string(), kBen);
  // Stopped: a pending time_up does nothing.
  act(kMod, "stop");
  start("list", "join_time",
        R"("include_moderators":false,"append_late_joiners":false,"time_limit_seconds":10)");
  act(kMod, "next");
  act(kMod, "stop");
  room_.advance(20'000);
  EXPECT_EQ(room_.frames(kAnn, "time_up").size(), 2u);
}

TEST_F(SpeakersTest, LateJoinersAreAppendedWhenTheRoundSaysSo) {
  start("list");
  room_.join_later(numbered(10)).display_name = "Zed";
  EXPECT_EQ(upcoming(), (Ids{kAnn, kGuest, kBen, numbered(10)}));
  EXPECT_EQ(updates(kAnn), 2u);
  // The newcomer gets the round with join_success.
  EXPECT_EQ(room_.describe_for(numbered(10)).speakers.queue->upcoming.back(), numbered(10));
  // Not: moderators (this round excludes them), phones, services; nobody twice.
  room_.join_later(numbered(11), Role::moderator);
  room_.join_later(numbered(12), Role::user, Kind::phone);
  room_.join_later(numbered(13), Role::user, Kind::service);
  room_.join_later(numbered(10));
  EXPECT_EQ(updates(kAnn), 2u);
  // The speaker admitted again is not appended either; one who has spoken is.
  act(kMod, "next");
  act(kMod, "next");
  room_.join_later(kGuest);
  room_.join_later(kAnn);
  EXPECT_EQ(upcoming(), (Ids{kBen, numbered(10), kAnn}));
  // A role change takes nobody off the list.
  room_.find(kBen)->role = Role::moderator;
  room_.participant_changed(*room_.find(kBen));
  EXPECT_EQ(upcoming(), (Ids{kBen, numbered(10), kAnn}));
}

TEST_F(SpeakersTest, LateJoinersWithModeratorsOrNotAtAll) {
  start("list", "name", R"("include_moderators":true,"append_late_joiners":true)");
  room_.join_later(numbered(11), Role::moderator);
  EXPECT_EQ(upcoming().back(), numbered(11));
  act(kMod, "stop");
  start("list", "name", R"("include_moderators":true,"append_late_joiners":false)");
  const auto before = upcoming();
  room_.join_later(numbered(12));
  EXPECT_EQ(upcoming(), before);
}

TEST_F(SpeakersTest, LeavingTakesPeopleOffTheList) {
  start("list");
  room_.leave(kGuest); // upcoming
  EXPECT_EQ(upcoming(), (Ids{kAnn, kBen}));
  act(kMod, "next");
  room_.leave(kAnn); // the speaker in a list round: counted, the next in line speaks
  EXPECT_EQ(speaker(), kBen);
  EXPECT_EQ(done(), (Ids{kAnn}));
  room_.leave(kBen); // the list is empty now: nobody has the word, the round stays open
  EXPECT_EQ(speaker(), "");
  EXPECT_EQ(done(), (Ids{kAnn, kBen}));
  const auto before = updates();
  room_.leave(kPhone); // not in the round: no update
  EXPECT_EQ(updates(), before);
  EXPECT_TRUE(room_.describe_for(kMod).speakers.queue.has_value());
}

TEST_F(SpeakersTest, ASpeakerLeavingARandomRoundLeavesTheWordFree) {
  start("random");
  act(kMod, "next");
  const auto first = speaker();
  room_.leave(first);
  EXPECT_EQ(speaker(), "");
  EXPECT_EQ(done(), (Ids{first}));
  EXPECT_EQ(upcoming().size(), 2u);
}

TEST_F(SpeakersTest, AddAndRemove) {
  start("list");
  EXPECT_EQ(code_of(act(kMod, "remove", with(kGuest))), "");
  EXPECT_EQ(upcoming(), (Ids{kAnn, kBen}));
  EXPECT_EQ(field_of(act(kMod, "remove", with(kGuest))), "participant_id");
  EXPECT_EQ(code_of(act(kMod, "add", with(kGuest))), "");
  EXPECT_EQ(code_of(act(kMod, "add", with(kOwner))), ""); // moderators may be added by hand
  EXPECT_EQ(upcoming(), (Ids{kAnn, kBen, kGuest, kOwner}));
  EXPECT_EQ(code_of(act(kMod, "add", with(kGuest))), "not_allowed_now"); // upcoming
  act(kMod, "next");
  EXPECT_EQ(code_of(act(kMod, "add", with(kAnn))), "not_allowed_now"); // speaking
  EXPECT_EQ(field_of(act(kMod, "remove", with(kAnn))), "participant_id");
  EXPECT_EQ(field_of(act(kMod, "add", with(kPhone))), "participant_id");
  EXPECT_EQ(code_of(act(kMod, "add", with(kBot))), "invalid_field");
  EXPECT_EQ(code_of(act(kMod, "add", with(numbered(99)))), "not_found");
  act(kMod, "next");
  EXPECT_EQ(code_of(act(kMod, "add", with(kAnn))), ""); // has spoken: may speak again
  EXPECT_EQ(upcoming(), (Ids{kGuest, kOwner, kAnn}));
  EXPECT_EQ(done(), (Ids{kAnn}));
  EXPECT_EQ(field_of(room_.command(
                kMod, R"({"action":"add","queue_id":")" + numbered(99) + "\"," + with(kAnn) + "}")),
            "queue_id");
}

TEST_F(SpeakersTest, StopEndsTheRoundForEveryone) {
  start("list");
  act(kMod, "next");
  EXPECT_EQ(code_of(act(kOwner, "stop")), "");
  for (const auto& who : {kMod, kAnn, kGuest, kPhone}) {
    ASSERT_EQ(room_.frames(who, "stopped").size(), 1u);
    auto stopped = room_.last(who, "stopped").at("payload");
    EXPECT_EQ(stopped.at("queue_id").as_string(), queue_id_);
    EXPECT_EQ(stopped.at("by").as_string(), kOwner);
  }
  EXPECT_FALSE(room_.describe_for(kAnn).speakers.queue.has_value());
  EXPECT_EQ(code_of(act(kMod, "next")), "not_found");
  EXPECT_EQ(code_of(act(kMod, "stop")), "not_found");
  // A spin stopped midway gives nobody the word in the next round.
  start("wheel");
  const auto wheel = queue_id_;
  act(kMod, "next");
  act(kMod, "stop");
  start("list");
  room_.advance(kSpinMs);
  EXPECT_EQ(speaker(), "");
  EXPECT_NE(queue_id_, wheel);
}

TEST_F(SpeakersTest, AtMostTenThousandEntries) {
  room_.record_only({kMod});
  for (int i = 0; i < 10'005; ++i) room_.add(numbered(100 + i));
  ASSERT_EQ(code_of(start("list")), "");
  auto list = upcoming();
  ASSERT_EQ(list.size(), 10'000u);
  // The first 10,000 in order: anna, Gustav, ben, then the numbered ones.
  EXPECT_EQ(list[2], kBen);
  EXPECT_EQ(list.back(), numbered(100 + 9'996));
  EXPECT_EQ(code_of(act(kMod, "add", with(numbered(100 + 10'000)))), "not_allowed_now");
  room_.join_later(numbered(50'000)); // a late joiner is not appended either
  EXPECT_EQ(upcoming().size(), 10'000u);
  act(kMod, "next");
  EXPECT_EQ(code_of(act(kMod, "add", with(numbered(100 + 10'000)))), "");
  EXPECT_EQ(upcoming().size(), 10'000u);
}

TEST_F(SpeakersTest, DoneKeepsTheLastTenThousandTurns) {
  proto::SpeakerQueue q;
  q.selection = "list";
  for (int i = 0; i < 10'000; ++i) q.done.push_back(numbered(100 + i));
  q.upcoming = {kAnn};
  modules::speakers::begin_turn(q, kAnn, 0);
  EXPECT_TRUE(q.upcoming.empty());
  EXPECT_EQ(modules::speakers::end_turn(q), kAnn);
  ASSERT_EQ(q.done.size(), 10'000u);
  EXPECT_EQ(q.done.front(), numbered(101)); // the oldest went
  EXPECT_EQ(q.done.back(), kAnn);
  EXPECT_FALSE(q.current.has_value());
}

} // namespace
} // namespace plenum::rooms
