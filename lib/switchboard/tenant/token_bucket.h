// Copyright 2026 The Switchboard Authors.
//
// token_bucket.h: a rate limit on the injected clock. The bucket holds at
// most `burst` tokens and gains `rate` tokens per second of the clock's
// time; each call takes one, and a call that finds none is refused. A
// FakeClock makes it exact in tests (no sleeping).
//
//   TokenBucket bucket(/*rate=*/100, /*burst=*/100, &clock);
//   if (!bucket.TryTake()) return absl::ResourceExhaustedError(...);
//
// Thread-safe (one short lock per call).

#ifndef SWITCHBOARD_TENANT_TOKEN_BUCKET_H_
#define SWITCHBOARD_TENANT_TOKEN_BUCKET_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "switchboard/clock.h"

namespace switchboard {

class TokenBucket {
 public:
  // `rate` <= 0: no limit (every TryTake succeeds). `burst` <= 0: one
  // second's worth (`rate`), at least 1. Starts full. `clock` is not owned
  // and must outlive the bucket.
  TokenBucket(double rate, double burst, Clock* clock);

  // Takes one token; false (nothing taken) when the bucket is empty.
  bool TryTake();

  // New rate and burst (as the constructor); keeps the tokens it has, up
  // to the new burst.
  void Reset(double rate, double burst);

  double rate() const;
  double burst() const;

 private:
  void RefillLocked(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  Clock* const clock_;
  mutable absl::Mutex mu_;
  double rate_ ABSL_GUARDED_BY(mu_);
  double burst_ ABSL_GUARDED_BY(mu_);
  double tokens_ ABSL_GUARDED_BY(mu_);
  absl::Time last_ ABSL_GUARDED_BY(mu_);
};

}  // namespace switchboard

#endif  // SWITCHBOARD_TENANT_TOKEN_BUCKET_H_
