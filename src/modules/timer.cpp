// timer: a stopwatch, a countdown or a coffee break, one at a time per room (a coffee break and a
// timer exclude each other). Moderators start and stop it; a countdown or coffee break ends by
// itself at `ends_at`. The server's clock is the authority: events carry the start and end as
// server timestamps and clients count from them. Stopwatches and countdowns may have a ready
// check: participants mark themselves done, moderators see the full list (and so who is not),
// everyone else only their own mark.

#include <algorithm>
#include <set>

#include "base/random.hpp"
#include "modules/modules.hpp"

namespace plenum::modules {
namespace {

namespace tmr = proto::timer;

class Timer final : public rooms::Module {
 public:
  proto::Namespace ns() const override { return proto::Namespace::timer; }

  void on_command(rooms::RoomContext& room, rooms::Participant& sender,
                  const proto::AnyCommand& any) override {
    std::visit([&](const auto& command) { handle(room, sender, command); }, std::get<tmr::Command>(any));
  }

  void on_removed(rooms::RoomContext& /*room*/, const rooms::Participant& p) override {
    if (timer_) ready_.erase(p.id);
  }

  void describe(rooms::RoomContext& /*room*/, const rooms::Participant& viewer,
                proto::ModuleStates& out) override {
    if (!timer_) return;
    out.timer.current = view(viewer);
  }

 private:
  static std::string label(const std::string& kind) {
    return kind == "coffee_break" ? "a coffee break" : "a timer";
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const tmr::Start& start) {
    if (timer_) {
      room.fail(proto::ErrorCode::not_allowed_now,
                label(timer_->kind) + " is running; stop it before starting " + label(start.kind));
      return;
    }
    const bool stopwatch = start.kind == "stopwatch";
    if (stopwatch && start.duration_seconds) {
      room.fail(proto::ErrorCode::invalid_field, "a stopwatch has no duration", "duration_seconds");
      return;
    }
    if (!stopwatch && !start.duration_seconds) {
      room.fail(proto::ErrorCode::invalid_field, "a countdown or coffee break needs a duration",
                "duration_seconds");
      return;
    }
    if (start.kind == "coffee_break" && start.ready_check.value_or(false)) {
      room.fail(proto::ErrorCode::invalid_field, "a coffee break has no ready check", "ready_check");
      return;
    }
    proto::Timer t;
    t.id = uuid_v4();
    t.kind = start.kind;
    t.title = start.title;
    t.started_by = sender.id;
    t.started_at = room.now_ms();
    t.ready_check = start.ready_check.value_or(false);
    ++generation_;
    if (start.duration_seconds) {
      const int64_t duration_ms = *start.duration_seconds * 1000;
      t.ends_at = t.started_at + duration_ms;
      room.schedule(duration_ms, [this, generation = generation_](rooms::RoomContext& r) {
        if (generation == generation_ && timer_) end(r, "expired", std::nullopt);
      });
    }
    timer_ = std::move(t);
    ready_.clear();
    tmr::StartedEvent e;
    e.timer = *timer_; // nobody is ready yet: the same for everyone
    room.broadcast(e);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const tmr::Stop& stop) {
    if (!timer_ || timer_->id != stop.timer_id) {
      room.fail(proto::ErrorCode::not_found, "no running timer with this id", "timer_id");
      return;
    }
    end(room, "stopped", sender.id);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const tmr::SetReady& set) {
    if (!timer_ || timer_->id != set.timer_id) {
      room.fail(proto::ErrorCode::not_found, "no running timer with this id", "timer_id");
      return;
    }
    if (!timer_->ready_check) {
      room.fail(proto::ErrorCode::not_allowed_now, "this timer has no ready check");
      return;
    }
    const bool changed = set.ready ? ready_.insert(sender.id).second : ready_.erase(sender.id) > 0;
    if (!changed) return;
    tmr::ReadyChangedEvent e;
    e.timer_id = timer_->id;
    e.participant_id = sender.id;
    e.ready = set.ready;
    const auto frame = proto::encode(e, room.now_ms());
    room.broadcast_to_moderators(frame);
    if (!sender.moderator()) room.send(sender, frame);
  }

  void end(rooms::RoomContext& room, const std::string& reason, const std::optional<std::string>& by) {
    tmr::StoppedEvent e;
    e.timer_id = timer_->id;
    e.kind = timer_->kind;
    e.reason = reason;
    e.by = by;
    e.started_at = timer_->started_at;
    e.stopped_at = room.now_ms();
    timer_.reset();
    ready_.clear();
    ++generation_; // a pending expiry of this timer does nothing
    room.broadcast(e);
  }

  proto::Timer view(const rooms::Participant& viewer) const {
    proto::Timer out = *timer_;
    if (viewer.moderator())
      out.ready.assign(ready_.begin(), ready_.end());
    else if (ready_.count(viewer.id) > 0)
      out.ready.push_back(viewer.id);
    return out;
  }

  std::optional<proto::Timer> timer_;
  std::set<std::string> ready_;
  uint64_t generation_ = 0;
};

} // namespace

std::unique_ptr<rooms::Module> make_timer() { return std::make_unique<Timer>(); }

} // namespace plenum::modules
