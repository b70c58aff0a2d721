// Copyright 2026 The Switchboard Authors.

#include "server/tenant_metadata.h"

#include "switchboard/tenant/tenant_name.h"

namespace switchboard::server {

std::string TenantOf(const grpc::ServerContextBase* context) {
  const auto& metadata = context->client_metadata();
  auto it = metadata.find(kTenantMetadataKey);
  if (it == metadata.end()) return std::string(kDefaultTenant);
  return std::string(it->second.data(), it->second.size());
}

absl::StatusOr<std::shared_ptr<ServedTenant>> FindTenant(
    const EngineHost& host, const grpc::ServerContextBase* context) {
  return host.Find(TenantOf(context));
}

absl::StatusOr<std::shared_ptr<ServedTenant>> AdmitTenant(
    const EngineHost& host, const grpc::ServerContextBase* context) {
  absl::StatusOr<std::shared_ptr<ServedTenant>> tenant =
      FindTenant(host, context);
  if (!tenant.ok()) return tenant;
  if (absl::Status s = (*tenant)->tenant().Admit(); !s.ok()) return s;
  return tenant;
}

}  // namespace switchboard::server
