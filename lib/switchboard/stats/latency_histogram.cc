// Copyright 2026 The Switchboard Authors.

#include "switchboard/stats/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace switchboard {
namespace {

// Microseconds as a Duration; values beyond int64 (only reachable through
// RecordMicros) saturate instead of wrapping to negative.
absl::Duration FromMicros(uint64_t us) {
  return absl::Microseconds(static_cast<int64_t>(
      std::min<uint64_t>(us, std::numeric_limits<int64_t>::max())));
}

}  // namespace

int LatencyHistogram::BucketOf(uint64_t us) {
  if (us < 2 * kSubBuckets) return static_cast<int>(us);
  const int e = 63 - std::countl_zero(us);  // 2^e <= us < 2^(e+1), e >= 5
  const int sub = static_cast<int>(us >> (e - 4)) - kSubBuckets;  // 0..15
  return 2 * kSubBuckets + (e - 5) * kSubBuckets + sub;
}

uint64_t LatencyHistogram::BucketLowerBound(int bucket) {
  if (bucket < 2 * kSubBuckets) return static_cast<uint64_t>(bucket);
  const int e = (bucket - 2 * kSubBuckets) / kSubBuckets + 5;
  const uint64_t sub = (bucket - 2 * kSubBuckets) % kSubBuckets + kSubBuckets;
  return sub << (e - 4);
}

uint64_t LatencyHistogram::BucketUpperBound(int bucket) {
  if (bucket + 1 >= kBuckets) return UINT64_MAX;
  return BucketLowerBound(bucket + 1) - 1;
}

void LatencyHistogram::RecordMicros(uint64_t us) {
  buckets_[BucketOf(us)].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(us, std::memory_order_relaxed);
  uint64_t prev = max_.load(std::memory_order_relaxed);
  while (us > prev &&
         !max_.compare_exchange_weak(prev, us, std::memory_order_relaxed)) {
  }
  prev = min_.load(std::memory_order_relaxed);
  while (us < prev &&
         !min_.compare_exchange_weak(prev, us, std::memory_order_relaxed)) {
  }
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  for (int b = 0; b < kBuckets; ++b) {
    uint64_t n = other.buckets_[b].load(std::memory_order_relaxed);
    if (n) buckets_[b].fetch_add(n, std::memory_order_relaxed);
  }
  count_.fetch_add(other.count_.load(std::memory_order_relaxed),
                   std::memory_order_relaxed);
  sum_.fetch_add(other.sum_.load(std::memory_order_relaxed),
                 std::memory_order_relaxed);
  uint64_t omax = other.max_.load(std::memory_order_relaxed);
  uint64_t prev = max_.load(std::memory_order_relaxed);
  while (omax > prev &&
         !max_.compare_exchange_weak(prev, omax, std::memory_order_relaxed)) {
  }
  uint64_t omin = other.min_.load(std::memory_order_relaxed);
  prev = min_.load(std::memory_order_relaxed);
  while (omin < prev &&
         !min_.compare_exchange_weak(prev, omin, std::memory_order_relaxed)) {
  }
}

absl::Duration LatencyHistogram::Quantile(double q) const {
  // Count from the buckets themselves, so a concurrent Record() cannot make
  // the target rank exceed what the loop sees.
  uint64_t total = 0;
  for (const auto& b : buckets_) total += b.load(std::memory_order_relaxed);
  if (total == 0) return absl::ZeroDuration();
  q = std::clamp(q, 0.0, 1.0);
  const uint64_t rank =
      std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * total)));
  const uint64_t max = max_.load(std::memory_order_relaxed);
  uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += buckets_[b].load(std::memory_order_relaxed);
    if (seen >= rank) {
      return FromMicros(std::min(BucketUpperBound(b), max));
    }
  }
  return FromMicros(max);
}

LatencySummary LatencyHistogram::Summarize() const {
  LatencySummary s;
  s.count = count();
  if (s.count == 0) return s;
  s.mean = absl::Microseconds(
      static_cast<double>(sum_.load(std::memory_order_relaxed)) / s.count);
  s.p50 = Quantile(0.50);
  s.p90 = Quantile(0.90);
  s.p99 = Quantile(0.99);
  const uint64_t max = max_.load(std::memory_order_relaxed);
  const uint64_t min = min_.load(std::memory_order_relaxed);
  s.max = FromMicros(max);
  // A Record() in flight may have bumped count_ but not yet min_.
  s.min = FromMicros(std::min(min, max));
  return s;
}

}  // namespace switchboard
