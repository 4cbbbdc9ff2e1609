#include "storage/sqlite/sqlite_rooms.hpp"

#include "base/random.hpp"

namespace plenum::storage {
namespace {

constexpr const char* kRoomColumns =
    "SELECT id, owner_id, name, password, waiting_room, guest_access, e2ee, participant_limit, created_at "
    "FROM rooms ";
constexpr const char* kInviteColumns =
    "SELECT code, room_id, created_by, expires_at, created_at FROM room_invites ";
constexpr size_t kMaxListLimit = 1000;

Room read_room(const Statement& s) {
  Room r;
  r.id = s.column_text(0);
  r.owner_id = s.column_text(1);
  r.name = s.column_text(2);
  r.password = s.column_optional_text(3);
  r.waiting_room = s.column_text(4);
  r.guest_access = s.column_text(5);
  r.e2ee = s.column_int(6) != 0;
  r.max_participants = static_cast<int>(s.column_int(7));
  r.created_at = s.column_text(8);
  return r;
}

// ?1 id, ?2 name, ?3 password, ?4 waiting_room, ?5 guest_access, ?6 e2ee, ?7 participant_limit.
Statement& bind_room(Statement& s, const Room& r) {
  return s.bind(1, std::string_view(r.id))
      .bind(2, std::string_view(r.name))
      .bind_optional(3, r.password)
      .bind(4, std::string_view(r.waiting_room))
      .bind(5, std::string_view(r.guest_access))
      .bind(6, int64_t{r.e2ee ? 1 : 0})
      .bind(7, int64_t{r.max_participants});
}

RoomInvite read_invite(const Statement& s) {
  RoomInvite i;
  i.code = s.column_text(0);
  i.room_id = s.column_text(1);
  i.created_by = s.column_text(2);
  if (!s.column_is_null(3)) i.expires_at = s.column_int(3);
  i.created_at = s.column_text(4);
  return i;
}

} // namespace

Result<std::vector<Room>> SqliteRooms::rooms(const std::string& where,
                                             const std::vector<std::string>& text_args,
                                             const std::vector<int64_t>& int_args) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(kRoomColumns + where);
  if (!stmt) return stmt.error();
  (*stmt)->bind_all(text_args, int_args);
  return collect_rows<Room>(**stmt, read_room);
}

Result<std::vector<RoomInvite>> SqliteRooms::invites(const std::string& where,
                                                     const std::vector<std::string>& args) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(kInviteColumns + where);
  if (!stmt) return stmt.error();
  (*stmt)->bind_all(args, {});
  return collect_rows<RoomInvite>(**stmt, read_invite);
}

Result<Room> SqliteRooms::create(const Room& room) {
  const std::string id = uuid_v4();
  {
    std::lock_guard lock(c_.mutex);
    auto stmt = c_.db->prepared(
        "INSERT INTO rooms (id, name, password, waiting_room, guest_access, e2ee, participant_limit, "
        "owner_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!stmt) return stmt.error();
    Room with_id = room;
    with_id.id = id;
    auto done = bind_room(**stmt, with_id).bind(8, std::string_view(room.owner_id)).run();
    if (!done) return done.error();
  }
  auto created = find(id);
  if (!created) return created.error();
  PLENUM_ASSERT(created->has_value(), "inserted room not found");
  return std::move(**created);
}

Result<std::optional<Room>> SqliteRooms::find(const std::string& id) {
  auto found = rooms("WHERE id = ?1", {id}, {});
  if (!found) return found.error();
  if (found->empty()) return std::optional<Room>();
  return std::optional<Room>(std::move(found->front()));
}

Result<std::vector<Room>> SqliteRooms::list_owned(const std::string& owner_id, size_t limit, size_t offset) {
  return rooms("WHERE owner_id = ?1 ORDER BY created_at DESC, id LIMIT ?2 OFFSET ?3", {owner_id},
               {static_cast<int64_t>(std::min(limit, kMaxListLimit)), static_cast<int64_t>(offset)});
}

Result<int64_t> SqliteRooms::count_owned(const std::string& owner_id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("SELECT count(*) FROM rooms WHERE owner_id = ?1");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, std::string_view(owner_id));
  auto row = (*stmt)->step();
  int64_t n = row && *row ? (*stmt)->column_int(0) : 0;
  (*stmt)->reset();
  if (!row) return row.error();
  return n;
}

Result<void> SqliteRooms::update(const Room& room) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "UPDATE rooms SET name = ?2, password = ?3, waiting_room = ?4, guest_access = ?5, e2ee = ?6, "
      "participant_limit = ?7, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
  if (!stmt) return stmt.error();
  auto done = bind_room(**stmt, room).run();
  if (!done) return done;
  if ((*stmt)->changes() == 0) return make_error(ErrorCode::not_found, "no such room");
  return {};
}

Result<void> SqliteRooms::remove(const std::string& id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("DELETE FROM rooms WHERE id = ?1");
  if (!stmt) return stmt.error();
  if (auto r = (*stmt)->bind(1, std::string_view(id)).run(); !r) return r;
  if ((*stmt)->changes() == 0) return make_error(ErrorCode::not_found, "no such room");
  return {};
}

Result<RoomInvite> SqliteRooms::create_invite(const RoomInvite& invite) {
  {
    std::lock_guard lock(c_.mutex);
    auto stmt = c_.db->prepared(
        "INSERT INTO room_invites (code, room_id, created_by, expires_at) VALUES (?1, ?2, ?3, ?4)");
    if (!stmt) return stmt.error();
    (*stmt)->bind(1, std::string_view(invite.code)).bind(2, std::string_view(invite.room_id));
    (*stmt)->bind(3, std::string_view(invite.created_by));
    if (invite.expires_at) (*stmt)->bind(4, *invite.expires_at);
    if (auto r = (*stmt)->run(); !r) return r.error();
  }
  auto created = find_invite(invite.code);
  if (!created) return created.error();
  PLENUM_ASSERT(created->has_value(), "inserted invite not found");
  return std::move(**created);
}

Result<std::optional<RoomInvite>> SqliteRooms::find_invite(const std::string& code) {
  auto found = invites("WHERE code = ?1", {code});
  if (!found) return found.error();
  if (found->empty()) return std::optional<RoomInvite>();
  return std::optional<RoomInvite>(std::move(found->front()));
}

Result<std::vector<RoomInvite>> SqliteRooms::list_invites(const std::string& room_id) {
  return invites("WHERE room_id = ?1 ORDER BY created_at, code", {room_id});
}

Result<void> SqliteRooms::remove_invite(const std::string& room_id, const std::string& code) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("DELETE FROM room_invites WHERE room_id = ?1 AND code = ?2");
  if (!stmt) return stmt.error();
  if (auto r = (*stmt)->bind(1, std::string_view(room_id)).bind(2, std::string_view(code)).run(); !r)
    return r;
  if ((*stmt)->changes() == 0) return make_error(ErrorCode::not_found, "no such invite");
  return {};
}

Result<std::optional<DialIn>> SqliteRooms::find_dial_in(const std::string& room_id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("SELECT room_id, numeric_id, pin FROM room_dial_in WHERE room_id = ?1");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, std::string_view(room_id));
  auto rows = collect_rows<DialIn>(**stmt, [](const Statement& s) {
    return DialIn{s.column_text(0), s.column_text(1), s.column_text(2)};
  });
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<DialIn>();
  return std::optional<DialIn>(std::move(rows->front()));
}

Result<void> SqliteRooms::put_dial_in(const DialIn& d) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "INSERT INTO room_dial_in (room_id, numeric_id, pin) VALUES (?1, ?2, ?3) ON CONFLICT (room_id) DO "
      "UPDATE "
      "SET numeric_id = excluded.numeric_id, pin = excluded.pin");
  if (!stmt) return stmt.error();
  return (*stmt)
      ->bind(1, std::string_view(d.room_id))
      .bind(2, std::string_view(d.numeric_id))
      .bind(3, std::string_view(d.pin))
      .run();
}

Result<StreamingTarget> SqliteRooms::create_streaming_target(const StreamingTarget& target) {
  StreamingTarget t = target;
  t.id = uuid_v4();
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "INSERT INTO room_streaming_targets (id, room_id, name, endpoint, stream_key, public_url) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING created_at");
  if (!stmt) return stmt.error();
  (*stmt)
      ->bind(1, std::string_view(t.id))
      .bind(2, std::string_view(t.room_id))
      .bind(3, std::string_view(t.name))
      .bind(4, std::string_view(t.endpoint))
      .bind(5, std::string_view(t.stream_key))
      .bind_optional(6, t.public_url);
  auto rows = collect_rows<std::string>(**stmt, [](const Statement& s) { return s.column_text(0); });
  if (!rows) return rows.error();
  PLENUM_ASSERT(rows->size() == 1, "INSERT ... RETURNING gave no row");
  t.created_at = rows->front();
  return t;
}

Result<std::vector<StreamingTarget>> SqliteRooms::streaming_targets(const std::string& room_id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "SELECT id, room_id, name, endpoint, stream_key, public_url, created_at FROM room_streaming_targets "
      "WHERE room_id = ?1 ORDER BY created_at, id");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, std::string_view(room_id));
  return collect_rows<StreamingTarget>(**stmt, [](const Statement& s) {
    return StreamingTarget{s.column_text(0), s.column_text(1),          s.column_text(2), s.column_text(3),
                           s.column_text(4), s.column_optional_text(5), s.column_text(6)};
  });
}

Result<void> SqliteRooms::remove_streaming_target(const std::string& room_id, const std::string& id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("DELETE FROM room_streaming_targets WHERE room_id = ?1 AND id = ?2");
  if (!stmt) return stmt.error();
  if (auto r = (*stmt)->bind(1, std::string_view(room_id)).bind(2, std::string_view(id)).run(); !r) return r;
  if ((*stmt)->changes() == 0) return make_error(ErrorCode::not_found, "no such streaming target");
  return {};
}

} // namespace plenum::storage

namespace plenum::storage {

Result<void> SqliteRooms::ban(const std::string& room_id, const std::string& user_id) {
  std::lock_guard lock(c_.mutex);
  auto stmt =
      c_.db->prepared("INSERT INTO room_bans (room_id, user_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  if (!stmt) return stmt.error();
  return (*stmt)->bind(1, std::string_view(room_id)).bind(2, std::string_view(user_id)).run();
}

Result<bool> SqliteRooms::is_banned(const std::string& room_id, const std::string& user_id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("SELECT 1 FROM room_bans WHERE room_id = ?1 AND user_id = ?2");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, std::string_view(room_id)).bind(2, std::string_view(user_id));
  auto rows = collect_rows<int>(**stmt, [](const Statement&) { return 1; });
  if (!rows) return rows.error();
  return !rows->empty();
}

} // namespace plenum::storage
