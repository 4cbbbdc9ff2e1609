#pragma once
// One signaling connection (one device of one participant).

#include <memory>
#include <string>

#include "http/websocket.hpp"
#include "rooms/room.hpp"
#include "signaling/rate_limiter.hpp"
#include "signaling/service.hpp"

namespace plenum::signaling {

// What the connection does once open: join with a ticket's claims, or resume a device.
struct Entry {
  std::optional<rooms::JoinRequest> join;
  std::optional<storage::ResumptionEntry> resume;
  std::string token_hash; // for resume
};

struct Shared {
  SignalingDeps deps;
  SignalingOptions options;
};

class Session final : public http::WebSocketSession, public std::enable_shared_from_this<Session> {
 public:
  Session(std::shared_ptr<const Shared> shared, std::shared_ptr<rooms::Room> room, Entry entry);
  ~Session() override;

  void on_open(std::shared_ptr<http::WebSocketSink> sink) override;
  void on_text(std::string_view text) override;
  void on_binary() override;
  void on_closed() override;

 private:
  void error(proto::Namespace ns, proto::ErrorCode code, std::string text, std::string field,
             const std::optional<std::string>& id);

  std::shared_ptr<const Shared> shared_;
  std::shared_ptr<rooms::Room> room_;
  Entry entry_;
  std::string connection_id_;
  std::shared_ptr<http::WebSocketSink> sink_;
  TokenBucket bucket_;
  std::chrono::steady_clock::time_point last_slow_down_{};
  metrics::Counter& frames_in_;
  metrics::Counter& rejected_;
};

} // namespace plenum::signaling
