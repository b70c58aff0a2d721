// Copyright 2026 The Switchboard Authors.

#include "switchboard/clock.h"

namespace switchboard {
namespace {

class RealClock : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

}  // namespace

Clock* SystemClock() {
  static RealClock* clock = new RealClock;
  return clock;
}

}  // namespace switchboard
