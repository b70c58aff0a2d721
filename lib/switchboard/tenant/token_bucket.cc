// Copyright 2026 The Switchboard Authors.

#include "switchboard/tenant/token_bucket.h"

#include <algorithm>

namespace switchboard {
namespace {

double BurstFor(double rate, double burst) {
  if (burst > 0) return std::max(burst, 1.0);
  return std::max(rate, 1.0);
}

}  // namespace

TokenBucket::TokenBucket(double rate, double burst, Clock* clock)
    : clock_(clock),
      rate_(rate),
      burst_(BurstFor(rate, burst)),
      tokens_(burst_),
      last_(clock->Now()) {}

void TokenBucket::RefillLocked(absl::Time now) {
  // A clock that went back (a FakeClock set earlier) adds nothing until it
  // passes the latest time seen.
  if (now <= last_) return;
  tokens_ =
      std::min(burst_, tokens_ + absl::ToDoubleSeconds(now - last_) * rate_);
  last_ = now;
}

bool TokenBucket::TryTake() {
  absl::MutexLock lock(&mu_);
  if (rate_ <= 0) return true;
  RefillLocked(clock_->Now());
  if (tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

void TokenBucket::Reset(double rate, double burst) {
  absl::MutexLock lock(&mu_);
  RefillLocked(clock_->Now());
  const bool was_unlimited = rate_ <= 0;
  rate_ = rate;
  burst_ = BurstFor(rate, burst);
  // A bucket that had no limit starts the limit full.
  tokens_ = was_unlimited ? burst_ : std::min(tokens_, burst_);
}

double TokenBucket::rate() const {
  absl::MutexLock lock(&mu_);
  return rate_;
}

double TokenBucket::burst() const {
  absl::MutexLock lock(&mu_);
  return burst_;
}

}  // namespace switchboard
