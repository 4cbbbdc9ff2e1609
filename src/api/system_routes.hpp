#pragma once
// Operational endpoints: liveness, readiness, Prometheus metrics, version.

#include "api/context.hpp"
#include "http/router.hpp"

namespace plenum::api {

http::Handler healthz();
http::Handler readyz(ApiContext& ctx);
http::Handler metrics_text(ApiContext& ctx);
http::Handler version();
http::Handler openapi_document();

} // namespace plenum::api
