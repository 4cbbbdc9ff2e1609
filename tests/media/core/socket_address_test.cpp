// SocketAddress ↔ sockaddr conversions, literal parsing and printing, and the hash the worker's
// address table uses.
#include "media/net/socket_address.hpp"

#include <arpa/inet.h>

#include <gtest/gtest.h>

#include <unordered_map>
#include <unordered_set>

namespace plenum::media::net {
namespace {

const std::array<uint8_t, 16> kDocV6 = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};

TEST(MediaCoreSocketAddress, Ipv4RoundTripsThroughSockaddr) {
  const auto a = SocketAddress::v4({192, 0, 2, 33}, 54321);
  sockaddr_storage storage{};
  ASSERT_EQ(to_sockaddr(a, storage), sizeof(sockaddr_in));
  const auto* in = reinterpret_cast<const sockaddr_in*>(&storage);
  EXPECT_EQ(in->sin_family, AF_INET);
  EXPECT_EQ(ntohs(in->sin_port), 54321);
  EXPECT_EQ(ntohl(in->sin_addr.s_addr), 0xC0000221u);
  auto back = from_sockaddr(storage);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, a);
}

TEST(MediaCoreSocketAddress, Ipv6RoundTripsThroughSockaddr) {
  const auto a = SocketAddress::v6(kDocV6, 443);
  sockaddr_storage storage{};
  ASSERT_EQ(to_sockaddr(a, storage), sizeof(sockaddr_in6));
  const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&storage);
  EXPECT_EQ(in6->sin6_family, AF_INET6);
  EXPECT_EQ(ntohs(in6->sin6_port), 443);
  auto back = from_sockaddr(storage);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, a);
}

TEST(MediaCoreSocketAddress, OtherFamiliesAreNotAddresses) {
  sockaddr_storage storage{};
  storage.ss_family = AF_UNIX;
  EXPECT_FALSE(from_sockaddr(storage));
}

TEST(MediaCoreSocketAddress, ParsesAndPrintsLiterals) {
  auto v4 = parse_ip("127.0.0.1", 9);
  ASSERT_TRUE(v4);
  EXPECT_EQ(*v4, SocketAddress::v4({127, 0, 0, 1}, 9));
  EXPECT_EQ(ip_string(*v4), "127.0.0.1");

  auto v6 = parse_ip("2001:db8::1", 10);
  ASSERT_TRUE(v6);
  EXPECT_EQ(*v6, SocketAddress::v6(kDocV6, 10));
  EXPECT_EQ(ip_string(*v6), "2001:db8::1");

  auto loopback = parse_ip("::1", 0);
  ASSERT_TRUE(loopback);
  EXPECT_EQ(loopback->family, 6);
  EXPECT_EQ(ip_string(*loopback), "::1");

  EXPECT_FALSE(parse_ip("localhost", 1));
  EXPECT_FALSE(parse_ip("", 1));
  EXPECT_FALSE(parse_ip("256.0.0.1", 1));
  EXPECT_FALSE(parse_ip("127.0.0.1:80", 1));
  EXPECT_FALSE(parse_ip(std::string(100, '1'), 1)); // longer than any literal
}

TEST(MediaCoreSocketAddress, HashSeparatesPortIpAndFamily) {
  SocketAddressHash hash;
  const auto a = SocketAddress::v4({10, 0, 0, 1}, 5000);
  EXPECT_EQ(hash(a), hash(SocketAddress::v4({10, 0, 0, 1}, 5000)));
  EXPECT_NE(hash(a), hash(SocketAddress::v4({10, 0, 0, 1}, 5001)));
  EXPECT_NE(hash(a), hash(SocketAddress::v4({10, 0, 0, 2}, 5000)));
  // The same leading bytes as IPv6 are another address.
  std::array<uint8_t, 16> six{};
  six[0] = 10;
  six[3] = 1;
  EXPECT_NE(hash(a), hash(SocketAddress::v6(six, 5000)));

  // As the worker uses it: one entry per distinct address.
  std::unordered_map<SocketAddress, int, SocketAddressHash> table;
  for (uint16_t port = 1; port <= 1000; ++port) table[SocketAddress::v4({127, 0, 0, 1}, port)] = port;
  table[SocketAddress::v4({127, 0, 0, 1}, 7)] = -7;
  EXPECT_EQ(table.size(), 1000u);
  EXPECT_EQ(table.at(SocketAddress::v4({127, 0, 0, 1}, 7)), -7);
  EXPECT_EQ(table.at(SocketAddress::v4({127, 0, 0, 1}, 1000)), 1000);
  std::unordered_set<size_t> distinct;
  for (uint16_t port = 1; port <= 1000; ++port)
    distinct.insert(hash(SocketAddress::v4({127, 0, 0, 1}, port)));
  EXPECT_EQ(distinct.size(), 1000u);
}

} // namespace
} // namespace plenum::media::net
