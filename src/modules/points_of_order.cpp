// points_of_order: "Antrag zur Geschäftsordnung" — a hand raised with priority and a short
// reason. One per participant, oldest first; everyone sees the list (the web app shows it to
// moderators before raised hands, with a notice). The participant withdraws it, a moderator
// clears it (one, several or all), leaving the room withdraws it. Raising is limited to
// kMaxRaises per kRaiseWindowMs per participant so that nobody floods the moderators with notices.
// Reasons are never logged.

#include <algorithm>
#include <deque>
#include <map>

#include "modules/modules.hpp"

namespace plenum::modules {
namespace {

namespace po = proto::points_of_order;

constexpr size_t kMaxRaises = 3;
constexpr int64_t kRaiseWindowMs = 60'000;

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) { return ch == ' ' || ch == '\t'; });
}

class PointsOfOrder final : public rooms::Module {
 public:
  proto::Namespace ns() const override { return proto::Namespace::points_of_order; }

  void on_command(rooms::RoomContext& room, rooms::Participant& sender,
                  const proto::AnyCommand& any) override {
    std::visit([&](const auto& command) { handle(room, sender, command); }, std::get<po::Command>(any));
  }

  void on_removed(rooms::RoomContext& room, const rooms::Participant& p) override {
    raises_.erase(p.id);
    if (remove(p.id)) broadcast_cleared(room, {p.id}, p.id);
  }

  void describe(rooms::RoomContext& /*room*/, const rooms::Participant& /*viewer*/,
                proto::ModuleStates& out) override {
    out.points_of_order.raised = raised_;
  }

 private:
  void handle(rooms::RoomContext& room, rooms::Participant& sender, const po::Raise& raise) {
    if (blank(raise.reason)) {
      room.fail(proto::ErrorCode::invalid_field, "must not be blank", "reason");
      return;
    }
    if (find(sender.id) != raised_.end()) {
      room.fail(proto::ErrorCode::not_allowed_now,
                "your point of order is already raised; withdraw it first");
      return;
    }
    auto& times = raises_[sender.id];
    const int64_t now = room.now_ms();
    while (!times.empty() && now - times.front() >= kRaiseWindowMs) times.pop_front();
    if (times.size() >= kMaxRaises) {
      room.fail(proto::ErrorCode::rate_limited, "at most 3 points of order per minute");
      return;
    }
    times.push_back(now);
    proto::PointOfOrder point{sender.id, raise.reason, now};
    raised_.push_back(point);
    po::RaisedEvent e;
    e.point = std::move(point);
    room.broadcast(e);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const po::Withdraw& /*withdraw*/) {
    if (remove(sender.id)) broadcast_cleared(room, {sender.id}, sender.id);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const po::Clear& clear) {
    std::vector<std::string> ids;
    if (clear.everyone) {
      for (const auto& p : raised_) ids.push_back(p.participant_id);
    } else {
      for (size_t i = 0; i < clear.participant_ids.size(); ++i) {
        if (find(clear.participant_ids[i]) == raised_.end()) {
          room.fail(proto::ErrorCode::not_found, "this participant has no point of order raised",
                    "participant_ids[" + std::to_string(i) + "]");
          return;
        }
      }
      ids = clear.participant_ids;
    }
    std::vector<std::string> cleared;
    for (const auto& id : ids)
      if (remove(id)) cleared.push_back(id);
    if (!cleared.empty()) broadcast_cleared(room, cleared, sender.id);
  }

  std::vector<proto::PointOfOrder>::iterator find(const std::string& id) {
    return std::find_if(raised_.begin(), raised_.end(),
                        [&](const auto& p) { return p.participant_id == id; });
  }

  bool remove(const std::string& id) {
    auto it = find(id);
    if (it == raised_.end()) return false;
    raised_.erase(it);
    return true;
  }

  static void broadcast_cleared(rooms::RoomContext& room, std::vector<std::string> ids,
                                const std::string& by) {
    po::ClearedEvent e;
    e.participant_ids = std::move(ids);
    e.by = by;
    room.broadcast(e);
  }

  std::vector<proto::PointOfOrder> raised_;           // oldest first
  std::map<std::string, std::deque<int64_t>> raises_; // participant -> recent raise times
};

} // namespace

std::unique_ptr<rooms::Module> make_points_of_order() { return std::make_unique<PointsOfOrder>(); }

} // namespace plenum::modules
