// SFU load generator (issue 7): many publishers and subscribers from one process against one
// SFU (Plenum or Janus), full WebRTC transport per peer connection (ICE, DTLS, SRTP) with
// pre-encoded VP8 simulcast and Opus, ramped in steps. Prints one JSON object per step on
// standard output; progress on standard error. Started by bench/sfu_bench.py inside a private
// network namespace (scripts/bench-sfu), next to the server it measures.
//
//   sfu_load --server plenum|janus --http-port P --media-ip IP --media-dir DIR --server-pid PID
//            --scenario livestream|meeting|audio [--scale F] [--seconds S] [--email E --password W]
//            [--max-steps N]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "adapter.hpp"
#include "http_client.hpp"
#include "server_delay.hpp"

namespace plenum::bench::sfu {
namespace {

using namespace std::chrono_literals;

struct Options {
  std::string server;
  std::string scenario;
  AdapterOptions adapter;
  std::string media_ip = "127.0.0.1";
  std::string media_dir;
  pid_t server_pid = 0;
  double scale = 1.0;
  int seconds = 10;
  int max_steps = 8;
};

double process_cpu(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto close = line.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  unsigned long utime = 0, stime = 0;
  for (int i = 3; rest >> field; ++i) {
    if (i == 14) utime = std::stoul(field);
    if (i == 15) {
      stime = std::stoul(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double own_cpu() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return s(u.ru_utime) + s(u.ru_stime);
}

// (busy, total) jiffies of the whole machine.
std::pair<double, double> machine_cpu() {
  std::ifstream stat("/proc/stat");
  std::string cpu;
  stat >> cpu;
  double v[8] = {};
  for (double& x : v) stat >> x;
  double total = 0;
  for (double x : v) total += x;
  return {total - v[3] - v[4], total};
}

// The scenario's shape at one ramp step.
struct Shape {
  size_t rooms = 1;
  size_t publishers_per_room = 1; // publishers that do not subscribe (livestream, audio)
  size_t subscribers_per_room = 0;
  size_t members_per_room = 0; // meeting: publish and subscribe
  bool video = true;
};

std::vector<Shape> ramp(const Options& o) {
  auto scaled = [&](double n) { return std::max<size_t>(1, static_cast<size_t>(std::lround(n * o.scale))); };
  std::vector<Shape> steps;
  if (o.scenario == "livestream") { // 1 → 200, then on until saturation
    for (double f : {0.125, 0.25, 0.5, 1.0, 2.0, 4.0}) steps.push_back({1, 1, scaled(200 * f), 0, true});
  } else if (o.scenario == "meeting") { // 10 × 10 (everyone publishes and receives the 9 others)
    const size_t size = std::max<size_t>(3, scaled(10));
    for (size_t rooms : {1, 2, 4, 8, 16}) steps.push_back({rooms, 0, 0, size, true});
  } else if (o.scenario == "audio") { // 50 speakers' audio to 300 listeners
    for (double f : {0.0625, 0.125, 0.25, 0.5, 1.0})
      steps.push_back({1, scaled(50), scaled(300 * f), 0, false});
  } else {
    throw std::runtime_error("unknown scenario " + o.scenario);
  }
  if (steps.size() > static_cast<size_t>(o.max_steps)) steps.resize(static_cast<size_t>(o.max_steps));
  return steps;
}

struct World {
  std::vector<std::unique_ptr<Participant>> people;
  size_t rooms = 0;
};

asio::awaitable<void> grow(Adapter& adapter, World& w, const Shape& shape) {
  std::vector<Participant*> added;
  auto add = [&](size_t room, bool publishes, bool subscribes, bool video) {
    auto p = std::make_unique<Participant>();
    p->room = room;
    p->index = w.people.size();
    p->audio = publishes;
    p->video = publishes && video;
    p->subscribe = subscribes;
    added.push_back(p.get());
    w.people.push_back(std::move(p));
  };
  for (size_t r = 0; r < shape.rooms; ++r) {
    const bool fresh = r >= w.rooms;
    if (fresh) co_await adapter.create_room(r);
    size_t publishers = 0, subscribers = 0, members = 0;
    for (const auto& p : w.people) {
      if (p->room != r) continue;
      if (p->publishes() && p->subscribe)
        ++members;
      else if (p->publishes())
        ++publishers;
      else
        ++subscribers;
    }
    for (; publishers < shape.publishers_per_room; ++publishers) add(r, true, false, shape.video);
    for (; members < shape.members_per_room; ++members) add(r, true, true, shape.video);
    for (; subscribers < shape.subscribers_per_room; ++subscribers) add(r, false, true, shape.video);
  }
  w.rooms = std::max(w.rooms, shape.rooms);
  // Publishers first (Janus subscribers name the feeds they want), then the subscriptions.
  for (auto* p : added)
    if (p->publishes()) co_await adapter.join(*p);
  // Janus offers a feed only once its publisher's PeerConnection is up ("No such feed" before).
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  auto publishing = [&] {
    return std::all_of(added.begin(), added.end(),
                       [](auto* p) { return !p->publish || p->publish->connected(); });
  };
  while (!publishing() && std::chrono::steady_clock::now() < deadline) co_await sleep_for(10ms);
  co_await sleep_for(500ms);
  for (auto* p : added)
    if (!p->publishes()) co_await adapter.join(*p);
  for (auto* p : added) {
    if (!p->subscribe) continue;
    std::vector<Participant*> feeds;
    for (const auto& q : w.people)
      if (q->room == p->room && q.get() != p && q->publishes()) feeds.push_back(q.get());
    co_await adapter.subscribe(*p, feeds);
  }
}

std::string fixed(double v, int digits = 2) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(digits);
  s << v;
  return s.str();
}

// A number, or null for what JSON cannot carry (above the histogram's largest bound).
std::string json_number(double v) { return std::isfinite(v) ? fixed(v, 0) : "null"; }

asio::awaitable<void> run(const Options& o, Adapter& adapter, Generator& gen) {
  co_await adapter.start();
  World world;
  const auto steps = ramp(o);
  for (size_t i = 0; i < steps.size(); ++i) {
    const Shape& shape = steps[i];
    const auto t0 = std::chrono::steady_clock::now();
    co_await grow(adapter, world, shape);
    // Every peer connection up (ICE + DTLS), then a few seconds for key frames and layers.
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (gen.connected_peers() < gen.peers() && std::chrono::steady_clock::now() < deadline)
      co_await sleep_for(20ms);
    if (gen.connected_peers() < gen.peers()) {
      std::string why;
      for (const auto& s : gen.unconnected_states(5)) why += "\n  " + s;
      throw std::runtime_error(std::to_string(gen.peers() - gen.connected_peers()) + " of " +
                               std::to_string(gen.peers()) + " peer connections did not connect:" + why);
    }
    std::cerr << "sfu_load: " << o.server << " " << o.scenario << " step " << i + 1 << ": " << gen.peers()
              << " peer connections up after "
              << fixed(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 1)
              << " s\n";
    co_await sleep_for(3s);

    auto& totals = gen.totals();
    totals.latency.clear();
    const uint64_t packets0 = totals.packets, expected0 = gen.expected_packets(), sent0 = gen.sent_packets();
    const auto delay0 = parse_send_delay(co_await adapter.metrics());
    const double server0 = process_cpu(o.server_pid), own0 = own_cpu();
    const auto machine0 = machine_cpu();
    const auto w0 = std::chrono::steady_clock::now();
    co_await sleep_for(std::chrono::seconds(o.seconds));
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
    const uint64_t packets = totals.packets - packets0, expected = gen.expected_packets() - expected0;
    const uint64_t sent = gen.sent_packets() - sent0;
    const double server_cpu = process_cpu(o.server_pid) - server0, tool_cpu = own_cpu() - own0;
    const auto delay = summarize_delay(delay0, parse_send_delay(co_await adapter.metrics()));
    const auto machine1 = machine_cpu();
    const double busy = (machine1.first - machine0.first) / std::max(1.0, machine1.second - machine0.second);
    const double loss =
        expected > 0 ? 1.0 - static_cast<double>(packets) / static_cast<double>(expected) : 1.0;
    const double rate = static_cast<double>(packets) / wall;
    const double cores = server_cpu / wall;
    size_t publishers = 0, subscriptions = 0;
    for (const auto& p : world.people) {
      publishers += p->publishes();
      subscriptions += p->subscribe;
    }
    // Loss above 1 %, or the server using a whole core (Plenum forwards on one media worker; the
    // generator needs the other core of this machine). The machine is shared: its load is only reported.
    const bool saturated = loss > 0.01 || cores >= 0.9;
    std::cout << "{\"server\":\"" << o.server << "\",\"scenario\":\"" << o.scenario << "\",\"step\":" << i + 1
              << ",\"rooms\":" << shape.rooms << ",\"publishers\":" << publishers
              << ",\"subscribers\":" << subscriptions << ",\"seconds\":" << fixed(wall, 2)
              << ",\"sent_packets\":" << sent << ",\"forwarded_packets\":" << packets
              << ",\"expected_packets\":" << expected << ",\"forwarded_per_s\":" << fixed(rate, 1)
              << ",\"loss\":" << fixed(std::max(0.0, loss), 5)
              << ",\"latency_p50_us\":" << totals.latency.percentile(50)
              << ",\"latency_p99_us\":" << totals.latency.percentile(99)
              << ",\"latency_samples\":" << totals.latency.count;
    if (delay)
      std::cout << ",\"server_delay_p50_us\":" << json_number(delay->p50_us)
                << ",\"server_delay_p99_us\":" << json_number(delay->p99_us)
                << ",\"server_delay_within_1ms\":" << fixed(delay->within_1ms, 5)
                << ",\"server_delay_samples\":" << delay->count;
    std::cout << ",\"server_cpu_s\":" << fixed(server_cpu, 3) << ",\"server_cores\":" << fixed(cores, 3)
              << ",\"server_cpu_us_per_packet\":"
              << fixed(packets ? server_cpu * 1e6 / static_cast<double>(packets) : 0, 3)
              << ",\"packets_per_server_cpu_s\":"
              << fixed(server_cpu > 0 ? static_cast<double>(packets) / server_cpu : 0, 0)
              << ",\"generator_cpu_s\":" << fixed(tool_cpu, 3) << ",\"machine_busy\":" << fixed(busy, 3)
              << ",\"silent_subscribers\":" << gen.silent_receivers()
              << ",\"unprotect_failures\":" << totals.unprotect_failures
              << ",\"untagged\":" << totals.untagged << ",\"saturated\":" << (saturated ? "true" : "false")
              << "}" << std::endl;
    if (saturated) break;
  }
  adapter.stop();
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--server")
      o.server = next();
    else if (a == "--scenario")
      o.scenario = next();
    else if (a == "--http-port")
      o.adapter.http_port = static_cast<uint16_t>(std::stoi(next()));
    else if (a == "--media-ip")
      o.media_ip = next();
    else if (a == "--media-dir")
      o.media_dir = next();
    else if (a == "--server-pid")
      o.server_pid = std::stoi(next());
    else if (a == "--scale")
      o.scale = std::stod(next());
    else if (a == "--seconds")
      o.seconds = std::stoi(next());
    else if (a == "--max-steps")
      o.max_steps = std::stoi(next());
    else if (a == "--email")
      o.adapter.email = next();
    else if (a == "--password")
      o.adapter.password = next();
    else
      throw std::runtime_error("unknown argument " + a);
  }
  if (o.server.empty() || o.scenario.empty() || o.media_dir.empty() || o.adapter.http_port == 0 ||
      o.server_pid == 0)
    throw std::runtime_error(
        "usage: sfu_load --server plenum|janus --scenario livestream|meeting|audio --http-port P "
        "--media-ip IP --media-dir DIR --server-pid PID [--scale F] [--seconds S]");
  return o;
}

} // namespace
} // namespace plenum::bench::sfu

int main(int argc, char** argv) {
  using namespace plenum::bench::sfu;
  try {
    const Options o = parse(argc, argv);
    MediaSet media;
    media.audio = load_opus_ogg(o.media_dir + "/audio.ogg");
    const char* names[] = {"q", "h", "f"};
    for (int i = 0; i < 3; ++i) media.video[i] = load_vp8_ivf(o.media_dir + "/" + names[i] + ".ivf");
    std::cerr << "sfu_load: media: opus " << fixed(media.audio.bitrate_kbps(), 0) << " kbit/s; VP8 q/h/f "
              << fixed(media.video[0].bitrate_kbps(), 0) << "/" << fixed(media.video[1].bitrate_kbps(), 0)
              << "/" << fixed(media.video[2].bitrate_kbps(), 0) << " kbit/s, " << media.video[2].packets
              << " packets in " << media.video[2].frames.size() << " frames (f)\n";
    Generator gen(o.media_ip, media);
    asio::io_context io;
    auto adapter = o.server == "janus" ? make_janus_adapter(io, gen, o.adapter)
                                       : make_plenum_adapter(io, gen, o.adapter);
    bool done = false;
    std::exception_ptr error;
    asio::co_spawn(io, run(o, *adapter, gen), [&](std::exception_ptr e) {
      error = e;
      done = true;
    });
    while (!done) {
      if (io.stopped()) io.restart();
      io.poll();
      gen.turn(1);
    }
    if (error) std::rethrow_exception(error);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "sfu_load: " << e.what() << "\n";
    return 1;
  }
}
