// Copyright 2026 The Switchboard Authors.

#include "switchboard/stats/latency_histogram.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "stats/stats_testing.h"

namespace switchboard {
namespace {

using ::switchboard::test_util::DurationNear;
using ::testing::AllOf;
using ::testing::Ge;
using ::testing::Le;

constexpr uint64_t kMaxMicros = std::numeric_limits<uint64_t>::max();

// The interesting edges: the linear range, the first log-linear buckets,
// every power of two and its neighbours, some round numbers, the top.
std::vector<uint64_t> EdgeValues() {
  std::vector<uint64_t> values = {0, 1, 15, 16, 31, 32, 33, 47, 48, 63, 64, 65};
  values.insert(values.end(), {1000, 999'999, 1'000'000, 1'000'001, 60'000'000,
                               kMaxMicros - 1, kMaxMicros});
  for (int e = 5; e < 64; ++e) {
    const uint64_t p = uint64_t{1} << e;
    values.insert(values.end(), {p - 1, p, p + 1, p + p / 2});
  }
  return values;
}

// A histogram is 8 KiB of atomics: keep it off the test's stack.
std::unique_ptr<LatencyHistogram> NewHistogram() {
  return std::make_unique<LatencyHistogram>();
}

TEST(LatencyHistogramBuckets, SmallValuesGetABucketEach) {
  for (uint64_t us = 0; us < 32; ++us) {
    const int b = LatencyHistogram::BucketOf(us);
    EXPECT_EQ(b, static_cast<int>(us));
    EXPECT_EQ(LatencyHistogram::BucketLowerBound(b), us);
    EXPECT_EQ(LatencyHistogram::BucketUpperBound(b), us);
  }
  EXPECT_EQ(LatencyHistogram::BucketOf(32), 32);
  EXPECT_EQ(LatencyHistogram::BucketOf(33), 32);  // [32, 33] share a bucket.
  EXPECT_EQ(LatencyHistogram::BucketOf(34), 33);
}

TEST(LatencyHistogramBuckets, EveryValueLiesInItsBucket) {
  for (uint64_t us : EdgeValues()) {
    SCOPED_TRACE(us);
    const int b = LatencyHistogram::BucketOf(us);
    ASSERT_GE(b, 0);
    ASSERT_LT(b, LatencyHistogram::kBuckets);
    EXPECT_THAT(us, AllOf(Ge(LatencyHistogram::BucketLowerBound(b)),
                          Le(LatencyHistogram::BucketUpperBound(b))));
  }
  EXPECT_EQ(LatencyHistogram::BucketOf(kMaxMicros),
            LatencyHistogram::kBuckets - 1);
  EXPECT_EQ(LatencyHistogram::BucketUpperBound(LatencyHistogram::kBuckets - 1),
            kMaxMicros);
}

TEST(LatencyHistogramBuckets, BucketsTileTheRangeWithBoundedWidth) {
  EXPECT_EQ(LatencyHistogram::BucketLowerBound(0), 0u);
  for (int b = 0; b < LatencyHistogram::kBuckets; ++b) {
    SCOPED_TRACE(b);
    const uint64_t lo = LatencyHistogram::BucketLowerBound(b);
    const uint64_t hi = LatencyHistogram::BucketUpperBound(b);
    ASSERT_LE(lo, hi);
    EXPECT_EQ(LatencyHistogram::BucketOf(lo), b);
    EXPECT_EQ(LatencyHistogram::BucketOf(hi), b);
    if (b + 1 < LatencyHistogram::kBuckets) {
      EXPECT_EQ(LatencyHistogram::BucketLowerBound(b + 1), hi + 1);
    }
    // Below 16 us a bucket is one value wide (exact); from there on no
    // bucket is wider than 1/16 of its lower bound.
    if (lo < 16) {
      EXPECT_EQ(hi, lo);
    } else {
      EXPECT_LE(static_cast<double>(hi - lo + 1) / static_cast<double>(lo),
                1.0 / LatencyHistogram::kSubBuckets);
    }
  }
}

TEST(LatencyHistogram, EmptyIsAllZero) {
  auto h = NewHistogram();
  EXPECT_EQ(h->count(), 0u);
  EXPECT_EQ(h->Quantile(0.5), absl::ZeroDuration());
  const LatencySummary s = h->Summarize();
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.mean, absl::ZeroDuration());
  EXPECT_EQ(s.p50, absl::ZeroDuration());
  EXPECT_EQ(s.p99, absl::ZeroDuration());
  EXPECT_EQ(s.max, absl::ZeroDuration());
  EXPECT_EQ(s.min, absl::ZeroDuration());
}

TEST(LatencyHistogram, NegativeDurationsCountAsZero) {
  auto h = NewHistogram();
  h->Record(absl::Milliseconds(-5));
  h->Record(-absl::InfiniteDuration());
  const LatencySummary s = h->Summarize();
  EXPECT_EQ(s.count, 2u);
  EXPECT_EQ(s.min, absl::ZeroDuration());
  EXPECT_EQ(s.max, absl::ZeroDuration());
  EXPECT_EQ(s.p99, absl::ZeroDuration());
}

TEST(LatencyHistogram, UniformMillisecondsGiveKnownQuantiles) {
  auto h = NewHistogram();
  for (int ms = 1000; ms >= 1; --ms) h->Record(absl::Milliseconds(ms));
  const LatencySummary s = h->Summarize();
  EXPECT_EQ(s.count, 1000u);
  EXPECT_EQ(s.min, absl::Milliseconds(1));
  EXPECT_EQ(s.max, absl::Milliseconds(1000));
  EXPECT_EQ(s.mean, absl::Microseconds(500'500));
  EXPECT_THAT(s.p50, DurationNear(absl::Milliseconds(500), 0.0625));
  EXPECT_THAT(s.p90, DurationNear(absl::Milliseconds(900), 0.0625));
  EXPECT_THAT(s.p99, DurationNear(absl::Milliseconds(990), 0.0625));
  // A quantile is its bucket's upper bound: never below the true value.
  EXPECT_GE(s.p50, absl::Milliseconds(500));
  EXPECT_EQ(h->Quantile(1.0), absl::Milliseconds(1000));
  EXPECT_EQ(h->Quantile(2.0), absl::Milliseconds(1000));  // Clamped to 1.
}

TEST(LatencyHistogram, SmallValuesAreExact) {
  auto h = NewHistogram();
  for (int us = 1; us <= 20; ++us) h->Record(absl::Microseconds(us));
  EXPECT_EQ(h->Quantile(0.5), absl::Microseconds(10));
  EXPECT_EQ(h->Quantile(0.95), absl::Microseconds(19));
  EXPECT_EQ(h->Quantile(0.0), absl::Microseconds(1));
}

TEST(LatencyHistogram, OneHugeSampleReportsItself) {
  auto h = NewHistogram();
  h->Record(absl::Hours(24 * 365));
  EXPECT_EQ(h->Quantile(0.5), absl::Hours(24 * 365));
  // Past int64 microseconds saturates rather than turning negative.
  auto big = NewHistogram();
  big->RecordMicros(kMaxMicros);
  EXPECT_GT(big->Summarize().max, absl::Hours(24 * 365 * 1000));
  EXPECT_GT(big->Quantile(0.5), absl::ZeroDuration());
}

TEST(LatencyHistogram, MergeAddsEverySample) {
  auto a = NewHistogram();
  auto b = NewHistogram();
  for (int ms = 1; ms <= 500; ++ms) a->Record(absl::Milliseconds(ms));
  for (int ms = 501; ms <= 1000; ++ms) b->Record(absl::Milliseconds(ms));
  a->Merge(*b);
  const LatencySummary s = a->Summarize();
  EXPECT_EQ(s.count, 1000u);
  EXPECT_EQ(s.min, absl::Milliseconds(1));
  EXPECT_EQ(s.max, absl::Milliseconds(1000));
  EXPECT_EQ(s.mean, absl::Microseconds(500'500));
  EXPECT_THAT(s.p50, DurationNear(absl::Milliseconds(500), 0.0625));
  EXPECT_EQ(b->count(), 500u);  // The source is untouched.

  // Merging an empty histogram changes nothing, min included.
  auto empty = NewHistogram();
  a->Merge(*empty);
  EXPECT_EQ(a->Summarize().min, absl::Milliseconds(1));
  EXPECT_EQ(a->count(), 1000u);
}

TEST(LatencyHistogram, ConcurrentRecordsAreAllCounted) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 100'000;
  auto h = NewHistogram();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&h, t] {
      for (int i = 0; i < kPerThread; ++i) {
        h->RecordMicros(static_cast<uint64_t>(t * kPerThread + i));
      }
    });
  }
  // A reader alongside the writers must not see nonsense.
  for (int i = 0; i < 100; ++i) {
    const LatencySummary s = h->Summarize();
    EXPECT_GE(s.max, s.min);
    EXPECT_GE(s.p99, absl::ZeroDuration());
  }
  for (auto& t : threads) t.join();
  const LatencySummary s = h->Summarize();
  EXPECT_EQ(s.count, uint64_t{kThreads} * kPerThread);
  EXPECT_EQ(s.min, absl::ZeroDuration());
  EXPECT_EQ(s.max, absl::Microseconds(kThreads * kPerThread - 1));
  EXPECT_THAT(s.p50, DurationNear(absl::Microseconds(200'000), 0.0625));
}

}  // namespace
}  // namespace switchboard
