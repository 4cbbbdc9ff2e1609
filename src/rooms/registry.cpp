#include "rooms/registry.hpp"

#include <boost/asio/strand.hpp>

namespace plenum::rooms {

Registry::Registry(boost::asio::io_context& io, RoomOptions options, RoomDeps deps, ModuleFactory modules)
    : io_(io), options_(options), deps_(std::move(deps)), modules_(std::move(modules)) {}

std::shared_ptr<Room> Registry::get_or_create(const RoomSettings& settings) {
  std::shared_ptr<Room> room;
  {
    std::lock_guard lock(mutex_);
    if (auto it = rooms_.find(settings.room_id); it != rooms_.end()) return it->second;
    room = std::make_shared<Room>(boost::asio::make_strand(io_), settings, options_, deps_, modules_(),
                                  [this](const std::string& id) {
                                    std::lock_guard inner(mutex_);
                                    rooms_.erase(id);
                                  });
    rooms_.emplace(settings.room_id, room);
  }
  room->start();
  return room;
}

std::shared_ptr<Room> Registry::find(const std::string& room_id) {
  std::lock_guard lock(mutex_);
  auto it = rooms_.find(room_id);
  return it == rooms_.end() ? nullptr : it->second;
}

void Registry::close(const std::string& room_id, const std::string& reason) {
  if (auto room = find(room_id)) room->close(reason);
}

void Registry::close_all(const std::string& reason) {
  std::map<std::string, std::shared_ptr<Room>> all;
  {
    std::lock_guard lock(mutex_);
    all = rooms_;
  }
  for (auto& [id, room] : all) room->close(reason);
}

size_t Registry::size() {
  std::lock_guard lock(mutex_);
  return rooms_.size();
}

} // namespace plenum::rooms
