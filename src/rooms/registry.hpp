#pragma once
// All live rooms of this process: a room is created on its first join and forgotten when it
// closes (idle, time limit, deletion, shutdown).

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/io_context.hpp>

#include "rooms/room.hpp"

namespace plenum::rooms {

class Registry {
 public:
  Registry(boost::asio::io_context& io, RoomOptions options, RoomDeps deps, ModuleFactory modules);

  // The running room, or a new one with `settings` (ignored when it runs already).
  std::shared_ptr<Room> get_or_create(const RoomSettings& settings);
  std::shared_ptr<Room> find(const std::string& room_id);
  void close(const std::string& room_id, const std::string& reason);
  void close_all(const std::string& reason);
  size_t size();

 private:
  boost::asio::io_context& io_;
  RoomOptions options_;
  RoomDeps deps_;
  ModuleFactory modules_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Room>> rooms_;
};

} // namespace plenum::rooms
