#include "storage/sqlite/sqlite_users.hpp"

#include "base/random.hpp"

namespace plenum::storage {
namespace {

constexpr const char* kColumns =
    "id, email, display_name, password_hash, is_admin, disabled, language, theme, totp_secret, "
    "totp_last_step, created_at, oidc_issuer, oidc_subject";
constexpr size_t kMaxListLimit = 1000;

User read_user(const Statement& s) {
  User u;
  u.id = s.column_text(0);
  u.email = s.column_text(1);
  u.display_name = s.column_text(2);
  u.password_hash = s.column_optional_text(3);
  u.admin = s.column_int(4) != 0;
  u.disabled = s.column_int(5) != 0;
  u.language = s.column_text(6);
  u.theme = s.column_text(7);
  u.totp_secret = s.column_optional_text(8);
  u.totp_last_step = s.column_int(9);
  u.created_at = s.column_text(10);
  u.oidc_issuer = s.column_optional_text(11);
  u.oidc_subject = s.column_optional_text(12);
  return u;
}

Result<std::optional<User>> first(Result<std::vector<User>> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<User>();
  return std::optional<User>(std::move(rows->front()));
}

// LIKE pattern matching `text` literally anywhere.
std::string contains_pattern(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

Result<void> expect_one_row(const Statement& s, const std::string& id) {
  if (s.changes() == 0) return make_error(ErrorCode::not_found, "no account with id " + id);
  return {};
}

} // namespace

Result<std::vector<User>> SqliteUsers::query(const std::string& sql,
                                             const std::vector<std::string>& text_args,
                                             const std::vector<int64_t>& int_args) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(sql);
  if (!stmt) return stmt.error();
  (*stmt)->bind_all(text_args, int_args);
  return collect_rows<User>(**stmt, read_user);
}

Result<User> SqliteUsers::create(const NewUser& user) {
  const std::string id = uuid_v4();
  {
    std::lock_guard lock(c_.mutex);
    auto stmt = c_.db->prepared(
        "INSERT INTO users (id, email, display_name, password_hash, is_admin) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!stmt) return stmt.error();
    auto done = (*stmt)
                    ->bind(1, std::string_view(id))
                    .bind(2, std::string_view(user.email))
                    .bind(3, std::string_view(user.display_name))
                    .bind_optional(4, user.password_hash)
                    .bind(5, int64_t{user.admin ? 1 : 0})
                    .run();
    if (!done) {
      if (done.error().code == ErrorCode::conflict) {
        return Error{ErrorCode::conflict, "an account with this e-mail address exists", "email"};
      }
      return done.error();
    }
  }
  auto created = find_by_id(id);
  if (!created) return created.error();
  PLENUM_ASSERT(created->has_value(), "inserted user not found");
  return std::move(**created);
}

Result<std::optional<User>> SqliteUsers::find_by_id(const std::string& id) {
  return first(query(std::string("SELECT ") + kColumns + " FROM users WHERE id = ?1", {id}, {}));
}

Result<std::optional<User>> SqliteUsers::find_by_email(const std::string& email) {
  return first(query(std::string("SELECT ") + kColumns + " FROM users WHERE email = ?1", {email}, {}));
}

Result<std::optional<User>> SqliteUsers::find_by_oidc(const std::string& issuer, const std::string& subject) {
  return first(
      query(std::string("SELECT ") + kColumns + " FROM users WHERE oidc_issuer = ?1 AND oidc_subject = ?2",
            {issuer, subject}, {}));
}

Result<void> SqliteUsers::set_oidc_identity(const std::string& id, const std::string& issuer,
                                            const std::string& subject, const std::string& email,
                                            const std::string& display_name) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "UPDATE users SET oidc_issuer = ?2, oidc_subject = ?3, email = ?4, display_name = ?5, "
      "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
  if (!stmt) return stmt.error();
  auto r = (*stmt)
               ->bind(1, std::string_view(id))
               .bind(2, std::string_view(issuer))
               .bind(3, std::string_view(subject))
               .bind(4, std::string_view(email))
               .bind(5, std::string_view(display_name))
               .run();
  if (!r) return r;
  return expect_one_row(**stmt, id);
}

Result<std::vector<User>> SqliteUsers::list(size_t limit, size_t offset) {
  return query(std::string("SELECT ") + kColumns + " FROM users ORDER BY email LIMIT ?1 OFFSET ?2", {},
               {static_cast<int64_t>(std::min(limit, kMaxListLimit)), static_cast<int64_t>(offset)});
}

Result<std::vector<User>> SqliteUsers::search(const std::string& text, size_t limit) {
  return query(std::string("SELECT ") + kColumns +
                   " FROM users WHERE disabled = 0 AND (email LIKE ?1 ESCAPE '\\' OR display_name LIKE ?1 "
                   "ESCAPE '\\') ORDER BY display_name, email LIMIT ?2",
               {contains_pattern(text)}, {static_cast<int64_t>(std::min(limit, kMaxListLimit))});
}

Result<void> SqliteUsers::set_disabled(const std::string& id, bool disabled) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "UPDATE users SET disabled = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
  if (!stmt) return stmt.error();
  if (auto r = (*stmt)->bind(1, std::string_view(id)).bind(2, int64_t{disabled ? 1 : 0}).run(); !r) return r;
  return expect_one_row(**stmt, id);
}

Result<void> SqliteUsers::update_profile(const std::string& id, const ProfileUpdate& update) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "UPDATE users SET display_name = coalesce(?2, display_name), language = coalesce(?3, language), "
      "theme = coalesce(?4, theme), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
  if (!stmt) return stmt.error();
  auto r = (*stmt)
               ->bind(1, std::string_view(id))
               .bind_optional(2, update.display_name)
               .bind_optional(3, update.language)
               .bind_optional(4, update.theme)
               .run();
  if (!r) return r;
  return expect_one_row(**stmt, id);
}

Result<void> SqliteUsers::set_totp_last_step(const std::string& id, int64_t step) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared("UPDATE users SET totp_last_step = ?2 WHERE id = ?1");
  if (!stmt) return stmt.error();
  if (auto r = (*stmt)->bind(1, std::string_view(id)).bind(2, step).run(); !r) return r;
  return expect_one_row(**stmt, id);
}

Result<void> SqliteUsers::set_totp(const std::string& id, const std::optional<std::string>& secret,
                                   int64_t last_step) {
  std::lock_guard lock(c_.mutex);
  auto stmt = c_.db->prepared(
      "UPDATE users SET totp_secret = ?2, totp_last_step = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
      "'now') WHERE id = ?1");
  if (!stmt) return stmt.error();
  if (auto r = (*stmt)->bind(1, std::string_view(id)).bind_optional(2, secret).bind(3, last_step).run(); !r) {
    return r;
  }
  return expect_one_row(**stmt, id);
}

} // namespace plenum::storage
