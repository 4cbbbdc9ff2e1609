#pragma once

#include "storage/rooms.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace plenum::storage {

class SqliteRooms final : public RoomRepository {
 public:
  explicit SqliteRooms(SqliteConnection& connection) : c_(connection) {}
  Result<Room> create(const Room& room) override;
  Result<std::optional<Room>> find(const std::string& id) override;
  Result<std::vector<Room>> list_owned(const std::string& owner_id, size_t limit, size_t offset) override;
  Result<int64_t> count_owned(const std::string& owner_id) override;
  Result<void> update(const Room& room) override;
  Result<void> remove(const std::string& id) override;
  Result<RoomInvite> create_invite(const RoomInvite& invite) override;
  Result<std::optional<RoomInvite>> find_invite(const std::string& code) override;
  Result<std::vector<RoomInvite>> list_invites(const std::string& room_id) override;
  Result<void> remove_invite(const std::string& room_id, const std::string& code) override;
  Result<std::optional<DialIn>> find_dial_in(const std::string& room_id) override;
  Result<void> put_dial_in(const DialIn& dial_in) override;
  Result<StreamingTarget> create_streaming_target(const StreamingTarget& target) override;
  Result<std::vector<StreamingTarget>> streaming_targets(const std::string& room_id) override;
  Result<void> remove_streaming_target(const std::string& room_id, const std::string& id) override;
  Result<void> ban(const std::string& room_id, const std::string& user_id) override;
  Result<bool> is_banned(const std::string& room_id, const std::string& user_id) override;

 private:
  Result<std::vector<Room>> rooms(const std::string& where, const std::vector<std::string>& text_args,
                                  const std::vector<int64_t>& int_args);
  Result<std::vector<RoomInvite>> invites(const std::string& where, const std::vector<std::string>& args);
  SqliteConnection& c_;
};

} // namespace plenum::storage
