// Copyright 2026 The Switchboard Authors.
//
// diagnostics_service.h: switchboard.v1.Diagnostics (callback API). Echo
// returns its payload and does nothing else: `switchboard loadgen` calls it
// next to Route to measure the ceiling of the gRPC stack on the machine.
// Any authenticated caller may call it (call_gate.h), so that the ceiling
// is measured with the same credential check as Route.

#ifndef SWITCHBOARD_SERVICES_SERVER_DIAGNOSTICS_SERVICE_H_
#define SWITCHBOARD_SERVICES_SERVER_DIAGNOSTICS_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "server/call_gate.h"
#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::server {

// Thread-safe. `gate` is not owned and must outlive the service.
class DiagnosticsService final : public v1::Diagnostics::CallbackService {
 public:
  explicit DiagnosticsService(CallGate* gate) : gate_(gate) {}

  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context,
                                 const v1::EchoRequest* request,
                                 v1::EchoResponse* response) override;

 private:
  CallGate* const gate_;
};

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_DIAGNOSTICS_SERVICE_H_
