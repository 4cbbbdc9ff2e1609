// waiting_room: moderators admit, admit all, send back, and change the mode. Who must wait is
// decided by the room (RoomSettings::waiting_room and `locked`); this module acts on it.

#include "modules/modules.hpp"

namespace plenum::modules {
namespace {

namespace w = proto::waiting_room;

class WaitingRoom final : public rooms::Module {
 public:
  proto::Namespace ns() const override { return proto::Namespace::waiting_room; }

  void on_command(rooms::RoomContext& room, rooms::Participant& /*sender*/,
                  const proto::AnyCommand& any) override {
    const auto& command = std::get<w::Command>(any);
    if (const auto* admit = std::get_if<w::Admit>(&command)) {
      // Check every id first: a list with one bad id changes nothing.
      std::vector<rooms::Participant*> targets;
      for (size_t i = 0; i < admit->participant_ids.size(); ++i) {
        auto* p = room.find(admit->participant_ids[i]);
        if (p == nullptr || p->admitted) {
          room.fail(proto::ErrorCode::not_found, "nobody with this id is waiting",
                    "participant_ids[" + std::to_string(i) + "]");
          return;
        }
        targets.push_back(p);
      }
      for (auto* p : targets) room.admit(*p);
    } else if (std::holds_alternative<w::AdmitAll>(command)) {
      admit_all(room);
    } else if (const auto* back = std::get_if<w::SendBack>(&command)) {
      auto* p = room.find(back->participant_id);
      if (p == nullptr || !p->admitted) {
        room.fail(proto::ErrorCode::not_found, "no such participant in the room", "participant_id");
        return;
      }
      if (p->moderator()) {
        room.fail(proto::ErrorCode::not_allowed_now, "moderators cannot be sent to the waiting room",
                  "participant_id");
        return;
      }
      room.send_to_waiting_room(*p);
    } else if (const auto* mode = std::get_if<w::SetMode>(&command)) {
      room.settings().waiting_room = mode->mode;
      w::ModeChangedEvent e;
      e.mode = mode->mode;
      room.broadcast(e);
      if (mode->mode == "off" && !room.settings().locked) admit_all(room);
      if (mode->mode == "guests" && !room.settings().locked) {
        for (auto* p : room.waiting())
          if (p->kind != rooms::Kind::guest) room.admit(*p);
      }
    }
  }

  void describe(rooms::RoomContext& room, const rooms::Participant& viewer,
                proto::ModuleStates& out) override {
    out.waiting_room.mode = room.settings().waiting_room;
    if (viewer.moderator())
      for (auto* p : room.waiting()) out.waiting_room.waiting.push_back(p->waiter_view());
  }

 private:
  static void admit_all(rooms::RoomContext& room) {
    for (auto* p : room.waiting()) room.admit(*p);
  }
};

} // namespace

std::unique_ptr<rooms::Module> make_waiting_room() { return std::make_unique<WaitingRoom>(); }

} // namespace plenum::modules
