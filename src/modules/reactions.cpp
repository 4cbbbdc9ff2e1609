// reactions: a fixed set of emoji, shown briefly over the sender's tile. Not stored.

#include "modules/modules.hpp"

namespace plenum::modules {
namespace {

namespace r = proto::reactions;

class Reactions final : public rooms::Module {
 public:
  proto::Namespace ns() const override { return proto::Namespace::reactions; }

  void on_command(rooms::RoomContext& room, rooms::Participant& sender,
                  const proto::AnyCommand& any) override {
    const auto& command = std::get<r::Command>(any);
    if (const auto* send = std::get_if<r::Send>(&command)) {
      if (!enabled_ && !sender.moderator()) {
        room.fail(proto::ErrorCode::disabled, "moderators turned reactions off");
        return;
      }
      r::ReactionEvent e;
      e.participant_id = sender.id;
      e.reaction = send->reaction;
      room.broadcast(e);
    } else if (const auto* set = std::get_if<r::SetEnabled>(&command)) {
      enabled_ = set->enabled;
      r::EnabledChangedEvent e;
      e.enabled = enabled_;
      room.broadcast(e);
    }
  }

  void describe(rooms::RoomContext& /*room*/, const rooms::Participant& /*viewer*/,
                proto::ModuleStates& out) override {
    out.reactions.enabled = enabled_;
  }

 private:
  bool enabled_ = true;
};

} // namespace

std::unique_ptr<rooms::Module> make_reactions() { return std::make_unique<Reactions>(); }

} // namespace plenum::modules
