#include "api/vote_routes.hpp"

#include <algorithm>

#include "api/authenticate.hpp"
#include "api/blocking.hpp"
#include "storage/vote_archive.hpp"

namespace plenum::api {

using boost::asio::awaitable;
using http::Request;
using http::Response;

namespace {

// The file, if the caller may have it; not_found otherwise (no probing for vote ids).
awaitable<Result<std::string>> vote_file(ApiContext& ctx, Request& req, std::string suffix) {
  auto user = co_await authenticate(ctx, req);
  if (!user) co_return user.error();
  const auto dir = ctx.config.server.data_dir / "votes";
  const auto id = std::string(req.params.text("id"));
  auto result = co_await run_blocking(ctx.blocking, [&]() -> Result<std::string> {
    auto access = storage::load_vote_access(dir, id);
    if (!access) return access.error();
    if (std::find(access->begin(), access->end(), user->id) == access->end())
      return make_error(ErrorCode::not_found, "no such vote");
    return storage::load_vote_file(dir, id, suffix);
  });
  co_return result;
}

Response download(const std::string& content_type, const std::string& filename, std::string body) {
  auto r = http::text_response(200, content_type, std::move(body));
  r.headers.set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

} // namespace

http::Handler get_vote_protocol(ApiContext& ctx) {
  return [&ctx](Request& req) -> awaitable<Response> {
    auto file = co_await vote_file(ctx, req, ".json");
    if (!file) co_return http::error_response(file.error());
    co_return download("application/json", "vote-" + std::string(req.params.text("id")) + ".json",
                       std::move(*file));
  };
}

http::Handler get_vote_report(ApiContext& ctx) {
  return [&ctx](Request& req) -> awaitable<Response> {
    const auto lang = std::string(req.params.text("lang"));
    if (lang != "de" && lang != "en")
      co_return http::error_response(ErrorCode::not_found, "the report exists in de and en");
    auto file = co_await vote_file(ctx, req, "." + lang + ".pdf");
    if (!file) co_return http::error_response(file.error());
    co_return download("application/pdf", "vote-" + std::string(req.params.text("id")) + "-" + lang + ".pdf",
                       std::move(*file));
  };
}

} // namespace plenum::api
