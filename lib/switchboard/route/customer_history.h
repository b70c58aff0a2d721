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
//   std::vector<EarlierContact> earlier = history.Earlier(key, now, 10);
//   history.Add(key, {.contact_id = "c-17", .received = now, ...});
//
// Thread-safe: customers are spread over shards, each with its own lock.

#ifndef SWITCHBOARD_ROUTE_CUSTOMER_HISTORY_H_
#define SWITCHBOARD_ROUTE_CUSTOMER_HISTORY_H_

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
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
  // `window`: how long a contact is remembered (InfiniteDuration(): for
  // ever).
  explicit CustomerHistory(absl::Duration window) : window_(window) {}
  CustomerHistory(const CustomerHistory&) = delete;
  CustomerHistory& operator=(const CustomerHistory&) = delete;

  // A new window applies from the next call (a configuration reload).
  void set_window(absl::Duration window);
  absl::Duration window() const;

  // The contacts of customer `key` received within the window before `now`
  // (received > now - window), newest first, at most `max`. Empty for key
  // 0 (no customer reference).
  std::vector<EarlierContact> Earlier(uint64_t key, absl::Time now,
                                      size_t max) const;

  // Remembers a contact of customer `key` (ignored for key 0) and forgets
  // that customer's contacts that have left the window at `contact.received`.
  // Every 1,024 calls one shard is swept of customers whose contacts have
  // all left the window, so memory follows the customers seen within it.
  void Add(uint64_t key, EarlierContact contact);

  // Records the outcome of a remembered contact; false when it is not
  // (anymore) in the history.
  bool SetOutcome(uint64_t key, absl::string_view contact_id, Outcome outcome);

  // Forgets every contact received at or before now - window; returns how
  // many.
  size_t Prune(absl::Time now);

  // Customers with at least one remembered contact.
  size_t customers() const;

 private:
  struct Shard {
    mutable absl::Mutex mu;
    absl::flat_hash_map<uint64_t, std::deque<EarlierContact>> by_customer
        ABSL_GUARDED_BY(mu);
  };
  static constexpr size_t kShards = 64;
  Shard& ShardFor(uint64_t key) const { return shards_[(key >> 7) % kShards]; }
  size_t PruneShard(Shard& shard, absl::Time now) const;
  absl::Time Cutoff(absl::Time now) const;

  mutable absl::Mutex window_mu_;
  absl::Duration window_ ABSL_GUARDED_BY(window_mu_);
  std::atomic<uint64_t> adds_{0};
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_ROUTE_CUSTOMER_HISTORY_H_
