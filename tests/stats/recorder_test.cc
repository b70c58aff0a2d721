// Copyright 2026 The Switchboard Authors.

#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "stats/stats_testing.h"
#include "switchboard/contact.h"
#include "switchboard/stats/stats.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::DurationNear;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

constexpr int kParking = 0;
constexpr int kWaste = 1;
constexpr int kPassport = 2;

MATCHER_P2(IsSegment, channel, department,
           absl::StrCat("is the segment ", ChannelName(channel), " x \"",
                        department, "\"")) {
  return arg.channel == std::optional<Channel>(channel) &&
         arg.department == department;
}

MATCHER_P3(IsTransfer, from, to, count,
           absl::StrCat("is a transfer ", from, " -> ", to, " x ", count)) {
  return arg.from_department == from && arg.to_department == to &&
         arg.count == static_cast<uint64_t>(count);
}

class RecorderTest : public ::testing::Test {
 protected:
  RecorderTest() : recorder_({"parking", "waste", "passport"}) {}

  StatsSnapshot All() const { return recorder_.Snapshot(StatsFilter()); }
  StatsSnapshot Of(std::optional<Channel> channel,
                   std::string department) const {
    StatsFilter filter;
    filter.channel = channel;
    filter.department = std::move(department);
    return recorder_.Snapshot(filter);
  }

  // Received on three segments: phone x parking (1), email x parking (2),
  // email x waste (4).
  void AddThreeSegments() {
    recorder_.Add(Channel::kPhone, kParking, Counter::kReceived);
    recorder_.Add(Channel::kEmail, kParking, Counter::kReceived, 2);
    recorder_.Add(Channel::kEmail, kWaste, Counter::kReceived, 4);
  }

  Recorder recorder_;
};

TEST_F(RecorderTest, NothingRecordedGivesAnEmptySnapshot) {
  const StatsSnapshot s = All();
  EXPECT_THAT(s.segments, IsEmpty());
  EXPECT_THAT(s.transfers, IsEmpty());
  EXPECT_EQ(s.total.count(Counter::kReceived), 0u);
  EXPECT_EQ(s.total.of(Metric::kWait).count, 0u);
  EXPECT_EQ(s.total.channel, std::nullopt);
  EXPECT_EQ(s.total.department, "");
  EXPECT_EQ(s.total.sla_attainment(), 0);
}

TEST_F(RecorderTest, CountersLandInTheirSegment) {
  AddThreeSegments();
  recorder_.Add(Channel::kEmail, kWaste, Counter::kRouted, 3);
  const StatsSnapshot s = All();
  // Channel order, then department order.
  ASSERT_THAT(s.segments, ElementsAre(IsSegment(Channel::kPhone, "parking"),
                                      IsSegment(Channel::kEmail, "parking"),
                                      IsSegment(Channel::kEmail, "waste")));
  EXPECT_EQ(s.segments[0].count(Counter::kReceived), 1u);
  EXPECT_EQ(s.segments[1].count(Counter::kReceived), 2u);
  EXPECT_EQ(s.segments[2].count(Counter::kReceived), 4u);
  EXPECT_EQ(s.segments[1].count(Counter::kRouted), 0u);
  EXPECT_EQ(s.segments[2].count(Counter::kRouted), 3u);
}

TEST_F(RecorderTest, TotalAggregatesEverySegment) {
  AddThreeSegments();
  recorder_.Record(Channel::kPhone, kParking, Metric::kWait, absl::Seconds(10));
  recorder_.Record(Channel::kEmail, kWaste, Metric::kWait, absl::Seconds(30));
  recorder_.RecordSatisfaction(Channel::kPhone, kParking, 5);
  recorder_.RecordSatisfaction(Channel::kEmail, kWaste, 2);
  recorder_.RecordSatisfaction(Channel::kEmail, kWaste, 2);

  const SegmentStats total = All().total;
  EXPECT_EQ(total.channel, std::nullopt);
  EXPECT_EQ(total.department, "");
  EXPECT_EQ(total.count(Counter::kReceived), 7u);
  const LatencySummary& wait = total.of(Metric::kWait);
  EXPECT_EQ(wait.count, 2u);
  EXPECT_EQ(wait.min, absl::Seconds(10));
  EXPECT_EQ(wait.max, absl::Seconds(30));
  EXPECT_EQ(wait.mean, absl::Seconds(20));
  EXPECT_EQ(total.satisfaction_count, 3u);
  EXPECT_DOUBLE_EQ(total.satisfaction_mean, 3.0);  // (5 + 2 + 2) / 3
}

TEST_F(RecorderTest, FilterByChannel) {
  AddThreeSegments();
  const StatsSnapshot s = Of(Channel::kEmail, "");
  EXPECT_THAT(s.segments, ElementsAre(IsSegment(Channel::kEmail, "parking"),
                                      IsSegment(Channel::kEmail, "waste")));
  EXPECT_THAT(s.total.channel, Optional(Channel::kEmail));
  EXPECT_EQ(s.total.department, "");
  EXPECT_EQ(s.total.count(Counter::kReceived), 6u);
}

TEST_F(RecorderTest, FilterByDepartment) {
  AddThreeSegments();
  const StatsSnapshot s = Of(std::nullopt, "parking");
  EXPECT_THAT(s.segments, ElementsAre(IsSegment(Channel::kPhone, "parking"),
                                      IsSegment(Channel::kEmail, "parking")));
  EXPECT_EQ(s.total.channel, std::nullopt);
  EXPECT_EQ(s.total.department, "parking");
  EXPECT_EQ(s.total.count(Counter::kReceived), 3u);
}

TEST_F(RecorderTest, FilterByChannelAndDepartment) {
  AddThreeSegments();
  const StatsSnapshot s = Of(Channel::kEmail, "waste");
  EXPECT_THAT(s.segments, ElementsAre(IsSegment(Channel::kEmail, "waste")));
  EXPECT_THAT(s.total.channel, Optional(Channel::kEmail));
  EXPECT_EQ(s.total.department, "waste");
  EXPECT_EQ(s.total.count(Counter::kReceived), 4u);

  // A channel with nothing recorded for that department.
  const StatsSnapshot none = Of(Channel::kChat, "waste");
  EXPECT_THAT(none.segments, IsEmpty());
  EXPECT_EQ(none.total.count(Counter::kReceived), 0u);
}

TEST_F(RecorderTest, UnknownDepartmentFilterGivesAnEmptySnapshot) {
  AddThreeSegments();
  recorder_.RecordTransfer(kParking, kWaste);
  const StatsSnapshot s = Of(std::nullopt, "no-such-department");
  EXPECT_THAT(s.segments, IsEmpty());
  EXPECT_THAT(s.transfers, IsEmpty());
  EXPECT_EQ(s.total.count(Counter::kReceived), 0u);
  EXPECT_EQ(s.total.department, "no-such-department");
}

TEST_F(RecorderTest, NoDepartmentHasItsOwnSegment) {
  recorder_.Add(Channel::kChat, Recorder::kNoDepartment, Counter::kSelfServed);
  // Out-of-range departments count as kNoDepartment.
  recorder_.Add(Channel::kChat, 17, Counter::kSelfServed);
  recorder_.Add(Channel::kChat, -5, Counter::kSelfServed);
  recorder_.Add(Channel::kChat, kPassport, Counter::kRouted);

  EXPECT_THAT(All().segments, ElementsAre(IsSegment(Channel::kChat, "passport"),
                                          IsSegment(Channel::kChat, "(none)")));
  const StatsSnapshot none = Of(std::nullopt, Recorder::kNoDepartmentName);
  ASSERT_THAT(none.segments, ElementsAre(IsSegment(Channel::kChat, "(none)")));
  EXPECT_EQ(none.segments[0].count(Counter::kSelfServed), 3u);
  EXPECT_EQ(none.segments[0].count(Counter::kRouted), 0u);
}

TEST_F(RecorderTest, UnspecifiedAndInvalidChannelsAreKeptApart) {
  recorder_.Add(Channel::kUnspecified, kParking, Counter::kReceived);
  recorder_.Add(static_cast<Channel>(200), kParking, Counter::kReceived);
  recorder_.Add(Channel::kMessaging, kParking, Counter::kReceived);
  const StatsSnapshot s = All();
  ASSERT_THAT(s.segments,
              ElementsAre(IsSegment(Channel::kUnspecified, "parking"),
                          IsSegment(Channel::kMessaging, "parking")));
  EXPECT_EQ(s.segments[0].count(Counter::kReceived), 2u);
  EXPECT_THAT(Of(Channel::kUnspecified, "").segments,
              ElementsAre(IsSegment(Channel::kUnspecified, "parking")));
}

TEST_F(RecorderTest, Rates) {
  for (int i = 0; i < 3; ++i) {
    recorder_.Add(Channel::kPhone, kParking, Counter::kSlaMet);
  }
  recorder_.Add(Channel::kPhone, kParking, Counter::kSlaMissed);
  recorder_.Add(Channel::kPhone, kParking, Counter::kQueued, 4);
  recorder_.Add(Channel::kPhone, kParking, Counter::kAbandoned, 1);
  recorder_.Add(Channel::kPhone, kParking, Counter::kResolved, 5);
  recorder_.Add(Channel::kPhone, kParking, Counter::kResolvedFirstTime, 4);

  const SegmentStats total = All().total;
  EXPECT_DOUBLE_EQ(total.sla_attainment(), 0.75);
  EXPECT_DOUBLE_EQ(total.abandonment_rate(), 0.25);
  EXPECT_DOUBLE_EQ(total.right_first_time(), 0.8);

  // Rates over two segments are over the summed counters.
  recorder_.Add(Channel::kEmail, kWaste, Counter::kSlaMissed, 4);
  EXPECT_DOUBLE_EQ(All().total.sla_attainment(), 3.0 / 8.0);
}

TEST(SegmentStatsTest, RatesWithNothingToDivideByAreZero) {
  SegmentStats s;
  EXPECT_EQ(s.sla_attainment(), 0);
  EXPECT_EQ(s.abandonment_rate(), 0);
  EXPECT_EQ(s.right_first_time(), 0);
  // Inconsistent counters (read mid-update) still give a share.
  s.counters[static_cast<int>(Counter::kAbandoned)] = 3;
  s.counters[static_cast<int>(Counter::kQueued)] = 2;
  EXPECT_EQ(s.abandonment_rate(), 1);
}

TEST_F(RecorderTest, SatisfactionMeanPerSegment) {
  for (int score : {5, 4, 3, 4}) {
    recorder_.RecordSatisfaction(Channel::kLetter, kPassport, score);
  }
  const StatsSnapshot s = All();
  ASSERT_THAT(s.segments, ElementsAre(IsSegment(Channel::kLetter, "passport")));
  EXPECT_EQ(s.segments[0].satisfaction_count, 4u);
  EXPECT_DOUBLE_EQ(s.segments[0].satisfaction_mean, 4.0);
}

TEST_F(RecorderTest, SegmentPercentilesMatchKnownInputs) {
  for (int ms = 1; ms <= 100; ++ms) {
    recorder_.Record(Channel::kPhone, kWaste, Metric::kWait,
                     absl::Milliseconds(ms));
  }
  recorder_.Record(Channel::kPhone, kWaste, Metric::kHandle, absl::Minutes(4));
  const StatsSnapshot s = Of(Channel::kPhone, "waste");
  ASSERT_THAT(s.segments, ElementsAre(IsSegment(Channel::kPhone, "waste")));
  const LatencySummary& wait = s.segments[0].of(Metric::kWait);
  EXPECT_EQ(wait.count, 100u);
  EXPECT_THAT(wait.p50, DurationNear(absl::Milliseconds(50), 0.0625));
  EXPECT_THAT(wait.p90, DurationNear(absl::Milliseconds(90), 0.0625));
  EXPECT_THAT(wait.p99, DurationNear(absl::Milliseconds(99), 0.0625));
  EXPECT_EQ(wait.max, absl::Milliseconds(100));
  EXPECT_EQ(wait.min, absl::Milliseconds(1));
  // Metrics are kept apart.
  EXPECT_EQ(s.segments[0].of(Metric::kHandle).count, 1u);
  EXPECT_EQ(s.segments[0].of(Metric::kHandle).p50, absl::Minutes(4));
  EXPECT_EQ(s.segments[0].of(Metric::kDecide).count, 0u);
  // The total over one segment has the same figures.
  EXPECT_EQ(s.total.of(Metric::kWait).p99, wait.p99);
}

TEST_F(RecorderTest, TransfersAreSortedMostFirstThenByName) {
  for (int i = 0; i < 3; ++i) recorder_.RecordTransfer(kParking, kWaste);
  recorder_.RecordTransfer(Recorder::kNoDepartment, kParking);
  recorder_.RecordTransfer(Recorder::kNoDepartment, kParking);
  // Ties, recorded so that department order and name order disagree.
  recorder_.RecordTransfer(kPassport, kParking);
  recorder_.RecordTransfer(kWaste, kPassport);
  recorder_.RecordTransfer(kParking, kPassport);
  recorder_.RecordTransfer(kParking, Recorder::kNoDepartment);

  EXPECT_THAT(All().transfers, ElementsAre(IsTransfer("parking", "waste", 3),
                                           IsTransfer("(none)", "parking", 2),
                                           IsTransfer("parking", "(none)", 1),
                                           IsTransfer("parking", "passport", 1),
                                           IsTransfer("passport", "parking", 1),
                                           IsTransfer("waste", "passport", 1)));
  // A department filter keeps transfers from or to that department.
  EXPECT_THAT(Of(std::nullopt, "waste").transfers,
              ElementsAre(IsTransfer("parking", "waste", 3),
                          IsTransfer("waste", "passport", 1)));
  EXPECT_THAT(Of(std::nullopt, "(none)").transfers,
              ElementsAre(IsTransfer("(none)", "parking", 2),
                          IsTransfer("parking", "(none)", 1)));
  // Transfers have no channel: a channel filter keeps them all.
  EXPECT_EQ(Of(Channel::kEmail, "").transfers.size(), 6u);
}

TEST_F(RecorderTest, ConcurrentRecordingIsExact) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20'000;
  constexpr uint64_t kTotal = kThreads * kPerThread;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      const Channel channel = kAllChannels[t % 2];  // Two threads per channel.
      for (int i = 0; i < kPerThread; ++i) {
        recorder_.Add(channel, kParking, Counter::kReceived);
        recorder_.Record(channel, kParking, Metric::kDecide,
                         absl::Microseconds(i));
        recorder_.RecordSatisfaction(channel, kParking, 4);
        recorder_.RecordTransfer(kParking, kWaste);
      }
    });
  }
  for (int i = 0; i < 20; ++i) {
    const StatsSnapshot s = All();  // Reading while others record.
    EXPECT_LE(s.total.count(Counter::kReceived), kTotal);
  }
  for (auto& t : threads) t.join();

  const StatsSnapshot s = All();
  EXPECT_EQ(s.segments.size(), 2u);
  EXPECT_EQ(s.total.count(Counter::kReceived), kTotal);
  EXPECT_EQ(s.total.of(Metric::kDecide).count, kTotal);
  EXPECT_EQ(s.total.satisfaction_count, kTotal);
  EXPECT_DOUBLE_EQ(s.total.satisfaction_mean, 4.0);
  EXPECT_THAT(s.transfers, ElementsAre(IsTransfer("parking", "waste", kTotal)));
}

// The way an embedder (the engine) uses it: count a contact's steps, time
// them, then read a filtered snapshot.
TEST(RecorderUsage, OneContactFromReceivedToResolved) {
  Recorder recorder({"parking", "waste"});
  const Channel ch = Channel::kEmail;
  const int dept = 1;
  recorder.Add(ch, Recorder::kNoDepartment, Counter::kReceived);
  recorder.Record(ch, dept, Metric::kDecide, absl::Milliseconds(3));
  recorder.Add(ch, dept, Counter::kRouted);
  recorder.Add(ch, dept, Counter::kQueued);
  recorder.Add(ch, dept, Counter::kAccepted);
  recorder.Add(ch, dept, Counter::kSlaMet);
  recorder.Record(ch, dept, Metric::kWait, absl::Minutes(2));
  recorder.Add(ch, dept, Counter::kResolved);
  recorder.Add(ch, dept, Counter::kResolvedFirstTime);
  recorder.RecordSatisfaction(ch, dept, 5);

  StatsFilter filter;
  filter.department = "waste";
  const StatsSnapshot snap = recorder.Snapshot(filter);
  ASSERT_EQ(snap.segments.size(), 1u);
  const SegmentStats& waste = snap.segments[0];
  EXPECT_THAT(waste.channel, Optional(Channel::kEmail));
  EXPECT_EQ(waste.count(Counter::kRouted), 1u);
  EXPECT_EQ(waste.count(Counter::kReceived), 0u);  // Counted before routing.
  EXPECT_EQ(waste.sla_attainment(), 1.0);
  EXPECT_EQ(waste.right_first_time(), 1.0);
  EXPECT_EQ(waste.abandonment_rate(), 0.0);
  EXPECT_EQ(waste.of(Metric::kWait).max, absl::Minutes(2));
  EXPECT_EQ(waste.satisfaction_mean, 5.0);
}

TEST_F(RecorderTest, AddedDepartmentsKeepEveryEarlierCount) {
  AddThreeSegments();
  recorder_.RecordTransfer(kParking, kWaste);
  // A known id keeps its index; a new one is appended.
  EXPECT_EQ(recorder_.AddDepartment("waste"), kWaste);
  const int housing = recorder_.AddDepartment("housing");
  EXPECT_EQ(housing, 3);
  recorder_.Add(Channel::kLetter, housing, Counter::kReceived, 8);
  recorder_.RecordTransfer(kWaste, housing);
  const StatsSnapshot s = All();
  ASSERT_THAT(s.segments, ElementsAre(IsSegment(Channel::kPhone, "parking"),
                                      IsSegment(Channel::kEmail, "parking"),
                                      IsSegment(Channel::kEmail, "waste"),
                                      IsSegment(Channel::kLetter, "housing")));
  EXPECT_EQ(s.total.count(Counter::kReceived), 15u);
  EXPECT_THAT(s.transfers, ElementsAre(IsTransfer("parking", "waste", 1),
                                       IsTransfer("waste", "housing", 1)));
  EXPECT_EQ(Of(std::nullopt, "housing").total.count(Counter::kReceived), 8u);
}

}  // namespace
}  // namespace switchboard
