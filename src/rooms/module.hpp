#pragma once
// A meeting feature (chat, hands, moderation, ...) plugged into the room actor. Every call
// happens on the room's strand, so modules keep plain member state and take no locks. Modules
// see the room only through RoomContext; they never touch sockets, the bus or the store.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/frames.hpp"
#include "rooms/participant.hpp"

namespace plenum::rooms {

// Why someone is taken out of the room (control/left `reason`).
enum class Removal { left, timeout, kicked, banned, debriefed };

struct RoomSettings {
  std::string room_id;
  std::string name;
  std::string waiting_room = "off"; // off | guests | everyone
  bool locked = false;
  bool self_rename = true;
  size_t max_participants = 100;
  std::optional<int64_t> ends_at; // time limit, ms since epoch
  int64_t started_at = 0;         // when the room was created (its first join), ms since epoch
};

class RoomContext {
 public:
  virtual ~RoomContext() = default;

  virtual int64_t now_ms() const = 0;
  virtual RoomSettings& settings() = 0;
  virtual Participant* find(std::string_view participant_id) = 0;
  // Admitted participants in join order; waiting ones in waiting order.
  virtual std::vector<Participant*> admitted() = 0;
  virtual std::vector<Participant*> waiting() = 0;

  // Delivery. `reply`/`fail` go to the device whose command is being handled, with its id.
  virtual void send(const Participant& to, const proto::Frame& frame) = 0;
  virtual void broadcast(const proto::Frame& frame) = 0; // every admitted participant
  virtual void broadcast_to_moderators(const proto::Frame& frame) = 0;
  virtual void reply(const proto::Frame& frame) = 0;
  virtual void fail(proto::ErrorCode code, std::string text, std::string field = {}) = 0;
  virtual const std::optional<std::string>& request_id() const = 0;
  // The device (of the sender) whose command is being handled; empty outside a command.
  virtual std::string current_device() const = 0;
  virtual void send_to_device(const Participant& to, const std::string& device_id,
                              const proto::Frame& frame) = 0;
  // A thread-safe way back into this room: `post(task)` runs task on the room's strand later,
  // unless the room has closed by then (media events from the SFU's worker threads use it).
  using Task = std::function<void(RoomContext&)>;
  virtual std::function<void(Task)> poster() = 0;
  // Runs `task` on the room's strand after `delay_ms` (room clock), unless the room closed by
  // then. There is no cancel: modules keep a generation counter and ignore stale runs.
  virtual void schedule(int64_t delay_ms, Task task) = 0;

  // Room operations modules may trigger.
  virtual void participant_changed(Participant& p) = 0; // control/updated to everyone
  virtual void remove(Participant& p, Removal why, const std::string& by) = 0;
  virtual void admit(Participant& p) = 0;
  virtual void send_to_waiting_room(Participant& p) = 0;
  virtual void ban_for_meeting(const std::string& user_id) = 0;
  virtual void ban_persistently(const std::string& user_id) = 0;
  // Ends the meeting for everyone (after the current command).
  virtual void end_meeting() = 0;

  template <class Event>
  void send(const Participant& to, const Event& e) {
    send(to, proto::encode(e, now_ms()));
  }
  template <class Event>
  void broadcast(const Event& e) {
    broadcast(proto::encode(e, now_ms()));
  }
  template <class Event>
  void send_to_device(const Participant& to, const std::string& device_id, const Event& e) {
    send_to_device(to, device_id, proto::encode(e, now_ms()));
  }
  template <class Event>
  void reply(const Event& e) {
    reply(proto::encode(e, now_ms(), request_id()));
  }
};

class Module {
 public:
  virtual ~Module() = default;
  virtual proto::Namespace ns() const = 0;
  // Role checks (proto::allowed) and "admitted" are done before this is called.
  virtual void on_command(RoomContext& room, Participant& sender, const proto::AnyCommand& command) = 0;
  virtual void on_admitted(RoomContext& /*room*/, Participant& /*p*/) {}
  virtual void on_removed(RoomContext& /*room*/, const Participant& /*p*/) {}
  // An admitted participant joined on one more device (after that device's join_success).
  virtual void on_device_added(RoomContext& /*room*/, Participant& /*p*/, const std::string& /*device_id*/) {}
  // One device of a participant who stays is gone for good (its resumption window ran out).
  virtual void on_device_removed(RoomContext& /*room*/, Participant& /*p*/,
                                 const std::string& /*device_id*/) {}
  // Role changed, renamed, ...: modules that keep per-participant views may react.
  virtual void on_changed(RoomContext& /*room*/, Participant& /*p*/) {}
  // This module's part of join_success for `viewer`.
  virtual void describe(RoomContext& room, const Participant& viewer, proto::ModuleStates& out) = 0;
};

using ModuleFactory = std::function<std::vector<std::unique_ptr<Module>>()>;

} // namespace plenum::rooms
