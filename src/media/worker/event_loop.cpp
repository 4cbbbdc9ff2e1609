#include "media/worker/event_loop.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace plenum::media::worker {

Result<std::unique_ptr<EventLoop>> EventLoop::create(std::chrono::milliseconds tick_interval) {
  const int epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0)
    return make_error(ErrorCode::internal, std::string("epoll_create1: ") + std::strerror(errno));
  const int wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd < 0) {
    ::close(epoll_fd);
    return make_error(ErrorCode::internal, std::string("eventfd: ") + std::strerror(errno));
  }
  auto loop = std::unique_ptr<EventLoop>(new EventLoop(epoll_fd, wake_fd, tick_interval));
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = wake_fd;
  ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, wake_fd, &event);
  return loop;
}

EventLoop::EventLoop(int epoll_fd, int wake_fd, std::chrono::milliseconds tick)
    : epoll_fd_(epoll_fd), wake_fd_(wake_fd), tick_interval_(tick) {}

EventLoop::~EventLoop() {
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

int64_t EventLoop::now_ms() noexcept {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void EventLoop::watch(int fd, std::function<void()> on_readable) {
  handlers_[fd] = std::move(on_readable);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = fd;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
}

void EventLoop::unwatch(int fd) {
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  handlers_.erase(fd);
}

void EventLoop::post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    posted_.push_back(std::move(task));
  }
  const uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(wake_fd_, &one, sizeof one);
}

void EventLoop::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  const uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(wake_fd_, &one, sizeof one);
}

void EventLoop::run_posted() {
  uint64_t count = 0;
  [[maybe_unused]] const auto n = ::read(wake_fd_, &count, sizeof count);
  std::vector<std::function<void()>> tasks;
  {
    std::lock_guard lock(mutex_);
    tasks.swap(posted_);
  }
  for (auto& task : tasks) task();
}

void EventLoop::run() {
  std::array<epoll_event, 64> events{};
  int64_t next_tick = now_ms() + tick_interval_.count();
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    const int64_t wait = std::max<int64_t>(0, next_tick - now_ms());
    const int n =
        ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), static_cast<int>(wait));
    for (int i = 0; i < n; ++i) {
      const int fd = events[static_cast<size_t>(i)].data.fd;
      if (fd == wake_fd_) {
        run_posted();
        continue;
      }
      if (auto it = handlers_.find(fd); it != handlers_.end()) {
        auto handler = it->second; // a handler may unwatch itself
        handler();
      }
    }
    const int64_t now = now_ms();
    if (now >= next_tick) {
      next_tick = now + tick_interval_.count();
      if (tick_) tick_(now);
    }
    if (turn_end_) turn_end_();
  }
  run_posted(); // let pending commands release what they hold
}

} // namespace plenum::media::worker
