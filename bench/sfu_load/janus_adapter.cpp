// Janus (Debian janus 1.1.2) through its HTTP API and the VideoRoom plugin for the load
// generator: one session, one handle per peer connection, events by long poll
// (GET /janus/<session>?maxev=N), a keepalive every 20 s (sessions time out after 60 s).
//  - create_room: {"request":"create"} on a helper handle (VP8/Opus, enough publishers);
//  - publisher: {"request":"joinandconfigure","ptype":"publisher"} with our offer (rid
//    simulcast), the answer comes as an event;
//  - subscriber: {"request":"join","ptype":"subscriber","streams":[{"feed":id,"substream":2,
//    "temporal":2}...]} (the top layer, as Plenum sends a large tile): Janus offers
//    (one m-section per stream), we answer with {"request":"start"}.
#include <chrono>
#include <iostream>
#include <map>
#include <random>

#include "adapter.hpp"
#include "http_client.hpp"

namespace plenum::bench::sfu {
namespace {

using namespace std::chrono_literals;
constexpr uint64_t kRoomBase = 4200;

class JanusAdapter final : public Adapter {
 public:
  JanusAdapter(asio::io_context& io, Generator& gen, const AdapterOptions& o)
      : io_(io),
        gen_(gen),
        endpoint_(asio::ip::make_address_v4(o.http_host), o.http_port),
        api_(io.get_executor(), endpoint_),
        poll_(io.get_executor(), endpoint_) {}

  asio::awaitable<void> start() override {
    json::object create;
    create["janus"] = "create";
    auto r = co_await request("/janus", create);
    session_ = r.at("data").at("id").to_number<uint64_t>();
    asio::co_spawn(io_, long_poll(), asio::detached);
    asio::co_spawn(io_, keepalive(), asio::detached);
    admin_ = co_await attach();
  }

  asio::awaitable<void> create_room(size_t room) override {
    json::object body;
    body["request"] = "create";
    body["room"] = kRoomBase + room;
    body["publishers"] = 100;
    body["audiocodec"] = "opus";
    body["videocodec"] = "vp8";
    body["bitrate"] = 0;
    body["fir_freq"] = 10;
    body["notify_joining"] = false;
    auto r = co_await message(admin_, body, nullptr);
    const auto& data = r.at("plugindata").at("data").as_object();
    if (!data.contains("videoroom") || data.at("videoroom").as_string() != "created")
      throw std::runtime_error("Janus create room: " + json::serialize(r));
  }

  asio::awaitable<void> join(Participant& p) override {
    if (!p.publishes()) co_return;
    const uint64_t handle = co_await attach();
    Peer& peer = gen_.add_peer();
    p.publish = &peer;
    const auto spec = gen_.publish_spec(p.audio, p.video);
    json::object body;
    body["request"] = "joinandconfigure";
    body["room"] = kRoomBase + p.room;
    body["ptype"] = "publisher";
    body["display"] = "load " + std::to_string(p.room) + "." + std::to_string(p.index);
    body["audio"] = p.audio;
    body["video"] = p.video;
    json::object jsep;
    jsep["type"] = "offer";
    // Janus takes the first rid of a=simulcast as the highest quality (janus.js sends h, m, l);
    // libwebrtc and Plenum list them from low to high: same encodings, Janus's order.
    std::string offer = publish_offer(peer, spec);
    if (const auto at = offer.find("a=simulcast:send q;h;f"); at != std::string::npos)
      offer.replace(at, 22, "a=simulcast:send f;h;q");
    jsep["sdp"] = offer;
    jsep["trickle"] = false;
    auto event = co_await message(handle, body, &jsep);
    if (!event.as_object().contains("jsep"))
      throw std::runtime_error("Janus publisher: no answer: " + json::serialize(event));
    const auto& data = event.at("plugindata").at("data").as_object();
    p.janus_feed = data.at("id").to_number<uint64_t>();
    const auto answer = parse_sdp(std::string(event.at("jsep").at("sdp").as_string()));
    const auto remote = remote_transport(answer);
    peer.set_remote(remote.ufrag, remote.pwd, remote.fingerprint, remote.ip, remote.port);
    gen_.start_sending(peer, spec, remote.mid_ext, remote.rid_ext);
  }

  asio::awaitable<void> subscribe(Participant& p, std::vector<Participant*> publishers) override {
    if (!p.subscribe || publishers.empty()) co_return;
    const uint64_t handle = co_await attach();
    json::array streams;
    for (auto* pub : publishers) {
      json::object s;
      s["feed"] = pub->janus_feed;
      // The best simulcast layer and every temporal layer, as Plenum forwards to a large tile:
      // the same load on both servers.
      s["substream"] = 2;
      s["temporal"] = 2;
      streams.push_back(s);
    }
    json::object body;
    body["request"] = "join";
    body["room"] = kRoomBase + p.room;
    body["ptype"] = "subscriber";
    body["streams"] = streams;
    auto event = co_await message(handle, body, nullptr);
    if (!event.as_object().contains("jsep"))
      throw std::runtime_error("Janus subscriber: no offer: " + json::serialize(event));
    const auto offer = parse_sdp(std::string(event.at("jsep").at("sdp").as_string()));
    Peer& peer = gen_.add_peer();
    p.subscription = &peer;
    const auto remote = remote_transport(offer);
    peer.set_remote(remote.ufrag, remote.pwd, remote.fingerprint, remote.ip, remote.port);
    json::object start;
    start["request"] = "start";
    json::object jsep;
    jsep["type"] = "answer";
    jsep["sdp"] = answer_offer(peer, offer);
    jsep["trickle"] = false;
    co_await message(handle, start, &jsep);
  }

  void stop() override { stopping_ = true; }

 private:
  std::string transaction() { return "t" + std::to_string(++transactions_); }

  asio::awaitable<json::value> request(const std::string& target, json::object body) {
    body["transaction"] = transaction();
    json::value v = body;
    auto r = co_await api_.call(bhttp::verb::post, target, &v);
    const std::string kind(r.at("janus").as_string());
    if (kind == "error") throw std::runtime_error("Janus " + target + ": " + json::serialize(r));
    co_return r;
  }

  asio::awaitable<uint64_t> attach() {
    json::object body;
    body["janus"] = "attach";
    body["plugin"] = "janus.plugin.videoroom";
    auto r = co_await request("/janus/" + std::to_string(session_), body);
    co_return r.at("data").at("id").to_number<uint64_t>();
  }

  // A plugin message: synchronous replies come back at once ("success"), asynchronous ones are
  // acknowledged ("ack") and answered by an event with the same transaction.
  asio::awaitable<json::value> message(uint64_t handle, const json::object& body, const json::object* jsep) {
    json::object m;
    m["janus"] = "message";
    m["body"] = body;
    if (jsep) m["jsep"] = *jsep;
    const std::string tx = transaction();
    m["transaction"] = tx;
    json::value v = m;
    auto r = co_await api_.call(bhttp::verb::post,
                                "/janus/" + std::to_string(session_) + "/" + std::to_string(handle), &v);
    const std::string kind(r.at("janus").as_string());
    if (kind == "success") co_return r;
    if (kind != "ack") throw std::runtime_error("Janus message: " + json::serialize(r));
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!events_.contains(tx)) {
      if (std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("Janus: no event for " + json::serialize(body));
      co_await sleep_for(2ms);
    }
    auto event = std::move(events_.at(tx));
    events_.erase(tx);
    const auto& data = event.at("plugindata").at("data").as_object();
    if (data.contains("error")) throw std::runtime_error("Janus: " + json::serialize(data));
    co_return event;
  }

  void on_event(const json::value& e) {
    const auto& o = e.as_object();
    if (o.contains("transaction") && o.at("janus").as_string() == "event")
      events_[std::string(o.at("transaction").as_string())] = e;
    else if (o.at("janus").as_string() == "hangup" || o.at("janus").as_string() == "detached")
      std::cerr << "sfu_load: Janus: " << json::serialize(e) << "\n";
  }

  asio::awaitable<void> long_poll() {
    while (!stopping_) {
      bool failed = false;
      try {
        auto r = co_await poll_.call(bhttp::verb::get, "/janus/" + std::to_string(session_) + "?maxev=50",
                                     nullptr);
        if (r.is_array())
          for (const auto& e : r.as_array()) on_event(e);
        else if (r.is_object())
          on_event(r);
      } catch (const std::exception& e) {
        if (!stopping_) std::cerr << "sfu_load: Janus long poll: " << e.what() << "\n";
        failed = true;
      }
      if (failed) co_await sleep_for(100ms);
    }
  }

  asio::awaitable<void> keepalive() {
    while (!stopping_) {
      co_await sleep_for(20s);
      json::object k;
      k["janus"] = "keepalive";
      k["transaction"] = transaction();
      json::value v = k;
      try {
        HttpClient own(io_.get_executor(), endpoint_); // api_ may be in the middle of a request
        co_await own.call(bhttp::verb::post, "/janus/" + std::to_string(session_), &v);
      } catch (const std::exception& e) {
        std::cerr << "sfu_load: Janus keepalive: " << e.what() << "\n";
      }
    }
  }

  asio::io_context& io_;
  Generator& gen_;
  tcp::endpoint endpoint_;
  HttpClient api_;
  HttpClient poll_;
  uint64_t session_ = 0;
  uint64_t admin_ = 0;
  uint64_t transactions_ = 0;
  std::map<std::string, json::value> events_;
  bool stopping_ = false;
};

} // namespace

std::unique_ptr<Adapter> make_janus_adapter(asio::io_context& io, Generator& gen, const AdapterOptions& o) {
  return std::make_unique<JanusAdapter>(io, gen, o);
}

} // namespace plenum::bench::sfu
