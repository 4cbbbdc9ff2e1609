#include "rooms/room.hpp"

#include <algorithm>

#include <boost/asio/post.hpp>

#include "auth/token.hpp"
#include "base/logging.hpp"
#include "base/random.hpp"
#include "http/websocket.hpp"

namespace plenum::rooms {

namespace asio = boost::asio;
using http::CloseCode;

namespace {

constexpr size_t kResumptionTokenBytes = 32;
// Tokens live as long as the participant; the room decides whether a resume is still allowed.
constexpr auto kTokenLifetime = std::chrono::hours(24);

std::string_view removal_reason(Removal why) {
  switch (why) {
    case Removal::left: return "left";
    case Removal::timeout: return "timeout";
    case Removal::kicked: return "kicked";
    case Removal::banned: return "banned";
    case Removal::debriefed: return "debriefed";
  }
  return "left";
}

uint16_t code(CloseCode c) { return static_cast<uint16_t>(c); }

} // namespace

Room::Room(asio::any_io_executor strand, RoomSettings settings, RoomOptions options, RoomDeps deps,
           std::vector<std::unique_ptr<Module>> modules, std::function<void(const std::string&)> on_closed)
    : strand_(std::move(strand)),
      settings_(std::move(settings)),
      options_(options),
      deps_(std::move(deps)),
      modules_(std::move(modules)),
      on_closed_(std::move(on_closed)),
      idle_timer_(strand_),
      limit_timer_(strand_),
      notice_timer_(strand_) {
  settings_.started_at = deps_.now_ms();
}

Room::~Room() = default;

void Room::start() {
  asio::post(strand_, [self = shared_from_this()] {
    if (self->options_.time_limit.count() > 0) {
      self->settings_.ends_at = self->now_ms() + self->options_.time_limit.count();
      std::weak_ptr<Room> weak = self;
      self->limit_timer_.expires_after(self->options_.time_limit);
      self->limit_timer_.async_wait([weak](boost::system::error_code ec) {
        if (auto room = weak.lock(); room && !ec) room->do_close("time_limit");
      });
      auto notice_at = self->options_.time_limit - self->options_.time_limit_notice;
      if (notice_at.count() < 0) notice_at = std::chrono::milliseconds(0);
      self->notice_timer_.expires_after(notice_at);
      self->notice_timer_.async_wait([weak](boost::system::error_code ec) {
        auto room = weak.lock();
        if (!room || ec || room->closed_) return;
        proto::control::ClosingEvent e;
        e.at = *room->settings_.ends_at;
        e.reason = "time_limit";
        room->RoomContext::broadcast(e);
      });
    }
    self->arm_idle_timer();
  });
}

void Room::join(JoinRequest request, std::string connection_id) {
  asio::post(strand_, [self = shared_from_this(), request = std::move(request),
                       c = std::move(connection_id)]() mutable { self->do_join(std::move(request), c); });
}

void Room::resume(std::string participant_id, std::string device_id, std::string token_hash,
                  std::string connection_id) {
  asio::post(strand_,
             [self = shared_from_this(), p = std::move(participant_id), d = std::move(device_id),
              t = std::move(token_hash), c = std::move(connection_id)] { self->do_resume(p, d, t, c); });
}

void Room::command(std::string connection_id, proto::ClientFrame frame) {
  asio::post(strand_, [self = shared_from_this(), c = std::move(connection_id),
                       f = std::move(frame)]() mutable { self->do_command(c, std::move(f)); });
}

void Room::disconnected(std::string connection_id) {
  asio::post(strand_,
             [self = shared_from_this(), c = std::move(connection_id)] { self->do_disconnected(c); });
}

void Room::close(std::string reason) {
  asio::post(strand_, [self = shared_from_this(), r = std::move(reason)] { self->do_close(r); });
}

// ---------------------------------------------------------------------------------------------
// Joining and leaving

bool Room::must_wait(const Participant& p) const {
  if (p.moderator()) return false;
  if (settings_.locked) return true;
  if (settings_.waiting_room == "everyone") return true;
  return settings_.waiting_room == "guests" && p.kind == Kind::guest;
}

void Room::do_join(JoinRequest request, const std::string& connection_id) {
  if (closed_) {
    deliver(connection_id, nullptr, code(CloseCode::policy), "room closed");
    return;
  }
  if (request.user_id && deps_.live.banned_from_meeting(settings_.room_id, *request.user_id)) {
    deliver(connection_id, nullptr, code(CloseCode::policy), "banned from this meeting");
    return;
  }
  // A registered user already here joins on one more device.
  if (request.user_id) {
    if (auto it = by_user_.find(*request.user_id); it != by_user_.end()) {
      auto& p = participants_.at(it->second);
      auto& device = add_device(p, connection_id);
      greet(p, device);
      if (p.admitted)
        for (auto& m : modules_) m->on_device_added(*this, p, device.id);
      return;
    }
  }
  const bool moderator = request.role != Role::user;
  if (!moderator && admitted_.size() >= settings_.max_participants) {
    deliver(connection_id, nullptr, code(CloseCode::policy), "room full");
    return;
  }
  Participant p;
  p.id = uuid_v4();
  p.display_name = std::move(request.display_name);
  p.kind = request.kind;
  p.role = request.kind == Kind::guest ? Role::user : request.role;
  p.user_id = std::move(request.user_id);
  p.groups = std::move(request.groups);
  const std::string id = p.id;
  auto& stored = participants_.emplace(id, std::move(p)).first->second;
  order_.push_back(id);
  if (stored.user_id) by_user_[*stored.user_id] = id;
  auto& device = add_device(stored, connection_id);
  idle_timer_.cancel();
  if (must_wait(stored)) {
    stored.waiting_since = now_ms();
    greet(stored, device);
    proto::waiting_room::EnteredEvent e;
    e.waiter = stored.waiter_view();
    broadcast_to_moderators(proto::encode(e, now_ms()));
  } else {
    admit(stored);
  }
}

Device& Room::add_device(Participant& p, const std::string& connection_id) {
  Device d;
  d.id = uuid_v4();
  d.connection_id = connection_id;
  p.devices.push_back(std::move(d));
  connections_[connection_id] = {p.id, p.devices.back().id};
  return p.devices.back();
}

std::string Room::rotate_token(Participant& p, Device& d) {
  if (!d.token_hash.empty()) deps_.live.drop_resumption(d.token_hash);
  std::string token = random_hex(kResumptionTokenBytes);
  d.token_hash = auth::hash_token(token);
  deps_.live.put_resumption(d.token_hash, storage::ResumptionEntry{settings_.room_id, p.id, d.id},
                            std::chrono::steady_clock::now() + kTokenLifetime);
  return token;
}

void Room::greet(Participant& p, Device& d) {
  const std::string token = rotate_token(p, d);
  if (!p.admitted) {
    proto::waiting_room::WaitingEvent e;
    e.participant_id = p.id;
    e.resumption_token = token;
    e.room_name = settings_.name;
    deliver(d.connection_id, proto::encode(e, now_ms()));
    return;
  }
  proto::control::JoinSuccessEvent e;
  e.participant_id = p.id;
  e.resumption_token = token;
  e.room.id = settings_.room_id;
  e.room.name = settings_.name;
  e.room.locked = settings_.locked;
  e.room.ends_at = settings_.ends_at;
  e.room.started_at = settings_.started_at;
  e.participants.reserve(admitted_.size());
  for (const auto* other : admitted_) e.participants.push_back(other->view());
  for (auto& m : modules_) m->describe(*this, p, e.modules);
  deliver(d.connection_id, proto::encode(e, now_ms()));
}

void Room::admit(Participant& p) {
  if (p.admitted) return;
  p.admitted = true;
  p.joined_at = now_ms();
  if (p.waiting_since != 0) {
    p.waiting_since = 0;
    proto::waiting_room::RemovedEvent removed;
    removed.participant_id = p.id;
    removed.reason = "admitted";
    broadcast_to_moderators(proto::encode(removed, now_ms()));
  }
  for (auto& m : modules_) m->on_admitted(*this, p);
  admitted_.push_back(&p);
  // The newcomer first: its join_success must not queue behind N joined frames.
  for (auto& d : p.devices)
    if (!d.connection_id.empty()) greet(p, d);
  proto::control::JoinedEvent joined;
  joined.participant = p.view();
  auto frame = proto::encode(joined, now_ms());
  for (auto* other : admitted_)
    if (other != &p) send(*other, frame);
  update_count();
}

void Room::send_to_waiting_room(Participant& p) {
  if (!p.admitted || p.moderator()) return;
  for (auto& m : modules_) m->on_removed(*this, p);
  std::erase(admitted_, &p);
  p.admitted = false;
  p.joined_at = 0;
  p.hand_raised_at.reset();
  p.waiting_since = now_ms();
  proto::control::LeftEvent left;
  left.participant_id = p.id;
  left.reason = "sent_to_waiting_room";
  broadcast(proto::encode(left, now_ms()));
  for (auto& d : p.devices)
    if (!d.connection_id.empty()) greet(p, d);
  proto::waiting_room::EnteredEvent e;
  e.waiter = p.waiter_view();
  broadcast_to_moderators(proto::encode(e, now_ms()));
  update_count();
}

void Room::do_resume(const std::string& participant_id, const std::string& device_id,
                     const std::string& token_hash, const std::string& connection_id) {
  auto* p = find(participant_id);
  Device* device = nullptr;
  if (p != nullptr) {
    for (auto& d : p->devices)
      if (d.id == device_id && d.token_hash == token_hash) device = &d;
  }
  if (closed_ || device == nullptr) {
    deliver(connection_id, nullptr, code(CloseCode::policy), "resumption no longer possible: join again");
    return;
  }
  if (!device->connection_id.empty()) {
    // The old connection may still look open (e.g. a half-dead socket): this one replaces it.
    deliver(device->connection_id, nullptr, code(CloseCode::replaced), "resumed on another connection");
    connections_.erase(device->connection_id);
  }
  if (device->grace) device->grace->cancel();
  device->grace.reset();
  device->connection_id = connection_id;
  connections_[connection_id] = {p->id, device->id};
  greet(*p, *device);
}

void Room::do_disconnected(const std::string& connection_id) {
  auto it = connections_.find(connection_id);
  if (it == connections_.end()) return;
  const std::string participant_id = it->second.first;
  const std::string device_id = it->second.second;
  connections_.erase(it);
  auto* p = find(participant_id);
  if (p == nullptr) return;
  for (auto& d : p->devices) {
    if (d.id != device_id) continue;
    d.connection_id.clear();
    // Keep the device for the resumption window; others see nothing unless it runs out.
    d.grace = std::make_unique<asio::steady_timer>(strand_, options_.resumption_window);
    std::weak_ptr<Room> weak = shared_from_this();
    d.grace->async_wait([weak, participant_id, device_id](boost::system::error_code ec) {
      if (auto room = weak.lock(); room && !ec) {
        if (auto* q = room->find(participant_id)) room->drop_device(*q, device_id);
      }
    });
  }
}

void Room::drop_device(Participant& p, const std::string& device_id) {
  auto it =
      std::find_if(p.devices.begin(), p.devices.end(), [&](const Device& d) { return d.id == device_id; });
  if (it == p.devices.end()) return;
  deps_.live.drop_resumption(it->token_hash);
  if (!it->connection_id.empty()) connections_.erase(it->connection_id);
  p.devices.erase(it);
  if (p.devices.empty()) {
    erase(p.id, Removal::timeout);
    return;
  }
  if (p.admitted)
    for (auto& m : modules_) m->on_device_removed(*this, p, device_id);
}

void Room::remove(Participant& p, Removal why, const std::string& by) {
  if (why != Removal::left && why != Removal::timeout) {
    proto::moderation::KickedEvent e;
    e.by = by;
    e.reason = std::string(removal_reason(why));
    auto frame = proto::encode(e, now_ms());
    for (auto& d : p.devices)
      if (!d.connection_id.empty()) deliver(d.connection_id, frame, code(CloseCode::policy), e.reason);
  } else {
    for (auto& d : p.devices)
      if (!d.connection_id.empty()) deliver(d.connection_id, nullptr, code(CloseCode::normal), "left");
  }
  erase(p.id, why);
}

void Room::erase(const std::string& participant_id, Removal why) {
  auto it = participants_.find(participant_id);
  if (it == participants_.end()) return;
  Participant& p = it->second;
  for (auto& d : p.devices) {
    deps_.live.drop_resumption(d.token_hash);
    if (!d.connection_id.empty()) connections_.erase(d.connection_id);
    if (d.grace) d.grace->cancel();
  }
  const bool was_admitted = p.admitted;
  if (was_admitted) {
    for (auto& m : modules_) m->on_removed(*this, p);
  }
  if (p.user_id) by_user_.erase(*p.user_id);
  if (was_admitted) std::erase(admitted_, &p);
  const std::string id = p.id;
  participants_.erase(it);
  order_.erase(std::remove(order_.begin(), order_.end(), id), order_.end());
  if (was_admitted) {
    proto::control::LeftEvent left;
    left.participant_id = id;
    left.reason = std::string(removal_reason(why));
    broadcast(proto::encode(left, now_ms()));
  } else {
    proto::waiting_room::RemovedEvent removed;
    removed.participant_id = id;
    removed.reason = "left";
    broadcast_to_moderators(proto::encode(removed, now_ms()));
  }
  update_count();
  if (participants_.empty()) arm_idle_timer();
}

void Room::update_count() { deps_.live.set_participant_count(settings_.room_id, admitted_.size()); }

void Room::arm_idle_timer() {
  if (closed_) return;
  std::weak_ptr<Room> weak = shared_from_this();
  idle_timer_.expires_after(options_.idle_timeout);
  idle_timer_.async_wait([weak](boost::system::error_code ec) {
    auto room = weak.lock();
    if (room && !ec && room->participants_.empty()) room->do_close("idle");
  });
}

void Room::do_close(const std::string& reason) {
  if (closed_) return;
  closed_ = true;
  if (reason != "idle") {
    proto::control::ClosedEvent e;
    e.reason = reason;
    auto frame = proto::encode(e, now_ms());
    const auto close = reason == "server_shutdown" ? CloseCode::going_away : CloseCode::policy;
    for (auto& [cid, who] : connections_) deliver(cid, frame, code(close), "room closed: " + reason);
  }
  for (auto& [id, p] : participants_)
    for (auto& d : p.devices) {
      deps_.live.drop_resumption(d.token_hash);
      if (d.grace) d.grace->cancel();
    }
  connections_.clear();
  admitted_.clear();
  participants_.clear(); // all ephemeral state goes with the room: modules are destroyed too
  order_.clear();
  by_user_.clear();
  modules_.clear();
  idle_timer_.cancel();
  limit_timer_.cancel();
  notice_timer_.cancel();
  for (auto& t : module_timers_) t->cancel();
  module_timers_.clear();
  deps_.live.forget_room(settings_.room_id);
  if (on_closed_) on_closed_(settings_.room_id);
}

// ---------------------------------------------------------------------------------------------
// Commands

Module* Room::module_for(proto::Namespace ns) {
  for (auto& m : modules_)
    if (m->ns() == ns) return m.get();
  return nullptr;
}

void Room::do_command(const std::string& connection_id, proto::ClientFrame frame) {
  auto it = connections_.find(connection_id);
  if (it == connections_.end() || closed_) return;
  auto* sender = find(it->second.first);
  if (sender == nullptr) return;
  current_ = Current{connection_id, frame.id, frame.ns};
  if (proto::allowed(frame.command) == proto::Allowed::moderator && !sender->moderator()) {
    fail(proto::ErrorCode::forbidden, "only moderators may do this");
  } else if (frame.ns == proto::Namespace::control) {
    handle_control(*sender, std::get<proto::control::Command>(frame.command));
  } else if (!sender->admitted) {
    fail(proto::ErrorCode::not_in_room, "you are in the waiting room");
  } else if (auto* m = module_for(frame.ns)) {
    m->on_command(*this, *sender, frame.command);
  } else {
    fail(proto::ErrorCode::unknown_namespace, "this room has no such module");
  }
  current_ = Current{};
}

void Room::handle_control(Participant& sender, const proto::control::Command& command) {
  namespace c = proto::control;
  if (std::holds_alternative<c::Ping>(command)) {
    reply(c::PongEvent{});
  } else if (std::holds_alternative<c::Leave>(command)) {
    remove(sender, Removal::left, sender.id);
  } else if (const auto* rename = std::get_if<c::SetDisplayName>(&command)) {
    if (!settings_.self_rename && !sender.moderator()) {
      fail(proto::ErrorCode::disabled, "moderators turned renaming off", "display_name");
      return;
    }
    sender.display_name = rename->display_name;
    participant_changed(sender);
  }
}

// ---------------------------------------------------------------------------------------------
// RoomContext

Participant* Room::find(std::string_view participant_id) {
  auto it = participants_.find(std::string(participant_id));
  return it == participants_.end() ? nullptr : &it->second;
}

std::vector<Participant*> Room::admitted() { return admitted_; }

std::vector<Participant*> Room::waiting() {
  std::vector<Participant*> out;
  for (const auto& id : order_) {
    auto& p = participants_.at(id);
    if (!p.admitted) out.push_back(&p);
  }
  std::stable_sort(out.begin(), out.end(), [](const Participant* a, const Participant* b) {
    return a->waiting_since < b->waiting_since;
  });
  return out;
}

void Room::deliver(const std::string& connection_id, const proto::Frame& frame, uint16_t close_code,
                   std::string close_reason) {
  // Connection ids are bus topics (connection_topic), so delivering allocates nothing.
  deps_.bus.publish(connection_id, Delivery{frame, close_code, std::move(close_reason)});
}

std::string Room::current_device() const {
  auto it = connections_.find(current_.connection_id);
  return it == connections_.end() ? std::string() : it->second.second;
}

void Room::send_to_device(const Participant& to, const std::string& device_id, const proto::Frame& frame) {
  for (const auto& d : to.devices)
    if (d.id == device_id && !d.connection_id.empty()) deliver(d.connection_id, frame);
}

std::function<void(RoomContext::Task)> Room::poster() {
  return [weak = weak_from_this(), strand = strand_](Task task) {
    asio::post(strand, [weak, task = std::move(task)] {
      if (auto self = weak.lock(); self && !self->closed_) task(*self);
    });
  };
}

void Room::schedule(int64_t delay_ms, Task task) {
  const auto now = asio::steady_timer::clock_type::now();
  std::erase_if(module_timers_, [now](const auto& t) { return t->expiry() <= now; });
  const std::chrono::milliseconds delay(std::max<int64_t>(delay_ms, 0));
  auto timer = std::make_shared<asio::steady_timer>(strand_, delay);
  module_timers_.push_back(timer);
  timer->async_wait([weak = weak_from_this(), timer, task = std::move(task)](boost::system::error_code ec) {
    if (auto self = weak.lock(); self && !ec && !self->closed_) task(*self);
  });
}

void Room::send(const Participant& to, const proto::Frame& frame) {
  for (const auto& d : to.devices)
    if (!d.connection_id.empty()) deliver(d.connection_id, frame);
}

void Room::broadcast(const proto::Frame& frame) {
  for (const auto* p : admitted_) send(*p, frame);
}

void Room::broadcast_to_moderators(const proto::Frame& frame) {
  for (const auto* p : admitted_)
    if (p->moderator()) send(*p, frame);
}

void Room::reply(const proto::Frame& frame) {
  if (!current_.connection_id.empty()) deliver(current_.connection_id, frame);
}

void Room::fail(proto::ErrorCode error, std::string text, std::string field) {
  if (current_.connection_id.empty()) return;
  deliver(current_.connection_id,
          proto::encode_error(current_.ns, error, std::move(text), std::move(field), now_ms(), current_.id));
}

void Room::participant_changed(Participant& p) {
  for (auto& m : modules_) m->on_changed(*this, p);
  if (!p.admitted) return;
  proto::control::UpdatedEvent e;
  e.participant = p.view();
  broadcast(proto::encode(e, now_ms()));
}

void Room::ban_for_meeting(const std::string& user_id) {
  deps_.live.ban_for_meeting(settings_.room_id, user_id);
}

void Room::ban_persistently(const std::string& user_id) {
  ban_for_meeting(user_id);
  if (deps_.ban_persistently) deps_.ban_persistently(settings_.room_id, user_id);
}

} // namespace plenum::rooms
