// Copyright 2026 The Switchboard Authors.
//
// Tests for services/loadgen/tally.h and report.h: counting calls, the
// report's table and JSON, and the verdict (a run fails past 1% failed).

#include "loadgen/report.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loadgen/tally.h"

namespace switchboard::loadgen {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// A mode whose `ok` calls took 1 ms each and `failed` failed, over 1 s.
ModeReport MakeMode(Mode mode, int ok, int failed) {
  ModeReport m;
  m.mode = mode;
  m.setup = "64 in flight, 1 thread";
  for (int i = 0; i < ok; ++i) m.result.tally.Ok(absl::Milliseconds(1));
  for (int i = 0; i < failed; ++i) {
    m.result.tally.Error(grpc::StatusCode::RESOURCE_EXHAUSTED,
                         absl::StrCat("queue full ", i));
  }
  m.result.elapsed = absl::Seconds(1);
  return m;
}

TEST(TallyTest, CountsByCodeAndKeepsTheFirstError) {
  Tally a, b;
  a.Ok(absl::Microseconds(100));
  a.Error(grpc::StatusCode::UNAVAILABLE, "no server");
  b.Error(grpc::StatusCode::RESOURCE_EXHAUSTED, "full", 3);
  b.Ok(absl::Microseconds(300));
  a.Merge(b);
  EXPECT_EQ(a.ok(), 2u);
  EXPECT_EQ(a.errors(), 4u);
  EXPECT_EQ(a.calls(), 6u);
  EXPECT_EQ(a.errors_by_code().at(grpc::StatusCode::RESOURCE_EXHAUSTED), 3u);
  EXPECT_EQ(a.first_error(), "UNAVAILABLE: no server");
  EXPECT_EQ(a.latency().count(), 2u);
  a.Error(grpc::StatusCode::INTERNAL, "nothing", 0);  // Counts nothing.
  EXPECT_EQ(a.errors(), 4u);
}

TEST(ReportTest, ARunFailsPastOnePercentFailedOrWithoutSuccess) {
  LoadgenReport r;
  r.modes.push_back(MakeMode(Mode::kRoute, 99, 1));  // 1%: passes.
  EXPECT_THAT(RunFailure(r), IsEmpty());
  r.modes.push_back(MakeMode(Mode::kStream, 98, 2));  // 2%: fails.
  EXPECT_THAT(RunFailure(r), HasSubstr("stream: 2.00% of calls failed"));
  LoadgenReport none;
  none.modes.push_back(MakeMode(Mode::kEcho, 0, 0));
  EXPECT_THAT(RunFailure(none), HasSubstr("echo: no call succeeded"));
  LoadgenReport gave_up;
  gave_up.modes.push_back(MakeMode(Mode::kRoute, 5000, 10));
  gave_up.modes.back().result.gave_up = true;
  EXPECT_THAT(RunFailure(gave_up), HasSubstr("route: gave up"));
}

TEST(ReportTest, TheTableShowsEveryModeItsErrorsAndTheRatio) {
  LoadgenReport r;
  r.server = "127.0.0.1:1234";
  r.modes.push_back(MakeMode(Mode::kEcho, 4000, 0));
  r.modes.push_back(MakeMode(Mode::kRoute, 3000, 2));
  ASSERT_TRUE(r.RatioToEcho(Mode::kRoute).has_value());
  EXPECT_DOUBLE_EQ(*r.RatioToEcho(Mode::kRoute), 0.75);
  EXPECT_FALSE(r.RatioToEcho(Mode::kStream).has_value());
  const std::string text = FormatReport(r);
  EXPECT_THAT(text, ContainsRegex("\necho +4000 +0 +4000 +1.00ms"));
  EXPECT_THAT(text, ContainsRegex("\nroute +3000 +2 +3000 "));
  EXPECT_THAT(text, HasSubstr("route: 2 of 3002 calls failed (0.07%): "
                              "RESOURCE_EXHAUSTED 2\n  first: "
                              "RESOURCE_EXHAUSTED: queue full 0\n"));
  EXPECT_THAT(text, HasSubstr("route/echo throughput ratio: 0.750\n"));
  EXPECT_THAT(text, Not(HasSubstr("stream/echo")));
}

TEST(ReportTest, JsonHasTheCountsQuantilesAndRatio) {
  LoadgenReport r;
  r.modes.push_back(MakeMode(Mode::kEcho, 10, 0));
  r.modes.push_back(MakeMode(Mode::kRoute, 5, 1));
  google::protobuf::Struct json;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(ReportToJson(r), &json).ok());
  const auto& modes = json.fields().at("modes").list_value();
  ASSERT_EQ(modes.values_size(), 2);
  const auto& f = modes.values(1).struct_value().fields();
  EXPECT_EQ(f.at("mode").string_value(), "route");
  EXPECT_EQ(f.at("ok").number_value(), 5);
  EXPECT_EQ(f.at("failed").number_value(), 1);
  EXPECT_EQ(f.at("errors")
                .struct_value()
                .fields()
                .at("RESOURCE_EXHAUSTED")
                .number_value(),
            1);
  EXPECT_EQ(f.at("throughput").number_value(), 5);
  EXPECT_EQ(f.at("p999_ms").number_value(), 1.0);
  EXPECT_FALSE(f.at("gave_up").bool_value());
  EXPECT_DOUBLE_EQ(json.fields().at("route_echo_ratio").number_value(), 0.5);
}

// The server's memory, sampled at 0, 1, 2, 3 s, with a warmup of 1 s.
void AddRss(LoadgenReport& r) {
  r.server_pid = 4711;
  r.rss_interval = absl::Seconds(1);
  r.limits.warmup = absl::Seconds(1);
  r.modes.back().rss = {{absl::Seconds(0), 10240},
                        {absl::Seconds(1), 20480},
                        {absl::Seconds(2), 22528},
                        {absl::Seconds(3), 21504}};
}

TEST(ReportTest, TheTableShowsTheServersMemoryAndItsGrowth) {
  LoadgenReport r;
  r.finish = Finish::kAbandon;
  r.modes.push_back(MakeMode(Mode::kRoute, 100, 0));
  AddRss(r);
  const std::string text = FormatReport(r);
  EXPECT_THAT(text, HasSubstr("route: each contact abandoned"));
  EXPECT_THAT(text, HasSubstr("route: server RSS (pid 4711), MiB, every 1s "
                              "from the start of the warmup: 10.0 20.0 22.0 "
                              "21.0\n"));
  // From 20 MiB at the end of the warmup to 21 MiB: +5%.
  EXPECT_THAT(text, HasSubstr("route: server RSS 20.0 MiB at the end of the "
                              "warmup, 21.0 MiB at the end (+5.0%), peak 22.0 "
                              "MiB\n"));
  LoadgenReport unsampled;
  unsampled.modes.push_back(MakeMode(Mode::kRoute, 100, 0));
  EXPECT_THAT(FormatReport(unsampled), Not(HasSubstr("RSS")));
  EXPECT_THAT(FormatReport(unsampled), Not(HasSubstr("abandoned")));
}

TEST(ReportTest, JsonHasTheMemorySamplesAndGrowth) {
  LoadgenReport r;
  r.finish = Finish::kAbandon;
  r.modes.push_back(MakeMode(Mode::kRoute, 100, 0));
  AddRss(r);
  google::protobuf::Struct json;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(ReportToJson(r), &json).ok());
  EXPECT_EQ(json.fields().at("finish").string_value(), "abandon");
  EXPECT_EQ(json.fields().at("server_pid").number_value(), 4711);
  const auto& f =
      json.fields().at("modes").list_value().values(0).struct_value().fields();
  ASSERT_EQ(f.at("rss_kib").list_value().values_size(), 4);
  EXPECT_EQ(f.at("rss_kib").list_value().values(3).number_value(), 21504);
  EXPECT_EQ(f.at("rss_at_s").list_value().values(2).number_value(), 2);
  EXPECT_EQ(f.at("rss_warmup_end_kib").number_value(), 20480);
  EXPECT_EQ(f.at("rss_end_kib").number_value(), 21504);
  EXPECT_EQ(f.at("rss_peak_kib").number_value(), 22528);
  EXPECT_DOUBLE_EQ(f.at("rss_growth").number_value(), 0.05);
}

TEST(ReportTest, LatenciesReadNaturally) {
  EXPECT_EQ(FormatLatency(absl::Microseconds(812)), "812us");
  EXPECT_EQ(FormatLatency(absl::Microseconds(1240)), "1.24ms");
  EXPECT_EQ(FormatLatency(absl::Milliseconds(2500)), "2.50s");
}

}  // namespace
}  // namespace switchboard::loadgen
