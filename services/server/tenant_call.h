// Copyright 2026 The Switchboard Authors.
//
// tenant_call.h: the shape of every unary call on a tenant. The call's
// tenant is admitted first (AdmitTenant: NOT_FOUND, INVALID_ARGUMENT or
// RESOURCE_EXHAUSTED naming it), then the request is parsed and handled as
// FinishRawUnary does; a call that changes something is acknowledged once
// its change is durable in that tenant's journal.
//
//   return FinishTenantUnary<v1::AcceptRequest, v1::AcceptResponse>(
//       *host_, context, *request, response, TenantCall::kChanges,
//       [&](ServedTenant& t, const v1::AcceptRequest& r, v1::AcceptResponse*) {
//         return t.engine().Accept(r.contact_id(), r.agent_id());
//       });

#ifndef SWITCHBOARD_SERVICES_SERVER_TENANT_CALL_H_
#define SWITCHBOARD_SERVICES_SERVER_TENANT_CALL_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "absl/status/statusor.h"
#include "server/engine_host.h"
#include "server/raw_message.h"
#include "server/tenant_metadata.h"
#include "server/unary_call.h"

namespace switchboard::server {

enum class TenantCall {
  kReads,    // Answered at once.
  kChanges,  // Answered once the change is durable (durability.h).
};

template <typename Request, typename Response, typename Handle>
grpc::ServerUnaryReactor* FinishTenantUnary(const EngineHost& host,
                                            grpc::CallbackServerContext* context,
                                            const grpc::ByteBuffer& request,
                                            grpc::ByteBuffer* response,
                                            TenantCall kind, Handle handle) {
  absl::StatusOr<std::shared_ptr<ServedTenant>> tenant =
      AdmitTenant(host, context);
  if (!tenant.ok()) return FinishUnary(context, tenant.status());
  ServedTenant& t = **tenant;
  return FinishRawUnary<Request, Response>(
      context, request, response,
      [&](const Request& r, Response* out) { return handle(t, r, out); },
      kind == TenantCall::kChanges ? &t.durability() : nullptr);
}

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_TENANT_CALL_H_
