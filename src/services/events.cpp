#include "services/events.hpp"

#include <algorithm>

#include "base/utf8.hpp"

namespace plenum::services {
namespace {

constexpr size_t kMaxTitle = 200;          // code points
constexpr size_t kMaxDescription = 4096;   // bytes
constexpr size_t kMaxEventsExpanded = 500; // events considered by all_instances
constexpr size_t kMaxInstancesListed = 1000;

Error not_found() { return make_error(ErrorCode::not_found, "no such event"); }

std::optional<Recurrence> recurrence_of(const storage::Event& e) {
  if (!e.rrule && e.rdates.empty()) return std::nullopt;
  return Recurrence{e.rrule.value_or(""), e.rdates, e.exdates};
}

EventTiming timing_of(const storage::Event& e) {
  return EventTiming{e.starts_at.value_or(""), e.ends_at.value_or(""), e.time_zone.value_or(""), e.all_day};
}

std::vector<InstanceException> exceptions_of(const std::vector<storage::EventException>& rows) {
  std::vector<InstanceException> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.original_start, r.cancelled, r.starts_at, r.ends_at});
  return out;
}

// Applies `in` to `e` and checks the result as a whole.
Result<void> apply(storage::Event& e, const EventInput& in) {
  if (in.title) {
    if (!utf8::valid(*in.title) || in.title->empty() || utf8::code_points(*in.title) > kMaxTitle) {
      return field_error("title", "1 to 200 characters");
    }
    e.title = *in.title;
  }
  if (in.description) {
    if (!utf8::valid(*in.description) || in.description->size() > kMaxDescription) {
      return field_error("description", "at most 4096 bytes of UTF-8");
    }
    e.description = *in.description;
  }
  if (in.time_independent) e.time_independent = *in.time_independent;
  if (in.all_day) e.all_day = *in.all_day;
  if (in.starts_at) e.starts_at = *in.starts_at;
  if (in.ends_at) e.ends_at = *in.ends_at;
  if (in.time_zone) e.time_zone = *in.time_zone;
  if (in.recurrence) {
    const auto& r = *in.recurrence;
    e.rrule = r && !r->rrule.empty() ? std::optional<std::string>(r->rrule) : std::nullopt;
    e.rdates = r ? r->rdates : std::vector<std::string>{};
    e.exdates = r ? r->exdates : std::vector<std::string>{};
  }
  if (e.time_independent) {
    if (in.starts_at || in.ends_at || in.recurrence.value_or(std::nullopt)) {
      return field_error("time_independent", "a time-independent meeting has no dates or recurrence");
    }
    e.starts_at = e.ends_at = e.time_zone = std::nullopt;
    e.rrule = std::nullopt;
    e.rdates.clear();
    e.exdates.clear();
    e.all_day = false;
    return {};
  }
  if (!e.starts_at) return field_error("starts_at", "required unless the meeting is time-independent");
  if (!e.ends_at) return field_error("ends_at", "required unless the meeting is time-independent");
  if (!e.time_zone) return field_error("time_zone", "required unless the meeting is time-independent");
  return validate(timing_of(e), recurrence_of(e));
}

} // namespace

Events::Events(storage::Store& store, Rooms& rooms) : store_(store), rooms_(rooms) {}

Result<EventView> Events::view(const storage::User& caller, const std::string& id) {
  auto event = store_.events().find(id);
  if (!event) return event.error();
  if (!*event) return not_found();
  EventView v;
  v.event = std::move(**event);
  v.can_manage = v.event.created_by == caller.id || caller.admin;
  if (!v.can_manage) {
    auto invites = store_.events().invites(id);
    if (!invites) return invites.error();
    const bool invited = std::any_of(invites->begin(), invites->end(),
                                     [&](const storage::EventInvite& i) { return i.user_id == caller.id; });
    if (!invited) return not_found(); // no probing for event ids
  }
  auto room = store_.rooms().find(v.event.room_id);
  if (!room) return room.error();
  if (!*room) return not_found();
  v.room = std::move(**room);
  auto favourites = store_.events().favourites(caller.id);
  if (!favourites) return favourites.error();
  v.favourite = std::find(favourites->begin(), favourites->end(), id) != favourites->end();
  return v;
}

Result<EventView> Events::managed(const storage::User& caller, const std::string& id) {
  auto v = view(caller, id);
  if (!v) return v.error();
  if (!v->can_manage)
    return make_error(ErrorCode::permission_denied, "only the organiser may change this event");
  return v;
}

Result<EventView> Events::create(const storage::User& caller, const EventInput& input, bool adhoc) {
  storage::Event e;
  e.created_by = caller.id;
  e.adhoc = adhoc;
  e.time_independent = adhoc; // "meet now" has no schedule
  if (!input.title) return field_error("title", "required");
  if (auto r = apply(e, input); !r) return r.error();
  auto room = rooms_.create(caller, input.room);
  if (!room) return room.error();
  e.room_id = room->id;
  auto created = store_.events().create(e);
  if (!created) {
    (void)store_.rooms().remove(room->id); // no room without its event
    return created.error();
  }
  return view(caller, created->id);
}

Result<EventView> Events::get(const storage::User& caller, const std::string& id) { return view(caller, id); }

Result<std::vector<EventView>> Events::list(const storage::User& caller, size_t limit, size_t offset) {
  auto events = store_.events().list_for_user(caller.id, limit, offset);
  if (!events) return events.error();
  std::vector<EventView> out;
  for (const auto& e : *events) {
    auto v = view(caller, e.id);
    if (!v) return v.error();
    out.push_back(std::move(*v));
  }
  return out;
}

Result<EventView> Events::update(const storage::User& caller, const std::string& id,
                                 const EventInput& input) {
  auto v = managed(caller, id);
  if (!v) return v.error();
  storage::Event e = v->event;
  if (auto r = apply(e, input); !r) return r.error();
  if (auto r = rooms_.update(caller, e.room_id, input.room); !r) return r.error();
  if (auto r = store_.events().update(e); !r) return r.error();
  return view(caller, id);
}

Result<std::string> Events::remove(const storage::User& caller, const std::string& id) {
  auto v = managed(caller, id);
  if (!v) return v.error();
  // The event, its exceptions and invites cascade.
  if (auto r = store_.rooms().remove(v->event.room_id); !r) return r.error();
  return v->event.room_id;
}

Result<std::vector<Instance>> Events::instances(const storage::User& caller, const std::string& id,
                                                int64_t from, int64_t to) {
  auto v = view(caller, id);
  if (!v) return v.error();
  if (v->event.time_independent) return std::vector<Instance>{};
  auto rows = store_.events().exceptions(id);
  if (!rows) return rows.error();
  return expand(timing_of(v->event), recurrence_of(v->event), exceptions_of(*rows), from, to);
}

Result<std::vector<EventInstance>> Events::all_instances(const storage::User& caller, int64_t from,
                                                         int64_t to) {
  auto events = store_.events().list_for_user(caller.id, kMaxEventsExpanded, 0);
  if (!events) return events.error();
  std::vector<EventInstance> out;
  for (const auto& e : *events) {
    if (e.time_independent) continue;
    auto rows = store_.events().exceptions(e.id);
    if (!rows) return rows.error();
    auto found = expand(timing_of(e), recurrence_of(e), exceptions_of(*rows), from, to, kMaxInstancesListed);
    if (!found) return found.error();
    for (auto& i : *found) out.push_back({e.id, e.title, std::move(i)});
  }
  std::sort(out.begin(), out.end(), [](const EventInstance& a, const EventInstance& b) {
    return a.instance.starts_at_utc != b.instance.starts_at_utc
               ? a.instance.starts_at_utc < b.instance.starts_at_utc
               : a.event_id < b.event_id;
  });
  if (out.size() > kMaxInstancesListed) out.resize(kMaxInstancesListed);
  return out;
}

Result<void> Events::set_exception(const storage::User& caller, const std::string& id,
                                   const InstanceException& x) {
  auto v = managed(caller, id);
  if (!v) return v.error();
  if (v->event.time_independent || !recurrence_of(v->event)) {
    return field_error("original_start", "only occurrences of a recurring meeting can be moved or cancelled");
  }
  if (!x.cancelled && (!x.starts_at || !x.ends_at)) {
    return field_error("starts_at", "a moved occurrence needs starts_at and ends_at");
  }
  // Expanding an empty window with the exception checks its dates and times; an exception for
  // a start the rule never generates is stored but has no effect.
  const std::vector<InstanceException> probe = {x};
  if (auto r = expand(timing_of(v->event), recurrence_of(v->event), probe, 0, 1, 1); !r) {
    Error e = r.error();
    constexpr std::string_view kPrefix = "exceptions[0].";
    if (e.field.starts_with(kPrefix)) e.field = e.field.substr(kPrefix.size()); // the API's field names
    return e;
  }
  return store_.events().put_exception({id, x.original_start, x.cancelled, x.starts_at, x.ends_at});
}

Result<void> Events::set_favourite(const storage::User& caller, const std::string& id, bool on) {
  auto v = view(caller, id);
  if (!v) return v.error();
  return store_.events().set_favourite(caller.id, id, on);
}

Result<void> Events::invite(const storage::User& caller, const std::string& id, const InviteInput& in) {
  auto v = managed(caller, id);
  if (!v) return v.error();
  if (in.user_id.has_value() == in.email.has_value()) {
    return field_error("user_id", "give either user_id or email");
  }
  storage::EventInvite invite{id, std::nullopt, std::nullopt, in.role, "pending", {}};
  if (in.user_id) {
    if (in.role != "user" && in.role != "moderator")
      return field_error("role", "expected \"user\" or \"moderator\"");
    auto user = store_.users().find_by_id(*in.user_id);
    if (!user) return user.error();
    if (!*user || (*user)->disabled) return field_error("user_id", "no such account");
    if ((*user)->id == v->event.created_by) return field_error("user_id", "the organiser is not invited");
    invite.user_id = in.user_id;
  } else {
    if (in.role != "guest" && in.role != "moderator")
      return field_error("role", "expected \"guest\" or \"moderator\"");
    auto email = normalize_email(*in.email);
    if (!email) return email.error();
    invite.email = *email;
  }
  return store_.events().add_invite(invite);
}

Result<std::vector<storage::EventInvite>> Events::invites(const storage::User& caller,
                                                          const std::string& id) {
  auto v = managed(caller, id);
  if (!v) return v.error();
  return store_.events().invites(id);
}

Result<void> Events::uninvite(const storage::User& caller, const std::string& id, const InviteInput& in) {
  auto v = managed(caller, id);
  if (!v) return v.error();
  std::optional<std::string> email;
  if (in.email) {
    auto normalized = normalize_email(*in.email);
    if (!normalized) return normalized.error();
    email = *normalized;
  }
  return store_.events().remove_invite(id, in.user_id, email);
}

Result<void> Events::respond(const storage::User& caller, const std::string& id, const std::string& status) {
  if (status != "accepted" && status != "declined" && status != "tentative") {
    return field_error("status", "expected \"accepted\", \"declined\" or \"tentative\"");
  }
  auto result = store_.events().set_invite_status(id, caller.id, status);
  if (!result && result.error().code == ErrorCode::not_found) return not_found();
  return result;
}

Result<std::vector<storage::EventInvite>> Events::my_pending_invites(const storage::User& caller) {
  return store_.events().pending_invites_for(caller.id);
}

} // namespace plenum::services
