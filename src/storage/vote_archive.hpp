#pragma once
// Finished legal votes in the data directory: <dir>/<vote id>.access (the user ids allowed to
// download, one a line) and one file per rendition: <vote id>.json (the signed protocol),
// <vote id>.en.pdf, <vote id>.de.pdf (the reports). Files are written with mode 0600 (directory
// 0700) and replaced atomically; the access list is written last, so a vote is visible only
// when all its files are there.

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace plenum::storage {

struct VoteFile {
  std::string suffix; // ".json", ".en.pdf", ".de.pdf"
  std::string content;
};

Result<void> store_vote(const std::filesystem::path& dir, const std::string& vote_id,
                        const std::vector<std::string>& access_user_ids, const std::vector<VoteFile>& files);
// not_found when there is no such vote (or the id is not a UUID).
Result<std::vector<std::string>> load_vote_access(const std::filesystem::path& dir,
                                                  const std::string& vote_id);
Result<std::string> load_vote_file(const std::filesystem::path& dir, const std::string& vote_id,
                                   const std::string& suffix);

} // namespace plenum::storage
