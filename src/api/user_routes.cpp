#include "api/user_routes.hpp"

#include <ctime>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "api/authenticate.hpp"
#include "api/blocking.hpp"
#include "api/json_body.hpp"
#include "api/replies.hpp"

namespace plenum::api {

using boost::asio::awaitable;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMinSearchChars = 3;
constexpr size_t kMaxSearchBytes = 100;
constexpr size_t kDefaultSearchLimit = 20;
constexpr size_t kMaxSearchLimit = 50;
// Paging reaches the first 1000 matches (the storage's largest list); a longer list is no help to
// someone picking a person, who should type more of the name instead.
constexpr size_t kMaxSearchMatches = 1000;
constexpr size_t kMaxSearchOffset = kMaxSearchMatches - kMaxSearchLimit;

Response json_ok(const boost::json::object& body) {
  return http::json_response(200, boost::json::serialize(body));
}

} // namespace

std::string rfc3339(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

boost::json::object own_profile_json(const storage::User& u) {
  boost::json::object o;
  o["id"] = u.id;
  o["email"] = u.email;
  o["display_name"] = u.display_name;
  o["language"] = u.language;
  o["theme"] = u.theme;
  o["admin"] = u.admin;
  o["totp_enabled"] = u.totp_secret.has_value();
  o["created_at"] = u.created_at;
  return o;
}

http::Handler get_me(ApiContext& ctx) {
  return [&ctx](Request& req) -> awaitable<Response> {
    auto user = co_await authenticate(ctx, req);
    if (!user) co_return http::error_response(user.error());
    co_return json_ok(own_profile_json(*user));
  };
}

http::Handler patch_me(ApiContext& ctx) {
  return [&ctx](Request& req) -> awaitable<Response> {
    auto user = co_await authenticate(ctx, req);
    if (!user) co_return http::error_response(user.error());
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"display_name", "language", "theme"}); !r) {
      co_return http::error_response(r.error());
    }
    storage::ProfileUpdate update;
    for (auto [field, target] :
         {std::pair{"display_name", &update.display_name}, std::pair{"language", &update.language},
          std::pair{"theme", &update.theme}}) {
      auto value = optional_string(*body, field, 400);
      if (!value) co_return http::error_response(value.error());
      *target = std::move(*value);
    }
    auto updated =
        co_await run_blocking(ctx.blocking, [&] { return ctx.accounts.update_profile(user->id, update); });
    if (!updated) co_return http::error_response(updated.error());
    co_return json_ok(own_profile_json(*updated));
  };
}

http::Handler search_users(ApiContext& ctx) {
  return [&ctx](Request& req) -> awaitable<Response> {
    auto user = co_await authenticate(ctx, req);
    if (!user) co_return http::error_response(user.error());
    auto q = query_param(req, "q").value_or("");
    if (q.size() < kMinSearchChars || q.size() > kMaxSearchBytes) {
      co_return http::error_response(field_error("q", "search for 3 to 100 characters"));
    }
    auto page = page_params(req, kDefaultSearchLimit, kMaxSearchLimit, kMaxSearchOffset);
    if (!page) co_return http::error_response(page.error());
    // The store searches from the first match: ask for everything up to the page's end.
    const size_t up_to = page->offset + page->limit;
    auto found = co_await run_blocking(ctx.blocking, [&] { return ctx.accounts.search(q, up_to); });
    if (!found) co_return http::error_response(found.error());
    // Only what an inviter needs to pick someone: no roles, settings or timestamps.
    boost::json::array users;
    for (const auto& u : page_of(std::move(*found), *page)) {
      users.push_back(
          boost::json::object{{"id", u.id}, {"display_name", u.display_name}, {"email", u.email}});
    }
    co_return json_ok(boost::json::object{{"users", std::move(users)}});
  };
}

http::Handler begin_totp(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request&, const storage::User& user) -> awaitable<Response> {
    if (user.totp_secret) {
      co_return http::error_response(make_error(ErrorCode::conflict, "the second factor is on already"));
    }
    auto enrollment = ctx.accounts.begin_totp(user);
    co_return json_ok(boost::json::object{{"secret", enrollment.secret}, {"uri", enrollment.uri}});
  });
}

http::Handler confirm_totp(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"secret", "code"}); !r) co_return http::error_response(r.error());
    auto secret = required_string(*body, "secret", 128);
    if (!secret) co_return http::error_response(secret.error());
    auto code = required_string(*body, "code", 16);
    if (!code) co_return http::error_response(code.error());
    const auto now = services::Now::current();
    auto done = co_await run_blocking(ctx.blocking,
                                      [&] { return ctx.accounts.confirm_totp(user, *secret, *code, now); });
    if (!done) co_return http::error_response(done.error());
    co_return no_content();
  });
}

http::Handler disable_totp(ApiContext& ctx) {
  return signed_in(ctx, [&ctx](Request& req, const storage::User& user) -> awaitable<Response> {
    auto body = parse_json_object(req);
    if (!body) co_return http::error_response(body.error());
    if (auto r = only_fields(*body, {"code"}); !r) co_return http::error_response(r.error());
    auto code = required_string(*body, "code", 16);
    if (!code) co_return http::error_response(code.error());
    const auto now = services::Now::current();
    auto done =
        co_await run_blocking(ctx.blocking, [&] { return ctx.accounts.disable_totp(user, *code, now); });
    if (!done) co_return http::error_response(done.error());
    co_return no_content();
  });
}

} // namespace plenum::api
