// Copyright 2026 The Switchboard Authors.
//
// Tests for services/loadgen/rss_sampler.h: reading VmRSS, sampling a
// process over time, and the growth after a warmup.

#include "loadgen/rss_sampler.h"

#include <unistd.h>

#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace switchboard::loadgen {
namespace {

using ::testing::HasSubstr;

TEST(RssSamplerTest, ParsesTheVmRssLine) {
  const std::string status =
      "Name:\tswitchboard\nVmPeak:\t  812344 kB\nVmRSS:\t   52344 kB\n"
      "RssAnon:\t   40000 kB\n";
  absl::StatusOr<int64_t> kib = ParseVmRssKib(status);
  ASSERT_TRUE(kib.ok()) << kib.status();
  EXPECT_EQ(*kib, 52344);
  EXPECT_EQ(ParseVmRssKib("Name:\tkthreadd\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      std::string(ParseVmRssKib("VmRSS:\t many kB\n").status().message()),
      HasSubstr("not \"VmRSS: N kB\""));
  EXPECT_FALSE(ParseVmRssKib("VmRSS:\t 12 MB\n").ok());
}

TEST(RssSamplerTest, ReadsItsOwnProcessAndRefusesAMissingOne) {
  absl::StatusOr<int64_t> own = ReadRssKib(getpid());
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_GT(*own, 0);
  // Above the kernel's pid_max (at most 2^22): no such process.
  absl::StatusOr<int64_t> missing = ReadRssKib(1 << 23);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()),
              HasSubstr("no process 8388608"));
}

TEST(RssSamplerTest, SamplesAtOnceAtEachIntervalAndAtTheEnd) {
  constexpr absl::Duration kInterval = absl::Milliseconds(20);
  const absl::Time before = absl::Now();
  RssSampler sampler(getpid(), kInterval);
  absl::SleepFor(absl::Milliseconds(110));
  const std::vector<RssSample> samples = sampler.Stop();
  const absl::Duration elapsed = absl::Now() - before;
  // One at once, one per grid point (k * 20 ms) passed before the stop, and
  // one at the stop. A busy machine may take grid samples late or skip
  // them, so the count is bounded by what the measured elapsed time allows,
  // and each grid sample comes no earlier than its grid point.
  const int64_t grid_points = elapsed / kInterval;
  ASSERT_GE(samples.size(), 2u);  // At once and at the stop, whatever else.
  EXPECT_LE(static_cast<int64_t>(samples.size()), grid_points + 2)
      << "elapsed " << elapsed;
  for (size_t i = 0; i < samples.size(); ++i) {
    EXPECT_GT(samples[i].kib, 0);
    EXPECT_LE(samples[i].at, elapsed);
    if (i > 0) {
      EXPECT_GE(samples[i].at, samples[i - 1].at);
    }
    if (i + 1 < samples.size()) {
      EXPECT_GE(samples[i].at, static_cast<int64_t>(i) * kInterval) << i;
    }
  }
  EXPECT_GE(samples.back().at, absl::Milliseconds(110));
  EXPECT_EQ(sampler.Stop().size(), samples.size());  // Stopped once.
}

TEST(RssSamplerTest, GrowthRunsFromTheEndOfTheWarmupToTheEnd) {
  const std::vector<RssSample> samples = {{absl::Seconds(0), 100},
                                          {absl::Seconds(1), 400},
                                          {absl::Seconds(2), 500},
                                          {absl::Seconds(3), 440}};
  std::optional<RssSummary> s = SummarizeRss(samples, absl::Seconds(1));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->warmup_end_kib, 400);
  EXPECT_EQ(s->end_kib, 440);
  EXPECT_EQ(s->peak_kib, 500);
  EXPECT_DOUBLE_EQ(s->growth(), 0.10);
  // Between samples: the first one after the warmup's end.
  EXPECT_EQ(SummarizeRss(samples, absl::Milliseconds(1500))->warmup_end_kib,
            500);
  EXPECT_FALSE(SummarizeRss(samples, absl::Seconds(4)).has_value());
  EXPECT_FALSE(SummarizeRss({}, absl::ZeroDuration()).has_value());
}

}  // namespace
}  // namespace switchboard::loadgen
