#include "api/routes.hpp"

#include <memory>

#include "api/system_routes.hpp"
#include "http/static_files.hpp"

namespace plenum::api {

void add_routes(http::Router& router, ApiContext& ctx) {
  // Operations
  router.get("/healthz", healthz());
  router.get("/readyz", readyz(ctx));
  router.get("/metrics", metrics_text(ctx));

  // REST API v1 (docs/api.md)
  router.get("/api/v1/version", version());

  // The web app; never answers below /api/.
  auto files = std::make_shared<http::StaticFiles>(ctx.config.http.web_root);
  router.set_fallback([files](http::Request& req) { return (*files)(req); }, "api");
}

} // namespace plenum::api
