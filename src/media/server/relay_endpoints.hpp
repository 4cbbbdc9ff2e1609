#pragma once
// The two ends of a room's relay between workers as the routers see them: RoomRelaySink (home
// router: pushes a producer's packets into the link to another worker) and HomeUpstream (the
// other worker's relay producer: posts key frame requests and the layers it wants to the home
// worker's router as commands, never per packet).

#include <cstdint>
#include <memory>

#include "media/relay/relay_link.hpp"
#include "media/router/router.hpp"

namespace plenum::media::server {

class Worker;

class RoomRelaySink final : public router::RelaySink {
 public:
  RoomRelaySink(std::shared_ptr<relay::RelayLink> link, uint64_t room)
      : link_(std::move(link)), room_(room) {}
  void relay(uint32_t producer, size_t stream, const RtpPacket& packet, bool keyframe) override;

 private:
  std::shared_ptr<relay::RelayLink> link_;
  uint64_t room_;
};

class HomeUpstream final : public router::RelayUpstream {
 public:
  // `worker`: the index of the worker the relay producer is on, as the home router knows it.
  HomeUpstream(Worker& home, uint64_t room, uint32_t worker) : home_(home), room_(room), worker_(worker) {}
  void request_keyframe(uint32_t producer, int stream) override;
  void want_layers(uint32_t producer, uint32_t mask) override;

 private:
  Worker& home_;
  uint64_t room_;
  uint32_t worker_;
};

} // namespace plenum::media::server
