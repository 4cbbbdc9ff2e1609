// The polls module: roles, limits, last vote wins, anonymity, live throttling, expiry.
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

std::vector<int64_t> ints(const boost::json::value& v) {
  std::vector<int64_t> out;
  for (const auto& x : v.as_array()) out.push_back(x.as_int64());
  return out;
}

class PollsTest : public ::testing::Test {
 protected:
  PollsTest() : room_(modules::make_polls()) {
    room_.add(kMod, Role::moderator);
    room_.add(kAnn);
    room_.add(kGuest, Role::user, Kind::guest);
  }

  // Starts a poll as the moderator and returns its id.
  std::string start(const std::string& extra = R"("multiple":false,"live":true)") {
    auto error = room_.command(
        kMod, R"({"action":"start","topic":"Lunch?","choices":["Pizza","Pasta","Salad"],)" + extra + "}");
    EXPECT_EQ(code_of(error), "");
    auto started = room_.last(kAnn, "started");
    return std::string(started.at("payload").at("poll").at("id").as_string());
  }

  boost::json::value vote(const std::string& who, const std::string& poll, const std::string& choices) {
    return room_.command(who, R"({"action":"vote","poll_id":")" + poll + R"(","choices":)" + choices + "}");
  }

  FakeRoom room_;
};

TEST_F(PollsTest, OnlyModeratorsStartAndStop) {
  auto error = room_.command(
      kAnn, R"({"action":"start","topic":"T","choices":["a","b"],"multiple":false,"live":false})");
  EXPECT_EQ(code_of(error), "forbidden");
  EXPECT_TRUE(room_.frames(kMod, "started").empty());
  const auto id = start();
  EXPECT_EQ(code_of(room_.command(kGuest, R"({"action":"stop","poll_id":")" + id + R"("})")), "forbidden");
  EXPECT_EQ(code_of(room_.command(kMod, R"({"action":"stop","poll_id":")" + id + R"("})")), "");
  auto ended = room_.last(kGuest, "ended");
  ASSERT_FALSE(ended.empty());
  EXPECT_EQ(ended.at("payload").at("reason").as_string(), "stopped");
}

TEST_F(PollsTest, StartIsSeenByEveryoneWithTheLimitsChecked) {
  const auto id = start();
  for (const auto& who : {kMod, kAnn, kGuest}) {
    auto poll = room_.last(who, "started").at("payload").at("poll");
    EXPECT_EQ(poll.at("id").as_string(), id);
    EXPECT_EQ(poll.at("topic").as_string(), "Lunch?");
    EXPECT_EQ(poll.at("choices").as_array().size(), 3u);
    EXPECT_EQ(poll.at("started_by").as_string(), kMod);
    EXPECT_FALSE(poll.as_object().contains("ends_at"));
  }
}

TEST_F(PollsTest, LimitsOfStart) {
  auto start_with = [&](const std::string& topic, const std::string& choices, const std::string& extra = "") {
    return room_.command(kMod, R"({"action":"start","topic":")" + topic + R"(","choices":)" + choices +
                                   R"(,"multiple":false,"live":false)" + extra + "}");
  };
  const std::string topic500(500, 't');
  const std::string choice100(100, 'c');
  // Topic 1-500 characters, not blank.
  EXPECT_EQ(field_of(start_with(topic500 + "t", R"(["a","b"])")), "topic");
  EXPECT_EQ(field_of(start_with("", R"(["a","b"])")), "topic");
  EXPECT_EQ(field_of(start_with("   ", R"(["a","b"])")), "topic");
  // 2-64 choices of 1-100 characters, distinct, not blank.
  EXPECT_EQ(code_of(start_with("T", R"(["a"])")), "invalid_field");
  std::string many = "[";
  for (int i = 0; i < 65; ++i) many += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
  many += "]";
  EXPECT_EQ(code_of(start_with("T", many)), "invalid_field");
  EXPECT_EQ(field_of(start_with("T", R"(["a",")" + choice100 + R"(x"])")), "choices[1]");
  EXPECT_EQ(field_of(start_with("T", R"(["a",""])")), "choices[1]");
  EXPECT_EQ(field_of(start_with("T", R"(["a"," "])")), "choices[1]");
  EXPECT_EQ(field_of(start_with("T", R"(["a","b","a"])")), "choices[2]");
  // Duration 10 s - 24 h.
  EXPECT_EQ(field_of(start_with("T", R"(["a","b"])", R"(,"duration_seconds":9)")), "duration_seconds");
  EXPECT_EQ(field_of(start_with("T", R"(["a","b"])", R"(,"duration_seconds":86401)")), "duration_seconds");
  EXPECT_TRUE(room_.frames(kAnn, "started").empty());
  // The largest accepted values.
  std::string sixty_four = "[";
  for (int i = 0; i < 64; ++i)
    sixty_four +=
        (i ? ",\"" : "\"") + choice100.substr(0, 98) + std::to_string(i % 10) + std::to_string(i / 10) + "\"";
  sixty_four += "]";
  EXPECT_EQ(code_of(start_with(topic500, sixty_four, R"(,"duration_seconds":86400)")), "");
  EXPECT_EQ(room_.frames(kAnn, "started").size(), 1u);
}

TEST_F(PollsTest, OneRunningPollPerRoom) {
  const auto first = start();
  auto error = room_.command(
      kMod, R"({"action":"start","topic":"Again","choices":["a","b"],"multiple":false,"live":false})");
  EXPECT_EQ(code_of(error), "not_allowed_now");
  room_.command(kMod, R"({"action":"stop","poll_id":")" + first + R"("})");
  const auto second = start();
  EXPECT_NE(first, second);
  // The old poll takes no more votes.
  EXPECT_EQ(code_of(vote(kAnn, first, "[0]")), "not_found");
}

TEST_F(PollsTest, EveryoneVotesGuestsTooAndTheLastVoteWins) {
  const auto id = start(R"("multiple":false,"live":false)");
  EXPECT_EQ(code_of(vote(kMod, id, "[0]")), "");
  EXPECT_EQ(code_of(vote(kAnn, id, "[1]")), "");
  EXPECT_EQ(code_of(vote(kGuest, id, "[1]")), "");
  EXPECT_EQ(code_of(vote(kAnn, id, "[2]")), ""); // changes her mind
  EXPECT_EQ(ints(room_.last(kAnn, "voted").at("payload").at("choices")), std::vector<int64_t>{2});
  // Not live: no results while it runs, and the voter's own choice only to the voter.
  EXPECT_TRUE(room_.frames(kMod, "results").empty());
  auto seen_by_guest = room_.describe_for(kGuest).polls.current;
  ASSERT_TRUE(seen_by_guest.has_value());
  EXPECT_TRUE(seen_by_guest->results.empty());
  EXPECT_EQ(seen_by_guest->voters, 3);
  EXPECT_EQ(seen_by_guest->own_choices, std::vector<int64_t>{1});
  room_.command(kMod, R"({"action":"stop","poll_id":")" + id + R"("})");
  auto ended = room_.last(kGuest, "ended").at("payload").at("poll");
  EXPECT_EQ(ints(ended.at("results")), (std::vector<int64_t>{1, 1, 1}));
  EXPECT_EQ(ended.at("voters").as_int64(), 3);
  // Anonymous: the final frame carries no vote of anyone.
  EXPECT_TRUE(ended.at("own_choices").as_array().empty());
  EXPECT_TRUE(ended.as_object().contains("ended_at"));
}

TEST_F(PollsTest, VotesAreChecked) {
  const auto single = start(R"("multiple":false,"live":false)");
  EXPECT_EQ(field_of(vote(kAnn, single, "[0,1]")), "choices");
  EXPECT_EQ(field_of(vote(kAnn, single, "[3]")), "choices[0]");
  EXPECT_EQ(field_of(vote(kAnn, single, "[]")), "choices");
  EXPECT_EQ(field_of(vote(kAnn, single, "[-1]")), "choices[0]");
  EXPECT_EQ(field_of(vote(kAnn, "00000000-0000-4000-8000-0000000000ff", "[0]")), "poll_id");
  room_.command(kMod, R"({"action":"stop","poll_id":")" + single + R"("})");
  EXPECT_EQ(code_of(vote(kAnn, single, "[0]")), "not_found"); // ended
  const auto multiple = start(R"("multiple":true,"live":false)");
  EXPECT_EQ(field_of(vote(kAnn, multiple, "[0,0]")), "choices[1]");
  EXPECT_EQ(code_of(vote(kAnn, multiple, "[2,0]")), "");
  EXPECT_EQ(ints(room_.last(kAnn, "voted").at("payload").at("choices")), (std::vector<int64_t>{0, 2}));
  EXPECT_EQ(code_of(vote(kAnn, multiple, "[1]")), ""); // replaces both
  room_.command(kMod, R"({"action":"stop","poll_id":")" + multiple + R"("})");
  EXPECT_EQ(ints(room_.last(kMod, "ended").at("payload").at("poll").at("results")),
            (std::vector<int64_t>{0, 1, 0}));
}

TEST_F(PollsTest, LiveResultsAreThrottledToOncePerSecond) {
  const auto id = start(R"("multiple":false,"live":true)");
  vote(kMod, id, "[0]");
  ASSERT_EQ(room_.frames(kAnn, "results").size(), 1u); // the first goes out at once
  room_.advance(100);
  vote(kAnn, id, "[1]");
  room_.advance(100);
  vote(kGuest, id, "[1]");
  EXPECT_EQ(room_.frames(kAnn, "results").size(), 1u); // held back
  room_.advance(799);
  EXPECT_EQ(room_.frames(kAnn, "results").size(), 1u);
  room_.advance(1);
  auto results = room_.frames(kAnn, "results");
  ASSERT_EQ(results.size(), 2u); // one update for both votes, a second after the first
  EXPECT_EQ(ints(results.back().at("payload").at("results")), (std::vector<int64_t>{1, 2, 0}));
  EXPECT_EQ(results.back().at("payload").at("voters").as_int64(), 3);
  // A pending update does not outlive the poll.
  room_.advance(5);
  vote(kMod, id, "[2]");
  room_.command(kMod, R"({"action":"stop","poll_id":")" + id + R"("})");
  room_.advance(2'000);
  EXPECT_EQ(room_.frames(kAnn, "results").size(), 2u);
  EXPECT_EQ(ints(room_.last(kAnn, "ended").at("payload").at("poll").at("results")),
            (std::vector<int64_t>{0, 2, 1}));
}

TEST_F(PollsTest, ExpiresAfterItsDuration) {
  const auto id = start(R"("multiple":false,"live":false,"duration_seconds":10)");
  auto poll = room_.last(kAnn, "started").at("payload").at("poll");
  EXPECT_EQ(poll.at("ends_at").as_int64() - poll.at("started_at").as_int64(), 10'000);
  vote(kAnn, id, "[0]");
  room_.advance(9'999);
  EXPECT_TRUE(room_.frames(kAnn, "ended").empty());
  room_.advance(1);
  auto ended = room_.last(kAnn, "ended");
  ASSERT_FALSE(ended.empty());
  EXPECT_EQ(ended.at("payload").at("reason").as_string(), "expired");
  EXPECT_EQ(ints(ended.at("payload").at("poll").at("results")), (std::vector<int64_t>{1, 0, 0}));
  EXPECT_EQ(code_of(vote(kAnn, id, "[1]")), "not_found");
}

TEST_F(PollsTest, AStoppedPollDoesNotExpireLater) {
  const auto id = start(R"("multiple":false,"live":false,"duration_seconds":10)");
  room_.command(kMod, R"({"action":"stop","poll_id":")" + id + R"("})");
  const auto next = start(R"("multiple":false,"live":false,"duration_seconds":60)");
  room_.advance(10'000); // the first poll's expiry must not end the second
  EXPECT_EQ(room_.frames(kAnn, "ended").size(), 1u);
  EXPECT_TRUE(room_.describe_for(kAnn).polls.current->ended_at == std::nullopt);
  room_.advance(50'000);
  EXPECT_EQ(room_.frames(kAnn, "ended").size(), 2u);
  EXPECT_EQ(room_.last(kAnn, "ended").at("payload").at("poll").at("id").as_string(), next);
}

TEST_F(PollsTest, LatecomersSeeTheRunningAndTheLastPoll) {
  EXPECT_FALSE(room_.describe_for(kAnn).polls.current.has_value());
  const auto id = start(R"("multiple":false,"live":true)");
  vote(kAnn, id, "[2]");
  auto live = room_.describe_for(kMod).polls.current;
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->results, (std::vector<int64_t>{0, 0, 1}));
  EXPECT_TRUE(live->own_choices.empty());
  room_.command(kMod, R"({"action":"stop","poll_id":")" + id + R"("})");
  room_.add("00000000-0000-4000-8000-000000000004");
  auto done = room_.describe_for("00000000-0000-4000-8000-000000000004").polls.current;
  ASSERT_TRUE(done.has_value());
  EXPECT_TRUE(done->ended_at.has_value());
  EXPECT_EQ(done->results, (std::vector<int64_t>{0, 0, 1}));
}

TEST_F(PollsTest, AVoteStaysWhenTheVoterLeaves) {
  const auto id = start(R"("multiple":false,"live":false)");
  vote(kGuest, id, "[0]");
  room_.leave(kGuest);
  room_.command(kMod, R"({"action":"stop","poll_id":")" + id + R"("})");
  EXPECT_EQ(ints(room_.last(kAnn, "ended").at("payload").at("poll").at("results")),
            (std::vector<int64_t>{1, 0, 0}));
}

// Prepared polls: the loader (the app reads the event's templates on the blocking pool) answers
// later; the answer goes to the moderator who asked, unless they left or lost the role meanwhile.
class PollTemplatesTest : public ::testing::Test {
 protected:
  PollTemplatesTest() : room_(modules::make_polls(options())) {
    room_.add(kMod, Role::moderator);
    room_.add(kAnn);
  }
  modules::PollsOptions options() {
    modules::PollsOptions o;
    o.load_templates = [this](const std::string& room_id, auto done) {
      asked_for_.push_back(room_id);
      pending_ = std::move(done);
    };
    return o;
  }
  static proto::PollTemplate lunch() {
    proto::PollTemplate t;
    t.id = "00000000-0000-4000-8000-0000000000aa";
    t.title = "Lunch";
    t.topic = "Where do we eat?";
    t.choices = {"Pizza", "Pasta"};
    t.duration_seconds = 60;
    return t;
  }

  std::vector<std::string> asked_for_;
  std::function<void(std::optional<std::vector<proto::PollTemplate>>)> pending_;
  FakeRoom room_;
};

TEST_F(PollTemplatesTest, ModeratorsGetTheEventsTemplatesWhenTheyAreLoaded) {
  EXPECT_EQ(code_of(room_.command(kAnn, R"({"action":"list_templates"})")), "forbidden");
  EXPECT_TRUE(asked_for_.empty());
  EXPECT_EQ(code_of(room_.command(kMod, R"({"action":"list_templates"})")), "");
  ASSERT_EQ(asked_for_, std::vector<std::string>{"room-1"});
  EXPECT_TRUE(room_.frames(kMod, "templates").empty()); // not before the loader answers
  pending_(std::vector<proto::PollTemplate>{lunch()});
  auto templates = room_.last(kMod, "templates").at("payload").at("templates").as_array();
  ASSERT_EQ(templates.size(), 1u);
  EXPECT_EQ(templates[0].at("title").as_string(), "Lunch");
  EXPECT_EQ(templates[0].at("choices").as_array().size(), 2u);
  EXPECT_EQ(templates[0].at("duration_seconds").as_int64(), 60);
  EXPECT_TRUE(room_.frames(kAnn, "templates").empty());
}

TEST_F(PollTemplatesTest, AFailedLoadIsAnErrorAndNobodyGetsAnAnswerAfterLosingTheRole) {
  room_.command(kMod, R"({"action":"list_templates"})");
  pending_(std::nullopt);
  auto errors = room_.frames(kMod, "error");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("payload").at("code").as_string(), "not_allowed_now");
  room_.command(kMod, R"({"action":"list_templates"})");
  room_.find(kMod)->role = Role::user;
  pending_(std::vector<proto::PollTemplate>{lunch()});
  EXPECT_TRUE(room_.frames(kMod, "templates").empty());
}

TEST(PollTemplatesWithoutLoader, AnswerAnEmptyList) {
  FakeRoom room(modules::make_polls());
  room.add(kMod, Role::moderator);
  EXPECT_EQ(code_of(room.command(kMod, R"({"action":"list_templates"})")), "");
  EXPECT_TRUE(room.last(kMod, "templates").at("payload").at("templates").as_array().empty());
}

} // namespace
} // namespace plenum::rooms
