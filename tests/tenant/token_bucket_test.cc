// Copyright 2026 The Switchboard Authors.

#include "switchboard/tenant/token_bucket.h"

#include "gtest/gtest.h"
#include "switchboard/clock.h"

namespace switchboard {
namespace {

int TakeAll(TokenBucket& bucket, int at_most) {
  int taken = 0;
  while (taken < at_most && bucket.TryTake()) ++taken;
  return taken;
}

TEST(TokenBucketTest, StartsFullAndRefillsAtItsRateOnTheClock) {
  FakeClock clock;
  TokenBucket bucket(/*rate=*/10, /*burst=*/0, &clock);  // burst = 10
  EXPECT_EQ(TakeAll(bucket, 100), 10);
  EXPECT_FALSE(bucket.TryTake());
  clock.Advance(absl::Milliseconds(100));  // One token.
  EXPECT_EQ(TakeAll(bucket, 100), 1);
  clock.Advance(absl::Milliseconds(50));  // Half a token: none yet.
  EXPECT_FALSE(bucket.TryTake());
  clock.Advance(absl::Milliseconds(50));
  EXPECT_TRUE(bucket.TryTake());
  clock.Advance(absl::Hours(1));  // Never more than the burst.
  EXPECT_EQ(TakeAll(bucket, 100), 10);
}

TEST(TokenBucketTest, BurstSizesTheBucket) {
  FakeClock clock;
  TokenBucket bucket(/*rate=*/1, /*burst=*/5, &clock);
  EXPECT_EQ(TakeAll(bucket, 100), 5);
  clock.Advance(absl::Seconds(2));
  EXPECT_EQ(TakeAll(bucket, 100), 2);
}

TEST(TokenBucketTest, ZeroRateIsNoLimit) {
  FakeClock clock;
  TokenBucket bucket(0, 0, &clock);
  EXPECT_EQ(TakeAll(bucket, 10'000), 10'000);
}

TEST(TokenBucketTest, ResetChangesTheLimitAndANewLimitStartsFull) {
  FakeClock clock;
  TokenBucket bucket(0, 0, &clock);
  bucket.Reset(3, 0);
  EXPECT_EQ(bucket.rate(), 3);
  EXPECT_EQ(bucket.burst(), 3);
  EXPECT_EQ(TakeAll(bucket, 100), 3);
  bucket.Reset(100, 0);  // Keeps what it had (none).
  EXPECT_FALSE(bucket.TryTake());
  clock.Advance(absl::Milliseconds(20));
  EXPECT_EQ(TakeAll(bucket, 100), 2);
  bucket.Reset(0, 0);
  EXPECT_EQ(TakeAll(bucket, 1000), 1000);
}

TEST(TokenBucketTest, AClockGoingBackAddsNothing) {
  FakeClock clock;
  TokenBucket bucket(1, 1, &clock);
  EXPECT_TRUE(bucket.TryTake());
  clock.Advance(-absl::Hours(1));
  EXPECT_FALSE(bucket.TryTake());
  clock.Advance(absl::Hours(1));  // Back where it was: still nothing.
  EXPECT_FALSE(bucket.TryTake());
  clock.Advance(absl::Seconds(1));
  EXPECT_TRUE(bucket.TryTake());
}

}  // namespace
}  // namespace switchboard
