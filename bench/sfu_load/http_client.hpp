#pragma once
// A small HTTP/1.1 JSON client over one keep-alive connection (Boost.Beast, coroutines),
// reconnecting once when the server closed an idle connection. Included by the adapters only.

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <stdexcept>
#include <string>

namespace plenum::bench::sfu {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
inline constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

class HttpClient {
 public:
  HttpClient(asio::any_io_executor ex, tcp::endpoint server) : stream_(std::move(ex)), server_(server) {}

  asio::awaitable<json::value> call(bhttp::verb verb, std::string target, const json::value* body,
                                    std::string bearer = {}) {
    const std::string text = co_await request(verb, std::move(target), body, std::move(bearer));
    co_return text.empty() ? json::value() : json::parse(text);
  }

  // The response body of a 2xx answer (throws otherwise).
  asio::awaitable<std::string> request(bhttp::verb verb, std::string target, const json::value* body,
                                       std::string bearer = {}) {
    for (int attempt = 0;; ++attempt) {
      if (!connected_) {
        auto [ec] = co_await stream_.async_connect(server_, kNoThrow);
        if (ec) throw std::runtime_error("connect: " + ec.message());
        stream_.expires_never();
        connected_ = true;
      }
      bhttp::request<bhttp::string_body> req{verb, target, 11};
      req.set(bhttp::field::host, "127.0.0.1");
      req.set(bhttp::field::content_type, "application/json");
      if (!bearer.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer);
      if (body) req.body() = json::serialize(*body);
      req.prepare_payload();
      req.keep_alive(true);
      auto [wec, wn] = co_await bhttp::async_write(stream_, req, kNoThrow);
      bhttp::response<bhttp::string_body> res;
      boost::system::error_code rec;
      if (!wec) std::tie(rec, std::ignore) = co_await bhttp::async_read(stream_, buffer_, res, kNoThrow);
      if (wec || rec) {
        boost::system::error_code ignored;
        stream_.socket().close(ignored);
        connected_ = false;
        buffer_.clear();
        if (attempt == 0) continue;
        throw std::runtime_error(target + ": " + (wec ? wec : rec).message());
      }
      if (!res.keep_alive()) {
        boost::system::error_code ignored;
        stream_.socket().close(ignored);
        connected_ = false;
      }
      if (res.result_int() / 100 != 2)
        throw std::runtime_error(target + ": HTTP " + std::to_string(res.result_int()) + " " + res.body());
      co_return std::move(res.body());
    }
  }

 private:
  beast::tcp_stream stream_;
  tcp::endpoint server_;
  beast::flat_buffer buffer_;
  bool connected_ = false;
};

// Wakes every waiter when anything happened (they re-check their condition).
class Notifier {
 public:
  explicit Notifier(asio::io_context& io) : timer_(io, std::chrono::steady_clock::time_point::max()) {}
  void notify() { timer_.cancel(); }
  asio::awaitable<void> wait() { co_await timer_.async_wait(kNoThrow); }

 private:
  asio::steady_timer timer_;
};

inline asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(kNoThrow);
}

} // namespace plenum::bench::sfu
