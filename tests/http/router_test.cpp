#include "http/router.hpp"

#include <gtest/gtest.h>

#include "support/run_sync.hpp"

namespace plenum::http {
namespace {

using boost::asio::awaitable;

Handler answer(std::string body) {
  return [body](Request&) -> awaitable<Response> { co_return text_response(200, "text/plain", body); };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.get("/api/v1/rooms", answer("list"));
    router_.post("/api/v1/rooms", answer("create"));
    router_.get("/api/v1/rooms/{id:uuid}", answer("room"));
    router_.get("/api/v1/rooms/mine", answer("mine"));
    router_.get("/api/v1/rooms/{slug}", answer("slug"));
    router_.get("/api/v1/events/{n:int}", answer("event"));
    router_.get("/healthz", answer("ok"));
  }
  Response call(std::string method, std::string path) {
    Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    auto res = test::run_sync(router_.dispatch(req));
    last_route_ = req.route;
    return res;
  }
  Router router_;
  std::string last_route_;
};

TEST_F(RouterTest, MatchesByMethodAndPath) {
  EXPECT_EQ(call("GET", "/api/v1/rooms").body, "list");
  EXPECT_EQ(call("POST", "/api/v1/rooms").body, "create");
  EXPECT_EQ(last_route_, "/api/v1/rooms");
}

TEST_F(RouterTest, LiteralBeatsTypedBeatsText) {
  EXPECT_EQ(call("GET", "/api/v1/rooms/mine").body, "mine");
  EXPECT_EQ(call("GET", "/api/v1/rooms/0f8fad5b-d9cb-469f-a165-70867728950e").body, "room");
  EXPECT_EQ(last_route_, "/api/v1/rooms/{id:uuid}");
  EXPECT_EQ(call("GET", "/api/v1/rooms/town-hall").body, "slug");
}

TEST_F(RouterTest, TypedParameterMismatchIsNotFound) {
  auto res = call("GET", "/api/v1/events/abc");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.headers.get("Content-Type"), "application/json");
  EXPECT_NE(res.body.find("\"code\":\"not_found\""), std::string::npos);
  EXPECT_EQ(last_route_, "unmatched");
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  auto res = call("DELETE", "/api/v1/rooms");
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.headers.get("Allow"), "GET, HEAD, POST");
  EXPECT_NE(res.body.find("method_not_allowed"), std::string::npos);
}

TEST_F(RouterTest, HeadUsesTheGetHandler) { EXPECT_EQ(call("HEAD", "/healthz").body, "ok"); }

TEST_F(RouterTest, MalformedPathIs400) {
  auto res = call("GET", "/api/%zz");
  EXPECT_EQ(res.status, 400);
  EXPECT_NE(res.body.find("bad_request"), std::string::npos);
}

TEST_F(RouterTest, FallbackServesGetOutsideTheApiOnly) {
  router_.set_fallback(answer("spa"), "api");
  EXPECT_EQ(call("GET", "/meetings/123").body, "spa");
  EXPECT_EQ(last_route_, "fallback");
  EXPECT_EQ(call("HEAD", "/").body, "spa");
  EXPECT_EQ(call("GET", "/api/v1/unknown").status, 404);
  EXPECT_EQ(call("GET", "/api").status, 404);
  EXPECT_EQ(call("POST", "/meetings").status, 404);
}

TEST(RouterDeath, DuplicateRouteIsAProgrammingError) {
  Router r;
  r.get("/x/{id:int}", answer("a"));
  EXPECT_DEATH(r.get("/x/{id:int}", answer("b")), "route declared twice");
  EXPECT_DEATH(r.get("/x/{other:int}", answer("b")), "same shape");
  EXPECT_DEATH(r.get("/x/{id:nope}", answer("b")), "invalid route pattern");
}

} // namespace
} // namespace plenum::http
