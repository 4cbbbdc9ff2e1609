// The SFU's UDP socket on 127.0.0.1 with ephemeral ports: a batch built in send slots
// (acquire → write → commit) goes out with sendmmsg and comes back through recvmmsg intact, with
// the counters a metrics page would show; an oversized datagram is counted and dropped. Runs of
// equal-size datagrams to one destination go out segmented (UDP_SEGMENT) and every receiver gets
// its datagrams whole and in the order they were queued.
#include "media/net/udp_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "media/net/socket_address.hpp"

namespace plenum::media::net {
namespace {

UdpSocket bind_loopback() {
  auto s = UdpSocket::bind("127.0.0.1", 0);
  PLENUM_ASSERT(s.ok(), "bind 127.0.0.1:0");
  return std::move(s).value();
}

// Waits (poll, not sleep) until `socket` has a datagram or `timeout` passed.
bool wait_readable(const UdpSocket& socket, std::chrono::milliseconds timeout) {
  pollfd fd{socket.fd(), POLLIN, 0};
  return ::poll(&fd, 1, static_cast<int>(timeout.count())) == 1;
}

constexpr size_t kCount = 100;
size_t size_of(size_t i) { return 40 + i * 7; } // 40 .. 733 bytes

TEST(MediaCoreUdpSocket, BindsAnEphemeralPort) {
  auto a = bind_loopback();
  EXPECT_GE(a.fd(), 0);
  EXPECT_NE(a.port(), 0);
  EXPECT_FALSE(UdpSocket::bind("not-an-ip", 0).ok());
}

TEST(MediaCoreUdpSocket, ExchangesABatchOfDatagrams) {
  auto a = bind_loopback();
  auto b = bind_loopback();
  const auto to_b = SocketAddress::v4({127, 0, 0, 1}, b.port());
  size_t expected_bytes = 0;
  for (size_t i = 0; i < kCount; ++i) {
    auto slot = a.acquire();
    ASSERT_EQ(slot.size(), kDatagramCapacity);
    const size_t n = size_of(i);
    std::memset(slot.data(), static_cast<int>(i), n);
    slot[0] = static_cast<uint8_t>(i); // first byte: the index
    a.commit(n, to_b);
    expected_bytes += n;
  }
  a.flush();
  EXPECT_EQ(a.stats().sent, kCount);
  EXPECT_EQ(a.stats().sent_bytes, expected_bytes);
  EXPECT_EQ(a.stats().send_errors, 0u);

  std::vector<bool> seen(kCount, false);
  size_t received = 0;
  size_t received_bytes = 0;
  bool intact = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (received < kCount && std::chrono::steady_clock::now() < deadline) {
    if (!wait_readable(b, std::chrono::milliseconds(100))) continue;
    const size_t batch = b.receive([&](std::span<uint8_t> d, const SocketAddress& from) {
      EXPECT_EQ(from, SocketAddress::v4({127, 0, 0, 1}, a.port()));
      const size_t i = d[0];
      if (i >= kCount || seen[i] || d.size() != size_of(i)) {
        intact = false;
        return;
      }
      for (size_t k = 1; k < d.size(); ++k) intact = intact && d[k] == static_cast<uint8_t>(i);
      seen[i] = true;
      ++received;
      received_bytes += d.size();
    });
    EXPECT_LE(batch, kBatchSize);
  }
  EXPECT_TRUE(intact);
  EXPECT_EQ(received, kCount);
  EXPECT_EQ(received_bytes, expected_bytes);
  EXPECT_EQ(b.stats().received, kCount);
  EXPECT_EQ(b.stats().received_bytes, expected_bytes);
  EXPECT_EQ(b.stats().truncated, 0u);
  // Nothing left over.
  EXPECT_EQ(b.receive([](std::span<uint8_t>, const SocketAddress&) {}), 0u);
}

TEST(MediaCoreUdpSocket, SendCopiesControlTraffic) {
  auto a = bind_loopback();
  auto b = bind_loopback();
  const std::vector<uint8_t> hello = {1, 2, 3, 4, 5};
  a.send(hello, SocketAddress::v4({127, 0, 0, 1}, b.port()));
  EXPECT_EQ(a.stats().sent, 0u); // queued until flush
  a.flush();
  EXPECT_EQ(a.stats().sent, 1u);
  ASSERT_TRUE(wait_readable(b, std::chrono::seconds(5)));
  std::vector<uint8_t> got;
  b.receive([&](std::span<uint8_t> d, const SocketAddress&) { got.assign(d.begin(), d.end()); });
  EXPECT_EQ(got, hello);
}

TEST(MediaCoreUdpSocket, OversizedDatagramIsCountedAsTruncatedAndDropped) {
  auto b = bind_loopback();
  // Sent with a plain socket: UdpSocket itself never sends more than kDatagramCapacity.
  const int raw = ::socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(raw, 0);
  sockaddr_storage to{};
  const socklen_t length = to_sockaddr(SocketAddress::v4({127, 0, 0, 1}, b.port()), to);
  const std::vector<uint8_t> big(3000, 0xAB);
  const std::vector<uint8_t> small(100, 0xCD);
  ASSERT_EQ(::sendto(raw, big.data(), big.size(), 0, reinterpret_cast<sockaddr*>(&to), length), 3000);
  ASSERT_EQ(::sendto(raw, small.data(), small.size(), 0, reinterpret_cast<sockaddr*>(&to), length), 100);
  ::close(raw);

  std::vector<size_t> delivered;
  size_t read = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (read < 2 && std::chrono::steady_clock::now() < deadline) {
    if (!wait_readable(b, std::chrono::milliseconds(100))) continue;
    read += b.receive([&](std::span<uint8_t> d, const SocketAddress&) { delivered.push_back(d.size()); });
  }
  EXPECT_EQ(read, 2u);
  EXPECT_EQ(delivered, std::vector<size_t>{100}); // the oversized one never reaches the handler
  EXPECT_EQ(b.stats().truncated, 1u);
  EXPECT_EQ(b.stats().received, 2u);
}

TEST(MediaCoreUdpSocket, RefusesOversizedOrEmptySends) {
  auto a = bind_loopback();
  const auto to = SocketAddress::v4({127, 0, 0, 1}, a.port());
  a.send(std::vector<uint8_t>(kDatagramCapacity + 1, 0), to);
  (void)a.acquire();
  a.commit(0, to);
  a.flush();
  EXPECT_EQ(a.stats().sent, 0u);
  EXPECT_EQ(a.stats().send_errors, 0u);
}

// Every datagram received on `socket` until `count` arrived or 5 s passed.
std::vector<std::vector<uint8_t>> receive_all(UdpSocket& socket, size_t count) {
  std::vector<std::vector<uint8_t>> got;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (got.size() < count && std::chrono::steady_clock::now() < deadline) {
    if (!wait_readable(socket, std::chrono::milliseconds(100))) continue;
    socket.receive([&](std::span<uint8_t> d, const SocketAddress&) { got.emplace_back(d.begin(), d.end()); });
  }
  return got;
}

// Queues a datagram of `size` bytes: [index, then `index` repeated].
void queue(UdpSocket& from, const SocketAddress& to, uint8_t index, size_t size) {
  auto slot = from.acquire();
  std::memset(slot.data(), index, size);
  from.commit(size, to);
}

// Whether `got` are the datagrams of `sizes` in order (index i has sizes[i] bytes, all equal to i).
bool in_order(const std::vector<std::vector<uint8_t>>& got, const std::vector<size_t>& sizes) {
  if (got.size() != sizes.size()) return false;
  for (size_t i = 0; i < got.size(); ++i) {
    if (got[i].size() != sizes[i]) return false;
    for (const uint8_t b : got[i])
      if (b != static_cast<uint8_t>(i)) return false;
  }
  return true;
}

// What a router queues when it fans 20 packets out to 3 subscribers: interleaved destinations.
// B's packets are a video frame split evenly (the last one shorter), C's vary in size, D's are equal.
struct FanOut {
  UdpSocket a = bind_loopback();
  UdpSocket b = bind_loopback();
  UdpSocket c = bind_loopback();
  UdpSocket d = bind_loopback();
  std::vector<size_t> sizes_b, sizes_c, sizes_d;

  void queue_all() {
    const auto to = [](const UdpSocket& s) { return SocketAddress::v4({127, 0, 0, 1}, s.port()); };
    for (uint8_t i = 0; i < 20; ++i) {
      sizes_b.push_back(i < 19 ? 1000 : 600);
      sizes_c.push_back(300 + (i % 3) * 50);
      sizes_d.push_back(1100);
      queue(a, to(b), i, sizes_b.back());
      queue(a, to(c), i, sizes_c.back());
      queue(a, to(d), i, sizes_d.back());
    }
  }
};

TEST(MediaCoreUdpSocket, RunsToOneDestinationGoOutSegmentedAndArriveInOrder) {
  FanOut f;
  f.queue_all();
  f.a.flush();
  EXPECT_EQ(f.a.stats().sent, 60u);
  EXPECT_EQ(f.a.stats().send_errors, 0u);
  EXPECT_EQ(f.a.stats().send_calls, 1u);
  EXPECT_TRUE(f.a.segmentation());
  // B and D: one run each; C: runs of two where a larger size is followed by a smaller one.
  EXPECT_GE(f.a.stats().segmented, 2u);
  EXPECT_GE(f.a.stats().segmented_datagrams, 40u);
  EXPECT_TRUE(in_order(receive_all(f.b, 20), f.sizes_b));
  EXPECT_TRUE(in_order(receive_all(f.c, 20), f.sizes_c));
  EXPECT_TRUE(in_order(receive_all(f.d, 20), f.sizes_d));
  EXPECT_EQ(f.b.stats().received_bytes, 19u * 1000 + 600);
}

TEST(MediaCoreUdpSocket, WithoutSegmentationEveryDatagramIsAMessage) {
  FanOut f;
  f.a.set_segmentation(false);
  f.queue_all();
  f.a.flush();
  EXPECT_EQ(f.a.stats().sent, 60u);
  EXPECT_EQ(f.a.stats().segmented, 0u);
  EXPECT_TRUE(in_order(receive_all(f.b, 20), f.sizes_b));
  EXPECT_TRUE(in_order(receive_all(f.c, 20), f.sizes_c));
  EXPECT_TRUE(in_order(receive_all(f.d, 20), f.sizes_d));
}

TEST(MediaCoreUdpSocket, LongRunsAreSplitAtTheSegmentLimitAndFullSlotsFlush) {
  auto a = bind_loopback();
  auto b = bind_loopback();
  const auto to_b = SocketAddress::v4({127, 0, 0, 1}, b.port());
  // More than the slots hold: the queue flushes itself when full, the rest on flush().
  constexpr size_t kTotal = kSendSlots + 44;
  std::vector<size_t> sizes;
  for (size_t i = 0; i < kTotal; ++i) {
    sizes.push_back(200);
    queue(a, to_b, static_cast<uint8_t>(i), 200);
  }
  EXPECT_EQ(a.stats().sent, kSendSlots);
  a.flush();
  EXPECT_EQ(a.stats().sent, kTotal);
  // 256 in runs of at most 64, then 44.
  EXPECT_EQ(a.stats().segmented, kSendSlots / kMaxSegments + 1);
  auto got = receive_all(b, kTotal);
  ASSERT_EQ(got.size(), kTotal);
  bool ordered = true;
  for (size_t i = 0; i < kTotal; ++i)
    ordered = ordered && got[i].size() == 200 && got[i][0] == static_cast<uint8_t>(i);
  EXPECT_TRUE(ordered);
}

// The send delay counts what a received datagram caused (here: two replies sent 3 ms after it
// arrived, in the 5 ms bucket), not what was sent on the socket's own account (a tick's report).
TEST(MediaCoreUdpSocket, SendDelayIsTimedFromTheArrivalOfWhatCausedIt) {
  auto a = bind_loopback();
  auto b = bind_loopback();
  const auto to_a = SocketAddress::v4({127, 0, 0, 1}, a.port());
  const auto to_b = SocketAddress::v4({127, 0, 0, 1}, b.port());
  const std::array<uint8_t, 4> ping = {1, 2, 3, 4};
  a.send(ping, to_b); // on a's own account: not timed
  a.flush();
  ASSERT_TRUE(wait_readable(b, std::chrono::seconds(5)));
  size_t seen = 0;
  b.receive([&](std::span<uint8_t>, const SocketAddress&) {
    ++seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    b.send(ping, to_a);
    b.send(ping, to_a);
  });
  ASSERT_EQ(seen, 1u);
  b.flush();
  uint64_t counted = 0;
  for (uint64_t n : b.stats().send_delay) counted += n;
  EXPECT_EQ(counted, 2u);
  // 3 ms and a little: above 2 ms, within the 5 ms bucket unless the machine stalled.
  size_t bucket = 0;
  while (bucket < kSendDelayBuckets && b.stats().send_delay[bucket] == 0) ++bucket;
  ASSERT_LT(bucket, kSendDelayBoundsUs.size());
  EXPECT_GT(kSendDelayBoundsUs[bucket], 2'000u);
  EXPECT_GE(b.stats().send_delay_sum_us, 2u * 3'000u);
  uint64_t a_counted = 0;
  for (uint64_t n : a.stats().send_delay) a_counted += n;
  EXPECT_EQ(a_counted, 0u);
}

} // namespace
} // namespace plenum::media::net
