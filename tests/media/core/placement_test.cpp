// Where a room's new transport goes: publishers always at home; subscribers fill the workers
// the room uses up to media.room_transports_per_worker, then the least-loaded worker it does not
// use yet; when it uses every worker, the one with the fewest of its transports.
#include "media/server/placement.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace plenum::media::server {
namespace {

size_t place(TransportRole role, size_t home, std::vector<int64_t> room, std::vector<int64_t> load,
             int64_t per_worker) {
  return place_transport(role, {home, room, load, per_worker});
}

constexpr auto kPub = TransportRole::publish;
constexpr auto kSub = TransportRole::subscribe;

TEST(MediaPlacement, PublishersStayAtHomeWhateverTheLoad) {
  EXPECT_EQ(place(kPub, 1, {0, 500, 0}, {0, 500, 0}, 2), 1u);
}

TEST(MediaPlacement, OneWorkerTakesEverything) { EXPECT_EQ(place(kSub, 0, {999}, {999}, 2), 0u); }

TEST(MediaPlacement, SubscribersFillTheHomeFirst) {
  EXPECT_EQ(place(kSub, 0, {1, 0}, {1, 0}, 2), 0u);
  EXPECT_EQ(place(kSub, 0, {2, 0}, {2, 0}, 2), 1u); // home full: the other worker
}

TEST(MediaPlacement, AFullRoomGoesToTheLeastLoadedWorkerItDoesNotUse) {
  // Home 0 full; workers 1 and 2 unused by the room, 2 carries fewer transports of other rooms.
  EXPECT_EQ(place(kSub, 0, {2, 0, 0}, {2, 40, 10}, 2), 2u);
  // Worker 2 joined the room and has room left: it is filled before another worker is taken.
  EXPECT_EQ(place(kSub, 0, {2, 0, 1}, {2, 0, 11}, 2), 2u);
  EXPECT_EQ(place(kSub, 0, {2, 0, 2}, {2, 0, 12}, 2), 1u);
}

TEST(MediaPlacement, WhenTheRoomUsesEveryWorkerTheFewestOfItsTransportsWin) {
  EXPECT_EQ(place(kSub, 0, {2, 3}, {2, 3}, 2), 0u);
  EXPECT_EQ(place(kSub, 0, {3, 2}, {3, 2}, 2), 1u);
  // A tie: not the home, which also receives the publishers.
  EXPECT_EQ(place(kSub, 0, {2, 2}, {2, 2}, 2), 1u);
  EXPECT_EQ(place(kSub, 1, {2, 2, 2}, {2, 2, 2}, 2), 0u);
}

TEST(MediaPlacement, TheLeastFilledOfTheRoomsWorkersIsFilledFirst) {
  EXPECT_EQ(place(kSub, 0, {4, 3, 1}, {4, 3, 1}, 4), 2u);
}

} // namespace
} // namespace plenum::media::server
