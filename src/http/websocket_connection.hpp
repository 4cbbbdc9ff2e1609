#pragma once
// Internal to server.cpp (includes Beast): runs one upgraded WebSocket connection. A reader
// loop feeds the application's WebSocketSession; a writer loop drains a bounded outbound queue
// filled through the WebSocketSink from any thread. Both run on the connection's strand.

#include <deque>
#include <limits>
#include <mutex>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "http/websocket.hpp"

namespace plenum::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

// The queue between the application (any thread) and the writer loop (connection strand).
// Senders append under a mutex; only the first message of a batch posts a wake-up to the
// strand, so a fan-out to many connections costs one post per connection and batch, not one
// per message.
class QueuedSink final : public WebSocketSink, public std::enable_shared_from_this<QueuedSink> {
 public:
  static constexpr std::chrono::seconds kCloseGrace{5};

  QueuedSink(asio::any_io_executor strand, const WebSocketOptions& options)
      : strand_(std::move(strand)), options_(options), wake_(strand_), give_up_(strand_) {}

  // How the connection is cut when the peer does not complete a close in time.
  void on_give_up(std::function<void()> cut) { cut_ = std::move(cut); }

  void send(Message text) override {
    bool overflow = false;
    {
      std::lock_guard lock(mutex_);
      if (stopped_) return;
      if (pending_messages_ + 1 > options_.max_queued_messages ||
          pending_bytes_ + text->size() > options_.max_queued_bytes) {
        stopped_ = true; // nobody waits for a client that does not read
        overflow = true;
        inbox_.clear();
      } else {
        pending_bytes_ += text->size();
        ++pending_messages_;
        inbox_.push_back(std::move(text));
        if (wake_posted_) return;
        wake_posted_ = true;
      }
    }
    if (overflow) {
      asio::post(strand_, [self = shared_from_this()] {
        self->overflowed_ = true;
        self->queue_.clear();
        if (self->options_.on_too_slow) self->options_.on_too_slow();
        self->request_close(CloseCode::too_slow, "too slow: outbound queue over its limit");
      });
      return;
    }
    asio::post(strand_, [self = shared_from_this()] { self->wake_.cancel(); });
  }
  void close(CloseCode code, std::string reason) override {
    asio::post(strand_, [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
      self->request_close(code, std::move(reason));
    });
  }

  // Strand only, below.
  void request_close(CloseCode code, std::string reason) {
    if (done_ || close_) return;
    close_.emplace(code, std::move(reason));
    wake_.cancel();
    // A client that does not read cannot receive a close frame either: cut it after a grace.
    give_up_.expires_after(kCloseGrace);
    give_up_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec && !self->done_ && self->cut_) self->cut_();
    });
  }
  // The reader is done: the writer stops too.
  void finish() {
    done_ = true;
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
      inbox_.clear();
    }
    wake_.cancel();
    give_up_.cancel();
    cut_ = nullptr;
  }
  bool overflowed() const { return overflowed_; }

  template <class Ws>
  asio::awaitable<void> write_loop(Ws& ws) {
    auto no_throw = asio::as_tuple(asio::use_awaitable);
    for (;;) {
      take_inbox();
      while (!queue_.empty() && !done_ && !overflowed_) {
        Message next = std::move(queue_.front());
        queue_.pop_front();
        auto [ec, n] = co_await ws.async_write(asio::buffer(*next), no_throw);
        {
          std::lock_guard lock(mutex_);
          pending_bytes_ -= next->size();
          --pending_messages_;
        }
        if (ec) {
          done_ = true;
          co_return;
        }
        if (queue_.empty()) take_inbox();
      }
      if (done_) co_return;
      if (close_) {
        // A peer that never answers the close handshake is cut off by the idle timeout.
        websocket::close_reason reason(static_cast<websocket::close_code>(close_->first), close_->second);
        co_await ws.async_close(reason, no_throw);
        co_return;
      }
      wake_.expires_at(asio::steady_timer::time_point::max());
      {
        std::lock_guard lock(mutex_);
        if (!inbox_.empty()) continue; // arrived after take_inbox: no wake-up was posted for it
      }
      co_await wake_.async_wait(no_throw);
    }
  }

 private:
  void take_inbox() {
    std::lock_guard lock(mutex_);
    wake_posted_ = false;
    if (overflowed_) return;
    for (auto& m : inbox_) queue_.push_back(std::move(m));
    inbox_.clear();
  }

  asio::any_io_executor strand_;
  const WebSocketOptions& options_;
  asio::steady_timer wake_;
  asio::steady_timer give_up_;
  std::function<void()> cut_;
  std::deque<Message> queue_; // strand only
  bool done_ = false;         // strand only
  bool overflowed_ = false;   // strand only
  std::optional<std::pair<CloseCode, std::string>> close_;

  std::mutex mutex_; // guards the members below
  std::deque<Message> inbox_;
  size_t pending_bytes_ = 0; // inbox + queue + the frame being written
  size_t pending_messages_ = 0;
  bool wake_posted_ = false;
  bool stopped_ = false;
};

inline constexpr size_t kKeptReadBuffer = size_t{8} << 10;

template <class Ws>
asio::awaitable<void> read_loop(Ws& ws, WebSocketSession& session, QueuedSink& sink) {
  auto no_throw = asio::as_tuple(asio::use_awaitable);
  beast::flat_buffer buffer;
  for (;;) {
    buffer.clear();
    auto [ec, n] = co_await ws.async_read(buffer, no_throw);
    if (ec) break; // closed, timed out, too big (Beast answers 1009), or cancelled
    if (ws.got_text()) {
      const auto data = buffer.cdata();
      session.on_text(std::string_view(static_cast<const char*>(data.data()), data.size()));
    } else {
      session.on_binary();
    }
    if (buffer.capacity() > kKeptReadBuffer) buffer.shrink_to_fit(); // idle connections stay small
  }
  sink.finish();
}

// Runs the connection until it is closed. `on_cancel` receives a function that closes the
// connection with 1001 (server shutdown).
template <class Stream, class Body>
asio::awaitable<void> run_websocket(Stream& stream, boost::beast::http::request<Body>& upgrade,
                                    WebSocketAccept accepted, const WebSocketOptions& options,
                                    std::function<void(std::function<void()>)> on_cancel) {
  using namespace asio::experimental::awaitable_operators;
  auto no_throw = asio::as_tuple(asio::use_awaitable);
  beast::get_lowest_layer(stream).expires_never();
  websocket::stream<Stream&> ws(stream);
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(10);
  timeouts.idle_timeout = options.idle_timeout;
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ws.read_message_max(options.max_message_bytes);
  ws.auto_fragment(false);
  const std::string subprotocol = accepted.subprotocol;
  ws.set_option(websocket::stream_base::decorator([&subprotocol](websocket::response_type& res) {
    if (!subprotocol.empty()) res.set(boost::beast::http::field::sec_websocket_protocol, subprotocol);
  }));
  auto [ec] = co_await ws.async_accept(upgrade, no_throw);
  if (ec) co_return;
  ws.text(true);
  auto sink = std::make_shared<QueuedSink>(co_await asio::this_coro::executor, options);
  sink->on_give_up([&stream] {
    boost::system::error_code ignored;
    beast::get_lowest_layer(stream).socket().close(ignored);
  });
  on_cancel([&sink] { sink->request_close(CloseCode::going_away, "server shutting down"); });
  auto& session = *accepted.session;
  session.on_open(sink);
  co_await (read_loop(ws, session, *sink) && sink->write_loop(ws));
  on_cancel(nullptr);
  session.on_closed();
}

} // namespace plenum::http::detail
