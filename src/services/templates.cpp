#include "services/templates.hpp"

#include <algorithm>
#include <set>

#include "base/utf8.hpp"

namespace plenum::services {
namespace {

namespace lim = template_limits;

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Text of min..max code points (the decoder's rule) that is not only white space.
Result<void> check_text(const std::string& field, std::string_view text, size_t min, size_t max,
                        bool multiline = false) {
  if (const char* why = utf8::check_text(text, min, max, multiline)) return field_error(field, why);
  if (min > 0 && blank(text)) return field_error(field, "must not be blank");
  return {};
}

Result<void> check_range(const std::string& field, int64_t value, int64_t min, int64_t max) {
  if (value < min || value > max)
    return field_error(field,
                       "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  return {};
}

Result<void> check_duration(const std::optional<int64_t>& seconds, int64_t min, int64_t max) {
  return seconds ? check_range("duration_seconds", *seconds, min, max) : Result<void>{};
}

// An empty optional text is stored as none (as legal_vote.start treats an empty subtitle).
std::optional<std::string> none_if_empty(std::optional<std::string> text) {
  if (text && text->empty()) return std::nullopt;
  return text;
}

template <class T>
Result<T> found_or_not_found(Result<std::optional<T>> found) {
  if (!found) return found.error();
  if (!*found) return make_error(ErrorCode::not_found, "no such template");
  return std::move(**found);
}

void apply(storage::PollTemplate& t, const PollTemplateInput& in) {
  if (in.title) t.title = *in.title;
  if (in.position) t.position = *in.position;
  if (in.topic) t.topic = *in.topic;
  if (in.choices) t.choices = *in.choices;
  if (in.multiple) t.multiple = *in.multiple;
  if (in.live) t.live = *in.live;
  if (in.duration_seconds) t.duration_seconds = *in.duration_seconds;
}

void apply(storage::VoteTemplate& t, const VoteTemplateInput& in) {
  if (in.position) t.position = *in.position;
  if (in.name) t.name = *in.name;
  if (in.subtitle) t.subtitle = none_if_empty(*in.subtitle);
  if (in.topic) t.topic = none_if_empty(*in.topic);
  if (in.kind) t.kind = *in.kind;
  if (in.allow_abstain) t.allow_abstain = *in.allow_abstain;
  if (in.live_results) t.live_results = *in.live_results;
  if (in.auto_close) t.auto_close = *in.auto_close;
  if (in.duration_seconds) t.duration_seconds = *in.duration_seconds;
}

} // namespace

Result<void> check_poll_template(const storage::PollTemplate& t) {
  if (auto r = check_text("title", t.title, 1, lim::kTitle); !r) return r;
  if (auto r = check_range("position", t.position, 0, lim::kMaxPosition); !r) return r;
  if (auto r = check_text("topic", t.topic, 1, lim::kPollTopic); !r) return r;
  if (t.choices.size() < lim::kPollChoicesMin || t.choices.size() > lim::kPollChoicesMax) {
    return field_error("choices", "must have " + std::to_string(lim::kPollChoicesMin) + " to " +
                                      std::to_string(lim::kPollChoicesMax) + " items");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < t.choices.size(); ++i) {
    const auto field = "choices[" + std::to_string(i) + "]";
    if (auto r = check_text(field, t.choices[i], 1, lim::kPollChoice); !r) return r;
    if (!seen.insert(t.choices[i]).second) return field_error(field, "the same choice twice");
  }
  return check_duration(t.duration_seconds, lim::kPollDurationMin, lim::kPollDurationMax);
}

Result<void> check_vote_template(const storage::VoteTemplate& t) {
  if (auto r = check_range("position", t.position, 0, lim::kMaxPosition); !r) return r;
  if (auto r = check_text("name", t.name, 1, lim::kVoteName); !r) return r;
  if (t.subtitle) {
    if (auto r = check_text("subtitle", *t.subtitle, 0, lim::kVoteSubtitle); !r) return r;
  }
  if (t.topic) {
    if (auto r = check_text("topic", *t.topic, 0, lim::kVoteTopic, true); !r) return r;
  }
  if (t.kind != "roll_call" && t.kind != "secret")
    return field_error("kind", "must be one of: roll_call, secret");
  if (t.kind == "secret" && t.live_results)
    return field_error("live_results", "secret votes never show live results");
  return check_duration(t.duration_seconds, lim::kVoteDurationMin, lim::kVoteDurationMax);
}

Result<void> Templates::authorise(const storage::User& caller, const std::string& event_id) {
  auto event = store_.events().find(event_id);
  if (!event) return event.error();
  if (!*event) return make_error(ErrorCode::not_found, "no such event");
  if (caller.admin || (*event)->created_by == caller.id) return {};
  auto invites = store_.events().invites(event_id);
  if (!invites) return invites.error();
  auto mine = std::find_if(invites->begin(), invites->end(),
                           [&](const storage::EventInvite& i) { return i.user_id == caller.id; });
  if (mine == invites->end()) return make_error(ErrorCode::not_found, "no such event");
  if (mine->role != "moderator") {
    return make_error(ErrorCode::permission_denied,
                      "only the organiser and the meeting's moderators prepare polls and votes");
  }
  return {};
}

Result<std::vector<storage::PollTemplate>> Templates::polls(const storage::User& caller,
                                                            const std::string& event_id) {
  if (auto r = authorise(caller, event_id); !r) return r.error();
  return store_.templates().polls(event_id);
}

Result<storage::PollTemplate> Templates::poll(const storage::User& caller, const std::string& event_id,
                                              const std::string& id) {
  if (auto r = authorise(caller, event_id); !r) return r.error();
  return found_or_not_found(store_.templates().find_poll(event_id, id));
}

Result<storage::PollTemplate> Templates::create_poll(const storage::User& caller, const std::string& event_id,
                                                     const PollTemplateInput& input) {
  if (auto r = authorise(caller, event_id); !r) return r.error();
  for (auto [field, given] :
       {std::pair{"title", input.title.has_value()}, std::pair{"topic", input.topic.has_value()},
        std::pair{"choices", input.choices.has_value()}}) {
    if (!given) return field_error(field, "required");
  }
  storage::PollTemplate t;
  t.event_id = event_id;
  apply(t, input);
  if (auto r = check_poll_template(t); !r) return r.error();
  auto created = store_.templates().create_poll(t, lim::kPerEvent);
  if (!created) return created.error();
  if (!input.position) return created;
  created->position = *input.position; // create appends; an explicit position is kept
  if (auto r = store_.templates().update_poll(*created); !r) return r.error();
  return found_or_not_found(store_.templates().find_poll(event_id, created->id));
}

Result<storage::PollTemplate> Templates::update_poll(const storage::User& caller, const std::string& event_id,
                                                     const std::string& id, const PollTemplateInput& input) {
  auto t = poll(caller, event_id, id);
  if (!t) return t.error();
  apply(*t, input);
  if (auto r = check_poll_template(*t); !r) return r.error();
  if (auto r = store_.templates().update_poll(*t); !r) return r.error();
  return found_or_not_found(store_.templates().find_poll(event_id, id));
}

Result<void> Templates::remove_poll(const storage::User& caller, const std::string& event_id,
                                    const std::string& id) {
  if (auto r = authorise(caller, event_id); !r) return r.error();
  return store_.templates().remove_poll(event_id, id);
}

Result<std::vector<storage::VoteTemplate>> Templates::votes(const storage::User& caller,
                                                            const std::string& event_id) {
  if (auto r = authorise(caller, event_id); !r) return r.error();
  return store_.templates().votes(event_id);
}

Result<storage::VoteTemplate> Templates::vote(const storage::User& caller, const std::string& event_id,
                                              const std::string& id) {
  if (auto r = authorise(caller, event_id); !r) return r.error();
  return found_or_not_found(store_.templates().find_vote(event_id, id));
}

Result<storage::VoteTemplate> Templates::create_vote(const storage::User& caller, const std::string& event_id,
                                                     const VoteTemplateInput& input) {
  if (auto r = authorise(caller, event_id); !r) return r.error();
  if (!input.name) return field_error("name", "required");
  storage::VoteTemplate t;
  t.event_id = event_id;
  apply(t, input);
  if (auto r = check_vote_template(t); !r) return r.error();
  auto created = store_.templates().create_vote(t, lim::kPerEvent);
  if (!created) return created.error();
  if (!input.position) return created;
  created->position = *input.position;
  if (auto r = store_.templates().update_vote(*created); !r) return r.error();
  return found_or_not_found(store_.templates().find_vote(event_id, created->id));
}

Result<storage::VoteTemplate> Templates::update_vote(const storage::User& caller, const std::string& event_id,
                                                     const std::string& id, const VoteTemplateInput& input) {
  auto t = vote(caller, event_id, id);
  if (!t) return t.error();
  apply(*t, input);
  if (auto r = check_vote_template(*t); !r) return r.error();
  if (auto r = store_.templates().update_vote(*t); !r) return r.error();
  return found_or_not_found(store_.templates().find_vote(event_id, id));
}

Result<void> Templates::remove_vote(const storage::User& caller, const std::string& event_id,
                                    const std::string& id) {
  if (auto r = authorise(caller, event_id); !r) return r.error();
  return store_.templates().remove_vote(event_id, id);
}

Result<std::vector<storage::PollTemplate>> Templates::polls_in_room(const std::string& room_id) {
  return store_.templates().polls_in_room(room_id);
}

Result<std::vector<storage::VoteTemplate>> Templates::votes_in_room(const std::string& room_id) {
  return store_.templates().votes_in_room(room_id);
}

} // namespace plenum::services
