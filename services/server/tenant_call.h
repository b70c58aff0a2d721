// Copyright 2026 The Switchboard Authors.
//
// tenant_call.h: the shape of every unary call on a tenant. The caller is
// let in by the gate first (call_gate.h: UNAUTHENTICATED, PERMISSION_DENIED
// or RESOURCE_EXHAUSTED), then the call's tenant is admitted (AdmitTenant:
// NOT_FOUND, INVALID_ARGUMENT or RESOURCE_EXHAUSTED naming it), then the
// request is parsed, an agent credential is held to its own agent id (the
// request's agent_id, or agent.id), and the call is handled as
// FinishRawUnary does; a call that changes something is acknowledged once
// its change is durable in that tenant's journal.
//
//   return FinishTenantUnary<v1::AcceptRequest, v1::AcceptResponse>(
//       *host_, *gate_, auth::Method::kAccept, context, *request, response,
//       TenantCall::kChanges,
//       [&](ServedTenant& t, const v1::AcceptRequest& r, v1::AcceptResponse*) {
//         return t.engine().Accept(r.contact_id(), r.agent_id());
//       });

#ifndef SWITCHBOARD_SERVICES_SERVER_TENANT_CALL_H_
#define SWITCHBOARD_SERVICES_SERVER_TENANT_CALL_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "auth/role.h"
#include "server/call_gate.h"
#include "server/engine_host.h"
#include "server/raw_message.h"
#include "server/tenant_metadata.h"
#include "server/unary_call.h"
#include "switchboard/events/acting.h"

namespace switchboard::server {

enum class TenantCall {
  kReads,    // Answered at once.
  kChanges,  // Answered once the change is durable (durability.h).
};

// The agent a request acts for: its agent_id, or its agent's id; empty for
// requests about no agent.
template <typename Request>
absl::string_view AgentIdOf(const Request& r) {
  if constexpr (requires { r.agent_id(); }) {
    return r.agent_id();
  } else if constexpr (requires { r.agent().id(); }) {
    return r.agent().id();
  } else {
    return {};
  }
}

template <typename Request, typename Response, typename Handle>
grpc::ServerUnaryReactor* FinishTenantUnary(
    const EngineHost& host, CallGate& gate, auth::Method method,
    grpc::CallbackServerContext* context, const grpc::ByteBuffer& request,
    grpc::ByteBuffer* response, TenantCall kind, Handle handle) {
  absl::StatusOr<Caller> caller =
      gate.Admit(context, method, TenantOf(context));
  if (!caller.ok()) return FinishUnary(context, caller.status());
  absl::StatusOr<std::shared_ptr<ServedTenant>> tenant =
      AdmitTenant(host, context);
  if (!tenant.ok()) return FinishUnary(context, tenant.status());
  ServedTenant& t = **tenant;
  return FinishRawUnary<Request, Response>(
      context, request, response,
      [&](const Request& r, Response* out) {
        if (auth::IsAgentMethod(method)) {
          if (absl::Status s = CallGate::AuthorizeAgent(*caller, AgentIdOf(r));
              !s.ok()) {
            return s;
          }
        }
        // Every change the handler makes is the caller's (audit trail).
        ActingAs acting(caller->principal());
        return handle(t, r, out);
      },
      kind == TenantCall::kChanges ? &t.durability() : nullptr);
}

// What a stream (RouteStream, StreamOffers) holds while open: its caller,
// its tenant and its place under the stream limits.
struct AdmittedStream {
  Caller caller;
  std::shared_ptr<ServedTenant> tenant;
  StreamSlot slot;
};

// The gate, then the tenant (FindTenant; AdmitTenant, which also takes a
// call from the tenant's rate, when `take_call`), then a stream slot.
inline absl::StatusOr<AdmittedStream> AdmitStream(
    const EngineHost& host, CallGate& gate, auth::Method method,
    const grpc::CallbackServerContext* context, bool take_call) {
  const std::string name = TenantOf(context);
  absl::StatusOr<Caller> caller = gate.Admit(context, method, name);
  if (!caller.ok()) return caller.status();
  absl::StatusOr<std::shared_ptr<ServedTenant>> tenant =
      take_call ? AdmitTenant(host, context) : FindTenant(host, context);
  if (!tenant.ok()) return tenant.status();
  absl::StatusOr<StreamSlot> slot = gate.OpenStream(context, name);
  if (!slot.ok()) return slot.status();
  return AdmittedStream{*std::move(caller), *std::move(tenant),
                        *std::move(slot)};
}

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_TENANT_CALL_H_
