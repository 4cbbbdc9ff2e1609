#include "signaling/session.hpp"

#include "base/random.hpp"

namespace plenum::signaling {

Session::Session(std::shared_ptr<const Shared> shared, std::shared_ptr<rooms::Room> room, Entry entry)
    : shared_(std::move(shared)),
      room_(std::move(room)),
      entry_(std::move(entry)),
      connection_id_(rooms::connection_topic(uuid_v4())),
      bucket_(shared_->options.frames_per_second, shared_->options.frame_burst,
              std::chrono::steady_clock::now()),
      frames_in_(
          shared_->deps.metrics.counter("plenum_signaling_frames_total", "Frames received from clients.")),
      rejected_(
          shared_->deps.metrics.counter("plenum_signaling_frames_rejected_total",
                                        "Frames answered with an error or dropped by the rate limit.")) {}

Session::~Session() = default;

void Session::on_open(std::shared_ptr<http::WebSocketSink> sink) {
  sink_ = std::move(sink);
  // Frames for this device, from the room (wherever it runs).
  std::weak_ptr<http::WebSocketSink> weak = sink_;
  shared_->deps.bus.subscribe(connection_id_, [weak](const rooms::Delivery& d) {
    auto out = weak.lock();
    if (!out) return;
    if (d.frame) out->send(d.frame);
    if (d.close_code != 0) out->close(static_cast<http::CloseCode>(d.close_code), d.close_reason);
  });
  if (entry_.join) {
    room_->join(std::move(*entry_.join), connection_id_);
  } else if (entry_.resume) {
    room_->resume(entry_.resume->participant_id, entry_.resume->device_id, entry_.token_hash, connection_id_);
  }
}

void Session::on_text(std::string_view text) {
  frames_in_.inc();
  const auto now = std::chrono::steady_clock::now();
  if (!bucket_.take(now)) {
    rejected_.inc();
    // One notice per second at most: a flood must not turn into a flood of notices.
    if (now - last_slow_down_ >= std::chrono::seconds(1)) {
      last_slow_down_ = now;
      proto::control::SlowDownEvent e;
      e.retry_after_ms = bucket_.retry_after_ms();
      sink_->send(proto::encode(e, shared_->deps.now_ms()));
    }
    return;
  }
  auto parsed = proto::parse_client_frame(text);
  if (auto* failure = std::get_if<proto::FrameError>(&parsed)) {
    rejected_.inc();
    error(failure->ns, failure->failure.code, std::move(failure->failure.text),
          std::move(failure->failure.field), failure->id);
    return;
  }
  room_->command(connection_id_, std::move(std::get<proto::ClientFrame>(parsed)));
}

void Session::on_binary() {
  rejected_.inc();
  error(proto::Namespace::control, proto::ErrorCode::binary_not_supported, "only text frames are accepted",
        "", std::nullopt);
}

void Session::on_closed() {
  shared_->deps.bus.unsubscribe(connection_id_);
  room_->disconnected(connection_id_);
  sink_.reset();
}

void Session::error(proto::Namespace ns, proto::ErrorCode code, std::string text, std::string field,
                    const std::optional<std::string>& id) {
  sink_->send(proto::encode_error(ns, code, std::move(text), std::move(field), shared_->deps.now_ms(), id));
}

} // namespace plenum::signaling
