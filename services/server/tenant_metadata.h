// Copyright 2026 The Switchboard Authors.
//
// tenant_metadata.h: which tenant a call is for. Every call names its
// tenant in the gRPC metadata key `x-switchboard-tenant`; a call without
// it is for the tenant "default", so that single-tenant clients change
// nothing.
//
//   absl::StatusOr<std::shared_ptr<ServedTenant>> t =
//       host->Find(TenantOf(context));

#ifndef SWITCHBOARD_SERVICES_SERVER_TENANT_METADATA_H_
#define SWITCHBOARD_SERVICES_SERVER_TENANT_METADATA_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/engine_host.h"

namespace switchboard::server {

inline constexpr char kTenantMetadataKey[] = "x-switchboard-tenant";

// The first value of x-switchboard-tenant, or "default" without one.
std::string TenantOf(const grpc::ServerContextBase* context);

// The call's tenant: INVALID_ARGUMENT for a bad name, NOT_FOUND for an
// unknown one.
absl::StatusOr<std::shared_ptr<ServedTenant>> FindTenant(
    const EngineHost& host, const grpc::ServerContextBase* context);

// FindTenant, then Tenant::Admit (the calls-per-second limit:
// RESOURCE_EXHAUSTED naming the tenant and the limit).
absl::StatusOr<std::shared_ptr<ServedTenant>> AdmitTenant(
    const EngineHost& host, const grpc::ServerContextBase* context);

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_TENANT_METADATA_H_
