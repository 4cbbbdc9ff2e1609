#pragma once
// Legal votes (namespace legal_vote): options of the module and the rules of one vote.
// legal_vote_rules.cpp: one vote's state machine and its protocol entries;
// legal_vote_protocol.cpp: the hash-chained, signed log and its verification;
// legal_vote.cpp: the room module (commands, events, timers, who may do what).

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "modules/legal_vote_protocol.hpp"
#include "modules/procedure_templates.hpp"
#include "protocol/protocol.hpp"

namespace plenum::modules {

// A finished protocol, handed to the archive (the data directory; see app/serve_command.cpp).
struct ArchivedVote {
  std::string vote_id;
  std::string room_id;
  std::vector<std::string> access_user_ids; // the voters, the initiator, the moderators at the end
  boost::json::object protocol;
};

struct LegalVoteOptions {
  std::shared_ptr<const legal_vote::SigningKey> key; // null: a key made for this room (tests)
  std::function<void(ArchivedVote)> archive;         // null: protocols are not stored
  size_t max_votes_per_meeting = 100;
  TemplateLoader<proto::LegalVoteTemplate> load_templates; // null: no prepared votes
};

namespace legal_vote {

struct Person {
  std::string participant_id;
  std::string user_id; // empty for the server (room closed)
  std::string display_name;
};

struct StartParams {
  std::string name;
  std::optional<std::string> subtitle;
  std::optional<std::string> topic;
  std::string kind = "roll_call"; // roll_call | secret
  bool allow_abstain = true;
  bool live_results = false;
  bool auto_close = false;
  std::optional<int64_t> duration_seconds;
};

struct RuleError {
  proto::ErrorCode code;
  std::string text;
  std::string field;
};

// Checks the parameters (kind/live combination, duration range, name length in code points).
std::optional<RuleError> check_params(const StartParams& params);

class Vote {
 public:
  // Records the start entry and makes one token per voter.
  Vote(std::string id, std::string room_id, StartParams params, Person initiator, std::vector<Person> voters,
       int64_t now_ms, std::shared_ptr<const SigningKey> key);

  const std::string& id() const { return id_; }
  const StartParams& params() const { return params_; }
  const Person& initiator() const { return initiator_; }
  const std::vector<Person>& voters() const { return voters_; }
  bool running() const { return state_ == "running"; }
  std::optional<int64_t> ends_at() const { return ends_at_; }
  // The unused token of a participant, if any.
  std::optional<std::string> token_of(const std::string& participant_id) const;
  bool eligible(const std::string& participant_id) const;
  bool all_voted() const { return voted_count() == static_cast<int64_t>(voters_.size()); }
  int64_t voted_count() const { return tally_.yes + tally_.no + tally_.abstain; }

  // Records a vote; on success `receipt` is the hash of its protocol entry.
  std::optional<RuleError> vote(const std::string& participant_id, const std::string& token,
                                const std::string& choice, std::string& receipt);
  // Ends the vote: the end entry, then the result entry; the protocol is signed.
  void stop(const std::string& by, int64_t now_ms);
  void cancel(const std::string& by, const std::string& reason_code, const std::string& reason,
              int64_t now_ms);
  void close(const std::string& reason, int64_t now_ms); // expired | auto_closed

  proto::LegalVote view() const;
  const boost::json::object& protocol() const { return protocol_; } // after the end
  const ProtocolLog& log() const { return log_; }

 private:
  void finish(const std::string& outcome, int64_t now_ms);

  std::string id_, room_id_;
  StartParams params_;
  Person initiator_;
  std::vector<Person> voters_;
  std::set<std::string> voter_ids_;
  std::map<std::string, std::string> pending_; // participant -> unused token (memory only)
  std::set<std::string> used_token_hashes_;
  std::set<std::string> voted_; // roll-call only: who voted
  std::vector<proto::LegalVoteNamedChoice> named_;
  Tally tally_;
  std::string state_ = "running";
  std::optional<std::string> end_reason_, cancel_reason_, invalid_reason_;
  std::optional<bool> valid_;
  int64_t started_at_ = 0;
  std::optional<int64_t> ends_at_;
  ProtocolLog log_;
  std::shared_ptr<const SigningKey> key_;
  boost::json::object protocol_;
};

} // namespace legal_vote
} // namespace plenum::modules
