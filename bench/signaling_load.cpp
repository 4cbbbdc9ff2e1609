// Signaling load: N simulated participants in one room of a real `plenum serve` (issue 4).
//
// For each N on the command line the tool starts a fresh release server on 127.0.0.1:0 with a
// temporary data directory, creates an account, a room and a guest link over REST, then joins N
// guests one after another (or `--concurrency C` at a time) over /signaling while everyone already
// in the room keeps reading. It prints:
//   - join latency: TCP connect + WebSocket handshake + control/join_success (ticket in hand);
//   - chat fan-out latency: one chat/send to everyone until the LAST of the N participants
//     (sender included) has read the chat/message, one message at a time, senders rotating;
//   - server RSS before the joins and with N idle participants, the delta per participant;
//   - CPU seconds of the server and of this tool in each phase (the machine has 2 cores).
// Everything runs on one io_context thread (C++20 coroutines). Network: 127.0.0.1 only.
//
//   signaling_load [--plenum PATH] [--messages M] [--concurrency C] [--keep] [N ...]   (N: 100 1000 5000)

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

extern char** environ;

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using asio::awaitable;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr auto kJoinTimeout = std::chrono::seconds(30);
constexpr auto kDrainTimeout = std::chrono::seconds(300);
constexpr auto kMessageTimeout = std::chrono::seconds(30);
constexpr const char* kPassword = "quiet harbour lantern 7319";

struct Options {
  std::string plenum;
  std::vector<int> sizes;
  int messages = 100;
  int concurrency = 1;
  bool keep = false;
  bool details = false;
};

// ---------------------------------------------------------------------------------------------
// Processes and /proc

struct ProcStats {
  double cpu_seconds = 0; // utime + stime
  long rss_kib = 0;       // VmRSS
  long hwm_kib = 0;       // VmHWM
};

ProcStats proc_stats(pid_t pid) {
  ProcStats s;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  // Fields after the command name (which may contain spaces) start at ") ".
  const auto close = line.rfind(')');
  if (close != std::string::npos) {
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    unsigned long utime = 0, stime = 0;
    for (int i = 3; rest >> field; ++i) { // field 3 is the state
      if (i == 14) utime = std::stoul(field);
      if (i == 15) {
        stime = std::stoul(field);
        break;
      }
    }
    s.cpu_seconds = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) s.rss_kib = std::stol(line.substr(6));
    if (line.starts_with("VmHWM:")) s.hwm_kib = std::stol(line.substr(6));
  }
  return s;
}

double own_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

// Starts argv with stdin/stdout from the given descriptors (-1: inherit) and stderr to `err_fd`.
pid_t spawn(const std::vector<std::string>& args, int in_fd, int out_fd, int err_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in_fd >= 0) posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  if (out_fd >= 0) posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  if (err_fd >= 0) posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) fail("cannot start " + args[0] + ": " + std::strerror(rc));
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// `plenum user add ... --password-stdin`
void add_user(const Options& o, const fs::path& dir) {
  int in[2];
  if (pipe(in) != 0) fail("pipe");
  const int err = open((dir / "user-add.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const pid_t pid = spawn({o.plenum, "user", "add", "--data-dir", (dir / "data").string(), "--config",
                           (dir / "plenum.toml").string(), "--email", "load@example.org", "--name",
                           "Load Tool", "--password-stdin"},
                          in[0], err, err);
  close(in[0]);
  const std::string line = std::string(kPassword) + "\n";
  if (write(in[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) fail("write password");
  close(in[1]);
  close(err);
  if (const int rc = wait_exit(pid); rc != 0)
    fail("plenum user add exited with " + std::to_string(rc) + " (see " + (dir / "user-add.log").string() +
         ")");
}

struct Server {
  pid_t pid = -1;
  int out_fd = -1;
  uint16_t port = 0;
};

// Starts `plenum serve` and waits for "... is running: open http://127.0.0.1:PORT/".
Server start_server(const Options& o, const fs::path& dir) {
  int out[2];
  if (pipe(out) != 0) fail("pipe");
  const int err = open((dir / "server.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  Server s;
  s.pid = spawn({o.plenum, "serve", "--listen", "127.0.0.1:0", "--data-dir", (dir / "data").string(),
                 "--config", (dir / "plenum.toml").string()},
                -1, out[1], err);
  close(out[1]);
  close(err);
  s.out_fd = out[0];
  std::string text;
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (text.find('\n') == std::string::npos) {
    pollfd p{s.out_fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) fail("the server did not start in 20 s");
    char chunk[256];
    const ssize_t n = read(s.out_fd, chunk, sizeof chunk);
    if (n <= 0) fail("the server exited at start (see " + (dir / "server.log").string() + ")");
    text.append(chunk, static_cast<size_t>(n));
  }
  const auto at = text.find("http://127.0.0.1:");
  if (at == std::string::npos) fail("unexpected server output: " + text);
  s.port = static_cast<uint16_t>(std::stoi(text.substr(at + 17)));
  return s;
}

void stop_server(Server& s) {
  if (s.pid < 0) return;
  kill(s.pid, SIGTERM);
  wait_exit(s.pid);
  close(s.out_fd);
  s.pid = -1;
}

// ---------------------------------------------------------------------------------------------
// REST over one keep-alive connection

class Rest {
 public:
  Rest(asio::any_io_executor ex, tcp::endpoint server) : stream_(std::move(ex)), server_(server) {}

  awaitable<json::value> call(bhttp::verb verb, std::string target, const json::value& body,
                              const std::string& bearer = {}) {
    for (int attempt = 0;; ++attempt) {
      if (!connected_) {
        auto [ec] = co_await stream_.async_connect(server_, kNoThrow);
        if (ec) fail("connect: " + ec.message());
        connected_ = true;
      }
      bhttp::request<bhttp::string_body> req{verb, target, 11};
      req.set(bhttp::field::host, "127.0.0.1");
      req.set(bhttp::field::content_type, "application/json");
      if (!bearer.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer);
      req.body() = json::serialize(body);
      req.prepare_payload();
      req.keep_alive(true);
      auto [wec, wn] = co_await bhttp::async_write(stream_, req, kNoThrow);
      bhttp::response<bhttp::string_body> res;
      boost::system::error_code rec;
      if (!wec) std::tie(rec, std::ignore) = co_await bhttp::async_read(stream_, buffer_, res, kNoThrow);
      if (wec || rec) { // the server closed an idle keep-alive connection: reconnect once
        boost::system::error_code ignored;
        stream_.socket().close(ignored);
        connected_ = false;
        buffer_.clear();
        if (attempt == 0) continue;
        fail(std::string(bhttp::to_string(verb)) + " " + target + ": " + (wec ? wec : rec).message());
      }
      if (!res.keep_alive()) {
        boost::system::error_code ignored;
        stream_.socket().close(ignored);
        connected_ = false;
      }
      if (res.result_int() / 100 != 2)
        fail(std::string(bhttp::to_string(verb)) + " " + target + ": HTTP " +
             std::to_string(res.result_int()) + " " + res.body());
      co_return json::parse(res.body());
    }
  }

 private:
  beast::tcp_stream stream_;
  tcp::endpoint server_;
  beast::flat_buffer buffer_;
  bool connected_ = false;
};

// ---------------------------------------------------------------------------------------------
// Participants

struct Participant {
  explicit Participant(asio::any_io_executor ex) : ws(std::move(ex)) {}
  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buffer;
  bool open = false;
  bool joined = false; // control/join_success received
  Clock::time_point joined_at;
  size_t listed = 0;        // participants listed in its join_success
  size_t joined_events = 0; // control/joined received
};

// The first `"key":"value"` at or after `from` (the server writes namespace first and the payload's
// `message` first in the payload, so both are near the front even in a 1 MB join_success).
std::string_view string_field(std::string_view text, std::string_view key, size_t from = 0) {
  std::string pattern = "\"" + std::string(key) + "\":\"";
  const auto at = text.find(pattern, from);
  if (at == std::string_view::npos) return {};
  const auto start = at + pattern.size();
  const auto end = text.find('"', start);
  if (end == std::string_view::npos) return {};
  return text.substr(start, end - start);
}

size_t count_of(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + needle.size()))
    ++n;
  return n;
}

struct Stats {
  std::vector<double> join_ms;
  std::vector<double> fanout_ms;
  size_t closed_too_slow = 0; // 4008
  size_t closed_other = 0;
  size_t read_errors = 0;
  std::vector<std::string> close_notes;
  size_t unexpected_frames = 0;
  std::vector<std::string> unexpected_notes;
  size_t chat_errors = 0;
  size_t list_mismatch = 0; // join_success listing fewer than the participants already joined
  size_t last_listed = 0;
};

struct Run {
  explicit Run(asio::io_context& context) : io(context), event(context, Clock::time_point::max()) {}
  asio::io_context& io;
  std::vector<std::unique_ptr<Participant>> people;
  asio::steady_timer event; // expiry stays at max: cancel() wakes every waiter, who re-checks
  Stats stats;
  bool stopping = false;
  size_t joined_events = 0; // control/joined received by anyone
  size_t open = 0;
  // Fan-out of the current message.
  std::string marker;
  size_t receipts = 0;
  Clock::time_point last_receipt;

  void notify() { event.cancel(); }
  awaitable<void> wait() { co_await event.async_wait(kNoThrow); }
};

awaitable<void> read_loop(Run& run, Participant& p) {
  for (;;) {
    p.buffer.clear();
    auto [ec, n] = co_await p.ws.async_read(p.buffer, kNoThrow);
    const auto now = Clock::now();
    if (ec) {
      p.open = false;
      --run.open;
      if (!run.stopping) {
        if (ec == websocket::error::closed) {
          const auto code = p.ws.reason().code;
          if (code == 4008)
            ++run.stats.closed_too_slow;
          else
            ++run.stats.closed_other;
          if (run.stats.close_notes.size() < 5)
            run.stats.close_notes.push_back("close " + std::to_string(code) + " " +
                                            std::string(p.ws.reason().reason.c_str()));
        } else {
          ++run.stats.read_errors;
          if (run.stats.close_notes.size() < 5) run.stats.close_notes.push_back("read: " + ec.message());
        }
      }
      run.notify();
      co_return;
    }
    const auto data = p.buffer.cdata();
    const std::string_view text(static_cast<const char*>(data.data()), data.size());
    const auto ns = string_field(text, "namespace");
    const auto message = string_field(text, "message");
    if (ns == "control" && message == "joined") {
      ++p.joined_events;
      ++run.joined_events;
    } else if (ns == "chat" && message == "message") {
      if (!run.marker.empty() && text.find(run.marker) != std::string_view::npos) {
        run.last_receipt = now;
        if (++run.receipts == run.people.size()) run.notify();
      } else {
        ++run.stats.unexpected_frames;
      }
    } else if (ns == "control" && message == "join_success") {
      p.joined = true;
      p.joined_at = now;
      p.listed = count_of(text, "\"kind\":\""); // one per listed participant
      run.notify();
    } else {
      if (ns == "chat" && message == "error") ++run.stats.chat_errors;
      ++run.stats.unexpected_frames;
      if (run.stats.unexpected_notes.size() < 5)
        run.stats.unexpected_notes.push_back(std::string(text.substr(0, 300)));
      run.notify();
    }
    // A late joiner's join_success is ~1 MB at 5,000: do not keep that per idle client.
    if (p.buffer.capacity() > 64 * 1024) p.buffer.shrink_to_fit();
  }
}

double percentile(std::vector<double> v, double pct) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<size_t>(std::ceil(pct / 100.0 * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

struct Phase {
  double wall_s = 0;
  double server_cpu_s = 0;
  double tool_cpu_s = 0;
};

struct Result {
  int n = 0;
  int concurrency = 1;
  Stats stats;
  long rss_before_kib = 0;
  long rss_idle_kib = 0;
  long hwm_kib = 0;
  Phase join;
  Phase drain; // after the last join_success until every joined event was read
  Phase fanout;
  bool complete = false;
  std::string failure;
};

struct Setup {
  std::string room_id;
  std::string invite;
};

awaitable<void> joiner(Run& run, Rest& rest, const Setup& setup, size_t& next, tcp::endpoint server) {
  while (next < run.people.size() && !run.stopping) {
    const size_t i = next++;
    const size_t done_before = run.stats.join_ms.size(); // these are admitted: they must be listed
    json::object body;
    body["invite_code"] = setup.invite;
    body["display_name"] = "Guest " + std::to_string(i + 1);
    auto admission =
        co_await rest.call(bhttp::verb::post, "/api/v1/rooms/" + setup.room_id + "/start_invited", body);
    const std::string ticket(admission.at("ticket").as_string());
    const std::string protocols = "plenum.v1, ticket." + ticket;
    auto& p = *run.people[i];
    p.ws.set_option(websocket::stream_base::decorator([protocols](websocket::request_type& req) {
      req.set(bhttp::field::sec_websocket_protocol, protocols);
    }));
    p.ws.read_message_max(64 * 1024 * 1024);
    p.ws.auto_fragment(false);
    const auto started = Clock::now();
    auto [cec] = co_await beast::get_lowest_layer(p.ws).async_connect(server, kNoThrow);
    if (cec) fail("participant " + std::to_string(i) + ": connect: " + cec.message());
    beast::get_lowest_layer(p.ws).expires_never();
    // Small frames leave at once: no Nagle delay on the client's side (it is not what is measured).
    beast::get_lowest_layer(p.ws).socket().set_option(tcp::no_delay(true));
    p.ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    websocket::response_type res;
    auto [hec] = co_await p.ws.async_handshake(res, "127.0.0.1", "/signaling", kNoThrow);
    if (hec) fail("participant " + std::to_string(i) + ": handshake: " + hec.message());
    if (res[bhttp::field::sec_websocket_protocol] != "plenum.v1") fail("the server did not select plenum.v1");
    p.open = true;
    ++run.open;
    asio::co_spawn(run.io, read_loop(run, p), asio::detached);
    const auto deadline = started + kJoinTimeout;
    while (!p.joined && p.open && Clock::now() < deadline) co_await run.wait();
    if (!p.joined) fail("participant " + std::to_string(i) + " got no join_success (see the close notes)");
    run.stats.join_ms.push_back(std::chrono::duration<double, std::milli>(p.joined_at - started).count());
    if (p.listed < done_before + 1) ++run.stats.list_mismatch;
    run.stats.last_listed = p.listed;
  }
}

// Wakes waiters regularly so that every wait also notices its deadline.
awaitable<void> ticker(Run& run) {
  asio::steady_timer t(run.io);
  while (!run.stopping) {
    t.expires_after(std::chrono::milliseconds(100));
    co_await t.async_wait(kNoThrow);
    run.notify();
  }
}

awaitable<void> settle(asio::io_context& io, std::chrono::milliseconds d) {
  asio::steady_timer t(io, d);
  co_await t.async_wait(kNoThrow);
}

awaitable<void> run_one(asio::io_context& io, const Options& o, Server& server, Result& result) {
  Run run(io);
  asio::co_spawn(io, ticker(run), asio::detached);
  const tcp::endpoint endpoint(asio::ip::make_address_v4("127.0.0.1"), server.port);
  const size_t n = static_cast<size_t>(result.n);
  try {
    Rest rest(io.get_executor(), endpoint);
    // (Request bodies are built before each co_await: g++ 12 cannot keep an initializer list alive
    // across a suspension point.)
    json::object credentials;
    credentials["email"] = "load@example.org";
    credentials["password"] = kPassword;
    auto login = co_await rest.call(bhttp::verb::post, "/api/v1/auth/login", credentials);
    const std::string token(login.at("access_token").as_string());
    json::object settings;
    settings["name"] = "Load " + std::to_string(n);
    settings["guest_access"] = "direct";
    settings["waiting_room"] = "off";
    settings["max_participants"] = result.n; // up to 10,000 (src/services/rooms.cpp)
    auto room = co_await rest.call(bhttp::verb::post, "/api/v1/rooms", settings, token);
    Setup setup;
    setup.room_id = std::string(room.at("id").as_string());
    const json::object empty;
    auto invite =
        co_await rest.call(bhttp::verb::post, "/api/v1/rooms/" + setup.room_id + "/invites", empty, token);
    setup.invite = std::string(invite.at("code").as_string());

    for (size_t i = 0; i < n; ++i) run.people.push_back(std::make_unique<Participant>(io.get_executor()));
    co_await settle(io, std::chrono::milliseconds(500));
    const auto before = proc_stats(server.pid);
    result.rss_before_kib = before.rss_kib;
    const double tool0 = own_cpu_seconds();
    const auto t0 = Clock::now();

    // Join phase: `concurrency` joiners, each one participant at a time, with its own REST connection.
    size_t next = 0;
    std::vector<std::unique_ptr<Rest>> rests;
    for (int c = 0; c < o.concurrency; ++c)
      rests.push_back(std::make_unique<Rest>(io.get_executor(), endpoint));
    {
      size_t done = 0;
      std::optional<std::string> error;
      for (auto& r : rests) {
        asio::co_spawn(io, joiner(run, *r, setup, next, endpoint), [&](std::exception_ptr e) {
          if (e && !error) {
            next = run.people.size(); // the other joiners stop too
            try {
              std::rethrow_exception(e);
            } catch (const std::exception& x) {
              error = x.what();
            }
          }
          ++done;
          run.notify();
        });
      }
      while (done < rests.size()) co_await run.wait();
      if (error) fail(*error);
    }
    const auto t1 = Clock::now();
    const auto after_join = proc_stats(server.pid);
    const double tool1 = own_cpu_seconds();
    result.join = {std::chrono::duration<double>(t1 - t0).count(),
                   after_join.cpu_seconds - before.cpu_seconds, tool1 - tool0};

    // Everyone has read the joined event of everyone after them: N(N-1)/2 in all.
    const size_t expected = n * (n - 1) / 2;
    const auto drain_deadline = Clock::now() + kDrainTimeout;
    while (run.joined_events < expected && run.open == n && Clock::now() < drain_deadline)
      co_await run.wait();
    if (run.joined_events < expected)
      fail("only " + std::to_string(run.joined_events) + " of " + std::to_string(expected) +
           " joined events arrived (" + std::to_string(n - run.open) + " connections closed)");
    const auto t2 = Clock::now();
    const auto after_drain = proc_stats(server.pid);
    const double tool2 = own_cpu_seconds();
    result.drain = {std::chrono::duration<double>(t2 - t1).count(),
                    after_drain.cpu_seconds - after_join.cpu_seconds, tool2 - tool1};

    // Idle: nothing is sent for 2 s, then the server's RSS.
    co_await settle(io, std::chrono::milliseconds(2000));
    const auto idle = proc_stats(server.pid);
    result.rss_idle_kib = idle.rss_kib;

    // Fan-out: one message at a time, each from another participant (chat allows 5 per 5 s each).
    const double tool3 = own_cpu_seconds();
    const auto t3 = Clock::now();
    const size_t messages = std::min(static_cast<size_t>(o.messages), 5 * n);
    for (size_t m = 0; m < messages; ++m) {
      auto& sender = *run.people[(m * 7) % n];
      run.marker = "load message " + std::to_string(m) + " ";
      run.receipts = 0;
      const std::string frame =
          json::serialize(json::object{{"namespace", "chat"},
                                       {"payload", json::object{{"action", "send"},
                                                                {"scope", "everyone"},
                                                                {"content", run.marker + "from the tool"}}}});
      const auto sent = Clock::now();
      auto [wec, wn] = co_await sender.ws.async_write(asio::buffer(frame), kNoThrow);
      if (wec) fail("chat send: " + wec.message());
      const auto deadline = sent + kMessageTimeout;
      const size_t errors = run.stats.chat_errors;
      while (run.receipts < n && run.open == n && run.stats.chat_errors == errors && Clock::now() < deadline)
        co_await run.wait();
      if (run.receipts < n)
        fail("message " + std::to_string(m) + " reached " + std::to_string(run.receipts) + " of " +
             std::to_string(n));
      run.stats.fanout_ms.push_back(
          std::chrono::duration<double, std::milli>(run.last_receipt - sent).count());
    }
    run.marker.clear();
    const auto t4 = Clock::now();
    const auto after_fanout = proc_stats(server.pid);
    result.fanout = {std::chrono::duration<double>(t4 - t3).count(),
                     after_fanout.cpu_seconds - idle.cpu_seconds, own_cpu_seconds() - tool3};
    result.hwm_kib = after_fanout.hwm_kib;
    result.complete = true;
  } catch (const std::exception& e) {
    result.failure = e.what();
  }
  result.stats = run.stats;

  // Drop every connection (not counted as closes) and let the readers finish.
  run.stopping = true;
  for (auto& p : run.people) {
    boost::system::error_code ignored;
    beast::get_lowest_layer(p->ws).socket().close(ignored);
  }
  while (run.open > 0) co_await run.wait();
  co_await settle(io, std::chrono::milliseconds(150)); // the ticker ends
}

// ---------------------------------------------------------------------------------------------
// Driver and report

std::string fixed(double v, int decimals) {
  char out[64];
  std::snprintf(out, sizeof out, "%.*f", decimals, v);
  return out;
}

std::string mib(long kib) { return fixed(static_cast<double>(kib) / 1024.0, 1) + " MiB"; }

Result measure(const Options& o, int n) {
  Result result;
  result.n = n;
  result.concurrency = o.concurrency;
  std::string templ = (fs::temp_directory_path() / "plenum-signaling-load-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) fail("mkdtemp");
  const fs::path dir = templ;
  {
    std::ofstream config(dir / "plenum.toml");
    config << "# written by bench/signaling_load\n"
              "[http]\nmax_connections = 20000\n"
              "[log]\nlevel = \"warn\"\n";
  }
  add_user(o, dir);
  Server server = start_server(o, dir);
  std::cout << "N=" << n << ": server pid " << server.pid << " on 127.0.0.1:" << server.port << ", data in "
            << dir << std::endl;
  try {
    asio::io_context io(1);
    asio::co_spawn(io, run_one(io, o, server, result), [](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    });
    io.run();
  } catch (...) {
    stop_server(server);
    throw;
  }
  stop_server(server);
  if (!o.keep) fs::remove_all(dir);
  return result;
}

void print_one(const Options& o, const Result& r) {
  const auto& s = r.stats;
  std::cout << "\n== N = " << r.n << " participants, one room, joins "
            << (r.concurrency == 1 ? "sequential" : "")
            << (r.concurrency == 1 ? "" : std::to_string(r.concurrency) + " at a time") << "\n";
  if (!r.complete) std::cout << "   INCOMPLETE: " << r.failure << "\n";
  std::cout << "   join (connect+handshake+join_success): " << s.join_ms.size() << " joins, p50 "
            << fixed(percentile(s.join_ms, 50), 2) << " ms, p99 " << fixed(percentile(s.join_ms, 99), 2)
            << " ms, max " << fixed(percentile(s.join_ms, 100), 2) << " ms; last join_success listed "
            << s.last_listed << " participants";
  if (s.list_mismatch) std::cout << " (" << s.list_mismatch << " listed too few)";
  std::cout << "\n   join phase: " << fixed(r.join.wall_s, 2) << " s wall, server CPU "
            << fixed(r.join.server_cpu_s, 2) << " s, tool CPU " << fixed(r.join.tool_cpu_s, 2)
            << " s; draining the last joined events: " << fixed(r.drain.wall_s, 2) << " s wall, server "
            << fixed(r.drain.server_cpu_s, 2) << " s, tool " << fixed(r.drain.tool_cpu_s, 2) << " s\n";
  std::cout << "   fan-out (send -> last of N receivers): " << s.fanout_ms.size() << " messages, p50 "
            << fixed(percentile(s.fanout_ms, 50), 2) << " ms, p99 " << fixed(percentile(s.fanout_ms, 99), 2)
            << " ms, max " << fixed(percentile(s.fanout_ms, 100), 2) << " ms\n";
  std::cout << "   fan-out phase: " << fixed(r.fanout.wall_s, 2) << " s wall, server CPU "
            << fixed(r.fanout.server_cpu_s, 2) << " s, tool CPU " << fixed(r.fanout.tool_cpu_s, 2) << " s\n";
  const long delta = r.rss_idle_kib - r.rss_before_kib;
  std::cout << "   server RSS: before joins " << mib(r.rss_before_kib) << ", " << r.n << " idle participants "
            << mib(r.rss_idle_kib) << " (+" << fixed(static_cast<double>(delta) / r.n, 1)
            << " KiB per participant), peak (VmHWM) " << mib(r.hwm_kib) << "\n";
  std::cout << "   closes: " << s.closed_too_slow << " too slow (4008), " << s.closed_other << " other, "
            << s.read_errors << " read errors; unexpected frames " << s.unexpected_frames << "\n";
  for (const auto& note : s.close_notes) std::cout << "     " << note << "\n";
  for (const auto& note : s.unexpected_notes) std::cout << "     frame: " << note << "\n";
  if (o.details) {
    std::cout << "   fan-out latencies (ms, in sending order):";
    for (double v : s.fanout_ms) std::cout << " " << fixed(v, 2);
    std::cout << "\n";
  }
}

void print_table(const std::vector<Result>& results) {
  std::cout
      << "\n| N | join p50 | join p99 | join max | fan-out p50 | fan-out p99 | fan-out max | RSS before "
         "→ idle | per participant | server CPU join / fan-out | tool CPU join / fan-out | 4008 closes |\n"
         "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : results) {
    const auto& s = r.stats;
    const double per = static_cast<double>(r.rss_idle_kib - r.rss_before_kib) / r.n;
    std::cout << "| " << r.n << (r.complete ? "" : " (incomplete)") << " | "
              << fixed(percentile(s.join_ms, 50), 2) << " ms | " << fixed(percentile(s.join_ms, 99), 2)
              << " ms | " << fixed(percentile(s.join_ms, 100), 2) << " ms | "
              << fixed(percentile(s.fanout_ms, 50), 2) << " ms | " << fixed(percentile(s.fanout_ms, 99), 2)
              << " ms | " << fixed(percentile(s.fanout_ms, 100), 2) << " ms | " << mib(r.rss_before_kib)
              << " → " << mib(r.rss_idle_kib) << " | " << fixed(per, 1) << " KiB | "
              << fixed(r.join.server_cpu_s + r.drain.server_cpu_s, 2) << " s in "
              << fixed(r.join.wall_s + r.drain.wall_s, 1) << " s / " << fixed(r.fanout.server_cpu_s, 2)
              << " s in " << fixed(r.fanout.wall_s, 1) << " s | "
              << fixed(r.join.tool_cpu_s + r.drain.tool_cpu_s, 2) << " s / " << fixed(r.fanout.tool_cpu_s, 2)
              << " s | " << s.closed_too_slow << " |\n";
  }
}

int usage() {
  std::cerr << "usage: signaling_load [--plenum PATH] [--messages M] [--concurrency C] [--keep] [N ...]\n"
               "  N: participants in one room, a fresh server each (default 100 1000 5000)\n"
               "  --plenum: the release server (default: ../plenum next to this program)\n"
               "  --messages: chat messages for the fan-out (default 100)\n"
               "  --concurrency: joins in flight at once (default 1: one after another)\n"
               "  --keep: keep the temporary data directories\n"
               "  --details: also print every fan-out latency, in sending order\n";
  return 2;
}

} // namespace

int main(int argc, char** argv) {
  Options o;
  o.plenum = (fs::absolute(fs::path(argv[0])).parent_path().parent_path() / "plenum").string();
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string_view a = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(std::string(a));
        return argv[++i];
      };
      if (a == "--plenum") {
        o.plenum = fs::absolute(value()).string();
      } else if (a == "--messages") {
        o.messages = std::stoi(value());
      } else if (a == "--concurrency") {
        o.concurrency = std::stoi(value());
      } else if (a == "--details") {
        o.details = true;
      } else if (a == "--keep") {
        o.keep = true;
      } else if (!a.empty() && a[0] != '-') {
        o.sizes.push_back(std::stoi(std::string(a)));
      } else {
        return usage();
      }
    }
  } catch (const std::exception&) {
    return usage();
  }
  if (o.sizes.empty()) o.sizes = {100, 1000, 5000};
  if (o.messages < 1 || o.concurrency < 1 ||
      std::any_of(o.sizes.begin(), o.sizes.end(), [](int n) { return n < 2; }))
    return usage();
  if (!fs::exists(o.plenum)) {
    std::cerr << "signaling_load: no server at " << o.plenum << " (build it or pass --plenum)\n";
    return 1;
  }
  // Each participant is one descriptor here and one in the server (which inherits the limit).
  rlimit files{};
  getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  setrlimit(RLIMIT_NOFILE, &files);
  signal(SIGPIPE, SIG_IGN);

  std::cout << "Signaling load: " << o.plenum << ", " << sysconf(_SC_NPROCESSORS_ONLN) << " CPUs, "
            << o.messages << " chat messages per N, joins "
            << (o.concurrency == 1 ? std::string("one after another")
                                   : std::to_string(o.concurrency) + " at a time")
            << ", descriptor limit " << files.rlim_cur << "\n";
  std::vector<Result> results;
  bool ok = true;
  for (int n : o.sizes) {
    try {
      results.push_back(measure(o, n));
    } catch (const std::exception& e) {
      std::cerr << "N=" << n << ": " << e.what() << "\n";
      ok = false;
      continue;
    }
    print_one(o, results.back());
    ok = ok && results.back().complete;
    std::cout.flush();
  }
  print_table(results);
  return ok ? 0 : 1;
}
