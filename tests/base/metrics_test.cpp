#include "base/metrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace plenum::metrics {
namespace {

using ::testing::HasSubstr;

TEST(Metrics, CountersWithLabelsRenderInExpositionFormat) {
  Registry r;
  r.counter("requests_total", "Requests.", {{"route", "/a"}, {"status", "200"}}).inc();
  r.counter("requests_total", "Requests.", {{"route", "/a"}, {"status", "200"}}).inc(2);
  r.counter("requests_total", "Requests.", {{"route", "/b"}, {"status", "404"}}).inc();
  auto text = r.render();
  EXPECT_THAT(text, HasSubstr("# HELP requests_total Requests.\n# TYPE requests_total counter\n"));
  EXPECT_THAT(text, HasSubstr("requests_total{route=\"/a\",status=\"200\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("requests_total{route=\"/b\",status=\"404\"} 1\n"));
}

TEST(Metrics, LabelValuesAreEscaped) {
  EXPECT_EQ(render_labels({{"a", "x\"y\\z\nw"}}), "{a=\"x\\\"y\\\\z\\nw\"}");
  EXPECT_EQ(render_labels({}), "");
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Registry r;
  auto& h = r.histogram("latency_seconds", "Latency.", {0.1, 1.0}, {{"route", "/x"}});
  h.observe(0.05);
  h.observe(0.1); // on the boundary: counts in le="0.1"
  h.observe(0.5);
  h.observe(5.0);
  auto text = r.render();
  EXPECT_THAT(text, HasSubstr("latency_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("latency_seconds_bucket{route=\"/x\",le=\"1\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("latency_seconds_count{route=\"/x\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("latency_seconds_sum{route=\"/x\"} 5.65\n"));
}

TEST(Metrics, GaugesGoUpAndDownAndCollectorsAppend) {
  Registry r;
  auto& g = r.gauge("open", "Open things.");
  g.add(3);
  g.add(-1);
  r.add_collector([](std::string& out) { out += "extra_metric 7\n"; });
  auto text = r.render();
  EXPECT_THAT(text, HasSubstr("open 2\n"));
  EXPECT_THAT(text, HasSubstr("extra_metric 7\n"));
}

TEST(Metrics, SameNameAndLabelsIsTheSameCounter) {
  Registry r;
  auto& a = r.counter("c", "C.", {{"k", "v"}});
  auto& b = r.counter("c", "C.", {{"k", "v"}});
  EXPECT_EQ(&a, &b);
}

} // namespace
} // namespace plenum::metrics
