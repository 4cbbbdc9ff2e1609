#pragma once

#include "storage/events.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace plenum::storage {

class SqliteEvents final : public EventRepository {
 public:
  explicit SqliteEvents(SqliteConnection& connection) : c_(connection) {}
  Result<Event> create(const Event& event) override;
  Result<std::optional<Event>> find(const std::string& id) override;
  Result<void> update(const Event& event) override;
  Result<void> remove(const std::string& id) override;
  Result<std::vector<Event>> list_for_user(const std::string& user_id, size_t limit, size_t offset) override;
  Result<void> put_exception(const EventException& exception) override;
  Result<std::vector<EventException>> exceptions(const std::string& event_id) override;
  Result<void> set_favourite(const std::string& user_id, const std::string& event_id, bool on) override;
  Result<std::vector<std::string>> favourites(const std::string& user_id) override;
  Result<void> add_invite(const EventInvite& invite) override;
  Result<std::vector<EventInvite>> invites(const std::string& event_id) override;
  Result<std::vector<EventInvite>> pending_invites_for(const std::string& user_id) override;
  Result<std::vector<EventInvite>> invites_in_room(const std::string& room_id,
                                                   const std::string& user_id) override;
  Result<void> set_invite_status(const std::string& event_id, const std::string& user_id,
                                 const std::string& status) override;
  Result<void> remove_invite(const std::string& event_id, const std::optional<std::string>& user_id,
                             const std::optional<std::string>& email) override;

 private:
  Result<std::vector<Event>> events(const std::string& sql, const std::vector<std::string>& text_args,
                                    const std::vector<int64_t>& int_args);
  Result<std::vector<EventInvite>> invite_rows(const std::string& sql, const std::vector<std::string>& args);
  SqliteConnection& c_;
};

} // namespace plenum::storage
