// Copyright 2026 The Switchboard Authors.

#include "switchboard/tenant/tenant_host.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace switchboard {
absl::StatusOr<std::shared_ptr<Tenant>> TenantHost::CreateTenant(
    absl::string_view name, TenantOptions options) {
  if (absl::Status s = ValidateTenantName(name); !s.ok()) return s;
  absl::MutexLock admin(&admin_mu_);
  {
    absl::ReaderMutexLock lock(&mu_);
    if (tenants_.contains(name)) {
      return absl::AlreadyExistsError(
          absl::StrCat("tenant ", name, " exists already"));
    }
  }
  // Outside mu_: a replay or a large configuration takes a while, and the
  // other tenants' calls go on.
  absl::StatusOr<std::unique_ptr<Tenant>> created =
      Tenant::Create(std::string(name), std::move(options));
  if (!created.ok()) return created.status();
  std::shared_ptr<Tenant> tenant = *std::move(created);
  absl::MutexLock lock(&mu_);
  tenants_.emplace(std::string(name), tenant);
  return tenant;
}

absl::Status TenantHost::UpdateTenant(absl::string_view name,
                                      TenantUpdate update) {
  absl::MutexLock admin(&admin_mu_);
  absl::StatusOr<std::shared_ptr<Tenant>> tenant = Find(name);
  if (!tenant.ok()) return tenant.status();
  if (update.limits) {
    if (absl::Status s = ValidateTenantLimits(*update.limits); !s.ok()) {
      return TenantError(name, s);
    }
  }
  if (update.reload) {
    const absl::Duration text_retention =
        update.reload->config.retention.contact_text;
    if (absl::Status s = (*tenant)->engine().Reload(*std::move(update.reload));
        !s.ok()) {
      return TenantError(name, s);
    }
    if ((*tenant)->journal() != nullptr) {
      (*tenant)->journal()->set_text_retention(text_retention);
    }
  }
  if (update.limits) return (*tenant)->SetLimits(*update.limits);
  return absl::OkStatus();
}

absl::StatusOr<size_t> TenantHost::DeleteTenant(absl::string_view name,
                                                bool force) {
  absl::MutexLock admin(&admin_mu_);
  absl::StatusOr<std::shared_ptr<Tenant>> tenant = Find(name);
  if (!tenant.ok()) return tenant.status();
  // Refuse new calls first, so that none adds a contact after the count.
  (*tenant)->set_deleted(true);
  const size_t open = (*tenant)->open_contacts();
  if (open > 0 && !force) {
    (*tenant)->set_deleted(false);
    return absl::FailedPreconditionError(absl::StrCat(
        "tenant ", name, " holds ", open,
        " open contacts (waiting, offered or accepted); resolve or abandon "
        "them, or delete with force to abandon them"));
  }
  {
    absl::MutexLock lock(&mu_);
    tenants_.erase(name);
  }
  return force ? (*tenant)->AbandonAll() : 0;
}

absl::StatusOr<std::shared_ptr<Tenant>> TenantHost::Find(
    absl::string_view name) const {
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = tenants_.find(name);
    if (it != tenants_.end()) return it->second;
  }
  // Only the unknown pay for the check.
  if (absl::Status s = ValidateTenantName(name); !s.ok()) return s;
  return absl::NotFoundError(absl::StrCat("tenant ", name, " not found"));
}

std::vector<std::shared_ptr<Tenant>> TenantHost::Snapshot() const {
  std::vector<std::shared_ptr<Tenant>> all;
  {
    absl::ReaderMutexLock lock(&mu_);
    all.reserve(tenants_.size());
    for (const auto& [name, tenant] : tenants_) all.push_back(tenant);
  }
  std::sort(all.begin(), all.end(),
            [](const std::shared_ptr<Tenant>& a,
               const std::shared_ptr<Tenant>& b) {
              return a->name() < b->name();
            });
  return all;
}

std::vector<std::string> TenantHost::TenantNames() const {
  std::vector<std::string> names;
  for (const auto& t : Snapshot()) names.push_back(t->name());
  return names;
}

std::vector<TenantInfo> TenantHost::ListTenants() const {
  std::vector<TenantInfo> infos;
  for (const auto& t : Snapshot()) infos.push_back(t->Info());
  return infos;
}

size_t TenantHost::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return tenants_.size();
}

void TenantHost::Tick() {
  for (const auto& t : Snapshot()) {
    if (t->engine().NextDeadline() <= t->clock_->Now()) t->engine().Tick();
  }
}

absl::Time TenantHost::NextDeadline() const {
  absl::Time next = absl::InfiniteFuture();
  for (const auto& t : Snapshot()) {
    next = std::min(next, t->engine().NextDeadline());
  }
  return next;
}

}  // namespace switchboard
