// Copyright 2026 The Switchboard Authors.
//
// clock.h: time, injected. The engine never reads the system clock itself:
// it asks a Clock, so that tests drive queue aging, SLA deadlines,
// escalation and offer timeouts to the millisecond with a FakeClock, without
// sleeping.
//
// Timers are the engine's own (a deadline heap); whoever owns the engine
// calls Engine::Tick() when Engine::NextDeadline() has passed — a test after
// FakeClock::Advance(), the gRPC service from an Asio timer.

#ifndef SWITCHBOARD_CLOCK_H_
#define SWITCHBOARD_CLOCK_H_

#include <atomic>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace switchboard {

// Thread-safe source of the current time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// The real wall clock. A process-wide singleton; never deleted.
Clock* SystemClock();

// A clock that moves only when told to. Thread-safe.
class FakeClock : public Clock {
 public:
  explicit FakeClock(absl::Time start = absl::FromUnixSeconds(1'767'225'600))
      : now_ns_(absl::ToUnixNanos(start)) {}

  absl::Time Now() const override {
    return absl::FromUnixNanos(now_ns_.load(std::memory_order_acquire));
  }
  void Advance(absl::Duration d) {
    now_ns_.fetch_add(absl::ToInt64Nanoseconds(d), std::memory_order_acq_rel);
  }
  void Set(absl::Time t) {
    now_ns_.store(absl::ToUnixNanos(t), std::memory_order_release);
  }

 private:
  std::atomic<int64_t> now_ns_;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_CLOCK_H_
