// media: the signaling side of the SFU. Each device negotiates a publish and a subscribe peer
// connection through this module; RoomMedia (src/media/session) turns the SDP into router
// commands. Also: who may share their screen, mute states, the active speaker and speaking time.

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "media/server/turn_credentials.hpp"
#include "media/session/room_media.hpp"
#include "modules/modules.hpp"

namespace plenum::modules {
namespace {

namespace m = proto::media;
using media::session::DeviceRef;
using media::session::Source;

std::optional<Source> source_from(std::string_view s) {
  if (s == "microphone") return Source::microphone;
  if (s == "camera") return Source::camera;
  if (s == "screen") return Source::screen;
  if (s == "screen_audio") return Source::screen_audio;
  return std::nullopt;
}

std::vector<std::string> split_urls(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    std::string url = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    url.erase(0, url.find_first_not_of(' '));
    url.erase(url.find_last_not_of(' ') + 1);
    if (!url.empty()) out.push_back(url);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

class Media;

// Router events arrive on a media worker thread; they are posted onto the room's strand.
class Observer final : public media::router::RouterObserver {
 public:
  Observer(std::function<void(rooms::RoomContext::Task)> post, Media* module)
      : post_(std::move(post)), module_(module) {}
  void on_transport_state(uint32_t transport, media::transport::TransportState state) override;
  void on_active_speaker(std::optional<uint32_t> speaker) override;
  void on_publish_layers(uint32_t producer, const std::vector<std::string>& active_rids) override;
  void on_receive_quality(uint32_t transport, const std::vector<uint32_t>& paused_consumers,
                          std::optional<uint64_t> estimate_bps) override;

 private:
  std::function<void(rooms::RoomContext::Task)> post_;
  Media* module_; // alive while the room is (post_ runs nothing after the room closed)
};

class Media final : public rooms::Module {
 public:
  explicit Media(MediaModuleOptions options) : options_(std::move(options)) {}

  proto::Namespace ns() const override { return proto::Namespace::media; }

  void on_command(rooms::RoomContext& room, rooms::Participant& sender,
                  const proto::AnyCommand& any) override {
    const auto& command = std::get<m::Command>(any);
    if (const auto* set = std::get_if<m::SetPresenter>(&command)) {
      set_presenter(room, *set);
      return;
    }
    if (const auto* mute = std::get_if<m::SetMuted>(&command)) {
      set_muted(room, sender, *mute);
      return;
    }
    auto* media = open(room);
    if (media == nullptr) {
      room.fail(proto::ErrorCode::media_unavailable, "this server runs without media");
      return;
    }
    const DeviceRef device{sender.id, room.current_device()};
    std::vector<media::session::SubscribeOfferOut> offers;
    if (const auto* publish = std::get_if<m::Publish>(&command)) {
      std::map<std::string, Source> sources;
      const std::pair<const std::optional<std::string>*, Source> named[] = {
          {&publish->microphone, Source::microphone},
          {&publish->camera, Source::camera},
          {&publish->screen, Source::screen},
          {&publish->screen_audio, Source::screen_audio}};
      for (const auto& [mid, source] : named) {
        if (!*mid) continue;
        if ((source == Source::screen || source == Source::screen_audio) && !may_present(sender)) {
          room.fail(proto::ErrorCode::forbidden, "a moderator has to allow you to share your screen",
                    std::string(media::session::to_string(source)));
          return;
        }
        if (sources.contains(**mid)) {
          room.fail(proto::ErrorCode::invalid_field, "one mid can carry one source",
                    std::string(media::session::to_string(source)));
          return;
        }
        sources[**mid] = source;
      }
      const auto before = media->publications(sender.id);
      media->set_microphone_blocked(sender.id, sender.microphone_blocked);
      auto answer = media->publish(device, publish->sdp, sources, offers);
      if (!answer) {
        room.fail(proto::ErrorCode::invalid_sdp, answer.error().message, "sdp");
        return;
      }
      m::PublishAnswerEvent reply;
      reply.sdp = *answer;
      room.reply(reply);
      if (!same(before, media->publications(sender.id))) announce(room, sender.id);
    } else if (const auto* answer = std::get_if<m::SubscribeAnswer>(&command)) {
      auto done =
          media->subscribe_answer(device, answer->sdp, static_cast<uint64_t>(answer->version), offers);
      if (!done) {
        const bool stale = done.error().code == ErrorCode::conflict;
        room.fail(stale ? proto::ErrorCode::stale : proto::ErrorCode::invalid_sdp, done.error().message,
                  stale ? "version" : "sdp");
        return;
      }
    } else if (const auto* restart = std::get_if<m::RestartSubscribe>(&command)) {
      media->restart_subscribe(device, restart->fresh.value_or(false), offers);
    } else if (const auto* receive = std::get_if<m::SetReceive>(&command)) {
      auto done = media->set_receive(
          device, receive->mids, receive->enabled, static_cast<uint32_t>(receive->width.value_or(0)),
          static_cast<uint32_t>(receive->height.value_or(0)),
          receive->priority ? std::optional<bool>(*receive->priority == "high") : std::nullopt);
      if (!done) {
        room.fail(done.error().code == ErrorCode::not_found ? proto::ErrorCode::not_found
                                                            : proto::ErrorCode::invalid_field,
                  done.error().message, "mids");
        return;
      }
    }
    deliver(room, offers);
  }

  void on_admitted(rooms::RoomContext& room, rooms::Participant& p) override {
    auto* media = open(room);
    if (media == nullptr) return;
    std::vector<media::session::SubscribeOfferOut> offers;
    for (const auto& d : p.devices) media->add_device({p.id, d.id}, offers);
    // After the room has greeted the newcomer: join_success comes before the first offer.
    room.poster()([this, offers = std::move(offers)](rooms::RoomContext& r) mutable { deliver(r, offers); });
  }

  void on_device_added(rooms::RoomContext& room, rooms::Participant& p,
                       const std::string& device_id) override {
    auto* media = open(room);
    if (media == nullptr) return;
    std::vector<media::session::SubscribeOfferOut> offers;
    media->add_device({p.id, device_id}, offers);
    deliver(room, offers);
  }

  void on_removed(rooms::RoomContext& room, const rooms::Participant& p) override {
    presenters_.erase(p.id);
    if (!media_) return;
    const bool published = !media_->publications(p.id).empty();
    std::vector<media::session::SubscribeOfferOut> offers;
    for (const auto& d : p.devices) media_->remove_device({p.id, d.id}, offers);
    deliver(room, offers);
    if (published) announce(room, p.id);
  }

  void on_device_removed(rooms::RoomContext& room, rooms::Participant& p,
                         const std::string& device_id) override {
    if (!media_) return;
    const auto before = media_->publications(p.id);
    std::vector<media::session::SubscribeOfferOut> offers;
    media_->remove_device({p.id, device_id}, offers);
    deliver(room, offers);
    if (!same(before, media_->publications(p.id))) announce(room, p.id);
  }

  void on_changed(rooms::RoomContext& room, rooms::Participant& p) override {
    if (!p.admitted || !media_) return;
    // Moderation's microphone restriction, enforced here: the router stops forwarding.
    media_->set_microphone_blocked(p.id, p.microphone_blocked);
    // A demoted moderator without presenter permission stops sharing.
    if (!may_present(p)) stop_screen(room, p.id);
  }

  void describe(rooms::RoomContext& room, const rooms::Participant& viewer,
                proto::ModuleStates& out) override {
    auto& state = out.media;
    state.available = options_.server != nullptr;
    if (!options_.turn_urls.empty() && !options_.turn_secret.empty()) {
      const int64_t expires = room.now_ms() / 1000 + options_.turn_lifetime_seconds;
      const auto credentials = media::server::turn_credentials(options_.turn_secret, viewer.id, expires);
      proto::IceServer server;
      server.urls = split_urls(options_.turn_urls);
      server.username = credentials.username;
      server.credential = credentials.credential;
      state.ice_servers.push_back(std::move(server));
    }
    if (media_) {
      for (auto* p : room.admitted())
        for (const auto& pub : media_->publications(p->id))
          state.publications.push_back(
              {p->id, std::string(media::session::to_string(pub.source)), pub.muted});
    }
    state.presenters.assign(presenters_.begin(), presenters_.end());
    state.active_speaker = active_speaker_;
    state.speaking_times = speaking_times(room.now_ms());
  }

  // From the Observer, on the room's strand.
  void transport_state(rooms::RoomContext& room, uint32_t transport, media::transport::TransportState state) {
    if (!media_) return;
    auto event = media_->connection_event(transport, state);
    if (!event) return;
    auto* p = room.find(event->device.participant);
    if (p == nullptr) return;
    m::ConnectionStateEvent e;
    e.connection = event->connection == media::session::Connection::publish ? "publish" : "subscribe";
    e.state = state == media::transport::TransportState::connecting
                  ? "disconnected"
                  : std::string(media::transport::to_string(state));
    room.send_to_device(*p, event->device.device, e);
  }

  // The publisher may stop the simulcast encodings nobody receives.
  void publish_layers(rooms::RoomContext& room, uint32_t producer, std::vector<std::string> active_rids) {
    if (!media_) return;
    auto track = media_->producer_track(producer);
    if (!track) return;
    auto* p = room.find(track->device.participant);
    if (p == nullptr) return;
    m::PublishLayersEvent e;
    e.mid = track->mid;
    e.active_rids = std::move(active_rids);
    room.send_to_device(*p, track->device.device, e);
  }

  // The subscriber shows a placeholder for videos its downlink cannot carry.
  void receive_quality(rooms::RoomContext& room, uint32_t transport, const std::vector<uint32_t>& paused,
                       std::optional<uint64_t> estimate_bps) {
    if (!media_) return;
    auto device = media_->subscriber_device(transport);
    if (!device) return;
    auto* p = room.find(device->participant);
    if (p == nullptr) return;
    m::ReceiveQualityEvent e;
    e.paused_mids = media_->consumer_mids(transport, paused);
    if (estimate_bps) e.estimate_kbps = static_cast<int64_t>(*estimate_bps / 1000);
    room.send_to_device(*p, device->device, e);
  }

  void active_speaker(rooms::RoomContext& room, std::optional<uint32_t> speaker) {
    if (!media_) return;
    const int64_t now = room.now_ms();
    if (active_speaker_) {
      speaking_ms_[*active_speaker_] += now - speaker_since_;
      last_spoke_at_[*active_speaker_] = now;
    }
    std::optional<std::string> next;
    if (speaker) next = media_->participant_for_speaker(*speaker);
    if (next && room.find(*next) == nullptr) next.reset();
    active_speaker_ = next;
    speaker_since_ = now;
    m::ActiveSpeakerEvent e;
    e.participant_id = next;
    room.broadcast(e);
    m::SpeakingTimesEvent times;
    times.speaking_times = speaking_times(now);
    room.broadcast(times);
  }

 private:
  media::session::RoomMedia* open(rooms::RoomContext& room) {
    if (options_.server == nullptr) return nullptr;
    if (!media_) {
      auto observer = std::make_shared<Observer>(room.poster(), this);
      media_ = std::make_unique<media::session::RoomMedia>(
          options_.server->open_room(room.settings().room_id, observer));
    }
    return media_.get();
  }

  // Accumulated time as dominant speaker, the current speaker's running turn included.
  std::vector<proto::SpeakingTime> speaking_times(int64_t now) const {
    auto totals = speaking_ms_;
    if (active_speaker_) totals[*active_speaker_] += now - speaker_since_;
    std::vector<proto::SpeakingTime> out;
    out.reserve(totals.size());
    for (const auto& [id, ms] : totals) {
      const auto last = last_spoke_at_.find(id);
      const bool speaking = active_speaker_ && *active_speaker_ == id;
      out.push_back({id, ms, speaking || last == last_spoke_at_.end() ? now : last->second});
    }
    return out;
  }

  bool may_present(const rooms::Participant& p) const { return p.moderator() || presenters_.contains(p.id); }

  static bool same(const std::vector<media::session::PublicationInfo>& a,
                   const std::vector<media::session::PublicationInfo>& b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
             return x.source == y.source && x.muted == y.muted;
           });
  }

  void announce(rooms::RoomContext& room, const std::string& participant) {
    m::PublicationsChangedEvent e;
    e.participant_id = participant;
    if (media_)
      for (const auto& pub : media_->publications(participant))
        e.publications.push_back(
            {participant, std::string(media::session::to_string(pub.source)), pub.muted});
    room.broadcast(e);
  }

  void deliver(rooms::RoomContext& room, std::vector<media::session::SubscribeOfferOut>& offers) {
    for (auto& offer : offers) {
      auto* p = room.find(offer.to.participant);
      if (p == nullptr) continue;
      m::SubscribeOfferEvent e;
      e.sdp = std::move(offer.sdp);
      e.version = static_cast<int64_t>(offer.version);
      for (const auto& t : offer.tracks)
        e.tracks.push_back({t.mid, t.participant, std::string(media::session::to_string(t.source)),
                            t.video ? "video" : "audio"});
      room.send_to_device(*p, offer.to.device, e);
    }
  }

  void set_muted(rooms::RoomContext& room, rooms::Participant& sender, const m::SetMuted& mute) {
    const auto source = source_from(mute.source);
    if (!media_ || !source || !media_->set_muted(sender.id, *source, mute.muted)) {
      room.fail(proto::ErrorCode::not_allowed_now, "you do not publish this source", "source");
      return;
    }
    announce(room, sender.id);
  }

  void set_presenter(rooms::RoomContext& room, const m::SetPresenter& set) {
    auto* p = room.find(set.participant_id);
    if (p == nullptr || !p->admitted) {
      room.fail(proto::ErrorCode::not_found, "no such participant in the room", "participant_id");
      return;
    }
    if (set.allowed)
      presenters_.insert(p->id);
    else
      presenters_.erase(p->id);
    m::PresenterChangedEvent e;
    e.participant_id = p->id;
    e.allowed = set.allowed;
    room.broadcast(e);
    if (!may_present(*p)) stop_screen(room, p->id);
  }

  void stop_screen(rooms::RoomContext& room, const std::string& participant) {
    std::vector<media::session::SubscribeOfferOut> offers;
    const bool a = media_->unpublish(participant, Source::screen, offers);
    const bool b = media_->unpublish(participant, Source::screen_audio, offers);
    deliver(room, offers);
    if (a || b) announce(room, participant);
  }

  MediaModuleOptions options_;
  std::unique_ptr<media::session::RoomMedia> media_;
  std::set<std::string> presenters_;
  std::optional<std::string> active_speaker_;
  int64_t speaker_since_ = 0;
  std::map<std::string, int64_t> speaking_ms_;
  std::map<std::string, int64_t> last_spoke_at_; // when each one last stopped being the speaker
};

void Observer::on_transport_state(uint32_t transport, media::transport::TransportState state) {
  Media* module = module_;
  post_([module, transport, state](rooms::RoomContext& room) {
    module->transport_state(room, transport, state);
  });
}

void Observer::on_active_speaker(std::optional<uint32_t> speaker) {
  Media* module = module_;
  post_([module, speaker](rooms::RoomContext& room) { module->active_speaker(room, speaker); });
}

void Observer::on_publish_layers(uint32_t producer, const std::vector<std::string>& active_rids) {
  Media* module = module_;
  post_([module, producer, rids = active_rids](rooms::RoomContext& room) mutable {
    module->publish_layers(room, producer, std::move(rids));
  });
}

void Observer::on_receive_quality(uint32_t transport, const std::vector<uint32_t>& paused_consumers,
                                  std::optional<uint64_t> estimate_bps) {
  Media* module = module_;
  post_([module, transport, paused = paused_consumers, estimate_bps](rooms::RoomContext& room) {
    module->receive_quality(room, transport, paused, estimate_bps);
  });
}

} // namespace

std::unique_ptr<rooms::Module> make_media(MediaModuleOptions options) {
  return std::make_unique<Media>(std::move(options));
}

} // namespace plenum::modules
