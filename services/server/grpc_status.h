// Copyright 2026 The Switchboard Authors.
//
// grpc_status.h: absl::Status <-> grpc::Status. The library's codes are the
// gRPC codes (both follow google.rpc.Code), so the mapping is one to one and
// the message is kept as it is.

#ifndef SWITCHBOARD_SERVICES_SERVER_GRPC_STATUS_H_
#define SWITCHBOARD_SERVICES_SERVER_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace switchboard::server {

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_GRPC_STATUS_H_
