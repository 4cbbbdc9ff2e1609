// Plenum's signaling for the load generator (docs/protocol.md, docs/api.md): sign in, a room with
// direct guest access and a guest link per room, then per participant a ticket
// (start_invited) and a /signaling WebSocket. Publishers send media/publish with their offer and
// apply publish_answer; subscribers answer every media/subscribe_offer (the server offers all
// tracks of the room). Participants that do not subscribe leave their offers unanswered.
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <iostream>
#include <map>

#include "adapter.hpp"
#include "http_client.hpp"

namespace plenum::bench::sfu {
namespace {

namespace websocket = beast::websocket;
using namespace std::chrono_literals;

struct Connection {
  explicit Connection(asio::any_io_executor ex) : ws(std::move(ex)) {}
  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buffer;
  std::deque<std::string> outbox;
  bool writing = false;
  bool joined = false;
  bool closed = false;
  std::string publish_answer;
  std::string error;
};

class PlenumAdapter final : public Adapter {
 public:
  PlenumAdapter(asio::io_context& io, Generator& gen, const AdapterOptions& o)
      : io_(io),
        gen_(gen),
        options_(o),
        endpoint_(asio::ip::make_address_v4(o.http_host), o.http_port),
        rest_(io.get_executor(), endpoint_) {}

  asio::awaitable<void> start() override {
    json::object credentials;
    credentials["email"] = options_.email;
    credentials["password"] = options_.password;
    json::value body = credentials;
    auto login = co_await rest_.call(bhttp::verb::post, "/api/v1/auth/login", &body);
    token_ = std::string(login.at("access_token").as_string());
    asio::co_spawn(io_, pinger(), asio::detached);
  }

  asio::awaitable<void> create_room(size_t room) override {
    json::object settings;
    settings["name"] = "SFU load " + std::to_string(room);
    settings["guest_access"] = "direct";
    settings["waiting_room"] = "off";
    settings["max_participants"] = 10000;
    json::value body = settings;
    auto created = co_await rest_.call(bhttp::verb::post, "/api/v1/rooms", &body, token_);
    const std::string id(created.at("id").as_string());
    json::value empty = json::object();
    auto invite = co_await rest_.call(bhttp::verb::post, "/api/v1/rooms/" + id + "/invites", &empty, token_);
    rooms_[room] = {id, std::string(invite.at("code").as_string())};
  }

  asio::awaitable<void> join(Participant& p) override {
    const auto& [room_id, invite] = rooms_.at(p.room);
    json::object admission;
    admission["invite_code"] = invite;
    admission["display_name"] = "Load " + std::to_string(p.room) + "." + std::to_string(p.index);
    json::value body = admission;
    auto ticket =
        co_await rest_.call(bhttp::verb::post, "/api/v1/rooms/" + room_id + "/start_invited", &body);
    const std::string protocols = "plenum.v1, ticket." + std::string(ticket.at("ticket").as_string());
    auto c = std::make_shared<Connection>(io_.get_executor());
    p.state = c;
    c->ws.set_option(websocket::stream_base::decorator([protocols](websocket::request_type& req) {
      req.set(bhttp::field::sec_websocket_protocol, protocols);
    }));
    c->ws.read_message_max(16 * 1024 * 1024);
    auto [cec] = co_await beast::get_lowest_layer(c->ws).async_connect(endpoint_, kNoThrow);
    if (cec) throw std::runtime_error("signaling connect: " + cec.message());
    beast::get_lowest_layer(c->ws).expires_never();
    beast::get_lowest_layer(c->ws).socket().set_option(tcp::no_delay(true));
    c->ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    websocket::response_type res;
    auto [hec] = co_await c->ws.async_handshake(res, "127.0.0.1", "/signaling", kNoThrow);
    if (hec) throw std::runtime_error("signaling handshake: " + hec.message());
    connections_.push_back(c);
    asio::co_spawn(io_, read_loop(p, c), asio::detached);
    while (!c->joined && !c->closed) co_await sleep_for(2ms);
    if (!c->joined) throw std::runtime_error("no join_success: " + c->error);
    if (!p.publishes()) co_return;

    Peer& peer = gen_.add_peer();
    p.publish = &peer;
    const auto spec = gen_.publish_spec(p.audio, p.video);
    json::object payload;
    payload["action"] = "publish";
    payload["sdp"] = publish_offer(peer, spec);
    if (p.audio) payload["microphone"] = "0";
    if (p.video) payload["camera"] = "1";
    send(*c, "media", payload);
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (c->publish_answer.empty() && !c->closed && std::chrono::steady_clock::now() < deadline)
      co_await sleep_for(2ms);
    if (c->publish_answer.empty()) throw std::runtime_error("no publish_answer: " + c->error);
    const auto answer = parse_sdp(c->publish_answer);
    const auto remote = remote_transport(answer);
    peer.set_remote(remote.ufrag, remote.pwd, remote.fingerprint, remote.ip, remote.port);
    gen_.start_sending(peer, spec, remote.mid_ext, remote.rid_ext);
  }

  asio::awaitable<void> subscribe(Participant&, std::vector<Participant*>) override {
    co_return; // the server offers the room's tracks by itself; read_loop answers
  }

  asio::awaitable<std::string> metrics() override {
    co_return co_await rest_.request(bhttp::verb::get, "/metrics", nullptr);
  }

  void stop() override {
    stopping_ = true;
    for (auto& c : connections_) {
      boost::system::error_code ignored;
      beast::get_lowest_layer(c->ws).socket().close(ignored);
    }
  }

 private:
  void send(Connection& c, const char* ns, const json::object& payload) {
    json::object frame;
    frame["namespace"] = ns;
    frame["payload"] = payload;
    c.outbox.push_back(json::serialize(frame));
    if (!c.writing) asio::co_spawn(io_, writer(c), asio::detached);
  }

  asio::awaitable<void> writer(Connection& c) {
    c.writing = true;
    while (!c.outbox.empty() && !c.closed) {
      const std::string text = std::move(c.outbox.front());
      c.outbox.pop_front();
      auto [ec, n] = co_await c.ws.async_write(asio::buffer(text), kNoThrow);
      if (ec) {
        c.closed = true;
        c.error = "write: " + ec.message();
      }
    }
    c.writing = false;
  }

  asio::awaitable<void> read_loop(Participant& p, std::shared_ptr<Connection> c) {
    for (;;) {
      c->buffer.clear();
      auto [ec, n] = co_await c->ws.async_read(c->buffer, kNoThrow);
      if (ec) {
        c->closed = true;
        if (c->error.empty()) c->error = "read: " + ec.message();
        if (!stopping_)
          std::cerr << "sfu_load: participant " << p.room << "." << p.index
                    << " signaling closed: " << c->error << "\n";
        co_return;
      }
      const auto frame = json::parse(beast::buffers_to_string(c->buffer.cdata()));
      const auto& f = frame.as_object();
      const std::string ns(f.at("namespace").as_string());
      const auto& payload = f.at("payload").as_object();
      const std::string message(payload.at("message").as_string());
      if (ns == "control" && message == "join_success") {
        c->joined = true;
      } else if (ns == "media" && message == "publish_answer") {
        c->publish_answer = std::string(payload.at("sdp").as_string());
      } else if (ns == "media" && message == "subscribe_offer" && p.subscribe) {
        try {
          const auto offer = parse_sdp(std::string(payload.at("sdp").as_string()));
          if (!p.subscription) p.subscription = &gen_.add_peer();
          const auto remote = remote_transport(offer);
          p.subscription->set_remote(remote.ufrag, remote.pwd, remote.fingerprint, remote.ip, remote.port);
          json::object answer;
          answer["action"] = "subscribe_answer";
          answer["sdp"] = answer_offer(*p.subscription, offer);
          answer["version"] = payload.at("version");
          send(*c, "media", answer);
        } catch (const std::exception& e) {
          std::cerr << "sfu_load: subscribe_offer: " << e.what() << "\n";
        }
      } else if ((ns == "control" || ns == "media") && message == "error") {
        c->error = json::serialize(payload);
        std::cerr << "sfu_load: server error: " << c->error << "\n";
      }
    }
  }

  // A control/ping per participant every 10 s keeps every connection well inside the 20 s
  // silence limit.
  asio::awaitable<void> pinger() {
    while (!stopping_) {
      co_await sleep_for(10s);
      json::object ping;
      ping["action"] = "ping";
      for (auto& c : connections_)
        if (!c->closed) send(*c, "control", ping);
    }
  }

  asio::io_context& io_;
  Generator& gen_;
  AdapterOptions options_;
  tcp::endpoint endpoint_;
  HttpClient rest_;
  std::string token_;
  std::map<size_t, std::pair<std::string, std::string>> rooms_; // room → (id, invite code)
  std::vector<std::shared_ptr<Connection>> connections_;
  bool stopping_ = false;
};

} // namespace

std::unique_ptr<Adapter> make_plenum_adapter(asio::io_context& io, Generator& gen, const AdapterOptions& o) {
  return std::make_unique<PlenumAdapter>(io, gen, o);
}

} // namespace plenum::bench::sfu
