#include "services/events.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/store.hpp"
#include "support/temp_dir.hpp"

namespace plenum::services {
namespace {

class EventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::migrated_store(dir_.path());
    ASSERT_TRUE(store_);
    owner_ = *store_->users().create({"owner@example.org", "Olga Owner", std::nullopt, false});
    guest_ = *store_->users().create({"invitee@example.org", "Ines Invitee", std::nullopt, false});
    stranger_ = *store_->users().create({"stranger@example.org", "Stan Stranger", std::nullopt, false});
    rooms_ = std::make_unique<Rooms>(*store_, tickets_);
    events_ = std::make_unique<Events>(*store_, *rooms_);
  }
  EventInput weekly_council() {
    EventInput in;
    in.title = "Council";
    in.starts_at = "2026-03-23T09:00:00";
    in.ends_at = "2026-03-23T10:30:00";
    in.time_zone = "Europe/Berlin";
    in.recurrence = std::optional<Recurrence>(Recurrence{"FREQ=WEEKLY;COUNT=10", {}, {}});
    in.room.password = std::optional<std::string>("sesame");
    return in;
  }

  test::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  auth::InMemoryTicketStore tickets_;
  std::unique_ptr<Rooms> rooms_;
  std::unique_ptr<Events> events_;
  storage::User owner_, guest_, stranger_;
};

TEST_F(EventsTest, CreatesEventWithItsRoomAndExpandsAcrossDaylightSaving) {
  auto created = events_->create(owner_, weekly_council(), false);
  ASSERT_TRUE(created.ok()) << created.error().field << ": " << created.error().message;
  EXPECT_TRUE(created->can_manage);
  EXPECT_EQ(created->room.password, "sesame");
  // 2026-03-23 (UTC+1) to 2026-04-06 (UTC+2): 09:00 local both times.
  auto instances = events_->instances(owner_, created->event.id, 1'774'224'000, 1'775'520'000);
  ASSERT_TRUE(instances.ok()) << instances.error().message;
  ASSERT_GE(instances->size(), 3u);
  EXPECT_EQ((*instances)[0].starts_at, "2026-03-23T09:00:00");
  EXPECT_EQ((*instances)[0].starts_at_utc, 1'774'252'800); // 08:00Z
  EXPECT_EQ((*instances)[1].starts_at, "2026-03-30T09:00:00");
  EXPECT_EQ((*instances)[1].starts_at_utc, 1'774'854'000); // 07:00Z, summer time
}

TEST_F(EventsTest, ValidationNamesTheField) {
  EventInput no_title = weekly_council();
  no_title.title = std::nullopt;
  EXPECT_EQ(events_->create(owner_, no_title, false).error().field, "title");
  EventInput no_zone = weekly_council();
  no_zone.time_zone = std::nullopt;
  EXPECT_EQ(events_->create(owner_, no_zone, false).error().field, "time_zone");
  EventInput bad_rule = weekly_council();
  bad_rule.recurrence = std::optional<Recurrence>(Recurrence{"FREQ=MINUTELY", {}, {}});
  EXPECT_EQ(events_->create(owner_, bad_rule, false).error().field, "recurrence.rrule");
  EXPECT_TRUE(store_->rooms().list_owned(owner_.id, 10, 0)->empty()); // nothing left behind
}

TEST_F(EventsTest, AdhocMeetingsHaveNoSchedule) {
  EventInput in;
  in.title = "Meet now";
  auto created = events_->create(owner_, in, true);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(created->event.adhoc);
  EXPECT_TRUE(created->event.time_independent);
  EXPECT_TRUE(events_->instances(owner_, created->event.id, 0, 86400)->empty());
}

TEST_F(EventsTest, InviteesSeeTheEventButOnlyTheOrganiserChangesIt) {
  auto created = *events_->create(owner_, weekly_council(), false);
  const auto& id = created.event.id;
  EXPECT_EQ(events_->get(guest_, id).error().code, ErrorCode::not_found);
  ASSERT_TRUE(events_->invite(owner_, id, {guest_.id, std::nullopt, "moderator"}).ok());
  ASSERT_TRUE(events_->invite(owner_, id, {std::nullopt, "Guest@Example.org", "guest"}).ok());
  EXPECT_EQ(events_->invite(owner_, id, {guest_.id, std::nullopt, "user"}).error().code, ErrorCode::conflict);
  EXPECT_EQ(events_->invite(owner_, id, {std::nullopt, "x@example.org", "user"}).error().field, "role");
  auto seen = events_->get(guest_, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->can_manage);
  EventInput rename;
  rename.title = "Hijacked";
  EXPECT_EQ(events_->update(guest_, id, rename).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(events_->update(stranger_, id, rename).error().code, ErrorCode::not_found);
  EXPECT_EQ(events_->my_pending_invites(guest_)->size(), 1u);
  ASSERT_TRUE(events_->respond(guest_, id, "tentative").ok());
  EXPECT_TRUE(events_->my_pending_invites(guest_)->empty());
  EXPECT_EQ(events_->respond(stranger_, id, "accepted").error().code, ErrorCode::not_found);
  EXPECT_EQ(events_->respond(guest_, id, "maybe").error().field, "status");
  EXPECT_EQ(events_->invites(owner_, id)->size(), 2u);
}

TEST_F(EventsTest, ExceptionsMoveAndCancelSingleOccurrences) {
  auto created = *events_->create(owner_, weekly_council(), false);
  const auto& id = created.event.id;
  ASSERT_TRUE(
      events_->set_exception(owner_, id, {"2026-03-30T09:00:00", true, std::nullopt, std::nullopt}).ok());
  ASSERT_TRUE(
      events_
          ->set_exception(owner_, id,
                          {"2026-04-06T09:00:00", false, "2026-04-07T14:00:00", "2026-04-07T15:00:00"})
          .ok());
  auto instances = *events_->instances(owner_, id, 1'774'224'000, 1'776'000'000);
  std::vector<std::string> starts;
  for (const auto& i : instances) starts.push_back(i.starts_at);
  EXPECT_THAT(starts, ::testing::Contains("2026-04-07T14:00:00"));
  EXPECT_THAT(starts, ::testing::Not(::testing::Contains("2026-03-30T09:00:00")));
  EXPECT_THAT(starts, ::testing::Not(::testing::Contains("2026-04-06T09:00:00")));
}

TEST_F(EventsTest, FavouritesAndDeletion) {
  auto created = *events_->create(owner_, weekly_council(), false);
  const auto& id = created.event.id;
  ASSERT_TRUE(events_->set_favourite(owner_, id, true).ok());
  EXPECT_TRUE(events_->get(owner_, id)->favourite);
  EXPECT_EQ(events_->set_favourite(stranger_, id, true).error().code, ErrorCode::not_found);
  ASSERT_TRUE(events_->remove(owner_, id).ok());
  EXPECT_EQ(events_->get(owner_, id).error().code, ErrorCode::not_found);
  EXPECT_FALSE(store_->rooms().find(created.room.id)->has_value()); // the room went with it
}

} // namespace
} // namespace plenum::services
