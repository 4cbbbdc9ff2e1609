#include "api/routes.hpp"

#include <memory>

#include "api/auth_routes.hpp"
#include "api/system_routes.hpp"
#include "api/user_routes.hpp"
#include "http/static_files.hpp"

namespace plenum::api {

void add_routes(http::Router& router, ApiContext& ctx) {
  // Operations
  router.get("/healthz", healthz());
  router.get("/readyz", readyz(ctx));
  router.get("/metrics", metrics_text(ctx));

  // REST API v1 (docs/api.md)
  router.get("/api/v1/version", version());
  router.get("/api/v1/auth/config", auth_config(ctx));
  router.post("/api/v1/auth/login", login(ctx));
  router.post("/api/v1/auth/logout", logout(ctx));
  router.get("/api/v1/users/me", get_me(ctx));
  router.patch("/api/v1/users/me", patch_me(ctx));
  router.get("/api/v1/users", search_users(ctx));

  // The web app; never answers below /api/.
  auto files = std::make_shared<http::StaticFiles>(ctx.config.http.web_root);
  router.set_fallback([files](http::Request& req) { return (*files)(req); }, "api");
}

} // namespace plenum::api
