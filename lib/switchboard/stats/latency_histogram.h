// Copyright 2026 The Switchboard Authors.
//
// latency_histogram.h: a fixed-size, log-linear latency histogram in the
// style of HdrHistogram, cheap enough for the hot path.
//
// Values are durations, stored in microseconds. Values below 32 us get a
// bucket each; above, every power of two is split into 16 buckets, so a
// reported quantile is within 1/16 (6.25%) of the true value, from 1 us to
// centuries. Recording is a handful of relaxed atomic increments: any number
// of threads may Record() at once, with no lock; a snapshot taken while
// others record sees each sample either wholly or not at all per counter
// (counts and sums may be momentarily off by the samples in flight).
//
//   LatencyHistogram h;
//   h.Record(absl::Milliseconds(12));
//   LatencySummary s = h.Summarize();  // s.p50, s.p99, s.max, s.count

#ifndef SWITCHBOARD_STATS_LATENCY_HISTOGRAM_H_
#define SWITCHBOARD_STATS_LATENCY_HISTOGRAM_H_

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "absl/time/time.h"

namespace switchboard {

struct LatencySummary {
  uint64_t count = 0;
  absl::Duration mean, p50, p90, p99, max, min;
};

class LatencyHistogram {
 public:
  static constexpr int kSubBuckets = 16;
  static constexpr int kBuckets = 2 * kSubBuckets + (64 - 5) * kSubBuckets;

  LatencyHistogram() = default;
  LatencyHistogram(const LatencyHistogram&) = delete;
  LatencyHistogram& operator=(const LatencyHistogram&) = delete;

  // Records one sample; negative durations count as zero. Thread-safe,
  // lock-free.
  void Record(absl::Duration d) {
    int64_t us = absl::ToInt64Microseconds(d);
    RecordMicros(us < 0 ? 0 : static_cast<uint64_t>(us));
  }
  void RecordMicros(uint64_t us);

  // Adds every sample of `other` to this histogram.
  void Merge(const LatencyHistogram& other);

  uint64_t count() const { return count_.load(std::memory_order_relaxed); }

  // The value at quantile q in [0, 1] (upper bound of its bucket, capped at
  // the largest recorded value). Zero when empty.
  absl::Duration Quantile(double q) const;

  LatencySummary Summarize() const;

  // Bucket arithmetic, exposed for tests.
  static int BucketOf(uint64_t us);
  static uint64_t BucketLowerBound(int bucket);
  static uint64_t BucketUpperBound(int bucket);

 private:
  std::array<std::atomic<uint64_t>, kBuckets> buckets_{};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_{0};
  std::atomic<uint64_t> max_{0};
  std::atomic<uint64_t> min_{UINT64_MAX};
};

}  // namespace switchboard

#endif  // SWITCHBOARD_STATS_LATENCY_HISTOGRAM_H_
