// Copyright 2026 The Switchboard Authors.
//
// unary_call.h: what every unary handler of the services does: refuse a
// call whose client deadline has already passed (before changing
// anything), and finish the call with an absl::Status.

#ifndef SWITCHBOARD_SERVICES_SERVER_UNARY_CALL_H_
#define SWITCHBOARD_SERVICES_SERVER_UNARY_CALL_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace switchboard::server {

// DEADLINE_EXCEEDED when the client's deadline has passed, CANCELLED when
// the client cancelled the call; OK otherwise. `what` says what was not
// done, e.g. "the contact was not routed".
absl::Status CheckCallAlive(grpc::CallbackServerContext* context,
                            absl::string_view what);

// Finishes a unary call with `status` (its code and message, one to one).
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context,
                                      const absl::Status& status);

}  // namespace switchboard::server

#endif  // SWITCHBOARD_SERVICES_SERVER_UNARY_CALL_H_
