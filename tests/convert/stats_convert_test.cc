// Copyright 2026 The Switchboard Authors.

#include "convert/stats_convert.h"

#include <string>

#include "classify/classify_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::IsOk;
using ::switchboard::test_util::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

// A segment whose every number differs from every other (and from those of
// other segments: `seed` shifts them all).
SegmentStats FullSegment(int seed, std::optional<Channel> channel,
                         std::string department) {
  SegmentStats s;
  s.channel = channel;
  s.department = std::move(department);
  for (int m = 0; m < kNumMetrics; ++m) {
    LatencySummary& l = s.latency[m];
    const int base = seed * 1000 + m * 100;
    l.count = base + 1;
    l.mean = absl::Microseconds(base + 2) + absl::Nanoseconds(3);
    l.p50 = absl::Milliseconds(base + 4);
    l.p90 = absl::Seconds(base + 5);
    l.p99 = absl::Seconds(base + 6) + absl::Nanoseconds(7);
    l.max = absl::Minutes(base + 8);
    l.min = absl::Nanoseconds(base + 9);
  }
  for (int c = 0; c < kNumCounters; ++c) s.counters[c] = seed * 100 + c + 1;
  s.satisfaction_count = seed * 100 + 50;
  s.satisfaction_mean = 7.25 + seed;
  return s;
}

StatsSnapshot FullSnapshot() {
  StatsSnapshot s;
  s.taken_at = absl::FromUnixMicros(1'780'000'000'654'321);
  s.total = FullSegment(1, std::nullopt, "");
  s.segments.push_back(FullSegment(2, Channel::kPhone, "taxes"));
  s.segments.push_back(FullSegment(3, Channel::kMessaging, "(none)"));
  s.transfers = {{"taxes", "parking", 12}, {"waste", "taxes", 3}};
  s.queues = {{"taxes-phone", "taxes", 17, absl::Seconds(93)},
              {"triage", "triage", 4, absl::Milliseconds(1500)}};
  s.agents_available = 21;
  s.agents_away = 22;
  s.agents_offline = 23;
  s.corrected_examples = 24;
  return s;
}

void ExpectSameLatency(const LatencySummary& a, const LatencySummary& b) {
  EXPECT_EQ(a.count, b.count);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.p50, b.p50);
  EXPECT_EQ(a.p90, b.p90);
  EXPECT_EQ(a.p99, b.p99);
  EXPECT_EQ(a.max, b.max);
  EXPECT_EQ(a.min, b.min);
}

void ExpectSameSegment(const SegmentStats& a, const SegmentStats& b) {
  EXPECT_EQ(a.channel, b.channel);
  EXPECT_EQ(a.department, b.department);
  for (int m = 0; m < kNumMetrics; ++m) {
    SCOPED_TRACE(m);
    ExpectSameLatency(a.latency[m], b.latency[m]);
  }
  EXPECT_EQ(a.counters, b.counters);
  EXPECT_EQ(a.satisfaction_count, b.satisfaction_count);
  EXPECT_EQ(a.satisfaction_mean, b.satisfaction_mean);
}

TEST(StatsConvertTest, RoundTripKeepsEveryField) {
  const StatsSnapshot s = FullSnapshot();
  absl::StatusOr<StatsSnapshot> back = StatsFromProto(StatsToProto(s));
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->taken_at, s.taken_at);
  ExpectSameSegment(s.total, back->total);
  ASSERT_EQ(back->segments.size(), s.segments.size());
  for (size_t i = 0; i < s.segments.size(); ++i) {
    SCOPED_TRACE(i);
    ExpectSameSegment(s.segments[i], back->segments[i]);
  }
  ASSERT_EQ(back->transfers.size(), s.transfers.size());
  for (size_t i = 0; i < s.transfers.size(); ++i) {
    EXPECT_EQ(back->transfers[i].from_department,
              s.transfers[i].from_department);
    EXPECT_EQ(back->transfers[i].to_department, s.transfers[i].to_department);
    EXPECT_EQ(back->transfers[i].count, s.transfers[i].count);
  }
  ASSERT_EQ(back->queues.size(), s.queues.size());
  for (size_t i = 0; i < s.queues.size(); ++i) {
    EXPECT_EQ(back->queues[i].queue, s.queues[i].queue);
    EXPECT_EQ(back->queues[i].department, s.queues[i].department);
    EXPECT_EQ(back->queues[i].waiting, s.queues[i].waiting);
    EXPECT_EQ(back->queues[i].oldest_wait, s.queues[i].oldest_wait);
  }
  EXPECT_EQ(back->agents_available, 21u);
  EXPECT_EQ(back->agents_away, 22u);
  EXPECT_EQ(back->agents_offline, 23u);
  EXPECT_EQ(back->corrected_examples, 24u);
}

// The round trip would pass with two counters swapped both ways; this pins
// the names.
TEST(StatsConvertTest, CountersAndMetricsLandInTheirNamedFields) {
  SegmentStats s = FullSegment(0, Channel::kEmail, "waste");
  StatsSnapshot snapshot;
  snapshot.total = s;
  const v1::Stats p = StatsToProto(snapshot);
  const v1::Counters& c = p.total().counters();
  EXPECT_EQ(c.received(), s.count(Counter::kReceived));
  EXPECT_EQ(c.self_served(), s.count(Counter::kSelfServed));
  EXPECT_EQ(c.offer_timed_out(), s.count(Counter::kOfferTimedOut));
  EXPECT_EQ(c.sla_missed(), s.count(Counter::kSlaMissed));
  EXPECT_EQ(c.transferred_in(), s.count(Counter::kTransferredIn));
  EXPECT_EQ(c.resolved_first_time(), s.count(Counter::kResolvedFirstTime));
  EXPECT_EQ(c.neutral(), s.count(Counter::kNeutral));
  EXPECT_EQ(p.total().decide().count(), s.of(Metric::kDecide).count);
  EXPECT_EQ(p.total().first_response().count(),
            s.of(Metric::kFirstResponse).count);
  EXPECT_EQ(p.total().resolution().count(), s.of(Metric::kResolution).count);
  EXPECT_EQ(p.total().channel(), v1::CHANNEL_EMAIL);
}

TEST(StatsConvertTest, DerivedSharesAreSent) {
  const StatsSnapshot s = FullSnapshot();
  const v1::Stats p = StatsToProto(s);
  EXPECT_DOUBLE_EQ(p.total().sla_attainment(), s.total.sla_attainment());
  EXPECT_DOUBLE_EQ(p.total().abandonment_rate(), s.total.abandonment_rate());
  EXPECT_DOUBLE_EQ(p.total().right_first_time(), s.total.right_first_time());
  EXPECT_GT(p.total().sla_attainment(), 0);
}

TEST(StatsConvertTest, DurationsKeepNanoseconds) {
  StatsSnapshot s;
  s.total.latency[0].p99 = absl::Seconds(3) + absl::Nanoseconds(7);
  const v1::Stats p = StatsToProto(s);
  EXPECT_EQ(p.total().decide().p99().seconds(), 3);
  EXPECT_EQ(p.total().decide().p99().nanos(), 7);
}

TEST(StatsConvertTest, AggregateChannelIsUnspecifiedOnTheWire) {
  StatsSnapshot s;
  s.total.channel = std::nullopt;
  const v1::Stats p = StatsToProto(s);
  EXPECT_EQ(p.total().channel(), v1::CHANNEL_UNSPECIFIED);
  absl::StatusOr<StatsSnapshot> back = StatsFromProto(p);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->total.channel, std::nullopt);
}

TEST(StatsConvertTest, UnsetTakenAtIsInfinitePast) {
  v1::Stats p;
  absl::StatusOr<StatsSnapshot> back = StatsFromProto(p);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->taken_at, absl::InfinitePast());
}

TEST(StatsConvertTest, UnknownChannelRefusedNamingTheField) {
  v1::Stats p = StatsToProto(FullSnapshot());
  p.mutable_segments(1)->set_channel(static_cast<v1::Channel>(77));
  EXPECT_THAT(
      StatsFromProto(p),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("segments[1].channel"), HasSubstr("77"))));
}

TEST(StatsConvertTest, BadDurationRefusedNamingTheField) {
  v1::Stats p = StatsToProto(FullSnapshot());
  p.mutable_total()->mutable_wait()->mutable_p90()->set_nanos(-5);
  EXPECT_THAT(StatsFromProto(p), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("total.wait.p90")));
}

TEST(StatsConvertTest, FilterFromRequest) {
  v1::GetStatsRequest r;
  absl::StatusOr<StatsFilter> all = StatsFilterFromProto(r);
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(all->channel, std::nullopt);
  EXPECT_EQ(all->department, "");

  r.set_channel(v1::CHANNEL_LETTER);
  r.set_department("taxes");
  absl::StatusOr<StatsFilter> some = StatsFilterFromProto(r);
  ASSERT_THAT(some, IsOk());
  EXPECT_EQ(some->channel, Channel::kLetter);
  EXPECT_EQ(some->department, "taxes");
}

TEST(StatsConvertTest, FilterWithUnknownChannelRefused) {
  v1::GetStatsRequest r;
  r.set_channel(static_cast<v1::Channel>(12));
  EXPECT_THAT(StatsFilterFromProto(r),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("channel"), HasSubstr("12"))));
}

}  // namespace
}  // namespace switchboard
