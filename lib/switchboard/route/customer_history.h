// Copyright 2026 The Switchboard Authors.
//
// customer_history.h: the engine's memory of each customer's recent
// contacts, for repeat-contact detection and the dissatisfaction risk.
// Customers are known only by a keyed hash of their reference
// (util/siphash.h), never the reference itself; what is kept per contact
// is its id, when it came, where it went, its type and (once resolved) its
// outcome. Entries older than the window are dropped (data minimisation:
// the history is kept exactly as long as it is needed to recognise a
// repeat contact).
//
//   CustomerHistory history(absl::Hours(24 * 30));
//   std::vector<EarlierContact> earlier = history.Earlier(key, now);
//   history.Add(key, {.contact_id = "c-17", .received = now, ...});
//
// Bounded per customer. A decision needs whether the customer contacted
// before, how many of those contacts were on the same matter, whether one
// was resolved against the customer, and the ids of the newest few; it
// does not need the customer's whole past. So the history keeps, per
// customer, only
//   - the newest kMaxRemembered (16) contacts within the window, and
//   - the newest contact within the window resolved against the customer
//     (Outcome::kUnfavourable) when it is older than those 16,
// that is at most kMaxEarlier (17) contacts. What a decision costs and
// what a customer holds in memory are then the same whether the customer
// sent 3 contacts or a million (ApproximateMemoryUsage(); contact ids are
// at most kMaxContactIdBytes). Consequences, for a customer with more than
// 16 contacts within the window: the count of earlier contacts (and of
// those on the same matter) stops at 17, and an outcome can no longer be
// recorded for a contact that has fallen out of the newest 16 unless it is
// unfavourable (SetOutcome). Both are far above what the configuration
// acts on: the risk counts at most repeat_max / repeat (2) contacts on the
// same matter, and the decision links repeat_contact.max_linked (10).
//
// Thread-safe: customers are spread over shards, each with its own lock;
// one customer's contacts hold only its shard's lock, and only for a
// bounded time.

#ifndef SWITCHBOARD_ROUTE_CUSTOMER_HISTORY_H_
#define SWITCHBOARD_ROUTE_CUSTOMER_HISTORY_H_

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "switchboard/classify/contact_type.h"
#include "switchboard/events/event.h"

namespace switchboard {

struct EarlierContact {
  std::string contact_id;
  absl::Time received;
  std::string department;  // Where it was routed ("" for none).
  ContactType type = ContactType::kQuestion;
  std::optional<Outcome> outcome;  // Once resolved.
};

class CustomerHistory {
 public:
  // The newest contacts remembered per customer.
  static constexpr size_t kMaxRemembered = 16;
  // The most Earlier() returns: those, plus the newest contact resolved
  // against the customer when it is older than all of them.
  static constexpr size_t kMaxEarlier = kMaxRemembered + 1;

  // `window`: how long a contact is remembered (InfiniteDuration(): for
  // ever).
  explicit CustomerHistory(absl::Duration window);
  CustomerHistory(const CustomerHistory&) = delete;
  CustomerHistory& operator=(const CustomerHistory&) = delete;

  // A new window applies from the next call (a configuration reload).
  void set_window(absl::Duration window);
  absl::Duration window() const;

  // The remembered contacts of customer `key` received within the window
  // before `now` (now - window < received <= now), newest first, at most
  // `max` (and never more than kMaxEarlier). Empty for key 0 (no customer
  // reference). Costs O(kMaxEarlier) at most, whatever the customer sent.
  std::vector<EarlierContact> Earlier(uint64_t key, absl::Time now,
                                      size_t max = kMaxEarlier) const;

  // Remembers a contact of customer `key` (ignored for key 0) and forgets
  // that customer's contacts that have left the window at
  // `contact.received`, and the oldest of its remembered contacts beyond
  // kMaxRemembered (one resolved unfavourably is kept as above). A contact
  // older than all kMaxRemembered remembered ones is not remembered.
  // Every 1,024 calls one shard is swept of customers whose contacts have
  // all left the window, so memory follows the customers seen within it.
  void Add(uint64_t key, EarlierContact contact);

  // Records `resolved.outcome` for the remembered contact
  // `resolved.contact_id` of customer `key`. A contact that is no longer
  // remembered because the customer sent kMaxRemembered newer ones (it is
  // older than all remembered contacts) is remembered again, from
  // `resolved`, when its outcome is unfavourable and it is newer than the
  // unfavourable one kept so far. Returns false when the outcome was not
  // recorded: no such contact remembered (or it left the window), key 0,
  // or no outcome in `resolved`.
  bool SetOutcome(uint64_t key, const EarlierContact& resolved);

  // Forgets every contact received at or before now - window; returns how
  // many.
  size_t Prune(absl::Time now);

  // Customers with at least one remembered contact.
  size_t customers() const;
  // Contacts remembered, over all customers (at most kMaxEarlier each).
  size_t contacts() const;
  // The bytes the history holds: the shards' tables, the remembered
  // contacts and their strings (an estimate of the allocator's view: it
  // counts what is asked of it, not its overhead). Per customer at most
  // sizeof(Customer) + kMaxEarlier * (sizeof(EarlierContact) + the
  // lengths of the contact id and department + 2).
  size_t ApproximateMemoryUsage() const;

 private:
  // What is remembered of one customer.
  struct Customer {
    // The newest contacts within the window, oldest first (in order of
    // receipt), at most kMaxRemembered. Most customers write once or
    // twice: the first is kept inline, without an allocation.
    absl::InlinedVector<EarlierContact, 1> newest;
    // The newest contact resolved unfavourably that is older than all of
    // `newest`, or null.
    std::unique_ptr<EarlierContact> unfavourable;

    bool empty() const { return newest.empty() && unfavourable == nullptr; }
    size_t size() const { return newest.size() + (unfavourable ? 1 : 0); }
    // Forgets contacts received at or before `cutoff`; returns how many.
    size_t Forget(absl::Time cutoff);
    // Drops newest[0], keeping it in `unfavourable` when it qualifies.
    void Evict();
  };
  struct Shard {
    mutable absl::Mutex mu;
    absl::flat_hash_map<uint64_t, Customer> by_customer ABSL_GUARDED_BY(mu);
  };
  static constexpr size_t kShards = 64;
  Shard& ShardFor(uint64_t key) const { return shards_[(key >> 7) % kShards]; }
  size_t PruneShard(Shard& shard, absl::Time now) const;
  absl::Time Cutoff(absl::Time now) const;

  // The window in nanoseconds, kInfiniteWindow for none: read on every
  // call, so an atomic rather than a lock.
  static constexpr int64_t kInfiniteWindow = INT64_MAX;
  std::atomic<int64_t> window_ns_;
  std::atomic<uint64_t> adds_{0};
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_ROUTE_CUSTOMER_HISTORY_H_
