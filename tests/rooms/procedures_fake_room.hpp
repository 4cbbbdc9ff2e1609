#pragma once
// A RoomContext without a strand or sockets for the tests of the meeting-procedure modules
// (polls, timer, speakers): a clock the test moves, `schedule()` tasks that run when the clock passes
// them, and every frame recorded per participant as parsed JSON. Commands go through the real
// decoder and the role check the room does, so schema limits and roles are tested too.

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "protocol/frames.hpp"
#include "rooms/module.hpp"

namespace plenum::rooms::testing {

class FakeRoom final : public RoomContext {
 public:
  explicit FakeRoom(std::unique_ptr<Module> module) : module_(std::move(module)) {
    settings_.room_id = "room-1";
  }

  Participant& add(const std::string& id, Role role = Role::user, Kind kind = Kind::user) {
    auto& p = people_[id];
    p.id = id;
    p.display_name = "Person " + id.substr(0, 4);
    p.role = role;
    p.kind = kind;
    p.admitted = true;
    p.joined_at = now_;
    order_.push_back(id);
    return p;
  }

  // Someone admitted while the meeting runs: the module hears of it (on_admitted) before the
  // newcomer is listed in admitted(), as in Room::admit. For an id already in the room only
  // on_admitted runs again (as for a participant admitted a second time).
  Participant& join_later(const std::string& id, Role role = Role::user, Kind kind = Kind::user) {
    if (auto it = people_.find(id); it != people_.end()) {
      module_->on_admitted(*this, it->second);
      return it->second;
    }
    auto& p = add(id, role, kind);
    order_.pop_back();
    module_->on_admitted(*this, p);
    order_.push_back(id);
    return p;
  }

  // Records frames only for `ids` from now on (rooms of thousands in limit tests); empty: all.
  void record_only(std::vector<std::string> ids) { record_only_ = std::move(ids); }

  void leave(const std::string& id) {
    module_->on_removed(*this, people_.at(id));
    order_.erase(std::remove(order_.begin(), order_.end(), id), order_.end());
    people_.erase(id);
  }

  // Sends `payload` (JSON object text with "action") in the module's namespace as `from`.
  // Returns the error event's payload, or null when the command was accepted.
  boost::json::value command(const std::string& from, const std::string& payload) {
    const std::string frame = std::string(R"({"namespace":")") +
                              std::string(proto::to_string(module_->ns())) + R"(","payload":)" + payload +
                              "}";
    auto parsed = proto::parse_client_frame(frame);
    last_error_ = nullptr;
    current_ = from;
    if (auto* error = std::get_if<proto::FrameError>(&parsed)) {
      fail(error->failure.code, error->failure.text, error->failure.field);
    } else {
      auto& cf = std::get<proto::ClientFrame>(parsed);
      auto& sender = people_.at(from);
      if (proto::allowed(cf.command) == proto::Allowed::moderator && !sender.moderator())
        fail(proto::ErrorCode::forbidden, "only moderators may do this");
      else
        module_->on_command(*this, sender, cf.command);
    }
    current_.clear();
    return last_error_;
  }

  // Moves the clock, running scheduled tasks in time order as it passes them.
  void advance(int64_t ms) {
    const int64_t until = now_ + ms;
    for (;;) {
      auto next = std::min_element(tasks_.begin(), tasks_.end(),
                                   [](const auto& a, const auto& b) { return a.first < b.first; });
      if (next == tasks_.end() || next->first > until) break;
      now_ = std::max(now_, next->first);
      auto task = std::move(next->second);
      tasks_.erase(next);
      task(*this);
    }
    now_ = until;
  }

  // Frames `id` received, as {"namespace", "payload"} objects, in order; `message` filters.
  std::vector<boost::json::object> frames(const std::string& id, std::string_view message = {}) const {
    std::vector<boost::json::object> out;
    auto it = inbox_.find(id);
    if (it == inbox_.end()) return out;
    for (const auto& f : it->second) {
      const auto& o = f.as_object();
      if (message.empty() || o.at("payload").at("message").as_string() == message) out.push_back(o);
    }
    return out;
  }
  boost::json::object last(const std::string& id, std::string_view message) const {
    auto all = frames(id, message);
    return all.empty() ? boost::json::object{} : all.back();
  }
  void clear_inboxes() { inbox_.clear(); }

  proto::ModuleStates describe_for(const std::string& id) {
    proto::ModuleStates out;
    module_->describe(*this, people_.at(id), out);
    return out;
  }

  size_t pending_tasks() const { return tasks_.size(); }

  // RoomContext
  int64_t now_ms() const override { return now_; }
  RoomSettings& settings() override { return settings_; }
  Participant* find(std::string_view id) override {
    auto it = people_.find(std::string(id));
    return it == people_.end() ? nullptr : &it->second;
  }
  std::vector<Participant*> admitted() override {
    std::vector<Participant*> out;
    for (const auto& id : order_) out.push_back(&people_.at(id));
    return out;
  }
  std::vector<Participant*> waiting() override { return {}; }
  void send(const Participant& to, const proto::Frame& frame) override { record(to.id, frame); }
  void broadcast(const proto::Frame& frame) override {
    for (const auto& id : order_) record(id, frame);
  }
  void broadcast_to_moderators(const proto::Frame& frame) override {
    for (const auto& id : order_)
      if (people_.at(id).moderator()) record(id, frame);
  }
  void reply(const proto::Frame& frame) override {
    if (!current_.empty()) record(current_, frame);
  }
  void fail(proto::ErrorCode code, std::string text, std::string field = {}) override {
    auto frame =
        proto::encode_error(module_->ns(), code, std::move(text), std::move(field), now_, std::nullopt);
    if (!current_.empty()) record(current_, frame);
    last_error_ = boost::json::parse(*frame).at("payload");
  }
  const std::optional<std::string>& request_id() const override { return no_id_; }
  std::string current_device() const override { return current_.empty() ? "" : "device-1"; }
  void send_to_device(const Participant& to, const std::string&, const proto::Frame& frame) override {
    record(to.id, frame);
  }
  std::function<void(Task)> poster() override {
    return [this](Task task) { task(*this); };
  }
  void schedule(int64_t delay_ms, Task task) override {
    tasks_.emplace_back(now_ + std::max<int64_t>(delay_ms, 0), std::move(task));
  }
  void participant_changed(Participant& p) override { module_->on_changed(*this, p); }
  void remove(Participant& p, Removal, const std::string&) override { leave(p.id); }
  void admit(Participant&) override {}
  void send_to_waiting_room(Participant&) override {}
  void ban_for_meeting(const std::string&) override {}
  void ban_persistently(const std::string&) override {}
  void end_meeting() override {}

  using RoomContext::broadcast;
  using RoomContext::reply;
  using RoomContext::send;
  using RoomContext::send_to_device;

 private:
  void record(const std::string& id, const proto::Frame& frame) {
    if (!record_only_.empty() &&
        std::find(record_only_.begin(), record_only_.end(), id) == record_only_.end())
      return;
    inbox_[id].push_back(boost::json::parse(*frame));
  }

  std::unique_ptr<Module> module_;
  RoomSettings settings_;
  int64_t now_ = 1'700'000'000'000;
  std::map<std::string, Participant> people_;
  std::vector<std::string> order_;
  std::map<std::string, std::vector<boost::json::value>> inbox_;
  std::vector<std::pair<int64_t, Task>> tasks_;
  std::string current_;
  std::optional<std::string> no_id_;
  boost::json::value last_error_;
  std::vector<std::string> record_only_;
};

// Participant ids the procedure tests use: a moderator, a (registered) participant, a guest.
inline const std::string kMod = "00000000-0000-4000-8000-000000000001";
inline const std::string kAnn = "00000000-0000-4000-8000-000000000002";
inline const std::string kGuest = "00000000-0000-4000-8000-000000000003";

// The error code / field of an error payload ("" when there was none).
inline std::string code_of(const boost::json::value& error) {
  return error.is_null() ? "" : std::string(error.at("code").as_string());
}
inline std::string field_of(const boost::json::value& error) {
  if (error.is_null() || !error.as_object().contains("field")) return "";
  return std::string(error.at("field").as_string());
}

} // namespace plenum::rooms::testing
