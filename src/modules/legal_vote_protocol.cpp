#include "modules/legal_vote_protocol.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <vector>

#include <sodium.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace plenum::modules::legal_vote {
namespace json = boost::json;

std::string to_hex(const unsigned char* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 15]);
  }
  return out;
}

namespace {

void write_canonical(const json::value& v, std::string& out) {
  switch (v.kind()) {
    case json::kind::object: {
      const auto& o = v.get_object();
      std::vector<const json::key_value_pair*> items;
      items.reserve(o.size());
      for (const auto& kv : o) items.push_back(&kv);
      std::sort(items.begin(), items.end(), [](auto* a, auto* b) { return a->key() < b->key(); });
      out.push_back('{');
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out.push_back(',');
        out += json::serialize(json::string(items[i]->key()));
        out.push_back(':');
        write_canonical(items[i]->value(), out);
      }
      out.push_back('}');
      break;
    }
    case json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : v.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        write_canonical(item, out);
      }
      out.push_back(']');
      break;
    }
    default: out += json::serialize(v);
  }
}

bool from_hex(std::string_view hex, unsigned char* out, size_t size) {
  if (hex.size() != size * 2) return false;
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false; // lower case only
  size_t written = 0;
  return sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &written, nullptr) == 0 &&
         written == size;
}

} // namespace

std::string canonical_json(const json::value& value) {
  std::string out;
  write_canonical(value, out);
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return to_hex(digest, sizeof digest);
}

std::string entry_hash(std::string_view prev_hash, const json::object& entry) {
  json::object body = entry;
  body.erase("prev");
  body.erase("hash");
  std::string input(prev_hash);
  input += canonical_json(body);
  return sha256_hex(input);
}

std::string signed_message(std::string_view vote_id, std::string_view final_hash) {
  std::string m(kFormat);
  m += '\n';
  m += vote_id;
  m += '\n';
  m += final_hash;
  return m;
}

SigningKey SigningKey::generate() {
  if (sodium_init() < 0) std::abort();
  SigningKey k;
  crypto_sign_keypair(k.public_key.data(), k.secret_key.data());
  return k;
}

std::string SigningKey::public_hex() const { return to_hex(public_key.data(), public_key.size()); }

std::string SigningKey::sign_hex(std::string_view message) const {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_key.data());
  return to_hex(sig, sizeof sig);
}

Result<SigningKey> load_or_create_signing_key(const std::filesystem::path& file) {
  if (sodium_init() < 0) return make_error(ErrorCode::internal, "libsodium could not be initialised");
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0) {
    if ((st.st_mode & 077) != 0)
      return make_error(
          ErrorCode::invalid_argument,
          file.string() + ": the vote signing key must not be readable by group or others (chmod 600)");
    std::ifstream in(file, std::ios::binary);
    SigningKey k;
    in.read(reinterpret_cast<char*>(k.secret_key.data()), static_cast<std::streamsize>(k.secret_key.size()));
    if (in.gcount() != static_cast<std::streamsize>(k.secret_key.size()) || in.peek() != EOF)
      return make_error(ErrorCode::invalid_argument, file.string() + ": not a vote signing key (64 bytes)");
    crypto_sign_ed25519_sk_to_pk(k.public_key.data(), k.secret_key.data());
    return k;
  }
  auto k = SigningKey::generate();
  const auto tmp = file.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return make_error(ErrorCode::internal, "cannot create " + tmp);
  const bool ok =
      ::write(fd, k.secret_key.data(), k.secret_key.size()) == static_cast<ssize_t>(k.secret_key.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || !synced || ::rename(tmp.c_str(), file.c_str()) != 0)
    return make_error(ErrorCode::internal, "cannot write " + file.string());
  return k;
}

std::string ProtocolLog::append(json::object entry) {
  entry["seq"] = static_cast<int64_t>(entries_.size() + 1);
  entry.erase("prev");
  entry.erase("hash");
  auto hash = entry_hash(last_hash_, entry);
  entry["prev"] = last_hash_;
  entry["hash"] = hash;
  entries_.push_back(std::move(entry));
  last_hash_ = hash;
  return hash;
}

json::object ProtocolLog::finish(const SigningKey& key) const {
  json::object doc;
  doc["format"] = kFormat;
  doc["vote_id"] = vote_id_;
  doc["public_key"] = key.public_hex();
  doc["entries"] = entries_;
  doc["final_hash"] = last_hash_;
  doc["signature"] = key.sign_hex(signed_message(vote_id_, last_hash_));
  return doc;
}

// ---- verification ----------------------------------------------------------------------------

namespace {

struct Failure {
  std::string message;
  std::optional<int64_t> entry;
};

const json::value* get(const json::object& o, std::string_view key) { return o.if_contains(key); }

std::optional<std::string> str(const json::object& o, std::string_view key) {
  auto* v = get(o, key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}
std::optional<int64_t> integer(const json::object& o, std::string_view key) {
  auto* v = get(o, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= INT64_MAX) return static_cast<int64_t>(v->get_uint64());
  return std::nullopt;
}
std::optional<bool> boolean(const json::object& o, std::string_view key) {
  auto* v = get(o, key);
  if (v == nullptr || !v->is_bool()) return std::nullopt;
  return v->get_bool();
}

bool is_end(std::string_view type) { return type == "stop" || type == "cancel" || type == "close"; }

class Verifier {
 public:
  explicit Verifier(const VerifyOptions& options) : options_(options) {}

  VerifyReport run(const json::value& document) {
    VerifyReport report;
    if (auto f = check(document, report)) {
      report.valid = false;
      report.entry = f->entry;
      report.message = f->message;
    } else {
      report.valid = true;
      report.message = "valid";
    }
    return report;
  }

 private:
  std::optional<Failure> check(const json::value& document, VerifyReport& report) {
    if (!document.is_object()) return Failure{"the protocol is not a JSON object", {}};
    const auto& doc = document.get_object();
    if (str(doc, "format") != std::string(kFormat))
      return Failure{"unknown format (expected \"" + std::string(kFormat) + "\")", {}};
    auto vote_id = str(doc, "vote_id");
    if (!vote_id) return Failure{"vote_id is missing", {}};
    auto public_key = str(doc, "public_key");
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    if (!public_key || !from_hex(*public_key, pk, sizeof pk))
      return Failure{"public_key is not an Ed25519 public key (64 hex digits)", {}};
    if (options_.public_key && *options_.public_key != *public_key)
      return Failure{"the protocol is signed with another key than the one given with --public-key", {}};
    auto* entries_value = get(doc, "entries");
    if (entries_value == nullptr || !entries_value->is_array() || entries_value->get_array().empty())
      return Failure{"entries are missing", {}};
    const auto& entries = entries_value->get_array();

    std::string prev(kGenesisHash);
    for (size_t i = 0; i < entries.size(); ++i) {
      const int64_t seq = static_cast<int64_t>(i) + 1;
      auto at = [&](std::string what) -> Failure {
        std::string type;
        if (entries[i].is_object())
          if (auto t = str(entries[i].get_object(), "type")) type = " (" + *t + ")";
        return Failure{"entry " + std::to_string(seq) + type + ": " + std::move(what), seq};
      };
      if (!entries[i].is_object()) return at("not a JSON object");
      const auto& e = entries[i].get_object();
      if (integer(e, "seq") != seq) return at("seq is not " + std::to_string(seq));
      if (str(e, "prev") != prev) return at("prev does not match the hash of the entry before");
      auto hash = str(e, "hash");
      if (!hash || entry_hash(prev, e) != *hash) return at("hash does not match the entry's content");
      if (auto why = rules(e, seq, *vote_id)) return at(*why);
      if (options_.receipt && *options_.receipt == *hash) report.receipt_entry = seq;
      prev = *hash;
    }
    const int64_t last = static_cast<int64_t>(entries.size());
    if (!result_seen_)
      return Failure{"entry " + std::to_string(last) + ": the protocol does not end with a result", last};
    if (str(doc, "final_hash") != prev)
      return Failure{"entry " + std::to_string(last) + ": final_hash is not this entry's hash", last};
    auto signature = str(doc, "signature");
    unsigned char sig[crypto_sign_BYTES];
    const auto message = signed_message(*vote_id, prev);
    if (sodium_init() < 0 || !signature || !from_hex(*signature, sig, sizeof sig) ||
        crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(message.data()),
                                    message.size(), pk) != 0)
      return Failure{"entry " + std::to_string(last) + ": the signature over the final hash is not valid",
                     last};
    if (options_.receipt && !report.receipt_entry)
      return Failure{"the receipt " + *options_.receipt + " is not the hash of any entry", {}};
    report.vote_name = name_;
    report.final_hash = prev;
    report.tally = tally_;
    report.eligible = static_cast<int64_t>(voters_.size());
    return std::nullopt;
  }

  // The rules of one entry; the reason if it breaks one.
  std::optional<std::string> rules(const json::object& e, int64_t seq, const std::string& vote_id) {
    auto type = str(e, "type");
    if (!type) return "type is missing";
    if (result_seen_) return "an entry after the result";
    if (seq == 1 && *type != "start") return "the first entry must be the start";
    if (*type == "start") {
      if (seq != 1) return "a second start";
      if (str(e, "vote_id") != vote_id) return "vote_id differs from the protocol's";
      auto name = str(e, "name");
      auto kind = str(e, "kind");
      auto abstain = boolean(e, "allow_abstain");
      if (!name || !kind || (*kind != "roll_call" && *kind != "secret") || !abstain)
        return "name, kind or allow_abstain missing or invalid";
      if (!integer(e, "at")) return "at is missing";
      name_ = *name;
      secret_ = *kind == "secret";
      allow_abstain_ = *abstain;
      auto* voters = get(e, "voters");
      if (voters == nullptr || !voters->is_array()) return "voters missing";
      for (const auto& v : voters->get_array()) {
        if (!v.is_object()) return "a voter is not an object";
        auto id = str(v.get_object(), "participant_id");
        auto user = str(v.get_object(), "user_id");
        if (!id || !user || user->empty())
          return "a voter without participant_id or user_id (only registered users vote)";
        if (!voters_.insert(*id).second) return "voter " + *id + " is listed twice";
      }
      auto* tokens = get(e, "token_hashes");
      if (tokens == nullptr || !tokens->is_array()) return "token_hashes missing";
      for (const auto& t : tokens->get_array()) {
        if (!t.is_string()) return "a token hash is not a string";
        if (!tokens_.insert(std::string(t.get_string())).second) return "a token hash is listed twice";
      }
      if (secret_ && tokens_.size() != voters_.size()) return "secret vote: not one token hash per voter";
      if (!secret_ && !tokens_.empty()) return "roll-call vote with token hashes";
      return std::nullopt;
    }
    if (*type == "vote") {
      if (end_seen_) return "a vote after the vote ended";
      auto choice = str(e, "choice");
      if (!choice || (*choice != "yes" && *choice != "no" && *choice != "abstain"))
        return "choice is not yes, no or abstain";
      if (*choice == "abstain" && !allow_abstain_) return "abstain in a vote that does not allow it";
      if (secret_) {
        if (get(e, "participant_id") || get(e, "at")) return "a secret vote names a participant or a time";
        auto token = str(e, "token_hash");
        if (!token) return "token_hash is missing";
        if (!tokens_.contains(*token)) return "token " + *token + " was not issued to an eligible voter";
        if (!used_tokens_.insert(*token).second) return "token " + *token + " was used twice";
      } else {
        auto id = str(e, "participant_id");
        if (!id) return "participant_id is missing";
        if (!voters_.contains(*id)) return "participant " + *id + " is not on the voter list";
        if (!voted_.insert(*id).second) return "participant " + *id + " voted twice";
      }
      (*choice == "yes" ? tally_.yes : *choice == "no" ? tally_.no : tally_.abstain) += 1;
      return std::nullopt;
    }
    if (is_end(*type)) {
      if (end_seen_) return "a second end of the vote";
      end_seen_ = true;
      end_type_ = *type;
      if (*type == "cancel")
        end_reason_ = str(e, "reason_code").value_or("");
      else if (*type == "close")
        end_reason_ = str(e, "reason").value_or("");
      else
        end_reason_ = "stopped";
      if (*type == "cancel" && end_reason_ != "cancelled" && end_reason_ != "initiator_left" &&
          end_reason_ != "room_closed")
        return "unknown cancel reason_code";
      if (*type == "close" && end_reason_ != "expired" && end_reason_ != "auto_closed")
        return "unknown close reason";
      if (*type == "close" && end_reason_ == "auto_closed" &&
          static_cast<size_t>(tally_.yes + tally_.no + tally_.abstain) != voters_.size())
        return "auto-closed before every voter voted";
      return std::nullopt;
    }
    if (*type == "result") {
      if (!end_seen_) return "a result before the vote ended";
      result_seen_ = true;
      Tally claimed{integer(e, "yes").value_or(-1), integer(e, "no").value_or(-1),
                    integer(e, "abstain").value_or(-1)};
      if (!(claimed == tally_))
        return "the tally (yes " + std::to_string(claimed.yes) + ", no " + std::to_string(claimed.no) +
               ", abstain " + std::to_string(claimed.abstain) + ") differs from the votes (yes " +
               std::to_string(tally_.yes) + ", no " + std::to_string(tally_.no) + ", abstain " +
               std::to_string(tally_.abstain) + ")";
      if (integer(e, "voted") != tally_.yes + tally_.no + tally_.abstain)
        return "voted differs from the votes";
      if (integer(e, "eligible") != static_cast<int64_t>(voters_.size()))
        return "eligible differs from the voter list";
      if (str(e, "outcome") != end_reason_) return "outcome differs from the end entry";
      auto valid = boolean(e, "valid");
      if (!valid) return "valid is missing";
      if (*valid && end_type_ == "cancel") return "a cancelled vote marked valid";
      return std::nullopt;
    }
    return "unknown entry type \"" + *type + "\"";
  }

  VerifyOptions options_;
  std::string name_;
  bool secret_ = false, allow_abstain_ = false, end_seen_ = false, result_seen_ = false;
  std::string end_type_, end_reason_;
  std::set<std::string> voters_, voted_, tokens_, used_tokens_;
  Tally tally_;
};

} // namespace

VerifyReport verify_protocol(const json::value& document, const VerifyOptions& options) {
  return Verifier(options).run(document);
}

VerifyReport verify_protocol(std::string_view text, const VerifyOptions& options) {
  boost::system::error_code ec;
  json::parse_options po;
  po.max_depth = 16;
  auto value = json::parse(text, ec, {}, po);
  if (ec) {
    VerifyReport r;
    r.message = "the protocol is not valid JSON: " + ec.message();
    return r;
  }
  return verify_protocol(value, options);
}

} // namespace plenum::modules::legal_vote
