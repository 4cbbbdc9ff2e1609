// One legal vote: its rules and the protocol entries each step writes (docs/architecture.md,
// "Legal votes").

#include <algorithm>

#include "base/random.hpp"
#include "modules/legal_vote.hpp"

namespace plenum::modules::legal_vote {
namespace json = boost::json;

namespace {

json::object person_json(const Person& p) {
  return json::object{
      {"participant_id", p.participant_id}, {"user_id", p.user_id}, {"display_name", p.display_name}};
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
}

} // namespace

std::optional<RuleError> check_params(const StartParams& p) {
  if (p.name.empty() || blank(p.name))
    return RuleError{proto::ErrorCode::invalid_field, "the name is empty", "name"};
  if (p.kind != "roll_call" && p.kind != "secret")
    return RuleError{proto::ErrorCode::invalid_field, "kind must be roll_call or secret", "kind"};
  if (p.kind == "secret" && p.live_results)
    return RuleError{proto::ErrorCode::invalid_field, "secret votes never show live results", "live_results"};
  if (p.duration_seconds && (*p.duration_seconds < 60 || *p.duration_seconds > 86'400))
    return RuleError{proto::ErrorCode::invalid_field, "the duration must be 1 minute to 24 hours",
                     "duration_seconds"};
  return std::nullopt;
}

Vote::Vote(std::string id, std::string room_id, StartParams params, Person initiator,
           std::vector<Person> voters, int64_t now_ms, std::shared_ptr<const SigningKey> key)
    : id_(std::move(id)),
      room_id_(std::move(room_id)),
      params_(std::move(params)),
      initiator_(std::move(initiator)),
      voters_(std::move(voters)),
      started_at_(now_ms),
      log_(id_),
      key_(std::move(key)) {
  if (params_.duration_seconds) ends_at_ = now_ms + *params_.duration_seconds * 1000;
  std::set<std::string> token_hashes; // sorted by hash: their order says nothing about the voters
  json::array voters_json;
  for (const auto& v : voters_) {
    voter_ids_.insert(v.participant_id);
    auto token = random_hex(32);
    if (params_.kind == "secret") token_hashes.insert(sha256_hex(token));
    pending_[v.participant_id] = std::move(token);
    voters_json.push_back(person_json(v));
  }
  json::array hashes;
  for (const auto& h : token_hashes) hashes.push_back(json::string(h));
  json::object e{{"type", "start"},
                 {"at", now_ms},
                 {"vote_id", id_},
                 {"room_id", room_id_},
                 {"name", params_.name},
                 {"subtitle", params_.subtitle.value_or("")},
                 {"topic", params_.topic.value_or("")},
                 {"kind", params_.kind},
                 {"allow_abstain", params_.allow_abstain},
                 {"live_results", params_.live_results},
                 {"auto_close", params_.auto_close},
                 {"initiator", person_json(initiator_)},
                 {"voters", std::move(voters_json)},
                 {"token_hashes", std::move(hashes)}};
  e["duration_seconds"] =
      params_.duration_seconds ? json::value(*params_.duration_seconds) : json::value(nullptr);
  log_.append(std::move(e));
}

std::optional<std::string> Vote::token_of(const std::string& participant_id) const {
  if (!running()) return std::nullopt;
  auto it = pending_.find(participant_id);
  if (it == pending_.end()) return std::nullopt;
  return it->second;
}

bool Vote::eligible(const std::string& participant_id) const { return voter_ids_.contains(participant_id); }

std::optional<RuleError> Vote::vote(const std::string& participant_id, const std::string& token,
                                    const std::string& choice, std::string& receipt) {
  if (!running()) return RuleError{proto::ErrorCode::not_allowed_now, "the vote has ended", "vote_id"};
  if (!eligible(participant_id))
    return RuleError{
        proto::ErrorCode::forbidden,
        "only registered participants present at the start vote (guests and late joiners do not)", ""};
  if (choice == "abstain" && !params_.allow_abstain)
    return RuleError{proto::ErrorCode::invalid_field, "this vote does not allow abstaining", "choice"};
  const auto token_hash = sha256_hex(token);
  auto it = pending_.find(participant_id);
  if (it == pending_.end() || used_token_hashes_.contains(token_hash))
    return RuleError{proto::ErrorCode::not_allowed_now, "already voted: the token was used", "token"};
  if (it->second != token) return RuleError{proto::ErrorCode::forbidden, "this is not your token", "token"};
  pending_.erase(it); // from here on nothing ties the token to the participant
  used_token_hashes_.insert(token_hash);
  json::object e{{"type", "vote"}, {"choice", choice}};
  if (params_.kind == "secret") {
    e["token_hash"] = token_hash; // no identity, no time
  } else {
    e["participant_id"] = participant_id;
    voted_.insert(participant_id);
    auto voter = std::find_if(voters_.begin(), voters_.end(),
                              [&](const Person& p) { return p.participant_id == participant_id; });
    named_.push_back(proto::LegalVoteNamedChoice{participant_id, voter->display_name, choice});
  }
  (choice == "yes" ? tally_.yes : choice == "no" ? tally_.no : tally_.abstain) += 1;
  receipt = log_.append(std::move(e));
  return std::nullopt;
}

void Vote::stop(const std::string& by, int64_t now_ms) {
  if (!running()) return;
  log_.append(json::object{{"type", "stop"}, {"at", now_ms}, {"by", by}});
  finish("stopped", now_ms);
}

void Vote::cancel(const std::string& by, const std::string& reason_code, const std::string& reason,
                  int64_t now_ms) {
  if (!running()) return;
  log_.append(json::object{
      {"type", "cancel"}, {"at", now_ms}, {"by", by}, {"reason_code", reason_code}, {"reason", reason}});
  cancel_reason_ = reason;
  finish(reason_code, now_ms);
}

void Vote::close(const std::string& reason, int64_t now_ms) {
  if (!running()) return;
  log_.append(json::object{{"type", "close"}, {"at", now_ms}, {"reason", reason}});
  finish(reason, now_ms);
}

void Vote::finish(const std::string& outcome, int64_t now_ms) {
  // Recount from the protocol entries, independently of the running tally.
  Tally recount;
  for (const auto& v : log_.entries()) {
    const auto& e = v.get_object();
    if (e.at("type").get_string() != "vote") continue;
    const auto& c = e.at("choice").get_string();
    (c == "yes" ? recount.yes : c == "no" ? recount.no : recount.abstain) += 1;
  }
  const bool cancelled = outcome == "cancelled" || outcome == "initiator_left" || outcome == "room_closed";
  if (cancelled)
    invalid_reason_ = "the vote was cancelled";
  else if (!(recount == tally_))
    invalid_reason_ = "the recount of the protocol differs from the tally";
  valid_ = !invalid_reason_;
  end_reason_ = outcome;
  state_ = cancelled ? "cancelled" : "ended";
  pending_.clear();
  log_.append(json::object{{"type", "result"},
                           {"at", now_ms},
                           {"outcome", outcome},
                           {"yes", tally_.yes},
                           {"no", tally_.no},
                           {"abstain", tally_.abstain},
                           {"voted", voted_count()},
                           {"eligible", static_cast<int64_t>(voters_.size())},
                           {"valid", *valid_},
                           {"invalid_reason", invalid_reason_.value_or("")}});
  protocol_ = log_.finish(*key_);
}

proto::LegalVote Vote::view() const {
  proto::LegalVote v;
  v.id = id_;
  v.name = params_.name;
  v.subtitle = params_.subtitle;
  v.topic = params_.topic;
  v.kind = params_.kind;
  v.allow_abstain = params_.allow_abstain;
  v.live_results = params_.live_results;
  v.auto_close = params_.auto_close;
  v.initiator = initiator_.participant_id;
  v.started_at = started_at_;
  v.ends_at = ends_at_;
  v.state = state_;
  for (const auto& p : voters_) v.voters.push_back(p.participant_id);
  v.voted = voted_count();
  const bool show = (running() && params_.live_results) || state_ == "ended";
  if (show) {
    v.tally = proto::LegalVoteTally{tally_.yes, tally_.no, tally_.abstain};
    if (params_.kind == "roll_call") v.named = named_;
  }
  v.end_reason = end_reason_;
  v.cancel_reason = cancel_reason_;
  v.valid = valid_;
  v.invalid_reason = invalid_reason_;
  if (!running()) v.protocol_hash = log_.last_hash();
  return v;
}

} // namespace plenum::modules::legal_vote
