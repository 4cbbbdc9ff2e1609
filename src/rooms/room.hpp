#pragma once
// The live room: one actor (a strand) owns the participants and every module's state. All
// public functions may be called from any thread; they post to the strand.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "rooms/event_bus.hpp"
#include "rooms/module.hpp"
#include "storage/live_state.hpp"

namespace plenum::rooms {

struct JoinRequest {
  std::optional<std::string> user_id;
  std::string display_name;
  Kind kind = Kind::user;
  Role role = Role::user;
  std::vector<std::string> groups;
};

struct RoomOptions {
  std::chrono::milliseconds resumption_window{60'000};
  std::chrono::milliseconds idle_timeout{30'000};       // an empty room closes after this
  std::chrono::milliseconds time_limit{0};              // 0: none
  std::chrono::milliseconds time_limit_notice{300'000}; // `closing` this long before the end
};

struct RoomDeps {
  EventBus& bus;
  storage::LiveState& live;
  std::function<int64_t()> now_ms;
  // Stores a persistent ban (runs on the blocking pool; the room does not wait for it).
  std::function<void(const std::string& room_id, const std::string& user_id)> ban_persistently;
};

class Room final : public std::enable_shared_from_this<Room>, private RoomContext {
 public:
  Room(boost::asio::any_io_executor strand, RoomSettings settings, RoomOptions options, RoomDeps deps,
       std::vector<std::unique_ptr<Module>> modules,
       std::function<void(const std::string& room_id)> on_closed);
  ~Room() override;
  Room(const Room&) = delete;
  Room& operator=(const Room&) = delete;

  const std::string& id() const { return settings_.room_id; }

  void start(); // arms the time limit and the idle timer
  void join(JoinRequest request, std::string connection_id);
  void resume(std::string participant_id, std::string device_id, std::string token_hash,
              std::string connection_id);
  void command(std::string connection_id, proto::ClientFrame frame);
  void disconnected(std::string connection_id);
  // `reason` is a control/closed reason: time_limit, room_deleted, ended_by_moderator, server_shutdown.
  void close(std::string reason);

 private:
  // RoomContext
  int64_t now_ms() const override { return deps_.now_ms(); }
  RoomSettings& settings() override { return settings_; }
  Participant* find(std::string_view participant_id) override;
  std::vector<Participant*> admitted() override;
  std::vector<Participant*> waiting() override;
  void send(const Participant& to, const proto::Frame& frame) override;
  void broadcast(const proto::Frame& frame) override;
  void broadcast_to_moderators(const proto::Frame& frame) override;
  void reply(const proto::Frame& frame) override;
  void fail(proto::ErrorCode code, std::string text, std::string field = {}) override;
  using RoomContext::broadcast;
  using RoomContext::reply;
  using RoomContext::send;
  const std::optional<std::string>& request_id() const override { return current_.id; }
  std::string current_device() const override;
  void send_to_device(const Participant& to, const std::string& device_id,
                      const proto::Frame& frame) override;
  std::function<void(Task)> poster() override;
  void schedule(int64_t delay_ms, Task task) override;
  using RoomContext::send_to_device;
  void participant_changed(Participant& p) override;
  void remove(Participant& p, Removal why, const std::string& by) override;
  void admit(Participant& p) override;
  void send_to_waiting_room(Participant& p) override;
  void ban_for_meeting(const std::string& user_id) override;
  void ban_persistently(const std::string& user_id) override;
  void end_meeting() override { close("ended_by_moderator"); }

  void do_join(JoinRequest request, const std::string& connection_id);
  void do_resume(const std::string& participant_id, const std::string& device_id,
                 const std::string& token_hash, const std::string& connection_id);
  void do_command(const std::string& connection_id, proto::ClientFrame frame);
  void do_disconnected(const std::string& connection_id);
  void do_close(const std::string& reason);
  void handle_control(Participant& sender, const proto::control::Command& command);

  Device& add_device(Participant& p, const std::string& connection_id);
  std::string rotate_token(Participant& p, Device& d);
  void greet(Participant& p, Device& d); // join_success or waiting to one device
  void deliver(const std::string& connection_id, const proto::Frame& frame, uint16_t close_code = 0,
               std::string close_reason = {});
  void drop_device(Participant& p, const std::string& device_id);
  void erase(const std::string& participant_id, Removal why);
  bool must_wait(const Participant& p) const;
  void update_count();
  void arm_idle_timer();
  Module* module_for(proto::Namespace ns);

  struct Current {
    std::string connection_id;
    std::optional<std::string> id;
    proto::Namespace ns = proto::Namespace::control;
  };

  boost::asio::any_io_executor strand_;
  RoomSettings settings_;
  RoomOptions options_;
  RoomDeps deps_;
  std::vector<std::unique_ptr<Module>> modules_;
  std::function<void(const std::string&)> on_closed_;
  bool closed_ = false;

  std::map<std::string, Participant> participants_; // by id
  std::vector<std::string> order_;                  // ids by arrival
  std::vector<Participant*> admitted_;              // in the room, by admission time (map nodes are stable)
  std::unordered_map<std::string, std::pair<std::string, std::string>> connections_; // -> participant, device
  std::unordered_map<std::string, std::string> by_user_; // user id -> participant id
  Current current_;
  boost::asio::steady_timer idle_timer_;
  boost::asio::steady_timer limit_timer_;
  boost::asio::steady_timer notice_timer_;
  std::vector<std::shared_ptr<boost::asio::steady_timer>> module_timers_; // schedule(); cancelled on close
};

} // namespace plenum::rooms
