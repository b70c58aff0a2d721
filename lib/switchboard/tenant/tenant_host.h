// Copyright 2026 The Switchboard Authors.
//
// tenant_host.h: one process, many contact centres. A TenantHost creates,
// updates, removes and lists tenants (tenant.h), each an Engine with its
// own options, sealed off from the others. An embedder with one contact
// centre needs none of this and keeps using Engine directly.
//
//   TenantHost host;
//   TenantOptions a;
//   a.engine.config = ConfigOfA();
//   a.engine.classifier = model_a;
//   a.limits.calls_per_second = 200;
//   absl::StatusOr<std::shared_ptr<Tenant>> created =
//       host.CreateTenant("gemeente-a", std::move(a));
//
//   // Per call: find the tenant (a short shared lock), then call it.
//   absl::StatusOr<std::shared_ptr<Tenant>> t = host.Find("gemeente-a");
//   if (!t.ok()) return t.status();
//   absl::StatusOr<Decision> d = (*t)->Submit(contact);
//
//   TenantUpdate update;
//   update.reload = ReloadOptions{NewConfigOfA(), new_model_a, {}};
//   absl::Status s = host.UpdateTenant("gemeente-a", std::move(update));
//   absl::StatusOr<size_t> gone = host.DeleteTenant("gemeente-a", false);
//
// Errors (absl::Status, codes as in gRPC), each naming the tenant: a name
// outside [a-z0-9-]{1,63} is INVALID_ARGUMENT (tenant_name.h); an unknown
// tenant NOT_FOUND; creating one that exists ALREADY_EXISTS; a bad
// configuration (Engine::Create's or Engine::Reload's error) is refused
// for that tenant alone, prefixed "tenant NAME: ", and nothing changes;
// deleting a tenant that holds open contacts without `force` is
// FAILED_PRECONDITION naming how many.
//
// Thread-safe. Find takes the host's lock shared, for a moment (a
// shared_ptr copy): calls of different tenants are never serialized by the
// host. Create, update and delete are serialized among themselves (they
// may take long: a replay, a model) without holding the lookup lock.
// A tenant found just before it is deleted stays valid for its holder (the
// shared_ptr); its Admit then says NOT_FOUND.

#ifndef SWITCHBOARD_TENANT_TENANT_HOST_H_
#define SWITCHBOARD_TENANT_TENANT_HOST_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "switchboard/engine.h"
#include "switchboard/tenant/tenant.h"
#include "switchboard/tenant/tenant_name.h"

namespace switchboard {

// What UpdateTenant changes; unset parts stay.
struct TenantUpdate {
  // A new configuration (and models), swapped in atomically by
  // Engine::Reload: contacts keep their place and age.
  std::optional<ReloadOptions> reload;
  std::optional<TenantLimits> limits;
};

class TenantHost {
 public:
  TenantHost() = default;
  // Deletes every tenant (no abandonment events).
  ~TenantHost() = default;

  TenantHost(const TenantHost&) = delete;
  TenantHost& operator=(const TenantHost&) = delete;

  // Creates tenant `name` (see Tenant::Create: engine, journal replay) and
  // makes it findable. INVALID_ARGUMENT for a bad name, ALREADY_EXISTS when
  // it exists; otherwise the tenant's own errors. Other tenants serve on
  // throughout.
  absl::StatusOr<std::shared_ptr<Tenant>> CreateTenant(absl::string_view name,
                                                       TenantOptions options);

  // Applies `update` to tenant `name`: the limits are checked first, then
  // the configuration is reloaded; when either is refused, nothing changes.
  absl::Status UpdateTenant(absl::string_view name, TenantUpdate update);

  // Removes tenant `name`. With open contacts (waiting, offered or
  // accepted) and !force: FAILED_PRECONDITION "tenant T holds N open
  // contacts ..." and the tenant stays. With force, each is abandoned and
  // the tenant's listeners get a kAbandoned event with the detail "tenant
  // deleted". Returns how many were abandoned. The tenant's journal is
  // closed (its files stay; the caller decides what becomes of them) once
  // the last holder of the tenant lets go.
  absl::StatusOr<size_t> DeleteTenant(absl::string_view name, bool force);

  // The tenant: INVALID_ARGUMENT for a bad name, NOT_FOUND for an unknown.
  absl::StatusOr<std::shared_ptr<Tenant>> Find(absl::string_view name) const;

  // Names, sorted.
  std::vector<std::string> TenantNames() const;
  // Every tenant, sorted by name.
  std::vector<TenantInfo> ListTenants() const;
  size_t size() const;

  // Fires every tenant's due timers (Engine::Tick for each whose
  // NextDeadline has passed on its clock).
  void Tick();
  // The earliest NextDeadline of all tenants, or InfiniteFuture().
  absl::Time NextDeadline() const;

 private:
  std::vector<std::shared_ptr<Tenant>> Snapshot() const;

  absl::Mutex admin_mu_;  // Serializes create, update and delete.
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<Tenant>> tenants_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace switchboard

#endif  // SWITCHBOARD_TENANT_TENANT_HOST_H_
