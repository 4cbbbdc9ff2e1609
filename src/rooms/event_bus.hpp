#pragma once
// Delivers frames to connections by topic ("c:<connection id>"), wherever the connection is.
// A room never holds a socket: it publishes, and the signaling session subscribed to its topic
// writes. In memory now; with Redis pub/sub the session may sit on another node.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "protocol/frames.hpp"

namespace plenum::rooms {

struct Delivery {
  proto::Frame frame;       // may be null when only closing
  uint16_t close_code = 0;  // non-zero: close the connection after the frame
  std::string close_reason; // for the WebSocket close frame
};

class EventBus {
 public:
  using Handler = std::function<void(const Delivery&)>;
  virtual ~EventBus() = default;
  // One handler per topic: a new subscription replaces the old one.
  virtual void subscribe(const std::string& topic, Handler handler) = 0;
  virtual void unsubscribe(const std::string& topic) = 0;
  // False when nobody is subscribed (the connection is gone).
  virtual bool publish(const std::string& topic, const Delivery& delivery) = 0;
};

class InMemoryEventBus final : public EventBus {
 public:
  void subscribe(const std::string& topic, Handler handler) override;
  void unsubscribe(const std::string& topic) override;
  bool publish(const std::string& topic, const Delivery& delivery) override;

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Handler>> handlers_;
};

// The bus topic of a connection; rooms use it as the connection's id.
inline std::string connection_topic(std::string_view connection_id) {
  return "c:" + std::string(connection_id);
}

} // namespace plenum::rooms
