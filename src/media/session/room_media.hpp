#pragma once
// The control plane's view of one room's media (runs on the room's strand, not thread-safe):
// for every device its publish connection (client offers, we answer, producers follow the
// answer) and its subscribe connection (we offer every track of the others, one offer at a
// time, the answer decides which consumers start). Turns SDP into typed router commands and
// router events into what the signaling module tells clients.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "media/sdp/negotiation.hpp"
#include "media/server/media_server.hpp"

namespace plenum::media::session {

enum class Source : uint8_t { microphone, camera, screen, screen_audio };
std::string_view to_string(Source source) noexcept;

struct DeviceRef {
  std::string participant;
  std::string device;
  friend bool operator<(const DeviceRef& a, const DeviceRef& b) {
    return a.participant != b.participant ? a.participant < b.participant : a.device < b.device;
  }
  friend bool operator==(const DeviceRef&, const DeviceRef&) = default;
};

struct TrackInfo {
  std::string mid;
  std::string participant;
  Source source = Source::microphone;
  bool video = false;
};

struct SubscribeOfferOut {
  DeviceRef to;
  std::string sdp;
  uint64_t version = 0;
  std::vector<TrackInfo> tracks;
};

struct PublicationInfo {
  Source source = Source::microphone;
  bool muted = false;
};

enum class Connection : uint8_t { publish, subscribe };
struct ConnectionEvent {
  DeviceRef device;
  Connection connection = Connection::publish;
  transport::TransportState state = transport::TransportState::connecting;
};

// Limits a client cannot exceed (explicit, documented in docs/architecture.md).
inline constexpr size_t kMaxTracksPerDevice = 4;       // one per Source
inline constexpr size_t kMaxSubscribeSections = 4'000; // sections ever offered to one device

class RoomMedia {
 public:
  RoomMedia(std::shared_ptr<server::MediaRoom> room, sdp::CodecPolicy policy = publish_policy());
  // The SDP layer's defaults, transport-wide congestion control included: publishers get
  // transport-wide feedback from their transport (their own send-side estimate), subscribe
  // connections are numbered for the router's estimate of each subscriber's downlink.
  static sdp::CodecPolicy publish_policy();
  ~RoomMedia();
  RoomMedia(const RoomMedia&) = delete;
  RoomMedia& operator=(const RoomMedia&) = delete;

  // Publish offer from `device`; `sources` maps mids to what they carry. Returns the answer;
  // subscribe offers for the other devices are appended to `offers`.
  Result<std::string> publish(const DeviceRef& device, const std::string& offer_sdp,
                              const std::map<std::string, Source>& sources,
                              std::vector<SubscribeOfferOut>& offers);
  Result<void> subscribe_answer(const DeviceRef& device, const std::string& answer_sdp, uint64_t version,
                                std::vector<SubscribeOfferOut>& offers);
  // A device that can receive (admitted): gets an offer if anything is published.
  void add_device(const DeviceRef& device, std::vector<SubscribeOfferOut>& offers);
  // A new subscribe offer with new ICE credentials; `fresh`: on a new transport, because the
  // client replaced its peer connection (page reload). An unanswered offer is dropped.
  void restart_subscribe(const DeviceRef& device, bool fresh, std::vector<SubscribeOfferOut>& offers);
  // Stops a device's publications and subscriptions (it left, or its window ran out).
  void remove_device(const DeviceRef& device, std::vector<SubscribeOfferOut>& offers);
  // Unpublishes one source of a participant (e.g. screen share after permission was withdrawn).
  bool unpublish(const std::string& participant, Source source, std::vector<SubscribeOfferOut>& offers);
  // Microphone restriction: the router stops (or resumes) forwarding this participant's
  // microphone, also for tracks published later.
  void set_microphone_blocked(const std::string& participant, bool blocked);
  // What a device shows of the video it subscribed to (media `set_receive`): paused tracks are
  // not forwarded to it; `width`/`height` (0 = unknown) is the size it renders them at and
  // `high_priority` (nullopt: unchanged) whether the user looks at them, for the layer choice.
  // Screen shares are always high priority. Applies to all mids or, on an unknown or audio mid,
  // to none.
  Result<void> set_receive(const DeviceRef& device, const std::vector<std::string>& mids, bool enabled,
                           uint32_t width, uint32_t height, std::optional<bool> high_priority = std::nullopt);
  // Sets the mute flag; false if the participant publishes no such source.
  bool set_muted(const std::string& participant, Source source, bool muted);

  std::vector<PublicationInfo> publications(const std::string& participant) const;
  std::vector<std::string> publishing_participants() const;
  // From the router (posted onto the room's strand): which device and connection it concerns.
  std::optional<ConnectionEvent> connection_event(uint32_t transport, transport::TransportState state) const;
  // The participant behind a speaker key from the router.
  std::optional<std::string> participant_for_speaker(uint32_t speaker) const;
  // Where the router's layer events go: the publishing device and the track's mid of a
  // producer; the subscribing device and the mids of consumers on its transport.
  struct TrackRef {
    DeviceRef device;
    std::string mid;
  };
  std::optional<TrackRef> producer_track(uint32_t producer) const;
  std::optional<DeviceRef> subscriber_device(uint32_t transport) const;
  std::vector<std::string> consumer_mids(uint32_t transport, const std::vector<uint32_t>& consumers) const;

 private:
  struct Track; // a producer: one published source of one device
  struct Subscriber;
  struct Publisher;

  Subscriber& subscriber(const DeviceRef& device);
  // Ends a device's publish / subscribe connection with its producers / consumers.
  void drop_publisher(const DeviceRef& device);
  void drop_subscriber(const DeviceRef& device);
  void offer_all(std::vector<SubscribeOfferOut>& offers, const DeviceRef* except);
  void maybe_offer(Subscriber& s, std::vector<SubscribeOfferOut>& offers);
  void remove_track(uint32_t producer);
  uint32_t speaker_key(const std::string& participant);
  sdp::ServerTransportParams transport_params(const server::TransportInfo& info) const;

  std::shared_ptr<server::MediaRoom> room_;
  sdp::CodecPolicy policy_;
  std::map<DeviceRef, std::unique_ptr<Publisher>> publishers_;
  std::map<DeviceRef, std::unique_ptr<Subscriber>> subscribers_;
  std::map<uint32_t, std::unique_ptr<Track>> tracks_; // by producer id, in publishing order
  std::map<std::string, uint32_t> speakers_;          // participant -> key
  std::set<std::string> microphone_blocked_;
};

} // namespace plenum::media::session
