#pragma once
// One media worker's loop: epoll over its sockets, an eventfd for commands posted from other
// threads, and a periodic tick (DTLS retransmission, consent, RTCP reports, speaker detection).
// Everything registered here runs on the loop's thread only; post() is the one thread-safe entry.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "base/result.hpp"

namespace plenum::media::worker {

class EventLoop {
 public:
  static Result<std::unique_ptr<EventLoop>> create(std::chrono::milliseconds tick_interval);
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;
  ~EventLoop();

  // Loop thread only.
  void watch(int fd, std::function<void()> on_readable);
  void unwatch(int fd);
  void on_tick(std::function<void(int64_t now_ms)> tick) { tick_ = std::move(tick); }
  // After each turn (all ready sockets handled): flush batched sends.
  void on_turn_end(std::function<void()> done) { turn_end_ = std::move(done); }

  // Any thread. Runs `task` on the loop thread, in posting order.
  void post(std::function<void()> task);
  // Runs until stop(); call on the worker thread.
  void run();
  void stop(); // any thread

  static int64_t now_ms() noexcept;

 private:
  EventLoop(int epoll_fd, int wake_fd, std::chrono::milliseconds tick);
  void run_posted();

  int epoll_fd_;
  int wake_fd_;
  std::chrono::milliseconds tick_interval_;
  std::unordered_map<int, std::function<void()>> handlers_;
  std::function<void(int64_t)> tick_;
  std::function<void()> turn_end_;
  std::mutex mutex_;
  std::vector<std::function<void()>> posted_;
  bool stopping_ = false; // guarded by mutex_
};

} // namespace plenum::media::worker
