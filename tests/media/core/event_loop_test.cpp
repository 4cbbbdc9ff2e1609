// The worker's event loop: tasks posted from another thread run on the loop's thread in posting
// order, the tick fires, a watched socket's handler runs when a datagram arrives, stop() ends
// run().
#include "media/worker/event_loop.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "media/net/udp_socket.hpp"

namespace plenum::media::worker {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<EventLoop> make_loop(std::chrono::milliseconds tick) {
  auto loop = EventLoop::create(tick);
  PLENUM_ASSERT(loop.ok(), "event loop");
  return std::move(loop).value();
}

// Runs a loop on its own thread; stops and joins on destruction.
class LoopThread {
 public:
  explicit LoopThread(EventLoop& loop) : loop_(loop), thread_([this] { loop_.run(); }) {}
  LoopThread(const LoopThread&) = delete;
  LoopThread& operator=(const LoopThread&) = delete;
  ~LoopThread() {
    loop_.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::thread::id id() const { return thread_.get_id(); }
  void join() { thread_.join(); }

 private:
  EventLoop& loop_;
  std::thread thread_;
};

TEST(MediaCoreEventLoop, PostedTasksRunOnTheLoopThreadInOrder) {
  auto loop = make_loop(1000ms);
  LoopThread thread(*loop);
  std::vector<int> order; // touched on the loop thread only
  std::promise<std::thread::id> ran_on;
  for (int i = 0; i < 100; ++i) loop->post([&order, i] { order.push_back(i); });
  loop->post([&] { ran_on.set_value(std::this_thread::get_id()); });
  auto future = ran_on.get_future();
  ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(future.get(), thread.id());
  EXPECT_NE(thread.id(), std::this_thread::get_id());
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[static_cast<size_t>(i)], i);
}

TEST(MediaCoreEventLoop, TickFiresRepeatedlyWithTheLoopClock) {
  auto loop = make_loop(5ms);
  std::atomic<int> ticks{0};
  std::promise<void> three;
  std::vector<int64_t> times;
  loop->on_tick([&](int64_t now) {
    times.push_back(now);
    if (++ticks == 3) three.set_value();
  });
  const int64_t before = EventLoop::now_ms();
  LoopThread thread(*loop);
  ASSERT_EQ(three.get_future().wait_for(5s), std::future_status::ready);
  loop->stop();
  thread.join();
  ASSERT_GE(times.size(), 3u);
  EXPECT_GE(times[0], before + 5);
  for (size_t i = 1; i < times.size(); ++i) EXPECT_GE(times[i] - times[i - 1], 5) << i;
}

TEST(MediaCoreEventLoop, WatchedSocketHandlerRunsAndTurnEndFollows) {
  auto loop = make_loop(1000ms);
  auto receiver = net::UdpSocket::bind("127.0.0.1", 0);
  auto sender = net::UdpSocket::bind("127.0.0.1", 0);
  ASSERT_TRUE(receiver.ok() && sender.ok());
  std::promise<size_t> got;
  std::atomic<int> turn_ends{0};
  bool handled = false; // loop thread only
  loop->on_turn_end([&] {
    if (handled) ++turn_ends;
  });
  LoopThread thread(*loop);
  std::promise<void> watching;
  loop->post([&] {
    loop->watch(receiver->fd(), [&] {
      size_t bytes = 0;
      receiver->receive([&](std::span<uint8_t> d, const SocketAddress&) { bytes += d.size(); });
      handled = true;
      loop->unwatch(receiver->fd()); // a handler may unwatch itself
      got.set_value(bytes);
    });
    watching.set_value();
  });
  ASSERT_EQ(watching.get_future().wait_for(5s), std::future_status::ready);
  const std::vector<uint8_t> datagram(321, 7);
  sender->send(datagram, SocketAddress::v4({127, 0, 0, 1}, receiver->port()));
  sender->flush();
  auto future = got.get_future();
  ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(future.get(), 321u);
  // The turn that handled the socket ends with on_turn_end; synchronise through a posted task.
  std::promise<void> barrier;
  loop->post([&] { barrier.set_value(); });
  ASSERT_EQ(barrier.get_future().wait_for(5s), std::future_status::ready);
  EXPECT_GE(turn_ends.load(), 1);
}

TEST(MediaCoreEventLoop, StopFromAnotherThreadEndsRun) {
  auto loop = make_loop(10'000ms); // no tick would wake it
  std::promise<void> returned;
  std::promise<void> started;
  std::thread t([&] {
    started.set_value();
    loop->run();
    returned.set_value();
  });
  started.get_future().wait();
  std::thread stopper([&] { loop->stop(); });
  stopper.join();
  EXPECT_EQ(returned.get_future().wait_for(5s), std::future_status::ready);
  t.join();
}

TEST(MediaCoreEventLoop, TasksPostedBeforeStopStillRun) {
  auto loop = make_loop(10'000ms);
  bool ran = false;
  loop->post([&] { ran = true; });
  loop->stop();
  loop->run(); // returns at once, after the pending task released what it holds
  EXPECT_TRUE(ran);
}

} // namespace
} // namespace plenum::media::worker
