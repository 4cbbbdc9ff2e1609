#include "base/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "support/temp_dir.hpp"

namespace plenum {
namespace {

using ::testing::HasSubstr;

class ConfigTest : public ::testing::Test {
 protected:
  Result<LoadedConfig> load_file(const std::string& toml) {
    ConfigSources s;
    s.file = dir_.write("plenum.toml", toml);
    return load_config(s);
  }
  Result<LoadedConfig> load_env(std::vector<std::pair<std::string, std::string>> env) {
    ConfigSources s;
    s.env = std::move(env);
    return load_config(s);
  }
  std::string file_error(const std::string& toml) {
    auto r = load_file(toml);
    EXPECT_FALSE(r.ok()) << "expected an error for:\n" << toml;
    return r.ok() ? std::string() : r.error().message;
  }
  std::string env_error(const std::string& name, const std::string& value) {
    auto r = load_env({{name, value}});
    EXPECT_FALSE(r.ok()) << name << "=" << value;
    return r.ok() ? std::string() : r.error().message;
  }
  test::TempDir dir_;
};

TEST_F(ConfigTest, DefaultsWorkWithoutAnySource) {
  auto r = load_config({});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Config& c = r->config;
  EXPECT_EQ(c.server.listen.host, "127.0.0.1");
  EXPECT_EQ(c.server.listen.port, 8080);
  EXPECT_EQ(c.server.data_dir, "data");
  EXPECT_EQ(c.http.max_body_bytes, 1024u * 1024u);
  EXPECT_EQ(c.http.shutdown_timeout, std::chrono::seconds(8));
  EXPECT_FALSE(c.tls.enabled());
  EXPECT_EQ(r->origin.at("server.listen"), "default");
}

TEST_F(ConfigTest, FileValuesOfEveryKindAreApplied) {
  auto r = load_file(R"(
[server]
listen = "[::1]:9000"
data_dir = "/var/lib/plenum"
threads = 4
[http]
max_body_bytes = "4MiB"
max_header_bytes = 32768
header_timeout = "5s"
idle_timeout = "2m"
cors_origins = ["https://a.example", "http://localhost:5173"]
[log]
level = "debug"
[metrics]
bearer_token = "0123456789abcdef-secret"
)");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Config& c = r->config;
  EXPECT_EQ(c.server.listen, (ListenAddress{"::1", 9000}));
  EXPECT_EQ(c.server.data_dir, "/var/lib/plenum");
  EXPECT_EQ(c.server.threads, 4);
  EXPECT_EQ(c.http.max_body_bytes, 4u << 20);
  EXPECT_EQ(c.http.max_header_bytes, 32768u);
  EXPECT_EQ(c.http.header_timeout, std::chrono::seconds(5));
  EXPECT_EQ(c.http.idle_timeout, std::chrono::minutes(2));
  EXPECT_EQ(c.http.cors_origins, (std::vector<std::string>{"https://a.example", "http://localhost:5173"}));
  EXPECT_EQ(c.log.level, log::Level::debug);
  EXPECT_EQ(c.metrics.bearer_token, "0123456789abcdef-secret");
  EXPECT_EQ(r->origin.at("server.threads"), "file");
}

TEST_F(ConfigTest, PrecedenceIsFileThenEnvironmentThenFlags) {
  ConfigSources s;
  s.file = dir_.write("p.toml", "[server]\nlisten = \"127.0.0.1:1000\"\nthreads = 3\ndata_dir = \"f\"\n");
  s.env = {{"PLENUM_SERVER_LISTEN", "127.0.0.1:2000"}, {"PLENUM_SERVER_THREADS", "5"}, {"HOME", "/x"}};
  s.flags = {{"server.listen", "127.0.0.1:3000", "--listen"}};
  auto r = load_config(s);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->config.server.listen.port, 3000);
  EXPECT_EQ(r->config.server.threads, 5);
  EXPECT_EQ(r->config.server.data_dir, "f");
  EXPECT_EQ(r->origin.at("server.listen"), "flag --listen");
  EXPECT_EQ(r->origin.at("server.threads"), "env PLENUM_SERVER_THREADS");
  EXPECT_EQ(r->origin.at("server.data_dir"), "file");
}

TEST_F(ConfigTest, MisspelledKeyNamesKeyLineAndSuggestion) {
  auto msg = file_error("[http]\n\nmax_bodybytes = 10\n");
  EXPECT_THAT(msg, HasSubstr("plenum.toml:3"));
  EXPECT_THAT(msg, HasSubstr("unknown key \"http.max_bodybytes\""));
  EXPECT_THAT(msg, HasSubstr("did you mean \"http.max_body_bytes\"?"));
}

TEST_F(ConfigTest, KeyOutsideItsSectionSuggestsTheSection) {
  auto msg = file_error("listen = \"127.0.0.1:1\"\n");
  EXPECT_THAT(msg, HasSubstr("unknown key \"listen\""));
  EXPECT_THAT(msg, HasSubstr("did you mean \"server.listen\"?"));
}

TEST_F(ConfigTest, UnknownSectionAndNestedTablesAreErrors) {
  EXPECT_THAT(file_error("[database]\nurl = \"x\"\n"), HasSubstr("unknown key \"database.url\""));
  EXPECT_THAT(file_error("[http.extra]\nx = 1\n"), HasSubstr("unknown section \"http.extra\""));
}

TEST_F(ConfigTest, WrongTypesNameKeyAndExpectedForm) {
  auto msg = file_error("[server]\nthreads = \"four\"\n");
  EXPECT_THAT(msg, HasSubstr("server.threads: expected an integer from 1 to 64, got the string \"four\""));
  msg = file_error("[server]\nlisten = 8080\n");
  EXPECT_THAT(msg, HasSubstr("server.listen: expected an address HOST:PORT"));
  EXPECT_THAT(msg, HasSubstr("got the integer 8080"));
  msg = file_error("[http]\ncors_origins = \"https://a.example\"\n");
  EXPECT_THAT(msg, HasSubstr("http.cors_origins: expected a list of origins"));
  msg = file_error("[http]\ncors_origins = [1, 2]\n");
  EXPECT_THAT(msg, HasSubstr("http.cors_origins: expected a list of origins"));
  msg = file_error("[http]\nidle_timeout = 1.5\n");
  EXPECT_THAT(msg, HasSubstr("http.idle_timeout: expected a duration"));
}

TEST_F(ConfigTest, OutOfRangeValuesAreRejected) {
  EXPECT_THAT(file_error("[server]\nthreads = 0\n"),
              HasSubstr("expected an integer from 1 to 64, got the integer 0"));
  EXPECT_THAT(file_error("[server]\nthreads = 65\n"), HasSubstr("server.threads"));
  EXPECT_THAT(file_error("[http]\nmax_body_bytes = 10\n"), HasSubstr("a size from 1KiB to 1GiB"));
  EXPECT_THAT(file_error("[http]\nmax_body_bytes = \"2GiB\"\n"), HasSubstr("http.max_body_bytes"));
  EXPECT_THAT(file_error("[http]\nmax_body_bytes = -5\n"), HasSubstr("http.max_body_bytes"));
  EXPECT_THAT(file_error("[http]\nshutdown_timeout = \"2m\"\n"), HasSubstr("from 0ms to 1m"));
  EXPECT_THAT(file_error("[http]\nheader_timeout = \"10ms\"\n"), HasSubstr("http.header_timeout"));
  EXPECT_THAT(file_error("[http]\nmax_connections = 0\n"), HasSubstr("http.max_connections"));
}

TEST_F(ConfigTest, MediaWorkersAndTheirShareOfARoom) {
  EXPECT_EQ(load_config({})->config.media.workers, -1); // by default one per core
  auto r = load_file("[media]\nworkers = 3\nroom_transports_per_worker = 2\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->config.media.workers, 3);
  EXPECT_EQ(r->config.media.room_transports_per_worker, 2);
  EXPECT_EQ(load_config({})->config.media.room_transports_per_worker, 150);
  EXPECT_THAT(file_error("[media]\nworkers = -2\n"), HasSubstr("media.workers"));
  EXPECT_THAT(file_error("[media]\nroom_transports_per_worker = 0\n"),
              HasSubstr("media.room_transports_per_worker"));
}

TEST_F(ConfigTest, UdpSegmentationIsOnUnlessTurnedOff) {
  EXPECT_TRUE(load_config({})->config.media.udp_segmentation);
  auto r = load_file("[media]\nudp_segmentation = false\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->config.media.udp_segmentation);
  auto e = load_env({{"PLENUM_MEDIA_UDP_SEGMENTATION", "false"}});
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_FALSE(e->config.media.udp_segmentation);
  EXPECT_THAT(file_error("[media]\nudp_segmentation = 1\n"), HasSubstr("true or false"));
  EXPECT_THAT(file_error("[media]\nudp_segmentation = \"maybe\"\n"), HasSubstr("media.udp_segmentation"));
}

TEST_F(ConfigTest, OidcResourceIsAnAbsoluteUri) {
  auto r = load_file(
      "[oidc]\nissuer = \"https://id.example.org\"\nclient_id = \"plenum\"\n"
      "resource = \"urn:plenum:api\"\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->config.oidc.resource, "urn:plenum:api");
  EXPECT_THAT(file_error("[oidc]\nresource = \"plenum-api\"\n"), HasSubstr("oidc.resource"));
  EXPECT_THAT(file_error("[oidc]\nresource = \"urn:" + std::string(300, 'x') + "\"\n"),
              HasSubstr("too long"));
}

TEST_F(ConfigTest, DurationsNeedKnownUnits) {
  EXPECT_THAT(file_error("[http]\nidle_timeout = \"30\"\n"), HasSubstr("needs a unit"));
  EXPECT_THAT(file_error("[http]\nidle_timeout = \"30 days\"\n"),
              HasSubstr("unknown duration unit \"days\""));
  EXPECT_THAT(file_error("[http]\nidle_timeout = 30\n"), HasSubstr("got the integer 30"));
}

TEST_F(ConfigTest, BadListenAddresses) {
  EXPECT_THAT(file_error("[server]\nlisten = \"localhost:80\"\n"), HasSubstr("host must be an IP address"));
  EXPECT_THAT(file_error("[server]\nlisten = \"127.0.0.1\"\n"), HasSubstr("not HOST:PORT"));
  EXPECT_THAT(file_error("[server]\nlisten = \"127.0.0.1:70000\"\n"), HasSubstr("port must be 0-65535"));
  EXPECT_THAT(file_error("[server]\nlisten = \"::1:80\"\n"), HasSubstr("[ADDR]:PORT"));
}

TEST_F(ConfigTest, BadOriginsNameTheOrigin) {
  auto msg = file_error("[http]\ncors_origins = [\"https://ok.example\", \"ftp://x\"]\n");
  EXPECT_THAT(msg, HasSubstr("\"ftp://x\""));
  EXPECT_THAT(file_error("[http]\ncors_origins = [\"https://x.example/path\"]\n"), HasSubstr("no path"));
}

TEST_F(ConfigTest, LogLevelAndBackendAreEnumerations) {
  EXPECT_THAT(file_error("[log]\nlevel = \"verbose\"\n"), HasSubstr("one of \"trace\""));
  EXPECT_THAT(file_error("[storage]\nbackend = \"oracle\"\n"),
              HasSubstr("storage.backend: expected \"sqlite\""));
}

TEST_F(ConfigTest, SecretTokenLengthIsChecked) {
  EXPECT_THAT(file_error("[metrics]\nbearer_token = \"short\"\n"), HasSubstr("16 to 256 printable"));
  EXPECT_THAT(file_error("[metrics]\nbearer_token = \"has space in the middle\"\n"),
              HasSubstr("metrics.bearer_token"));
}

TEST_F(ConfigTest, InvalidTomlSyntaxIsReportedWithTheFile) {
  auto msg = file_error("[server\nlisten = \"x\"\n");
  EXPECT_THAT(msg, HasSubstr("is not valid TOML"));
  EXPECT_THAT(msg, HasSubstr("plenum.toml"));
  EXPECT_THAT(file_error("[server]\nthreads = 2\nthreads = 3\n"), HasSubstr("is not valid TOML"));
}

TEST_F(ConfigTest, InvalidUtf8IsRejectedWithItsLine) {
  auto msg = file_error("[server]\n# caf\xe9 in Latin-1\nthreads = 2\n");
  EXPECT_THAT(msg, HasSubstr("plenum.toml:2: not valid UTF-8 (byte 14)"));
}

TEST_F(ConfigTest, OversizeFileIsRejected) {
  std::string big = "[server]\n" + std::string(size_t{1} << 20, '#') + "\n";
  EXPECT_THAT(file_error(big), HasSubstr("is larger than 1 MiB"));
}

TEST_F(ConfigTest, FuzzerFindingsGiveErrorsNotCrashes) {
  // Inputs that crashed toml11 3.7 before the UTF-8 check (fuzz/regressions/).
  for (const char* name : {"config_toml11_invalid_utf8_literal_key", "config_toml11_crash2"}) {
    std::ifstream in(std::string(PLENUM_SOURCE_DIR) + "/fuzz/regressions/" + name, std::ios::binary);
    ASSERT_TRUE(in) << name;
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ConfigSources s;
    s.file = "regression.toml";
    s.file_text = text;
    EXPECT_FALSE(load_config(s).ok()) << name;
  }
}

TEST_F(ConfigTest, MissingFileIsAnError) {
  ConfigSources s;
  s.file = dir_.path() / "nope.toml";
  auto r = load_config(s);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("cannot open config file"));
  EXPECT_THAT(r.error().message, HasSubstr("nope.toml"));
}

TEST_F(ConfigTest, EnvironmentErrorsNameTheVariable) {
  EXPECT_THAT(env_error("PLENUM_HTTP_MAX_BODY_BYTES", "lots"),
              HasSubstr("http.max_body_bytes (from environment PLENUM_HTTP_MAX_BODY_BYTES)"));
  EXPECT_THAT(env_error("PLENUM_SERVER_LISTN", "127.0.0.1:1"),
              HasSubstr("unknown environment variable PLENUM_SERVER_LISTN"));
}

TEST_F(ConfigTest, EnvironmentListsAreCommaSeparated) {
  auto r = load_env({{"PLENUM_HTTP_CORS_ORIGINS", "https://a.example, https://b.example"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->config.http.cors_origins.size(), 2u);
}

TEST_F(ConfigTest, FlagErrorsNameTheFlag) {
  ConfigSources s;
  s.flags = {{"server.listen", "nonsense", "--listen"}};
  auto r = load_config(s);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("server.listen (from --listen)"));
}

TEST_F(ConfigTest, TlsNeedsBothReadableFiles) {
  EXPECT_THAT(file_error("[tls]\ncert_file = \"/tmp/x.pem\"\n"), HasSubstr("must be set together"));
  auto missing = dir_.path() / "missing.pem";
  auto msg = file_error("[tls]\ncert_file = \"" + missing.string() + "\"\nkey_file = \"" + missing.string() +
                        "\"\n");
  EXPECT_THAT(msg, HasSubstr("tls.cert_file: cannot read"));
}

TEST_F(ConfigTest, RenderMasksSecretsAndShowsOrigins) {
  auto r = load_env({{"PLENUM_METRICS_BEARER_TOKEN", "a-very-secret-token-123"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto text = render_config(*r);
  EXPECT_THAT(text, ::testing::Not(HasSubstr("a-very-secret-token-123")));
  EXPECT_THAT(text, HasSubstr("bearer_token = \"********\"  # env PLENUM_METRICS_BEARER_TOKEN"));
  EXPECT_THAT(text, HasSubstr("[server]\nlisten = \"127.0.0.1:8080\"  # default"));
}

TEST_F(ConfigTest, RenderedConfigLoadsBackToTheSameValues) {
  auto first = load_file(
      "[http]\nmax_body_bytes = \"3MiB\"\nidle_timeout = \"90s\"\n"
      "cors_origins = [\"https://a.example\"]\n[server]\nlisten = \"[::1]:0\"\n");
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = load_file(render_config(*first));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->config.http.max_body_bytes, 3u << 20);
  EXPECT_EQ(second->config.http.idle_timeout, std::chrono::seconds(90));
  EXPECT_EQ(second->config.server.listen, (ListenAddress{"::1", 0}));
}

TEST_F(ConfigTest, ReferenceListsEveryKeyWithItsEnvironmentName) {
  auto text = config_reference_markdown();
  for (const char* key : {"server.listen", "http.max_body_bytes", "tls.key_file", "metrics.bearer_token"}) {
    EXPECT_THAT(text, HasSubstr(std::string("`") + key + "`"));
  }
  EXPECT_THAT(text, HasSubstr("`PLENUM_HTTP_MAX_BODY_BYTES`"));
}

} // namespace
} // namespace plenum
