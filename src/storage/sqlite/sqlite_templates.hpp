#pragma once

#include <functional>

#include "storage/sqlite/sqlite_database.hpp"
#include "storage/templates.hpp"

namespace plenum::storage {

class SqliteTemplates final : public TemplateRepository {
 public:
  explicit SqliteTemplates(SqliteConnection& connection) : c_(connection) {}
  Result<PollTemplate> create_poll(const PollTemplate& t, size_t max_per_event) override;
  Result<std::optional<PollTemplate>> find_poll(const std::string& event_id, const std::string& id) override;
  Result<std::vector<PollTemplate>> polls(const std::string& event_id) override;
  Result<void> update_poll(const PollTemplate& t) override;
  Result<void> remove_poll(const std::string& event_id, const std::string& id) override;
  Result<std::vector<PollTemplate>> polls_in_room(const std::string& room_id) override;

  Result<VoteTemplate> create_vote(const VoteTemplate& t, size_t max_per_event) override;
  Result<std::optional<VoteTemplate>> find_vote(const std::string& event_id, const std::string& id) override;
  Result<std::vector<VoteTemplate>> votes(const std::string& event_id) override;
  Result<void> update_vote(const VoteTemplate& t) override;
  Result<void> remove_vote(const std::string& event_id, const std::string& id) override;
  Result<std::vector<VoteTemplate>> votes_in_room(const std::string& room_id) override;

 private:
  template <class T, class Read>
  Result<std::vector<T>> rows(const std::string& sql, const std::string& arg, Read read);
  // Inserts with the next position unless the event holds `max` rows of `table` already.
  Result<void> insert(const char* table, const std::string& event_id, size_t max, const std::string& sql,
                      const std::function<void(Statement&)>& bind);
  Result<void> remove(const char* table, const std::string& event_id, const std::string& id);
  SqliteConnection& c_;
};

} // namespace plenum::storage
