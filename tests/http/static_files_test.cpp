#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace plenum::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("index.html", "<!doctype html><title>Plenum</title>");
    dir_.write("assets/index-AbC123.js", "console.log(1)");
    dir_.write("favicon.svg", "<svg/>");
    dir_.write(".env", "SECRET=1");
  }
  Response get(const std::string& path) {
    Request req;
    req.method = "GET";
    req.path = path;
    return files_.serve(req);
  }
  test::TempDir dir_;
  StaticFiles files_{dir_.path()};
};

TEST_F(StaticFilesTest, ServesFilesWithTypes) {
  auto res = get("/favicon.svg");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "<svg/>");
  EXPECT_EQ(res.headers.get("Content-Type"), "image/svg+xml");
  EXPECT_EQ(res.headers.get("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutable) {
  auto res = get("/assets/index-AbC123.js");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(res.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, ClientRoutesGetIndexHtml) {
  for (const char* path : {"/", "/meetings/42", "/settings"}) {
    auto res = get(path);
    EXPECT_EQ(res.status, 200) << path;
    EXPECT_EQ(res.body, "<!doctype html><title>Plenum</title>") << path;
    EXPECT_EQ(res.headers.get("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(res.headers.get("Cache-Control"), "no-cache");
  }
}

TEST_F(StaticFilesTest, MissingFilesWithExtensionsAre404NotHtml) {
  auto res = get("/assets/missing-123.js");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.headers.get("Content-Type"), "application/json");
}

TEST_F(StaticFilesTest, HiddenFilesAndTraversalAreRefused) {
  EXPECT_EQ(get("/.env").status, 404);
  EXPECT_EQ(get("/../etc/passwd").status, 400);
  EXPECT_EQ(get("/%2e%2e/etc/passwd").status, 400);
  EXPECT_EQ(get("/assets/..%2F..%2Fetc/passwd").status, 400);
}

TEST(StaticFilesNoBuild, SaysTheWebAppIsNotBuilt) {
  test::TempDir empty;
  StaticFiles files(empty.path());
  Request req;
  req.path = "/";
  auto res = files.serve(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_NE(res.body.find("the web app is not built"), std::string::npos);
}

} // namespace
} // namespace plenum::http
