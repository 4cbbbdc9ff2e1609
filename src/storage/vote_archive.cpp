#include "storage/vote_archive.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace plenum::storage {
namespace {

bool uuid_like(const std::string& id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

Result<void> write_file(const std::filesystem::path& file, const std::string& content) {
  const auto tmp = file.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return make_error(ErrorCode::internal, "cannot create " + tmp);
  const bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || !synced || ::rename(tmp.c_str(), file.c_str()) != 0)
    return make_error(ErrorCode::internal, "cannot write " + file.string());
  return {};
}

} // namespace

Result<void> store_vote(const std::filesystem::path& dir, const std::string& vote_id,
                        const std::vector<std::string>& access_user_ids, const std::vector<VoteFile>& files) {
  if (!uuid_like(vote_id)) return make_error(ErrorCode::invalid_argument, "vote id is not a UUID");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return make_error(ErrorCode::internal, "cannot create " + dir.string() + ": " + ec.message());
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  for (const auto& f : files)
    if (auto r = write_file(dir / (vote_id + f.suffix), f.content); !r) return r;
  std::string access;
  for (const auto& id : access_user_ids) access += id + "\n";
  return write_file(dir / (vote_id + ".access"), access);
}

Result<std::vector<std::string>> load_vote_access(const std::filesystem::path& dir,
                                                  const std::string& vote_id) {
  if (!uuid_like(vote_id)) return make_error(ErrorCode::not_found, "no such vote");
  std::ifstream access(dir / (vote_id + ".access"));
  if (!access) return make_error(ErrorCode::not_found, "no such vote");
  std::vector<std::string> out;
  for (std::string line; std::getline(access, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

Result<std::string> load_vote_file(const std::filesystem::path& dir, const std::string& vote_id,
                                   const std::string& suffix) {
  if (!uuid_like(vote_id)) return make_error(ErrorCode::not_found, "no such vote");
  std::ifstream in(dir / (vote_id + suffix), std::ios::binary);
  if (!in) return make_error(ErrorCode::not_found, "no such vote");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace plenum::storage
