#include "storage/sqlite/sqlite_events.hpp"

#include "base/random.hpp"

namespace plenum::storage {
namespace {

constexpr const char* kEventColumns =
    "SELECT e.id, e.room_id, e.created_by, e.title, e.description, e.time_independent, e.all_day, e.adhoc, "
    "e.starts_at, e.ends_at, e.time_zone, e.rrule, e.rdates, e.exdates, e.created_at, e.updated_at FROM "
    "events e ";
constexpr const char* kInviteColumns =
    "SELECT event_id, user_id, email, role, status, created_at, "
    "(SELECT u.display_name FROM users u WHERE u.id = event_invites.user_id), "
    "(SELECT u.email FROM users u WHERE u.id = event_invites.user_id) FROM event_invites ";
constexpr size_t kMaxListLimit = 1000;

// RDATE/EXDATE lists are stored one per line (local date-times contain no newline).
std::string join_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "\n") + item;
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Event read_event(const Statement& s) {
  Event e;
  e.id = s.column_text(0);
  e.room_id = s.column_text(1);
  e.created_by = s.column_text(2);
  e.title = s.column_text(3);
  e.description = s.column_text(4);
  e.time_independent = s.column_int(5) != 0;
  e.all_day = s.column_int(6) != 0;
  e.adhoc = s.column_int(7) != 0;
  e.starts_at = s.column_optional_text(8);
  e.ends_at = s.column_optional_text(9);
  e.time_zone = s.column_optional_text(10);
  e.rrule = s.column_optional_text(11);
  e.rdates = split_lines(s.column_text(12));
  e.exdates = split_lines(s.column_text(13));
  e.created_at = s.column_text(14);
  e.updated_at = s.column_text(15);
  return e;
}

EventInvite read_invite(const Statement& s) {
  return EventInvite{s.column_text(0),          s.column_optional_text(1), s.column_optional_text(2),
                     s.column_text(3),          s.column_text(4),          s.column_text(5),
                     s.column_optional_text(6), s.column_optional_text(7)};
}

Statement& bind_event(Statement& s, const Event& e) {
  return s.bind(1, std::string_view(e.id))
      .bind(2, std::string_view(e.room_id))
      .bind(3, std::string_view(e.created_by))
      .bind(4, std::string_view(e.title))
      .bind(5, std::string_view(e.description))
      .bind(6, int64_t{e.time_independent ? 1 : 0})
      .bind(7, int64_t{e.all_day ? 1 : 0})
      .bind(8, int64_t{e.adhoc ? 1 : 0})
      .bind_optional(9, e.starts_at)
      .bind_optional(10, e.ends_at)
      .bind_optional(11, e.time_zone)
      .bind_optional(12, e.rrule)
      .bind(13, std::string_view(join_lines(e.rdates)))
      .bind(14, std::string_view(join_lines(e.exdates)));
}

Result<void> changed_one(const Statement& s, const char* what) {
  if (s.changes() == 0) return make_error(ErrorCode::not_found, what);
  return {};
}

} // namespace

Result<std::vector<Event>> SqliteEvents::events(const std::string& sql,
                                                const std::vector<std::string>& text_args,
                                                const std::vector<int64_t>& int_args) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(kEventColumns + sql);
  if (!stmt) return stmt.error();
  (*stmt)->bind_all(text_args, int_args);
  return collect_rows<Event>(**stmt, read_event);
}

Result<std::vector<EventInvite>> SqliteEvents::invite_rows(const std::string& sql,
                                                           const std::vector<std::string>& args) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(kInviteColumns + sql);
  if (!stmt) return stmt.error();
  (*stmt)->bind_all(args, {});
  return collect_rows<EventInvite>(**stmt, read_invite);
}

Result<Event> SqliteEvents::create(const Event& event) {
  Event e = event;
  e.id = uuid_v4();
  {
    std::lock_guard lock(c_.mutex);
    auto stmt = c_.db->prepared(
        "INSERT INTO events (id, room_id, created_by, title, description, time_independent, all_day, adhoc, "
        "starts_at, ends_at, time_zone, rrule, rdates, exdates) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    if (!stmt) return stmt.error();
    if (auto r = bind_event(**stmt, e).run(); !r) return r.error();
  }
  auto created = find(e.id);
  if (!created) return created.error();
  PLENUM_ASSERT(created->has_value(), "inserted event not found");
  return std::move(**created);
}

Result<std::optional<Event>> SqliteEvents::find(const std::string& id) {
  auto found = events("WHERE e.id = ?1", {id}, {});
  if (!found) return found.error();
  if (found->empty()) return std::optional<Event>();
  return std::optional<Event>(std::move(found->front()));
}

Result<void> SqliteEvents::update(const Event& e) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "UPDATE events SET room_id = ?2, created_by = ?3, title = ?4, description = ?5, time_independent = ?6, "
      "all_day = ?7, adhoc = ?8, starts_at = ?9, ends_at = ?10, time_zone = ?11, rrule = ?12, rdates = ?13, "
      "exdates = ?14, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1");
  if (!stmt) return stmt.error();
  if (auto r = bind_event(**stmt, e).run(); !r) return r;
  return changed_one(**stmt, "no such event");
}

Result<void> SqliteEvents::remove(const std::string& id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("DELETE FROM events WHERE id = ?1");
  if (!stmt) return stmt.error();
  if (auto r = (*stmt)->bind(1, std::string_view(id)).run(); !r) return r;
  return changed_one(**stmt, "no such event");
}

Result<std::vector<Event>> SqliteEvents::list_for_user(const std::string& user_id, size_t limit,
                                                       size_t offset) {
  return events(
      "WHERE e.created_by = ?1 OR EXISTS (SELECT 1 FROM event_invites i WHERE i.event_id = e.id AND "
      "i.user_id = ?1 AND i.status <> 'declined') ORDER BY e.created_at DESC, e.id LIMIT ?2 OFFSET ?3",
      {user_id}, {static_cast<int64_t>(std::min(limit, kMaxListLimit)), static_cast<int64_t>(offset)});
}

Result<void> SqliteEvents::put_exception(const EventException& x) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "INSERT INTO event_exceptions (event_id, original_start, cancelled, starts_at, ends_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (event_id, original_start) DO UPDATE SET "
      "cancelled = excluded.cancelled, starts_at = excluded.starts_at, ends_at = excluded.ends_at");
  if (!stmt) return stmt.error();
  return (*stmt)
      ->bind(1, std::string_view(x.event_id))
      .bind(2, std::string_view(x.original_start))
      .bind(3, int64_t{x.cancelled ? 1 : 0})
      .bind_optional(4, x.starts_at)
      .bind_optional(5, x.ends_at)
      .run();
}

Result<std::vector<EventException>> SqliteEvents::exceptions(const std::string& event_id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "SELECT event_id, original_start, cancelled, starts_at, ends_at FROM event_exceptions WHERE event_id = "
      "?1 "
      "ORDER BY original_start");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, std::string_view(event_id));
  return collect_rows<EventException>(**stmt, [](const Statement& s) {
    return EventException{s.column_text(0), s.column_text(1), s.column_int(2) != 0, s.column_optional_text(3),
                          s.column_optional_text(4)};
  });
}

Result<void> SqliteEvents::set_favourite(const std::string& user_id, const std::string& event_id, bool on) {
  std::lock_guard lock(c_.mutex);
  auto stmt =
      c_.db->prepared(on ? "INSERT OR IGNORE INTO event_favourites (user_id, event_id) VALUES (?1, ?2)"
                         : "DELETE FROM event_favourites WHERE user_id = ?1 AND event_id = ?2");
  if (!stmt) return stmt.error();
  return (*stmt)->bind(1, std::string_view(user_id)).bind(2, std::string_view(event_id)).run();
}

Result<std::vector<std::string>> SqliteEvents::favourites(const std::string& user_id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("SELECT event_id FROM event_favourites WHERE user_id = ?1 ORDER BY event_id");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, std::string_view(user_id));
  return collect_rows<std::string>(**stmt, [](const Statement& s) { return s.column_text(0); });
}

Result<void> SqliteEvents::add_invite(const EventInvite& invite) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "INSERT INTO event_invites (event_id, user_id, email, role, status) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return stmt.error();
  auto r = (*stmt)
               ->bind(1, std::string_view(invite.event_id))
               .bind_optional(2, invite.user_id)
               .bind_optional(3, invite.email)
               .bind(4, std::string_view(invite.role))
               .bind(5, std::string_view(invite.status))
               .run();
  if (!r && r.error().code == ErrorCode::conflict) {
    return Error{ErrorCode::conflict, "already invited", invite.user_id ? "user_id" : "email", 0};
  }
  return r;
}

Result<std::vector<EventInvite>> SqliteEvents::invites(const std::string& event_id) {
  return invite_rows("WHERE event_id = ?1 ORDER BY created_at, coalesce(user_id, email)", {event_id});
}

Result<std::vector<EventInvite>> SqliteEvents::invites_in_room(const std::string& room_id,
                                                               const std::string& user_id) {
  return invite_rows(
      "WHERE user_id = ?2 AND status != 'declined' AND event_id IN (SELECT id FROM events WHERE room_id = "
      "?1)",
      {room_id, user_id});
}

Result<std::vector<EventInvite>> SqliteEvents::pending_invites_for(const std::string& user_id) {
  return invite_rows("WHERE user_id = ?1 AND status = 'pending' ORDER BY created_at", {user_id});
}

Result<void> SqliteEvents::set_invite_status(const std::string& event_id, const std::string& user_id,
                                             const std::string& status) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("UPDATE event_invites SET status = ?3 WHERE event_id = ?1 AND user_id = ?2");
  if (!stmt) return stmt.error();
  auto r = (*stmt)
               ->bind(1, std::string_view(event_id))
               .bind(2, std::string_view(user_id))
               .bind(3, std::string_view(status))
               .run();
  if (!r) return r;
  return changed_one(**stmt, "you are not invited to this event");
}

Result<void> SqliteEvents::remove_invite(const std::string& event_id,
                                         const std::optional<std::string>& user_id,
                                         const std::optional<std::string>& email) {
  std::lock_guard lock(c_.mutex);
  auto stmt =
      c_.db->prepared("DELETE FROM event_invites WHERE event_id = ?1 AND (user_id = ?2 OR email = ?3)");
  if (!stmt) return stmt.error();
  auto r =
      (*stmt)->bind(1, std::string_view(event_id)).bind_optional(2, user_id).bind_optional(3, email).run();
  if (!r) return r;
  return changed_one(**stmt, "no such invitation");
}

} // namespace plenum::storage
