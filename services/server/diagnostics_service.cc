// Copyright 2026 The Switchboard Authors.

#include "server/diagnostics_service.h"

#include "absl/status/status.h"
#include "server/unary_call.h"

namespace switchboard::server {

grpc::ServerUnaryReactor* DiagnosticsService::Echo(
    grpc::CallbackServerContext* context, const v1::EchoRequest* request,
    v1::EchoResponse* response) {
  absl::StatusOr<Caller> caller =
      gate_->Admit(context, auth::Method::kEcho, /*tenant=*/"");
  if (!caller.ok()) return FinishUnary(context, caller.status());
  // No deadline check: a ceiling measures the stack alone, and an echo
  // changes nothing that a late answer could get wrong.
  response->set_payload(request->payload());
  return FinishUnary(context, absl::OkStatus());
}

}  // namespace switchboard::server
