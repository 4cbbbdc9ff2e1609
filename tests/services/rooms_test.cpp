#include "services/rooms.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/store.hpp"
#include "support/temp_dir.hpp"

namespace plenum::services {
namespace {

using namespace std::chrono_literals;

class RoomsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::migrated_store(dir_.path());
    ASSERT_TRUE(store_);
    owner_ = *store_->users().create({"owner@example.org", "Olga Owner", std::nullopt, false});
    other_ = *store_->users().create({"other@example.org", "Otto Other", std::nullopt, false});
    admin_ = *store_->users().create({"admin@example.org", "Ada Admin", std::nullopt, true});
    rooms_ = std::make_unique<Rooms>(*store_, tickets_);
  }
  Now at(int64_t s) {
    return Now{1'800'000'000 + s, std::chrono::steady_clock::time_point(std::chrono::seconds(s))};
  }
  storage::Room room_with_password() {
    RoomSettings s;
    s.password = std::optional<std::string>("sesame");
    s.guest_access = "direct";
    auto room = rooms_->create(owner_, s);
    EXPECT_TRUE(room.ok());
    return *room;
  }

  test::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  auth::InMemoryTicketStore tickets_;
  std::unique_ptr<Rooms> rooms_;
  storage::User owner_, other_, admin_;
};

TEST_F(RoomsTest, CreateWithDefaultsAndValidation) {
  auto room = rooms_->create(owner_, {});
  ASSERT_TRUE(room.ok()) << room.error().message;
  EXPECT_EQ(room->owner_id, owner_.id);
  EXPECT_EQ(room->waiting_room, "off");
  EXPECT_EQ(room->guest_access, "waiting_room");
  EXPECT_FALSE(room->password.has_value());
  EXPECT_EQ(room->max_participants, 100);
  RoomSettings bad;
  bad.waiting_room = "sometimes";
  EXPECT_EQ(rooms_->create(owner_, bad).error().field, "waiting_room");
  RoomSettings empty_password;
  empty_password.password = std::optional<std::string>("");
  EXPECT_EQ(rooms_->create(owner_, empty_password).error().field, "password");
  RoomSettings too_many;
  too_many.max_participants = 10001;
  EXPECT_EQ(rooms_->create(owner_, too_many).error().field, "max_participants");
  RoomSettings big; // a plenary session: thousands in one room
  big.max_participants = 5000;
  auto created = rooms_->create(owner_, big);
  ASSERT_TRUE(created);
  EXPECT_EQ(rooms_->get(owner_, created->id)->max_participants, 5000);
}

TEST_F(RoomsTest, OnlyOwnerAndAdminsManage) {
  auto room = *rooms_->create(owner_, {});
  EXPECT_TRUE(rooms_->get(owner_, room.id).ok());
  EXPECT_TRUE(rooms_->get(admin_, room.id).ok());
  EXPECT_EQ(rooms_->get(other_, room.id).error().code, ErrorCode::not_found);
  RoomSettings rename;
  rename.name = "Council";
  EXPECT_EQ(rooms_->update(other_, room.id, rename).error().code, ErrorCode::not_found);
  EXPECT_EQ(rooms_->update(owner_, room.id, rename)->name, "Council");
  EXPECT_EQ(rooms_->remove(other_, room.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(rooms_->create_invite(other_, room.id, std::nullopt, at(0)).error().code, ErrorCode::not_found);
  EXPECT_TRUE(rooms_->remove(owner_, room.id).ok());
  EXPECT_EQ(rooms_->get(owner_, room.id).error().code, ErrorCode::not_found);
}

TEST_F(RoomsTest, PasswordCanBeRemovedWithNull) {
  auto room = room_with_password();
  RoomSettings clear;
  clear.password = std::optional<std::string>();
  EXPECT_FALSE(rooms_->update(owner_, room.id, clear)->password.has_value());
}

TEST_F(RoomsTest, SignedInUsersJoinWithThePassword) {
  auto room = room_with_password();
  EXPECT_EQ(rooms_->start(other_, room.id, std::nullopt, "192.0.2.1", at(0)).error().code,
            ErrorCode::password_required);
  EXPECT_EQ(rooms_->start(other_, room.id, "wrong", "192.0.2.1", at(0)).error().code,
            ErrorCode::wrong_password);
  auto admitted = rooms_->start(other_, room.id, "sesame", "192.0.2.1", at(0));
  ASSERT_TRUE(admitted.ok()) << admitted.error().message;
  EXPECT_EQ(admitted->expires_in_seconds, 30);
  auto claims = tickets_.redeem(admitted->ticket, at(1).steady);
  ASSERT_TRUE(claims.has_value());
  EXPECT_EQ(claims->user_id, other_.id);
  EXPECT_EQ(claims->kind, "user");
  EXPECT_FALSE(claims->moderator);
  // The owner needs no password and joins as moderator.
  auto owner = rooms_->start(owner_, room.id, std::nullopt, "192.0.2.1", at(0));
  ASSERT_TRUE(owner.ok());
  EXPECT_TRUE(tickets_.redeem(owner->ticket, at(1).steady)->moderator);
  EXPECT_EQ(
      rooms_->start(other_, "00000000-0000-4000-8000-000000000000", std::nullopt, "x", at(0)).error().code,
      ErrorCode::not_found);
}

TEST_F(RoomsTest, WrongRoomPasswordsAreThrottled) {
  auto room = room_with_password();
  for (int i = 0; i < 4; ++i)
    (void)rooms_->start(other_, room.id, "guess" + std::to_string(i), "198.51.100.1", at(i));
  auto blocked = rooms_->start(other_, room.id, "sesame", "198.51.100.1", at(3));
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::too_many_requests);
  EXPECT_TRUE(rooms_->start(other_, room.id, "sesame", "203.0.113.5", at(3)).ok()); // other address
}

TEST_F(RoomsTest, GuestLinkFlow) {
  auto room = room_with_password();
  auto invite = rooms_->create_invite(owner_, room.id, at(0).unix_seconds + 3600, at(0));
  ASSERT_TRUE(invite.ok()) << invite.error().message;
  EXPECT_EQ(invite->code.size(), 43u);
  auto check = rooms_->verify_invite(invite->code, at(10));
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->room_id, room.id);
  EXPECT_TRUE(check->password_required);
  EXPECT_EQ(rooms_->start_invited(room.id, invite->code, "Gustav Guest", std::nullopt, "192.0.2.9", at(10))
                .error()
                .code,
            ErrorCode::password_required);
  auto admitted =
      rooms_->start_invited(room.id, invite->code, " Gustav Guest ", "sesame", "192.0.2.9", at(10));
  ASSERT_TRUE(admitted.ok()) << admitted.error().message;
  auto claims = tickets_.redeem(admitted->ticket, at(11).steady);
  ASSERT_TRUE(claims.has_value());
  EXPECT_EQ(claims->kind, "guest");
  EXPECT_EQ(claims->display_name, "Gustav Guest");
  EXPECT_FALSE(claims->user_id.has_value());
  // Expired, unknown, revoked and wrong-room links.
  EXPECT_EQ(rooms_->verify_invite(invite->code, at(3600)).error().code, ErrorCode::not_found);
  EXPECT_EQ(rooms_->verify_invite("not-a-real-code-at-all", at(0)).error().code, ErrorCode::not_found);
  auto other_room = *rooms_->create(owner_, {});
  EXPECT_EQ(rooms_->start_invited(other_room.id, invite->code, "G", "sesame", "x", at(10)).error().code,
            ErrorCode::not_found);
  ASSERT_TRUE(rooms_->remove_invite(owner_, room.id, invite->code).ok());
  EXPECT_EQ(rooms_->verify_invite(invite->code, at(10)).error().code, ErrorCode::not_found);
}

TEST_F(RoomsTest, GuestsAreRefusedWhenTheRoomAdmitsNone) {
  RoomSettings s;
  s.guest_access = "disabled";
  auto room = *rooms_->create(owner_, s);
  auto invite = *rooms_->create_invite(owner_, room.id, std::nullopt, at(0));
  EXPECT_EQ(rooms_->verify_invite(invite.code, at(1)).error().code, ErrorCode::not_found);
  EXPECT_EQ(rooms_->start_invited(room.id, invite.code, "G", std::nullopt, "x", at(1)).error().code,
            ErrorCode::permission_denied);
}

TEST_F(RoomsTest, InviteExpiryMustBeInTheFutureWithinAYear) {
  auto room = *rooms_->create(owner_, {});
  EXPECT_EQ(rooms_->create_invite(owner_, room.id, at(0).unix_seconds, at(0)).error().field, "expires_at");
  EXPECT_EQ(rooms_->create_invite(owner_, room.id, at(0).unix_seconds + 400LL * 86400, at(0)).error().field,
            "expires_at");
}

TEST_F(RoomsTest, DialInNumbersAreStableUntilRegenerated) {
  auto room = *rooms_->create(owner_, {});
  auto first = rooms_->dial_in(owner_, room.id);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->numeric_id.size(), 10u);
  EXPECT_EQ(first->pin.size(), 10u);
  EXPECT_EQ(first->numeric_id.find_first_not_of("0123456789"), std::string::npos);
  EXPECT_EQ(rooms_->dial_in(owner_, room.id)->numeric_id, first->numeric_id);
  auto second = rooms_->regenerate_dial_in(owner_, room.id);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->numeric_id + second->pin, first->numeric_id + first->pin);
  EXPECT_EQ(rooms_->dial_in(other_, room.id).error().code, ErrorCode::not_found);
}

TEST_F(RoomsTest, StreamingTargetsAreValidated) {
  auto room = *rooms_->create(owner_, {});
  Rooms::NewStreamingTarget t{"Channel", "rtmps://live.example.org/app", "key-0123456789",
                              "https://example.org"};
  auto created = rooms_->add_streaming_target(owner_, room.id, t);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->stream_key, "key-0123456789");
  EXPECT_EQ(rooms_->streaming_targets(owner_, room.id)->size(), 1u);
  auto bad = t;
  bad.endpoint = "http://example.org";
  EXPECT_EQ(rooms_->add_streaming_target(owner_, room.id, bad).error().field, "endpoint");
  bad = t;
  bad.stream_key = "has space";
  EXPECT_EQ(rooms_->add_streaming_target(owner_, room.id, bad).error().field, "stream_key");
  EXPECT_EQ(rooms_->add_streaming_target(other_, room.id, t).error().code, ErrorCode::not_found);
  ASSERT_TRUE(rooms_->remove_streaming_target(owner_, room.id, created->id).ok());
  EXPECT_TRUE(rooms_->streaming_targets(owner_, room.id)->empty());
}

} // namespace
} // namespace plenum::services
