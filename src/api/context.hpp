#pragma once
// What REST handlers may use. Owned by app/serve_command.cpp; outlives every request.

#include <boost/asio/thread_pool.hpp>

#include "base/config.hpp"
#include "base/metrics.hpp"
#include "rooms/registry.hpp"
#include "services/accounts.hpp"
#include "services/events.hpp"
#include "services/rooms.hpp"
#include "services/templates.hpp"
#include "storage/store.hpp"

namespace plenum::api {

struct ApiContext {
  const Config& config;
  storage::Store& store;
  boost::asio::thread_pool& blocking;
  metrics::Registry& registry;
  services::Accounts& accounts;
  services::Rooms& rooms;
  services::Events& events;
  services::Templates& templates;
  rooms::Registry* live_rooms = nullptr; // running meetings (closed when their room is deleted)
};

} // namespace plenum::api
