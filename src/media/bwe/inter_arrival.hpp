#pragma once
// Packet groups for delay-based estimation (draft-ietf-rmcat-gcc-02 section 5.1): packets sent
// within 5 ms of a group's first packet form one group, and so do packets that arrive in a
// burst (within 5 ms of each other and faster than they were sent, e.g. after a queue or a
// wireless hiccup). Each new group yields the send and arrival time deltas between the last
// packets of the two groups before it.

#include <cstdint>
#include <optional>

namespace plenum::media::bwe {

struct GroupDelta {
  double send_delta_ms = 0;
  double arrival_delta_ms = 0;
  int64_t arrival_us = 0; // the later group's last arrival
};

class InterArrival {
 public:
  static constexpr int64_t kGroupLengthUs = 5'000;
  static constexpr int64_t kBurstDeltaUs = 5'000;
  static constexpr int64_t kMaxBurstUs = 100'000;

  // Packets in sequence (send) order with their arrival time at the receiver.
  std::optional<GroupDelta> on_packet(int64_t send_us, int64_t arrival_us) noexcept;
  void reset() noexcept { *this = InterArrival{}; }

 private:
  struct Group {
    int64_t first_send_us = -1;
    int64_t last_send_us = 0;
    int64_t first_arrival_us = 0;
    int64_t last_arrival_us = 0;
    bool valid() const noexcept { return first_send_us >= 0; }
  };
  bool starts_group(int64_t send_us, int64_t arrival_us) const noexcept;

  Group current_;
  Group previous_;
};

} // namespace plenum::media::bwe
