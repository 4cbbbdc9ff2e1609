// moderation: kick, ban, roles, renaming, mute requests with a podium, microphone
// restrictions, lock and debrief. The owner's role is fixed and the owner cannot be removed;
// guests cannot become moderators and (having no account) cannot be banned, only kicked.

#include <algorithm>
#include <set>

#include "modules/modules.hpp"

namespace plenum::modules {
namespace {

namespace m = proto::moderation;

class Moderation final : public rooms::Module {
 public:
  proto::Namespace ns() const override { return proto::Namespace::moderation; }

  void on_command(rooms::RoomContext& room, rooms::Participant& sender,
                  const proto::AnyCommand& any) override {
    std::visit([&](const auto& c) { handle(room, sender, c); }, std::get<m::Command>(any));
  }

  void on_removed(rooms::RoomContext& /*room*/, const rooms::Participant& p) override {
    podium_.erase(p.id);
    microphone_allowed_.erase(p.id);
  }

  void on_admitted(rooms::RoomContext& /*room*/, rooms::Participant& p) override {
    p.microphone_blocked = blocked(p); // join_success and the media module see it from the start
  }

  void on_changed(rooms::RoomContext& /*room*/, rooms::Participant& p) override {
    p.microphone_blocked = blocked(p); // a promotion lifts it, a demotion may set it
  }

  void describe(rooms::RoomContext& room, const rooms::Participant& /*viewer*/,
                proto::ModuleStates& out) override {
    out.moderation = state(room);
  }

 private:
  proto::ModerationState state(rooms::RoomContext& room) const {
    proto::ModerationState s;
    s.locked = room.settings().locked;
    s.self_rename = room.settings().self_rename;
    s.podium.assign(podium_.begin(), podium_.end());
    s.microphone_restriction = microphone_restriction_;
    s.microphone_allowed.assign(microphone_allowed_.begin(), microphone_allowed_.end());
    return s;
  }

  void announce(rooms::RoomContext& room) {
    m::SettingsChangedEvent e;
    e.state = state(room);
    room.broadcast(e);
  }

  // The target of a command about one participant, or nullptr after answering with an error.
  static rooms::Participant* target(rooms::RoomContext& room, const std::string& id, bool owner_allowed) {
    auto* p = room.find(id);
    if (p == nullptr) {
      room.fail(proto::ErrorCode::not_found, "no such participant", "participant_id");
      return nullptr;
    }
    if (!owner_allowed && p->role == rooms::Role::owner) {
      room.fail(proto::ErrorCode::not_allowed_now, "the room's owner cannot be removed or changed",
                "participant_id");
      return nullptr;
    }
    return p;
  }

  // All listed ids must be in the room; reports the first that is not.
  static bool all_present(rooms::RoomContext& room, const std::vector<std::string>& ids, const char* field) {
    for (size_t i = 0; i < ids.size(); ++i) {
      auto* p = room.find(ids[i]);
      if (p == nullptr || !p->admitted) {
        room.fail(proto::ErrorCode::not_found, "no such participant in the room",
                  std::string(field) + "[" + std::to_string(i) + "]");
        return false;
      }
    }
    return true;
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const m::Kick& c) {
    if (auto* p = target(room, c.participant_id, false)) room.remove(*p, rooms::Removal::kicked, sender.id);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const m::Ban& c) {
    auto* p = target(room, c.participant_id, false);
    if (p == nullptr) return;
    if (!p->user_id) {
      room.fail(proto::ErrorCode::not_allowed_now,
                "guests have no account to ban: kick them and revoke the guest link or lock the room",
                "participant_id");
      return;
    }
    if (c.persistent)
      room.ban_persistently(*p->user_id);
    else
      room.ban_for_meeting(*p->user_id);
    room.remove(*p, rooms::Removal::banned, sender.id);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const m::SetRole& c) {
    auto* p = target(room, c.participant_id, false);
    if (p == nullptr) return;
    if (c.role == "moderator" && p->kind != rooms::Kind::user) {
      room.fail(proto::ErrorCode::not_allowed_now, "only registered users can be moderators",
                "participant_id");
      return;
    }
    const auto role = c.role == "moderator" ? rooms::Role::moderator : rooms::Role::user;
    if (p->role == role) return;
    p->role = role;
    room.participant_changed(*p);
    if (role == rooms::Role::moderator && !p->admitted) room.admit(*p);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const m::Rename& c) {
    auto* p = target(room, c.participant_id, true);
    if (p == nullptr) return;
    p->display_name = c.display_name;
    room.participant_changed(*p);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const m::SetSelfRename& c) {
    room.settings().self_rename = c.allowed;
    announce(room);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const m::RequestMute& c) {
    if (!c.everyone && !all_present(room, c.participant_ids, "participant_ids")) return;
    m::MuteRequestedEvent e;
    e.by = sender.id;
    auto frame = proto::encode(e, room.now_ms());
    if (c.everyone) {
      for (auto* p : room.admitted())
        if (p != &sender && !podium_.contains(p->id)) room.send(*p, frame);
      return;
    }
    for (const auto& id : c.participant_ids) room.send(*room.find(id), frame);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const m::SetPodium& c) {
    if (!all_present(room, c.participant_ids, "participant_ids")) return;
    podium_ = std::set<std::string>(c.participant_ids.begin(), c.participant_ids.end());
    announce(room);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const m::RestrictMicrophones& c) {
    if (!all_present(room, c.allowed, "allowed")) return;
    microphone_restriction_ = c.enabled;
    microphone_allowed_ = std::set<std::string>(c.allowed.begin(), c.allowed.end());
    announce(room);
    // Enforced on the media path too: the SFU stops forwarding a blocked microphone.
    for (auto* p : room.admitted()) {
      if (p->microphone_blocked == blocked(*p)) continue;
      room.participant_changed(*p); // on_changed above updates the flag; media reacts to it
    }
  }

  bool blocked(const rooms::Participant& p) const {
    return microphone_restriction_ && !p.moderator() && !microphone_allowed_.contains(p.id);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const m::Lock& c) {
    room.settings().locked = c.locked;
    announce(room);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const m::Debrief& c) {
    if (c.scope == "everyone") {
      room.end_meeting();
      return;
    }
    std::vector<std::string> leaving;
    for (auto* p : room.admitted()) {
      const bool guest = p->kind != rooms::Kind::user;
      if (guest || (c.scope == "guests_and_users" && !p->moderator())) leaving.push_back(p->id);
    }
    for (auto* p : room.waiting())
      if (p->kind != rooms::Kind::user || c.scope == "guests_and_users") leaving.push_back(p->id);
    for (const auto& id : leaving)
      if (auto* p = room.find(id)) room.remove(*p, rooms::Removal::debriefed, sender.id);
  }

  std::set<std::string> podium_;
  bool microphone_restriction_ = false;
  std::set<std::string> microphone_allowed_;
};

} // namespace

std::unique_ptr<rooms::Module> make_moderation() { return std::make_unique<Moderation>(); }

} // namespace plenum::modules
