#pragma once
// The audit protocol of a legal vote: an append-only list of entries, each hash-chained to the
// one before (SHA-256 of the previous entry's hash, as 64 hex characters, followed by the
// canonical JSON of the entry without its `prev` and `hash` fields), the final entry's hash
// signed with the server's Ed25519 key. `verify_protocol` re-checks a protocol document on its
// own (used by `plenum vote verify`): chain, signature, eligibility, single use of each voter and
// token, and the tally. Format: docs/architecture.md, "Legal votes".

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "base/result.hpp"

namespace plenum::modules::legal_vote {

inline constexpr std::string_view kFormat = "plenum.legal_vote.v1";
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Objects with keys sorted by bytes, no whitespace, integers only (doubles are written by
// Boost.JSON as it does, so a tampered number changes the hash), strings as Boost.JSON escapes them.
std::string canonical_json(const boost::json::value& value);
std::string sha256_hex(std::string_view data);
std::string to_hex(const unsigned char* data, size_t size);

// The entry's hash: SHA-256(prev_hash_hex || canonical_json(entry minus prev/hash)).
std::string entry_hash(std::string_view prev_hash, const boost::json::object& entry);
// What the Ed25519 signature covers.
std::string signed_message(std::string_view vote_id, std::string_view final_hash);

struct SigningKey {
  std::array<unsigned char, 32> public_key{};
  std::array<unsigned char, 64> secret_key{};
  static SigningKey generate();
  std::string public_hex() const;
  std::string sign_hex(std::string_view message) const;
};

// Reads the key from `file` (64 bytes: libsodium's secret key, which holds the public key), or
// creates it with mode 0600 when it does not exist. A file of another size or with group/other
// permissions is refused.
Result<SigningKey> load_or_create_signing_key(const std::filesystem::path& file);

class ProtocolLog {
 public:
  explicit ProtocolLog(std::string vote_id) : vote_id_(std::move(vote_id)) {}
  // Sets `seq` (1-based), `prev` and `hash`; returns the hash.
  std::string append(boost::json::object entry);
  const std::string& last_hash() const { return last_hash_; }
  size_t size() const { return entries_.size(); }
  const boost::json::array& entries() const { return entries_; }
  // The protocol document: format, vote id, public key, entries, signature over the last hash.
  boost::json::object finish(const SigningKey& key) const;

 private:
  std::string vote_id_;
  boost::json::array entries_;
  std::string last_hash_{kGenesisHash};
};

struct Tally {
  int64_t yes = 0, no = 0, abstain = 0;
  friend bool operator==(const Tally&, const Tally&) = default;
};

struct VerifyOptions {
  std::optional<std::string> public_key; // hex: the key the server is known to use
  std::optional<std::string> receipt;    // hex: a voter's receipt that must be an entry hash
};

struct VerifyReport {
  bool valid = false;
  std::string message;          // "valid" or what is wrong
  std::optional<int64_t> entry; // the first inconsistent entry (seq), when one is to blame
  std::string vote_name;
  std::string final_hash;
  Tally tally;
  int64_t eligible = 0;
  std::optional<int64_t> receipt_entry; // seq of the receipt's entry
};

VerifyReport verify_protocol(std::string_view text, const VerifyOptions& options = {});
// Same, on a parsed document.
VerifyReport verify_protocol(const boost::json::value& document, const VerifyOptions& options = {});

} // namespace plenum::modules::legal_vote
