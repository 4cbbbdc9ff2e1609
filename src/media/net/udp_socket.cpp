#include "media/net/udp_socket.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "media/net/socket_address.hpp"

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103 // linux/udp.h, Linux 4.18
#endif

namespace plenum::media::net {

namespace {

constexpr size_t kTableSize = 4 * kSendSlots; // power of two, at most a quarter full
static_assert(std::has_single_bit(kTableSize));
constexpr int kTableShift = 64 - std::countr_zero(kTableSize); // Fibonacci hashing: the top bits
constexpr size_t kControlSpace = CMSG_SPACE(sizeof(uint16_t));
constexpr size_t kTimestampSpace = CMSG_SPACE(sizeof(timespec));

socklen_t address_length(const sockaddr_storage& a) {
  return a.ss_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
}

// A key for grouping by destination: exact for IPv4, a hash for IPv6 (equal keys are compared
// in full before datagrams are merged).
uint64_t destination_key(const sockaddr_storage& a) {
  if (a.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(a);
    return (uint64_t{v4.sin_addr.s_addr} << 16) | v4.sin_port;
  }
  const auto& v6 = reinterpret_cast<const sockaddr_in6&>(a);
  uint64_t h = 14695981039346656037ULL; // FNV-1a
  for (const uint8_t b : v6.sin6_addr.s6_addr) h = (h ^ b) * 1099511628211ULL;
  return (h ^ v6.sin6_port) | (uint64_t{1} << 63);
}

bool same_destination(const sockaddr_storage& a, const sockaddr_storage& b) {
  return a.ss_family == b.ss_family && std::memcmp(&a, &b, address_length(a)) == 0;
}

} // namespace

Result<UdpSocket> UdpSocket::bind(std::string_view ip, uint16_t port) {
  auto address = parse_ip(ip, port);
  if (!address) return make_error(ErrorCode::invalid_argument, "not an IP address: " + std::string(ip));
  const int fd =
      ::socket(address->family == 4 ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return make_error(ErrorCode::internal, std::string("socket: ") + std::strerror(errno));
  // Room for bursts: a key frame of a few hundred packets to many subscribers.
  const int buffer = 4 << 20;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
  // Receive timestamps for the send delay (UdpStats); without them it is not measured.
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
  sockaddr_storage storage{};
  const socklen_t length = to_sockaddr(*address, storage);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&storage), length) != 0) {
    const int e = errno;
    ::close(fd);
    return make_error(ErrorCode::unavailable, "cannot bind UDP " + std::string(ip) + ":" +
                                                  std::to_string(port) + ": " + std::strerror(e));
  }
  socklen_t bound_length = sizeof storage;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &bound_length);
  const auto bound = from_sockaddr(storage);
  return UdpSocket(fd, bound ? bound->port : port);
}

UdpSocket::UdpSocket(int fd, uint16_t port)
    : fd_(fd),
      port_(port),
      in_(kBatchSize),
      out_(kSendSlots),
      lengths_(kBatchSize),
      from_(kBatchSize),
      valid_(kBatchSize),
      in_addresses_(kBatchSize),
      out_addresses_(kSendSlots),
      out_lengths_(kSendSlots),
      arrival_ns_(kBatchSize),
      out_origin_(kSendSlots),
      in_control_(kBatchSize * kTimestampSpace),
      out_keys_(kSendSlots),
      next_(kSendSlots),
      order_(kSendSlots),
      table_(kTableSize),
      tails_(kSendSlots),
      segments_(kSendSlots),
      control_(kSendSlots * kControlSpace),
      vectors_(kSendSlots),
      messages_(kSendSlots) {}

UdpSocket::UdpSocket(UdpSocket&& other) noexcept
    : fd_(other.fd_),
      port_(other.port_),
      stats_(other.stats_),
      segmentation_(other.segmentation_),
      in_(std::move(other.in_)),
      out_(std::move(other.out_)),
      lengths_(std::move(other.lengths_)),
      from_(std::move(other.from_)),
      valid_(std::move(other.valid_)),
      in_addresses_(std::move(other.in_addresses_)),
      out_addresses_(std::move(other.out_addresses_)),
      out_lengths_(std::move(other.out_lengths_)),
      arrival_ns_(std::move(other.arrival_ns_)),
      out_origin_(std::move(other.out_origin_)),
      in_control_(std::move(other.in_control_)),
      origin_ns_(other.origin_ns_),
      queued_(other.queued_),
      out_keys_(std::move(other.out_keys_)),
      next_(std::move(other.next_)),
      order_(std::move(other.order_)),
      table_(std::move(other.table_)),
      tails_(std::move(other.tails_)),
      segments_(std::move(other.segments_)),
      control_(std::move(other.control_)),
      vectors_(std::move(other.vectors_)),
      messages_(std::move(other.messages_)) {
  other.fd_ = -1;
}

UdpSocket::~UdpSocket() {
  if (fd_ >= 0) ::close(fd_);
}

size_t UdpSocket::receive_batch() noexcept {
  std::array<mmsghdr, kBatchSize> messages{};
  std::array<iovec, kBatchSize> vectors{};
  for (size_t i = 0; i < kBatchSize; ++i) {
    vectors[i] = {in_[i].data(), kDatagramCapacity};
    messages[i].msg_hdr.msg_iov = &vectors[i];
    messages[i].msg_hdr.msg_iovlen = 1;
    messages[i].msg_hdr.msg_name = &in_addresses_[i];
    messages[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
    messages[i].msg_hdr.msg_control = in_control_.data() + i * kTimestampSpace;
    messages[i].msg_hdr.msg_controllen = kTimestampSpace;
  }
  const int n = ::recvmmsg(fd_, messages.data(), kBatchSize, MSG_DONTWAIT, nullptr);
  if (n <= 0) return 0;
  for (int i = 0; i < n; ++i) {
    const auto index = static_cast<size_t>(i);
    lengths_[index] = messages[index].msg_len;
    const bool truncated = (messages[index].msg_hdr.msg_flags & MSG_TRUNC) != 0;
    auto from = from_sockaddr(in_addresses_[index]);
    valid_[index] = !truncated && from.has_value();
    if (from) from_[index] = *from;
    arrival_ns_[index] = 0;
    for (cmsghdr* c = CMSG_FIRSTHDR(&messages[index].msg_hdr); c != nullptr;
         c = CMSG_NXTHDR(&messages[index].msg_hdr, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
        timespec ts{};
        std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
        arrival_ns_[index] = ts.tv_sec * 1'000'000'000LL + ts.tv_nsec;
      }
    }
    stats_.truncated += truncated ? 1 : 0;
    ++stats_.received;
    stats_.received_bytes += lengths_[index];
  }
  return static_cast<size_t>(n);
}

std::span<uint8_t> UdpSocket::acquire() noexcept {
  if (queued_ == kSendSlots) flush();
  return {out_[queued_].data(), kDatagramCapacity};
}

void UdpSocket::commit(size_t length, const SocketAddress& to) noexcept {
  if (length == 0 || length > kDatagramCapacity) return;
  to_sockaddr(to, out_addresses_[queued_]);
  out_lengths_[queued_] = length;
  out_origin_[queued_] = origin_ns_;
  ++queued_;
  if (queued_ == kSendSlots) flush();
}

void UdpSocket::send(std::span<const uint8_t> bytes, const SocketAddress& to) noexcept {
  if (bytes.size() > kDatagramCapacity) return;
  auto slot = acquire();
  std::memcpy(slot.data(), bytes.data(), bytes.size());
  commit(bytes.size(), to);
}

void UdpSocket::group_by_destination() noexcept {
  if (!segmentation_) {
    for (uint32_t slot = 0; slot < queued_; ++slot) order_[slot] = slot;
    return;
  }
  std::fill(table_.begin(), table_.end(), 0);
  size_t groups = 0;
  for (uint32_t slot = 0; slot < queued_; ++slot) {
    const uint64_t key = destination_key(out_addresses_[slot]);
    out_keys_[slot] = key;
    next_[slot] = UINT32_MAX;
    size_t probe = (key * 0x9E3779B97F4A7C15ULL) >> kTableShift;
    for (;; probe = (probe + 1) & (kTableSize - 1)) {
      const uint32_t entry = table_[probe];
      if (entry == 0) { // a new destination: its slot heads a group
        table_[probe] = slot + 1;
        tails_[slot] = slot;
        order_[groups++] = slot; // heads first; expanded below
        break;
      }
      const uint32_t head = entry - 1;
      if (out_keys_[head] == key && same_destination(out_addresses_[head], out_addresses_[slot])) {
        next_[tails_[head]] = slot;
        tails_[head] = slot;
        break;
      }
    }
  }
  // Expand the heads (in order of first appearance) into their groups, back to front so that
  // no head is overwritten before it is read.
  size_t end = queued_;
  for (size_t g = groups; g-- > 0;) {
    size_t length = 0;
    for (uint32_t s = order_[g]; s != UINT32_MAX; s = next_[s]) ++length;
    end -= length;
    size_t k = end;
    for (uint32_t s = order_[g]; s != UINT32_MAX; s = next_[s]) order_[k++] = s;
  }
}

size_t UdpSocket::build_messages(size_t position) noexcept {
  const bool segment = segmentation_;
  size_t count = 0;
  while (position < queued_) {
    const uint32_t first = order_[position];
    const size_t size = out_lengths_[first];
    size_t n = 1;
    size_t bytes = size;
    vectors_[position] = {out_[first].data(), size};
    // Extend the run: same destination, same size (a shorter one ends it), within the limits.
    while (segment && position + n < queued_ && n < kMaxSegments) {
      const uint32_t slot = order_[position + n];
      const size_t length = out_lengths_[slot];
      if (length > size || bytes + length > kMaxSegmentedBytes || out_keys_[slot] != out_keys_[first] ||
          !same_destination(out_addresses_[slot], out_addresses_[first]))
        break;
      vectors_[position + n] = {out_[slot].data(), length};
      bytes += length;
      ++n;
      if (length < size) break;
    }
    auto& header = messages_[count].msg_hdr;
    header = {};
    header.msg_iov = &vectors_[position];
    header.msg_iovlen = n;
    header.msg_name = &out_addresses_[first];
    header.msg_namelen = address_length(out_addresses_[first]);
    if (n > 1) {
      uint8_t* control = control_.data() + count * kControlSpace;
      std::memset(control, 0, kControlSpace);
      header.msg_control = control;
      header.msg_controllen = kControlSpace;
      cmsghdr* c = CMSG_FIRSTHDR(&header);
      c->cmsg_level = SOL_UDP;
      c->cmsg_type = UDP_SEGMENT;
      c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
      const auto gso_size = static_cast<uint16_t>(size);
      std::memcpy(CMSG_DATA(c), &gso_size, sizeof gso_size);
    }
    segments_[count++] = static_cast<uint32_t>(n);
    position += n;
  }
  return count;
}

int64_t UdpSocket::realtime_ns() noexcept {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return now.tv_sec * 1'000'000'000LL + now.tv_nsec;
}

void UdpSocket::record_send_delay() noexcept {
  int64_t now_ns = 0; // read once, at the first tagged slot (none: no clock read)
  for (size_t slot = 0; slot < queued_; ++slot) {
    const int64_t origin = out_origin_[slot];
    if (origin == 0) continue;
    if (now_ns == 0) now_ns = realtime_ns();
    const auto us = static_cast<uint64_t>(std::max<int64_t>(now_ns - origin, 0) / 1'000);
    size_t bucket = 0;
    while (bucket < kSendDelayBoundsUs.size() && us > kSendDelayBoundsUs[bucket]) ++bucket;
    ++stats_.send_delay[bucket];
    stats_.send_delay_sum_us += us;
  }
}

void UdpSocket::flush() noexcept {
  if (queued_ == 0) return;
  record_send_delay();
  group_by_destination();
  size_t position = 0; // in order_
  while (position < queued_) {
    const size_t count = build_messages(position);
    size_t message = 0;
    while (message < count) {
      ++stats_.send_calls;
      const int n =
          ::sendmmsg(fd_, &messages_[message], static_cast<unsigned>(count - message), MSG_DONTWAIT);
      if (n <= 0) {
        const int e = errno;
        if (segments_[message] > 1 && (e == EIO || e == EINVAL)) {
          // The route cannot take segmented messages: from here on, datagram by datagram.
          segmentation_ = false;
          break;
        }
        // Full send buffer or an unreachable peer: drop this message (UDP semantics) and go on.
        stats_.send_errors += segments_[message];
        position += segments_[message];
        ++message;
        continue;
      }
      for (int i = 0; i < n; ++i, ++message) {
        const size_t datagrams = segments_[message];
        if (datagrams > 1) {
          ++stats_.segmented;
          stats_.segmented_datagrams += datagrams;
        }
        for (size_t k = 0; k < datagrams; ++k) stats_.sent_bytes += out_lengths_[order_[position + k]];
        stats_.sent += datagrams;
        position += datagrams;
      }
    }
  }
  queued_ = 0;
}

} // namespace plenum::media::net
