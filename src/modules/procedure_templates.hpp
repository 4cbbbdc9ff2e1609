#pragma once
// Prepared polls and votes in the meeting: `list_templates` (polls, legal_vote) answers a
// moderator with the templates of the room's event. Modules never touch storage: the app layer
// gives them a loader that works off the room strand (on the blocking pool) and calls back from
// there; the answer goes back onto the strand through RoomContext::poster().

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rooms/module.hpp"

namespace plenum::modules {

// Loads the templates of the event that owns `room_id` (empty when there is none) and calls
// `done` with them, or with nullopt when they could not be read; `done` may run on any thread.
template <class T>
using TemplateLoader =
    std::function<void(const std::string& room_id, std::function<void(std::optional<std::vector<T>>)> done)>;

inline constexpr size_t kMaxTemplatesInEvent = 50; // the protocol's max_items (services: kPerEvent)

// Answers the command being handled with `Event{templates}` (carrying the command's id) to the
// device that sent it, once `load` has them. Without a loader the list is empty.
template <class Event, class T>
void answer_with_templates(rooms::RoomContext& room, const rooms::Participant& sender,
                           const TemplateLoader<T>& load) {
  if (!load) {
    room.reply(Event{});
    return;
  }
  auto post = room.poster();
  load(room.settings().room_id, [post, who = sender.id, device = room.current_device(),
                                 id = room.request_id()](std::optional<std::vector<T>> found) {
    post([who, device, id, found = std::move(found)](rooms::RoomContext& r) {
      auto* p = r.find(who);
      if (p == nullptr || !p->moderator()) return; // gone, or no longer a moderator
      if (!found) {
        r.send_to_device(
            *p, device,
            proto::encode_error(Event::kNamespace, proto::ErrorCode::not_allowed_now,
                                "the prepared templates could not be loaded; try again", "", r.now_ms(), id));
        return;
      }
      Event e;
      e.templates = *found;
      if (e.templates.size() > kMaxTemplatesInEvent) e.templates.resize(kMaxTemplatesInEvent);
      r.send_to_device(*p, device, proto::encode(e, r.now_ms(), id));
    });
  });
}

} // namespace plenum::modules
