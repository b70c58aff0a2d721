// Copyright 2026 The Switchboard Authors.
//
// stats_testing.h: matchers shared by the statistics tests.

#ifndef SWITCHBOARD_TESTS_STATS_STATS_TESTING_H_
#define SWITCHBOARD_TESTS_STATS_STATS_TESTING_H_

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"

namespace switchboard::test_util {

// Matches a duration within `rel` (a share, e.g. 0.0625) of `expected`: the
// precision the latency histogram promises for a quantile.
MATCHER_P2(DurationNear, expected, rel,
           absl::StrCat(negation ? "isn't" : "is", " within ", rel * 100,
                        "% of ", absl::FormatDuration(expected))) {
  *result_listener << "which is " << absl::FormatDuration(arg);
  return absl::AbsDuration(arg - expected) <= expected * rel;
}

}  // namespace switchboard::test_util

#endif  // SWITCHBOARD_TESTS_STATS_STATS_TESTING_H_
