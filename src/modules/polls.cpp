// polls: a moderator starts a poll (one at a time per room), every admitted participant votes
// (guests too), a participant's last vote counts, a moderator stops it or it expires. Votes are
// anonymous: the module keeps each voter's choices only to replace them on a new vote and to show
// them to the voter. Live results go to everyone at most once per `live_interval_ms`; otherwise
// the results come with `ended`. The last poll stays in the state (with its results) until the
// next one starts. Poll contents and votes are never logged.

#include <algorithm>
#include <map>
#include <set>

#include "base/random.hpp"
#include "modules/modules.hpp"
#include "modules/procedure_templates.hpp"

namespace plenum::modules {
namespace {

namespace pl = proto::polls;

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) { return ch == ' ' || ch == '\t'; });
}

// The room's current (or last) poll. At namespace scope: clang cannot default-construct a
// nested class with member initializers inside std::optional before the enclosing class is
// complete.
struct Poll {
  proto::Poll info;                                  // results/voters/own_choices are filled per view
  std::map<std::string, std::vector<int64_t>> votes; // participant id -> choices
  bool running = true;
};

class Polls final : public rooms::Module {
 public:
  explicit Polls(PollsOptions options) : options_(std::move(options)) {}

  proto::Namespace ns() const override { return proto::Namespace::polls; }

  void on_command(rooms::RoomContext& room, rooms::Participant& sender,
                  const proto::AnyCommand& any) override {
    std::visit([&](const auto& command) { handle(room, sender, command); }, std::get<pl::Command>(any));
  }

  void describe(rooms::RoomContext& /*room*/, const rooms::Participant& viewer,
                proto::ModuleStates& out) override {
    if (!poll_) return;
    out.polls.current = view(viewer.id);
  }

 private:
  void handle(rooms::RoomContext& room, rooms::Participant& sender, const pl::Start& start) {
    if (poll_ && poll_->running) {
      room.fail(proto::ErrorCode::not_allowed_now, "a poll is already running; stop it first");
      return;
    }
    if (blank(start.topic)) {
      room.fail(proto::ErrorCode::invalid_field, "must not be blank", "topic");
      return;
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < start.choices.size(); ++i) {
      const auto field = "choices[" + std::to_string(i) + "]";
      if (blank(start.choices[i])) {
        room.fail(proto::ErrorCode::invalid_field, "must not be blank", field);
        return;
      }
      if (!seen.insert(start.choices[i]).second) {
        room.fail(proto::ErrorCode::invalid_field, "the same choice twice", field);
        return;
      }
    }
    poll_.emplace();
    auto& info = poll_->info;
    info.id = uuid_v4();
    info.topic = start.topic;
    info.choices = start.choices;
    info.multiple = start.multiple;
    info.live = start.live;
    info.started_by = sender.id;
    info.started_at = room.now_ms();
    ++generation_;
    last_live_at_.reset();
    live_pending_ = false;
    if (start.duration_seconds) {
      const int64_t duration_ms = *start.duration_seconds * 1000;
      info.ends_at = info.started_at + duration_ms;
      room.schedule(duration_ms, [this, generation = generation_](rooms::RoomContext& r) {
        if (generation == generation_ && poll_ && poll_->running) end(r, "expired");
      });
    }
    pl::StartedEvent e;
    e.poll = view({});
    room.broadcast(e);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const pl::Vote& vote) {
    if (!poll_ || !poll_->running || poll_->info.id != vote.poll_id) {
      room.fail(proto::ErrorCode::not_found, "no running poll with this id", "poll_id");
      return;
    }
    const auto& info = poll_->info;
    if (!info.multiple && vote.choices.size() != 1) {
      room.fail(proto::ErrorCode::invalid_field, "this poll takes exactly one choice", "choices");
      return;
    }
    std::set<int64_t> seen;
    for (size_t i = 0; i < vote.choices.size(); ++i) {
      const auto field = "choices[" + std::to_string(i) + "]";
      if (vote.choices[i] >= static_cast<int64_t>(info.choices.size())) {
        room.fail(proto::ErrorCode::invalid_field, "no such choice in this poll", field);
        return;
      }
      if (!seen.insert(vote.choices[i]).second) {
        room.fail(proto::ErrorCode::invalid_field, "the same choice twice", field);
        return;
      }
    }
    poll_->votes[sender.id] = std::vector<int64_t>(seen.begin(), seen.end());
    pl::VotedEvent voted;
    voted.poll_id = info.id;
    voted.choices = poll_->votes[sender.id];
    room.send(sender, voted); // every device of the voter
    if (info.live) send_live(room);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const pl::Stop& stop) {
    if (!poll_ || !poll_->running || poll_->info.id != stop.poll_id) {
      room.fail(proto::ErrorCode::not_found, "no running poll with this id", "poll_id");
      return;
    }
    end(room, "stopped");
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const pl::ListTemplates& /*list*/) {
    answer_with_templates<pl::TemplatesEvent>(room, sender, options_.load_templates);
  }

  // Live results now, or at the end of the current interval if some went out less than an
  // interval ago (one pending update at a time).
  void send_live(rooms::RoomContext& room) {
    const int64_t now = room.now_ms();
    if (!last_live_at_ || now - *last_live_at_ >= options_.live_interval_ms) {
      broadcast_results(room);
      return;
    }
    if (live_pending_) return;
    live_pending_ = true;
    room.schedule(*last_live_at_ + options_.live_interval_ms - now,
                  [this, generation = generation_](rooms::RoomContext& r) {
                    if (generation != generation_ || !poll_ || !poll_->running) return;
                    live_pending_ = false;
                    broadcast_results(r);
                  });
  }

  void broadcast_results(rooms::RoomContext& room) {
    last_live_at_ = room.now_ms();
    pl::ResultsEvent e;
    e.poll_id = poll_->info.id;
    e.results = tally();
    e.voters = static_cast<int64_t>(poll_->votes.size());
    room.broadcast(e);
  }

  void end(rooms::RoomContext& room, const std::string& reason) {
    poll_->running = false;
    poll_->info.ended_at = room.now_ms();
    ++generation_; // drops a pending expiry or live update
    live_pending_ = false;
    // Everyone gets the same final results; each participant's own vote is in `voted` already,
    // so one frame serves the whole room.
    pl::EndedEvent e;
    e.poll = view({});
    e.reason = reason;
    room.broadcast(e);
  }

  std::vector<int64_t> tally() const {
    std::vector<int64_t> counts(poll_->info.choices.size(), 0);
    for (const auto& [id, choices] : poll_->votes)
      for (auto c : choices) ++counts[static_cast<size_t>(c)];
    return counts;
  }

  // The poll as `viewer_id` sees it (empty id: no own vote).
  proto::Poll view(const std::string& viewer_id) const {
    proto::Poll out = poll_->info;
    out.voters = static_cast<int64_t>(poll_->votes.size());
    if (out.live || !poll_->running) out.results = tally();
    if (!viewer_id.empty())
      if (auto it = poll_->votes.find(viewer_id); it != poll_->votes.end()) out.own_choices = it->second;
    return out;
  }

  PollsOptions options_;
  std::optional<Poll> poll_;
  uint64_t generation_ = 0;
  std::optional<int64_t> last_live_at_;
  bool live_pending_ = false;
};

} // namespace

std::unique_ptr<rooms::Module> make_polls(PollsOptions options) {
  return std::make_unique<Polls>(std::move(options));
}

} // namespace plenum::modules
