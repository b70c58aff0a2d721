// Copyright 2026 The Switchboard Authors.
//
// tenant.h: one contact centre in a host of many (tenant_host.h). A Tenant
// is an Engine (its own configuration, models, queues, agents, contacts,
// customer-pseudonym key, statistics, clock) plus what the host adds
// around it: its name, its own journal (created, replayed and owned here),
// the contacts it holds open, and its limits.
//
//   absl::StatusOr<std::shared_ptr<Tenant>> t = host.Find("gemeente-a");
//   if (!t.ok()) return t.status();                  // NOT_FOUND, naming it
//   absl::StatusOr<Decision> d = (*t)->Submit(contact);  // limits applied
//   // Other calls: admit first (the calls-per-second limit), then the
//   // engine itself.
//   if (absl::Status s = (*t)->Admit(); !s.ok()) return s;
//   (*t)->engine().Accept(contact.id, "agent-1");
//
// Limits (TenantLimits, 0 = none): calls per second, a token bucket on the
// tenant's clock (Admit; Submit admits itself); and open contacts held
// (waiting, offered or accepted): a Submit that would hold more is refused.
// Both refusals are RESOURCE_EXHAUSTED naming the tenant and the limit,
// and change nothing.
//
// Nothing crosses tenants: each has its own Engine, so a contact id, agent
// id or customer reference of one is unknown (NOT_FOUND) to another.
//
// Thread-safe. Calls of one tenant never take a lock of another.

#ifndef SWITCHBOARD_TENANT_TENANT_H_
#define SWITCHBOARD_TENANT_TENANT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "switchboard/engine.h"
#include "switchboard/journal/journal.h"
#include "switchboard/tenant/token_bucket.h"

namespace switchboard {

// What one tenant may do. 0 means no limit.
struct TenantLimits {
  // Open contacts (waiting, offered or accepted) the tenant holds at most.
  // A Submit beyond it is refused (RESOURCE_EXHAUSTED); a contact the
  // tenant holds already, submitted again, still gets its decision back.
  // Call-back tasks the engine makes itself count as held but are never
  // refused. Default 0: no limit.
  int64_t max_open_contacts = 0;
  // Calls per second (Admit, and Submit), on the tenant's clock. Default
  // 0: no limit.
  double calls_per_second = 0;
  // Calls allowed at once after a quiet spell (the bucket's size). Default
  // 0: one second's worth (calls_per_second), at least 1.
  double burst = 0;
};

// OK, or INVALID_ARGUMENT naming the negative (or not finite) field.
absl::Status ValidateTenantLimits(const TenantLimits& limits);

// How a tenant is made (TenantHost::CreateTenant).
struct TenantOptions {
  // The tenant's engine: configuration, classifier, type model, customer
  // key, clock (also the clock of its limits) and the rest, as for
  // Engine::Create. REQUIRES: engine.journal is null (a tenant's journal
  // is `journal` below, which the tenant owns).
  EngineOptions engine;
  // The tenant's own journal, or unset: nothing durable. With one, the
  // journal is created with these options (its text retention from the
  // configuration), replayed into the engine before the tenant serves
  // (crash recovery), and owned by the tenant.
  std::optional<journal::JournalOptions> journal;
  TenantLimits limits;
};

// What a tenant's journal gave back when the tenant was created.
struct TenantRecovery {
  std::string dir;
  uint64_t replayed_records = 0;
  uint64_t replay_errors = 0;  // Records this configuration could not apply.
  uint64_t cut_bytes = 0;      // A torn or damaged tail, cut.
  std::vector<std::string> problems;  // At most 20 replay errors, and cuts.
  absl::Duration replay_time;
};

// A tenant as ListTenants reports it.
struct TenantInfo {
  std::string name;
  EngineInfo engine;
  TenantLimits limits;
  size_t open_contacts = 0;
  uint64_t refused_calls = 0;     // Over calls_per_second, since creation.
  uint64_t refused_contacts = 0;  // Over max_open_contacts, since creation.
  std::optional<TenantRecovery> journal;  // Without a journal: none.
};

class Tenant {
 public:
  // Creates the engine (Engine::Create's errors), installs the tenant's
  // own listener, and with a journal opens and replays it (the journal's
  // errors). Errors are prefixed "tenant NAME: ". The name is not checked
  // here (TenantHost does).
  static absl::StatusOr<std::unique_ptr<Tenant>> Create(std::string name,
                                                        TenantOptions options);

  ~Tenant();
  Tenant(const Tenant&) = delete;
  Tenant& operator=(const Tenant&) = delete;

  const std::string& name() const { return name_; }
  // The tenant's engine, with no limit applied. Valid while the Tenant is.
  Engine& engine() const { return *engine_; }
  // The tenant's journal, null without one.
  journal::Journal* journal() const { return journal_.get(); }
  const std::optional<TenantRecovery>& recovery() const { return recovery_; }

  // Admits one call: RESOURCE_EXHAUSTED "tenant T: over its limit of N
  // calls per second" when the bucket is empty; NOT_FOUND once the tenant
  // is deleted (a call that found it just before).
  absl::Status Admit();

  // Admit, the open-contacts limit, then Engine::Submit.
  absl::StatusOr<Decision> Submit(const Contact& contact);

  // Contacts waiting, offered or accepted now.
  size_t open_contacts() const;
  // Their ids (unordered).
  std::vector<std::string> OpenContactIds() const;

  TenantLimits limits() const;
  // INVALID_ARGUMENT (ValidateTenantLimits) and nothing changes.
  absl::Status SetLimits(const TenantLimits& limits);

  // Every event of the tenant's engine, as Engine::AddListener (called
  // under the engine's lock: queue, never call back), plus the
  // abandonments of a forced deletion (TenantHost::DeleteTenant), whose
  // detail is "tenant deleted".
  void AddListener(EventListener listener);

  TenantInfo Info() const;

 private:
  friend class TenantHost;

  Tenant(std::string name, Clock* clock, const TenantLimits& limits);
  void OnEvent(const Event& event);
  void Notify(const Event& event);
  // TenantHost::DeleteTenant: refuse calls from now on / again.
  void set_deleted(bool deleted) { deleted_.store(deleted); }
  // Abandons every open contact (the events say "tenant deleted"); returns
  // how many.
  size_t AbandonAll();

  const std::string name_;
  Clock* const clock_;
  TokenBucket bucket_;
  std::atomic<bool> deleted_{false};
  std::atomic<bool> deleting_{false};  // Events get "tenant deleted".
  std::atomic<int64_t> max_open_{0};
  std::atomic<int64_t> submitting_{0};  // Submits past the limit check.
  std::atomic<uint64_t> refused_calls_{0};
  std::atomic<uint64_t> refused_contacts_{0};

  mutable absl::Mutex limits_mu_;
  TenantLimits limits_ ABSL_GUARDED_BY(limits_mu_);

  mutable absl::Mutex open_mu_;
  absl::flat_hash_set<std::string> open_ ABSL_GUARDED_BY(open_mu_);
  std::atomic<int64_t> open_count_{0};

  mutable absl::Mutex listeners_mu_;
  std::vector<EventListener> listeners_ ABSL_GUARDED_BY(listeners_mu_);

  std::optional<TenantRecovery> recovery_;
  // Declared last but one and last: the engine (which calls OnEvent) goes
  // first, then its journal.
  std::unique_ptr<journal::Journal> journal_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace switchboard

#endif  // SWITCHBOARD_TENANT_TENANT_H_
