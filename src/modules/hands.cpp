// hands: raise and lower one's hand; moderators lower any (or all) and switch the feature off.
// The time a hand went up is kept on the participant (shown in the participant list) and the
// list of raised hands is ordered by it.

#include <algorithm>

#include "modules/modules.hpp"

namespace plenum::modules {
namespace {

namespace h = proto::hands;

class Hands final : public rooms::Module {
 public:
  proto::Namespace ns() const override { return proto::Namespace::hands; }

  void on_command(rooms::RoomContext& room, rooms::Participant& sender,
                  const proto::AnyCommand& any) override {
    const auto& command = std::get<h::Command>(any);
    if (std::holds_alternative<h::Raise>(command)) {
      if (!enabled_) {
        room.fail(proto::ErrorCode::disabled, "moderators turned raised hands off");
        return;
      }
      if (sender.hand_raised_at) return; // already up: keep its place in the queue
      sender.hand_raised_at = room.now_ms();
      h::RaisedEvent e;
      e.participant_id = sender.id;
      e.raised_at = *sender.hand_raised_at;
      room.broadcast(e);
      room.participant_changed(sender);
    } else if (std::holds_alternative<h::Lower>(command)) {
      lower(room, {&sender}, sender.id);
    } else if (const auto* reset = std::get_if<h::Reset>(&command)) {
      std::vector<rooms::Participant*> targets;
      if (reset->everyone) {
        targets = room.admitted();
      } else {
        for (size_t i = 0; i < reset->participant_ids.size(); ++i) {
          auto* p = room.find(reset->participant_ids[i]);
          if (p == nullptr || !p->admitted) {
            room.fail(proto::ErrorCode::not_found, "no such participant in the room",
                      "participant_ids[" + std::to_string(i) + "]");
            return;
          }
          targets.push_back(p);
        }
      }
      lower(room, targets, sender.id);
    } else if (const auto* set = std::get_if<h::SetEnabled>(&command)) {
      enabled_ = set->enabled;
      h::EnabledChangedEvent e;
      e.enabled = enabled_;
      room.broadcast(e);
      if (!enabled_) lower(room, room.admitted(), sender.id);
    }
  }

  void describe(rooms::RoomContext& room, const rooms::Participant& /*viewer*/,
                proto::ModuleStates& out) override {
    out.hands.enabled = enabled_;
    for (auto* p : room.admitted())
      if (p->hand_raised_at) out.hands.raised.push_back(proto::RaisedHand{p->id, *p->hand_raised_at});
    std::stable_sort(out.hands.raised.begin(), out.hands.raised.end(),
                     [](const auto& a, const auto& b) { return a.raised_at < b.raised_at; });
  }

 private:
  static void lower(rooms::RoomContext& room, const std::vector<rooms::Participant*>& targets,
                    const std::string& by) {
    h::LoweredEvent e;
    e.by = by;
    std::vector<rooms::Participant*> changed;
    for (auto* p : targets) {
      if (!p->hand_raised_at) continue;
      p->hand_raised_at.reset();
      e.participant_ids.push_back(p->id);
      changed.push_back(p);
    }
    if (changed.empty()) return;
    room.broadcast(e);
    for (auto* p : changed) room.participant_changed(*p);
  }

  bool enabled_ = true;
};

} // namespace

std::unique_ptr<rooms::Module> make_hands() { return std::make_unique<Hands>(); }

} // namespace plenum::modules
