// Poll and vote templates on an event: who may use them, validation as the signaling commands
// validate, the per-event limit, deletion with the event, and limits equal to protocol.json.
#include "services/templates.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "services/events.hpp"
#include "support/store.hpp"
#include "support/temp_dir.hpp"

namespace plenum::services {
namespace {

namespace lim = template_limits;

class TemplatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::migrated_store(dir_.path());
    ASSERT_TRUE(store_);
    owner_ = *store_->users().create({"owner@example.org", "Olga Owner", std::nullopt, false});
    mod_ = *store_->users().create({"mod@example.org", "Mona Moderator", std::nullopt, false});
    invitee_ = *store_->users().create({"invitee@example.org", "Ines Invitee", std::nullopt, false});
    stranger_ = *store_->users().create({"stranger@example.org", "Stan Stranger", std::nullopt, false});
    admin_ = *store_->users().create({"admin@example.org", "Ada Admin", std::nullopt, true});
    rooms_ = std::make_unique<Rooms>(*store_, tickets_);
    events_ = std::make_unique<Events>(*store_, *rooms_);
    templates_ = std::make_unique<Templates>(*store_);
    EventInput in;
    in.title = "Council";
    in.time_independent = true;
    auto created = events_->create(owner_, in, false);
    ASSERT_TRUE(created.ok()) << created.error().message;
    event_ = created->event.id;
    room_ = created->event.room_id;
    ASSERT_TRUE(events_->invite(owner_, event_, {mod_.id, std::nullopt, "moderator"}).ok());
    ASSERT_TRUE(events_->invite(owner_, event_, {invitee_.id, std::nullopt, "user"}).ok());
  }

  static PollTemplateInput lunch() {
    PollTemplateInput in;
    in.title = "Lunch";
    in.topic = "Where do we eat?";
    in.choices = std::vector<std::string>{"Pizza", "Pasta"};
    return in;
  }
  static VoteTemplateInput budget() {
    VoteTemplateInput in;
    in.name = "Budget 2027";
    return in;
  }
  std::string poll_error(const PollTemplateInput& in) {
    auto r = templates_->create_poll(owner_, event_, in);
    return r ? "" : r.error().field + ": " + r.error().message;
  }
  std::string vote_error(const VoteTemplateInput& in) {
    auto r = templates_->create_vote(owner_, event_, in);
    return r ? "" : r.error().field + ": " + r.error().message;
  }

  test::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  auth::InMemoryTicketStore tickets_;
  std::unique_ptr<Rooms> rooms_;
  std::unique_ptr<Events> events_;
  std::unique_ptr<Templates> templates_;
  storage::User owner_, mod_, invitee_, stranger_, admin_;
  std::string event_, room_;
};

TEST_F(TemplatesTest, OrganiserModeratorsAndAdminsUseThemOthersDoNot) {
  for (const auto* who : {&owner_, &mod_, &admin_}) {
    auto created = templates_->create_poll(*who, event_, lunch());
    ASSERT_TRUE(created.ok()) << who->email << ": " << created.error().message;
    EXPECT_TRUE(templates_->poll(*who, event_, created->id).ok());
    EXPECT_TRUE(templates_->create_vote(*who, event_, budget()).ok());
  }
  EXPECT_EQ(templates_->polls(invitee_, event_).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(templates_->create_vote(invitee_, event_, budget()).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(templates_->polls(stranger_, event_).error().code, ErrorCode::not_found);
  EXPECT_EQ(templates_->votes(stranger_, event_).error().code, ErrorCode::not_found);
  EXPECT_EQ(templates_->polls(owner_, "00000000-0000-4000-8000-00000000dead").error().code,
            ErrorCode::not_found);
  EXPECT_EQ(templates_->polls(owner_, event_)->size(), 3u);
}

TEST_F(TemplatesTest, PatchKeepsAbsentFieldsAndChecksTheWhole) {
  auto t = templates_->create_poll(owner_, event_, lunch());
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->multiple);
  EXPECT_TRUE(t->live);
  EXPECT_EQ(t->position, 0);
  PollTemplateInput patch;
  patch.multiple = true;
  patch.duration_seconds = std::optional<int64_t>(60);
  auto changed = templates_->update_poll(mod_, event_, t->id, patch);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->topic, "Where do we eat?");
  EXPECT_EQ(changed->choices, (std::vector<std::string>{"Pizza", "Pasta"}));
  EXPECT_TRUE(changed->multiple);
  EXPECT_EQ(changed->duration_seconds, 60);
  PollTemplateInput clear;
  clear.duration_seconds = std::optional<int64_t>();
  EXPECT_EQ(templates_->update_poll(owner_, event_, t->id, clear)->duration_seconds, std::nullopt);
  PollTemplateInput bad;
  bad.choices = std::vector<std::string>{"only one"};
  EXPECT_EQ(templates_->update_poll(owner_, event_, t->id, bad).error().field, "choices");
  // A secret vote never shows live results: patching the kind of a live roll-call vote fails.
  VoteTemplateInput live = budget();
  live.live_results = true;
  auto v = templates_->create_vote(owner_, event_, live);
  ASSERT_TRUE(v.ok());
  VoteTemplateInput secret;
  secret.kind = "secret";
  EXPECT_EQ(templates_->update_vote(owner_, event_, v->id, secret).error().field, "live_results");
  EXPECT_EQ(templates_->vote(owner_, event_, v->id)->kind, "roll_call");
}

TEST_F(TemplatesTest, ValidationMatchesTheSignalingCommands) {
  auto poll = [](auto change) {
    auto in = lunch();
    change(in);
    return in;
  };
  EXPECT_EQ(poll_error(poll([](auto& in) { in.title.reset(); })), "title: required");
  EXPECT_EQ(poll_error(poll([](auto& in) { in.topic = "  "; })), "topic: must not be blank");
  EXPECT_EQ(poll_error(poll([](auto& in) { in.topic = std::string(lim::kPollTopic + 1, 'x'); })),
            "topic: is too long");
  EXPECT_EQ(poll_error(poll([](auto& in) { in.topic = std::string(lim::kPollTopic, 'x'); })), "");
  EXPECT_EQ(poll_error(poll([](auto& in) { in.choices = std::vector<std::string>(65, "x"); })),
            "choices: must have 2 to 64 items");
  EXPECT_EQ(poll_error(poll([](auto& in) {
              in.choices = std::vector<std::string>{"a", "a"};
            })),
            "choices[1]: the same choice twice");
  EXPECT_EQ(poll_error(poll([](auto& in) {
              in.choices = std::vector<std::string>{"a", "b\nc"};
            })),
            "choices[1]: must not contain control characters");
  EXPECT_EQ(poll_error(poll([](auto& in) { in.duration_seconds = std::optional<int64_t>(9); })),
            "duration_seconds: must be an integer from 10 to 86400");
  EXPECT_EQ(poll_error(poll([](auto& in) { in.position = -1; })),
            "position: must be an integer from 0 to 1000000");
  auto vote = [](auto change) {
    auto in = budget();
    change(in);
    return in;
  };
  EXPECT_EQ(vote_error(vote([](auto& in) { in.name.reset(); })), "name: required");
  EXPECT_EQ(vote_error(vote([](auto& in) { in.name = std::string(lim::kVoteName + 1, 'x'); })),
            "name: is too long");
  EXPECT_EQ(vote_error(vote([](auto& in) { in.kind = "open"; })), "kind: must be one of: roll_call, secret");
  EXPECT_EQ(vote_error(vote([](auto& in) {
              in.kind = "secret";
              in.live_results = true;
            })),
            "live_results: secret votes never show live results");
  EXPECT_EQ(vote_error(vote([](auto& in) { in.duration_seconds = std::optional<int64_t>(59); })),
            "duration_seconds: must be an integer from 60 to 86400");
  EXPECT_EQ(vote_error(vote([](auto& in) { in.topic = std::optional<std::string>("line one\nline two"); })),
            "");
  auto empty_subtitle = templates_->create_vote(
      owner_, event_, vote([](auto& in) { in.subtitle = std::optional<std::string>(""); }));
  ASSERT_TRUE(empty_subtitle.ok());
  EXPECT_EQ(empty_subtitle->subtitle, std::nullopt); // as legal_vote.start treats it
}

TEST_F(TemplatesTest, AtMostFiftyOfEachKindPerEvent) {
  for (size_t i = 0; i < lim::kPerEvent; ++i) {
    auto in = lunch();
    in.title = "Poll " + std::to_string(i);
    auto created = templates_->create_poll(owner_, event_, in);
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->position, static_cast<int64_t>(i)); // appended in order
  }
  EXPECT_EQ(templates_->create_poll(owner_, event_, lunch()).error().code, ErrorCode::conflict);
  EXPECT_TRUE(templates_->create_vote(owner_, event_, budget()).ok()); // the other kind counts apart
  auto listed = templates_->polls(owner_, event_);
  ASSERT_EQ(listed->size(), lim::kPerEvent);
  ASSERT_TRUE(templates_->remove_poll(owner_, event_, listed->front().id).ok());
  EXPECT_TRUE(templates_->create_poll(owner_, event_, lunch()).ok());
}

TEST_F(TemplatesTest, TheMeetingSeesItsEventsTemplatesInOrderAndTheyGoWithTheEvent) {
  auto last = lunch();
  last.title = "Last";
  last.position = 5;
  auto middle = lunch();
  middle.title = "Middle";
  middle.position = 2;
  ASSERT_TRUE(templates_->create_poll(owner_, event_, lunch()).ok()); // appended: position 0
  ASSERT_TRUE(templates_->create_poll(owner_, event_, last).ok());
  ASSERT_TRUE(templates_->create_poll(owner_, event_, middle).ok());
  auto in_room = templates_->polls_in_room(room_);
  ASSERT_TRUE(in_room.ok());
  ASSERT_EQ(in_room->size(), 3u);
  EXPECT_EQ((*in_room)[0].title, "Lunch");
  EXPECT_EQ((*in_room)[1].title, "Middle");
  EXPECT_EQ((*in_room)[2].title, "Last");
  ASSERT_TRUE(templates_->create_vote(owner_, event_, budget()).ok());
  EXPECT_EQ(templates_->votes_in_room(room_)->size(), 1u);
  EXPECT_TRUE(templates_->polls_in_room("00000000-0000-4000-8000-00000000beef")->empty()); // no event
  ASSERT_TRUE(events_->remove(owner_, event_).ok());
  EXPECT_TRUE(templates_->polls_in_room(room_)->empty());
  EXPECT_TRUE(templates_->votes_in_room(room_)->empty());
}

// The REST checks use the constants in template_limits; the signaling commands use
// protocol.json. They must not drift apart.
TEST(TemplateLimits, EqualTheSignalingCommandsLimits) {
  std::ifstream file(std::string(PLENUM_SOURCE_DIR) + "/src/protocol/protocol.json");
  std::stringstream text;
  text << file.rdbuf();
  const auto schema = boost::json::parse(text.str());
  const auto& polls = schema.at("namespaces").at("polls").at("commands").at("start").at("fields");
  const auto& votes = schema.at("namespaces").at("legal_vote").at("commands").at("start").at("fields");
  auto n = [](const boost::json::value& v, const char* key) { return v.at(key).to_number<int64_t>(); };
  EXPECT_EQ(n(polls.at("topic"), "max_length"), static_cast<int64_t>(lim::kPollTopic));
  EXPECT_EQ(n(polls.at("choices"), "min_items"), static_cast<int64_t>(lim::kPollChoicesMin));
  EXPECT_EQ(n(polls.at("choices"), "max_items"), static_cast<int64_t>(lim::kPollChoicesMax));
  EXPECT_EQ(n(polls.at("choices").at("items"), "max_length"), static_cast<int64_t>(lim::kPollChoice));
  EXPECT_EQ(n(polls.at("duration_seconds"), "min"), lim::kPollDurationMin);
  EXPECT_EQ(n(polls.at("duration_seconds"), "max"), lim::kPollDurationMax);
  EXPECT_EQ(n(votes.at("name"), "max_length"), static_cast<int64_t>(lim::kVoteName));
  EXPECT_EQ(n(votes.at("subtitle"), "max_length"), static_cast<int64_t>(lim::kVoteSubtitle));
  EXPECT_EQ(n(votes.at("topic"), "max_length"), static_cast<int64_t>(lim::kVoteTopic));
  EXPECT_EQ(n(votes.at("duration_seconds"), "min"), lim::kVoteDurationMin);
  EXPECT_EQ(n(votes.at("duration_seconds"), "max"), lim::kVoteDurationMax);
  const auto& events = [&](const char* ns) -> const boost::json::value& {
    return schema.at("namespaces").at(ns).at("events").at("templates").at("fields").at("templates");
  };
  EXPECT_EQ(n(events("polls"), "max_items"), static_cast<int64_t>(lim::kPerEvent));
  EXPECT_EQ(n(events("legal_vote"), "max_items"), static_cast<int64_t>(lim::kPerEvent));
  EXPECT_EQ(n(schema.at("types").at("PollTemplate").at("fields").at("title"), "max_length"),
            static_cast<int64_t>(lim::kTitle));
}

} // namespace
} // namespace plenum::services
