// The SFU's UDP socket on 127.0.0.1 with ephemeral ports: a batch built in send slots
// (acquire → write → commit) goes out with sendmmsg and comes back through recvmmsg intact, with
// the counters a metrics page would show; an oversized datagram is counted and dropped.
#include "media/net/udp_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
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

} // namespace
} // namespace plenum::media::net
