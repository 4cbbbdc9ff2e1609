#include "storage/sqlite/sqlite_templates.hpp"

#include <boost/json.hpp>

#include "base/random.hpp"

namespace plenum::storage {
namespace {

constexpr const char* kPollColumns =
    "SELECT t.id, t.event_id, t.title, t.position, t.topic, t.choices, t.multiple, t.live, "
    "t.duration_seconds, t.created_at, t.updated_at FROM poll_templates t ";
constexpr const char* kVoteColumns =
    "SELECT t.id, t.event_id, t.position, t.name, t.subtitle, t.topic, t.kind, t.allow_abstain, "
    "t.live_results, t.auto_close, t.duration_seconds, t.created_at, t.updated_at FROM vote_templates t ";
constexpr const char* kInRoom =
    "WHERE t.event_id = (SELECT id FROM events WHERE room_id = ?1) "
    "ORDER BY t.position, t.created_at, t.id";
constexpr const char* kInEvent = "WHERE t.event_id = ?1 ORDER BY t.position, t.created_at, t.id";

std::optional<int64_t> optional_int(const Statement& s, int col) {
  if (s.column_is_null(col)) return std::nullopt;
  return s.column_int(col);
}

std::string choices_json(const std::vector<std::string>& choices) {
  boost::json::array a;
  for (const auto& c : choices) a.emplace_back(c);
  return boost::json::serialize(a);
}

std::vector<std::string> choices_of(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(text, ec);
  if (ec || !parsed.is_array()) return out; // the table's CHECK keeps this from happening
  for (const auto& c : parsed.as_array())
    if (c.is_string()) out.emplace_back(c.as_string().c_str());
  return out;
}

PollTemplate read_poll(const Statement& s) {
  PollTemplate t;
  t.id = s.column_text(0);
  t.event_id = s.column_text(1);
  t.title = s.column_text(2);
  t.position = s.column_int(3);
  t.topic = s.column_text(4);
  t.choices = choices_of(s.column_text(5));
  t.multiple = s.column_int(6) != 0;
  t.live = s.column_int(7) != 0;
  t.duration_seconds = optional_int(s, 8);
  t.created_at = s.column_text(9);
  t.updated_at = s.column_text(10);
  return t;
}

VoteTemplate read_vote(const Statement& s) {
  VoteTemplate t;
  t.id = s.column_text(0);
  t.event_id = s.column_text(1);
  t.position = s.column_int(2);
  t.name = s.column_text(3);
  t.subtitle = s.column_optional_text(4);
  t.topic = s.column_optional_text(5);
  t.kind = s.column_text(6);
  t.allow_abstain = s.column_int(7) != 0;
  t.live_results = s.column_int(8) != 0;
  t.auto_close = s.column_int(9) != 0;
  t.duration_seconds = optional_int(s, 10);
  t.created_at = s.column_text(11);
  t.updated_at = s.column_text(12);
  return t;
}

Statement& bind_optional_int(Statement& s, int index, const std::optional<int64_t>& value) {
  if (value) return s.bind(index, *value);
  return s.bind_optional(index, std::nullopt);
}

// ?1 id, ?2 event_id, ?3 position, then the template's own fields.
void bind_poll(Statement& s, const PollTemplate& t) {
  s.bind(4, std::string_view(t.title))
      .bind(5, std::string_view(t.topic))
      .bind(6, std::string_view(choices_json(t.choices)))
      .bind(7, int64_t{t.multiple ? 1 : 0})
      .bind(8, int64_t{t.live ? 1 : 0});
  bind_optional_int(s, 9, t.duration_seconds);
}

void bind_vote(Statement& s, const VoteTemplate& t) {
  s.bind(4, std::string_view(t.name))
      .bind_optional(5, t.subtitle)
      .bind_optional(6, t.topic)
      .bind(7, std::string_view(t.kind))
      .bind(8, int64_t{t.allow_abstain ? 1 : 0})
      .bind(9, int64_t{t.live_results ? 1 : 0})
      .bind(10, int64_t{t.auto_close ? 1 : 0});
  bind_optional_int(s, 11, t.duration_seconds);
}

template <class T>
Result<std::optional<T>> first(Result<std::vector<T>> found) {
  if (!found) return found.error();
  if (found->empty()) return std::optional<T>();
  return std::optional<T>(std::move(found->front()));
}

} // namespace

template <class T, class Read>
Result<std::vector<T>> SqliteTemplates::rows(const std::string& sql, const std::string& arg, Read read) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(sql);
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, std::string_view(arg));
  return collect_rows<T>(**stmt, read);
}

Result<void> SqliteTemplates::insert(const char* table, const std::string& event_id, size_t max,
                                     const std::string& sql, const std::function<void(Statement&)>& bind) {
  std::lock_guard lock(c_.mutex);
  return c_.db->transaction([&]() -> Result<void> {
    auto count = c_.db->prepared(std::string("SELECT count(*), coalesce(max(position) + 1, 0) FROM ") +
                                 table + " WHERE event_id = ?1");
    if (!count) return count.error();
    (*count)->bind(1, std::string_view(event_id));
    auto row = (*count)->step();
    if (!row) {
      (*count)->reset();
      return row.error();
    }
    const auto existing = (*count)->column_int(0);
    const auto next = (*count)->column_int(1);
    (*count)->reset();
    if (existing >= static_cast<int64_t>(max)) {
      return make_error(ErrorCode::conflict, "this meeting has " + std::to_string(max) +
                                                 " templates of this kind already (the limit)");
    }
    auto stmt = c_.db->prepared(sql);
    if (!stmt) return stmt.error();
    (*stmt)->bind(3, next);
    bind(**stmt);
    return (*stmt)->run();
  });
}

Result<void> SqliteTemplates::remove(const char* table, const std::string& event_id, const std::string& id) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(std::string("DELETE FROM ") + table + " WHERE event_id = ?1 AND id = ?2");
  if (!stmt) return stmt.error();
  if (auto r = (*stmt)->bind(1, std::string_view(event_id)).bind(2, std::string_view(id)).run(); !r) return r;
  if ((*stmt)->changes() == 0) return make_error(ErrorCode::not_found, "no such template");
  return {};
}

Result<PollTemplate> SqliteTemplates::create_poll(const PollTemplate& t, size_t max_per_event) {
  const std::string id = uuid_v4();
  auto done =
      insert("poll_templates", t.event_id, max_per_event,
             "INSERT INTO poll_templates (id, event_id, position, title, topic, choices, multiple, live, "
             "duration_seconds) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
             [&](Statement& s) {
               s.bind(1, std::string_view(id)).bind(2, std::string_view(t.event_id));
               bind_poll(s, t);
             });
  if (!done) return done.error();
  auto created = find_poll(t.event_id, id);
  if (!created) return created.error();
  PLENUM_ASSERT(created->has_value(), "inserted template not found");
  return std::move(**created);
}

Result<std::optional<PollTemplate>> SqliteTemplates::find_poll(const std::string& event_id,
                                                               const std::string& id) {
  auto found = rows<PollTemplate>(std::string(kPollColumns) + "WHERE t.id = ?1", id, read_poll);
  if (found && !found->empty() && found->front().event_id != event_id) found->clear();
  return first(std::move(found));
}

Result<std::vector<PollTemplate>> SqliteTemplates::polls(const std::string& event_id) {
  return rows<PollTemplate>(std::string(kPollColumns) + kInEvent, event_id, read_poll);
}

Result<std::vector<PollTemplate>> SqliteTemplates::polls_in_room(const std::string& room_id) {
  return rows<PollTemplate>(std::string(kPollColumns) + kInRoom, room_id, read_poll);
}

Result<void> SqliteTemplates::update_poll(const PollTemplate& t) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "UPDATE poll_templates SET position = ?3, title = ?4, topic = ?5, choices = ?6, multiple = ?7, live = "
      "?8, "
      "duration_seconds = ?9, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1 AND event_id "
      "= ?2");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, std::string_view(t.id)).bind(2, std::string_view(t.event_id)).bind(3, t.position);
  bind_poll(**stmt, t);
  if (auto r = (*stmt)->run(); !r) return r;
  if ((*stmt)->changes() == 0) return make_error(ErrorCode::not_found, "no such template");
  return {};
}

Result<void> SqliteTemplates::remove_poll(const std::string& event_id, const std::string& id) {
  return remove("poll_templates", event_id, id);
}

Result<VoteTemplate> SqliteTemplates::create_vote(const VoteTemplate& t, size_t max_per_event) {
  const std::string id = uuid_v4();
  auto done = insert("vote_templates", t.event_id, max_per_event,
                     "INSERT INTO vote_templates (id, event_id, position, name, subtitle, topic, kind, "
                     "allow_abstain, live_results, auto_close, duration_seconds) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                     [&](Statement& s) {
                       s.bind(1, std::string_view(id)).bind(2, std::string_view(t.event_id));
                       bind_vote(s, t);
                     });
  if (!done) return done.error();
  auto created = find_vote(t.event_id, id);
  if (!created) return created.error();
  PLENUM_ASSERT(created->has_value(), "inserted template not found");
  return std::move(**created);
}

Result<std::optional<VoteTemplate>> SqliteTemplates::find_vote(const std::string& event_id,
                                                               const std::string& id) {
  auto found = rows<VoteTemplate>(std::string(kVoteColumns) + "WHERE t.id = ?1", id, read_vote);
  if (found && !found->empty() && found->front().event_id != event_id) found->clear();
  return first(std::move(found));
}

Result<std::vector<VoteTemplate>> SqliteTemplates::votes(const std::string& event_id) {
  return rows<VoteTemplate>(std::string(kVoteColumns) + kInEvent, event_id, read_vote);
}

Result<std::vector<VoteTemplate>> SqliteTemplates::votes_in_room(const std::string& room_id) {
  return rows<VoteTemplate>(std::string(kVoteColumns) + kInRoom, room_id, read_vote);
}

Result<void> SqliteTemplates::update_vote(const VoteTemplate& t) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "UPDATE vote_templates SET position = ?3, name = ?4, subtitle = ?5, topic = ?6, kind = ?7, "
      "allow_abstain = ?8, live_results = ?9, auto_close = ?10, duration_seconds = ?11, "
      "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1 AND event_id = ?2");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, std::string_view(t.id)).bind(2, std::string_view(t.event_id)).bind(3, t.position);
  bind_vote(**stmt, t);
  if (auto r = (*stmt)->run(); !r) return r;
  if ((*stmt)->changes() == 0) return make_error(ErrorCode::not_found, "no such template");
  return {};
}

Result<void> SqliteTemplates::remove_vote(const std::string& event_id, const std::string& id) {
  return remove("vote_templates", event_id, id);
}

} // namespace plenum::storage
