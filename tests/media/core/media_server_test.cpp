// The SFU from the outside: a MediaServer with one worker on 127.0.0.1 and an ephemeral port, a
// room and a transport opened through the control-plane API, then a client's ICE connectivity
// check (a real STUN Binding request with the transport's credentials) sent over UDP to the
// worker's port. The worker answers it; a check for a ufrag it does not know gets no answer.
#include "media/server/media_server.hpp"

#include <poll.h>

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "media/net/socket_address.hpp"
#include "media/net/udp_socket.hpp"

namespace plenum::media::server {
namespace {

using namespace std::chrono_literals;

class RecordingObserver final : public router::RouterObserver {
 public:
  void on_transport_state(uint32_t transport_id, transport::TransportState state) override {
    std::lock_guard lock(mutex_);
    states_.emplace_back(transport_id, state);
  }
  void on_active_speaker(std::optional<uint32_t>) override {}

 private:
  std::mutex mutex_;
  std::vector<std::pair<uint32_t, transport::TransportState>> states_;
};

// Waits until every task posted to `worker` so far has run (posted tasks run in order).
void sync(Worker& worker) {
  std::promise<void> done;
  worker.loop().post([&done] { done.set_value(); });
  ASSERT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
}

struct Request {
  std::array<uint8_t, 256> bytes{};
  size_t size = 0;
  std::array<uint8_t, kStunTransactionIdSize> txid{};
};

Request binding_request(const std::string& username, const std::string& pwd, uint8_t seed) {
  Request r;
  for (size_t i = 0; i < r.txid.size(); ++i) r.txid[i] = static_cast<uint8_t>(seed * 16 + i);
  StunWriter w(r.bytes, kStunBindingRequest, r.txid);
  w.add_attribute(stun_attr::kUsername, {reinterpret_cast<const uint8_t*>(username.data()), username.size()});
  const std::array<uint8_t, 4> priority = {0x6e, 0x7f, 0x1e, 0xff};
  w.add_attribute(stun_attr::kPriority, priority);
  const std::array<uint8_t, 8> tie_breaker = {9, 8, 7, 6, 5, 4, 3, 2};
  w.add_attribute(stun_attr::kIceControlling, tie_breaker);
  w.add_attribute(stun_attr::kUseCandidate, {});
  w.add_message_integrity(StunIntegrityKey(pwd));
  w.add_fingerprint();
  r.size = w.finish().value_or(0);
  PLENUM_ASSERT(r.size > 0, "request fits");
  return r;
}

// The next datagram on `socket` within `timeout`.
std::optional<std::vector<uint8_t>> next_datagram(net::UdpSocket& socket, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::optional<std::vector<uint8_t>> got;
  while (!got && std::chrono::steady_clock::now() < deadline) {
    pollfd fd{socket.fd(), POLLIN, 0};
    if (::poll(&fd, 1, 50) != 1) continue;
    socket.receive([&](std::span<uint8_t> d, const SocketAddress&) {
      if (!got) got.emplace(d.begin(), d.end());
    });
  }
  return got;
}

class MediaCoreMediaServer : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = MediaServer::start({.listen_ip = "127.0.0.1", .port = 0, .workers = 1});
    ASSERT_TRUE(started.ok());
    server_ = std::move(started).value();
    ASSERT_EQ(server_->workers().size(), 1u);
    auto client = net::UdpSocket::bind("127.0.0.1", 0);
    ASSERT_TRUE(client.ok());
    client_.emplace(std::move(client).value());
  }
  void TearDown() override {
    room_.reset(); // rooms before their server
    server_.reset();
  }
  Worker& worker() { return *server_->workers().front(); }
  SocketAddress worker_address() { return SocketAddress::v4({127, 0, 0, 1}, worker().port()); }
  SocketAddress client_address() { return SocketAddress::v4({127, 0, 0, 1}, client_->port()); }
  void send(const Request& r) {
    client_->send(std::span(r.bytes).first(r.size), worker_address());
    client_->flush();
  }

  std::unique_ptr<MediaServer> server_;
  std::shared_ptr<MediaRoom> room_;
  std::optional<net::UdpSocket> client_;
  std::shared_ptr<RecordingObserver> observer_ = std::make_shared<RecordingObserver>();
};

TEST_F(MediaCoreMediaServer, TransportInfoNamesTheWorkersPortAndCertificate) {
  room_ = server_->open_room("room-a", observer_);
  const auto info = room_->create_transport();
  EXPECT_NE(info.id, 0u);
  EXPECT_GE(info.ufrag.size(), 4u); // RFC 8839 section 5.4
  EXPECT_GE(info.pwd.size(), 22u);
  EXPECT_EQ(info.fingerprint.rfind("sha-256 ", 0), 0u);
  ASSERT_GE(info.candidates.size(), 1u);
  EXPECT_EQ(info.candidates[0].address, "127.0.0.1");
  EXPECT_EQ(info.candidates[0].port, worker().port());
  EXPECT_EQ(info.candidates[0].protocol, "udp");
  // ICE-TCP (RFC 6544) when the worker listens for it, below UDP.
  if (worker().tcp_port() != 0) {
    ASSERT_EQ(info.candidates.size(), 2u);
    EXPECT_EQ(info.candidates[1].protocol, "tcp");
    EXPECT_EQ(info.candidates[1].port, worker().tcp_port());
    EXPECT_LT(info.candidates[1].priority, info.candidates[0].priority);
  } else {
    EXPECT_EQ(info.candidates.size(), 1u);
  }
  const auto second = room_->create_transport();
  EXPECT_NE(second.id, info.id);
  EXPECT_NE(second.ufrag, info.ufrag);
}

TEST_F(MediaCoreMediaServer, AnswersAConnectivityCheckForItsTransport) {
  room_ = server_->open_room("room-a", observer_);
  const auto info = room_->create_transport();
  sync(worker());
  EXPECT_EQ(worker().counters().transports.load(), 1u);

  const auto request = binding_request(info.ufrag + ":clnt", info.pwd, 1);
  send(request);
  auto reply = next_datagram(*client_, 5s);
  ASSERT_TRUE(reply);
  auto response = StunMessage::parse(*reply);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->type(), kStunBindingSuccess);
  EXPECT_TRUE(std::equal(request.txid.begin(), request.txid.end(), response->transaction_id().begin()));
  EXPECT_EQ(response->xor_mapped_address(), client_address());
  EXPECT_TRUE(response->check_integrity(StunIntegrityKey(info.pwd)));
  EXPECT_TRUE(response->check_fingerprint());
}

TEST_F(MediaCoreMediaServer, UnknownUfragGetsNoAnswer) {
  room_ = server_->open_room("room-a", observer_);
  const auto info = room_->create_transport();
  sync(worker());

  // A check for a ufrag nobody has, then a valid one: the worker handles datagrams in order, so
  // the first datagram back answering the second request shows the first got nothing.
  const auto unknown = binding_request("nobody:clnt", info.pwd, 2);
  const auto valid = binding_request(info.ufrag + ":clnt", info.pwd, 3);
  send(unknown);
  send(valid);
  auto reply = next_datagram(*client_, 5s);
  ASSERT_TRUE(reply);
  auto response = StunMessage::parse(*reply);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->type(), kStunBindingSuccess);
  EXPECT_TRUE(std::equal(valid.txid.begin(), valid.txid.end(), response->transaction_id().begin()));
  EXPECT_FALSE(next_datagram(*client_, 200ms));

  // Counted as unroutable (published on the worker's tick).
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (worker().counters().unroutable.load() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms); // a counter, not an event: polled with a deadline
  }
  EXPECT_EQ(worker().counters().unroutable.load(), 1u);
}

TEST_F(MediaCoreMediaServer, ClosedTransportNoLongerAnswers) {
  room_ = server_->open_room("room-a", observer_);
  const auto info = room_->create_transport();
  room_->close_transport(info.id);
  sync(worker());
  EXPECT_EQ(worker().counters().transports.load(), 0u);
  send(binding_request(info.ufrag + ":clnt", info.pwd, 4));
  EXPECT_FALSE(next_datagram(*client_, 300ms));
}

TEST_F(MediaCoreMediaServer, IceRestartAnswersTheNewCredentials) {
  room_ = server_->open_room("room-a", observer_);
  const auto info = room_->create_transport();
  const auto restarted = room_->restart_ice(info.id);
  EXPECT_EQ(restarted.id, info.id);
  EXPECT_NE(restarted.ufrag, info.ufrag);
  EXPECT_NE(restarted.pwd, info.pwd);
  sync(worker());
  const auto request = binding_request(restarted.ufrag + ":clnt", restarted.pwd, 5);
  send(request);
  auto reply = next_datagram(*client_, 5s);
  ASSERT_TRUE(reply);
  auto response = StunMessage::parse(*reply);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->type(), kStunBindingSuccess);
  EXPECT_TRUE(response->check_integrity(StunIntegrityKey(restarted.pwd)));
}

// Two workers, two transports of a room per worker: the publisher and the first subscriber at
// the room's home, the next two on the other worker (with its port in their candidates), and a
// second room's home is the other worker. A subscriber on the other worker answers checks there.
// At shutdown the control plane may drop its last handle on a room after the media server is
// gone (a room torn down late on its executor): the room's destructor must not touch freed
// workers (ASan reported a heap-use-after-free here).
TEST(MediaCoreMediaServerShutdown, ARoomReleasedAfterTheServerFindsItsWorkers) {
  auto started = MediaServer::start(
      {.listen_ip = "127.0.0.1", .port = 0, .workers = 2, .room_transports_per_worker = 1});
  ASSERT_TRUE(started.ok());
  auto server = std::move(started).value();
  auto room = server->open_room("room-a", std::make_shared<RecordingObserver>());
  (void)room->create_transport(TransportRole::publish);
  (void)room->create_transport();
  (void)room->create_transport(); // on the other worker
  server.reset();
  room.reset(); // under ASan: no use after free
  SUCCEED();
}

TEST(MediaCoreMediaServerSpread, ARoomOutgrowingItsWorkerSpreadsItsSubscribers) {
  auto started = MediaServer::start(
      {.listen_ip = "127.0.0.1", .port = 0, .workers = 2, .room_transports_per_worker = 2});
  ASSERT_TRUE(started.ok());
  auto server = std::move(started).value();
  auto observer = std::make_shared<RecordingObserver>();
  {
    auto room = server->open_room("room-a", observer);
    const size_t home = room->home_worker();
    const size_t other = 1 - home;
    const auto port_of = [&](size_t w) { return server->workers()[w]->port(); };
    const auto publisher = room->create_transport(TransportRole::publish);
    const auto first = room->create_transport();
    const auto second = room->create_transport();
    const auto third = room->create_transport();
    EXPECT_EQ(room->worker_of(publisher.id), home);
    EXPECT_EQ(publisher.candidates[0].port, port_of(home));
    EXPECT_EQ(room->worker_of(first.id), home);
    EXPECT_EQ(room->worker_of(second.id), other);
    EXPECT_EQ(second.candidates[0].port, port_of(other));
    EXPECT_EQ(room->worker_of(third.id), other);
    // More publishers still go home, over the limit.
    EXPECT_EQ(room->worker_of(room->create_transport(TransportRole::publish).id), home);
    EXPECT_EQ(server->workers()[other]->assigned_transports(), 2);
    // A closed transport frees its place.
    room->close_transport(third.id);
    EXPECT_FALSE(room->worker_of(third.id).has_value());
    EXPECT_EQ(room->worker_of(room->create_transport().id), other);

    auto client = net::UdpSocket::bind("127.0.0.1", 0);
    ASSERT_TRUE(client.ok());
    sync(*server->workers()[other]);
    const auto request = binding_request(second.ufrag + ":clnt", second.pwd, 7);
    client->send(std::span(request.bytes).first(request.size),
                 SocketAddress::v4({127, 0, 0, 1}, port_of(other)));
    client->flush();
    auto reply = next_datagram(*client, 5s);
    ASSERT_TRUE(reply);
    auto response = StunMessage::parse(*reply);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->type(), kStunBindingSuccess);

    auto second_room = server->open_room("room-b", observer);
    EXPECT_EQ(second_room->home_worker(), other);
  }
  for (const auto& w : server->workers()) EXPECT_EQ(w->assigned_transports(), 0);
}

// A relay link between two real workers: ten packets pushed in one loop turn of the sender wake
// the receiver once; it drains all ten (for a room it does not have: counted as unroutable).
TEST(MediaCoreMediaServerSpread, ALinkWakesItsReceiverOncePerBurst) {
  auto started = MediaServer::start({.listen_ip = "127.0.0.1", .port = 0, .workers = 2});
  ASSERT_TRUE(started.ok());
  auto server = std::move(started).value();
  Worker& sender = *server->workers()[0];
  Worker& receiver = *server->workers()[1];
  auto link = server->relay_link(0, 1);
  EXPECT_EQ(server->relay_link(0, 1), link); // one per direction
  sync(sender);
  sync(receiver);
  const std::array<uint8_t, 12> rtp{0x80, 96, 0, 1, 0, 0, 0, 9, 0, 0, 0, 42};
  sender.loop().post([&link, &rtp] {
    for (int i = 0; i < 10; ++i) link->push({999, 1, 0, false, 0}, rtp);
  });
  sync(sender);
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while ((receiver.counters().relay_received < 10 || sender.counters().relay_sent < 10) &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  EXPECT_EQ(sender.counters().relay_sent, 10u);
  EXPECT_EQ(sender.counters().relay_wakes, 1u);
  EXPECT_EQ(sender.counters().relay_dropped, 0u);
  EXPECT_EQ(receiver.counters().relay_received, 10u);
  EXPECT_EQ(receiver.counters().unroutable, 10u);
}

// The room's relay bookkeeping: the first consumer of a producer on the other worker creates a
// relay producer there, further ones reuse it, the last one leaving removes it; removing the
// producer (or closing the subscriber's transport) removes it too.
TEST(MediaCoreMediaServerSpread, RelayProducersLiveWhileTheOtherWorkerHasConsumers) {
  auto started = MediaServer::start(
      {.listen_ip = "127.0.0.1", .port = 0, .workers = 2, .room_transports_per_worker = 1});
  ASSERT_TRUE(started.ok());
  auto server = std::move(started).value();
  auto room = server->open_room("room-a", std::make_shared<RecordingObserver>());
  const size_t other = 1 - room->home_worker();
  // Producers on the home and on the other worker (relay producers), once both ran what was posted.
  const auto producers = [&] {
    std::array<size_t, 2> counts{};
    for (size_t w = 0; w < 2; ++w) {
      Worker& worker = *server->workers()[w];
      std::promise<size_t> count;
      worker.loop().post([&worker, &count, id = room->id()] {
        auto* r = worker.find_router(id);
        count.set_value(r == nullptr ? 0 : r->producer_count());
      });
      counts[w == other ? 1 : 0] = count.get_future().get();
    }
    return counts;
  };
  const auto publisher = room->create_transport(TransportRole::publish);
  const auto sub_a = room->create_transport(); // the home is full (1): the other worker
  const auto sub_b = room->create_transport();
  ASSERT_EQ(room->worker_of(sub_a.id), other);
  ASSERT_EQ(room->worker_of(sub_b.id), other);
  router::ProducerParameters mic;
  mic.id = room->next_id();
  mic.transport_id = publisher.id;
  mic.kind = router::MediaKind::audio;
  mic.mid = "0";
  mic.codecs = {{111, 0, 48'000, "opus"}};
  room->add_producer(mic);
  const auto consumer = [&](uint32_t transport) {
    router::ConsumerParameters c;
    c.id = room->next_id();
    c.producer_id = mic.id;
    c.transport_id = transport;
    c.mid = std::to_string(c.id);
    c.ssrc = 5000 + c.id;
    c.codecs = mic.codecs;
    room->add_consumer(c);
    return c.id;
  };
  using Counts = std::array<size_t, 2>;
  EXPECT_EQ(producers(), (Counts{1, 0}));
  const uint32_t first = consumer(sub_a.id);
  EXPECT_EQ(producers(), (Counts{1, 1}));
  const uint32_t second = consumer(sub_b.id);
  EXPECT_EQ(producers(), (Counts{1, 1})); // one relay per worker, not per consumer
  room->remove_consumer(first);
  EXPECT_EQ(producers(), (Counts{1, 1}));
  room->remove_consumer(second);
  EXPECT_EQ(producers(), (Counts{1, 0}));
  consumer(sub_a.id);
  EXPECT_EQ(producers(), (Counts{1, 1}));
  room->close_transport(sub_a.id); // its consumers go with it
  EXPECT_EQ(producers(), (Counts{1, 0}));
  consumer(sub_b.id);
  EXPECT_EQ(producers(), (Counts{1, 1}));
  room->remove_producer(mic.id);
  EXPECT_EQ(producers(), (Counts{0, 0}));
}

} // namespace
} // namespace plenum::media::server
