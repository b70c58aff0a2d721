// Copyright 2026 The Switchboard Authors.
//
// complexity_testing.h: checks that a function's work grows linearly with
// its input, without a timed assertion. The work is measured as this
// thread's CPU time (CLOCK_THREAD_CPUTIME_ID: time other processes take on
// a busy machine does not count), the smallest of a few runs, on an input
// and on one `factor` times as large; the ratio of the two is what is
// checked. Linear work gives about `factor`, quadratic about factor^2.
//
//   const GrowthRatio g = MeasureGrowth(
//       [](int64_t n) { return std::string(n, '0'); },
//       [](const std::string& s) { MaskPersonalData(s); }, 25'000, 8);
//   EXPECT_LT(g.ratio, 3 * 8) << g;  // linear: ~8; quadratic: ~64
//
// The absolute times depend on the machine (and a sanitizer build); the
// ratio does not.

#ifndef SWITCHBOARD_TESTS_COMPLEXITY_TESTING_H_
#define SWITCHBOARD_TESTS_COMPLEXITY_TESTING_H_

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <ostream>

#include "absl/time/time.h"

namespace switchboard::test_util {

inline absl::Duration ThreadCpuTime() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return absl::DurationFromTimespec(ts);
}

struct GrowthRatio {
  int64_t small_n = 0, large_n = 0;
  absl::Duration small, large;  // The smallest CPU time of the runs.
  double ratio = 0;             // large / small.
};

inline std::ostream& operator<<(std::ostream& os, const GrowthRatio& g) {
  return os << "n=" << g.small_n << ": " << g.small << " CPU, n=" << g.large_n
            << ": " << g.large << " CPU, ratio " << g.ratio;
}

// Builds the inputs make(n) and make(n * factor) (not measured), runs
// work(input) on each `repeats` times (interleaved) and returns the ratio
// of their smallest CPU times. A small input whose run takes under about
// 100 us measures the clock, not the work.
template <typename Make, typename Work>
GrowthRatio MeasureGrowth(Make make, Work work, int64_t n, int64_t factor,
                          int repeats = 5) {
  GrowthRatio g;
  g.small_n = n;
  g.large_n = n * factor;
  g.small = g.large = absl::InfiniteDuration();
  const auto small_input = make(g.small_n);
  const auto large_input = make(g.large_n);
  for (int i = 0; i < repeats; ++i) {
    for (const bool large : {false, true}) {
      const absl::Duration start = ThreadCpuTime();
      work(large ? large_input : small_input);
      const absl::Duration took = ThreadCpuTime() - start;
      absl::Duration& best = large ? g.large : g.small;
      best = std::min(best, took);
    }
  }
  g.ratio =
      absl::FDivDuration(g.large, std::max(g.small, absl::Microseconds(1)));
  return g;
}

}  // namespace switchboard::test_util

#endif  // SWITCHBOARD_TESTS_COMPLEXITY_TESTING_H_
