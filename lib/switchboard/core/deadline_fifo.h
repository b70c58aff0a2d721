// Copyright 2026 The Switchboard Authors.

// The routing core's timers: deadlines of one kind in time order.

#ifndef SWITCHBOARD_CORE_DEADLINE_FIFO_H_
#define SWITCHBOARD_CORE_DEADLINE_FIFO_H_

#include <algorithm>
#include <cstdint>
#include <deque>

#include "absl/time/time.h"

namespace switchboard {
namespace core {

// A pending deadline for one contact. `life` and `gen` must still match the
// record when it comes due; otherwise the deadline was cancelled (the
// contact moved on) and is dropped.
struct Deadline {
  absl::Time at;
  uint32_t contact;
  uint32_t life;
  uint32_t gen;
};

// Deadlines of one kind in time order. Each kind adds a constant delay to
// "now" or to the contact's first queueing, so entries nearly always arrive
// in order (an O(1) push at the back); the rare one that does not (a
// transferred contact keeps its age) is inserted in place. Cancelled entries
// are dropped lazily when they reach the front.
class DeadlineFifo {
 public:
  void Insert(const Deadline& d) {
    if (q_.empty() || d.at >= q_.back().at) {
      q_.push_back(d);
      return;
    }
    auto pos = std::upper_bound(
        q_.begin(), q_.end(), d.at,
        [](absl::Time t, const Deadline& e) { return t < e.at; });
    q_.insert(pos, d);
  }
  bool empty() const { return q_.empty(); }
  const Deadline& front() const { return q_.front(); }
  void pop() { q_.pop_front(); }

 private:
  std::deque<Deadline> q_;
};

}  // namespace core
}  // namespace switchboard

#endif  // SWITCHBOARD_CORE_DEADLINE_FIFO_H_
