// Copyright 2026 The Switchboard Authors.
//
// diagnostics_service.h: switchboard.v1.Diagnostics (callback API). Echo
// returns its payload and does nothing else: `switchboard loadgen` calls it
// next to Route to measure the ceiling of the gRPC stack on the machine.

#ifndef SWITCHBOARD_SERVICES_SERVER_DIAGNOSTICS_SERVICE_H_
#define SWITCHBOARD_SERVICES_SERVER_DIAGNOSTICS_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "switchboard/v1/service.grpc.pb.h"

namespace switchboard::server {

// Stateless; thread-safe.
class DiagnosticsService final : public v1::Diagnostics::CallbackService {
 public:
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context,
                                 const v1::EchoRequest* request,
                                 v1::EchoResponse* response) override;
};

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_DIAGNOSTICS_SERVICE_H_
