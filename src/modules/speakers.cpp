// speakers: the speaker queue tools, one round per room (docs/protocol.md, namespace `speakers`).
// A moderator starts a round over the eligible admitted participants (speaker_queue.hpp has the
// pure rules: eligibility, order, draws, the wheel); nobody has the word until the first `next`.
// Rules the protocol leaves to the server:
//  - `skip` chooses the next speaker among the others first, then puts the skipped speaker at the
//    end of the upcoming list (so a draw or a wheel never lands on them straight away).
//  - A wheel's winner gets the word at `stops_at`. If the winner left or was taken off the list
//    during the spin, a fair draw among the upcoming gets the word instead (no new spin); with
//    nobody upcoming, nobody. While the wheel turns, next/skip/yield are refused.
//  - `time_up` goes out once per turn at `ends_at`, only if that turn still runs.
//  - A speaker who leaves ends their turn (it counts); in `list` rounds the next in line gets
//    the word, in the others nobody until a moderator goes on.
//  - Late joiners are appended (when the round says so) unless already upcoming or speaking;
//    role changes never take anyone off the list.
// Scheduled tasks (spin stop, time up) carry the generation they were made in: every turn,
// spin and stop bumps `generation_`, so a stale task does nothing (RoomContext has no cancel).

#include "base/random.hpp"
#include "modules/modules.hpp"
#include "modules/speaker_queue.hpp"

namespace plenum::modules {
namespace {

namespace sp = proto::speakers;
using speakers::kMaxEntries;

class Speakers final : public rooms::Module {
 public:
  explicit Speakers(SpeakersOptions options) : options_(options) {}

  proto::Namespace ns() const override { return proto::Namespace::speakers; }

  void on_command(rooms::RoomContext& room, rooms::Participant& sender,
                  const proto::AnyCommand& any) override {
    std::visit([&](const auto& command) { handle(room, sender, command); }, std::get<sp::Command>(any));
  }

  void on_admitted(rooms::RoomContext& room, rooms::Participant& p) override {
    if (!queue_ || !queue_->append_late_joiners || !speakers::eligible(p, queue_->include_moderators)) return;
    if (speakers::is_upcoming(*queue_, p.id) || speakers::is_speaking(*queue_, p.id)) return;
    if (queue_->upcoming.size() >= kMaxEntries) return;
    queue_->upcoming.push_back(p.id);
    broadcast_updated(room);
  }

  void on_removed(rooms::RoomContext& room, const rooms::Participant& p) override {
    if (!queue_) return;
    bool changed = speakers::take_upcoming(*queue_, p.id);
    if (speakers::is_speaking(*queue_, p.id)) {
      end_turn();
      if (queue_->selection == "list") pass_word(room, std::nullopt);
      changed = true;
    }
    // A spin's winner who left: finish_spin draws again at the stop.
    if (changed) broadcast_updated(room);
  }

  void describe(rooms::RoomContext& /*room*/, const rooms::Participant& /*viewer*/,
                proto::ModuleStates& out) override {
    out.speakers.queue = queue_;
  }

 private:
  void handle(rooms::RoomContext& room, rooms::Participant& sender, const sp::Start& start) {
    if (queue_) {
      room.fail(proto::ErrorCode::not_allowed_now, "a speaker round is running; stop it first");
      return;
    }
    std::vector<speakers::Candidate> candidates;
    for (const auto* p : room.admitted())
      if (speakers::eligible(*p, start.include_moderators))
        candidates.push_back({p->id, p->display_name, p->joined_at});
    proto::SpeakerQueue q;
    q.id = uuid_v4();
    q.selection = start.selection;
    q.order = start.order;
    q.include_moderators = start.include_moderators;
    q.append_late_joiners = start.append_late_joiners;
    q.time_limit_seconds = start.time_limit_seconds;
    q.started_by = sender.id;
    q.started_at = room.now_ms();
    q.upcoming = speakers::order_candidates(std::move(candidates), start.order);
    queue_ = std::move(q);
    ++generation_;
    broadcast_updated(room);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const sp::Next& next) {
    if (!found(room, next.queue_id) || spinning(room)) return;
    if (next.participant_id && !upcoming(room, *next.participant_id)) return;
    if (!queue_->current && queue_->upcoming.empty()) return; // nothing to do
    end_turn();
    pass_word(room, next.participant_id);
    broadcast_updated(room);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const sp::Skip& skip) {
    if (!found(room, skip.queue_id) || spinning(room)) return;
    if (!queue_->current && queue_->upcoming.empty()) return;
    std::optional<std::string> skipped;
    if (queue_->current) skipped = queue_->current->participant_id;
    queue_->current.reset();
    ++generation_;
    pass_word(room, std::nullopt);
    if (skipped && queue_->upcoming.size() < kMaxEntries) queue_->upcoming.push_back(*skipped);
    broadcast_updated(room);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const sp::Yield& yield) {
    if (!found(room, yield.queue_id) || spinning(room)) return;
    if (!speakers::is_speaking(*queue_, sender.id)) {
      room.fail(proto::ErrorCode::not_allowed_now, "only the current speaker can yield the word");
      return;
    }
    if (yield.participant_id) {
      if (queue_->selection != "nomination") {
        room.fail(proto::ErrorCode::invalid_field, "the speaker names the next only in nomination rounds",
                  "participant_id");
        return;
      }
      if (!upcoming(room, *yield.participant_id)) return;
    }
    end_turn();
    pass_word(room, yield.participant_id);
    broadcast_updated(room);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const sp::Add& add) {
    if (!found(room, add.queue_id)) return;
    const auto* p = room.find(add.participant_id);
    if (p == nullptr || !p->admitted) {
      room.fail(proto::ErrorCode::not_found, "no admitted participant with this id", "participant_id");
      return;
    }
    if (p->kind != rooms::Kind::user && p->kind != rooms::Kind::guest) {
      room.fail(proto::ErrorCode::invalid_field, "phone and service participants do not take turns",
                "participant_id");
      return;
    }
    if (speakers::is_upcoming(*queue_, p->id) || speakers::is_speaking(*queue_, p->id)) {
      room.fail(proto::ErrorCode::not_allowed_now, "already upcoming or speaking");
      return;
    }
    if (queue_->upcoming.size() >= kMaxEntries) {
      room.fail(proto::ErrorCode::not_allowed_now, "the upcoming list is full (10,000 entries)");
      return;
    }
    queue_->upcoming.push_back(p->id);
    broadcast_updated(room);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const sp::Remove& remove) {
    if (!found(room, remove.queue_id)) return;
    if (!speakers::take_upcoming(*queue_, remove.participant_id)) {
      room.fail(proto::ErrorCode::invalid_field, "not on the upcoming list", "participant_id");
      return;
    }
    broadcast_updated(room);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const sp::Stop& stop) {
    if (!found(room, stop.queue_id)) return;
    sp::StoppedEvent e;
    e.queue_id = queue_->id;
    e.by = sender.id;
    queue_.reset();
    ++generation_; // a pending spin stop or time up of this round does nothing
    room.broadcast(e);
  }

  // Checks that fail the command (and return false) when they do not hold.
  bool found(rooms::RoomContext& room, const std::string& queue_id) {
    if (queue_ && queue_->id == queue_id) return true;
    room.fail(proto::ErrorCode::not_found, "no speaker round with this id", "queue_id");
    return false;
  }
  bool spinning(rooms::RoomContext& room) {
    if (!queue_->spin) return false;
    room.fail(proto::ErrorCode::not_allowed_now, "the wheel is turning; wait for it to stop");
    return true;
  }
  bool upcoming(rooms::RoomContext& room, const std::string& participant_id) {
    if (speakers::is_upcoming(*queue_, participant_id)) return true;
    room.fail(proto::ErrorCode::invalid_field, "not on the upcoming list", "participant_id");
    return false;
  }

  void end_turn() {
    if (speakers::end_turn(*queue_)) ++generation_;
  }

  // Gives the word to `chosen`, else by the round's selection (a wheel spins first).
  void pass_word(rooms::RoomContext& room, const std::optional<std::string>& chosen) {
    if (chosen) {
      begin_turn(room, *chosen);
    } else if (queue_->selection == "wheel") {
      if (!queue_->upcoming.empty()) start_spin(room);
    } else if (auto next = speakers::choose(*queue_)) {
      begin_turn(room, *next);
    }
  }

  void begin_turn(rooms::RoomContext& room, const std::string& id) {
    speakers::begin_turn(*queue_, id, room.now_ms());
    ++generation_;
    if (!queue_->time_limit_seconds) return;
    room.schedule(*queue_->time_limit_seconds * 1000,
                  [this, generation = generation_](rooms::RoomContext& r) {
                    if (generation != generation_ || !queue_ || !queue_->current) return;
                    sp::TimeUpEvent e;
                    e.queue_id = queue_->id;
                    e.participant_id = queue_->current->participant_id;
                    r.broadcast(e);
                  });
  }

  void start_spin(rooms::RoomContext& room) {
    speakers::start_spin(*queue_, uuid_v4(), room.now_ms(), options_.wheel_spin_ms);
    ++generation_;
    room.schedule(options_.wheel_spin_ms, [this, generation = generation_](rooms::RoomContext& r) {
      if (generation != generation_ || !queue_ || !queue_->spin) return;
      if (auto winner = speakers::finish_spin(*queue_)) begin_turn(r, *winner);
      broadcast_updated(r);
    });
  }

  void broadcast_updated(rooms::RoomContext& room) const {
    sp::UpdatedEvent e;
    e.queue = *queue_;
    room.broadcast(e);
  }

  SpeakersOptions options_;
  std::optional<proto::SpeakerQueue> queue_;
  uint64_t generation_ = 0;
};

} // namespace

std::unique_ptr<rooms::Module> make_speakers(SpeakersOptions options) {
  return std::make_unique<Speakers>(options);
}

} // namespace plenum::modules
