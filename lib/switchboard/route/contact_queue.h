// Copyright 2026 The Switchboard Authors.
//
// contact_queue.h: one queue of waiting contacts, ordered by effective
// priority: priority + aging_per_minute x minutes waited (as Genesys and
// mod_callcenter age their queues), then by age.
//
// With one aging rate, the order of two waiting contacts never changes as
// time passes (both age equally), so the effective priority need not be
// recomputed: each entry's key is priority - rate x enqueue time, fixed at
// enqueue. A contact that goes back to the queue (rejected offer, timeout)
// or moves to another queue (transfer, overflow) keeps its entry, and so its
// original age and place.
//
// Not thread-safe: the engine guards it.

#ifndef SWITCHBOARD_ROUTE_CONTACT_QUEUE_H_
#define SWITCHBOARD_ROUTE_CONTACT_QUEUE_H_

#include <cstdint>

#include "absl/container/btree_set.h"
#include "absl/time/time.h"

namespace switchboard {

// A contact's place in line. Compared: higher key first, then earlier
// enqueue, then lower sequence number.
struct QueueEntry {
  double key = 0;
  int64_t enqueued_ns = 0;  // When the contact first entered any queue.
  uint64_t seq = 0;         // Tie-breaker, unique per engine.
  uint32_t contact = 0;     // The engine's index of the contact.

  // An entry for a contact first queued at `enqueued` with `priority`.
  static QueueEntry Make(int priority, absl::Time enqueued,
                         double aging_per_minute, uint64_t seq,
                         uint32_t contact);
  // The same contact's entry with a new priority, keeping its age.
  QueueEntry WithPriority(int priority, double aging_per_minute) const;

  // Effective priority at `now` (for display and tests).
  double EffectivePriority(absl::Time now, double aging_per_minute) const;

  bool operator<(const QueueEntry& o) const {
    if (key != o.key) return key > o.key;
    if (enqueued_ns != o.enqueued_ns) return enqueued_ns < o.enqueued_ns;
    return seq < o.seq;
  }
  bool operator==(const QueueEntry& o) const { return seq == o.seq; }
};

class ContactQueue {
 public:
  using Set = absl::btree_set<QueueEntry>;
  using const_iterator = Set::const_iterator;

  void Push(const QueueEntry& e) { entries_.insert(e); }
  // False when `e` is not in the queue.
  bool Erase(const QueueEntry& e) { return entries_.erase(e) > 0; }
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  // Best first.
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }
  const QueueEntry& front() const { return *entries_.begin(); }

  // The earliest enqueue time among waiting entries (the oldest wait), or
  // InfiniteFuture when empty. O(n): for statistics, not the hot path.
  absl::Time OldestEnqueue() const;

 private:
  Set entries_;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_ROUTE_CONTACT_QUEUE_H_
