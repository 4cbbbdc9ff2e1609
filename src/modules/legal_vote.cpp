// legal_vote: the room module. Moderators start, stop and cancel; the registered participants in
// the room at the start (never guests, never late joiners) vote once with their one-time token.
// A vote is cancelled when its initiator leaves or the room closes, and closes on expiry or,
// with auto-close, when everyone voted. Finished protocols go to the archive (REST download).

#include "modules/legal_vote.hpp"
#include "base/random.hpp"
#include "modules/modules.hpp"
#include "modules/procedure_templates.hpp"

namespace plenum::modules {
namespace {

namespace lv = proto::legal_vote;
using legal_vote::Vote;

class LegalVoteModule final : public rooms::Module {
 public:
  explicit LegalVoteModule(LegalVoteOptions options) : options_(std::move(options)) {
    if (!options_.key)
      options_.key = std::make_shared<legal_vote::SigningKey>(legal_vote::SigningKey::generate());
  }

  ~LegalVoteModule() override {
    // The room closes: a running vote is cancelled (nobody is left to tell).
    if (auto* v = running()) {
      v->cancel("", "room_closed", "the room closed", closed_at_ms_);
      archive(*v, {});
    }
  }

  proto::Namespace ns() const override { return proto::Namespace::legal_vote; }

  void on_command(rooms::RoomContext& room, rooms::Participant& sender,
                  const proto::AnyCommand& any) override {
    closed_at_ms_ = room.now_ms();
    std::visit([&](const auto& command) { handle(room, sender, command); }, std::get<lv::Command>(any));
  }

  void on_removed(rooms::RoomContext& room, const rooms::Participant& p) override {
    closed_at_ms_ = room.now_ms();
    auto* v = running();
    if (v == nullptr || v->initiator().participant_id != p.id) return;
    v->cancel(p.id, "initiator_left", "the initiator left the meeting", room.now_ms());
    end(room, *v);
  }

  void describe(rooms::RoomContext& room, const rooms::Participant& viewer,
                proto::ModuleStates& out) override {
    closed_at_ms_ = room.now_ms();
    auto& s = out.legal_vote;
    s.public_key = options_.key->public_hex();
    for (const auto& v : votes_) {
      s.votes.push_back(v->view());
      if (auto token = v->token_of(viewer.id)) s.ballots.push_back(proto::LegalVoteBallot{v->id(), *token});
    }
  }

 private:
  Vote* running() { return !votes_.empty() && votes_.back()->running() ? votes_.back().get() : nullptr; }
  Vote* find(const std::string& id) {
    for (auto& v : votes_)
      if (v->id() == id) return v.get();
    return nullptr;
  }

  static legal_vote::Person person(const rooms::Participant& p) {
    return legal_vote::Person{p.id, p.user_id.value_or(""), p.display_name};
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const lv::Start& c) {
    if (sender.kind != rooms::Kind::user || !sender.user_id) {
      room.fail(proto::ErrorCode::forbidden, "only registered moderators start votes");
      return;
    }
    if (running() != nullptr) {
      room.fail(proto::ErrorCode::not_allowed_now, "a vote is already running");
      return;
    }
    if (votes_.size() >= options_.max_votes_per_meeting) {
      room.fail(proto::ErrorCode::not_allowed_now, "this meeting reached its limit of votes");
      return;
    }
    legal_vote::StartParams params{c.name,          c.subtitle,     c.topic,      c.kind,
                                   c.allow_abstain, c.live_results, c.auto_close, c.duration_seconds};
    if (params.subtitle && params.subtitle->empty()) params.subtitle.reset();
    if (params.topic && params.topic->empty()) params.topic.reset();
    if (auto e = legal_vote::check_params(params)) {
      room.fail(e->code, e->text, e->field);
      return;
    }
    std::vector<legal_vote::Person> voters;
    for (auto* p : room.admitted())
      if (p->kind == rooms::Kind::user && p->user_id) voters.push_back(person(*p));
    votes_.push_back(std::make_unique<Vote>(uuid_v4(), room.settings().room_id, std::move(params),
                                            person(sender), std::move(voters), room.now_ms(), options_.key));
    auto& v = *votes_.back();
    lv::StartedEvent started;
    started.vote = v.view();
    room.broadcast(started);
    for (const auto& voter : v.voters())
      if (auto* p = room.find(voter.participant_id)) {
        lv::BallotEvent b;
        b.ballot = proto::LegalVoteBallot{v.id(), *v.token_of(voter.participant_id)};
        room.send(*p, b);
      }
    if (v.ends_at()) {
      const auto id = v.id();
      room.schedule(*v.ends_at() - room.now_ms(), [this, id](rooms::RoomContext& r) {
        auto* current = running();
        if (current == nullptr || current->id() != id) return; // ended before
        current->close("expired", r.now_ms());
        end(r, *current);
      });
    }
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const lv::Vote& c) {
    auto* v = find(c.vote_id);
    if (v == nullptr) {
      room.fail(proto::ErrorCode::not_found, "no such vote", "vote_id");
      return;
    }
    std::string receipt;
    if (auto e = v->vote(sender.id, c.token, c.choice, receipt)) {
      room.fail(e->code, e->text, e->field);
      return;
    }
    lv::VotedEvent voted;
    voted.vote_id = v->id();
    voted.choice = c.choice;
    voted.receipt = receipt;
    room.send(sender, voted);
    if (v->params().auto_close && v->all_voted()) {
      v->close("auto_closed", room.now_ms());
      end(room, *v);
      return;
    }
    lv::UpdatedEvent updated;
    updated.vote = v->view();
    room.broadcast(updated);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const lv::Stop& c) {
    auto* v = find(c.vote_id);
    if (v == nullptr || !v->running()) {
      room.fail(v == nullptr ? proto::ErrorCode::not_found : proto::ErrorCode::not_allowed_now,
                v == nullptr ? "no such vote" : "the vote has ended", "vote_id");
      return;
    }
    v->stop(sender.id, room.now_ms());
    end(room, *v);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const lv::Cancel& c) {
    auto* v = find(c.vote_id);
    if (v == nullptr || !v->running()) {
      room.fail(v == nullptr ? proto::ErrorCode::not_found : proto::ErrorCode::not_allowed_now,
                v == nullptr ? "no such vote" : "the vote has ended", "vote_id");
      return;
    }
    if (c.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      room.fail(proto::ErrorCode::invalid_field, "the reason is empty", "reason");
      return;
    }
    v->cancel(sender.id, "cancelled", c.reason, room.now_ms());
    end(room, *v);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const lv::ListTemplates& /*list*/) {
    answer_with_templates<lv::TemplatesEvent>(room, sender, options_.load_templates);
  }

  void end(rooms::RoomContext& room, Vote& v) {
    lv::EndedEvent ended;
    ended.vote = v.view();
    room.broadcast(ended);
    std::vector<std::string> moderators;
    for (auto* p : room.admitted())
      if (p->moderator() && p->user_id) moderators.push_back(*p->user_id);
    archive(v, moderators);
  }

  void archive(const Vote& v, const std::vector<std::string>& moderators) {
    if (!options_.archive) return;
    ArchivedVote a;
    a.vote_id = v.id();
    a.room_id =
        v.protocol().at("entries").get_array().front().get_object().at("room_id").get_string().c_str();
    for (const auto& p : v.voters()) a.access_user_ids.push_back(p.user_id);
    if (!v.initiator().user_id.empty()) a.access_user_ids.push_back(v.initiator().user_id);
    for (const auto& m : moderators) a.access_user_ids.push_back(m);
    a.protocol = v.protocol();
    options_.archive(std::move(a));
  }

  LegalVoteOptions options_;
  std::vector<std::unique_ptr<Vote>> votes_;
  int64_t closed_at_ms_ = 0; // the room clock's last reading (the destructor has no room)
};

} // namespace

std::unique_ptr<rooms::Module> make_legal_vote(LegalVoteOptions options) {
  return std::make_unique<LegalVoteModule>(std::move(options));
}

} // namespace plenum::modules
