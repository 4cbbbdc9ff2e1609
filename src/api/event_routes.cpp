#include "api/event_routes.hpp"

#include <ctime>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "api/authenticate.hpp"
#include "api/blocking.hpp"
#include "api/json_body.hpp"
#include "api/replies.hpp"
#include "api/room_routes.hpp"
#include "api/user_routes.hpp"

namespace plenum::api {

using boost::asio::awaitable;
using http::Request;
using http::Response;
using storage::User;

namespace {

constexpr size_t kMaxField = 8192; // bytes; the services check precise limits
constexpr size_t kDefaultPage = 50;
constexpr size_t kMaxPage = 100;
constexpr size_t kMaxDateList = 100;
constexpr size_t kMaxDateBytes = 32;

boost::json::value optional_json(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

boost::json::array string_array(const std::vector<std::string>& items) {
  boost::json::array a;
  for (const auto& i : items) a.push_back(boost::json::value(i));
  return a;
}

boost::json::object event_json(const services::EventView& v) {
  const auto& e = v.event;
  boost::json::object o;
  o["id"] = e.id;
  o["title"] = e.title;
  o["description"] = e.description;
  o["time_independent"] = e.time_independent;
  o["all_day"] = e.all_day;
  o["adhoc"] = e.adhoc;
  o["starts_at"] = optional_json(e.starts_at);
  o["ends_at"] = optional_json(e.ends_at);
  o["time_zone"] = optional_json(e.time_zone);
  if (e.rrule || !e.rdates.empty()) {
    o["recurrence"] = boost::json::object{{"rrule", e.rrule.value_or("")},
                                          {"rdates", string_array(e.rdates)},
                                          {"exdates", string_array(e.exdates)}};
  } else {
    o["recurrence"] = nullptr;
  }
  o["room_id"] = e.room_id;
  // Invitees learn whether a password is needed; the password itself is for the organisers.
  if (v.can_manage) {
    o["room"] = room_json(v.room);
  } else {
    o["room"] = boost::json::object{{"id", v.room.id}, {"password_required", v.room.password.has_value()}};
  }
  o["favourite"] = v.favourite;
  o["can_manage"] = v.can_manage;
  o["created_by"] = e.created_by;
  o["created_at"] = e.created_at;
  o["updated_at"] = e.updated_at;
  return o;
}

boost::json::object instance_json(const services::Instance& i) {
  return {{"original_start", i.original_start},
          {"starts_at", i.starts_at},
          {"ends_at", i.ends_at},
          {"starts_at_utc", rfc3339(i.starts_at_utc)},
          {"ends_at_utc", rfc3339(i.ends_at_utc)},
          {"moved", i.moved}};
}

boost::json::object invite_json(const storage::EventInvite& i) {
  return {{"event_id", i.event_id},
          {"user_id", optional_json(i.user_id)},
          {"email", optional_json(i.email)},
          {"role", i.role},
          {"status", i.status},
          {"created_at", i.created_at},
          {"user_name", optional_json(i.user_name)},
          {"user_email", optional_json(i.user_email)}};
}

Result<std::optional<std::vector<std::string>>> optional_dates(const boost::json::object& body,
                                                               std::string_view field) {
  const auto* value = body.if_contains(field);
  if (!value || value->is_null()) return std::optional<std::vector<std::string>>();
  if (!value->is_array() || value->as_array().size() > kMaxDateList) {
    return field_error(std::string(field), "a list of at most 100 local date-times");
  }
  std::vector<std::string> out;
  for (const auto& item : value->as_array()) {
    if (!item.is_string() || item.as_string().size() > kMaxDateBytes) {
      return field_error(std::string(field), "a list of local date-times like \"2026-12-01T09:00:00\"");
    }
    out.emplace_back(item.as_string().data(), item.as_string().size());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<services::EventInput> parse_event(const boost::json::object& body, bool& adhoc) {
  if (auto r = only_fields(body, {"title", "description", "time_independent", "all_day", "starts_at",
                                  "ends_at", "time_zone", "recurrence", "room", "adhoc"});
      !r) {
    return r.error();
  }
  services::EventInput in;
  for (auto [field, target] : {std::pair{"title", &in.title}, std::pair{"description", &in.description},
                               std::pair{"starts_at", &in.starts_at}, std::pair{"ends_at", &in.ends_at},
                               std::pair{"time_zone", &in.time_zone}}) {
    auto value = optional_string(body, field, kMaxField);
    if (!value) return value.error();
    *target = std::move(*value);
  }
  for (auto [field, target] :
       {std::pair{"time_independent", &in.time_independent}, std::pair{"all_day", &in.all_day}}) {
    auto value = optional_bool(body, field);
    if (!value) return value.error();
    *target = *value;
  }
  auto adhoc_flag = optional_bool(body, "adhoc");
  if (!adhoc_flag) return adhoc_flag.error();
  adhoc = adhoc_flag->value_or(false);
  if (const auto* rec = body.if_contains("recurrence")) {
    if (rec->is_null()) {
      in.recurrence = std::optional<services::Recurrence>();
    } else if (!rec->is_object()) {
      return field_error("recurrence", "an object {rrule, rdates, exdates} or null");
    } else {
      const auto& r = rec->as_object();
      if (auto ok = only_fields(r, {"rrule", "rdates", "exdates"}); !ok) {
        return field_error("recurrence." + ok.error().field, ok.error().message);
      }
      services::Recurrence recurrence;
      auto rrule = optional_string(r, "rrule", kMaxField);
      if (!rrule) return field_error("recurrence.rrule", rrule.error().message);
      recurrence.rrule = rrule->value_or("");
      auto rdates = optional_dates(r, "rdates");
      if (!rdates) return field_error("recurrence.rdates", rdates.error().message);
      auto exdates = optional_dates(r, "exdates");
      if (!exdates) return field_error("recurrence.exdates", exdates.error().message);
      recurrence.rdates = rdates->value_or(std::vector<std::string>{});
      recurrence.exdates = exdates->value_or(std::vector<std::string>{});
      in.recurrence = std::optional<services::Recurrence>(std::move(recurrence));
    }
  }
  if (const auto* room = body.if_contains("room")) {
    if (!room->is_object()) return field_error("room", "an object with the room's settings");
    auto settings = parse_room_settings(room->as_object());
    if (!settings) return field_error("room." + settings.error().field, settings.error().message);
    in.room = std::move(*settings);
  }
  return in;
}

// "2026-11-22T00:00:00Z" -> unix seconds.
Result<int64_t> utc_param(const Request& req, std::string_view name) {
  auto text = query_param(req, name);
  const Error bad = field_error(std::string(name), "a UTC time like 2026-11-22T00:00:00Z");
  if (!text || text->size() != 20 || text->back() != 'Z') return bad;
  std::tm tm{};
  const char* end = strptime(text->c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (end == nullptr || *end != '\0') return bad;
  return static_cast<int64_t>(timegm(&tm));
}

Result<std::pair<int64_t, int64_t>> window(const Request& req) {
  auto from = utc_param(req, "from");
  if (!from) return from.error();
  auto to = utc_param(req, "to");
  if (!to) return to.error();
  if (*to <= *from) return field_error("to", "must be after from");
  return std::pair{*from, *to};
}

Result<services::InviteInput> parse_invitee(const boost::json::object& body) {
  if (auto r = only_fields(body, {"user_id", "email", "role"}); !r) return r.error();
  services::InviteInput in;
  auto user_id = optional_string(body, "user_id", 64);
  if (!user_id) return user_id.error();
  auto email = optional_string(body, "email", 320);
  if (!email) return email.error();
  auto role = required_string(body, "role", 32);
  if (!role) return role.error();
  in.user_id = std::move(*user_id);
  in.email = std::move(*email);
  in.role = std::move(*role);
  return in;
}

} // namespace

http::Handler create_event(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    bool adhoc = false;
    auto input = parse_event(*body, adhoc);
    if (!input) co_return http::error_response(input.error());
    auto created =
        co_await run_blocking(ctx.blocking, [&] { return ctx.events.create(user, *input, adhoc); });
    if (!created) co_return http::error_response(created.error());
    co_return json(201, event_json(*created));
  });
}

http::Handler list_events(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto page = page_params(req, kDefaultPage, kMaxPage);
    if (!page) co_return http::error_response(page.error());
    auto events =
        co_await run_blocking(ctx.blocking, [&] { return ctx.events.list(user, page->limit, page->offset); });
    if (!events) co_return http::error_response(events.error());
    boost::json::array items;
    for (const auto& v : *events) items.push_back(event_json(v));
    co_return json(200, {{"events", std::move(items)}});
  });
}

http::Handler get_event(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    auto v = co_await run_blocking(ctx.blocking, [&] { return ctx.events.get(user, id); });
    if (!v) co_return http::error_response(v.error());
    co_return json(200, event_json(*v));
  });
}

http::Handler update_event(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    bool adhoc = false;
    auto input = parse_event(*body, adhoc);
    if (!input) co_return http::error_response(input.error());
    if (body->contains("adhoc")) co_return http::error_response(field_error("adhoc", "set only on creation"));
    const auto& id = req.params.text("id");
    auto v = co_await run_blocking(ctx.blocking, [&] { return ctx.events.update(user, id, *input); });
    if (!v) co_return http::error_response(v.error());
    co_return json(200, event_json(*v));
  });
}

http::Handler delete_event(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    auto done = co_await run_blocking(ctx.blocking, [&] { return ctx.events.remove(user, id); });
    if (!done) co_return http::error_response(done.error());
    if (ctx.live_rooms != nullptr) ctx.live_rooms->close(*done, "room_deleted");
    co_return no_content();
  });
}

http::Handler event_instances(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto w = window(req);
    if (!w) co_return http::error_response(w.error());
    const auto& id = req.params.text("id");
    auto found = co_await run_blocking(ctx.blocking,
                                       [&] { return ctx.events.instances(user, id, w->first, w->second); });
    if (!found) co_return http::error_response(found.error());
    boost::json::array items;
    for (const auto& i : *found) items.push_back(instance_json(i));
    co_return json(200, {{"instances", std::move(items)}});
  });
}

http::Handler all_event_instances(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto w = window(req);
    if (!w) co_return http::error_response(w.error());
    auto found = co_await run_blocking(ctx.blocking,
                                       [&] { return ctx.events.all_instances(user, w->first, w->second); });
    if (!found) co_return http::error_response(found.error());
    boost::json::array items;
    for (const auto& i : *found) {
      auto o = instance_json(i.instance);
      o["event_id"] = i.event_id;
      o["title"] = i.title;
      items.push_back(std::move(o));
    }
    co_return json(200, {{"instances", std::move(items)}});
  });
}

http::Handler set_event_exception(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"original_start", "cancelled", "starts_at", "ends_at"}); !r) {
      co_return http::error_response(r.error());
    }
    services::InstanceException x;
    auto original = required_string(*body, "original_start", kMaxDateBytes);
    if (!original) co_return http::error_response(original.error());
    x.original_start = std::move(*original);
    auto cancelled = optional_bool(*body, "cancelled");
    if (!cancelled) co_return http::error_response(cancelled.error());
    x.cancelled = cancelled->value_or(false);
    auto starts = optional_string(*body, "starts_at", kMaxDateBytes);
    if (!starts) co_return http::error_response(starts.error());
    auto ends = optional_string(*body, "ends_at", kMaxDateBytes);
    if (!ends) co_return http::error_response(ends.error());
    x.starts_at = std::move(*starts);
    x.ends_at = std::move(*ends);
    const auto& id = req.params.text("id");
    auto done = co_await run_blocking(ctx.blocking, [&] { return ctx.events.set_exception(user, id, x); });
    if (!done) co_return http::error_response(done.error());
    co_return no_content();
  });
}

namespace {

http::Handler set_favourite(ApiContext& ctx, bool on) {
  return signed_in(ctx, [&ctx, on](Request& req, const User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    auto done = co_await run_blocking(ctx.blocking, [&] { return ctx.events.set_favourite(user, id, on); });
    if (!done) co_return http::error_response(done.error());
    co_return no_content();
  });
}

} // namespace

http::Handler add_favourite(ApiContext& ctx) { return set_favourite(ctx, true); }

http::Handler remove_favourite(ApiContext& ctx) { return set_favourite(ctx, false); }

http::Handler create_event_invite(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    auto invitee = parse_invitee(*body);
    if (!invitee) co_return http::error_response(invitee.error());
    const auto& id = req.params.text("id");
    auto done = co_await run_blocking(ctx.blocking, [&] { return ctx.events.invite(user, id, *invitee); });
    if (!done) co_return http::error_response(done.error());
    Response res = no_content();
    res.status = 201;
    co_return res;
  });
}

http::Handler list_event_invites(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto page = page_params(req, kDefaultPage, kMaxPage);
    if (!page) co_return http::error_response(page.error());
    const auto& id = req.params.text("id");
    auto found = co_await run_blocking(ctx.blocking, [&] { return ctx.events.invites(user, id); });
    if (!found) co_return http::error_response(found.error());
    const size_t total = found->size();
    boost::json::array items;
    for (const auto& i : page_of(std::move(*found), *page)) items.push_back(invite_json(i));
    co_return json(200, {{"invites", std::move(items)}, {"total", total}});
  });
}

http::Handler delete_event_invite(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    services::InviteInput who{query_param(req, "user_id"), query_param(req, "email"), ""};
    if (who.user_id.has_value() == who.email.has_value()) {
      co_return http::error_response(field_error("user_id", "give either ?user_id= or ?email="));
    }
    const auto& id = req.params.text("id");
    auto done = co_await run_blocking(ctx.blocking, [&] { return ctx.events.uninvite(user, id, who); });
    if (!done) co_return http::error_response(done.error());
    co_return no_content();
  });
}

http::Handler respond_event_invite(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"status"}); !r) co_return http::error_response(r.error());
    auto status = required_string(*body, "status", 32);
    if (!status) co_return http::error_response(status.error());
    const auto& id = req.params.text("id");
    auto done = co_await run_blocking(ctx.blocking, [&] { return ctx.events.respond(user, id, *status); });
    if (!done) co_return http::error_response(done.error());
    co_return no_content();
  });
}

http::Handler my_event_invites(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const User& user) -> awaitable<Response> {
    auto page = page_params(req, kDefaultPage, kMaxPage);
    if (!page) co_return http::error_response(page.error());
    auto found = co_await run_blocking(ctx.blocking, [&] { return ctx.events.my_pending_invites(user); });
    if (!found) co_return http::error_response(found.error());
    const size_t total = found->size();
    boost::json::array items;
    for (const auto& i : page_of(std::move(*found), *page)) items.push_back(invite_json(i));
    co_return json(200, {{"invites", std::move(items)}, {"total", total}});
  });
}

} // namespace plenum::api
