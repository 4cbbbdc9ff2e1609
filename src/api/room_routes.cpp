#include "api/room_routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "api/authenticate.hpp"
#include "api/blocking.hpp"
#include "api/json_body.hpp"
#include "api/replies.hpp"
#include "api/user_routes.hpp"

namespace plenum::api {

using boost::asio::awaitable;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxStringField = 1024; // bytes; the services check the precise limits
constexpr size_t kMaxInviteCode = 64;
constexpr size_t kDefaultPage = 50;
constexpr size_t kMaxPage = 100;

} // namespace

boost::json::object room_json(const storage::Room& r) {
  boost::json::object o;
  o["id"] = r.id;
  o["owner_id"] = r.owner_id;
  o["name"] = r.name;
  if (r.password)
    o["password"] = *r.password;
  else
    o["password"] = nullptr;
  o["waiting_room"] = r.waiting_room;
  o["guest_access"] = r.guest_access;
  o["e2ee"] = r.e2ee;
  o["max_participants"] = r.max_participants;
  o["created_at"] = r.created_at;
  return o;
}

namespace {

boost::json::object invite_json(const storage::RoomInvite& i) {
  boost::json::object o;
  o["code"] = i.code;
  o["room_id"] = i.room_id;
  if (i.expires_at)
    o["expires_at"] = rfc3339(*i.expires_at);
  else
    o["expires_at"] = nullptr;
  o["created_at"] = i.created_at;
  return o;
}

std::string signaling_url(const Request& req) {
  auto host = req.header("Host");
  if (!host || host->empty()) return "/signaling";
  return std::string(req.secure ? "wss://" : "ws://") + std::string(*host) + "/signaling";
}

Response admission_json(const Request& req, const services::Admission& a) {
  return json(200, {{"ticket", a.ticket},
                    {"expires_in", a.expires_in_seconds},
                    {"room_id", a.room_id},
                    {"signaling_url", signaling_url(req)}});
}

} // namespace

Result<services::RoomSettings> parse_settings(const Request& req) {
  auto body = parse_json_object(req);
  if (!body) return body.error();
  return parse_room_settings(*body);
}

Result<services::RoomSettings> parse_room_settings(const boost::json::object& object) {
  const auto* body = &object;
  if (auto r = only_fields(*body,
                           {"name", "password", "waiting_room", "guest_access", "e2ee", "max_participants"});
      !r) {
    return r.error();
  }
  services::RoomSettings s;
  for (auto [field, target] : {std::pair{"name", &s.name}, std::pair{"waiting_room", &s.waiting_room},
                               std::pair{"guest_access", &s.guest_access}}) {
    auto value = optional_string(*body, field, kMaxStringField);
    if (!value) return value.error();
    *target = std::move(*value);
  }
  if (body->contains("password")) {
    auto password = optional_string(*body, "password", kMaxStringField);
    if (!password) return password.error();
    s.password = std::move(*password); // null removes the password
  }
  auto e2ee = optional_bool(*body, "e2ee");
  if (!e2ee) return e2ee.error();
  s.e2ee = *e2ee;
  auto max = optional_int(*body, "max_participants");
  if (!max) return max.error();
  if (*max) {
    if (**max < 1 || **max > 10'000) return field_error("max_participants", "expected 1 to 10000");
    s.max_participants = static_cast<int>(**max);
  }
  return s;
}

http::Handler create_room(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    auto settings = parse_settings(req);
    if (!settings) co_return http::error_response(settings.error());
    auto room = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.create(user, *settings); });
    if (!room) co_return http::error_response(room.error());
    co_return json(201, room_json(*room));
  });
}

http::Handler list_rooms(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    auto page = page_params(req, kDefaultPage, kMaxPage);
    if (!page) co_return http::error_response(page.error());
    auto rooms =
        co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.list(user, page->limit, page->offset); });
    if (!rooms) co_return http::error_response(rooms.error());
    auto total = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.count(user); });
    if (!total) co_return http::error_response(total.error());
    boost::json::array items;
    for (const auto& r : *rooms) items.push_back(room_json(r));
    co_return json(200, {{"rooms", std::move(items)}, {"total", *total}});
  });
}

http::Handler get_room(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    auto room = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.get(user, id); });
    if (!room) co_return http::error_response(room.error());
    co_return json(200, room_json(*room));
  });
}

http::Handler update_room(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    auto settings = parse_settings(req);
    if (!settings) co_return http::error_response(settings.error());
    const auto& id = req.params.text("id");
    auto room = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.update(user, id, *settings); });
    if (!room) co_return http::error_response(room.error());
    co_return json(200, room_json(*room));
  });
}

http::Handler delete_room(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    auto done = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.remove(user, id); });
    if (!done) co_return http::error_response(done.error());
    if (ctx.live_rooms != nullptr) ctx.live_rooms->close(id, "room_deleted");
    co_return no_content();
  });
}

http::Handler create_invite(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"expires_at"}); !r) co_return http::error_response(r.error());
    auto expires = optional_int(*body, "expires_at");
    if (!expires) co_return http::error_response(expires.error());
    const auto& id = req.params.text("id");
    const auto now = services::Now::current();
    auto invite =
        co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.create_invite(user, id, *expires, now); });
    if (!invite) co_return http::error_response(invite.error());
    co_return json(201, invite_json(*invite));
  });
}

http::Handler list_invites(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    auto invites = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.list_invites(user, id); });
    if (!invites) co_return http::error_response(invites.error());
    boost::json::array items;
    for (const auto& i : *invites) items.push_back(invite_json(i));
    co_return json(200, {{"invites", std::move(items)}});
  });
}

http::Handler delete_invite(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    const auto& code = req.params.text("code");
    auto done = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.remove_invite(user, id, code); });
    if (!done) co_return http::error_response(done.error());
    co_return no_content();
  });
}

http::Handler verify_invite(ApiContext& ctx) {
  return [&ctx](Request& req) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"code"}); !r) co_return http::error_response(r.error());
    auto code = required_string(*body, "code", kMaxInviteCode);
    if (!code) co_return http::error_response(code.error());
    const auto now = services::Now::current();
    auto check = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.verify_invite(*code, now); });
    if (!check) co_return http::error_response(check.error());
    co_return json(200, {{"room_id", check->room_id}, {"password_required", check->password_required}});
  };
}

http::Handler start_room(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"password"}); !r) co_return http::error_response(r.error());
    auto password = optional_string(*body, "password", kMaxStringField);
    if (!password) co_return http::error_response(password.error());
    const auto& id = req.params.text("id");
    const auto now = services::Now::current();
    auto admission = co_await run_blocking(
        ctx.blocking, [&] { return ctx.rooms.start(user, id, *password, req.remote_address, now); });
    if (!admission) co_return http::error_response(admission.error());
    co_return admission_json(req, *admission);
  });
}

http::Handler start_room_invited(ApiContext& ctx) {
  return [&ctx](Request& req) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"invite_code", "display_name", "password"}); !r) {
      co_return http::error_response(r.error());
    }
    auto code = required_string(*body, "invite_code", kMaxInviteCode);
    if (!code) co_return http::error_response(code.error());
    auto name = required_string(*body, "display_name", kMaxStringField);
    if (!name) co_return http::error_response(name.error());
    auto password = optional_string(*body, "password", kMaxStringField);
    if (!password) co_return http::error_response(password.error());
    const auto& id = req.params.text("id");
    const auto now = services::Now::current();
    auto admission = co_await run_blocking(ctx.blocking, [&] {
      return ctx.rooms.start_invited(id, *code, *name, *password, req.remote_address, now);
    });
    if (!admission) co_return http::error_response(admission.error());
    co_return admission_json(req, *admission);
  };
}

namespace {

Response dial_in_json(const storage::DialIn& d) {
  return json(200, {{"room_id", d.room_id}, {"numeric_id", d.numeric_id}, {"pin", d.pin}});
}

// The stream key is shown in full once, when the target is created; afterwards only its end.
boost::json::object streaming_target_json(const storage::StreamingTarget& t, bool full_key) {
  std::string key = full_key || t.stream_key.size() <= 8
                        ? (full_key ? t.stream_key : std::string("********"))
                        : "********" + t.stream_key.substr(t.stream_key.size() - 4);
  boost::json::object o{{"id", t.id},        {"room_id", t.room_id},
                        {"name", t.name},    {"endpoint", t.endpoint},
                        {"stream_key", key}, {"created_at", t.created_at}};
  if (t.public_url)
    o["public_url"] = *t.public_url;
  else
    o["public_url"] = nullptr;
  return o;
}

} // namespace

http::Handler get_dial_in(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    auto d = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.dial_in(user, id); });
    if (!d) co_return http::error_response(d.error());
    co_return dial_in_json(*d);
  });
}

http::Handler regenerate_dial_in(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    auto d = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.regenerate_dial_in(user, id); });
    if (!d) co_return http::error_response(d.error());
    co_return dial_in_json(*d);
  });
}

http::Handler create_streaming_target(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"name", "endpoint", "stream_key", "public_url"}); !r) {
      co_return http::error_response(r.error());
    }
    services::Rooms::NewStreamingTarget t;
    for (auto [field, target] : {std::pair{"name", &t.name}, std::pair{"endpoint", &t.endpoint},
                                 std::pair{"stream_key", &t.stream_key}}) {
      auto value = required_string(*body, field, 4096);
      if (!value) co_return http::error_response(value.error());
      *target = std::move(*value);
    }
    auto public_url = optional_string(*body, "public_url", 4096);
    if (!public_url) co_return http::error_response(public_url.error());
    t.public_url = std::move(*public_url);
    const auto& id = req.params.text("id");
    auto created =
        co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.add_streaming_target(user, id, t); });
    if (!created) co_return http::error_response(created.error());
    co_return json(201, streaming_target_json(*created, true));
  });
}

http::Handler list_streaming_targets(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    auto targets = co_await run_blocking(ctx.blocking, [&] { return ctx.rooms.streaming_targets(user, id); });
    if (!targets) co_return http::error_response(targets.error());
    boost::json::array items;
    for (const auto& t : *targets) items.push_back(streaming_target_json(t, false));
    co_return json(200, {{"targets", std::move(items)}});
  });
}

http::Handler delete_streaming_target(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    const auto& id = req.params.text("id");
    const auto& target = req.params.text("target_id");
    auto done = co_await run_blocking(ctx.blocking,
                                      [&] { return ctx.rooms.remove_streaming_target(user, id, target); });
    if (!done) co_return http::error_response(done.error());
    co_return no_content();
  });
}

} // namespace plenum::api
