#include "rooms/event_bus.hpp"

namespace plenum::rooms {

void InMemoryEventBus::subscribe(const std::string& topic, Handler handler) {
  std::lock_guard lock(mutex_);
  handlers_.insert_or_assign(topic, std::make_shared<const Handler>(std::move(handler)));
}

void InMemoryEventBus::unsubscribe(const std::string& topic) {
  std::lock_guard lock(mutex_);
  handlers_.erase(topic);
}

bool InMemoryEventBus::publish(const std::string& topic, const Delivery& delivery) {
  std::shared_ptr<const Handler> handler;
  {
    std::lock_guard lock(mutex_);
    auto it = handlers_.find(topic);
    if (it == handlers_.end()) return false;
    handler = it->second; // called outside the lock: a handler may publish or unsubscribe
  }
  (*handler)(delivery);
  return true;
}

} // namespace plenum::rooms
