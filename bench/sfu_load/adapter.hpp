#pragma once
// How the load generator talks to an SFU's signaling: one implementation per server.
//  - PlenumAdapter: REST (sign in, room with a guest link, a ticket per participant) and one
//    /signaling WebSocket per participant (media/publish, media/subscribe_offer → answer).
//  - JanusAdapter: the Janus HTTP API (one session, one handle per peer connection) and the
//    VideoRoom plugin (create, joinandconfigure as publisher, join as subscriber + start).
// Coroutines on the generator's io_context; the generator's media loop runs between them.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "generator.hpp"

namespace plenum::bench::sfu {

struct Participant {
  size_t room = 0;
  size_t index = 0;
  bool audio = false; // publishes
  bool video = false;
  bool subscribe = false;
  Peer* publish = nullptr;
  Peer* subscription = nullptr;
  uint64_t janus_feed = 0;     // Janus publisher id
  std::shared_ptr<void> state; // the adapter's per-participant state
  bool publishes() const { return audio || video; }
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual boost::asio::awaitable<void> start() = 0;
  virtual boost::asio::awaitable<void> create_room(size_t room) = 0;
  // Joins; publishers publish (the answer is applied when this returns).
  virtual boost::asio::awaitable<void> join(Participant& p) = 0;
  // Subscribers receive every publisher of their room other than themselves.
  virtual boost::asio::awaitable<void> subscribe(Participant& p, std::vector<Participant*> publishers) = 0;
  virtual void stop() = 0;
  // The server's Prometheus text (/metrics) where it has one ("" otherwise).
  virtual boost::asio::awaitable<std::string> metrics() { co_return std::string(); }
};

struct AdapterOptions {
  std::string http_host = "127.0.0.1";
  uint16_t http_port = 0;
  std::string email;    // Plenum
  std::string password; // Plenum
};

std::unique_ptr<Adapter> make_plenum_adapter(boost::asio::io_context& io, Generator& gen,
                                             const AdapterOptions& o);
std::unique_ptr<Adapter> make_janus_adapter(boost::asio::io_context& io, Generator& gen,
                                            const AdapterOptions& o);

} // namespace plenum::bench::sfu
