#include "api/routes.hpp"

#include <memory>

#include "api/auth_routes.hpp"
#include "api/event_routes.hpp"
#include "api/room_routes.hpp"
#include "api/system_routes.hpp"
#include "api/template_routes.hpp"
#include "api/user_routes.hpp"
#include "api/vote_routes.hpp"
#include "http/static_files.hpp"

namespace plenum::api {

void add_routes(http::Router& router, ApiContext& ctx) {
  // Operations
  router.get("/healthz", healthz());
  router.get("/readyz", readyz(ctx));
  router.get("/metrics", metrics_text(ctx));

  // REST API v1 (docs/api.md)
  router.get("/api/v1/version", version());
  router.get("/api/v1/openapi.json", openapi_document());
  router.get("/api/v1/auth/config", auth_config(ctx));
  router.post("/api/v1/auth/login", login(ctx));
  router.post("/api/v1/auth/logout", logout(ctx));
  router.get("/api/v1/users/me", get_me(ctx));
  router.patch("/api/v1/users/me", patch_me(ctx));
  router.get("/api/v1/users", search_users(ctx));
  router.post("/api/v1/rooms", create_room(ctx));
  router.get("/api/v1/rooms", list_rooms(ctx));
  router.get("/api/v1/rooms/{id:uuid}", get_room(ctx));
  router.patch("/api/v1/rooms/{id:uuid}", update_room(ctx));
  router.del("/api/v1/rooms/{id:uuid}", delete_room(ctx));
  router.post("/api/v1/rooms/{id:uuid}/invites", create_invite(ctx));
  router.get("/api/v1/rooms/{id:uuid}/invites", list_invites(ctx));
  router.del("/api/v1/rooms/{id:uuid}/invites/{code}", delete_invite(ctx));
  router.post("/api/v1/invites/verify", verify_invite(ctx));
  router.post("/api/v1/rooms/{id:uuid}/start", start_room(ctx));
  router.post("/api/v1/rooms/{id:uuid}/start_invited", start_room_invited(ctx));
  router.get("/api/v1/rooms/{id:uuid}/dial_in", get_dial_in(ctx));
  router.post("/api/v1/rooms/{id:uuid}/dial_in/regenerate", regenerate_dial_in(ctx));
  router.post("/api/v1/rooms/{id:uuid}/streaming_targets", create_streaming_target(ctx));
  router.get("/api/v1/rooms/{id:uuid}/streaming_targets", list_streaming_targets(ctx));
  router.del("/api/v1/rooms/{id:uuid}/streaming_targets/{target_id:uuid}", delete_streaming_target(ctx));
  router.post("/api/v1/users/me/totp", begin_totp(ctx));
  router.post("/api/v1/users/me/totp/confirm", confirm_totp(ctx));
  router.post("/api/v1/users/me/totp/disable", disable_totp(ctx));
  router.get("/api/v1/votes/{id:uuid}/protocol", get_vote_protocol(ctx));
  router.get("/api/v1/votes/{id:uuid}/report/{lang}", get_vote_report(ctx));
  router.post("/api/v1/events", create_event(ctx));
  router.get("/api/v1/events", list_events(ctx));
  router.get("/api/v1/events/instances", all_event_instances(ctx));
  router.get("/api/v1/events/{id:uuid}", get_event(ctx));
  router.patch("/api/v1/events/{id:uuid}", update_event(ctx));
  router.del("/api/v1/events/{id:uuid}", delete_event(ctx));
  router.get("/api/v1/events/{id:uuid}/instances", event_instances(ctx));
  router.post("/api/v1/events/{id:uuid}/exceptions", set_event_exception(ctx));
  router.put("/api/v1/events/{id:uuid}/favourite", add_favourite(ctx));
  router.del("/api/v1/events/{id:uuid}/favourite", remove_favourite(ctx));
  router.post("/api/v1/events/{id:uuid}/invites", create_event_invite(ctx));
  router.get("/api/v1/events/{id:uuid}/invites", list_event_invites(ctx));
  router.del("/api/v1/events/{id:uuid}/invites", delete_event_invite(ctx));
  router.post("/api/v1/events/{id:uuid}/invites/respond", respond_event_invite(ctx));
  router.get("/api/v1/users/me/invites", my_event_invites(ctx));
  router.get("/api/v1/events/{id:uuid}/poll_templates", list_poll_templates(ctx));
  router.post("/api/v1/events/{id:uuid}/poll_templates", create_poll_template(ctx));
  router.get("/api/v1/events/{id:uuid}/poll_templates/{template_id:uuid}", get_poll_template(ctx));
  router.patch("/api/v1/events/{id:uuid}/poll_templates/{template_id:uuid}", update_poll_template(ctx));
  router.del("/api/v1/events/{id:uuid}/poll_templates/{template_id:uuid}", delete_poll_template(ctx));
  router.get("/api/v1/events/{id:uuid}/vote_templates", list_vote_templates(ctx));
  router.post("/api/v1/events/{id:uuid}/vote_templates", create_vote_template(ctx));
  router.get("/api/v1/events/{id:uuid}/vote_templates/{template_id:uuid}", get_vote_template(ctx));
  router.patch("/api/v1/events/{id:uuid}/vote_templates/{template_id:uuid}", update_vote_template(ctx));
  router.del("/api/v1/events/{id:uuid}/vote_templates/{template_id:uuid}", delete_vote_template(ctx));

  // The web app; never answers below /api/.
  auto files = std::make_shared<http::StaticFiles>(ctx.config.http.web_root);
  router.set_fallback([files](http::Request& req) { return (*files)(req); }, "api");
}

} // namespace plenum::api
