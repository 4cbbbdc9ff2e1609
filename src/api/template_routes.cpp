#include "api/template_routes.hpp"

#include <boost/json/array.hpp>

#include "api/authenticate.hpp"
#include "api/blocking.hpp"
#include "api/json_body.hpp"
#include "api/replies.hpp"

namespace plenum::api {

using boost::asio::awaitable;
using http::Request;
using http::Response;
using storage::User;

namespace {

constexpr size_t kMaxText = 8192; // bytes; the service checks the precise limits
constexpr size_t kDefaultPage = 50;
constexpr size_t kMaxPage = 100;

boost::json::value nullable(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}
boost::json::value nullable(const std::optional<int64_t>& n) {
  return n ? boost::json::value(*n) : boost::json::value(nullptr);
}

// A member that may be null: absent = keep, null = clear, a value = set.
template <class T, class Read>
Result<std::optional<std::optional<T>>> clearable(const boost::json::object& body, std::string_view field,
                                                  Read read) {
  const auto* value = body.if_contains(field);
  if (value == nullptr) return std::optional<std::optional<T>>();
  if (value->is_null()) return std::optional<std::optional<T>>(std::optional<T>());
  auto parsed = read(body, field);
  if (!parsed) return parsed.error();
  return std::optional<std::optional<T>>(std::move(*parsed));
}

Result<std::optional<std::optional<std::string>>> clearable_text(const boost::json::object& body,
                                                                 std::string_view field) {
  return clearable<std::string>(body, field, [](const boost::json::object& b, std::string_view f) {
    return optional_string(b, f, kMaxText);
  });
}

Result<std::optional<std::optional<int64_t>>> clearable_int(const boost::json::object& body,
                                                            std::string_view field) {
  return clearable<int64_t>(body, field, optional_int);
}

Result<std::optional<std::vector<std::string>>> optional_choices(const boost::json::object& body) {
  const auto* value = body.if_contains("choices");
  if (value == nullptr) return std::optional<std::vector<std::string>>();
  if (!value->is_array() || value->as_array().size() > 1000)
    return field_error("choices", "must be an array");
  std::vector<std::string> out;
  const auto& items = value->as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    const boost::json::object one{{"choice", items[i]}};
    auto text = optional_string(one, "choice", kMaxText);
    if (!text || !*text) return field_error("choices[" + std::to_string(i) + "]", "must be a string");
    out.push_back(std::move(**text));
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

// Sets `*target` from the body's member `field` with `read`; false (and `error`) on bad input.
template <class Target, class Read>
bool read_into(const boost::json::object& body, std::string_view field, Target& target, Read read,
               Error& error) {
  auto value = read(body, field);
  if (!value) {
    error = value.error();
    return false;
  }
  target = std::move(*value);
  return true;
}

Result<std::optional<std::string>> text_member(const boost::json::object& body, std::string_view field) {
  return optional_string(body, field, kMaxText);
}

Result<services::PollTemplateInput> parse_poll(const boost::json::object& body) {
  if (auto r = only_fields(body,
                           {"title", "position", "topic", "choices", "multiple", "live", "duration_seconds"});
      !r) {
    return r.error();
  }
  services::PollTemplateInput in;
  Error e;
  const bool ok = read_into(body, "title", in.title, text_member, e) &&
                  read_into(body, "position", in.position, optional_int, e) &&
                  read_into(body, "topic", in.topic, text_member, e) &&
                  read_into(body, "multiple", in.multiple, optional_bool, e) &&
                  read_into(body, "live", in.live, optional_bool, e) &&
                  read_into(body, "duration_seconds", in.duration_seconds, clearable_int, e);
  if (!ok) return e;
  auto choices = optional_choices(body);
  if (!choices) return choices.error();
  in.choices = std::move(*choices);
  return in;
}

Result<services::VoteTemplateInput> parse_vote(const boost::json::object& body) {
  if (auto r = only_fields(body, {"position", "name", "subtitle", "topic", "kind", "allow_abstain",
                                  "live_results", "auto_close", "duration_seconds"});
      !r) {
    return r.error();
  }
  services::VoteTemplateInput in;
  Error e;
  const bool ok = read_into(body, "position", in.position, optional_int, e) &&
                  read_into(body, "name", in.name, text_member, e) &&
                  read_into(body, "subtitle", in.subtitle, clearable_text, e) &&
                  read_into(body, "topic", in.topic, clearable_text, e) &&
                  read_into(body, "kind", in.kind, text_member, e) &&
                  read_into(body, "allow_abstain", in.allow_abstain, optional_bool, e) &&
                  read_into(body, "live_results", in.live_results, optional_bool, e) &&
                  read_into(body, "auto_close", in.auto_close, optional_bool, e) &&
                  read_into(body, "duration_seconds", in.duration_seconds, clearable_int, e);
  if (!ok) return e;
  return in;
}

boost::json::object poll_json(const storage::PollTemplate& t) {
  boost::json::array choices;
  for (const auto& c : t.choices) choices.emplace_back(c);
  return {{"id", t.id},
          {"event_id", t.event_id},
          {"title", t.title},
          {"position", t.position},
          {"topic", t.topic},
          {"choices", std::move(choices)},
          {"multiple", t.multiple},
          {"live", t.live},
          {"duration_seconds", nullable(t.duration_seconds)},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at}};
}

boost::json::object vote_json(const storage::VoteTemplate& t) {
  return {{"id", t.id},
          {"event_id", t.event_id},
          {"position", t.position},
          {"name", t.name},
          {"subtitle", nullable(t.subtitle)},
          {"topic", nullable(t.topic)},
          {"kind", t.kind},
          {"allow_abstain", t.allow_abstain},
          {"live_results", t.live_results},
          {"auto_close", t.auto_close},
          {"duration_seconds", nullable(t.duration_seconds)},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at}};
}

// What differs between the two kinds; the handlers below are shared.
struct PollKind {
  static constexpr const char* kPath = "poll_templates";
  static constexpr auto kParse = parse_poll;
  static constexpr auto kToJson = poll_json;
  static constexpr auto kList = &services::Templates::polls;
  static constexpr auto kGet = &services::Templates::poll;
  static constexpr auto kCreate = &services::Templates::create_poll;
  static constexpr auto kUpdate = &services::Templates::update_poll;
  static constexpr auto kRemove = &services::Templates::remove_poll;
};

struct VoteKind {
  static constexpr const char* kPath = "vote_templates";
  static constexpr auto kParse = parse_vote;
  static constexpr auto kToJson = vote_json;
  static constexpr auto kList = &services::Templates::votes;
  static constexpr auto kGet = &services::Templates::vote;
  static constexpr auto kCreate = &services::Templates::create_vote;
  static constexpr auto kUpdate = &services::Templates::update_vote;
  static constexpr auto kRemove = &services::Templates::remove_vote;
};

template <class Kind>
http::Handler list_templates(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto page = page_params(req, kDefaultPage, kMaxPage);
    if (!page) co_return http::error_response(page.error());
    const auto& event_id = req.params.text("id");
    auto found =
        co_await run_blocking(ctx.blocking, [&] { return (ctx.templates.*Kind::kList)(user, event_id); });
    if (!found) co_return http::error_response(found.error());
    const size_t total = found->size();
    boost::json::array items;
    for (const auto& t : page_of(std::move(*found), *page)) items.push_back(Kind::kToJson(t));
    co_return json(200, {{Kind::kPath, std::move(items)}, {"total", total}});
  });
}

template <class Kind>
http::Handler create_template(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    auto input = Kind::kParse(*body);
    if (!input) co_return http::error_response(input.error());
    const auto& event_id = req.params.text("id");
    auto created = co_await run_blocking(
        ctx.blocking, [&] { return (ctx.templates.*Kind::kCreate)(user, event_id, *input); });
    if (!created) co_return http::error_response(created.error());
    co_return json(201, Kind::kToJson(*created));
  });
}

template <class Kind>
http::Handler get_template(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    const auto& event_id = req.params.text("id");
    const auto& id = req.params.text("template_id");
    auto found =
        co_await run_blocking(ctx.blocking, [&] { return (ctx.templates.*Kind::kGet)(user, event_id, id); });
    if (!found) co_return http::error_response(found.error());
    co_return json(200, Kind::kToJson(*found));
  });
}

template <class Kind>
http::Handler update_template(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    auto input = Kind::kParse(*body);
    if (!input) co_return http::error_response(input.error());
    const auto& event_id = req.params.text("id");
    const auto& id = req.params.text("template_id");
    auto updated = co_await run_blocking(
        ctx.blocking, [&] { return (ctx.templates.*Kind::kUpdate)(user, event_id, id, *input); });
    if (!updated) co_return http::error_response(updated.error());
    co_return json(200, Kind::kToJson(*updated));
  });
}

template <class Kind>
http::Handler delete_template(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    const auto& event_id = req.params.text("id");
    const auto& id = req.params.text("template_id");
    auto done = co_await run_blocking(ctx.blocking,
                                      [&] { return (ctx.templates.*Kind::kRemove)(user, event_id, id); });
    if (!done) co_return http::error_response(done.error());
    co_return no_content();
  });
}

} // namespace

http::Handler list_poll_templates(ApiContext& ctx) { return list_templates<PollKind>(ctx); }
http::Handler create_poll_template(ApiContext& ctx) { return create_template<PollKind>(ctx); }
http::Handler get_poll_template(ApiContext& ctx) { return get_template<PollKind>(ctx); }
http::Handler update_poll_template(ApiContext& ctx) { return update_template<PollKind>(ctx); }
http::Handler delete_poll_template(ApiContext& ctx) { return delete_template<PollKind>(ctx); }
http::Handler list_vote_templates(ApiContext& ctx) { return list_templates<VoteKind>(ctx); }
http::Handler create_vote_template(ApiContext& ctx) { return create_template<VoteKind>(ctx); }
http::Handler get_vote_template(ApiContext& ctx) { return get_template<VoteKind>(ctx); }
http::Handler update_vote_template(ApiContext& ctx) { return update_template<VoteKind>(ctx); }
http::Handler delete_vote_template(ApiContext& ctx) { return delete_template<VoteKind>(ctx); }

} // namespace plenum::api
