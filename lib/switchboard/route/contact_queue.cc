// Copyright 2026 The Switchboard Authors.

#include "switchboard/route/contact_queue.h"

#include <algorithm>

namespace switchboard {
namespace {

constexpr double kNsPerMinute = 60e9;

}  // namespace

QueueEntry QueueEntry::Make(int priority, absl::Time enqueued,
                            double aging_per_minute, uint64_t seq,
                            uint32_t contact) {
  QueueEntry e;
  e.enqueued_ns = absl::ToUnixNanos(enqueued);
  e.seq = seq;
  e.contact = contact;
  e.key = priority - aging_per_minute * (e.enqueued_ns / kNsPerMinute);
  return e;
}

QueueEntry QueueEntry::WithPriority(int priority,
                                    double aging_per_minute) const {
  QueueEntry e = *this;
  e.key = priority - aging_per_minute * (enqueued_ns / kNsPerMinute);
  return e;
}

double QueueEntry::EffectivePriority(absl::Time now,
                                     double aging_per_minute) const {
  return key + aging_per_minute * (absl::ToUnixNanos(now) / kNsPerMinute);
}

absl::Time ContactQueue::OldestEnqueue() const {
  int64_t oldest = INT64_MAX;
  for (const QueueEntry& e : entries_) oldest = std::min(oldest, e.enqueued_ns);
  return oldest == INT64_MAX ? absl::InfiniteFuture()
                             : absl::FromUnixNanos(oldest);
}

}  // namespace switchboard
